/**
 * The words a quick fix writes (issue 13, point 5): a new paragraph with paragraphs after it ends as they do, a
 * clause's verbs take the draft's emphasis, and the draft's paragraphs are named as a drafter would name them.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchmarksFix, fixesFor, paragraphList } from '../../src/core/fixes';
import { lintText } from '../../src/core/lint';
import { documentPlaceholders, type Snippet } from '../../src/core/snippets';
import core from '../../data/snippets/core.json';

const library = core.snippets as Snippet[];
const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');
const VERB = /\*([A-Z][a-z]+(?: [a-z]+)?)\*/g;
const variants: Record<string, { text: string; verb: RegExp }> = {
  italic: { text: weak, verb: /^\*(?:Recognizing|Requests|Decides)\* / },
  bold: { text: weak.replace(VERB, '**$1**'), verb: /^\*\*(?:Recognizing|Requests|Decides)\*\* / },
  underscore: { text: weak.replace(VERB, '_$1_'), verb: /^_(?:Recognizing|Requests|Decides)_ / },
  plain: { text: weak.replace(VERB, '$1'), verb: /^(?:Recognizing|Requests|Decides) / },
};

describe('the words of a quick fix (issue 13, point 5)', () => {
  it('names paragraphs as a drafter does: "paragraphs 2 and 3", a run of three or more as "3 to 5"', () => {
    assert.equal(paragraphList([4]), 'paragraph 4');
    assert.equal(paragraphList([3, 2]), 'paragraphs 2 and 3');
    assert.equal(paragraphList([3, 4, 5]), 'paragraphs 3 to 5');
    assert.equal(paragraphList([3, 5, 8, 9, 10, 5]), 'paragraphs 3, 5 and 8 to 10');
    assert.equal(paragraphList([1, 2, 4, 5]), 'paragraphs 1, 2, 4 and 5');
  });

  it('writes "paragraphs 2 and 3" in a benchmark paragraph for two adjacent asks', () => {
    const text = '# Draft\n\nThe Security Council,\n\n1. *Decides* to extend the mandate of UNSMIX;\n\n2. *Requests* UNSMIX to train the national army;\n\n3. *Requests* UNSMIX to equip the national police;\n\n4. *Decides* to remain seized of the matter.\n';
    const analysis = lintText(text, { format: 'markdown', cacheFacts: false }).analysis;
    const fix = benchmarksFix(analysis, library.find((s) => s.id === 'benchmarks-reporting')!, documentPlaceholders(analysis))!;
    const inserted = fix.edits.map((e) => e.newText).join('');
    assert.match(inserted, /progress in implementing paragraphs 2 and 3 shall/);
    assert.doesNotMatch(inserted, /paragraphs 2 to 3/);
  });

  for (const [name, { text, verb }] of Object.entries(variants)) {
    it(`in a draft with ${name} verbs: new paragraphs end as their neighbours do and open with the draft's emphasis`, () => {
      const result = lintText(text, { format: 'markdown', cacheFacts: false });
      let checked = 0;
      for (const finding of result.findings) {
        for (const fix of fixesFor(result.analysis, finding, library)) {
          if (fix.kind !== 'paragraph' && fix.kind !== 'benchmarks') continue;
          for (const e of fix.edits) {
            const body = e.newText.trim();
            if (body.length < 40) continue;
            checked++;
            const after = text.slice(e.end);
            // A new numbered paragraph with a numbered paragraph after it ends with ";" as Council paragraphs do.
            if (/^\d+\. /.test(body) && /^\s*\d+\. /.test(after)) assert.match(body, /;$/, `${fix.title}: ${JSON.stringify(body.slice(-40))}`);
            const opening = body.replace(/^(?:\d+\.|\([a-z]+\)) /, '');
            if (/^(?:[*_]{1,2})?(?:Recognizing|Requests|Decides)/.test(opening)) assert.match(opening, verb, `${fix.title}: ${JSON.stringify(opening.slice(0, 30))}`);
          }
        }
      }
      assert.ok(checked >= 10, `${checked} paragraphs checked`);
    });
  }
});
