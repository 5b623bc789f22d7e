/**
 * Mission exit or drawdown tied to readying national forces, with no governance benchmark and no transition of
 * SSR support to the UN country team or a longer-term UN strategy (review, lessons 6 and 11; SG report,
 * recommendation 11). Linking SSR to exit is expected; exit framed as force readiness alone is the problem.
 */
import { governanceHits, hitsOf, holdsWithReferences, institutionHits, type AnalyzedUnit } from '../analysis';
import type { Hit } from '../facts';
import { documentHits, evidenceFrom, onSecurityGround } from './helpers';
import type { Rule, RuleContext } from './types';

/**
 * Whose exit: the mission's (or a regional force's) when the mission, the UN or a regional force is named in the
 * same sentence, or the handover of security responsibilities is the subject; not the withdrawal of foreign
 * troops or armed groups (the lexicon's exit exclusions and the actors around the hit decide).
 */
function aboutMission(unit: AnalyzedUnit, hit: Hit): boolean {
  const leaving = [...hitsOf(unit, 'actor-party'), ...hitsOf(unit, 'national-force')].find((a) => a.t0 >= hit.t1 && a.t0 - hit.t1 <= 4 && a.sentence === hit.sentence);
  const mission = [...hitsOf(unit, 'mission-reference'), ...hitsOf(unit, 'mission-asset')].some((m) => m.sentence === hit.sentence);
  // "withdrawal of the armed groups", "withdrawal of foreign forces": someone else leaves.
  if (leaving && !mission && hitsOf(unit, 'mission-reference').every((m) => m.t0 > leaving.t1)) return false;
  return unit.ssr || mission || hitsOf(unit, 'security-handover').some((h) => h.t0 <= hit.t0 && h.t1 >= hit.t1);
}

export const exitWithoutTransition: Rule = {
  id: 'exit-without-transition',
  title: 'Mission exit without an SSR transition',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy'],
  lessons: ['IR-L6', 'IR-L11', 'SG-R11'],
  levels: ['document'],
  docs: {
    summary: "The draft ties SSR to the mission's drawdown or exit through the readiness of national forces, with no governance benchmark, and never says who carries SSR support on afterwards: no UN country team, resident coordinator or Cooperation Framework.",
    finds: "SSR tied to the mission's exit through force readiness, with no governance benchmark and no handover to the UN country team",
    goodPractice:
      'Plan the handover from the start: a joint transition plan with the UN country team, anchored in the Cooperation Framework, that says which SSR functions continue and how they are funded; measure readiness for exit by governance benchmarks, not by force numbers.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    if (!analysis.units.some((u) => u.ssr)) return;
    const exits = documentHits(analysis, 'exit', (h) => !h.negated).filter(({ unit, hit }) => aboutMission(unit, hit));
    // Exit in SSR content, or national forces named in the same sentence ("taking into account the capacity of the
    // police"); a troop ceiling listing the mission's own police in the sentence before does not tie the two.
    const ssrExits = exits.filter(
      ({ unit, hit }) => unit.ssr || hitsOf(unit, 'ssr-explicit').length > 0 || institutionHits(unit, analysis).some((h) => h.sentence === hit.sentence),
    );
    if (!ssrExits.length) return;
    // Exit measured by governance benchmarks is what the review asks for (lessons file, 4.5).
    const readinessOnly = ssrExits.filter(({ unit }) => !holdsWithReferences(unit, (x) => governanceHits(x).length > 0));
    if (!readinessOnly.length) return;
    // A transition counts where the draft talks about security, SSR or the exit itself, not humanitarian access.
    const transition = documentHits(analysis, 'unct-transition', (h) => !h.negated).some(
      ({ unit }) => onSecurityGround(unit) || hitsOf(unit, 'exit').length > 0 || hitsOf(unit, 'security-handover').length > 0,
    );
    if (transition) return;
    const first = readinessOnly[0];
    context.report({
      level: 'document',
      found: `The draft links SSR to the mission's drawdown or exit ("${context.quote(first.unit, first.hit)}") through the readiness of national forces.`,
      missing: 'It names no governance benchmark for that exit and no transition of SSR support to the UN country team or a longer-term UN strategy.',
      why: 'Reform takes decades; when exit is the end point, support stops halfway and readiness of the forces becomes the goal',
      evidence: evidenceFrom(context, readinessOnly, (p) => `exit: "${p}"`),
      fixes: [{ snippet: 'country-team-transition', afterUnit: readinessOnly[readinessOnly.length - 1].unit.unit.id }],
    });
  },
};
