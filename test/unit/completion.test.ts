/** Clause completions (src/core/completion.ts): where they are offered, in which form, and how they read. */
import { strict as assert } from 'node:assert';
import { clauseCompletions, completionPlace } from '../../src/core/completion';
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
