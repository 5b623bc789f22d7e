import type { DocType } from '../analysis';
import type { LexiconSpec } from '../lexicon/lexicon';
import type { Severity } from '../rules/types';
import type { LoadedLibrary } from '../libraries';

export type SeverityName = Severity | 'off';
/** "error" | "warning" | "info" | "off", ESLint-style numbers 0/1/2, or [severity, options]. */
export type RuleSetting = SeverityName | 0 | 1 | 2 | [SeverityName | 0 | 1 | 2, Record<string, unknown>?];

export interface ConfigOverride {
  files: string | string[];
  excludedFiles?: string | string[];
  docType?: DocType | 'auto';
  rules?: Record<string, RuleSetting>;
}

/** The shape of .mandatelintrc.json (see schemas/mandatelintrc.schema.json). */
export interface ConfigFile {
  $schema?: string;
  root?: boolean;
  /** Presets ("mandate-lint:recommended", "mandate-lint:strict") and shareable configurations to build on. */
  extends?: string | string[];
  docType?: DocType | 'auto';
  rules?: Record<string, RuleSetting>;
  lexicons?: string[];
  /** Snippet libraries: JSON files (globs allowed) relative to this file, or installed package names. */
  snippets?: string[];
  ignorePatterns?: string[];
  overrides?: ConfigOverride[];
}

export interface RuleConfig {
  severity: SeverityName;
  options: Record<string, unknown>;
}

/** Configuration for one file after discovery, merging and overrides. */
export interface ResolvedConfig {
  docType: DocType | 'auto';
  rules: Record<string, RuleConfig>;
  lexicons: Array<{ name: string; spec: LexiconSpec }>;
  /** The preset in force ("mandate-lint:strict"), if any. */
  preset?: string;
  /** Snippet libraries from configuration (shared configurations first) and .mandate-lint/snippets folders. */
  libraries: LoadedLibrary[];
  /** Shared configurations and presets built on, in the order they apply. */
  extended: string[];
  /** Config files that contributed, nearest last. */
  sources: string[];
}

export function normalizeSeverity(value: unknown): SeverityName | undefined {
  if (value === 0 || value === 'off') return 'off';
  if (value === 1 || value === 'warning' || value === 'warn') return 'warning';
  if (value === 2 || value === 'error') return 'error';
  if (value === 'info') return 'info';
  return undefined;
}

export function normalizeRuleSetting(setting: RuleSetting): RuleConfig | undefined {
  if (Array.isArray(setting)) {
    const severity = normalizeSeverity(setting[0]);
    return severity ? { severity, options: { ...(setting[1] ?? {}) } } : undefined;
  }
  const severity = normalizeSeverity(setting);
  return severity ? { severity, options: {} } : undefined;
}

/**
 * Rule settings given over the configuration (--rule, the editor's mandateLint.rules, the library API's rules): a
 * bare severity keeps the options the configuration gives the rule, as a bare severity in a nearer
 * configuration file does; settings with options replace them.
 */
export function withRuleOverrides(configured: Record<string, RuleConfig>, overrides: Record<string, RuleConfig> | undefined): Record<string, RuleConfig> {
  const rules = { ...configured };
  for (const [id, override] of Object.entries(overrides ?? {})) {
    rules[id] = Object.keys(override.options ?? {}).length ? override : { severity: override.severity, options: configured[id]?.options ?? {} };
  }
  return rules;
}
