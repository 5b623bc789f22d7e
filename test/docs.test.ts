/**
 * Every rule's docs page keeps its examples honest: each ```markdown block under "## Triggers" must yield a finding
 * of the rule, and each one under "## Does not trigger" must yield none. An example is linted as a document of the
 * type named by a `<!-- doc-type: strategy -->` comment on the line before its fence, else of the rule's first type.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC_TYPES, type DocType } from '../src/core/analysis';
import { lintText } from '../src/core/lint';
import { effectiveRuleConfig } from '../src/core/profiles';
import { RULES } from '../src/core/rules/registry';
import type { Rule } from '../src/core/rules/types';

const ROOT = join(__dirname, '..');
const SECTIONS = { Triggers: 'triggers', 'Does not trigger': 'does not trigger' } as const;

interface DocExample {
  section: 'triggers' | 'does not trigger';
  /** 1-based line of the opening fence in the page. */
  line: number;
  docType: DocType;
  text: string;
}

function docTypeComment(line: string | undefined): DocType | undefined {
  const m = /^\s*<!--\s*doc-type:\s*([a-z-]+)\s*-->\s*$/.exec(line ?? '');
  if (!m) return undefined;
  if (!(DOC_TYPES as string[]).includes(m[1])) throw new Error(`unknown doc-type "${m[1]}" in a docs comment`);
  return m[1] as DocType;
}

function parseDocExamples(path: string, rule: Rule): DocExample[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const examples: DocExample[] = [];
  let section: DocExample['section'] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const heading = /^##\s+(.+?)\s*$/.exec(lines[i]);
    if (heading) {
      section = SECTIONS[heading[1] as keyof typeof SECTIONS];
      continue;
    }
    const fence = /^(`{3,})\s*(\S*)/.exec(lines[i]);
    if (!fence) continue;
    const open = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].startsWith(fence[1]); i++) body.push(lines[i]);
    if (!section || fence[2] !== 'markdown') continue;
    let previous = open - 1;
    while (previous >= 0 && !lines[previous].trim()) previous--;
    examples.push({ section, line: open + 1, docType: docTypeComment(lines[previous]) ?? rule.docTypes[0], text: body.join('\n') + '\n' });
  }
  return examples;
}

describe('docs examples', () => {
  let total = 0;
  for (const rule of RULES) {
    const page = join('docs', 'rules', `${rule.id}.md`);
    const examples = parseDocExamples(join(ROOT, page), rule);
    total += examples.length;
    describe(rule.id, () => {
      for (const example of examples) {
        it(`${rule.id}, ${example.section}, ${page}:${example.line} (${example.docType})`, () => {
          assert.ok(rule.docTypes.includes(example.docType), `${rule.id} does not apply to ${example.docType} documents`);
          // A rule that is off for this document type (reform-framing) is switched on so that its examples say something.
          const off = effectiveRuleConfig(rule, example.docType, undefined).severity === 'off';
          const result = lintText(example.text, {
            format: 'markdown',
            docType: example.docType,
            cacheFacts: false,
            ...(off ? { rules: { [rule.id]: { severity: 'warning' as const, options: {} } } } : {}),
          });
          const own = result.findings.filter((f) => f.ruleId === rule.id);
          const lines = result.analysis.model.lines;
          const describe = () => own.map((f) => `${f.level}@${lines.positionAt(f.start).line}: ${f.message}`).join('\n') || '(none)';
          if (example.section === 'triggers') assert.ok(own.length > 0, `expected a ${rule.id} finding, got none`);
          else assert.equal(own.length, 0, `expected no ${rule.id} findings, got:\n${describe()}`);
        });
      }
    });
  }
  it('finds examples in the docs pages', () => {
    assert.ok(total > 0);
  });
});
