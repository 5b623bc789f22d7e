/** A strategy that trains and equips with no attention to pay, conditions of service and careers (review, lesson 16). */
import { institutionCapabilityHits } from '../analysis';
import { hasAnywhere, plannedSsrUnits } from './helpers';
import type { Rule, RuleContext } from './types';

export const missingConditionsOfService: Rule = {
  id: 'missing-conditions-of-service',
  title: 'Strategy blind to conditions of service',
  defaultSeverity: 'warning',
  docTypes: ['strategy'],
  lessons: ['IR-L16'],
  levels: ['document'],
  docs: {
    summary: 'An SSR strategy that plans training or equipment for the forces but never looks at pay, pensions, careers or other conditions of service.',
    finds: 'a strategy that trains and equips without looking at pay, pensions or careers',
    goodPractice:
      'Treat conditions of service as an entry point: regular pay through a verified payroll, pensions and severance, careers based on merit, and the welfare of personnel and their families.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    // Training and equipment for any security or justice personnel: prison officers need pay and careers too.
    const training = plannedSsrUnits(analysis).filter((u) => institutionCapabilityHits(u).length > 0);
    if (!training.length || hasAnywhere(analysis, 'conditions-of-service', { headings: true })) return;
    context.report({
      level: 'document',
      found: `The strategy plans capability support in ${training.length} activit${training.length === 1 ? 'y' : 'ies'}.`,
      missing: 'It says nothing about pay, pensions, careers or other conditions of service of the personnel.',
      why: 'Training does not change the behaviour of personnel who are unpaid or whose careers depend on patronage',
      fixes: [{ snippet: 'conditions-of-service', afterUnit: training[training.length - 1].unit.id }],
    });
  },
};
