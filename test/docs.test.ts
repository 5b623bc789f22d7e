/**
 * The docs say what the code does, as remark-lint's docs do.
 *
 * 1. Generated parts are current. scripts/generate-docs.ts writes, from the rules and data/profiles.json, each
 *    rule page's header (between `<!-- generated:header -->` and `<!-- /generated:header -->`), the README's
 *    table of rules and docs/configuration.md's tables of profiles and of rule options. The test runs it in
 *    check mode, in-process; `npm run docs` rewrites them.
 *
 * 2. Every example is a fixture. Each ```markdown block under "## Triggers" or "## Does not trigger" on a rule's
 *    page is linted as a document of the type named by a `<!-- doc-type: strategy -->` comment on the line
 *    before its fence, else of the rule's first type, with the severities of the profiles (a rule the profiles
 *    leave off for that type, reform-framing, runs at the severity the strict preset gives it).
 *
 *    - A Triggers example is followed by a ```text block (only blank lines between) that states ALL the findings
 *      of the page's rule in it, and nothing more, one line each, in the order of the lint's findings:
 *
 *          line:column-endLine:endColumn rule-id severity message
 *
 *      e.g. `3:34-3:52 train-and-equip-drift error Asks for capability support to national forces ("logistical
 *      support"). Nothing in the paragraph ... (review, lessons 5, 6, 9 and annex 2).` Lines and columns are
 *      1-based and counted from the example's first line; the end is exclusive (as in the CLI's JSON output);
 *      the message is the full message, citation included. Findings of other rules are not listed.
 *      `npm run docs -- --update-examples` writes these blocks: read what changed before accepting it.
 *    - A Does not trigger example must give no finding of the rule.
 *
 * 3. Levels are data: each rule's `levels` are exactly the levels its module reports at, the two-level rules are
 *    those with the level options, and no example finding has a level the rule does not declare.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEVEL_OPTIONS } from '../src/core/rules/options';
import { RULES } from '../src/core/rules/registry';
import { checkDocs, diffLines, exampleFindings, parseExamples, ROOT, summarize, type DocExample } from '../scripts/generate-docs';

describe('docs examples', () => {
  let total = 0;
  for (const rule of RULES) {
    const page = join('docs', 'rules', `${rule.id}.md`);
    const examples: DocExample[] = parseExamples(readFileSync(join(ROOT, page), 'utf8'), rule);
    total += examples.length;
    describe(rule.id, () => {
      for (const example of examples) {
        it(`${rule.id}, ${example.section}, ${page}:${example.line} (${example.docType})`, () => {
          assert.ok(rule.docTypes.includes(example.docType), `${rule.id} does not apply to ${example.docType} documents`);
          const found = exampleFindings(rule, example);
          for (const f of found) assert.ok(rule.levels.includes(f.level), `${rule.id} declares levels ${rule.levels.join(', ')} but reports a ${f.level} finding: ${f.line}`);
          const actual = found.map((f) => f.line);
          if (example.section === 'does not trigger') {
            assert.equal(actual.length, 0, `expected no ${rule.id} findings, got:\n${actual.join('\n')}`);
            return;
          }
          assert.ok(actual.length > 0, `expected a ${rule.id} finding, got none`);
          assert.ok(example.findings, `no \`\`\`text block of expected findings after the example (npm run docs -- --update-examples writes it); the example gives:\n${actual.join('\n')}`);
          assert.deepEqual(
            actual,
            example.findings.lines,
            `the findings differ from the page's (npm run docs -- --update-examples, after reading them):\n${diffLines(example.findings.lines.join('\n'), actual.join('\n'), 40).join('\n')}`,
          );
        });
      }
    });
  }
  it('finds examples in the docs pages', () => {
    assert.ok(total > 0);
  });
});

describe('generated docs', () => {
  it('the rule headers, the README table of rules and the configuration tables are current (npm run docs -- --check)', () => {
    const { changes, problems } = checkDocs(ROOT);
    assert.deepEqual(problems, []);
    assert.equal(changes.length, 0, `out of date; run npm run docs (and npm run docs -- --update-examples for examples' findings):\n${summarize(changes)}`);
  });

  it("each rule's levels are the levels its module reports at", () => {
    for (const rule of RULES) {
      const source = readFileSync(join(ROOT, 'src', 'core', 'rules', `${rule.id}.ts`), 'utf8');
      const reported = (['paragraph', 'document'] as const).filter((level) => new RegExp(`level:\\s*'${level}'`).test(source));
      assert.deepEqual([...rule.levels].sort(), [...reported].sort(), `${rule.id}: levels`);
      assert.equal(new Set(rule.levels).size, rule.levels.length, `${rule.id}: levels listed once`);
    }
  });

  it('the rules that report both levels are the ones that take the level options', () => {
    for (const rule of RULES) {
      const both = rule.levels.includes('paragraph') && rule.levels.includes('document');
      const levelOptions = Object.keys(LEVEL_OPTIONS).every((k) => k in (rule.options?.properties ?? {}));
      assert.equal(levelOptions, both, `${rule.id}: levels ${rule.levels.join(', ')}, level options ${levelOptions ? 'declared' : 'not declared'}`);
    }
  });

  it('each rule says in a few words what it finds, for the README', () => {
    for (const rule of RULES) {
      assert.ok(rule.docs.finds.length > 20 && rule.docs.finds.length < 250, `${rule.id}: docs.finds`);
      assert.ok(!/[.]$/.test(rule.docs.finds) && !/^[A-Z][a-z]/.test(rule.docs.finds), `${rule.id}: docs.finds is a lower-case phrase with no full stop`);
    }
  });
});
