/** Data files validate against their JSON Schemas and the lexicon compiles without problems. */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAndValidate } from '../server/src/core/config/validate';
import { compileLexicons, type LexiconSpec } from '../server/src/core/lexicon/lexicon';

const ROOT = join(__dirname, '..');
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8'));
const data = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('data files', () => {
  it('every lexicon validates and compiles without refused terms', () => {
    for (const file of readdirSync(join(ROOT, 'server', 'lexicon')).filter((f) => f.endsWith('.json') && !['structure.json', 'lessons.json'].includes(f))) {
      const parsed = parseAndValidate<LexiconSpec>(data(`server/lexicon/${file}`), schema('lexicon.schema.json'));
      assert.deepEqual(parsed.problems, [], file);
      const compiled = compileLexicons([{ name: file, spec: parsed.value! }]);
      assert.deepEqual(compiled.problems, [], file);
    }
  });

  it('the structure and lessons files validate', () => {
    assert.deepEqual(parseAndValidate(data('server/lexicon/structure.json'), schema('structure.schema.json')).problems, []);
    const lessons = parseAndValidate<{ lessons: Array<{ id: string }> }>(data('server/lexicon/lessons.json'), schema('lessons.schema.json'));
    assert.deepEqual(lessons.problems, []);
    const ids = lessons.value!.lessons.map((l) => l.id);
    assert.equal(new Set(ids).size, ids.length, 'lesson ids are unique');
    for (let n = 1; n <= 19; n++) assert.ok(ids.includes(`IR-L${n}`), `review lesson ${n} is indexed`);
  });

  it('every context a concept uses refers to a defined concept', () => {
    const lexicon = JSON.parse(data('server/lexicon/core.json')) as LexiconSpec;
    const ids = new Set(lexicon.concepts.map((c) => c.id));
    for (const concept of lexicon.concepts) {
      for (const [name, context] of Object.entries(concept.contexts ?? {})) {
        for (const id of context.concepts) assert.ok(ids.has(id), `${concept.id}.${name} refers to unknown concept ${id}`);
      }
    }
  });

  it('the configuration schema accepts a full example and rejects a wrong one', () => {
    const good = { root: true, docType: 'strategy', rules: { 'missing-gender': ['warning', { paragraphs: false }], 'train-and-equip-drift': 2 }, lexicons: ['team.json'], ignorePatterns: ['archive/'], overrides: [{ files: '*.mandate.md', docType: 'mandate' }] };
    assert.deepEqual(parseAndValidate(JSON.stringify(good), schema('mandatelintrc.schema.json')).problems, []);
    const bad = parseAndValidate(JSON.stringify({ rules: { 'missing-gender': 'loud' }, overrides: [{ docType: 'memo' }] }), schema('mandatelintrc.schema.json'));
    assert.ok(bad.problems.length >= 2, JSON.stringify(bad.problems));
  });
});
