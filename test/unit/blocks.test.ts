import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { chunkText, isPlainParagraph, markdownChunkBlocksWithRemark } from '../../server/src/core/model/blocks';
import { buildModel } from '../../server/src/core/model/model';

describe('block segmentation', () => {
  it('cuts chunks at blank lines but not inside fences or before indented continuations', () => {
    const text = 'one\ntwo\n\nthree\n\n```\ncode\n\nmore code\n```\n\n- item\n\n  continued\n\nlast';
    const chunks = chunkText(text, 0).map((c) => text.slice(c.start, c.end));
    assert.deepEqual(chunks, ['one\ntwo', 'three', '```\ncode\n\nmore code\n```', '- item\n\n  continued', 'last']);
  });

  it('reads a prose chunk as one paragraph exactly as remark does', () => {
    const words = fc.constantFrom('Requests', 'the', 'Mission', 'to', 'train,', 'police;', 'women', '(a)', 'résumé', '“quoted”', '2026.', 'a-b', '*', 'x_y', '!', '&', 'S/RES/2553', ' ', '  ');
    const line = fc.array(words, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
    // chunkText never yields a whitespace-only line inside a chunk: that is a blank line, where chunks are cut.
    const chunk = fc
      .array(line, { minLength: 1, maxLength: 6 })
      .map((lines) => lines.join('\n'))
      .filter((text) => text.split('\n').every((l) => l.trim().length > 0));
    fc.assert(
      fc.property(chunk, (text) => {
        if (!isPlainParagraph(text) || !text.trim()) return;
        const model = buildModel(text, 'markdown');
        const remark = markdownChunkBlocksWithRemark(text).filter((b) => b.kind === 'paragraph');
        assert.equal(remark.length, 1, JSON.stringify(text));
        const units = model.units;
        assert.ok(units.length >= 1);
        // Units never include trailing whitespace, whichever path produced the block.
        let remarkEnd = remark[0].end;
        while (remarkEnd > remark[0].start && /\s/.test(text[remarkEnd - 1])) remarkEnd--;
        assert.equal(Math.min(...units.map((u) => u.start)), remark[0].start, JSON.stringify(text));
        assert.equal(Math.max(...units.map((u) => u.end)), remarkEnd, JSON.stringify(text));
      }),
      { numRuns: 500 },
    );
  });

  it('sends chunks with block syntax to remark', () => {
    for (const chunk of ['# Heading', '> quote', '- item', '1. item', '2) item', '    code', '\tcode', 'text\n===', '<!-- c -->', '```', '[a]: http://x', '***']) {
      assert.equal(isPlainParagraph(chunk), false, chunk);
    }
    assert.equal(isPlainParagraph('Requests the Mission to support the police (a) and (b);'), true);
  });
});
