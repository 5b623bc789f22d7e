/** Rule profiles by document type and the presets configurations extend (data: server/lexicon/profiles.json). */
import profilesData from '../../lexicon/profiles.json';
import type { DocType } from './analysis';
import type { RuleConfig, SeverityName } from './config/types';
import type { Rule } from './rules/types';

export const PRESETS = Object.keys(profilesData.presets);
export const PRESET_PREFIX = 'mandate-lint:';

interface Preset {
  description?: string;
  escalateWarnings?: boolean;
  rules?: Record<string, SeverityName>;
}

const profiles = profilesData.profiles as Record<DocType, { description?: string; rules: Record<string, SeverityName> }>;
const presets = profilesData.presets as Record<string, Preset>;

export function isPresetName(name: string): boolean {
  return name.startsWith(PRESET_PREFIX) && PRESETS.includes(name.slice(PRESET_PREFIX.length));
}

export function profileDescription(docType: DocType): string | undefined {
  return profiles[docType]?.description;
}

/**
 * A rule's severity for a document type: the rule's default, tuned by the document type's profile, then by the
 * preset (if any), then by configuration (`configured`, which already holds files and --rule overrides).
 */
export function effectiveRuleConfig(rule: Rule, docType: DocType, preset: string | undefined, configured?: Record<string, RuleConfig>): RuleConfig {
  let severity: SeverityName = profiles[docType]?.rules[rule.id] ?? rule.defaultSeverity;
  const p = preset ? presets[preset.replace(PRESET_PREFIX, '')] : undefined;
  if (p) {
    if (p.escalateWarnings && severity === 'warning') severity = 'error';
    if (p.rules?.[rule.id]) severity = p.rules[rule.id];
  }
  const fromConfig = configured?.[rule.id];
  if (fromConfig) return { severity: fromConfig.severity, options: fromConfig.options };
  return { severity, options: {} };
}
