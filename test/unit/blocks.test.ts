import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNK_COST_LIMIT, chunkText, directChunkBlocks, findFrontMatter, isPlainParagraph, markdownChunkBlocksWithRemark, markdownCost, segmentDocument, splitLines } from '../../src/core/model/blocks';
import { buildModel } from '../../src/core/model/model';

describe('block segmentation', () => {
  it('finds front matter line by line as a reading of all the lines would (LF, CRLF, CR, BOM, unclosed)', () => {
    // The reference: the whole text split into lines first, the closing fence searched among the first 2,000.
    const reference = (text: string) => {
      const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      if (!/^---[ \t]*(\r?\n|\r)/.test(text.slice(offset, offset + 8))) return undefined;
      const lines = splitLines(text, offset);
      for (let i = 1; i < lines.length && i < 2000; i++) {
        if (/^(---|\.\.\.)[ \t]*$/.test(text.slice(lines[i].start, lines[i].end))) return { start: offset, end: lines[i].end, bodyStart: lines[1].start, bodyEnd: lines[i].start };
      }
      return undefined;
    };
    const piece = fc.constantFrom('---', '...', '--- ', 'mandate-lint: strategy', 'title: x', '', ' ', '\ufeff', 'text');
    const lineBreak = fc.constantFrom('\n', '\r\n', '\r');
    const text = fc.array(fc.tuple(piece, lineBreak), { maxLength: 8 }).map((lines) => lines.map(([l, b]) => l + b).join(''));
    fc.assert(fc.property(fc.constantFrom('', '\ufeff'), text, fc.boolean(), (bom, body, dropLast) => {
      const draft = bom + '---\n' + (dropLast ? body.replace(/(\r\n|\r|\n)$/, '') : body);
      assert.deepEqual(findFrontMatter(draft), reference(draft));
    }), { numRuns: 2000 });
    // Only the first 2,000 lines are searched for the closing fence.
    const far = (n: number) => '---\n' + 'a: 1\n'.repeat(n) + '---\nbody';
    assert.equal(findFrontMatter(far(1998))?.bodyStart, 4);
    assert.equal(findFrontMatter(far(1999)), undefined);
  });


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

  it("reads a long list directly as Markdown even past remark's cost limit; a long quote past it stays plain text", () => {
    const list = Array.from({ length: 6000 }, (_, i) => `${i + 1}. *Requests* the Mission to support the police & the army;`).join('\n');
    assert.ok(markdownCost(list) > CHUNK_COST_LIMIT, 'the list costs more than remark may spend on one chunk');
    const direct = directChunkBlocks(list);
    assert.ok(direct, 'the direct reader reads the list');
    const read = segmentDocument(list, 'markdown', false).blocks;
    assert.equal(read.length, 6000, 'one block per item, not one plain paragraph');
    assert.deepEqual(read.map((b) => [b.kind, b.start, b.end, b.contentStart, b.listMarker?.start]), direct.map((b) => [b.kind, b.start, b.end, b.contentStart, b.listMarker?.start]));
    // A quote is remark's to read: past the limit it is read as plain text, in one block.
    const quote = list.replace(/^/gm, '> ');
    assert.equal(directChunkBlocks(quote), undefined);
    assert.equal(segmentDocument(quote, 'markdown', false).blocks.length, 1);
    // The shared chunk cache changes nothing: a second reading from it gives the same blocks.
    const both = `${list}\n\n${quote}\n\n> a short quote, for remark`;
    const plain = JSON.stringify(segmentDocument(both, 'markdown', false).blocks);
    segmentDocument(both, 'markdown', true);
    assert.equal(JSON.stringify(segmentDocument(both, 'markdown', true).blocks), plain);
  });

  it('reads thousands of headings, rules and indented lines on consecutive lines without running out of stack', () => {
    // Each heading, rule or indented block once read the lines after it by calling itself: 11,000 headings with
    // no blank line between them (a pasted outline) overflowed the stack and the draft was not linted at all.
    const headings = Array.from({ length: 20_000 }, (_, i) => `# Police ${i}`).join('\n');
    const direct = directChunkBlocks(headings);
    assert.ok(direct, 'the direct reader reads the headings');
    assert.equal(direct.length, 20_000);
    assert.deepEqual(direct.slice(0, 2).map((b) => [b.kind, b.start, b.end, b.contentStart]), [['heading', 0, 10, 2], ['heading', 11, 21, 13]]);
    const mixed = Array.from({ length: 8_000 }, (_, i) => `Requests the Mission to train the police ${i};\n# Part ${i}\n***\n    indented ${i}`).join('\n');
    const blocks = directChunkBlocks(mixed);
    assert.ok(blocks, 'the direct reader reads paragraphs, headings, rules and indented lines in turn');
    assert.deepEqual(blocks.slice(0, 3).map((b) => b.kind), ['paragraph', 'heading', 'paragraph']);
    assert.equal(blocks.length, 24_000, 'a paragraph, a heading and an indented block per round (the rule holds no text)');
    assert.equal(buildModel(headings, 'markdown', false).units.length, 20_000);
  });

  it('counts the underlines of headings in the cost of a chunk left to remark: its time grows with their cube', () => {
    // 1,500 underlined headings in one run, with a quote that the direct reader leaves to remark: micromark took
    // 1 s for 1,000 of them and 2 s for 2,000, so the cost must put such a chunk past the limit (read as plain text).
    const underlined = 'Police\n---\n'.repeat(1500) + '> a quote';
    assert.equal(directChunkBlocks(underlined), undefined);
    assert.ok(markdownCost(underlined) > CHUNK_COST_LIMIT, String(markdownCost(underlined)));
    // Read as plain text instead: every line's text is still there, in blocks.
    const blocks = segmentDocument(underlined, 'markdown', false).blocks;
    assert.equal(blocks.filter((b) => underlined.slice(b.contentStart, b.end).startsWith('Police')).length, 1500);
    // A title or two underlined in a draft cost next to nothing more.
    const draft = 'Title of the strategy\n=====\n' + 'Text of the strategy.\n'.repeat(10) + 'Part one\n---\n> q';
    assert.ok(markdownCost(draft) < markdownCost(draft.replace(/=|-/g, 'x')) + 10);
  });

  it('charges headings and quote markers in the cost of a chunk as micromark spends on them', () => {
    // 11,000 headings that end in a lone "#" (left to remark): 100 KB that took micromark 0.7 s, when 100 KB of
    // prose takes it 0.08 s; 11,000 quoted lines took it 0.5 s. Each must cost more than the chunk limit.
    const headings = '# Police\n'.repeat(11_000) + '#';
    assert.equal(directChunkBlocks(headings), undefined);
    assert.ok(markdownCost(headings) > CHUNK_COST_LIMIT, String(markdownCost(headings)));
    assert.ok(markdownCost('> police\n'.repeat(11_000)) > CHUNK_COST_LIMIT);
    // 100 KB of prose lines stays within it.
    assert.ok(markdownCost('Requests the Mission to train\n'.repeat(3_300)) < CHUNK_COST_LIMIT);
  });

  it('sends chunks with block syntax to remark', () => {
    for (const chunk of ['# Heading', '> quote', '- item', '1. item', '2) item', '    code', '\tcode', 'text\n===', '<!-- c -->', '```', '[a]: http://x', '***']) {
      assert.equal(isPlainParagraph(chunk), false, chunk);
    }
    assert.equal(isPlainParagraph('Requests the Mission to support the police (a) and (b);'), true);
  });

  it('reads headings, list items and prose without remark exactly as remark does, on every chunk of the corpora', () => {
    const root = join(__dirname, '..', '..');
    const dirs = [
      join(root, 'examples'),
      join(root, '..', 'shared', 'corpus', 'docs'),
      join(root, '..', 'shared', 'seeds'),
      join(root, 'test', 'corpus-dev', 'docs'),
      join(root, 'test', 'fixtures', 'rules'),
      join(root, 'test', 'fixtures', 'reading'),
    ].filter((d) => existsSync(d));
    let directBytes = 0;
    let drafts = 0;
    const extra = ['1. *Requests* the Mission\nto support the police;', '- to train\r\n  the army;', '## Heading', '## Heading ##', '# Heading ', '* * *', '- - x', '1. # x', '1.  two spaces', '10) ten', '+ plus', '*Reaffirming* its support,', '#5 on the list', '-not a list', '2026. A year', '- a\n- b\n* c', '1. a\n2. b\ncontinued\n3) c', '- a\n  - nested', 'para\n\n  indented after a blank', '<div>\n\n  x', '<i>Organization</i> ..... 27\nLesson 12. Text', '<sup>1</sup> A/72/707', '<div>', '<DIV class="a">\ntext', '<span>x</span>', '<!-- c -->\ntext', '  <table>', '- a\n  - b\n    - c\n - d', '- a\n  2. b', '- a\n  1. b', '1. a\n   - b\ncontinued', 'Framework\tAction\n\tRecruit experts', 'text\n    indented continuation', 'text\n  \t- not an item', 'text\n\t# not a heading', 'text\n \t> not a quote', 'text\n   - an item'];
    const read = (d: string) => readdirSync(d).filter((f) => /\.(md|txt)$/.test(f)).map((f) => readFileSync(join(d, f), 'utf8'));
    const texts = dirs.flatMap(read);
    const realDrafts = new Set(dirs.filter((d) => !d.includes('fixtures')).flatMap(read));
    for (const text of [...texts, ...extra, ...texts.slice(0, 20).map((t) => t.replace(/\n/g, '\r\n'))]) {
      for (const chunk of chunkText(text, 0)) {
        const body = text.slice(chunk.start, chunk.end);
        if (realDrafts.has(text)) drafts += body.length;
        const fast = directChunkBlocks(body);
        if (!fast) continue;
        if (realDrafts.has(text)) directBytes += body.length;
        const slow = markdownChunkBlocksWithRemark(body).map((b) => ({ ...b, end: b.kind === 'paragraph' ? trimEnd(body, b.end, b.start) : b.end }));
        assert.deepEqual(JSON.parse(JSON.stringify(fast)), JSON.parse(JSON.stringify(slow)), JSON.stringify(body.slice(0, 200)));
      }
    }
    // Nearly all the text of real drafts takes the direct path, Word tables and nested markers included; what is
    // left for remark is rare (code fences, quotes, link definitions, items that run on over blank lines).
    assert.ok(directBytes / drafts > 0.99, `${directBytes} of ${drafts} characters read directly`);
  });

  it('reads Word tables, markers inside items and rules under table headers without remark, as remark does', () => {
    const shapes = [
      // a report's numbered recommendations under bullets: a list inside each item, at any number
      '- 2) Use the good offices of the envoy.\n- 3) Strengthen the analysis of the political economy,\nwith the national partners.',
      '- 8. Political will is the first condition.\n- 9. Signs of its absence include:',
      // a list that starts with an empty item
      '- \n1. We aim to support the reform.\n 2. A national commitment comes first.',
      // a table pasted from Word: cells after a tab, indented code to CommonMark after a blank line
      'Table 3: Options for support\n\n\tOption\tCost\n<b>Police</b>\tHigh',
      '## Annex 2: People consulted\n\n\tName\tPosition\n1.\tA. Officer\tAdviser, Ministry of Defence\n2.\tB. Officer\tPolice Commissioner',
      '\tRow one\tcell\n\n\tRow two\tcell\nAfter the table',
      // a header row, then a rule of dashes and tabs, then the rows
      'Context 1\tContext 2\n---------\t---------\nFragile\tStable',
      // cells written as HTML paragraphs end the paragraph before them
      'Framework\tAction\n<p>Learning</p>\t<p>Formalize the guidance</p>',
      // a heading right under a paragraph, a paragraph right under a heading
      'Text of the paragraph\n## Next section\nMore text',
      // a tab after the marker counts to the next tab stop: "   - b" is not inside the item
      '1.\ta\n   - b',
      // a no-break space opens the paragraph's text
      '\u00a0Requests the Mission',
      // a paragraph underlined as a heading ("=" for the first level, "-" for the second), indented or not
      'Title of the strategy\n=====\nText',
      '  Part one,\nin two lines  \n  ---  \n    indented\nPart two\n-\n***',
    ];
    for (const chunk of shapes) {
      const fast = directChunkBlocks(chunk);
      assert.ok(fast, `read directly: ${JSON.stringify(chunk)}`);
      const slow = markdownChunkBlocksWithRemark(chunk).map((b) => ({ ...b, end: b.kind === 'paragraph' ? trimEnd(chunk, b.end, b.start) : b.end }));
      assert.deepEqual(JSON.parse(JSON.stringify(fast)), JSON.parse(JSON.stringify(slow)), JSON.stringify(chunk));
    }
    // What remark would read differently from a plain reading stays with remark.
    for (const chunk of ['- a\n\n    continued item', '\tcode\n\n2. after code', 'para\n- 2) b', '<!-- a\n\n  b -->', '- item\n---', '> quote\n===']) {
      assert.equal(directChunkBlocks(chunk), undefined, JSON.stringify(chunk));
    }
  });

  it('reads generated chunks of lists, nested markers, rules, HTML and indented code exactly as remark does, or leaves them to it', () => {
    // Line shapes of drafts pasted from Word and of converted reports, with the near misses around them.
    // (A no-break space is text to CommonMark, not indentation.)
    const indent = fc.constantFrom('', '', '', ' ', '  ', '   ', '    ', '\t', ' \t', '      ', '\u00a0');
    const marker = fc.constantFrom('', '', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '-\t', '1.\t', '- 2) ', '- 8. ', '- - ', '1. - ', '-  ', '2.    ', '-', '3.');
    const prose = fc.constantFrom('Requests the Mission', 'to support the police;', '*2) Leverage* the offices', 'Name\tPosition', 'A. Name\tOfficer');
    const special = fc.constantFrom('<p>cell</p>', '<b>Objective</b>\tBuild', '<div>', '-----\t-----', '---', '***', '* * *', '===', '=', '-', '-- ', '=  =', '--- -', '# Head', '## Head ##', '#5 on the list', '> quoted', '<!-- note -->', '[a]: http://x', '');
    const text = fc.oneof({ arbitrary: prose, weight: 3 }, { arbitrary: special, weight: 2 });
    const line = fc.tuple(indent, marker, text).map(([i, m, t]) => i + m + t);
    const document = fc.array(line, { minLength: 1, maxLength: 8 }).map((lines) => lines.join('\n'));
    let direct = 0;
    let chunks = 0;
    fc.assert(
      fc.property(document, (doc) => {
        for (const chunk of chunkText(doc, 0)) {
          const body = doc.slice(chunk.start, chunk.end);
          chunks++;
          const fast = directChunkBlocks(body);
          if (!fast) continue;
          direct++;
          const slow = markdownChunkBlocksWithRemark(body).map((b) => ({ ...b, end: b.kind === 'paragraph' ? trimEnd(body, b.end, b.start) : b.end }));
          assert.deepEqual(JSON.parse(JSON.stringify(fast)), JSON.parse(JSON.stringify(slow)), JSON.stringify(body));
        }
      }),
      { numRuns: 3000 },
    );
    // The property says something only if the direct reader takes a good share of the chunks.
    assert.ok(direct / chunks > 0.15, `${direct} of ${chunks} chunks read directly`);
  });
});

/** remark's paragraph end without trailing spaces, tabs and line breaks (to CommonMark a no-break space is text). */
function trimEnd(text: string, end: number, start: number): number {
  while (end > start && /[ \t\r\n]/.test(text[end - 1])) end--;
  return end;
}
