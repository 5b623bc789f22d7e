/** Every rule: metadata, a docs page that cites its lessons, and fixtures that must and must not trigger it. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/core/rules/registry';
import { LEVEL_OPTIONS, optionProblems, resolveOptions } from '../src/core/rules/options';
import { getLesson } from '../src/core/lessons';
import { lintText } from '../src/core/lint';
import { DOC_TYPES } from '../src/core/analysis';
import { effectiveRuleConfig } from '../src/core/profiles';
import { ConfigResolver } from '../src/node/config';
import { parseFixtureFile } from './helpers/fixtures';
import { cleanWorkspaces, makeWorkspace } from './helpers/workspace';

const ROOT = join(__dirname, '..');
const MIN_FIXTURES = 8;

describe('rules', () => {
  it('have unique ids, a known default severity, document types and known lessons', () => {
    const ids = new Set<string>();
    for (const rule of RULES) {
      assert.ok(/^[a-z][a-z0-9-]*$/.test(rule.id), rule.id);
      assert.ok(!ids.has(rule.id), `duplicate ${rule.id}`);
      ids.add(rule.id);
      assert.ok(['error', 'warning', 'info', 'off'].includes(rule.defaultSeverity));
      assert.ok(rule.docTypes.length > 0);
      assert.ok(rule.lessons.length > 0);
      for (const lesson of rule.lessons) assert.ok(getLesson(lesson), `${rule.id}: unknown lesson ${lesson}`);
      assert.ok(rule.docs.summary.length > 20 && rule.docs.goodPractice.length > 20);
    }
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const docsPath = join(ROOT, 'docs', 'rules', `${rule.id}.md`);
      it('has a docs page that names the rule and cites its lessons', () => {
        assert.ok(existsSync(docsPath), `missing ${docsPath}`);
        const docs = readFileSync(docsPath, 'utf8');
        assert.match(docs, new RegExp(`^# ${rule.id}\\b`, 'm'));
        for (const lesson of rule.lessons) {
          const label = getLesson(lesson)!.label;
          const number = /(\d+\S*|\([a-z]\)|annex \d)$/.exec(label)?.[1] ?? label;
          assert.ok(docs.includes(number), `${rule.id} docs should cite ${label}`);
        }
      });

      const fixturePath = join(ROOT, 'test', 'fixtures', 'rules', `${rule.id}.md`);
      const fixtures = existsSync(fixturePath) ? parseFixtureFile(fixturePath, rule.id) : [];
      it(`has at least ${MIN_FIXTURES} triggering and ${MIN_FIXTURES} clean fixtures`, () => {
        assert.ok(fixtures.filter((f) => f.kind === 'triggers').length >= MIN_FIXTURES, 'triggering fixtures');
        assert.ok(fixtures.filter((f) => f.kind === 'clean').length >= MIN_FIXTURES, 'clean fixtures');
      });

      for (const fixture of fixtures) {
        it(`${fixture.kind}: ${fixture.title} (${fixturePath.replace(ROOT + '/', '')}:${fixture.sourceLine})`, () => {
          const result = lintText(fixture.text, { format: fixture.format, docType: fixture.docType, rules: fixture.rules, cacheFacts: false });
          const own = result.findings.filter((f) => f.ruleId === rule.id);
          const lines = result.analysis.model.lines;
          const describe = () => own.map((f) => `${f.level}@${lines.positionAt(f.start).line}: ${f.message}`).join('\n') || '(none)';
          if (fixture.kind === 'clean') {
            assert.equal(own.length, 0, `expected no ${rule.id} findings, got:\n${describe()}`);
            return;
          }
          // "line" names the first line of the offending paragraph; the finding may sit on any of its lines.
          const unit = fixture.line ? result.analysis.model.units.find((u) => lines.positionAt(u.start).line === fixture.line) : undefined;
          if (fixture.line) assert.ok(unit, `no paragraph starts on line ${fixture.line}`);
          const matching = own.filter((f) => (!fixture.level || f.level === fixture.level) && (!unit || (f.start >= unit.start && f.start <= unit.end)));
          assert.ok(matching.length > 0, `expected a ${fixture.level ?? ''} ${rule.id} finding${fixture.line ? ` in the paragraph on line ${fixture.line}` : ''}, got:\n${describe()}`);
          for (const f of matching) {
            assert.ok(f.start >= 0 && f.end <= fixture.text.length && f.start <= f.end, 'finding range lies inside the text');
            assert.equal((f.message.match(/[.!?](\s|$)/g) ?? []).length >= 3, true, 'a message says what was found, what is missing and why');
          }
        });
      }
    });
  }

  describe('options', () => {
    after(cleanWorkspaces);

    it('are declared by a schema per rule, documented in the rule\'s docs, with valid defaults', () => {
      for (const rule of RULES) {
        const names = Object.keys(rule.options?.properties ?? {});
        assert.deepEqual(Object.keys(rule.docs.options ?? {}), names, `${rule.id}: docs.options names the schema's options`);
        if (!rule.options) continue;
        assert.equal(rule.options.type, 'object');
        assert.equal(rule.options.additionalProperties, false);
        for (const [name, option] of Object.entries(rule.options.properties)) {
          assert.ok(option.description.length > 20, `${rule.id}.${name} has a description`);
          if (option.default !== undefined) assert.deepEqual(optionProblems(rule, { [name]: option.default }), [], `${rule.id}.${name} default`);
        }
        assert.deepEqual(optionProblems(rule, resolveOptions(rule, {})), [], rule.id);
      }
      // The level options belong to the rules that report both levels.
      const both = RULES.filter((r) => r.options && Object.keys(LEVEL_OPTIONS).every((k) => k in r.options!.properties)).map((r) => r.id);
      assert.deepEqual(both.sort(), ['missing-benchmarks', 'missing-gender', 'missing-governance', 'train-and-equip-drift']);
    });

    it('are named in the configuration schema, for the editor\'s completions', () => {
      const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'mandatelintrc.schema.json'), 'utf8'));
      const described = schema.definitions.rules.additionalProperties.oneOf[1].items[1].properties;
      for (const rule of RULES) {
        for (const name of Object.keys(rule.options?.properties ?? {})) {
          assert.ok(described[name]?.description, `${rule.id}: option ${name} missing from schemas/mandatelintrc.schema.json`);
          // The schema only describes rule-specific options; the rule's schema checks them (a bad value must not void the file).
          if (!(name in LEVEL_OPTIONS)) assert.deepEqual(Object.keys(described[name]), ['description'], name);
        }
      }
    });

    it('set by the profiles fit the rules\' schemas', () => {
      for (const rule of RULES) {
        for (const docType of DOC_TYPES) {
          const { options } = effectiveRuleConfig(rule, docType, undefined);
          assert.deepEqual(optionProblems(rule, options), [], `${rule.id} in the ${docType} profile`);
        }
      }
    });

    it('are checked: unknown options and refused values are problems', () => {
      const drift = RULES.find((r) => r.id === 'train-and-equip-drift')!;
      const dominance = RULES.find((r) => r.id === 'defence-dominance')!;
      const hrddp = RULES.find((r) => r.id === 'missing-hrddp')!;
      assert.deepEqual(optionProblems(drift, { paragraphs: false, documentRatio: 2 }), []);
      assert.match(optionProblems(drift, { documentRatio: -1 })[0].message, /train-and-equip-drift.*documentRatio/);
      assert.deepEqual(optionProblems(dominance, { minParagraphs: 1.5 })[0].path, ['minParagraphs']);
      assert.match(optionProblems(dominance, { paragraphs: false })[0].message, /no option "paragraphs"/);
      assert.match(optionProblems(hrddp, { threshold: 3 })[0].message, /takes no options/);
      assert.deepEqual(resolveOptions(dominance, { minParagraphs: 0, other: true }), { minParagraphs: 2 });
    });

    it('configured in .mandatelintrc.json are validated where configuration is loaded, with line and column', () => {
      const ws = makeWorkspace({
        '.mandatelintrc.json': [
          '{',
          '  "root": true,',
          '  "rules": {',
          '    "defence-dominance": ["warning", { "minParagraphs": 0 }],',
          '    "train-and-equip-drift": ["error", { "documentRatio": 2, "paragraphs": false }]',
          '  },',
          '  "overrides": [{ "files": "*.md", "rules": {',
          '    "missing-hrddp": ["warning", { "strict": true }] } }]',
          '}',
        ].join('\n'),
        'a.md': '1. *Requests* the Mission to train the national army;\n',
      });
      const problems = new ConfigResolver().problemsFor(join(ws, 'a.md'));
      assert.equal(problems.length, 2, JSON.stringify(problems));
      assert.ok(problems.some((p) => p.line === 4 && p.column === 40 && /defence-dominance.*minParagraphs.*>= 1/.test(p.message)), JSON.stringify(problems));
      assert.ok(problems.some((p) => p.line === 8 && p.column === 36 && /missing-hrddp.*no option "strict"/.test(p.message)), JSON.stringify(problems));
    });
  });
});
