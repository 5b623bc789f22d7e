/** Clause completions (src/core/completion.ts): where they are offered, in which form, and how they read. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clauseCompletions, clauseCompletionsAt, completionPlace, type PlacedClause } from '../../src/core/completion';
import { applyEdits } from '../../src/core/fixes';
import { lintText } from '../../src/core/lint';
import type { Snippet } from '../../src/core/snippets';
import core from '../../data/snippets/core.json';

const library = core.snippets as Snippet[];

describe('clause completions', () => {
  it('are offered where a paragraph or an item starts, in the form its marker asks for', () => {
    const cases: Array<[string, 'mandate' | 'strategy', string | undefined]> = [
      ['', 'mandate', 'operative'],
      ['', 'strategy', 'activity'],
      ['   ', 'mandate', 'operative'],
      ['2. ', 'mandate', 'operative'],
      ['2.', 'mandate', 'operative'],
      ['12) ', 'mandate', 'operative'],
      ['(3) ', 'mandate', 'operative'],
      ['2.1. ', 'mandate', 'operative'],
      ['2. ', 'strategy', 'activity'],
      ['(b) ', 'mandate', 'subparagraph'],
      ['(b)', 'mandate', 'subparagraph'],
      ['b) ', 'mandate', 'subparagraph'],
      ['    (aa) ', 'mandate', 'subparagraph'],
      ['(iv) ', 'mandate', 'subparagraph'],
      ['iv) ', 'mandate', 'subparagraph'],
      ['(i) ', 'strategy', 'subparagraph'],
      ['- ', 'mandate', 'activity'],
      ['* ', 'strategy', 'activity'],
      ['• ', 'mandate', 'activity'],
      ['OP4. ', 'mandate', 'operative'],
      // Anywhere else: nothing.
      ['Requests the ', 'mandate', undefined],
      ['1. Requests ', 'mandate', undefined],
      ['1. (a) ', 'mandate', undefined],
      ['(abc) ', 'mandate', undefined],
      ['x ', 'mandate', undefined],
    ];
    for (const [prefix, docType, form] of cases) assert.equal(completionPlace(prefix, docType)?.form, form, JSON.stringify(prefix));
  });

  it('replace what the drafter has typed of a prefix or title', () => {
    assert.deepEqual(completionPlace('2. ml-hrd', 'mandate'), { typed: 'ml-hrd', form: 'operative' });
    assert.deepEqual(completionPlace('(c) vet', 'mandate'), { typed: 'vet', form: 'subparagraph' });
    assert.deepEqual(completionPlace('bench', 'strategy'), { typed: 'bench', form: 'activity' });
    assert.deepEqual(completionPlace('2. ', 'mandate'), { typed: '', form: 'operative' });
    // Digits inside a prefix, as the snippet schema allows them; a bare number is not a prefix.
    assert.deepEqual(completionPlace('3. ml-pillar2', 'mandate'), { typed: 'ml-pillar2', form: 'operative' });
    assert.deepEqual(completionPlace('(b) ml-2b', 'mandate'), { typed: 'ml-2b', form: 'subparagraph' });
    assert.equal(completionPlace('12', 'mandate'), undefined);
  });

  it('render the clauses of the document type in library order, with the draft\'s placeholders', () => {
    const mandate = clauseCompletions(library, 'mandate', 'operative', { mission: 'UNSMIX' });
    assert.ok(mandate.length >= 12);
    assert.deepEqual(mandate.map((c) => c.sortText), [...mandate.map((c) => c.sortText)].sort());
    for (const c of mandate) assert.ok(!c.snippet.docTypes || c.snippet.docTypes.includes('mandate'), c.label);
    const hrddp = mandate.find((c) => /Human rights due diligence/.test(c.label))!;
    assert.match(hrddp.body, /^\*Requests\* UNSMIX to ensure that all support/);
    assert.match(hrddp.body, /;\$0$/);
    assert.match(hrddp.detail, /^Mandate Lint clause · answers /);
    assert.match(hrddp.documentation, /\*Lessons:\* /);
    assert.ok(hrddp.filterText.endsWith(hrddp.label));

    const sub = clauseCompletions(library, 'mandate', 'subparagraph', {}).find((c) => c.snippet.id === hrddp.snippet.id)!;
    assert.match(sub.body, /^to ensure that all support/);
    const activity = clauseCompletions(library, 'strategy', 'activity', {});
    const task = activity.find((c) => c.snippet.kind === 'task');
    if (task) assert.match(task.body, /\.\$0$/);
    assert.ok(activity.every((c) => !c.snippet.docTypes || c.snippet.docTypes.includes('strategy')));
  });
});

describe('clauses placed in the draft (clauseCompletionsAt)', () => {
  const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');
  const FRONT = '---\nmandate-lint: mandate\nmission: MINUKAL\nhost-state: the Government of Kalindor\nforces: the KDSF\nmandate-end: 31 March 2027\n---\n\n';

  /** The draft after accepting the clause `id` with the cursor right after `typed` (its first occurrence), tab stops left at their defaults. */
  function accept(text: string, typed: string, id: string): { text: string; item: PlacedClause; items: PlacedClause[] } {
    const cursor = text.indexOf(typed) + typed.length;
    assert.ok(cursor >= typed.length, `"${typed}" is in the text`);
    const analysis = lintText(text, { format: 'markdown', cacheFacts: false }).analysis;
    const items = clauseCompletionsAt(analysis, library, text.lastIndexOf('\n', cursor - 1) + 1, cursor);
    const item = items.find((i) => i.snippet.id === id);
    assert.ok(item, `${id} among ${items.map((i) => i.snippet.id).join(', ')}`);
    const plain = item.body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$0/, '').replace(/\\(.)/g, '$1');
    return { text: applyEdits(text, [...item.additionalEdits, { start: item.replaceStart, end: cursor, newText: plain }]), item, items };
  }

  it('offer each clause once, filled from the front matter, with no placeholder left where the draft says it', () => {
    const text = FRONT + weak.trimEnd() + '\n\nml-';
    const { text: out, item, items } = accept(text, '\n\nml-', 'hrddp-condition');
    assert.equal(new Set(items.map((i) => i.snippet.id)).size, items.length, 'one entry per clause');
    assert.doesNotMatch(item.body, /\$\{\d/, 'no tab stop: mission, forces and paragraphs are known');
    assert.match(out, /\n13\. \*Requests\* MINUKAL to ensure that all support to the KDSF under paragraphs 3 to 8 is provided/);
    assert.doesNotMatch(out, /the Mission|paragraph \[N\]|national defence and security forces/);
    assert.match(item.detail, /inserted as 13\./);
  });

  it('number a paragraph typed without a marker after the last one, which then ends with ";"', () => {
    const { text: out } = accept(weak.trimEnd() + '\n\nml-hrd', 'ml-hrd', 'hrddp-condition');
    assert.match(out, /12\. \*Decides\* to remain actively seized of the matter;\n\n13\. \*Requests\* MINUKAL to .*taken\.$/s);
  });

  it('push later paragraphs and the draft\'s references to them up by one when the number typed is taken', () => {
    const text = weak.replace('11. *Requests* the Secretary-General to report', '11. *Requests* the Secretary-General to report on paragraphs 4 to 9 and paragraph 10 of this resolution, and to report').replace('4. *Requests*', '4. ml-ov\n\n4. *Requests*');
    const { text: out } = accept(text, '4. ml-ov', 'civilian-oversight');
    const numbers = [...out.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    assert.deepEqual(numbers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    assert.match(out, /^4\. \*Requests\* MINUKAL to support the Government of Kalindor in establishing/m);
    assert.match(out, /^5\. \*Requests\* MINUKAL to assist the Ministry of Internal Security/m);
    assert.match(out, /report on paragraphs 5 to 10 and paragraph 11 of this resolution/);
    assert.match(out, /^4\. .*;$/m, 'a paragraph with paragraphs after it ends with ";"');
  });

  it('renumber and break lines as the draft does, whatever its line breaks (CRLF, a lone CR)', () => {
    const lf = weak.replace('4. *Requests*', '4. ml-ov\n\n4. *Requests*');
    const expected = accept(lf, '4. ml-ov', 'civilian-oversight');
    for (const eol of ['\r\n', '\r']) {
      const text = lf.replace(/\n/g, eol);
      const cursor = text.indexOf('4. ml-ov') + '4. ml-ov'.length;
      const analysis = lintText(text, { format: 'markdown', cacheFacts: false }).analysis;
      const lineStart = Math.max(text.lastIndexOf('\n', cursor - 1), text.lastIndexOf('\r', cursor - 1)) + 1;
      const items = clauseCompletionsAt(analysis, library, lineStart, cursor);
      const item = items.find((i) => i.snippet.id === 'civilian-oversight')!;
      const plain = item.body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$0/, '').replace(/\\(.)/g, '$1');
      const out = applyEdits(text, [...item.additionalEdits, { start: item.replaceStart, end: cursor, newText: plain }]);
      assert.equal(out, expected.text.replace(/\n/g, eol), JSON.stringify(eol));
      // A clause of several lines (the benchmark list) breaks its lines as the draft does.
      const block = items.find((i) => i.body.includes(eol))!;
      assert.ok(block, `a clause of several lines is offered (${JSON.stringify(eol)})`);
      assert.doesNotMatch(block.body.split(eol).join(''), /[\r\n]/, `only ${JSON.stringify(eol)} breaks its lines`);
    }
  });

  it('letter a sub-paragraph inside a list and move the later letters on, with the draft\'s references to them', () => {
    const text = weak
      .replace('(e) to support the disarmament', 'vet\n\n(e) to support the disarmament')
      .replace('4. *Requests* MINUKAL to assist', '4. *Requests* MINUKAL, in carrying out paragraph 3 (e) and paragraph 3 (d), to assist');
    const { text: out } = accept(text, '\nvet', 'vetting-integration');
    assert.match(out, /\n\(e\) to support the Government of Kalindor in ensuring that the integration of former combatants into the KDSF/);
    assert.match(out, /\n\(f\) to support the disarmament/);
    assert.match(out, /in carrying out paragraph 3 \(f\) and paragraph 3 \(d\), to assist/);
  });

  it('take the first letter between a lead-in and its first item, and move the items and the references to them on', () => {
    const text = weak
      .replace('(a) to protect civilians', 'ml-ov\n\n(a) to protect civilians')
      .replace('4. *Requests* MINUKAL to assist', '4. *Requests* MINUKAL, in carrying out paragraph 3 (d), to assist');
    const { text: out, item } = accept(text, '\nml-ov', 'civilian-oversight');
    assert.match(item.detail, /inserted as \(a\)/);
    assert.match(out, /following priority tasks:\n\n\(a\) to support /);
    assert.match(out, /\n\(b\) to protect civilians/);
    assert.match(out, /\n\(f\) to support the disarmament/);
    assert.match(out, /in carrying out paragraph 3 \(e\), to assist/);
    assert.deepEqual([...out.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 'no paragraph number added');
  });

  it('write a preambular clause in the preamble, in the draft\'s emphasis, ending with ","', () => {
    const text = weak.replace('*Determining*', 'ml-own\n\n*Determining*');
    const { text: out, items } = accept(text, 'ml-own', 'inclusive-ownership');
    assert.match(out, /\n\*Recognizing\* that national ownership .* serve,\n\n\*Determining\*/);
    assert.equal([...items].sort((a, b) => a.sortText.localeCompare(b.sortText))[0].snippet.kind, 'preambular', 'the clauses that fit the preamble come first');
    const plain = text.replace(/\*([A-Z][a-z]+(?: [a-z]+)?)\*/g, '$1');
    assert.match(accept(plain, 'ml-own', 'inclusive-ownership').text, /\nRecognizing that national ownership/);
  });

  it('in a draft that writes its verbs in bold, write the verb in bold', () => {
    const bold = weak.replace(/\*([A-Z][a-z]+(?: [a-z]+)?)\*/g, '**$1**').trimEnd() + '\n\nml-';
    assert.match(accept(bold, '\n\nml-', 'hrddp-condition').text, /\n13\. \*\*Requests\*\* MINUKAL to ensure/);
  });
});
