/**
 * Reform content (strategies, restructuring, integration, new bodies) with no governance language, and SSR
 * documents with no governance language anywhere (review, lessons 4, 5 and 9; SG report, recommendation 1).
 */
import { conductHits, governanceHits, hitsOf, holdsWithReferences, reformActions, type AnalyzedUnit } from '../analysis';
import { readDrift } from './train-and-equip-drift';
import type { Rule, RuleContext } from './types';

/** Coordination, reporting, transition and funding paragraphs: their subject is a process, not the reform. */
function processLed(u: AnalyzedUnit, reformStart: number): boolean {
  return hitsOf(u, 'process').some((h) => h.start < reformStart);
}

/** Paragraphs whose subject is women's participation are judged for gender, not governance. */
function participationLed(u: AnalyzedUnit, reformStart: number): boolean {
  return hitsOf(u, 'gender').some((h) => h.start < reformStart);
}

export const missingGovernance: Rule = {
  id: 'missing-governance',
  title: 'Reform without governance language',
  defaultSeverity: 'error',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L4', 'IR-L5', 'IR-L9', 'SG-R1'],
  docs: {
    summary: 'SSR reform content (a strategy, restructuring, integration, new bodies) that says nothing about oversight, accountability, vetting, human rights or the rule of law.',
    goodPractice:
      'Name the governance outcome the reform serves: civilian and parliamentary oversight, vetting and merit-based recruitment, internal discipline and accountability for violations, transparent budgeting, independence of the judiciary.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    for (const u of context.judgedUnits()) {
      if (readDrift(u)) continue; // one finding per problem: capability-only paragraphs are drift
      const integration = hitsOf(u, 'integration')[0];
      const actions = reformActions(u);
      // "support to security sector reform" names the field; restructuring, a plan or new bodies are reform acts.
      const names = hitsOf(u, 'ssr-name');
      const reform = integration ?? actions[0] ?? names[0];
      if (!reform) continue;
      if (holdsWithReferences(u, (x) => governanceHits(x).length > 0 || conductHits(x).length > 0)) continue;
      if (participationLed(u, reform.start)) continue;
      if (integration || actions.length ? processLed(u, reform.start) : hitsOf(u, 'process').length > 0) continue;
      const phrase = context.quote(u.offset + reform.start, u.offset + reform.end);
      context.report({
        level: 'paragraph',
        unit: u,
        start: u.offset + reform.start,
        end: u.offset + reform.end,
        found: integration
          ? `Provides for the integration of former fighters into the forces ("${phrase}").`
          : `Sets out reform of security or justice institutions ("${phrase}").`,
        missing: integration
          ? 'It names no vetting, merit-based selection or civilian oversight for those integrated.'
          : 'It names no oversight, accountability, vetting or rule-of-law safeguard.',
        why: integration
          ? 'Integration without vetting locks abusers and patronage into the forces and makes later reform harder'
          : 'Reform that leaves out governance rebuilds forces without making them answerable',
        lessons: integration ? ['IR-L8', 'IR-L9', 'SG-R18'] : undefined,
        fixes: [{ snippet: integration ? 'vetting-integration' : 'civilian-oversight', title: integration ? 'Add vetting and merit criteria for integration' : 'Add a civilian and parliamentary oversight clause', afterUnit: u.unit.id }],
      });
    }

    const ssrUnits = analysis.units.filter((u) => u.ssr);
    if (!ssrUnits.length) return;
    const anyGovernance = analysis.units.some(
      (u) => u.unit.kind !== 'title' && u.unit.kind !== 'heading' && (governanceHits(u).length > 0 || conductHits(u).length > 0),
    );
    if (anyGovernance) return;
    context.report({
      level: 'document',
      start: -1,
      end: -1,
      found: `The draft has SSR content (${ssrUnits.length} paragraph${ssrUnits.length === 1 ? '' : 's'}) but no governance language anywhere.`,
      missing: 'Nothing on oversight, accountability, vetting, human rights or the rule of law appears outside cited titles and headings.',
      why: 'Without governance the draft treats SSR as building capacity rather than accountable institutions',
      evidence: ssrUnits.slice(0, 20).map((u) => ({ start: u.unit.start, end: Math.min(u.unit.end, u.unit.start + 200), message: 'SSR paragraph with no governance language' })),
    });
  },
};
