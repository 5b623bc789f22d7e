/**
 * The docs' words about each rule come from one place: the rule modules (src/core/rules, in the registry's order)
 * and data/profiles.json. This script writes them between marker comments,
 *
 *   <!-- generated:NAME (npm run docs) -->  ...  <!-- /generated:NAME -->
 *
 * in three places:
 *
 * - docs/rules/<id>.md, block `header`: the metadata table (default severity per document type, document types,
 *   lessons, levels, options) and the table of the rule's options;
 * - README.md, block `rules`: the table of rules (default severity, `docs.finds`, lessons);
 * - docs/configuration.md, blocks `profiles` (severity of each rule per document type) and `options` (every
 *   rule option).
 *
 * It also states, under each example of a page's "## Triggers" section, the findings the example gives, in a
 * ```text block right after it: one line per finding of the page's rule, `line:column-endLine:endColumn rule-id
 * severity message` (lines and columns 1-based and counted in the example, end exclusive, as the CLI's JSON
 * has them). Those lines are only rewritten on request (`--update-examples`): a change in what an example finds
 * should be read before it is accepted. test/docs.test.ts checks them, and runs the check below.
 *
 *   npm run docs                       rewrite the generated blocks
 *   npm run docs -- --update-examples  also rewrite the examples' findings
 *   npm run docs -- --check            write nothing; exit 1 and say what is out of date (blocks and findings)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOC_TYPES, type DocType } from '../src/core/analysis';
import { citeLessons } from '../src/core/lessons';
import { lintText } from '../src/core/lint';
import { effectiveRuleConfig, PRESET_PREFIX } from '../src/core/profiles';
import { RULES } from '../src/core/rules/registry';
import type { OptionSchema, Rule } from '../src/core/rules/types';

export const ROOT = join(__dirname, '..');
const STRICT = `${PRESET_PREFIX}strict`;
const MARKER_HINT = '(npm run docs)';

// ---------------------------------------------------------------------------------------------------------------
// Marker blocks

const OPEN = (name: string) => new RegExp(`^<!-- generated:${name}(?: [^>]*)? -->[ \\t]*$`, 'm');
const CLOSE = (name: string) => new RegExp(`^<!-- /generated:${name} -->[ \\t]*$`, 'm');

/** One piece of a file the script writes, as it is and as it should be. */
export interface Change {
  /** Repository-relative path, with forward slashes. */
  file: string;
  /** Which piece: "header block", "findings of the example on line 42". */
  what: string;
  before: string;
  after: string;
}

/** Replaces the contents of a marker block, recording the change. Throws when the markers are missing. */
function replaceBlock(text: string, file: string, name: string, content: string, changes: Change[]): string {
  const open = OPEN(name).exec(text);
  const close = CLOSE(name).exec(text);
  if (!open || !close || close.index < open.index) {
    throw new Error(`${file}: no "<!-- generated:${name} ${MARKER_HINT} -->" ... "<!-- /generated:${name} -->" block to write into`);
  }
  const from = open.index + open[0].length;
  const before = text.slice(from, close.index);
  // Blank lines around the content, so that the comments never run into a table or a paragraph.
  const after = `\n\n${content.trim()}\n\n`;
  if (before !== after) changes.push({ file, what: `${name} block`, before, after });
  return text.slice(0, open.index) + `<!-- generated:${name} ${MARKER_HINT} -->` + after + text.slice(close.index);
}

// ---------------------------------------------------------------------------------------------------------------
// What the data says about a rule

interface Setting {
  severity: string;
  paragraphs: boolean;
  paragraphSeverity?: string;
}

function settingFor(rule: Rule, docType: DocType, preset?: string): Setting {
  const config = effectiveRuleConfig(rule, docType, preset);
  return {
    severity: config.severity,
    paragraphs: config.options.paragraphs !== false,
    paragraphSeverity: typeof config.options.paragraphSeverity === 'string' ? config.options.paragraphSeverity : undefined,
  };
}

/** A profile's setting as docs/configuration.md's table has it (test/data.test.ts reads it back). */
export function profileCell(rule: Rule, docType: DocType): string {
  if (!rule.docTypes.includes(docType)) return '—';
  const s = settingFor(rule, docType);
  return s.severity + (s.paragraphs ? '' : ', document level only') + (s.paragraphSeverity ? `, paragraphs as ${s.paragraphSeverity}` : '');
}

function settingText(s: Setting): string {
  return `\`${s.severity}\`` + (s.paragraphs ? '' : ', document level only') + (s.paragraphSeverity ? `, paragraph findings \`${s.paragraphSeverity}\`` : '');
}

/** "`error` (mandate, strategy); `warning` (peace-agreement)", or one value when every type has it. */
function severityByType(rule: Rule): string {
  const groups = new Map<string, DocType[]>();
  for (const docType of DOC_TYPES.filter((t) => rule.docTypes.includes(t))) {
    const text = settingText(settingFor(rule, docType));
    groups.set(text, [...(groups.get(text) ?? []), docType]);
  }
  let out = groups.size === 1 ? [...groups.keys()][0] : [...groups].map(([text, types]) => `${text} (${types.join(', ')})`).join('; ');
  // A rule the profiles leave off may be on in the strict preset (reform-framing).
  const switchedOn = new Set(
    rule.docTypes.filter((t) => settingFor(rule, t).severity === 'off' && settingFor(rule, t, STRICT).severity !== 'off').map((t) => settingFor(rule, t, STRICT).severity),
  );
  for (const severity of switchedOn) out += `; \`${severity}\` with the \`${STRICT}\` preset`;
  return out;
}

const PLURAL: Record<DocType, string> = { mandate: 'mandates', strategy: 'strategies', 'peace-agreement': 'peace agreements' };

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function levelsText(rule: Rule): string {
  return (['paragraph', 'document'] as const).filter((l) => rule.levels.includes(l)).join(' and ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function optionType(option: OptionSchema): string {
  if (option.enum) {
    const values = option.enum.map((v) => `\`${JSON.stringify(v)}\``);
    return values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}` : values.join('');
  }
  const bounds = [option.minimum !== undefined ? `at least ${option.minimum}` : '', option.maximum !== undefined ? `at most ${option.maximum}` : ''].filter(Boolean).join(' and ');
  const kind = option.type === 'integer' ? 'whole number' : option.type;
  return bounds ? `${kind}, ${bounds}` : kind;
}

/** The schema's default, and the values profiles give the option for some document types. */
function optionDefault(rule: Rule, name: string, option: OptionSchema): string {
  const base = option.default === undefined ? '—' : `\`${JSON.stringify(option.default)}\``;
  const byValue = new Map<string, DocType[]>();
  for (const docType of rule.docTypes) {
    const value = effectiveRuleConfig(rule, docType, undefined).options[name];
    if (value === undefined || value === option.default) continue;
    const key = JSON.stringify(value);
    byValue.set(key, [...(byValue.get(key) ?? []), docType]);
  }
  const profiles = [...byValue].map(([value, types]) => `\`${value}\` in ${joinAnd(types.map((t) => PLURAL[t]))}`);
  return profiles.length ? `${base} (${profiles.join('; ')})` : base;
}

/** A value other than the default, to show how an option is set. */
function exampleValue(option: OptionSchema): unknown {
  if (option.enum) return option.enum.find((v) => v !== option.default) ?? option.enum[0];
  if (option.type === 'boolean') return option.default === undefined ? false : !option.default;
  if (option.type === 'string') return option.default ?? '';
  return typeof option.default === 'number' ? option.default + 1 : (option.minimum ?? 1);
}

function optionEntries(rule: Rule): Array<[string, OptionSchema]> {
  return Object.entries(rule.options?.properties ?? {});
}

// ---------------------------------------------------------------------------------------------------------------
// docs/rules/<id>.md: the header

export function ruleHeader(rule: Rule): string {
  const options = optionEntries(rule);
  const rows = [
    '| | |',
    '|---|---|',
    `| Default severity | ${cell(severityByType(rule))} |`,
    `| Applies to | ${rule.docTypes.join(', ')} |`,
    `| Lessons | ${cell(citeLessons(rule.lessons))} |`,
    `| Levels | ${levelsText(rule)} |`,
    `| Options | ${options.length ? options.map(([name]) => `\`${name}\``).join(', ') + ' (below)' : 'none'} |`,
  ];
  if (!options.length) return rows.join('\n');
  const table = [
    '| Option | Type | Default | What it does |',
    '|---|---|---|---|',
    ...options.map(([name, option]) => `| \`${name}\` | ${cell(optionType(option))} | ${cell(optionDefault(rule, name, option))} | ${cell(option.description)} |`),
  ];
  const [first, option] = options[0];
  const example = `\`"${rule.id}": ["${rule.defaultSeverity === 'off' ? 'info' : rule.defaultSeverity}", { "${first}": ${JSON.stringify(exampleValue(option))} }]\``;
  return [
    ...rows,
    '',
    `Options are set with the severity, in \`rules\`: ${example} ([configuration](../configuration.md#rule-options)).`,
    '',
    ...table,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// docs/rules/<id>.md: the examples and their findings

export type ExampleSection = 'triggers' | 'does not trigger';
const SECTIONS: Record<string, ExampleSection> = { Triggers: 'triggers', 'Does not trigger': 'does not trigger' };

export interface DocExample {
  section: ExampleSection;
  /** 1-based line of the opening ```markdown fence in the page. */
  line: number;
  /** 0-based index of the example's closing fence in the page's lines. */
  closeIndex: number;
  docType: DocType;
  text: string;
  /** The ```text block right after the example (only blank lines between), with 0-based indices of its fences. */
  findings?: { openIndex: number; closeIndex: number; lines: string[] };
}

function docTypeComment(line: string | undefined): DocType | undefined {
  const m = /^\s*<!--\s*doc-type:\s*([a-z-]+)\s*-->\s*$/.exec(line ?? '');
  if (!m) return undefined;
  if (!(DOC_TYPES as string[]).includes(m[1])) throw new Error(`unknown doc-type "${m[1]}" in a docs comment`);
  return m[1] as DocType;
}

/** A fenced block starting at `open`: its fence, info string, body and the index of its closing fence. */
function fencedBlock(lines: string[], open: number): { info: string; body: string[]; close: number } | undefined {
  const fence = /^(`{3,})\s*(\S*)/.exec(lines[open]);
  if (!fence) return undefined;
  const body: string[] = [];
  let i = open + 1;
  for (; i < lines.length && !lines[i].startsWith(fence[1]); i++) body.push(lines[i]);
  return { info: fence[2], body, close: i };
}

/**
 * The ```markdown examples under "## Triggers" and "## Does not trigger". An example is linted as a document of
 * the type named by a `<!-- doc-type: strategy -->` comment on the line before its fence, else of the rule's
 * first type.
 */
export function parseExamples(page: string, rule: Rule): DocExample[] {
  const lines = page.split(/\r?\n/);
  const examples: DocExample[] = [];
  let section: ExampleSection | undefined;
  for (let i = 0; i < lines.length; i++) {
    const heading = /^##\s+(.+?)\s*$/.exec(lines[i]);
    if (heading) {
      section = SECTIONS[heading[1]];
      continue;
    }
    const block = fencedBlock(lines, i);
    if (!block) continue;
    const open = i;
    i = block.close;
    if (!section || block.info !== 'markdown') continue;
    let previous = open - 1;
    while (previous >= 0 && !lines[previous].trim()) previous--;
    const example: DocExample = {
      section,
      line: open + 1,
      closeIndex: block.close,
      docType: docTypeComment(lines[previous]) ?? rule.docTypes[0],
      text: block.body.join('\n') + '\n',
    };
    let next = block.close + 1;
    while (next < lines.length && !lines[next].trim()) next++;
    const after = next < lines.length ? fencedBlock(lines, next) : undefined;
    if (after && after.info === 'text') {
      example.findings = { openIndex: next, closeIndex: after.close, lines: after.body };
      i = after.close;
    }
    examples.push(example);
  }
  return examples;
}

/**
 * The severity an example is linted with: the profile's for its document type; a rule the profiles leave off
 * there (reform-framing) runs as the strict preset has it, so that its examples say something.
 */
function exampleRules(rule: Rule, docType: DocType) {
  if (effectiveRuleConfig(rule, docType, undefined).severity !== 'off') return undefined;
  const strict = effectiveRuleConfig(rule, docType, STRICT).severity;
  return { [rule.id]: { severity: strict === 'off' ? ('warning' as const) : strict, options: {} } };
}

/** The rule's findings in an example, one line each: `line:column-endLine:endColumn rule-id severity message`. */
export function exampleFindings(rule: Rule, example: Pick<DocExample, 'docType' | 'text'>): Array<{ line: string; level: 'paragraph' | 'document' }> {
  const result = lintText(example.text, { format: 'markdown', docType: example.docType, cacheFacts: false, rules: exampleRules(rule, example.docType) });
  const lines = result.analysis.model.lines;
  return result.findings
    .filter((f) => f.ruleId === rule.id)
    .map((f) => {
      const s = lines.positionAt(f.start);
      const e = lines.positionAt(f.end);
      return { line: `${s.line}:${s.column}-${e.line}:${e.column} ${f.ruleId} ${f.severity} ${f.message}`, level: f.level };
    });
}

function renderExamples(page: string, file: string, rule: Rule, changes: Change[], problems: string[]): string {
  const lines = page.split('\n');
  const examples = parseExamples(page, rule).filter((e) => e.section === 'triggers');
  // From the bottom up, so that the indices of the examples above stay right.
  for (const example of examples.reverse()) {
    const found = exampleFindings(rule, example).map((f) => f.line);
    if (!found.length) {
      problems.push(`${file}:${example.line}: this Triggers example gives no ${rule.id} finding (${example.docType})`);
      continue;
    }
    const what = `findings of the example on line ${example.line}`;
    if (example.findings) {
      const before = example.findings.lines.join('\n');
      if (before !== found.join('\n')) changes.push({ file, what, before, after: found.join('\n') });
      lines.splice(example.findings.openIndex + 1, example.findings.closeIndex - example.findings.openIndex - 1, ...found);
    } else {
      changes.push({ file, what: `${what} (no \`\`\`text block yet)`, before: '', after: found.join('\n') });
      lines.splice(example.closeIndex + 1, 0, '', '```text', ...found, '```');
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// README.md and docs/configuration.md

/** The README's "Default" column: the severity for mandates, or for the one type the rule is for, with notes. */
function readmeDefault(rule: Rule): string {
  const base: DocType = rule.docTypes.includes('mandate') ? 'mandate' : rule.docTypes[0];
  const setting = settingFor(rule, base);
  const notes: string[] = [];
  if (base !== 'mandate') notes.push(joinAnd(rule.docTypes.map((t) => PLURAL[t])));
  if (setting.paragraphSeverity) notes.push(`paragraph findings ${setting.paragraphSeverity}`);
  const quieter = rule.docTypes.filter((t) => t !== base && settingFor(rule, t).severity === setting.severity && settingFor(rule, t).paragraphSeverity && !setting.paragraphSeverity);
  if (quieter.length) notes.push(`paragraph findings ${settingFor(rule, quieter[0]).paragraphSeverity} in ${joinAnd(quieter.map((t) => PLURAL[t]))}`);
  return setting.severity + (notes.length ? ` (${notes.join('; ')})` : '');
}

export function readmeRules(): string {
  return [
    '| Rule | Default | What it finds | Lessons |',
    '|---|---|---|---|',
    ...RULES.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${cell(readmeDefault(r))} | ${cell(r.docs.finds)} | ${cell(citeLessons(r.lessons))} |`),
  ].join('\n');
}

export function configurationProfiles(): string {
  return [
    `| Rule | ${DOC_TYPES.join(' | ')} |`,
    `|---|${DOC_TYPES.map(() => '---').join('|')}|`,
    ...RULES.map((r) => `| \`${r.id}\` | ${DOC_TYPES.map((t) => profileCell(r, t)).join(' | ')} |`),
  ].join('\n');
}

export function configurationOptions(): string {
  return [
    '| Rule | Option | Type | Default | What it does |',
    '|---|---|---|---|---|',
    ...RULES.flatMap((r) =>
      optionEntries(r).map(
        ([name, option]) => `| [\`${r.id}\`](rules/${r.id}.md) | \`${name}\` | ${cell(optionType(option))} | ${cell(optionDefault(r, name, option))} | ${cell(option.description)} |`,
      ),
    ),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// The run

export interface GenerateOptions {
  root?: string;
  /** Also restate the findings under each Triggers example. */
  updateExamples?: boolean;
}

export interface Generated {
  /** Every file the script owns a part of, with its text now and as it should be. */
  files: Array<{ file: string; current: string; next: string }>;
  /** The pieces that differ. */
  changes: Change[];
  /** What the script cannot fix: a Triggers example that finds nothing. */
  problems: string[];
}

export function generateDocs(options: GenerateOptions = {}): Generated {
  const root = options.root ?? ROOT;
  const changes: Change[] = [];
  const problems: string[] = [];
  const files: Generated['files'] = [];
  const edit = (file: string, render: (text: string) => string) => {
    const current = readFileSync(join(root, file), 'utf8');
    files.push({ file, current, next: render(current) });
  };
  for (const rule of RULES) {
    const file = `docs/rules/${rule.id}.md`;
    edit(file, (text) => {
      const next = replaceBlock(text, file, 'header', ruleHeader(rule), changes);
      return options.updateExamples ? renderExamples(next, file, rule, changes, problems) : next;
    });
  }
  edit('README.md', (text) => replaceBlock(text, 'README.md', 'rules', readmeRules(), changes));
  edit('docs/configuration.md', (text) => {
    const next = replaceBlock(text, 'docs/configuration.md', 'profiles', configurationProfiles(), changes);
    return replaceBlock(next, 'docs/configuration.md', 'options', configurationOptions(), changes);
  });
  return { files, changes, problems };
}

/** What is out of date, generated blocks and examples' findings alike: nothing when the docs are current. */
export function checkDocs(root: string = ROOT): { changes: Change[]; problems: string[] } {
  const { changes, problems } = generateDocs({ root, updateExamples: true });
  return { changes, problems };
}

/** A short line diff (longest common subsequence; the blocks are small), at most `limit` lines. */
export function diffLines(before: string, after: string, limit = 12): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) (i++, j++);
    else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`- ${a[i++]}`);
    else out.push(`+ ${b[j++]}`);
  }
  // A changed line shows as - then +; long lines lose the start they share, so that the change is visible.
  for (let k = 0; k + 1 < out.length; k++) {
    if (!out[k].startsWith('- ') || !out[k + 1].startsWith('+ ')) continue;
    const [x, y] = [out[k].slice(2), out[k + 1].slice(2)];
    let p = 0;
    while (p < x.length && x[p] === y[p]) p++;
    if (p > 60) [out[k], out[k + 1]] = [`- …${x.slice(p - 30)}`, `+ …${y.slice(p - 30)}`];
  }
  const shown = out.filter((l) => l.trim() !== '+' && l.trim() !== '-');
  return shown.length > limit ? [...shown.slice(0, limit), `  ... ${shown.length - limit} more changed lines`] : shown;
}

/** The changes as a report: one heading line per piece, then its diff. */
export function summarize(changes: Change[]): string {
  return changes
    .map((c) => [`${c.file}: out of date: ${c.what}`, ...diffLines(c.before, c.after).map((l) => `    ${l.length > 200 ? l.slice(0, 197) + '...' : l}`)].join('\n'))
    .join('\n');
}

function main(argv: string[]): number {
  const known = new Set(['--check', '--update-examples']);
  const unknown = argv.filter((a) => !known.has(a));
  if (unknown.length) {
    process.stderr.write(`generate-docs: unknown argument ${unknown.join(' ')}\nusage: npm run docs [-- --check | --update-examples]\n`);
    return 2;
  }
  if (argv.includes('--check')) {
    const { changes, problems } = checkDocs();
    for (const p of problems) process.stderr.write(`${p}\n`);
    if (!changes.length) {
      if (!problems.length) process.stdout.write('docs: the generated blocks and the examples\' findings are up to date\n');
      return problems.length ? 1 : 0;
    }
    const examples = changes.filter((c) => c.what.startsWith('findings')).length;
    process.stdout.write(`${summarize(changes)}\n\n`);
    process.stdout.write(
      `docs: ${changes.length} generated part${changes.length === 1 ? ' is' : 's are'} out of date` +
        (examples ? `, ${examples} of them the findings under examples (read the changes, then npm run docs -- --update-examples)` : '') +
        (examples < changes.length ? '; npm run docs rewrites the others' : '') +
        '\n',
    );
    return 1;
  }
  const generated = generateDocs({ updateExamples: argv.includes('--update-examples') });
  const written: string[] = [];
  for (const { file, current, next } of generated.files) {
    if (next === current) continue;
    writeFileSync(join(ROOT, file), next);
    written.push(file);
  }
  for (const p of generated.problems) process.stderr.write(`${p}\n`);
  process.stdout.write(written.length ? `docs: wrote ${written.join(', ')}\n` : 'docs: nothing to write\n');
  return generated.problems.length ? 1 : 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    // A page that lost its markers, an unknown doc-type comment: say which, without a stack trace.
    process.stderr.write(`generate-docs: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
