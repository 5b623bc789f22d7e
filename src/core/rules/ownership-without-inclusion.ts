/**
 * National ownership invoked with nobody named beyond the government: no parliament, civil society, women or
 * population (review, lesson 14 and Box 1 (c); SG report, recommendation 7).
 */
import { hitsOf, type AnalyzedUnit } from '../analysis';
import { contentUnits, evidenceFrom } from './helpers';
import type { Rule, RuleContext } from './types';

export const ownershipWithoutInclusion: Rule = {
  id: 'ownership-without-inclusion',
  title: 'National ownership without inclusion',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L14', 'IR-B1c', 'SG-R7'],
  levels: ['paragraph'],
  docs: {
    summary: 'The draft invokes national ownership but never says who owns the reform beyond the government: no parliament, civil society, women or population.',
    finds: 'national ownership invoked with nobody named beyond the government: no parliament, civil society, women or population',
    goodPractice:
      'Give ownership its content once in the draft: the oversight role of parliament, the participation of civil society, women and youth, and the security needs of the population, backed by national resources.',
  },
  check(context: RuleContext) {
    const units = contentUnits(context.analysis);
    const owning = units.filter((u) => hitsOf(u, 'ownership').some((h) => !h.negated));
    if (!owning.length) return;
    const inclusive = (u: AnalyzedUnit) => hitsOf(u, 'inclusion').some((h) => !h.negated && !h.missionOwn);
    // A lead-in's ownership ("to support, in full respect of national ownership, the Government's efforts to:") is
    // given its content by the sub-paragraphs under it; another paragraph's women or civil society are not.
    const givenContent = (u: AnalyzedUnit) => inclusive(u) || (u.unit.leadIn && units.some((c) => c.unit.parent === u.unit.id && inclusive(c)));
    // One definition of inclusive ownership anywhere is enough: later mentions may be short.
    if (owning.some(givenContent)) return;
    const first = owning[0];
    const hit = hitsOf(first, 'ownership')[0];
    const phrase = context.quote(first, hit);
    context.report({
      level: 'paragraph',
      unit: first,
      hit,
      found: `Invokes "${phrase}"${owning.length > 1 ? ` (and ${owning.length - 1} more time${owning.length > 2 ? 's' : ''})` : ''}.`,
      missing: 'Nowhere does the draft say who owns the reform beyond the government: no parliament, civil society, women or population.',
      why: 'Agreement by the government alone is not ownership; reforms owned by a narrow elite stall at implementation',
      evidence: evidenceFrom(context, owning.slice(1).map((unit) => ({ unit, hit: hitsOf(unit, 'ownership')[0] })), (p) => `ownership without inclusion: "${p}"`),
      fixes: [{ snippet: 'inclusive-ownership', afterUnit: first.unit.id }],
    });
  },
};
