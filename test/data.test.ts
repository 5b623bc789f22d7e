/** Data files validate against their JSON Schemas and the lexicon compiles without problems. */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAndValidate } from '../src/core/config/validate';
import { compileLexicons, type LexiconSpec } from '../src/core/lexicon/lexicon';
import { ruleIds } from '../src/core/rules/registry';
import { getLesson } from '../src/core/lessons';
import { effectiveRuleConfig } from '../src/core/profiles';
import { getRule, RULES } from '../src/core/rules/registry';
import { DOC_TYPES } from '../src/core/analysis';
import { CONCEPT_IDS } from '../src/core/concepts';

const ROOT = join(__dirname, '..');
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8'));
const data = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('data files', () => {
  it('every lexicon validates and compiles without refused terms', () => {
    for (const file of readdirSync(join(ROOT, 'data', 'lexicon')).filter((f) => f.endsWith('.json'))) {
      const parsed = parseAndValidate<LexiconSpec>(data(`data/lexicon/${file}`), schema('lexicon.schema.json'));
      assert.deepEqual(parsed.problems, [], file);
      const compiled = compileLexicons([{ name: file, spec: parsed.value! }]);
      assert.deepEqual(compiled.problems, [], file);
    }
  });

  it('the structure and lessons files validate', () => {
    assert.deepEqual(parseAndValidate(data('data/structure.json'), schema('structure.schema.json')).problems, []);
    const lessons = parseAndValidate<{ lessons: Array<{ id: string }> }>(data('data/lessons.json'), schema('lessons.schema.json'));
    assert.deepEqual(lessons.problems, []);
    const ids = lessons.value!.lessons.map((l) => l.id);
    assert.equal(new Set(ids).size, ids.length, 'lesson ids are unique');
    for (let n = 1; n <= 19; n++) assert.ok(ids.includes(`IR-L${n}`), `review lesson ${n} is indexed`);
  });

  it('the coverage matrix and the profiles validate and refer to known concepts, lessons and rules', () => {
    const coverage = parseAndValidate<{ items: Array<{ id: string; addressedBy: string[][]; rules: string[]; appliesWhen?: string[] }>; box2: Array<{ addressedBy: string[][] }> }>(data('data/coverage.json'), schema('coverage.schema.json'));
    assert.deepEqual(coverage.problems, []);
    const profiles = parseAndValidate<{ profiles: Record<string, { rules: Record<string, string> }>; presets: Record<string, { rules?: Record<string, string> }> }>(data('data/profiles.json'), schema('profiles.schema.json'));
    assert.deepEqual(profiles.problems, []);
    const concepts = new Set((JSON.parse(data('data/lexicon/core.json')) as LexiconSpec).concepts.map((c) => c.id));
    const rules = new Set(ruleIds());
    for (const item of coverage.value!.items) {
      assert.ok(getLesson(item.id), `coverage item ${item.id} is a known lesson`);
      for (const alternative of item.addressedBy) for (const c of alternative) assert.ok(concepts.has(c.replace(/^!/, '')), `${item.id}: unknown concept ${c}`);
      for (const c of item.appliesWhen ?? []) assert.ok(concepts.has(c), `${item.id}: unknown concept ${c}`);
      for (const r of item.rules) assert.ok(rules.has(r), `${item.id}: unknown rule ${r}`);
    }
    for (let n = 1; n <= 19; n++) assert.ok(coverage.value!.items.some((i) => i.id === `IR-L${n}`), `lesson ${n} is in the matrix`);
    assert.equal(coverage.value!.box2.length, 10);
    for (const item of coverage.value!.box2) for (const alternative of item.addressedBy) for (const c of alternative) assert.ok(concepts.has(c.replace(/^!/, '')), `Box 2: unknown concept ${c}`);
    for (const profile of Object.values(profiles.value!.profiles)) for (const r of Object.keys(profile.rules)) assert.ok(rules.has(r), `profile names unknown rule ${r}`);
  });

  it('the profile table in docs/configuration.md says what the profiles do', () => {
    const rows = data('docs/configuration.md')
      .split('\n')
      .map((line) => /^\| `([a-z-]+)` \| (.+) \| (.+) \| (.+) \|$/.exec(line))
      .filter((m): m is RegExpExecArray => !!m && !!getRule(m[1]));
    assert.deepEqual(rows.map((m) => m[1]).sort(), RULES.map((r) => r.id).sort(), 'one row per rule');
    for (const row of rows) {
      const rule = getRule(row[1])!;
      DOC_TYPES.forEach((docType, i) => {
        const cell = row[2 + i].trim();
        if (!rule.docTypes.includes(docType)) return assert.equal(cell, '—', `${rule.id} on ${docType}`);
        const config = effectiveRuleConfig(rule, docType, undefined);
        const expected =
          config.severity + (config.options.paragraphs === false ? ', document level only' : '') + (config.options.paragraphSeverity ? `, paragraphs as ${config.options.paragraphSeverity}` : '');
        assert.equal(cell, expected, `${rule.id} on ${docType}`);
      });
    }
  });

  it('the concept ids typed in the code are exactly the core lexicon\'s', () => {
    const lexicon = JSON.parse(data('data/lexicon/core.json')) as LexiconSpec;
    assert.deepEqual([...CONCEPT_IDS].sort(), lexicon.concepts.map((c) => c.id).sort());
  });

  it('every context a concept uses refers to a defined concept', () => {
    const lexicon = JSON.parse(data('data/lexicon/core.json')) as LexiconSpec;
    const ids = new Set(lexicon.concepts.map((c) => c.id));
    for (const concept of lexicon.concepts) {
      for (const [name, context] of Object.entries(concept.contexts ?? {})) {
        for (const id of context.concepts) assert.ok(ids.has(id), `${concept.id}.${name} refers to unknown concept ${id}`);
      }
    }
  });

  it("every national personnel phrase of the structure file is one of the lexicon's mission-asset terms, read as known concepts", () => {
    const lexicon = JSON.parse(data('data/lexicon/core.json')) as LexiconSpec;
    const structure = JSON.parse(data('data/structure.json')) as { nationalPersonnel: string[]; nationalPersonnelConcepts: string[] };
    const assets = new Set((lexicon.concepts.find((c) => c.id === 'mission-asset')?.terms ?? []).map((t) => (typeof t === 'string' ? t : t.phrase)));
    for (const phrase of structure.nationalPersonnel) assert.ok(assets.has(phrase), `"${phrase}" is no mission-asset term, so it would never be read as national`);
    for (const concept of structure.nationalPersonnelConcepts) assert.ok((CONCEPT_IDS as readonly string[]).includes(concept), `unknown concept ${concept}`);
  });

  it('the configuration schema accepts a full example and rejects a wrong one', () => {
    const good = { root: true, docType: 'strategy', rules: { 'missing-gender': ['warning', { paragraphs: false }], 'train-and-equip-drift': 2 }, lexicons: ['team.json'], ignorePatterns: ['archive/'], overrides: [{ files: '*.mandate.md', docType: 'mandate' }] };
    assert.deepEqual(parseAndValidate(JSON.stringify(good), schema('mandatelintrc.schema.json')).problems, []);
    const bad = parseAndValidate(JSON.stringify({ rules: { 'missing-gender': 'loud' }, overrides: [{ docType: 'memo' }] }), schema('mandatelintrc.schema.json'));
    assert.ok(bad.problems.length >= 2, JSON.stringify(bad.problems));
  });
});
