/**
 * SSR support asked for with no public-finance dimension: no public expenditure review, affordability, fiscal
 * sustainability or resourcing of the tasks (review, lessons 13 and 15; SG report, recommendations 10 and 13).
 */
import { hitsOf } from '../analysis';
import { contentUnits, evidenceFrom, onSecurityGround, plural, substantiveAsks } from './helpers';
import type { Rule, RuleContext } from './types';

const GENERIC_MONEY = new Set(['budget', 'budgeting', 'funding', 'cost', 'revenue', 'procurement', 'trust fund', 'resources required', 'national budget', 'mutual commitment', 'recurrent costs', 'programmatic activities']);

export const missingAffordability: Rule = {
  id: 'missing-affordability',
  title: 'SSR without a public-finance dimension',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy'],
  lessons: ['IR-L13', 'IR-L15', 'SG-R10', 'SG-R13'],
  docs: {
    summary: 'The draft asks for SSR support but says nothing about what it costs or who pays: no public expenditure review, affordability, fiscal sustainability or resources for the tasks.',
    goodPractice:
      'Ask for a public expenditure review of the security sector early on, with the World Bank; cost the national plan within fiscal capacity; say how the mission will resource its SSR tasks (programmatic funding, a pooled fund).',
  },
  check(context: RuleContext) {
    const asks = substantiveAsks(context.analysis);
    // Public-finance terms count anywhere; everyday money words only on security ground, since a humanitarian
    // funding gap says nothing about what SSR costs.
    const finance = contentUnits(context.analysis).some((u) =>
      hitsOf(u, 'public-finance').some((h) => !h.negated && !h.missionOwn && (!GENERIC_MONEY.has(h.phrase) || onSecurityGround(context.analysis, u))),
    );
    if (!asks.length || finance) return;
    context.report({
      level: 'document',
      start: -1,
      end: -1,
      found: `The draft asks for SSR support in ${plural(asks.length, 'paragraph')}.`,
      missing: 'Nothing in it addresses what the reforms cost, whether the host can sustain them or how the tasks are funded.',
      why: 'Unfunded tasks stay on paper, and forces the State cannot pay drift into predation',
      evidence: evidenceFrom(context, asks.map((unit) => ({ unit })), () => 'asks for SSR support'),
      fixes: [{ snippet: 'per-benchmark', title: 'Add a public expenditure review of the security sector', afterUnit: asks[asks.length - 1].unit.id }],
    });
  },
};
