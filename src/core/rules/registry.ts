/** Every rule, in the order reports list them. Nothing else knows rules by name. */
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

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function ruleIds(): string[] {
  return RULES.map((r) => r.id);
}
