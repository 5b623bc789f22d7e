/** Fix all (src/core/fix-all.ts): one edit list from a document's inline fixes, per rule and for every rule. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropOverlaps, fixAllInDocument, fixAllOfRule } from '../../src/core/fix-all';
import { applyEdits } from '../../src/core/fixes';
import { lintText } from '../../src/core/lint';
import type { Snippet } from '../../src/core/snippets';
import core from '../../data/snippets/core.json';

const library = core.snippets as Snippet[];
const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');
const lint = (text: string) => lintText(text, { format: 'markdown', cacheFacts: false });
const paragraphFindings = (text: string, ruleId?: string) => lint(text).findings.filter((f) => f.level === 'paragraph' && (!ruleId || f.ruleId === ruleId));

describe('fix all', () => {
  it('answers every paragraph finding of a rule with one clause per paragraph, and the findings go', () => {
    const result = lint(weak);
    const drift = result.findings.filter((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph');
    const all = fixAllOfRule(result, 'train-and-equip-drift', library);
    assert.ok(all.count > 1, `only ${all.count}`);
    assert.equal(all.count, new Set(drift.map((f) => f.unitId)).size);
    assert.ok(all.edits.length >= all.count);
    assert.deepEqual(paragraphFindings(applyEdits(weak, all.edits), 'train-and-equip-drift'), []);
    // Document findings and other rules are left alone.
    assert.deepEqual(fixAllOfRule(result, 'no-such-rule', library), { edits: [], count: 0 });
  });

  it('combines every rule into one edit list that applies in one go and clears every paragraph finding it answers', () => {
    const result = lint(weak);
    const edits = fixAllInDocument(result, library);
    assert.ok(edits.length > 10);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i].start >= edits[i - 1].end, `edit ${i} overlaps the one before`);
    const perRule = ['missing-governance', 'missing-gender', 'train-and-equip-drift'].reduce((n, id) => n + fixAllOfRule(result, id, library).count, 0);
    assert.ok(edits.length >= perRule);
    assert.ok(paragraphFindings(weak).length > 10);
    assert.deepEqual(paragraphFindings(applyEdits(weak, edits)).map((f) => f.ruleId), []);
  });

  it('drops an edit that overlaps one kept before it, keeps insertions at one point, and sorts', () => {
    const edits = [
      { start: 20, end: 25, newText: 'c' },
      { start: 0, end: 10, newText: 'a' },
      { start: 5, end: 12, newText: 'overlaps a' },
      { start: 10, end: 10, newText: 'b1' },
      { start: 10, end: 10, newText: 'b2' },
    ];
    assert.deepEqual(dropOverlaps(edits).map((e) => e.newText), ['a', 'b1', 'b2', 'c']);
    assert.deepEqual(dropOverlaps([]), []);
  });
});
