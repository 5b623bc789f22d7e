/**
 * A peace agreement that defers security matters to later without any mechanism to keep negotiating them
 * (review, lesson 7 and Box 1 (f); SG report, recommendation 3).
 */
import { hitsOf, subjectFollows } from '../analysis';
import { contentUnits, documentHits, evidenceFrom, onSecurityGround } from './helpers';
import type { Rule, RuleContext } from './types';

export const peaceAgreementWithoutDialogue: Rule = {
  id: 'peace-agreement-without-dialogue',
  title: 'Security deferred without a dialogue mechanism',
  defaultSeverity: 'warning',
  docTypes: ['peace-agreement'],
  lessons: ['IR-L7', 'IR-B1f', 'SG-R3'],
  levels: ['document'],
  docs: {
    summary: 'The agreement leaves security arrangements or reform to be settled later but sets up no inclusive mechanism through which they will be negotiated.',
    finds: 'security matters deferred with no inclusive mechanism to keep negotiating them',
    goodPractice:
      'Instead of more detail, commit the parties to a process: an inclusive dialogue or commission on the security sector, with women and civil society, that meets through implementation and reports to the guarantors.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    const units = contentUnits(analysis);
    if (!units.some((u) => onSecurityGround(u))) return;
    // Only security matters left open count: a deferred revenue-sharing formula is another negotiation.
    const deferrals = documentHits(analysis, 'deferral').filter(({ unit }) => onSecurityGround(unit));
    if (!deferrals.length) return;
    // A dialogue on security: its own sentence is on security ground ("dialogue on the security sector"), or an
    // inclusive commission sits in a security paragraph. A dialogue on the constitution does not count.
    const dialogueOnSecurity = documentHits(analysis, 'dialogue').some(({ unit, hit }) => {
      const ground = hitsOf(unit, 'security-ground').filter((g) => g.sentence === hit.sentence);
      // "dialogue on the constitution": when the subject is named right after the dialogue, it alone decides.
      if (subjectFollows(hit)) return ground.some((g) => g.t0 > hit.t1 && g.t0 - hit.t1 <= 12);
      return ground.length > 0;
    });
    const inclusiveCommission = units.some((u) => hitsOf(u, 'commission-term').length > 0 && hitsOf(u, 'inclusion').some((h) => !h.negated) && onSecurityGround(u));
    if (dialogueOnSecurity || inclusiveCommission) return;
    const first = deferrals[0];
    context.report({
      level: 'document',
      found: `The agreement defers security matters ("${context.quote(first.unit, first.hit)}").`,
      missing: 'It creates no dialogue, commission or other mechanism to keep negotiating them, inclusively, during implementation.',
      why: 'Ambiguities left in an agreement resurface at implementation; a standing dialogue keeps reform negotiable without reopening the peace',
      evidence: evidenceFrom(context, deferrals, (p) => `deferred: "${p}"`),
      fixes: [{ snippet: 'security-dialogue', afterUnit: deferrals[deferrals.length - 1].unit.unit.id }],
    });
  },
};
