/**
 * SSR content that names only the armed forces and defence: no police, justice, corrections, oversight bodies or
 * civilian ministries (review, lesson 9 and annex 2; recommendation 4).
 */
import { hitsOf } from '../analysis';
import { evidenceFrom, plural } from './helpers';
import { describeOptions, optionsSchema } from './options';
import type { Rule, RuleContext } from './types';

const OPTIONS = optionsSchema({
  minParagraphs: {
    type: 'integer',
    minimum: 1,
    default: 2,
    description:
      'How many SSR paragraphs must name the armed forces or defence, while none names the police, justice, corrections, oversight bodies or civilian ministries, before the draft counts as SSR reduced to defence.',
  },
});

type Options = { minParagraphs: number };

export const defenceDominance: Rule<Options> = {
  id: 'defence-dominance',
  title: 'SSR reduced to defence',
  defaultSeverity: 'warning',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L9', 'IR-A2', 'IR-R4'],
  levels: ['document'],
  docs: {
    summary: 'The SSR content names only the armed forces and defence; police, justice, corrections, intelligence, oversight bodies and civilian ministries are absent.',
    finds: 'SSR content that names only the armed forces and defence: no police, justice, corrections, oversight bodies or civilian ministries',
    goodPractice:
      'Place defence reform inside the wider sector: the police and justice chain, parliament and the civilian ministries that oversee the forces, and the national security policy that ties them together.',
    options: describeOptions(OPTIONS),
  },
  options: OPTIONS,
  check(context: RuleContext<Options>) {
    const ssr = context.analysis.units.filter((u) => u.ssr);
    const defence = ssr.filter((u) => hitsOf(u, 'defence-term').some((h) => !h.missionOwn));
    const other = ssr.filter((u) => hitsOf(u, 'non-defence-term').some((h) => !h.missionOwn));
    if (defence.length < context.options.minParagraphs || other.length > 0) return;
    context.report({
      level: 'document',
      found: `The SSR content (${plural(ssr.length, 'paragraph')}) names only the armed forces and defence institutions.`,
      missing: 'No police, justice, corrections, intelligence, oversight body or civilian ministry appears in it.',
      why: 'Narrowing SSR to the military militarises reform and leaves the rest of the security and justice chain unreformed',
      evidence: evidenceFrom(context, defence.map((unit) => ({ unit, hit: hitsOf(unit, 'defence-term').find((h) => !h.missionOwn) })), (p) => `defence only: "${p}"`),
    });
  },
};
