/**
 * UN support to non-UN security forces with no human rights due diligence condition anywhere in the draft
 * (SG report, recommendation 9; review, lesson 9).
 */
import { capabilityHits, hitsOf, type AnalyzedUnit, type DocumentAnalysis } from '../analysis';
import { evidenceFrom, hasAnywhere, plural } from './helpers';
import type { Rule, RuleContext } from './types';

/**
 * The policy binds the UN: the clause reading must address the mission or the UN (directly or through the
 * lead-in a task hangs from), or the unit is one of a Council text's tasks that names nobody else. Support asked
 * of Member States or partners alone is theirs.
 */
function asksTheUn(analysis: DocumentAnalysis, u: AnalyzedUnit): boolean {
  // A mission's own strategy: the mission is the implementer; a national strategy asks nothing of the UN.
  if (analysis.docType === 'strategy') return analysis.voice === 'mission';
  const addressees = u.reading.addressees;
  if (addressees.includes('mission') || addressees.includes('un')) return true;
  // "The Council said that the mission would help ... support the national police": the mission commits to it.
  if (u.reading.asks === 'support' && !addressees.includes('partners') && u.facts.reading.clauses.some((c) => (c.subject === 'mission' || c.subject === 'un') && !!c.modal && !c.past)) return true;
  // A task in a Council text's list ("(c) to support the national police ...") is the mission's unless partners are named.
  const task = u.facts.reading.clauses[0]?.act === 'task' || u.unit.kind === 'subparagraph' || u.unit.kind === 'item';
  return task && !addressees.includes('partners') && u.reading.asks === 'support';
}

export const missingHrddp: Rule = {
  id: 'missing-hrddp',
  title: 'Support to security forces without human rights due diligence',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy'],
  lessons: ['SG-R9', 'IR-L9'],
  levels: ['document'],
  docs: {
    summary: 'The draft asks the UN to support national defence or security forces but never conditions that support on the human rights due diligence policy (HRDDP).',
    finds: 'the UN asked to support national forces with no human rights due diligence condition anywhere',
    goodPractice:
      'State once, for all support to non-UN security forces, that it is provided in strict compliance with the human rights due diligence policy, with risk assessments and mitigating measures reported to the Council.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    const forcesSupport = analysis.units.filter(
      (u) =>
        u.ssr &&
        u.ask &&
        asksTheUn(analysis, u) &&
        (capabilityHits(u).length > 0 || u.facts.supportsForces || hitsOf(u, 'integration').length > 0) &&
        // Uniformed forces, not ministries or courts: the lexicon's national-force concept and the acronyms the text defines.
        (hitsOf(u, 'national-force').some((h) => !h.missionOwn && !h.negated) || u.facts.acronyms.some((a) => analysis.forceAcronyms.has(a.text))),
    );
    // "the United Nations human rights due diligence policy" and "the Mission's HRDDP framework" both count.
    if (!forcesSupport.length || hasAnywhere(analysis, 'hrddp', { missionOwn: true })) return;
    context.report({
      level: 'document',
      found: `The draft asks the UN to support national security forces in ${plural(forcesSupport.length, 'paragraph')}.`,
      missing: 'It never makes that support subject to the human rights due diligence policy.',
      why: 'Support without due diligence can put the UN behind units that abuse the population it is there to protect',
      evidence: evidenceFrom(context, forcesSupport.map((unit) => ({ unit, hit: capabilityHits(unit)[0] })), (p) => `support to national forces: "${p}"`),
      fixes: [{ snippet: 'hrddp-condition', afterUnit: forcesSupport[forcesSupport.length - 1].unit.id }],
    });
  },
};
