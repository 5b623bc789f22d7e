/**
 * UN support to non-UN security forces with no human rights due diligence condition anywhere in the draft
 * (SG report, recommendation 9; review, lesson 9).
 */
import { capabilityHits, hitsOf, type AnalyzedUnit, type DocumentAnalysis } from '../analysis';
import { evidenceFrom, hasAnywhere, plural } from './helpers';
import type { Rule, RuleContext } from './types';

const UN_ACTOR = /\b(?:Secretary-General|United Nations|UN Police|UNPOL|the Mission|its (?:police|military|civilian) components?|peacekeep\w*|(?:MINU|MONU|BINU)[A-Z]+|UN[A-Z]{2,})\b/;

const OTHER_PROVIDERS = /\b(?:Member States|donors|bilateral|international partners|partners|international community|regional organi[sz]ations|African Union|European Union)\b/i;

/** The policy binds the UN: the paragraph, or the lead-in it hangs from, must ask the UN itself to act. */
function asksTheUn(analysis: DocumentAnalysis, u: AnalyzedUnit): boolean {
  // A mission's own strategy: the mission is the implementer; a national strategy asks nothing of the UN.
  if (analysis.docType === 'strategy') return analysis.voice === 'mission';
  let current: AnalyzedUnit | undefined = u;
  let taskForm = false;
  for (let guard = 0; current && guard < 8; guard++) {
    const head = analysis.model.masked.slice(current.offset, Math.min(current.unit.end, current.offset + 200));
    if (UN_ACTOR.test(head)) return true;
    if (OTHER_PROVIDERS.test(head)) return false;
    if (current.unit.opener?.kind === 'infinitive') taskForm = true;
    current = current.unit.parent !== undefined ? analysis.units[current.unit.parent] : lastLeadInBefore(analysis, current);
  }
  // "To support ..." lists in a mandate are the mission's tasks even when the excerpt never names it.
  return taskForm;
}

/** Unmarked task lists ("UNMIL's tasks include:" then one paragraph per task) have no parent links. */
function lastLeadInBefore(analysis: DocumentAnalysis, u: AnalyzedUnit): AnalyzedUnit | undefined {
  for (let i = u.unit.id - 1; i >= 0 && i >= u.unit.id - 20; i--) {
    const candidate = analysis.units[i];
    if (candidate.unit.leadIn) return candidate;
    if (candidate.unit.kind === 'heading' || candidate.unit.marker) return undefined;
  }
  return undefined;
}

export const missingHrddp: Rule = {
  id: 'missing-hrddp',
  title: 'Support to security forces without human rights due diligence',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy'],
  lessons: ['SG-R9', 'IR-L9'],
  docs: {
    summary: 'The draft asks the UN to support national defence or security forces but never conditions that support on the human rights due diligence policy (HRDDP).',
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
        (hitsOf(u, 'defence-term').some((h) => !h.missionOwn) || hitsOf(u, 'security-institution').some((h) => !h.missionOwn && /force|army|police|gendarmerie|guard|military|troop/i.test(h.phrase)) || hitsOf(u, 'institution-acronym').length > 0 || u.facts.acronyms.some((a) => analysis.forceAcronyms.has(a.text))),
    );
    // "the United Nations human rights due diligence policy" and "the Mission's HRDDP framework" both count.
    if (!forcesSupport.length || hasAnywhere(analysis, 'hrddp', { missionOwn: true })) return;
    context.report({
      level: 'document',
      start: -1,
      end: -1,
      found: `The draft asks the UN to support national security forces in ${plural(forcesSupport.length, 'paragraph')}.`,
      missing: 'It never makes that support subject to the human rights due diligence policy.',
      why: 'Support without due diligence can put the UN behind units that abuse the population it is there to protect',
      evidence: evidenceFrom(context, forcesSupport.map((unit) => ({ unit, hit: capabilityHits(unit)[0] })), (p) => `support to national forces: "${p}"`),
      fixes: [{ snippet: 'hrddp-condition', title: 'Add a human rights due diligence condition', afterUnit: forcesSupport[forcesSupport.length - 1].unit.id }],
    });
  },
};
