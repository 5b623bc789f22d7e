/**
 * Finds and merges .mandatelintrc.json files upward from each linted file (like ESLint and markdownlint),
 * applies overrides and loads team lexicons. Broken files are reported with line and column and skipped, so
 * the files they govern are still linted with the rest of the chain.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import configSchema from '../../../schemas/mandatelintrc.schema.json';
import lexiconSchema from '../../../schemas/lexicon.schema.json';
import { parseAndValidate } from '../core/config/validate';
import { normalizeRuleSetting, type ConfigFile, type ResolvedConfig, type RuleConfig } from '../core/config/types';
import { compileLexicons, type LexiconSpec } from '../core/lexicon/lexicon';
import { ruleIds } from '../core/rules/registry';
import { LineIndex } from '../core/text';
import { isPresetName, PRESET_PREFIX, PRESETS } from '../core/profiles';

export const CONFIG_FILE_NAMES = ['.mandatelintrc.json', '.mandatelintrc'];

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

interface LoadedConfig {
  file: string;
  dir: string;
  config?: ConfigFile;
  lexicons: Array<{ name: string; spec: LexiconSpec }>;
  problems: ConfigProblem[];
}

const MAX_DATA_FILE = 5 * 1024 * 1024;

function readDataFile(file: string): { text?: string; error?: string } {
  try {
    const size = statSync(file).size;
    if (size > MAX_DATA_FILE) return { error: `file is larger than ${MAX_DATA_FILE / 1024 / 1024} MB` };
    return { text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message };
  }
}

function globs(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function matches(patterns: string[], relativePath: string): boolean {
  if (!patterns.length) return false;
  const normalized = relativePath.split(sep).join('/');
  return patterns.some((pattern) => picomatch.isMatch(normalized, pattern, { dot: true, matchBase: !pattern.includes('/') }));
}

export class ConfigResolver {
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly dirConfig = new Map<string, string | null>();
  private readonly reported = new Set<string>();

  /**
   * @param extraConfig an explicit configuration file (CLI --config) merged over the discovered ones.
   * @param lookup set to false to use only the explicit file.
   */
  constructor(
    private readonly extraConfig?: string,
    private readonly lookup = true,
    /** In an untrusted workspace only plain data is used: regular expressions in lexicons are left out. */
    private readonly options: { trusted?: boolean } = {},
  ) {}

  /** Forget cached files (the editor calls this when a configuration or lexicon file changes). */
  clear(): void {
    this.loaded.clear();
    this.dirConfig.clear();
    this.reported.clear();
  }

  private load(file: string): LoadedConfig {
    const cached = this.loaded.get(file);
    if (cached) return cached;
    const dir = dirname(file);
    const result: LoadedConfig = { file, dir, lexicons: [], problems: [] };
    const { text, error } = readDataFile(file);
    if (error !== undefined) result.problems.push({ file, line: 1, column: 1, message: error });
    else {
      const parsed = parseAndValidate<ConfigFile>(text ?? '', configSchema);
      for (const p of parsed.problems) result.problems.push({ file, ...p });
      if (parsed.value) {
        result.config = parsed.value;
        const known = new Set(ruleIds());
        const ruleMaps = [parsed.value.rules ?? {}, ...(parsed.value.overrides ?? []).map((o) => o.rules ?? {})];
        for (const rules of ruleMaps) {
          for (const id of Object.keys(rules)) {
            if (known.has(id)) continue;
            const at = Math.max(0, (text ?? '').indexOf(JSON.stringify(id)));
            const pos = new LineIndex(text ?? '').positionAt(at);
            result.problems.push({ file, line: pos.line, column: pos.column, message: `unknown rule "${id}" (known rules: ${[...known].join(', ')})` });
          }
        }
        for (const name of globs(parsed.value.extends)) {
          if (!isPresetName(name)) {
            const at = Math.max(0, (text ?? '').indexOf(JSON.stringify(name)));
            const pos = new LineIndex(text ?? '').positionAt(at);
            result.problems.push({ file, line: pos.line, column: pos.column, message: `extends "${name}": not a known preset (${PRESETS.map((p) => PRESET_PREFIX + p).join(', ')})` });
          }
        }
        for (const lexiconPath of parsed.value.lexicons ?? []) {
          const lexiconFile = isAbsolute(lexiconPath) ? lexiconPath : resolve(dir, lexiconPath);
          const read = readDataFile(lexiconFile);
          if (read.error !== undefined) {
            result.problems.push({ file, line: 1, column: 1, message: `lexicon ${lexiconPath}: ${read.error}` });
            continue;
          }
          const lexicon = parseAndValidate<LexiconSpec>(read.text ?? '', lexiconSchema);
          if (lexicon.problems.length) {
            for (const p of lexicon.problems) result.problems.push({ file: lexiconFile, ...p });
            continue;
          }
          // Compile once here so refused patterns are reported against the file that holds them.
          for (const problem of compileLexicons([{ name: lexiconFile, spec: lexicon.value! }]).problems) {
            const at = Math.max(0, (read.text ?? '').indexOf(JSON.stringify(problem.term).slice(1, -1)));
            const pos = new LineIndex(read.text ?? '').positionAt(at);
            result.problems.push({ file: lexiconFile, line: pos.line, column: pos.column, message: `concept "${problem.concept}", term ${JSON.stringify(problem.term)}: ${problem.message}` });
          }
          let spec = lexicon.value!;
          if (this.options.trusted === false) {
            const patterns = spec.concepts.reduce((n, c) => n + (c.terms ?? []).filter((t) => typeof t === 'object' && t.pattern !== undefined).length, 0);
            if (patterns) {
              spec = { ...spec, concepts: spec.concepts.map((c) => ({ ...c, terms: (c.terms ?? []).filter((t) => typeof t === 'string' || t.pattern === undefined) })) };
              result.problems.push({ file: lexiconFile, line: 1, column: 1, message: `${patterns} regular expression${patterns === 1 ? '' : 's'} not used: this workspace is not trusted` });
            }
          }
          result.lexicons.push({ name: lexiconFile, spec });
        }
      }
    }
    this.loaded.set(file, result);
    return result;
  }

  private configInDir(dir: string): string | undefined {
    const cached = this.dirConfig.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let found: string | undefined;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      try {
        if (existsSync(candidate) && statSync(candidate).isFile()) {
          found = candidate;
          break;
        }
      } catch {
        // unreadable directory entries are treated as absent
      }
    }
    this.dirConfig.set(dir, found ?? null);
    return found;
  }

  /** Configuration files that apply to a file, farthest first. */
  chainFor(filePath: string): LoadedConfig[] {
    const chain: LoadedConfig[] = [];
    if (this.lookup) {
      let dir = dirname(resolve(filePath));
      for (let guard = 0; guard < 100; guard++) {
        const file = this.configInDir(dir);
        if (file) {
          const loaded = this.load(file);
          chain.unshift(loaded);
          if (loaded.config?.root) break;
        }
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    if (this.extraConfig) chain.push(this.load(resolve(this.extraConfig)));
    return chain;
  }

  /** Problems of the configuration files that apply to this file, each reported only once per resolver. */
  newProblemsFor(filePath: string): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    for (const loaded of this.chainFor(filePath)) {
      if (this.reported.has(loaded.file)) continue;
      this.reported.add(loaded.file);
      out.push(...loaded.problems);
    }
    return out;
  }

  /** Every problem in the configuration that applies to this file (for the editor, which shows them each time). */
  problemsFor(filePath: string): ConfigProblem[] {
    return this.chainFor(filePath).flatMap((l) => l.problems);
  }

  isIgnored(filePath: string): boolean {
    const absolute = resolve(filePath);
    return this.chainFor(filePath).some((l) => matches(l.config?.ignorePatterns ?? [], relative(l.dir, absolute)));
  }

  resolve(filePath: string, base: Partial<ResolvedConfig> = {}): ResolvedConfig {
    const absolute = resolve(filePath);
    const rules: Record<string, RuleConfig> = { ...(base.rules ?? {}) };
    let docType = base.docType ?? 'auto';
    let preset = base.preset;
    const lexicons = [...(base.lexicons ?? [])];
    const sources: string[] = [];
    const applyRules = (settings: ConfigFile['rules']) => {
      for (const [id, setting] of Object.entries(settings ?? {})) {
        const normalized = normalizeRuleSetting(setting);
        if (!normalized) continue;
        // A bare severity keeps options set by a farther file, as ESLint does.
        const previous = rules[id];
        rules[id] = Array.isArray(setting) ? normalized : { severity: normalized.severity, options: previous?.options ?? {} };
      }
    };
    for (const loaded of this.chainFor(filePath)) {
      const config = loaded.config;
      if (!config) continue;
      sources.push(loaded.file);
      for (const name of globs(config.extends)) if (isPresetName(name)) preset = name;
      if (config.docType) docType = config.docType;
      applyRules(config.rules);
      lexicons.push(...loaded.lexicons);
      const rel = relative(loaded.dir, absolute);
      for (const override of config.overrides ?? []) {
        if (!matches(globs(override.files), rel) || matches(globs(override.excludedFiles), rel)) continue;
        if (override.docType) docType = override.docType;
        applyRules(override.rules);
      }
    }
    return { docType, rules, lexicons, preset, sources };
  }
}
