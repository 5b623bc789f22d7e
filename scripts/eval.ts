/**
 * Scores the linter against the labelled regression corpus in ../shared/corpus.
 *
 * - The four core rules are scored against the corpus's own labels, following its README: a finding on line 1
 *   is a document finding; any other finding belongs to the labelled paragraph whose line range holds its start
 *   line; paragraph-level missing-benchmarks findings are not scored.
 * - The other rules that apply to the corpus's document type are scored per document against the project's
 *   expert labels in test/corpus/extra-labels.json (written blind, from the texts and the rule pages).
 * - Every rule is also held to the corpus's SSR scope: a paragraph finding in a paragraph the corpus labels as
 *   not SSR, or a document finding in a text with no SSR paragraph, is a scope error.
 * - Rules for document types the corpus does not contain (strategies, peace agreements) are listed as not
 *   judged; their fixtures cover them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocType } from '../server/src/core/analysis';
import { lintText } from '../server/src/core/lint';
import { RULES } from '../server/src/core/rules/registry';

export const CORE_RULES = ['missing-governance', 'missing-benchmarks', 'missing-gender', 'train-and-equip-drift'] as const;
type CoreRule = (typeof CORE_RULES)[number];

interface Label {
  docType: DocType;
  document: Record<CoreRule, boolean>;
  paragraphs: Array<{ startLine: number; endLine: number; ssr: boolean; expect: Partial<Record<CoreRule, boolean>>; why: string }>;
}

interface ExtraLabels {
  rules: string[];
  documents: Record<string, Record<string, { expect: boolean; why: string; lines?: number[] }>>;
}

export interface RuleScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** Where the expected answers come from. */
  source: 'corpus labels' | 'project labels';
}

export interface ScopeScore {
  findings: number;
  /** Findings outside SSR content as the corpus labels it. */
  outOfScope: number;
}

export interface EvalOutcome {
  scores: Record<string, RuleScore>;
  scope: Record<string, ScopeScore>;
  notJudged: Record<string, string>;
  mistakes: string[];
}

export const EXTRA_LABELS = join(__dirname, '..', 'test', 'corpus', 'extra-labels.json');

function score(tp: number, fp: number, fn: number, source: RuleScore['source']): RuleScore {
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1, source };
}

export function evaluateCorpus(corpusDir: string, extraLabelsPath = EXTRA_LABELS): EvalOutcome {
  const docsDir = join(corpusDir, 'docs');
  const labelsDir = join(corpusDir, 'labels');
  const extra: ExtraLabels = existsSync(extraLabelsPath) ? JSON.parse(readFileSync(extraLabelsPath, 'utf8')) : { rules: [], documents: {} };
  const core = Object.fromEntries(CORE_RULES.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<CoreRule, { tp: number; fp: number; fn: number }>;
  const project = Object.fromEntries(extra.rules.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<string, { tp: number; fp: number; fn: number }>;
  const scope: Record<string, ScopeScore> = Object.fromEntries(RULES.map((r) => [r.id, { findings: 0, outOfScope: 0 }]));
  const docTypes = new Set<DocType>();
  const mistakes: string[] = [];

  for (const file of readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort()) {
    const name = file.replace(/\.md$/, '');
    const label = JSON.parse(readFileSync(join(labelsDir, `${name}.json`), 'utf8')) as Label;
    const docType = label.docType ?? 'mandate';
    docTypes.add(docType);
    const text = readFileSync(join(docsDir, file), 'utf8');
    // Off-by-default rules are judged too: enable every rule at its own default or at "info".
    const rules = Object.fromEntries(RULES.filter((r) => r.defaultSeverity === 'off').map((r) => [r.id, { severity: 'info' as const, options: {} }]));
    const result = lintText(text, { format: 'markdown', docType, rules, cacheFacts: false });
    const lines = result.analysis.model.lines;
    const hasSsr = label.paragraphs.some((p) => p.ssr);
    const documentFound = new Set<string>();
    const anyFound = new Set<string>();
    const paragraphFound = new Map<number, Set<string>>();
    for (const finding of result.findings) {
      const line = lines.positionAt(finding.start).line;
      anyFound.add(finding.ruleId);
      scope[finding.ruleId].findings++;
      if (line === 1) {
        documentFound.add(finding.ruleId);
        if (!hasSsr) {
          scope[finding.ruleId].outOfScope++;
          mistakes.push(`${name}:1 ${finding.ruleId}: document finding in a text with no SSR content`);
        }
        continue;
      }
      const index = label.paragraphs.findIndex((p) => line >= p.startLine && line <= p.endLine);
      if (index < 0) {
        mistakes.push(`${name}:${line} ${finding.ruleId} finding outside any labelled paragraph`);
        continue;
      }
      if (!label.paragraphs[index].ssr) {
        scope[finding.ruleId].outOfScope++;
        mistakes.push(`${name}:${line} ${finding.ruleId}: finding in a paragraph that is not SSR (${label.paragraphs[index].why})`);
      }
      if (!paragraphFound.has(index)) paragraphFound.set(index, new Set());
      paragraphFound.get(index)!.add(finding.ruleId);
    }

    const tally = (counts: { tp: number; fp: number; fn: number }, rule: string, where: string, expected: boolean, found: boolean, why = '') => {
      if (expected && found) counts.tp++;
      else if (found) {
        counts.fp++;
        mistakes.push(`${name}:${where} ${rule}: false positive${why ? ` (${why})` : ''}`);
      } else if (expected) {
        counts.fn++;
        mistakes.push(`${name}:${where} ${rule}: missed${why ? ` (${why})` : ''}`);
      }
    };
    for (const rule of CORE_RULES) tally(core[rule], rule, '1 document', !!label.document[rule], documentFound.has(rule));
    label.paragraphs.forEach((p, index) => {
      const found = paragraphFound.get(index) ?? new Set<string>();
      for (const rule of CORE_RULES) {
        if (rule === 'missing-benchmarks') continue;
        tally(core[rule], rule, String(p.startLine), !!p.expect[rule], found.has(rule), p.why);
      }
    });
    const expected = extra.documents[name] ?? {};
    for (const rule of extra.rules) {
      const entry = expected[rule];
      if (!entry) {
        mistakes.push(`${name}: no project label for ${rule}`);
        continue;
      }
      tally(project[rule], rule, 'document', entry.expect, anyFound.has(rule), entry.why);
    }
  }

  const scores: Record<string, RuleScore> = {};
  for (const rule of CORE_RULES) scores[rule] = score(core[rule].tp, core[rule].fp, core[rule].fn, 'corpus labels');
  for (const rule of extra.rules) scores[rule] = score(project[rule].tp, project[rule].fp, project[rule].fn, 'project labels');
  const notJudged: Record<string, string> = {};
  for (const rule of RULES) {
    if (scores[rule.id]) continue;
    notJudged[rule.id] = rule.docTypes.some((t) => docTypes.has(t)) ? 'no labels yet' : `the corpus has no ${rule.docTypes.join(' or ')} documents`;
  }
  return { scores, scope, notJudged, mistakes };
}

export const THRESHOLDS = { precision: 0.8, recall: 0.7 };
export const BASELINE = join(__dirname, 'eval-baseline.json');

/** Records new rules' figures and raises improved ones; a recorded figure is never lowered. */
function recordBaseline(scores: Record<string, RuleScore>): void {
  const baseline = existsSync(BASELINE) ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<string, { precision: number; recall: number }>) : {};
  const round = (n: number) => Math.floor(n * 100) / 100;
  for (const [rule, s] of Object.entries(scores)) {
    const old = baseline[rule];
    baseline[rule] = { precision: Math.max(old?.precision ?? 0, round(s.precision)), recall: Math.max(old?.recall ?? 0, round(s.recall)) };
  }
  writeFileSync(BASELINE, JSON.stringify(baseline, null, 2) + '\n');
  console.log(`Recorded ${BASELINE}.`);
}

function main(): void {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const corpus = resolve(positional[0] ?? join(__dirname, '..', '..', 'shared', 'corpus'));
  if (!existsSync(join(corpus, 'docs'))) {
    console.error(`mandate-lint eval: no corpus at ${corpus} (expected docs/ and labels/)`);
    process.exit(2);
  }
  const { scores, scope, notJudged, mistakes } = evaluateCorpus(corpus);
  const verbose = process.argv.includes('--verbose');
  if (verbose) for (const m of mistakes) console.log('  ' + m);
  console.log(`\nCorpus: ${corpus}`);
  console.log('rule                                  TP  FP  FN  precision  recall  out of scope  labels');
  let failed = false;
  for (const [rule, s] of Object.entries(scores)) {
    const ok = s.precision >= THRESHOLDS.precision && s.recall >= THRESHOLDS.recall && scope[rule].outOfScope === 0;
    if (!ok) failed = true;
    console.log(
      `${rule.padEnd(36)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}  ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}  ${`${scope[rule].outOfScope}/${scope[rule].findings}`.padStart(12)}  ${s.source}${ok ? '' : '  below target'}`,
    );
  }
  for (const [rule, why] of Object.entries(notJudged)) {
    const s = scope[rule];
    if (s.outOfScope) failed = true;
    console.log(`${rule.padEnd(36)}   -   -   -          -       -  ${`${s.outOfScope}/${s.findings}`.padStart(12)}  not judged: ${why}`);
  }
  console.log(`\nTargets: precision >= ${THRESHOLDS.precision}, recall >= ${THRESHOLDS.recall}, no finding outside SSR content.${verbose ? '' : ' Run with --verbose to list each mistake.'}`);
  if (process.argv.includes('--record')) recordBaseline(scores);
  process.exit(failed ? 1 : 0);
}

if (require.main === module) main();
