/**
 * SSR presented as a means to stabilization outputs (State authority, silencing the guns, counter-terrorism)
 * with no governance aim of its own (review, lesson 5; SG report, recommendation 6).
 */
import { governanceHits, hitsOf, holdsWithReferences, reformActions } from '../analysis';
import { readDrift } from './train-and-equip-drift';
import type { Rule, RuleContext } from './types';

export const stabilizationConflation: Rule = {
  id: 'stabilization-conflation',
  title: 'SSR framed as stabilization',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L5', 'SG-R6'],
  docs: {
    summary: 'Security sector reform presented as the means to restore State authority, silence the guns or fight terrorism, so that its success is measured by short-term security.',
    goodPractice:
      'Keep the two apart: stabilization tasks can create room for reform, but the SSR paragraph should name the governance outcome it serves (civilian oversight, accountability, a national security policy reached through dialogue).',
  },
  check(context: RuleContext) {
    for (const u of context.judgedUnits()) {
      // SSR named first, then stabilization as what it is for: "SSR ... in order to restore State authority".
      const ssrStart = Math.min(...[...hitsOf(u, 'ssr-name'), ...hitsOf(u, 'ssr-explicit'), ...reformActions(u)].map((h) => h.start));
      if (!Number.isFinite(ssrStart)) continue;
      const stabilization = hitsOf(u, 'stabilization').filter((h) => !h.negated && h.contexts.includes('purpose') && h.start > ssrStart);
      if (!stabilization.length) continue;
      // Without any governance language the paragraph is already train-and-equip-drift or missing-governance.
      if (readDrift(u) || !holdsWithReferences(u, (x) => governanceHits(x).length > 0)) continue;
      const first = stabilization[0];
      const phrase = context.quote(u.offset + first.start, u.offset + first.end);
      context.report({
        level: 'paragraph',
        unit: u,
        start: u.offset + first.start,
        end: u.offset + first.end,
        found: `Presents security sector reform as a means to stabilization ("${phrase}").`,
        missing: 'The reform is measured by short-term security gains rather than by the governance of the sector it should change.',
        why: 'Treating SSR as stabilization trades accountable institutions for short-term security',
      });
    }
  },
};
