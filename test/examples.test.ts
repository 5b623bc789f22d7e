/** The examples the README lints: the weak draft trips every core rule and many others, the strong one none. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../src/core/lint';
import { RULES } from '../src/core/rules/registry';

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

  it('strategy-excerpt.md is read as a strategy: one capability-only activity, gender notes on its SSR paragraphs', () => {
    const text = example('strategy-excerpt.md');
    const result = lintText(text, { format: 'markdown' });
    assert.equal(result.docType, 'strategy');
    assert.equal(result.docTypeSource, 'front-matter');
    assert.ok(result.findings.every((f) => f.level === 'paragraph'), 'the strategy carries analysis, monitoring and costing');
    const line = (f: { start: number }) => result.analysis.model.lines.positionAt(f.start).line;
    // The fuel-and-rations bullet readies battalions for the mission's handover; the gendarmerie bullet sits under a
    // section that conditions all support on the HRDDP, and the context section describes the past.
    const drift = result.findings.filter((f) => f.ruleId === 'train-and-equip-drift');
    assert.deepEqual(drift.map(line), [48]);
    const gender = result.findings.filter((f) => f.ruleId === 'missing-gender');
    assert.ok(gender.length >= 2 && gender.every((f) => f.severity === 'info'), 'gender notes on single strategy paragraphs are information');
    assert.deepEqual([...new Set(result.findings.map((f) => f.ruleId))].sort(), ['missing-gender', 'train-and-equip-drift']);
    assert.ok(RULES.length >= 14);
  });

  it('peace-agreement-excerpt.md gets the Box 2 checklist, the missing dialogue and the ungoverned integration provision', () => {
    const result = lintText(example('peace-agreement-excerpt.md'), { format: 'markdown' });
    assert.equal(result.docType, 'peace-agreement');
    const line = (f: { start: number }) => result.analysis.model.lines.positionAt(f.start).line;
    const byRule = new Map<string, typeof result.findings>();
    for (const f of result.findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
    assert.deepEqual([...byRule.keys()].sort(), ['dsr-provisions', 'missing-gender', 'missing-governance', 'peace-agreement-without-dialogue']);
    assert.equal(byRule.get('dsr-provisions')![0].severity, 'info');
    assert.match(byRule.get('dsr-provisions')![0].message, /covers 8 of the ten.*human rights monitoring.*commission/);
    // Article 15 integrates combatants by quotas left to later talks: the provision itself names no vetting or oversight.
    assert.deepEqual(byRule.get('missing-governance')!.map(line), [12]);
    assert.ok(byRule.get('missing-gender')!.every((f) => f.level === 'paragraph' && f.severity === 'info'));
  });

  it('the README quotes the CLI output on the examples as it is today', () => {
    const root = join(__dirname, '..');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /The first command lints[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'README has the example output block');
    const quoted = block[1].split('\n').filter((l) => l.startsWith('examples/') || l.startsWith('✖'));
    assert.ok(quoted.length >= 4);
    const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'examples/'], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(run.status, 1, 'the weak draft has errors, so the CLI exits with 1');
    const actual = new Set(run.stdout.split('\n').map((l) => l.trimEnd()));
    for (const line of quoted) assert.ok(actual.has(line.trimEnd()), `README line is not in the output:\n${line}`);
  });
});
