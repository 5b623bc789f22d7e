/**
 * Integration of former combatants into the forces with no vetting, merit criteria or reintegration alternative
 * (review, lesson 8; SG report, recommendation 18). In a paragraph with no governance language at all the problem
 * is missing-governance's: the registry makes this rule yield to it there.
 */
import { hitsOf, holdsWithReferences, inPastNarrative } from '../analysis';
import type { Rule, RuleContext } from './types';

export const integrationWithoutVetting: Rule = {
  id: 'integration-without-vetting',
  title: 'Integration of ex-combatants without vetting',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L8', 'SG-R18'],
  levels: ['paragraph'],
  docs: {
    summary: 'Former combatants are to be integrated into the defence or security forces with no vetting, merit-based selection, affordability check or reintegration alternative.',
    finds: 'ex-combatants integrated into the forces with no vetting, merit criteria, affordability check or civilian alternative',
    goodPractice:
      'Tie integration to individual vetting for past abuses, merit-based selection, an assessment of the affordability of the enlarged force, and a real option of reintegration into civilian life.',
  },
  check(context: RuleContext) {
    const safeguardedSomewhere = context.analysis.units.some((x) => hitsOf(x, 'integration-safeguard').some((h) => !h.negated));
    for (const u of context.judgedUnits()) {
      // A strategy's analysis, and its histories ("In 2016, former combatants were integrated"), describe; they do not plan.
      if (u.reading.analysis) continue;
      // Integration asked for or provided, not named inside a review or a report ("a public expenditure review that
      // costs the integration of former combatants").
      const integration = hitsOf(u, 'integration').find(
        (h) => !h.negated && h.role !== 'frame' && !['process', 'governance'].includes(u.facts.reading.clauses[h.clause]?.action ?? '') && !inPastNarrative(u, h),
      );
      if (!integration) continue;
      if (holdsWithReferences(u, (x) => hitsOf(x, 'integration-safeguard').some((h) => !h.negated))) continue;
      // An agreement or a strategy sets its integration criteria once for all the provisions that integrate.
      if (context.analysis.docType !== 'mandate' && safeguardedSomewhere) continue;
      const phrase = context.quote(u, integration);
      context.report({
        level: 'paragraph',
        unit: u,
        hit: integration,
        found: `Provides for integrating former fighters into the forces ("${phrase}").`,
        missing: 'It sets no vetting, merit-based selection, affordability check or reintegration alternative.',
        why: 'Integration on those terms buys calm now and freezes an unaffordable, politicised force that later reform must undo',
        fixes: [{ snippet: 'vetting-integration', afterUnit: u.unit.id }],
      });
    }
  },
};
