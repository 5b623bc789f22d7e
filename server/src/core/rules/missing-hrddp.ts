/**
 * UN support to non-UN security forces with no human rights due diligence condition anywhere in the draft
 * (SG report, recommendation 9; review, lesson 9).
 */
import { capabilityHits, hitsOf } from '../analysis';
import { evidenceFrom, hasAnywhere, plural } from './helpers';
import type { Rule, RuleContext } from './types';

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
        (capabilityHits(u).length > 0 || u.facts.supportsInstitution) &&
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
