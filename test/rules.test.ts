/** Every rule: metadata, a docs page that cites its lessons, and fixtures that must and must not trigger it. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../src/core/rules/registry';
import { getLesson } from '../src/core/lessons';
import { lintText } from '../src/core/lint';
import { parseFixtureFile } from './helpers/fixtures';

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
});
