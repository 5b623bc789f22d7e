/** The examples the README lints: the weak draft trips every core rule and many others, the strong one none. */
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

  it('weak-mandate.md also trips the rules for HRDDP, affordability and exit', () => {
    const rules = new Set(lintText(example('weak-mandate.md'), { format: 'markdown' }).findings.map((f) => f.ruleId));
    for (const rule of ['missing-hrddp', 'missing-affordability', 'exit-without-transition']) assert.ok(rules.has(rule), rule);
  });

  it('strong-mandate.md trips no rule, even with the strict preset and every rule switched on', () => {
    const everything = Object.fromEntries(RULES.map((r) => [r.id, { severity: 'info' as const, options: {} }]));
    for (const options of [{}, { preset: 'mandate-lint:strict' }, { rules: everything }]) {
      const result = lintText(example('strong-mandate.md'), { format: 'markdown', ...options });
      assert.deepEqual(result.findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    }
    const result = lintText(example('strong-mandate.md'), { format: 'markdown' });
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
    assert.ok(RULES.length >= 14);
  });

  it('peace-agreement-excerpt.md gets the Box 2 checklist, the deferred integration and the missing dialogue', () => {
    const result = lintText(example('peace-agreement-excerpt.md'), { format: 'markdown' });
    assert.equal(result.docType, 'peace-agreement');
    const byRule = new Map(result.findings.map((f) => [f.ruleId, f]));
    assert.deepEqual([...byRule.keys()].sort(), ['dsr-provisions', 'integration-without-vetting', 'peace-agreement-without-dialogue']);
    assert.equal(byRule.get('dsr-provisions')!.severity, 'info');
    assert.match(byRule.get('dsr-provisions')!.message, /covers 8 of the ten.*human rights monitoring.*commission/);
    assert.equal(result.analysis.model.lines.positionAt(byRule.get('integration-without-vetting')!.start).line, 12);
  });
});
