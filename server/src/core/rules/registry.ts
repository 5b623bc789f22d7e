/** Every rule, in the order reports list them. Nothing else knows rules by name. */
import { missingBenchmarks } from './missing-benchmarks';
import { missingGender } from './missing-gender';
import { missingGovernance } from './missing-governance';
import { trainAndEquipDrift } from './train-and-equip-drift';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [missingGovernance, missingBenchmarks, missingGender, trainAndEquipDrift];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function ruleIds(): string[] {
  return RULES.map((r) => r.id);
}
