import { strict as assert } from 'node:assert';
import { parseAndValidate } from '../../src/core/config/validate';
import configSchema from '../../schemas/mandatelintrc.schema.json';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigResolver } from '../../src/node/config';
import { lintSource } from '../../src/node/engine';
import { cleanWorkspaces, makeWorkspace } from '../helpers/workspace';

const CAPABILITY_ONLY = '3. Requests the Mission to provide training and equipment to the national army;\n';

describe('configuration', () => {
  after(cleanWorkspaces);

  it('merges files upward, nearest wins, and stops at root: true', () => {
    const ws = makeWorkspace({
      '.mandatelintrc.json': JSON.stringify({ rules: { 'missing-gender': 'off', 'missing-benchmarks': 'error' } }),
      'team/.mandatelintrc.json': JSON.stringify({ root: true, rules: { 'missing-benchmarks': 'info' } }),
      'team/drafts/.mandatelintrc.json': '// comments are allowed\n{ "docType": "strategy", "rules": { "train-and-equip-drift": "warning", }, }',
      'team/drafts/a.md': CAPABILITY_ONLY,
      'other/b.md': CAPABILITY_ONLY,
    });
    const resolver = new ConfigResolver();
    const a = resolver.resolve(join(ws, 'team/drafts/a.md'));
    assert.equal(a.docType, 'strategy');
    assert.equal(a.rules['train-and-equip-drift'].severity, 'warning');
    assert.equal(a.rules['missing-benchmarks'].severity, 'info');
    assert.equal(a.rules['missing-gender'], undefined, 'the outer file is beyond root: true');
    assert.equal(a.sources.length, 2);
    const b = resolver.resolve(join(ws, 'other/b.md'));
    assert.equal(b.rules['missing-gender'].severity, 'off');
  });

  it('applies a shared configuration reached twice (a diamond of extends) once, where it is first reached', () => {
    // Five levels of four files, each extending the four of the next level: 1,024 paths to the last level.
    const files: Record<string, string> = {};
    for (let level = 0; level < 5; level++) {
      for (let k = 0; k < 4; k++) files[`shared/l${level}_${k}.json`] = JSON.stringify(level < 4 ? { extends: [0, 1, 2, 3].map((j) => `./l${level + 1}_${j}.json`) } : { rules: { 'missing-hrddp': 'off' } });
    }
    // b.json sets a rule after d.json, which c.json extends again: applied again, d.json would undo b.json.
    files['shared/d.json'] = JSON.stringify({ rules: { 'missing-gender': 'error' } });
    files['shared/b.json'] = JSON.stringify({ extends: './d.json', rules: { 'missing-gender': 'warning' } });
    files['shared/c.json'] = JSON.stringify({ extends: './d.json' });
    files['.mandatelintrc.json'] = JSON.stringify({ root: true, extends: ['./shared/l0_0.json', './shared/l0_1.json', './shared/b.json', './shared/c.json'] });
    files['a.md'] = CAPABILITY_ONLY;
    const ws = makeWorkspace(files);
    const resolver = new ConfigResolver();
    const resolved = resolver.resolve(join(ws, 'a.md'));
    assert.equal(new Set(resolved.sources).size, resolved.sources.length, 'each file once');
    assert.equal(resolved.sources.length, 4 * 4 + 2 + 3 + 1, 'the files of levels 1 to 4, two of level 0, d, b, c and the draft\'s own');
    assert.equal(resolved.rules['missing-hrddp'].severity, 'off', 'the last level applies');
    assert.equal(resolved.rules['missing-gender'].severity, 'warning');
    assert.deepEqual(resolver.problemsFor(join(ws, 'a.md')), []);
    assert.equal(resolver.isIgnored(join(ws, 'a.md')), false);
  });

  it('applies overrides by glob, relative to the config file', () => {
    const ws = makeWorkspace({
      '.mandatelintrc.json': JSON.stringify({
        root: true,
        overrides: [
          { files: ['strategies/**/*.md'], docType: 'strategy' },
          { files: '*.mandate.md', rules: { 'missing-gender': ['error', { paragraphs: false }] } },
        ],
      }),
    });
    const resolver = new ConfigResolver();
    assert.equal(resolver.resolve(join(ws, 'strategies/2026/plan.md')).docType, 'strategy');
    assert.equal(resolver.resolve(join(ws, 'drafts/x.md')).docType, 'auto');
    const rule = resolver.resolve(join(ws, 'drafts/kal.mandate.md')).rules['missing-gender'];
    assert.deepEqual(rule, { severity: 'error', options: { paragraphs: false } });
  });

  it('reports broken JSON and schema errors with line and column, and keeps linting with the rest', () => {
    const ws = makeWorkspace({
      '.mandatelintrc.json': JSON.stringify({ root: true, rules: { 'missing-gender': 'off' } }),
      'sub/.mandatelintrc.json': '{\n  "rules": {\n    "missing-governance": "loud"\n  },\n  "colour": true\n}\n',
      'sub/deeper/.mandatelintrc.json': '{ "rules": { oops } }',
      'sub/deeper/a.md': CAPABILITY_ONLY,
    });
    const resolver = new ConfigResolver();
    const file = join(ws, 'sub/deeper/a.md');
    const problems = resolver.problemsFor(file);
    const schema = problems.filter((p) => p.file.endsWith(join('sub', '.mandatelintrc.json')));
    assert.ok(schema.some((p) => p.line === 3 && /missing-governance/.test(p.message)), JSON.stringify(schema));
    assert.ok(schema.some((p) => p.line === 5 && /unknown property "colour"/.test(p.message)), JSON.stringify(schema));
    assert.ok(problems.some((p) => p.file.includes('deeper') && /invalid JSON/.test(p.message)));
    const { result } = lintSource(CAPABILITY_ONLY, file, { resolver });
    assert.ok(result.findings.some((f) => f.ruleId === 'train-and-equip-drift'), 'linting goes on');
    assert.ok(!result.findings.some((f) => f.ruleId === 'missing-gender'), 'the valid outer config still applies');
  });

  it('reads a "__proto__" key as a key: reported as unknown where it is, never the prototype of what was read', () => {
    const parsed = parseAndValidate('{\n  "root": true,\n  "__proto__": { "polluted": 1 }\n}', configSchema);
    assert.deepEqual(parsed.problems, [{ message: 'top level: unknown property "__proto__"', line: 3, column: 3 }]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('reports an unknown rule id at its position', () => {
    const ws = makeWorkspace({ '.mandatelintrc.json': '{\n  "root": true,\n  "rules": { "missing-gendre": "off" }\n}' });
    const problems = new ConfigResolver().problemsFor(join(ws, 'a.md'));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /unknown rule "missing-gendre"/);
  });

  it('loads team lexicons, refuses hostile patterns with a message and uses the safe terms', () => {
    const ws = makeWorkspace({
      '.mandatelintrc.json': JSON.stringify({ root: true, lexicons: ['team-lexicon.json', 'missing.json'] }),
      'team-lexicon.json': JSON.stringify({
        concepts: [
          { id: 'governance', terms: ['community scorecards', { pattern: '(a+)+$' }] },
        ],
      }),
    });
    const resolver = new ConfigResolver();
    const file = join(ws, 'a.md');
    const problems = resolver.problemsFor(file);
    assert.ok(problems.some((p) => /missing.json: file not found/.test(p.message)));
    const refused = problems.find((p) => /refused/.test(p.message));
    assert.ok(refused && refused.file.endsWith('team-lexicon.json') && /nested quantifiers/.test(refused.message), JSON.stringify(problems));
    const { result } = lintSource('3. Requests the Mission to train the national police, with community scorecards on police conduct;\n', file, { resolver });
    assert.ok(!result.findings.some((f) => f.ruleId === 'train-and-equip-drift' && f.level === 'paragraph'), 'team governance term counts');
  });

  it('warns where a lexicon context names a concept no lexicon defines', () => {
    const ws = makeWorkspace({
      '.mandatelintrc.json': JSON.stringify({ root: true, lexicons: ['team-lexicon.json'] }),
      'team-lexicon.json': JSON.stringify({
        concepts: [
          { id: 'payroll', terms: ['payroll'], contexts: { forces: { concepts: ['national-force', 'payrol-audit'], window: 8 } } },
          { id: 'payroll-audit', terms: ['payroll audit'] },
        ],
      }, null, 2),
    });
    const problems = new ConfigResolver().problemsFor(join(ws, 'a.md'));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0].severity, 'warning');
    assert.match(problems[0].message, /concept "payroll", context "forces": no lexicon defines the concept "payrol-audit"/);
    assert.ok(problems[0].file.endsWith('team-lexicon.json') && problems[0].line > 1, 'where it is written');
  });

  it("takes a team lexicon's shared exclusion of built-in concepts, and says where one names a concept no lexicon defines", () => {
    const ws = makeWorkspace({
      '.mandatelintrc.json': JSON.stringify({ root: true, lexicons: ['team-lexicon.json'] }),
      'team-lexicon.json': JSON.stringify({ concepts: [], exclusions: [{ concepts: ['national-force', 'security-institution', 'natonal-force'], phrases: ['Kalindor Scouts'], note: 'a youth movement' }] }, null, 2),
      'a.md': '3. *Requests* the Mission to train the Kalindor Scouts and the national police;\n',
    });
    const resolver = new ConfigResolver();
    const problems = resolver.problemsFor(join(ws, 'a.md'));
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0].message, /"natonal-force".*no lexicon defines/);
    assert.ok(problems[0].file.endsWith('team-lexicon.json') && problems[0].line > 1, 'where it is written');
    const { result } = lintSource(readFileSync(join(ws, 'a.md'), 'utf8'), join(ws, 'a.md'), { resolver });
    const quoted = result.findings.map((f) => f.found).join(' ');
    assert.ok(!/Kalindor Scouts/.test(quoted), quoted);
  });

  it('honours ignorePatterns relative to the config file', () => {
    const ws = makeWorkspace({ '.mandatelintrc.json': JSON.stringify({ root: true, ignorePatterns: ['archive/**'] }) });
    const resolver = new ConfigResolver();
    assert.equal(resolver.isIgnored(join(ws, 'archive/old.md')), true);
    assert.equal(resolver.isIgnored(join(ws, 'drafts/new.md')), false);
  });
});
