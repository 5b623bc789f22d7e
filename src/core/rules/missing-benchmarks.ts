/**
 * A document that asks for SSR support with no benchmark, indicator, date, target or SSR-specific reporting;
 * and, where a draft does set benchmarks, SSR tasks left outside them (review, recommendation 1(b),
 * lesson 19 and Box 1 (j)).
 */
import { hitsOf, institutionHits, operativeNumber as operativeNumberOf, usedAsVerb, type AnalyzedUnit, type DocumentAnalysis } from '../analysis';
import type { Hit } from '../facts';
import { describeOptions, LEVEL_OPTIONS, optionsSchema } from './options';
import type { Rule, RuleContext, Span } from './types';

const OPTIONS = optionsSchema({ ...LEVEL_OPTIONS });

function operativeNumber(analysis: DocumentAnalysis, u: AnalyzedUnit): number | undefined {
  return operativeNumberOf(analysis.units, u);
}

interface BenchmarkSignal {
  unit: AnalyzedUnit;
  hit: Span;
}

function ownSignal(analysis: DocumentAnalysis, u: AnalyzedUnit): BenchmarkSignal | undefined {
  // "The mission will benchmark its support against ..." uses the word as a verb.
  const benchmark = hitsOf(u, 'benchmark').find((h) => !usedAsVerb(h));
  if (benchmark) return { unit: u, hit: benchmark };
  // Dates about elections, the mandate or the mission's drawdown (the lexicon's non-ssr-timing) are not SSR deadlines.
  const timing = [...hitsOf(u, 'non-ssr-timing'), ...hitsOf(u, 'mandate-timing')];
  const deadline = u.facts.deadlines.find((d) => !timing.some((t) => t.end >= d.start - 80 && t.start <= d.end + 40));
  if (deadline) return { unit: u, hit: deadline };
  const report = hitsOf(u, 'reporting').find((h) => h.contexts.includes('progress') || reportsOnSupportToForces(analysis, u, h));
  if (report) return { unit: u, hit: report };
  return undefined;
}

/**
 * "will report on all the Support Office's support to the KNA": a report whose subject is the support given to
 * national forces (support within eight words of the report word, the forces within six of the support, one
 * sentence) is SSR-specific reporting, whoever gives the support. The forces are named or an institution's acronym.
 */
function reportsOnSupportToForces(analysis: DocumentAnalysis, u: AnalyzedUnit, report: Hit): boolean {
  const forces = [
    ...hitsOf(u, 'national-force').filter((f) => !f.missionOwn && !f.negated && f.sentence === report.sentence),
    ...institutionHits(u, analysis).filter((f) => f.sentence === undefined || f.sentence === report.sentence),
  ];
  if (!forces.length) return false;
  return hitsOf(u, 'support-verb').some(
    (s) => s.sentence === report.sentence && s.t0 >= report.t1 && s.t0 - report.t1 <= 8 && forces.some((f) => f.t0 >= s.t1 && f.t0 - s.t1 <= 6),
  );
}

/**
 * The benchmarks of a mission's exit strategy named as a whole ("towards achieving the benchmarks of the Mission's
 * exit strategy"): they measure the mandate's tasks, SSR included. Benchmarks that a lead-in lists, or that a
 * sentence ties to elections or a withdrawal, are judged by what they measure.
 */
function exitStrategyBenchmarks(u: AnalyzedUnit): boolean {
  if (u.unit.leadIn) return false;
  const timing = hitsOf(u, 'non-ssr-timing');
  return hitsOf(u, 'benchmark').some((b) => !usedAsVerb(b) && hitsOf(u, 'exit-strategy').some((e) => e.sentence === b.sentence) && !timing.some((t) => t.sentence === b.sentence));
}

/** Benchmark language about SSR: in SSR content, in a unit that names SSR, or in a lead-in or reference to SSR paragraphs. */
export function benchmarkSignals(analysis: DocumentAnalysis): BenchmarkSignal[] {
  const ssrNumbers = new Set(analysis.units.filter((u) => u.ssr).map((u) => operativeNumber(analysis, u)).filter((n): n is number => n !== undefined));
  const signals: BenchmarkSignal[] = [];
  const ssrChildOf = new Set(analysis.units.filter((c) => c.ssr && c.unit.parent !== undefined).map((c) => c.unit.parent!));
  const sectionHasSsr = new Set(analysis.units.filter((c) => c.ssr && c.unit.section !== undefined).map((c) => c.unit.section!));
  for (const u of analysis.units) {
    if (u.unit.kind === 'title' || u.unit.kind === 'heading') {
      // "Benchmarks for security sector reform" heading a list of SSR items.
      const heading = hitsOf(u, 'benchmark')[0];
      if (heading && (hitsOf(u, 'ssr-explicit').length || hitsOf(u, 'ssr-name').length) && sectionHasSsr.has(u.unit.id)) {
        signals.push({ unit: u, hit: heading });
      }
      continue;
    }
    const signal = ownSignal(analysis, u);
    if (!signal) continue;
    const direct = u.ssr || hitsOf(u, 'ssr-explicit').length > 0 || u.facts.paragraphRefs.some((n) => ssrNumbers.has(n)) || exitStrategyBenchmarks(u);
    // A lead-in over SSR sub-paragraphs counts too, unless what it times is an election or a drawdown.
    const leadsSsr = u.unit.leadIn && ssrChildOf.has(u.unit.id) && hitsOf(u, 'non-ssr-timing').length === 0;
    if (direct || leadsSsr) signals.push(signal);
  }
  return signals;
}

export const missingBenchmarks: Rule = {
  id: 'missing-benchmarks',
  title: 'SSR support without benchmarks',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-R1b', 'IR-L19', 'IR-B1j'],
  levels: ['paragraph', 'document'],
  docs: {
    summary: 'A draft that asks the mission or partners for SSR support but sets no benchmark, indicator, timeline or reporting on SSR progress.',
    finds:
      'a draft that asks for SSR support with no benchmark, indicator, timeline or SSR reporting; SSR tasks left outside the benchmarks it sets',
    goodPractice:
      'Attach dated, verifiable benchmarks to the SSR tasks (a law on parliamentary oversight promulgated, vetting of senior officers completed, a public expenditure review of the security sector adopted) and ask for reporting against them.',
    options: describeOptions(OPTIONS),
  },
  options: OPTIONS,
  check(context: RuleContext) {
    const { analysis } = context;
    const asks = analysis.units.filter((u) => u.ssr && u.ask);
    if (!asks.length) return;
    const signals = benchmarkSignals(analysis);
    if (!signals.length) {
      context.report({
        level: 'document',
        found: `The draft asks for SSR support in ${asks.length} paragraph${asks.length === 1 ? '' : 's'}.`,
        missing: 'It sets no benchmark, indicator, timeline or reporting requirement on SSR progress.',
        why: 'Without benchmarks neither the Council nor the host can tell whether the support is working',
        evidence: asks.slice(0, 20).map((unit) => ({ unit, message: 'asks for SSR support' })),
        fixes: [{ snippet: 'benchmarks-reporting', afterUnit: asks[asks.length - 1].unit.id }],
      });
      return;
    }
    // Benchmarks exist. When they name the paragraphs they measure, SSR tasks outside those paragraphs are open-ended.
    const referenced = new Set(signals.flatMap((s) => s.unit.facts.paragraphRefs));
    if (!referenced.size) return;
    for (const u of asks) {
      if (!hitsOf(u, 'reform').length && !hitsOf(u, 'capability').length && !hitsOf(u, 'integration').length) continue;
      if (ownSignal(analysis, u)) continue;
      const number = operativeNumber(analysis, u);
      if (number === undefined || referenced.has(number)) continue;
      // The finding sits on the paragraph's opening verb (lint.ts places a paragraph finding with no hit there).
      if (!u.unit.opener) continue;
      context.report({
        level: 'paragraph',
        unit: u,
        found: `Paragraph ${number} asks for SSR support.`,
        missing: `The draft's benchmarks cover paragraphs ${[...referenced].sort((a, b) => a - b).join(', ')}, not this one, and it sets no end point of its own.`,
        why: 'An SSR task with no end point cannot be assessed or handed over',
      });
    }
  },
};
