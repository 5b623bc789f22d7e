/**
 * Rule fixtures live in test/fixtures/rules/<rule-id>.md: each "## triggers: ..." or "## clean: ..." section
 * holds optional "key: value" lines and one fenced block with a draft, linted as its own document.
 */
import { readFileSync } from 'node:fs';
import type { DocType } from '../../src/core/analysis';

export interface RuleFixture {
  ruleId: string;
  kind: 'triggers' | 'clean';
  title: string;
  docType: DocType;
  format: 'markdown' | 'plaintext';
  level?: 'paragraph' | 'document';
  line?: number;
  /** "rule: id:severity" lines, as on the command line (for rules that are off by default). */
  rules?: Record<string, { severity: 'error' | 'warning' | 'info' | 'off'; options: Record<string, unknown> }>;
  text: string;
  /** Line of the section heading in the fixture file, for error messages. */
  sourceLine: number;
}

export function parseFixtureFile(path: string, ruleId: string): RuleFixture[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const fixtures: RuleFixture[] = [];
  let i = 0;
  while (i < lines.length) {
    const heading = /^##\s+(triggers|clean)\s*:\s*(.+)$/.exec(lines[i]);
    if (!heading) {
      i++;
      continue;
    }
    const sourceLine = i + 1;
    const fixture: Partial<RuleFixture> = { ruleId, kind: heading[1] as RuleFixture['kind'], title: heading[2].trim(), docType: 'mandate', sourceLine };
    i++;
    while (i < lines.length && !/^(```|~~~)/.test(lines[i]) && !/^##\s/.test(lines[i])) {
      const kv = /^([a-z-]+)\s*:\s*(.+)$/.exec(lines[i].trim());
      if (kv) {
        const [, key, value] = kv;
        if (key === 'doc-type') fixture.docType = value.trim() as DocType;
        else if (key === 'level') fixture.level = value.trim() as RuleFixture['level'];
        else if (key === 'line') fixture.line = Number(value);
        else if (key === 'rule') {
          const [id, severity] = value.trim().split(':');
          fixture.rules = { ...fixture.rules, [id]: { severity: severity as 'error' | 'warning' | 'info' | 'off', options: {} } };
        }
        else throw new Error(`${path}:${i + 1}: unknown fixture key "${key}"`);
      }
      i++;
    }
    const fence = /^(```|~~~)\s*(\w*)/.exec(lines[i] ?? '');
    if (!fence) throw new Error(`${path}:${sourceLine}: fixture "${fixture.title}" has no fenced block`);
    fixture.format = fence[2] === 'text' || fence[2] === 'txt' ? 'plaintext' : 'markdown';
    const body: string[] = [];
    i++;
    while (i < lines.length && !lines[i].startsWith(fence[1])) body.push(lines[i++]);
    i++;
    fixture.text = body.join('\n') + '\n';
    fixtures.push(fixture as RuleFixture);
  }
  return fixtures;
}
