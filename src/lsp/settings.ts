/**
 * The `mandateLint.*` settings: asked of the client per document (workspace/configuration), checked field by
 * field (a bad value falls back to its default), cached until the configuration changes.
 */
import type { Connection } from 'vscode-languageserver/node';
import { DOC_TYPES, type DocType } from '../core/analysis';
import { normalizeRuleSetting, type RuleConfig, type RuleSetting } from '../core/config/types';
import type { DraftSettings } from '../core/drafts';
import { getRule } from '../core/rules/registry';
import { SETTINGS_SECTION } from '../protocol';
import type { Log } from './environment';

export interface ServerSettings {
  enable: boolean;
  detect: boolean;
  docType: DocType | 'auto';
  rules: Record<string, RuleSetting>;
  run: 'onType' | 'onSave';
  debounce: number;
  maxFileSize: number;
  /** Extra snippet libraries (paths, relative to the workspace folder), loaded after the configured ones. */
  snippetLibraries: string[];
  /** The text a draft renews (relative to the workspace folder), when its front matter names none: `previous:`. */
  previous: string;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, detect: true, docType: 'auto', rules: {}, run: 'onType', debounce: 150, maxFileSize: 4 * 1024 * 1024, snippetLibraries: [], previous: '' };

export function sanitizeSettings(value: Partial<ServerSettings> | null | undefined): ServerSettings {
  const v = value ?? {};
  return {
    enable: typeof v.enable === 'boolean' ? v.enable : DEFAULT_SETTINGS.enable,
    detect: typeof v.detect === 'boolean' ? v.detect : DEFAULT_SETTINGS.detect,
    docType: (DOC_TYPES as string[]).includes(v.docType as string) ? (v.docType as DocType) : 'auto',
    rules: v.rules && typeof v.rules === 'object' && !Array.isArray(v.rules) ? v.rules : {},
    run: v.run === 'onSave' ? 'onSave' : 'onType',
    debounce: typeof v.debounce === 'number' && v.debounce >= 0 && v.debounce <= 5000 ? v.debounce : DEFAULT_SETTINGS.debounce,
    maxFileSize: typeof v.maxFileSize === 'number' && v.maxFileSize > 0 ? v.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    snippetLibraries: Array.isArray(v.snippetLibraries) ? v.snippetLibraries.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length < 1000).slice(0, 50) : [],
    previous: typeof v.previous === 'string' && v.previous.length < 1000 ? v.previous.trim() : '',
  };
}

/** `mandateLint.rules`: editor-only severities over the configuration, for known rules with valid settings. */
export function ruleOverrides(settings: ServerSettings): Record<string, RuleConfig> {
  const out: Record<string, RuleConfig> = {};
  for (const [id, setting] of Object.entries(settings.rules ?? {})) {
    const normalized = getRule(id) ? normalizeRuleSetting(setting) : undefined;
    if (normalized) out[id] = normalized;
  }
  return out;
}

/** The settings the draft decision reads: `mandateLint.detect` chooses between detecting drafts and declared ones only. */
export function draftSettings(settings: ServerSettings): DraftSettings {
  return { enable: settings.enable, scope: settings.detect ? 'detect' : 'declared', maxFileSize: settings.maxFileSize };
}

/** The document type `mandateLint.docType` assumes when neither front matter nor configuration gives one. */
export function defaultDocType(settings: ServerSettings): DocType | undefined {
  return settings.docType !== 'auto' ? settings.docType : undefined;
}

/** How long the client has to answer workspace/configuration (MANDATE_LINT_CONFIG_TIMEOUT_MS, 5 s by default). */
function configurationTimeout(): number {
  const ms = Number(process.env.MANDATE_LINT_CONFIG_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : 5000;
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  private readonly timeoutMs = configurationTimeout();
  private toldTimeout = false;

  constructor(
    private readonly connection: Connection,
    /** Whether the client answers workspace/configuration (known after initialize). */
    private readonly canAsk: () => boolean,
    private readonly log: Log,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.canAsk()) return Promise.resolve(DEFAULT_SETTINGS);
    let cached = this.cache.get(uri);
    if (!cached) {
      const asked = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then((value: Partial<ServerSettings> | null) => sanitizeSettings(value))
        .catch(() => DEFAULT_SETTINGS);
      // A client that never answers must not hold up every lint and request on the document: the defaults apply.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<ServerSettings>((resolve) => {
        timer = setTimeout(() => {
          if (!this.toldTimeout) this.log(`the client did not answer workspace/configuration within ${this.timeoutMs} ms: using the default settings`);
          this.toldTimeout = true;
          resolve(DEFAULT_SETTINGS);
        }, this.timeoutMs);
      });
      cached = Promise.race([asked, timedOut]).finally(() => clearTimeout(timer));
      this.cache.set(uri, cached);
    }
    return cached;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
