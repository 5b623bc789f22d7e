/**
 * The clause reading, mechanism by mechanism: invented drafts in test/fixtures/reading/*.md that show each general
 * case the reading must get right (SSR scope, who is asked, capability, process exemptions, governance and gender
 * language, exit framing, strategies and agreements). Each section names the rule that must or must not report,
 * and may assert the reading of single paragraphs ("ssr: 5 yes", "asks: 7 support").
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocType } from '../src/core/analysis';
import { lintText } from '../src/core/lint';
import { RULES } from '../src/core/rules/registry';

interface ReadingFixture {
  file: string;
  sourceLine: number;
  kind: 'triggers' | 'clean' | 'reading';
  rule?: string;
  title: string;
  docType: DocType;
  line?: number;
  /** Lines whose paragraph must have no finding of the rule ("quiet: 5"). */
  quiet: number[];
  level?: 'paragraph' | 'document';
  ssr: Array<{ line: number; expected: boolean }>;
  asks: Array<{ line: number; expected: 'support' | 'host' | 'none' }>;
  text: string;
}

const DIR = join(__dirname, 'fixtures', 'reading');

function parse(file: string): ReadingFixture[] {
  const lines = readFileSync(join(DIR, file), 'utf8').split(/\r?\n/);
  const fixtures: ReadingFixture[] = [];
  let i = 0;
  while (i < lines.length) {
    const heading = /^##\s+(?:(triggers|clean)\s+([a-z-]+)|(reading))\s*:\s*(.+)$/.exec(lines[i]);
    if (!heading) {
      i++;
      continue;
    }
    const fixture: ReadingFixture = {
      file,
      sourceLine: i + 1,
      kind: (heading[1] ?? heading[3]) as ReadingFixture['kind'],
      rule: heading[2],
      title: heading[4].trim(),
      docType: 'mandate',
      ssr: [],
      asks: [],
      quiet: [],
      text: '',
    };
    i++;
    while (i < lines.length && !/^(```|~~~)/.test(lines[i]) && !/^##\s/.test(lines[i])) {
      const kv = /^([a-z-]+)\s*:\s*(.+)$/.exec(lines[i].trim());
      if (kv) {
        const [, key, value] = kv;
        if (key === 'doc-type') fixture.docType = value.trim() as DocType;
        else if (key === 'line') fixture.line = Number(value);
        else if (key === 'quiet') fixture.quiet.push(Number(value));
        else if (key === 'level') fixture.level = value.trim() as ReadingFixture['level'];
        else if (key === 'ssr') {
          const [line, answer] = value.trim().split(/\s+/);
          fixture.ssr.push({ line: Number(line), expected: answer === 'yes' });
        } else if (key === 'asks') {
          const [line, answer] = value.trim().split(/\s+/);
          fixture.asks.push({ line: Number(line), expected: answer as 'support' | 'host' | 'none' });
        } else throw new Error(`${file}:${i + 1}: unknown key "${key}"`);
      }
      i++;
    }
    const fence = /^(```|~~~)/.exec(lines[i] ?? '');
    if (!fence) throw new Error(`${file}:${fixture.sourceLine}: "${fixture.title}" has no fenced block`);
    const body: string[] = [];
    i++;
    while (i < lines.length && !lines[i].startsWith(fence[1])) body.push(lines[i++]);
    i++;
    fixture.text = body.join('\n') + '\n';
    fixtures.push(fixture);
  }
  return fixtures;
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();

describe('clause reading (test/fixtures/reading)', () => {
  it('covers the seven mechanisms, each with at least three cases that must and three that must not hold', () => {
    assert.equal(files.length, 7, files.join(', '));
    for (const file of files) {
      const fixtures = parse(file);
      const positive = fixtures.filter((f) => f.kind === 'triggers' || (f.kind === 'reading' && (f.ssr.some((s) => s.expected) || f.asks.some((a) => a.expected === 'support'))));
      const negative = fixtures.filter((f) => f.kind === 'clean' || (f.kind === 'reading' && (f.ssr.some((s) => !s.expected) || f.asks.some((a) => a.expected !== 'support'))));
      assert.ok(positive.length >= 3 && negative.length >= 3, `${file}: ${positive.length} positive, ${negative.length} negative`);
    }
  });

  const known = new Set(RULES.map((r) => r.id));
  for (const file of files) {
    describe(file.replace(/\.md$/, ''), () => {
      for (const fixture of parse(file)) {
        it(`${fixture.kind}${fixture.rule ? ` ${fixture.rule}` : ''}: ${fixture.title} (test/fixtures/reading/${file}:${fixture.sourceLine})`, () => {
          const result = lintText(fixture.text, { format: 'markdown', docType: fixture.docType, cacheFacts: false });
          const lines = result.analysis.model.lines;
          const unitAt = (line: number) => {
            const unit = result.analysis.units.find((u) => lines.positionAt(u.unit.start).line === line);
            assert.ok(unit, `no paragraph starts on line ${line}`);
            return unit;
          };
          for (const { line, expected } of fixture.ssr) assert.equal(unitAt(line).ssr, expected, `line ${line} should ${expected ? '' : 'not '}be SSR content`);
          for (const { line, expected } of fixture.asks) {
            assert.equal(unitAt(line).reading.asks, expected, `line ${line} asks`);
          }
          if (!fixture.rule) return;
          assert.ok(known.has(fixture.rule), `unknown rule ${fixture.rule}`);
          const own = result.findings.filter((f) => f.ruleId === fixture.rule);
          const describe = () => own.map((f) => `${f.level}@${lines.positionAt(f.start).line}: ${f.message}`).join('\n') || '(none)';
          // A clean fixture with a level speaks only for that level ("level: paragraph": the paragraph is fine,
          // whatever the document as a whole lacks).
          if (fixture.kind === 'clean') {
            const atLevel = own.filter((f) => !fixture.level || f.level === fixture.level);
            return assert.equal(atLevel.length, 0, `expected no ${fixture.level ?? ''} ${fixture.rule} findings, got:\n${describe()}`);
          }
          for (const line of fixture.quiet) {
            const quietUnit = unitAt(line);
            const there = own.filter((f) => f.level === 'paragraph' && f.start >= quietUnit.unit.start && f.start <= quietUnit.unit.end);
            assert.equal(there.length, 0, `expected no ${fixture.rule} finding in the paragraph on line ${line}, got:\n${describe()}`);
          }
          const unit = fixture.line ? unitAt(fixture.line) : undefined;
          const matching = own.filter((f) => (!fixture.level || f.level === fixture.level) && (!unit || (f.start >= unit.unit.start && f.start <= unit.unit.end)));
          assert.ok(matching.length > 0, `expected a ${fixture.level ?? ''} ${fixture.rule} finding${fixture.line ? ` in the paragraph on line ${fixture.line}` : ''}, got:\n${describe()}`);
        });
      }
    });
  }
});
