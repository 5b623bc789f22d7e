/**
 * Capability support to national forces with no governance counterweight, and documents whose SSR language is
 * dominated by capability or framed as the road to mission exit (review, lessons 5, 6 and 9; annex 2).
 */
import { driftOf, governanceHits, hasMissionToLeave, hitsOf, type AnalyzedUnit } from '../analysis';
import { describeOptions, LEVEL_OPTIONS, optionsSchema } from './options';
import type { EvidenceInput, Rule, RuleContext } from './types';

const OPTIONS = optionsSchema({
  ...LEVEL_OPTIONS,
  documentRatio: {
    type: 'number',
    minimum: 0,
    default: 1,
    description:
      'The document finding fires when the capability-only and exit-framed SSR paragraphs number more than this many times the SSR paragraphs with governance language (and at least one paragraph drifts); 0 reports it for any drift.',
  },
});

type Options = { documentRatio: number };

/** Say what the paragraph does with the support: a preamble that welcomes it asks nobody for it. */
function capabilityVerb(u: AnalyzedUnit, docType: string): string {
  // A strategy plans its own activities; a mandate or an agreement asks someone for them.
  if (docType === 'strategy') return 'Plans';
  if (u.reading.asks !== 'none') return 'Asks for';
  switch (u.reading.act) {
    case 'welcome':
      return 'Welcomes';
    case 'provide':
    case 'task':
      return 'Plans';
    default:
      return 'Endorses';
  }
}

export const trainAndEquipDrift: Rule<Options> = {
  id: 'train-and-equip-drift',
  title: 'Capability support without a governance counterweight',
  defaultSeverity: 'error',
  docTypes: ['mandate', 'strategy', 'peace-agreement'],
  lessons: ['IR-L5', 'IR-L6', 'IR-L9', 'IR-A2'],
  levels: ['paragraph', 'document'],
  docs: {
    summary: 'Training, equipment, redeployment or operational support for national forces with no oversight, accountability or human rights condition beside it.',
    finds:
      'training, equipment, redeployment or operational support for national forces with no governance counterweight; a draft dominated by capability or framed as the road to mission exit',
    goodPractice:
      'Pair each capability task with its safeguard in the same paragraph: support given in compliance with the human rights due diligence policy, tied to civilian and parliamentary oversight, vetting or an inspectorate that can investigate misconduct.',
    options: describeOptions(OPTIONS),
  },
  options: OPTIONS,
  check(context: RuleContext<Options>) {
    const { analysis } = context;
    let drifting = 0;
    let exitFramed = 0;
    let governed = 0;
    const evidence: EvidenceInput[] = [];
    const missionToLeave = hasMissionToLeave(analysis);
    for (const u of context.judgedUnits()) {
      if (governanceHits(u).length) governed++;
      const drift = driftOf(u, analysis.docType, missionToLeave);
      if (!drift) {
        // SSR framed as the handover that lets a mission or regional force leave weighs towards capability too.
        if (missionToLeave && hitsOf(u, 'exit').some((h) => !h.negated) && !governanceHits(u).length) exitFramed++;
        continue;
      }
      drifting++;
      if (drift.exitFramed) exitFramed++;
      const first = drift.capability[0];
      const phrase = context.quote(u, first);
      evidence.push({ unit: u, hit: first, message: `capability without governance: "${phrase}"` });
      context.report({
        level: 'paragraph',
        unit: u,
        hit: first,
        found: drift.exitFramed
          ? `Readies national forces ("${phrase}") so that the mission can hand over or leave.`
          : `${capabilityVerb(u, context.analysis.docType)} capability support to national forces ("${phrase}").`,
        missing: drift.governanceOnlyAsTrainingTopic
          ? 'Human rights appear only as course topics; nothing makes the forces answerable to oversight or accountability.'
          : 'Nothing in the paragraph ties it to oversight, accountability, vetting or a human rights condition.',
        why: 'Capability support without governance is how SSR has drifted into train-and-equip',
        fixes: [{ snippet: 'hrddp-condition', afterUnit: u.unit.id }],
      });
    }
    const weight = drifting + exitFramed;
    if (drifting > 0 && weight > context.options.documentRatio * governed) {
      context.report({
        level: 'document',
        found:
          exitFramed > 0
            ? `The draft frames SSR mainly as readying national forces for the mission's exit (${drifting} capability-only paragraph${drifting === 1 ? '' : 's'}).`
            : `The draft's SSR language is mostly capability support: ${drifting} capability-only paragraph${drifting === 1 ? '' : 's'} against ${governed} with governance language.`,
        missing: 'Oversight, accountability and institutional reform do not balance the training, equipment and deployment it asks for.',
        why: `${context.analysis.docType === 'strategy' ? 'A strategy' : context.analysis.docType === 'peace-agreement' ? 'An agreement' : 'A mandate'} weighted towards capability repeats the train-and-equip pattern the review documented`,
        evidence,
      });
    }
  },
};
