/**
 * Scores the linter against a labelled corpus (by default ../shared/corpus), as the corpus README describes:
 *
 * - each document is linted with its label's docType; a finding on line 1 is a document finding, any other
 *   finding belongs to the labelled paragraph whose line range holds its start line;
 * - the four core rules are scored per paragraph (not missing-benchmarks, judged for the whole document) and per
 *   document, each document type apart and in total;
 * - the other rules are scored per document from the label's `extra` object (or, for documents that have none,
 *   from the project's own blind labels in test/corpus/extra-labels.json); `applies: false` is not scored;
 * - rules with at least five expected positives in the corpus are held to floors (precision and recall);
 * - every remaining error is listed, with the reason recorded in scripts/eval-known-errors.json when there is one.
 *
 * Usage: npm run eval [-- <corpus dir>] [--verbose] [--json] [--no-floors]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocType } from '../src/core/analysis';
import { lintText } from '../src/core/lint';
import { RULES } from '../src/core/rules/registry';

export const CORE_RULES = ['missing-governance', 'missing-benchmarks', 'missing-gender', 'train-and-equip-drift'] as const;
type CoreRule = (typeof CORE_RULES)[number];
export type Level = 'paragraph' | 'document';

interface ParagraphLabel {
  startLine: number;
  endLine: number;
  ssr: boolean;
  expect: Partial<Record<CoreRule, boolean>>;
  why: string;
}

interface ExtraEntry {
  applies?: boolean;
  expect: boolean;
  why?: string;
}

interface Label {
  docType: DocType;
  document: Record<CoreRule, boolean>;
  paragraphs: ParagraphLabel[];
  extra?: Record<string, ExtraEntry>;
}

interface ProjectLabels {
  rules: string[];
  documents: Record<string, Record<string, ExtraEntry>>;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Mistake {
  doc: string;
  /** 1 for document findings, else the paragraph's first line. */
  line: number;
  rule: string;
  kind: 'false positive' | 'missed';
  level: Level;
  docType: DocType;
  /** The label's reason for the paragraph or the extra entry. */
  why: string;
  /** Why the project accepts the error, from eval-known-errors.json. */
  known?: string;
}

export interface EvalOutcome {
  /** counts[rule][docType][level] */
  counts: Record<string, Partial<Record<DocType, Partial<Record<Level, Counts>>>>>;
  /** Expected positives per rule over the whole corpus. */
  positives: Record<string, number>;
  /** Findings in paragraphs the corpus labels as not SSR, per rule. */
  outOfScope: Record<string, number>;
  mistakes: Mistake[];
  /** Known errors that no longer occur. */
  staleKnown: KnownError[];
  documents: number;
  docTypes: Record<DocType, number>;
}

export interface KnownError {
  doc: string;
  line: number;
  rule: string;
  kind: Mistake['kind'];
  reason: string;
}

export const PROJECT_LABELS = join(__dirname, '..', 'test', 'corpus', 'extra-labels.json');
export const KNOWN_ERRORS = join(__dirname, 'eval-known-errors.json');
export const DEFAULT_CORPUS = join(__dirname, '..', '..', 'shared', 'corpus');

/** Rules with at least this many expected positives in the corpus are held to the floors. */
export const FLOOR_MIN_POSITIVES = 5;
export const FLOORS = { precision: 0.85, recall: 0.8 };

export function ratio(c: Counts): { precision: number; recall: number } {
  return { precision: c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1, recall: c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1 };
}

export function sum(list: Array<Counts | undefined>): Counts {
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const c of list) {
    if (!c) continue;
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
  }
  return total;
}

/** Every count of a rule, optionally restricted to a document type or a level. */
export function total(outcome: EvalOutcome, rule: string, docType?: DocType, level?: Level): Counts {
  const byType = outcome.counts[rule] ?? {};
  const list: Array<Counts | undefined> = [];
  for (const [type, byLevel] of Object.entries(byType) as Array<[DocType, Partial<Record<Level, Counts>>]>) {
    if (docType && type !== docType) continue;
    for (const [l, c] of Object.entries(byLevel) as Array<[Level, Counts]>) if (!level || l === level) list.push(c);
  }
  return sum(list);
}

function readKnown(path: string): KnownError[] {
  if (!existsSync(path)) return [];
  const data = JSON.parse(readFileSync(path, 'utf8')) as { errors: KnownError[] };
  return data.errors ?? [];
}

export function evaluateCorpus(corpusDir: string, options: { projectLabels?: string; knownErrors?: string } = {}): EvalOutcome {
  const docsDir = join(corpusDir, 'docs');
  const labelsDir = join(corpusDir, 'labels');
  const projectPath = options.projectLabels ?? PROJECT_LABELS;
  const project: ProjectLabels = existsSync(projectPath) ? JSON.parse(readFileSync(projectPath, 'utf8')) : { rules: [], documents: {} };
  const known = readKnown(options.knownErrors ?? KNOWN_ERRORS);
  const outcome: EvalOutcome = { counts: {}, positives: {}, outOfScope: {}, mistakes: [], staleKnown: [], documents: 0, docTypes: { mandate: 0, strategy: 0, 'peace-agreement': 0 } };
  const ruleIds = new Set(RULES.map((r) => r.id));

  const tally = (rule: string, docType: DocType, level: Level, expected: boolean, found: boolean, where: Omit<Mistake, 'kind' | 'rule' | 'level' | 'docType'>) => {
    const byType = (outcome.counts[rule] ??= {});
    const byLevel = (byType[docType] ??= {});
    const c = (byLevel[level] ??= { tp: 0, fp: 0, fn: 0 });
    if (expected) outcome.positives[rule] = (outcome.positives[rule] ?? 0) + 1;
    if (expected && found) c.tp++;
    else if (found) {
      c.fp++;
      outcome.mistakes.push({ ...where, rule, level, docType, kind: 'false positive' });
    } else if (expected) {
      c.fn++;
      outcome.mistakes.push({ ...where, rule, level, docType, kind: 'missed' });
    }
  };

  for (const file of readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort()) {
    const name = file.replace(/\.md$/, '');
    const labelPath = join(labelsDir, `${name}.json`);
    if (!existsSync(labelPath)) continue;
    const label = JSON.parse(readFileSync(labelPath, 'utf8')) as Label;
    const docType = label.docType ?? 'mandate';
    outcome.documents++;
    outcome.docTypes[docType]++;
    const text = readFileSync(join(docsDir, file), 'utf8');
    // Off-by-default rules are judged too: enable every rule at least at "info".
    const rules = Object.fromEntries(RULES.filter((r) => r.defaultSeverity === 'off').map((r) => [r.id, { severity: 'info' as const, options: {} }]));
    const result = lintText(text, { format: 'markdown', docType, rules, cacheFacts: false });
    const lines = result.analysis.model.lines;
    const documentFound = new Set<string>();
    const anyFound = new Set<string>();
    const paragraphFound = new Map<number, Set<string>>();
    for (const finding of result.findings) {
      const line = lines.positionAt(finding.start).line;
      anyFound.add(finding.ruleId);
      if (line === 1) {
        documentFound.add(finding.ruleId);
        continue;
      }
      const index = label.paragraphs.findIndex((p) => line >= p.startLine && line <= p.endLine);
      if (index < 0) continue;
      if (!label.paragraphs[index].ssr) outcome.outOfScope[finding.ruleId] = (outcome.outOfScope[finding.ruleId] ?? 0) + 1;
      if (!paragraphFound.has(index)) paragraphFound.set(index, new Set());
      paragraphFound.get(index)!.add(finding.ruleId);
    }

    for (const rule of CORE_RULES) tally(rule, docType, 'document', !!label.document[rule], documentFound.has(rule), { doc: name, line: 1, why: 'document' });
    label.paragraphs.forEach((p, index) => {
      const found = paragraphFound.get(index) ?? new Set<string>();
      for (const rule of CORE_RULES) {
        if (rule === 'missing-benchmarks') continue;
        tally(rule, docType, 'paragraph', !!p.expect[rule], found.has(rule), { doc: name, line: p.startLine, why: p.why });
      }
    });
    const extra = label.extra ?? project.documents[name] ?? {};
    for (const [rule, entry] of Object.entries(extra)) {
      if (!ruleIds.has(rule) || entry.applies === false) continue;
      if (!RULES.find((r) => r.id === rule)!.docTypes.includes(docType)) continue;
      tally(rule, docType, 'document', !!entry.expect, anyFound.has(rule), { doc: name, line: 1, why: entry.why ?? 'document' });
    }
  }

  const key = (e: { doc: string; line: number; rule: string; kind: string }) => `${e.doc}:${e.line}:${e.rule}:${e.kind}`;
  const knownByKey = new Map(known.map((k) => [key(k), k]));
  for (const m of outcome.mistakes) m.known = knownByKey.get(key(m))?.reason;
  const occurring = new Set(outcome.mistakes.map(key));
  const inCorpus = new Set(readdirSync(docsDir).map((f) => f.replace(/\.md$/, '')));
  outcome.staleKnown = known.filter((k) => inCorpus.has(k.doc) && !occurring.has(key(k)));
  return outcome;
}

/** Rules held to the floors: those with enough expected positives in the corpus. */
export function flooredRules(outcome: EvalOutcome): string[] {
  return Object.keys(outcome.counts).filter((rule) => (outcome.positives[rule] ?? 0) >= FLOOR_MIN_POSITIVES);
}

const TYPE_LABEL: Record<DocType, string> = { mandate: 'mandate', 'peace-agreement': 'agreement', strategy: 'strategy' };

function cell(c: Counts): string {
  if (!c.tp && !c.fp && !c.fn) return '         -        ';
  const { precision, recall } = ratio(c);
  return `${String(c.tp).padStart(3)}/${String(c.fp).padStart(2)}/${String(c.fn).padStart(2)} ${precision.toFixed(2)} ${recall.toFixed(2)}`;
}

export function formatTable(outcome: EvalOutcome): string {
  const types = (Object.keys(outcome.docTypes) as DocType[]).filter((t) => outcome.docTypes[t] > 0);
  const columns: Array<{ title: string; type?: DocType; level?: Level }> = [];
  for (const type of types) {
    columns.push({ title: `${TYPE_LABEL[type]} ¶`, type, level: 'paragraph' });
    columns.push({ title: `${TYPE_LABEL[type]} doc`, type, level: 'document' });
  }
  columns.push({ title: 'all', type: undefined, level: undefined });
  const width = 19;
  const out: string[] = [];
  out.push(`${'rule'.padEnd(34)} ${columns.map((c) => c.title.padStart(width)).join(' ')}`);
  out.push(`${''.padEnd(34)} ${columns.map(() => 'TP/FP/FN  P    R'.padStart(width)).join(' ')}`);
  const rules = RULES.map((r) => r.id).filter((id) => outcome.counts[id]);
  for (const rule of rules) {
    const floored = (outcome.positives[rule] ?? 0) >= FLOOR_MIN_POSITIVES;
    const all = total(outcome, rule);
    const { precision, recall } = ratio(all);
    const verdict = floored ? (precision >= FLOORS.precision && recall >= FLOORS.recall ? '  ok' : '  BELOW FLOOR') : '  (too few positives for a floor)';
    out.push(`${rule.padEnd(34)} ${columns.map((c) => cell(total(outcome, rule, c.type, c.level)).padStart(width)).join(' ')}${verdict}`);
  }
  const core = sum(CORE_RULES.map((r) => total(outcome, r)));
  const others = sum(rules.filter((r) => !(CORE_RULES as readonly string[]).includes(r)).map((r) => total(outcome, r)));
  out.push('');
  out.push(`${'core rules together'.padEnd(34)} ${cell(core)}`);
  out.push(`${'other rules together'.padEnd(34)} ${cell(others)}`);
  const scope = Object.entries(outcome.outOfScope).filter(([, n]) => n > 0);
  out.push(`${'findings outside SSR paragraphs'.padEnd(34)} ${scope.length ? scope.map(([r, n]) => `${r} ${n}`).join(', ') : 'none'}`);
  return out.join('\n');
}

export function formatMistakes(outcome: EvalOutcome): string {
  const out: string[] = [];
  const sorted = [...outcome.mistakes].sort((a, b) => a.doc.localeCompare(b.doc) || a.line - b.line || a.rule.localeCompare(b.rule));
  for (const m of sorted) {
    out.push(`  ${m.doc}:${m.line} ${m.rule} ${m.kind}${m.level === 'document' && m.line === 1 ? ' (document)' : ''}`);
    out.push(`      label: ${m.why}`);
    out.push(`      ${m.known ? `known: ${m.known}` : 'not yet explained'}`);
  }
  for (const k of outcome.staleKnown) out.push(`  stale entry in eval-known-errors.json (no longer happens): ${k.doc}:${k.line} ${k.rule} ${k.kind}`);
  return out.join('\n');
}

function main(): void {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const corpus = resolve(positional[0] ?? DEFAULT_CORPUS);
  if (!existsSync(join(corpus, 'docs'))) {
    console.error(`mandate-lint eval: no corpus at ${corpus} (expected docs/ and labels/)`);
    process.exit(2);
  }
  const outcome = evaluateCorpus(corpus);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(outcome, null, 2));
    return;
  }
  const types = (Object.entries(outcome.docTypes) as Array<[DocType, number]>).filter(([, n]) => n).map(([t, n]) => `${n} ${TYPE_LABEL[t]}`);
  console.log(`Corpus: ${corpus} (${outcome.documents} documents: ${types.join(', ')})`);
  console.log('Each cell: true positives / false positives / misses, precision, recall. ¶ = paragraph level, doc = document level.\n');
  console.log(formatTable(outcome));
  const unexplained = outcome.mistakes.filter((m) => !m.known).length;
  console.log(`\n${outcome.mistakes.length} errors remain (${outcome.mistakes.length - unexplained} explained in scripts/eval-known-errors.json, ${unexplained} not yet explained).`);
  if (process.argv.includes('--verbose')) console.log(formatMistakes(outcome));
  else console.log('Run with --verbose to list each error with the label and the reason.');
  const floored = flooredRules(outcome);
  const failing = floored.filter((rule) => {
    const { precision, recall } = ratio(total(outcome, rule));
    return precision < FLOORS.precision || recall < FLOORS.recall;
  });
  console.log(`\nFloors (rules with at least ${FLOOR_MIN_POSITIVES} expected positives): precision >= ${FLOORS.precision}, recall >= ${FLOORS.recall}. ${failing.length ? `Below: ${failing.join(', ')}.` : 'All met.'}`);
  // --no-floors: a second corpus is a measure, not a gate.
  process.exit(failing.length && !process.argv.includes('--no-floors') ? 1 : 0);
}

if (require.main === module) main();
