/**
 * The configuration that applies to a file, resolved for every document type: what `mandate-lint --print-config`
 * prints and the library's `loadConfig` returns (one computation for both).
 */
import { DOC_TYPES, type DocType } from '../core/analysis';
import { withRuleOverrides, type RuleConfig, type SeverityName } from '../core/config/types';
import { effectiveRuleConfig } from '../core/profiles';
import { RULES } from '../core/rules/registry';
import type { ConfigResolver } from './config';
import { libraryFor } from './libraries';

export type EffectiveRuleSetting = SeverityName | [SeverityName, Record<string, unknown>];

export interface EffectiveConfiguration {
  docType: DocType | 'auto';
  extends: string[];
  preset: string;
  rules: Record<string, EffectiveRuleSetting>;
  lexicons: string[];
  snippetLibraries: Array<{ source: string; snippets: number }>;
  snippetOverrides: string[];
  configFiles: string[];
  effectiveRules: Record<DocType, Record<string, EffectiveRuleSetting>>;
}

/** A rule's setting as printed: the severity alone, or with its options when it has any. */
function show(c: RuleConfig): EffectiveRuleSetting {
  return Object.keys(c.options).length ? [c.severity, c.options] : c.severity;
}

export function effectiveConfiguration(resolver: ConfigResolver, file: string, overrides: Record<string, RuleConfig>, docType?: DocType): EffectiveConfiguration {
  const config = resolver.resolve(file);
  const library = libraryFor(resolver, file);
  const configured = withRuleOverrides(config.rules, overrides);
  const effectiveRules = Object.fromEntries(
    DOC_TYPES.map((type) => [type, Object.fromEntries(RULES.filter((r) => r.docTypes.includes(type)).map((r) => [r.id, show(effectiveRuleConfig(r, type, config.preset, configured))]))]),
  ) as Record<DocType, Record<string, EffectiveRuleSetting>>;
  return {
    docType: docType ?? config.docType,
    extends: config.extended,
    preset: config.preset ?? 'mandate-lint:recommended',
    rules: Object.fromEntries(Object.entries(configured).map(([id, c]) => [id, show(c)])),
    lexicons: config.lexicons.map((l) => l.name),
    snippetLibraries: library.libraries.map((l) => ({ source: l.source, snippets: l.snippets.length })),
    snippetOverrides: library.conflicts.map((c) => `${c.id}: ${c.winner} replaces ${c.overridden}`),
    configFiles: config.sources,
    effectiveRules,
  };
}
