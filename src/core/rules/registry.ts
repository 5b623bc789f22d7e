/**
 * Every rule, in the order reports list them, and the precedence between them. Nothing else knows rules by name,
 * and no rule knows another: when two rules would report the same problem, the table below says which one does.
 */
import { contextMismatch } from './context-mismatch';
import { defenceDominance } from './defence-dominance';
import { dsrProvisions } from './dsr-provisions';
import { exitWithoutTransition } from './exit-without-transition';
import { integrationWithoutVetting } from './integration-without-vetting';
import { missingAffordability } from './missing-affordability';
import { missingBenchmarks } from './missing-benchmarks';
import { missingConditionsOfService } from './missing-conditions-of-service';
import { missingGender } from './missing-gender';
import { missingGovernance } from './missing-governance';
import { missingHrddp } from './missing-hrddp';
import { missingMel } from './missing-mel';
import { missingPoliticalEconomyAnalysis } from './missing-political-economy-analysis';
import { ownershipWithoutInclusion } from './ownership-without-inclusion';
import { peaceAgreementWithoutDialogue } from './peace-agreement-without-dialogue';
import { reformFraming } from './reform-framing';
import { stabilizationConflation } from './stabilization-conflation';
import { trainAndEquipDrift } from './train-and-equip-drift';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  missingGovernance,
  missingBenchmarks,
  missingGender,
  trainAndEquipDrift,
  stabilizationConflation,
  defenceDominance,
  integrationWithoutVetting,
  missingHrddp,
  ownershipWithoutInclusion,
  missingAffordability,
  exitWithoutTransition,
  peaceAgreementWithoutDialogue,
  dsrProvisions,
  missingPoliticalEconomyAnalysis,
  missingMel,
  missingConditionsOfService,
  contextMismatch,
  reformFraming,
];

/**
 * One problem, one finding: `rule` yields to `yieldsTo` on a paragraph where `yieldsTo` finds its problem. The
 * winner's findings count whether or not it is shown (turned off, disabled by a comment, paragraphs: false):
 * silencing the winner silences the problem, it does not hand it to the rule that yields. lint.ts applies the
 * table after the rules have run; the yielding rule reports as if it were alone.
 */
export interface Precedence {
  rule: string;
  yieldsTo: string;
  /** Where the two meet: the same paragraph. */
  on: 'paragraph';
  why: string;
}

export const PRECEDENCE: readonly Precedence[] = [
  {
    rule: missingGovernance.id,
    yieldsTo: trainAndEquipDrift.id,
    on: 'paragraph',
    why: 'Capability support with no governance counterweight is train-and-equip drift, even when the paragraph also names reform.',
  },
  {
    rule: integrationWithoutVetting.id,
    yieldsTo: missingGovernance.id,
    on: 'paragraph',
    why: 'Integration in a paragraph with no governance language at all is missing governance (whose message then asks for vetting); integration-without-vetting is about governed paragraphs that still lack integration safeguards.',
  },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function ruleIds(): string[] {
  return RULES.map((r) => r.id);
}

/** The rules a rule yields to on the same paragraph. */
export function yieldsTo(id: string): string[] {
  return PRECEDENCE.filter((p) => p.rule === id).map((p) => p.yieldsTo);
}
