/**
 * The ten defence provisions of the review's Box 2, as a checklist for peace agreements (review, Box 2 and
 * lesson 9).
 */
import { BOX2_ITEMS, firstMet } from '../coverage';
import type { Rule, RuleContext } from './types';

export const dsrProvisions: Rule = {
  id: 'dsr-provisions',
  title: 'Defence provisions of a peace agreement (Box 2 checklist)',
  defaultSeverity: 'info',
  docTypes: ['peace-agreement'],
  lessons: ['IR-B2', 'IR-L9'],
  levels: ['document'],
  docs: {
    summary: 'Lists which of the ten defence provisions the review recommends for peace agreements the text does not yet contain.',
    finds: "which of the ten defence provisions of the review's Box 2 the agreement does not yet contain",
    goodPractice:
      'Commit to processes and principles rather than force numbers: a strategic and transparent defence review, census and vetting, civilian oversight in law, human rights, representation of women and minorities, human rights mechanisms, a needs assessment, links to SSR and DDR, an inclusive commission, and support that allows peacekeepers to draw down.',
  },
  check(context: RuleContext) {
    const { analysis } = context;
    if (!analysis.units.some((u) => u.ssr)) return;
    const missing = BOX2_ITEMS.filter((item) => !firstMet(analysis, item.addressedBy));
    if (!missing.length) return;
    const covered = BOX2_ITEMS.length - missing.length;
    context.report({
      level: 'document',
      found: `The agreement covers ${covered} of the ten defence provisions of the review's Box 2.`,
      missing: `Missing: ${missing.map((m) => m.title).join('; ')}.`,
      why: 'These provisions commit the parties to governed defence reform from the outset without fixing numbers that later need renegotiating',
    });
  },
};
