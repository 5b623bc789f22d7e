/**
 * Mission exit or drawdown tied to readying national forces, with no governance benchmark and no transition of
 * SSR support to the UN country team or a longer-term UN strategy (review, lessons 6 and 11; SG report,
 * recommendation 11). Linking SSR to exit is expected; exit framed as force readiness alone is the problem.
 */
import { governanceHits, hasMissionToLeave, hitsOf, holdsWithReferences, institutionHits, withdrawsForces, type AnalyzedUnit } from '../analysis';
import type { Hit } from '../facts';
import { firstIndex } from '../text';
import { documentHits, evidenceFrom, onSecurityGround } from './helpers';
import type { Rule, RuleContext } from './types';

/**
 * What aboutMission asks of a paragraph's hits, indexed once per paragraph: a paragraph that repeats an exit word
 * beside forces thousands of times (a pasted table) made the rule compare every exit with every actor.
 */
interface ExitIndex {
  /** Hits of actors that may be the ones leaving, by the token they start at, with their place in the list. */
  parties: Map<number, Array<{ hit: Hit; index: number }>>;
  forces: Map<number, Array<{ hit: Hit; index: number }>>;
  /** Sentences that name the mission or its assets. */
  missionSentences: Set<number>;
  /** The first token of any mission reference (Infinity when there is none). */
  firstMissionToken: number;
  /** Handover hits' first tokens in order, with the furthest end reached by any hit starting there or before. */
  handoverStarts: number[];
  handoverReach: number[];
}

function byStartToken(hits: readonly Hit[]): Map<number, Array<{ hit: Hit; index: number }>> {
  const out = new Map<number, Array<{ hit: Hit; index: number }>>();
  hits.forEach((hit, index) => {
    const list = out.get(hit.t0);
    if (list) list.push({ hit, index });
    else out.set(hit.t0, [{ hit, index }]);
  });
  return out;
}

function exitIndexOf(unit: AnalyzedUnit): ExitIndex {
  const missionSentences = new Set<number>();
  let firstMissionToken = Infinity;
  for (const m of hitsOf(unit, 'mission-reference')) {
    missionSentences.add(m.sentence);
    firstMissionToken = Math.min(firstMissionToken, m.t0);
  }
  for (const m of hitsOf(unit, 'mission-asset')) missionSentences.add(m.sentence);
  const handovers = [...hitsOf(unit, 'security-handover')].sort((a, b) => a.t0 - b.t0);
  const handoverReach: number[] = [];
  let reach = -1;
  for (const h of handovers) handoverReach.push((reach = Math.max(reach, h.t1)));
  return {
    parties: byStartToken(hitsOf(unit, 'actor-party')),
    forces: byStartToken(hitsOf(unit, 'national-force')),
    missionSentences,
    firstMissionToken,
    handoverStarts: handovers.map((h) => h.t0),
    handoverReach,
  };
}

/** The first hit in list order that starts within four tokens after `hit`, in its sentence. */
function leavingActor(starts: ExitIndex['parties'], hit: Hit): Hit | undefined {
  let best: { hit: Hit; index: number } | undefined;
  for (let t = hit.t1; t <= hit.t1 + 4; t++) {
    for (const candidate of starts.get(t) ?? []) {
      if (candidate.hit.sentence === hit.sentence && (!best || candidate.index < best.index)) best = candidate;
    }
  }
  return best?.hit;
}

/** A handover hit that starts at or before `hit` and ends at or after it. */
function insideHandover(index: ExitIndex, hit: Hit): boolean {
  // Handovers [0, after) start at or before the hit.
  const after = firstIndex(index.handoverStarts.length, (i) => index.handoverStarts[i] > hit.t0);
  return after > 0 && index.handoverReach[after - 1] >= hit.t1;
}

/**
 * Whose exit: the mission's (or a regional force's) when the mission, the UN or a regional force is named in the
 * same sentence, or the handover of security responsibilities is the subject; not the withdrawal of foreign
 * troops or armed groups (the lexicon's exit exclusions and the actors around the hit decide).
 */
function aboutMission(unit: AnalyzedUnit, hit: Hit, index: ExitIndex): boolean {
  // "the withdrawal of its military, police and paramilitary forces" under a settlement: the State's forces leave.
  if (withdrawsForces(unit, hit)) return false;
  const leaving = leavingActor(index.parties, hit) ?? leavingActor(index.forces, hit);
  const mission = index.missionSentences.has(hit.sentence);
  // "withdrawal of the armed groups", "withdrawal of foreign forces": someone else leaves.
  if (leaving && !mission && index.firstMissionToken > leaving.t1) return false;
  return unit.ssr || mission || insideHandover(index, hit);
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
    if (!hasMissionToLeave(analysis)) return;
    const indexes = new Map<AnalyzedUnit, ExitIndex>();
    const indexOf = (unit: AnalyzedUnit) => indexes.get(unit) ?? indexes.set(unit, exitIndexOf(unit)).get(unit)!;
    const exits = documentHits(analysis, 'exit', (h) => !h.negated).filter(({ unit, hit }) => aboutMission(unit, hit, indexOf(unit)));
    const institutionSentences = new Map<AnalyzedUnit, Set<number | undefined>>();
    const institutionSentencesOf = (unit: AnalyzedUnit) =>
      institutionSentences.get(unit) ?? institutionSentences.set(unit, new Set(institutionHits(unit, analysis).map((h) => h.sentence))).get(unit)!;
    // Exit in SSR content, or national forces named in the same sentence ("taking into account the capacity of the
    // police"); a troop ceiling listing the mission's own police in the sentence before does not tie the two.
    const ssrExits = exits.filter(
      ({ unit, hit }) => unit.ssr || hitsOf(unit, 'ssr-explicit').length > 0 || institutionSentencesOf(unit).has(hit.sentence),
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
