/**
 * Support to the security sector justified by a stabilization output (restoring State authority, defeating
 * armed groups, reducing the terrorist threat, responding to gang violence) with no governance aim of its own
 * (review, lesson 5; SG report, recommendation 6).
 */
import { capabilityHits, governanceHits, hitsOf, introducedAsAim, reformActions, type AnalyzedUnit } from '../analysis';
import type { Hit } from '../facts';
import type { Rule, RuleContext } from './types';

/** "in order to restore State authority", "to reduce the threat", "in response to gang violence", "for the restoration of". */
function isAim(h: Hit): boolean {
  return h.role === 'aim' || h.contexts.includes('purpose') || introducedAsAim(h);
}

/**
 * The sentences in which the unit asks or plans something for the sector (reform, capability, integration, support
 * to SSR), or every sentence when it supports an institution (a reading of the whole paragraph): an aim justifies
 * that support only in the same sentence ("develop a strategy to combat terrorism" is the strategy's aim, not the
 * aim of a vetting it sets out further on).
 */
function sectorSentences(u: AnalyzedUnit): { all: boolean; sentences: Set<number> } {
  if (u.facts.supportsInstitution) return { all: true, sentences: new Set() };
  const hits = [...reformActions(u), ...capabilityHits(u), ...hitsOf(u, 'integration')];
  // "international support should be aligned with the National Security Architecture ... in support of stabilisation"
  if (hitsOf(u, 'support-verb').length) hits.push(...hitsOf(u, 'ssr-explicit').filter((h) => !h.missionOwn && h.role !== 'name'));
  return { all: false, sentences: new Set(hits.map((h) => h.sentence)) };
}

export const stabilizationConflation: Rule = {
  id: 'stabilization-conflation',
  title: 'SSR framed as stabilization',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L5', 'SG-R6'],
  levels: ['paragraph'],
  docs: {
    summary: 'Support to the security sector justified by a stabilization output (restoring State authority, silencing the guns, defeating armed groups or terrorism) with no governance aim of its own.',
    finds:
      'support to the security sector given a stabilization aim in the same sentence (restore State authority, stabilize a region) with no governance aim in that sentence',
    goodPractice:
      'Keep the two apart: stabilization tasks can create room for reform, but the SSR paragraph should name the governance outcome it serves (civilian oversight, accountability, a national security policy reached through dialogue).',
  },
  check(context: RuleContext) {
    for (const u of context.judgedUnits()) {
      const sector = sectorSentences(u);
      const aims = [...hitsOf(u, 'stabilization'), ...hitsOf(u, 'operational-aim')].filter(
        (h) => !h.negated && !h.missionOwn && h.role !== 'name' && isAim(h) && (sector.all || sector.sentences.has(h.sentence)),
      );
      if (!aims.length) continue;
      // A governance aim in the same sentence answers it, unless it only rides along inside the stabilization
      // phrase ("the restoration of State authority and rule of law"); an item after a semicolon does not ride along.
      const governance = governanceHits(u);
      const ridesAlong = (g: Hit, a: Hit) => g.clause === a.clause && g.t0 >= a.t1 && g.t0 - a.t1 <= 4;
      const unanswered = aims.find((a) => !governance.some((g) => g.sentence === a.sentence && !ridesAlong(g, a)));
      if (!unanswered) continue;
      const phrase = context.quote(u, unanswered);
      context.report({
        level: 'paragraph',
        unit: u,
        hit: unanswered,
        found: `Justifies support to the security sector by a stabilization aim ("${phrase}").`,
        missing: 'It names no governance aim for that support: no oversight, accountability or rule of law as an end in itself.',
        why: 'Treating SSR as stabilization trades accountable institutions for short-term security',
      });
    }
  },
};
