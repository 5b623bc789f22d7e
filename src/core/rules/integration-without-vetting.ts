/**
 * Integration of former combatants into the forces with no vetting, merit criteria or reintegration alternative,
 * in a paragraph that otherwise has governance language (review, lesson 8; SG report, recommendation 18).
 */
import { conductHits, governanceHits, hitsOf, holdsWithReferences } from '../analysis';
import type { Rule, RuleContext } from './types';

export const integrationWithoutVetting: Rule = {
  id: 'integration-without-vetting',
  title: 'Integration of ex-combatants without vetting',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L8', 'SG-R18'],
  docs: {
    summary: 'Former combatants are to be integrated into the defence or security forces with no vetting, merit-based selection, affordability check or reintegration alternative.',
    goodPractice:
      'Tie integration to individual vetting for past abuses, merit-based selection, an assessment of the affordability of the enlarged force, and a real option of reintegration into civilian life.',
  },
  check(context: RuleContext) {
    const safeguardedSomewhere = context.analysis.units.some((x) => hitsOf(x, 'integration-safeguard').some((h) => !h.negated));
    for (const u of context.judgedUnits()) {
      // Integration asked for or provided, not named inside a review or a report ("a public expenditure review that
      // costs the integration of former combatants").
      const integration = hitsOf(u, 'integration').find((h) => !h.negated && h.role !== 'frame' && !['process', 'governance'].includes(u.facts.reading.clauses[h.clause]?.action ?? ''));
      if (!integration) continue;
      // With no governance language at all the paragraph is already a missing-governance finding: one problem, one finding.
      const governed = holdsWithReferences(u, (x) => governanceHits(x).length > 0 || conductHits(x).length > 0);
      if (!governed) continue;
      if (holdsWithReferences(u, (x) => hitsOf(x, 'integration-safeguard').some((h) => !h.negated))) continue;
      // An agreement or a strategy sets its integration criteria once for all the provisions that integrate.
      if (context.analysis.docType !== 'mandate' && safeguardedSomewhere) continue;
      const phrase = context.quote(u.offset + integration.start, u.offset + integration.end);
      context.report({
        level: 'paragraph',
        unit: u,
        start: u.offset + integration.start,
        end: u.offset + integration.end,
        found: `Provides for integrating former fighters into the forces ("${phrase}").`,
        missing: 'It sets no vetting, merit-based selection, affordability check or reintegration alternative.',
        why: 'Integration on those terms buys calm now and freezes an unaffordable, politicised force that later reform must undo',
        fixes: [{ snippet: 'vetting-integration', title: 'Add vetting and merit criteria for integration', afterUnit: u.unit.id }],
      });
    }
  },
};
