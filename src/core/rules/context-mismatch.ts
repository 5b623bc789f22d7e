/**
 * Large, long reform programmes asked for while the text describes open fighting, with no exploratory first step
 * (review, part 3 tables 1 and 2; lesson 4). Advisory.
 */
import { hitsOf } from '../analysis';
import { documentHits, evidenceFrom, hasAnywhere, onSecurityGround } from './helpers';
import type { Rule, RuleContext } from './types';

export const contextMismatch: Rule = {
  id: 'context-mismatch',
  title: 'Activities that do not fit the context',
  defaultSeverity: 'info',
  docTypes: ['mandate', 'strategy'],
  lessons: ['IR-T1', 'IR-L4'],
  levels: ['document'],
  docs: {
    summary: 'Advisory: the text describes open fighting yet asks for large, multi-year reform programmes, with no exploratory step such as dialogue, analysis or assessment.',
    finds: 'large reform programmes asked for amid open fighting, with no exploratory first step',
    goodPractice:
      'In violent instability start exploratory: good offices and dialogue on security, political economy analysis and assessments, small entry points; keep large programmes and trust funds for when the context allows, and say how the plan will be recalibrated.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    const fighting = documentHits(analysis, 'open-conflict');
    if (!fighting.length) return;
    const constructive = analysis.units.filter((u) => u.ssr && u.ask && hitsOf(u, 'constructive-ask').length > 0);
    if (!constructive.length) return;
    // An exploratory step: analysis or assessment anywhere, or dialogue and good offices that the UN is asked to
    // offer on security ground (consultations with troop contributors or on the electoral calendar do not count).
    const analysed = hasAnywhere(analysis, 'political-economy', { missionOwn: true }) || hasAnywhere(analysis, 'needs-assessment', { missionOwn: true });
    const engaged = analysis.units.some((u) => u.ask && onSecurityGround(u) && [...hitsOf(u, 'political-track'), ...hitsOf(u, 'dialogue')].some((h) => !h.negated));
    if (analysed || engaged) return;
    context.report({
      level: 'document',
      found: `The text describes open fighting ("${context.quote(fighting[0].unit, fighting[0].hit)}") and asks for large reform programmes.`,
      missing: 'It takes no exploratory step first: no dialogue, good offices, analysis or assessment.',
      why: 'Constructive programmes need a stable enough context; in open conflict SSR starts with exploring and building political support',
      evidence: evidenceFrom(context, constructive.map((unit) => ({ unit, hit: hitsOf(unit, 'constructive-ask')[0] })), (p) => `large programme: "${p}"`),
    });
  },
};
