/** The examples the README lints: the weak draft trips every core rule, the strong one none. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../server/src/core/lint';
import { RULES } from '../server/src/core/rules/registry';

const example = (name: string) => readFileSync(join(__dirname, '..', 'examples', name), 'utf8');

describe('examples', () => {
  it('weak-mandate.md trips all four core rules, at paragraph and document level', () => {
    const result = lintText(example('weak-mandate.md'), { format: 'markdown' });
    assert.equal(result.docType, 'mandate');
    for (const rule of ['missing-governance', 'missing-benchmarks', 'missing-gender', 'train-and-equip-drift']) {
      assert.ok(result.findings.some((f) => f.ruleId === rule && f.level === 'document'), `${rule} document finding`);
      if (rule !== 'missing-benchmarks') assert.ok(result.findings.some((f) => f.ruleId === rule && f.level === 'paragraph'), `${rule} paragraph finding`);
    }
    assert.ok(result.findings.some((f) => f.severity === 'error'));
  });

  it('strong-mandate.md trips no rule', () => {
    const result = lintText(example('strong-mandate.md'), { format: 'markdown' });
    assert.deepEqual(result.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    assert.ok(result.analysis.units.filter((u) => u.ssr).length >= 10, 'it is full of SSR content');
  });

  it('strategy-excerpt.md is read as a strategy and flags only its two capability-only activities', () => {
    const text = example('strategy-excerpt.md');
    const result = lintText(text, { format: 'markdown' });
    assert.equal(result.docType, 'strategy');
    assert.equal(result.docTypeSource, 'front-matter');
    assert.ok(result.findings.every((f) => f.level === 'paragraph'));
    const flagged = new Set(result.findings.map((f) => result.analysis.model.lines.positionAt(f.start).line));
    assert.equal(flagged.size, 2);
    const rules = new Set(result.findings.map((f) => f.ruleId));
    assert.deepEqual([...rules].sort(), ['missing-gender', 'train-and-equip-drift']);
    assert.ok(RULES.length >= 4);
  });
});
