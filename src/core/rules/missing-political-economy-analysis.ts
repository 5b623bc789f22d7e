/** A strategy with no conflict-centred political economy or context analysis (review, lesson 18; recommendation 1(a)). */
import { hasAnywhere, plannedSsrUnits } from './helpers';
import type { Rule, RuleContext } from './types';

export const missingPoliticalEconomyAnalysis: Rule = {
  id: 'missing-political-economy-analysis',
  title: 'Strategy without political economy analysis',
  defaultSeverity: 'warning',
  docTypes: ['strategy'],
  lessons: ['IR-L18', 'IR-R1a'],
  levels: ['document'],
  docs: {
    summary: 'An SSR strategy that plans activities without any conflict-centred analysis of power, interests and the population\'s security needs.',
    finds: 'a strategy with no conflict-centred political economy or context analysis',
    goodPractice:
      'Base the strategy on a political economy analysis of the security sector — who gains from the status quo, sources of revenue, formal and informal providers, security perception surveys disaggregated by sex — and say when it will be updated.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    const activities = plannedSsrUnits(analysis);
    if (!activities.length || hasAnywhere(analysis, 'political-economy', { headings: true, missionOwn: true })) return;
    context.report({
      level: 'document',
      found: `The strategy sets out SSR objectives or activities in ${activities.length} paragraph${activities.length === 1 ? '' : 's'}.`,
      missing: 'It rests on no political economy, conflict or context analysis, and no perception survey of the population.',
      why: 'SSR touches powerful interests; a plan that has not mapped them is unlikely to be achievable',
      fixes: [{ snippet: 'political-economy-analysis', afterUnit: activities[activities.length - 1].unit.id }],
    });
  },
};
