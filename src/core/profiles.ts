/** Rule profiles by document type and the presets configurations extend (data: data/profiles.json). */
import profilesData from '../../data/profiles.json';
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

/** A profile sets a severity, or a severity with options ("paragraphs": false keeps only the document check). */
type ProfileSetting = SeverityName | [SeverityName, Record<string, unknown>];
const profiles = profilesData.profiles as unknown as Record<DocType, { description?: string; rules: Record<string, ProfileSetting> }>;
const presets = profilesData.presets as Record<string, Preset>;

export function isPresetName(name: string): boolean {
  return name.startsWith(PRESET_PREFIX) && PRESETS.includes(name.slice(PRESET_PREFIX.length));
}

/**
 * A rule's severity for a document type: the rule's default, tuned by the document type's profile, then by the
 * preset (if any), then by configuration (`configured`, which already holds files and --rule overrides).
 */
export function effectiveRuleConfig(rule: Rule, docType: DocType, preset: string | undefined, configured?: Record<string, RuleConfig>): RuleConfig {
  const setting = profiles[docType]?.rules[rule.id];
  let severity: SeverityName = (Array.isArray(setting) ? setting[0] : setting) ?? rule.defaultSeverity;
  const profileOptions = Array.isArray(setting) ? setting[1] : {};
  const p = preset ? presets[preset.replace(PRESET_PREFIX, '')] : undefined;
  if (p) {
    if (p.escalateWarnings && severity === 'warning') severity = 'error';
    if (p.rules?.[rule.id]) severity = p.rules[rule.id];
  }
  const fromConfig = configured?.[rule.id];
  // Like ESLint: a configured severity keeps the options it does not set.
  if (fromConfig) return { severity: fromConfig.severity, options: { ...profileOptions, ...fromConfig.options } };
  return { severity, options: { ...profileOptions } };
}
