/**
 * Scores the linter against the labelled regression corpus in ../shared/corpus, following the convention in
 * its README: a finding on line 1 is a document finding; any other finding belongs to the labelled paragraph
 * whose line range holds its start line; paragraph-level missing-benchmarks findings are not scored.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintText } from '../server/src/core/lint';
import type { DocType } from '../server/src/core/analysis';

const SCORED = ['missing-governance', 'missing-benchmarks', 'missing-gender', 'train-and-equip-drift'] as const;
type ScoredRule = (typeof SCORED)[number];

interface Label {
  docType: DocType;
  document: Record<ScoredRule, boolean>;
  paragraphs: Array<{ startLine: number; endLine: number; ssr: boolean; expect: Partial<Record<ScoredRule, boolean>>; why: string }>;
}

export interface RuleScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface EvalOutcome {
  scores: Record<ScoredRule, RuleScore>;
  mistakes: string[];
}

export function evaluateCorpus(corpusDir: string): EvalOutcome {
  const docsDir = join(corpusDir, 'docs');
  const labelsDir = join(corpusDir, 'labels');
  const counts = Object.fromEntries(SCORED.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<ScoredRule, { tp: number; fp: number; fn: number }>;
  const mistakes: string[] = [];
  for (const file of readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort()) {
    const name = file.replace(/\.md$/, '');
    const label = JSON.parse(readFileSync(join(labelsDir, `${name}.json`), 'utf8')) as Label;
    const text = readFileSync(join(docsDir, file), 'utf8');
    const result = lintText(text, { format: 'markdown', docType: label.docType ?? 'mandate', cacheFacts: false });
    const lines = result.analysis.model.lines;
    const documentFound = new Set<string>();
    const paragraphFound = new Map<number, Set<string>>();
    for (const finding of result.findings) {
      const line = lines.positionAt(finding.start).line;
      if (line === 1) {
        documentFound.add(finding.ruleId);
        continue;
      }
      const index = label.paragraphs.findIndex((p) => line >= p.startLine && line <= p.endLine);
      if (index < 0) {
        mistakes.push(`${name}:${line} ${finding.ruleId} finding outside any labelled paragraph`);
        continue;
      }
      if (!paragraphFound.has(index)) paragraphFound.set(index, new Set());
      paragraphFound.get(index)!.add(finding.ruleId);
    }
    for (const rule of SCORED) {
      const expected = !!label.document[rule];
      const found = documentFound.has(rule);
      if (expected && found) counts[rule].tp++;
      else if (found) {
        counts[rule].fp++;
        mistakes.push(`${name}:1 document ${rule}: false positive`);
      } else if (expected) {
        counts[rule].fn++;
        mistakes.push(`${name}:1 document ${rule}: missed`);
      }
    }
    label.paragraphs.forEach((p, index) => {
      const found = paragraphFound.get(index) ?? new Set<string>();
      for (const rule of SCORED) {
        if (rule === 'missing-benchmarks') continue;
        const expected = !!p.expect[rule];
        const hit = found.has(rule);
        if (expected && hit) counts[rule].tp++;
        else if (hit) {
          counts[rule].fp++;
          mistakes.push(`${name}:${p.startLine} ${rule}: false positive (${p.why})`);
        } else if (expected) {
          counts[rule].fn++;
          mistakes.push(`${name}:${p.startLine} ${rule}: missed (${p.why})`);
        }
      }
    });
  }
  const scores = Object.fromEntries(
    SCORED.map((r) => {
      const { tp, fp, fn } = counts[r];
      return [r, { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 }];
    }),
  ) as Record<ScoredRule, RuleScore>;
  return { scores, mistakes };
}

export const THRESHOLDS = { precision: 0.8, recall: 0.7 };

function main(): void {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const corpus = resolve(positional[0] ?? join(__dirname, '..', '..', 'shared', 'corpus'));
  if (!existsSync(join(corpus, 'docs'))) {
    console.error(`mandate-lint eval: no corpus at ${corpus} (expected docs/ and labels/)`);
    process.exit(2);
  }
  const { scores, mistakes } = evaluateCorpus(corpus);
  const verbose = process.argv.includes('--verbose');
  if (verbose) for (const m of mistakes) console.log('  ' + m);
  console.log(`\nCorpus: ${corpus}`);
  console.log('rule                     TP  FP  FN  precision  recall');
  let failed = false;
  for (const [rule, s] of Object.entries(scores)) {
    const ok = s.precision >= THRESHOLDS.precision && s.recall >= THRESHOLDS.recall;
    if (!ok) failed = true;
    console.log(`${rule.padEnd(24)} ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}  ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}${ok ? '' : '  below target'}`);
  }
  console.log(`\nTargets: precision >= ${THRESHOLDS.precision}, recall >= ${THRESHOLDS.recall}.${verbose ? '' : ' Run with --verbose to list each mistake.'}`);
  process.exit(failed ? 1 : 0);
}

if (require.main === module) main();
