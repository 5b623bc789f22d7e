/** A strategy with no monitoring, evaluation and learning (review, lesson 19 and Box 1 (j)). */
import { hasAnywhere, plannedSsrUnits } from './helpers';
import type { Rule, RuleContext } from './types';

export const missingMel: Rule = {
  id: 'missing-mel',
  title: 'Strategy without monitoring, evaluation and learning',
  defaultSeverity: 'warning',
  docTypes: ['strategy'],
  lessons: ['IR-L19', 'IR-B1j'],
  levels: ['document'],
  docs: {
    summary: 'An SSR strategy that says nothing about how progress will be monitored, evaluated and learned from.',
    finds: 'a strategy with no monitoring, evaluation and learning',
    goodPractice:
      'Set out baselines and indicators for each objective, joint monitoring with national partners, data disaggregated by sex, and a review cycle that feeds decisions by mission leadership.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    // A national strategy plans for itself, a mission strategy for its support: either way it needs monitoring.
    const activities = plannedSsrUnits(analysis);
    if (!activities.length || hasAnywhere(analysis, 'mel', { headings: true, missionOwn: true })) return;
    context.report({
      level: 'document',
      found: `The strategy sets out SSR objectives or activities in ${activities.length} paragraph${activities.length === 1 ? '' : 's'}.`,
      missing: 'It sets no monitoring, evaluation or learning: no baselines, indicators, data collection or reviews.',
      why: 'Without monitoring a mission cannot show what its SSR support achieves or correct course',
      fixes: [{ snippet: 'mel-framework', afterUnit: activities[activities.length - 1].unit.id }],
    });
  },
};
