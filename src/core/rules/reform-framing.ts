/**
 * Information only, off by default: national-facing strategy text that casts national institutions as defective.
 * The review does not ask for a general change of terms (review, lesson 3).
 */
import { hitsOf, institutionHits, type InstitutionMention } from '../analysis';
import type { Hit } from '../facts';
import type { Rule, RuleContext } from './types';

/** A word describes an institution it overlaps, or one within six words of it with no clause-break mark between. */
function describes(word: Hit, institution: InstitutionMention): boolean {
  if (institution.start < word.end && institution.end > word.start) return true;
  const gap = institution.t0 >= word.t1 ? institution.t0 - word.t1 : word.t0 - institution.t1;
  return word.segment === institution.segment && gap <= 6;
}

export const reformFraming: Rule = {
  id: 'reform-framing',
  title: 'Framing of reform (information)',
  defaultSeverity: 'off',
  docTypes: ['strategy'],
  lessons: ['IR-L3'],
  levels: ['paragraph'],
  docs: {
    summary: 'Information only and off by default: strategy text that calls national institutions defective, failed or dysfunctional.',
    finds:
      'national institutions called defective or failed in a national-facing strategy (a hint; "security sector reform" itself is never flagged)',
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
      // collapsed", within a few words and with no clause-break mark between them.
      const near = words.find((w) => [...institutions, ...ssr].some((i) => describes(w, i)));
      if (!near) continue;
      const phrase = context.quote(u, near);
      context.report({
        level: 'paragraph',
        unit: u,
        hit: near,
        found: `Describes national security institutions as "${phrase}".`,
        missing: 'The text says what the institutions lack rather than what they should become.',
        why: 'Framing reform as fixing something defective can alienate the officials and personnel whose support it needs',
      });
    }
  },
};
