/**
 * SSR support asked for with no public-finance dimension: no public expenditure review, affordability, fiscal
 * sustainability or resourcing of the tasks (review, lessons 13 and 15; SG report, recommendations 10 and 13).
 * Donor and mission funding resources the support; it does not answer whether the State can pay for the larger
 * forces that integration or recruitment leave behind (lesson 15), so those asks need host-side public finance.
 */
import { hitsOf, reformActions, type AnalyzedUnit } from '../analysis';
import type { Hit } from '../facts';
import { contentUnits, evidenceFrom, onSecurityGround, plural, substantiveAsks } from './helpers';
import type { Rule, RuleContext } from './types';

const counts = (h: Hit) => !h.negated && !h.missionOwn;

export const missingAffordability: Rule = {
  id: 'missing-affordability',
  title: 'SSR without a public-finance dimension',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy'],
  lessons: ['IR-L13', 'IR-L15', 'SG-R10', 'SG-R13'],
  levels: ['document'],
  docs: {
    summary: 'The draft asks for SSR support but says nothing about what it costs or who pays: no public expenditure review, affordability, fiscal sustainability or resources for the tasks; support that enlarges the forces needs the host-side view.',
    finds:
      'reform, integration or expansion programmes asked for with nothing on what the host can sustain (or, for smaller asks, on how the tasks are funded)',
    goodPractice:
      'Ask for a public expenditure review of the security sector early on, with the World Bank; cost the national plan within fiscal capacity; say how the mission will resource its SSR tasks (programmatic funding, a pooled fund).',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    // Programmes the host will have to carry: reform, restructuring, integration, expansion. Training or
    // equipment alone is judged by the drift and conditions-of-service rules, not here.
    const asks = substantiveAsks(analysis).filter(
      (u) => reformActions(u).length > 0 || hitsOf(u, 'integration').some((h) => !h.negated) || hitsOf(u, 'force-expansion').some(counts) || hitsOf(u, 'ssr-name').some((h) => h.role === 'core'),
    );
    if (!asks.length) return;
    const units = contentUnits(analysis);
    // Public-finance terms count anywhere; everyday money words only on security ground.
    const generic = (u: AnalyzedUnit) => hitsOf(u, 'money-generic').some((h) => !h.negated) && onSecurityGround(u);
    const hostFinance = units.some((u) => hitsOf(u, 'public-finance').some(counts));
    if (hostFinance) return;
    const enlarging = asks.filter((u: AnalyzedUnit) => hitsOf(u, 'integration').some((h) => !h.negated) || hitsOf(u, 'force-expansion').some(counts));
    // The mission's own programmatic funding resources its tasks: here the mission's words count.
    const resourced = units.some((u) => hitsOf(u, 'resourcing').some((h) => !h.negated) || generic(u));
    if (resourced && !enlarging.length) return;
    const strategy = analysis.docType === 'strategy';
    context.report({
      level: 'document',
      found: strategy ? `The strategy plans SSR programmes in ${plural(asks.length, 'paragraph')}.` : `The draft asks for SSR support in ${plural(asks.length, 'paragraph')}.`,
      missing: enlarging.length
        ? resourced
          ? 'Donor or mission funds pay for the support, but nothing says whether the State can sustain the larger forces afterwards.'
          : 'Nothing in it says what the enlarged forces will cost or whether the State can sustain them.'
        : 'Nothing in it addresses what the reforms cost, whether the host can sustain them or how the tasks are funded.',
      why: 'Unfunded tasks stay on paper, and forces the State cannot pay drift into predation',
      evidence: evidenceFrom(context, (enlarging.length ? enlarging : asks).map((unit) => ({ unit })), () => (enlarging.length ? 'enlarges the forces' : 'asks for SSR support')),
      fixes: [{ snippet: 'per-benchmark', afterUnit: asks[asks.length - 1].unit.id }],
    });
  },
};
