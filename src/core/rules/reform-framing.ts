/**
 * Information only, off by default: national-facing strategy text that casts national institutions as defective.
 * The review does not ask for a general change of terms (review, lesson 3).
 */
import { hitsOf, institutionHits } from '../analysis';
import type { Rule, RuleContext } from './types';

export const reformFraming: Rule = {
  id: 'reform-framing',
  title: 'Framing of reform (information)',
  defaultSeverity: 'off',
  docTypes: ['strategy'],
  lessons: ['IR-L3'],
  docs: {
    summary: 'Information only and off by default: strategy text that calls national institutions defective, failed or dysfunctional.',
    goodPractice:
      'Where the audience is national, describe what institutions need to become rather than what they lack; speaking of developing or transforming the sector can land better. "Security sector reform" itself stays the agreed term in Council texts.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    for (const u of analysis.units) {
      if (u.unit.kind === 'title' || u.unit.kind === 'heading') continue;
      const words = hitsOf(u, 'negative-framing');
      if (!words.length) continue;
      const institutions = institutionHits(u, analysis);
      const ssr = hitsOf(u, 'ssr-explicit');
      // The word must describe the institution itself: "dysfunctional police", "the justice system has
      // collapsed", within a few words and in the same clause.
      const text = analysis.model.masked;
      const describes = (w: { start: number; end: number }, i: { start: number; end: number }) => {
        const between = i.start >= w.end ? text.slice(u.offset + w.end, u.offset + i.start) : text.slice(u.offset + i.end, u.offset + w.start);
        if (i.start < w.end && i.end > w.start) return true;
        return !/[.;:()]/.test(between) && between.split(/\s+/).filter(Boolean).length <= 6;
      };
      const near = words.find((w) => [...institutions, ...ssr].some((i) => describes(w, i)));
      if (!near) continue;
      const phrase = context.quote(u.offset + near.start, u.offset + near.end);
      context.report({
        level: 'paragraph',
        unit: u,
        start: u.offset + near.start,
        end: u.offset + near.end,
        found: `Describes national security institutions as "${phrase}".`,
        missing: 'The text says what the institutions lack rather than what they should become.',
        why: 'Framing reform as fixing something defective can alienate the officials and personnel whose support it needs',
      });
    }
  },
};
