/**
 * Finds and merges .mandatelintrc.json files upward from each linted file (like ESLint and markdownlint),
 * applies overrides and loads team lexicons. Broken files are reported with line and column and skipped, so
 * the files they govern are still linted with the rest of the chain.
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import picomatch from 'picomatch';
import configSchema from '../../schemas/mandatelintrc.schema.json';
import lexiconSchema from '../../schemas/lexicon.schema.json';
import { parseAndValidate } from '../core/config/validate';
import { normalizeRuleSetting, type ConfigFile, type ResolvedConfig, type RuleConfig } from '../core/config/types';
import { compileLexicons, type LexiconSpec } from '../core/lexicon/lexicon';
import { CONCEPT_IDS } from '../core/concepts';
import { getRule, ruleIds } from '../core/rules/registry';
import { optionProblems } from '../core/rules/options';
import { LineIndex } from '../core/text';
import { isPresetName, PRESET_PREFIX, PRESETS } from '../core/profiles';
import { validateLibrary, type LoadedLibrary } from '../core/libraries';
import { findPackage, isPackageReference, jsonFilesIn, resolveDataPath } from './packages';
import { MAX_DATA_FILE_BYTES, readDataText } from './files';

export const CONFIG_FILE_NAMES = ['.mandatelintrc.json', '.mandatelintrc'];

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** Warnings (an unknown lesson in a library) are shown but do not make the configuration invalid. */
  severity?: 'error' | 'warning';
}

interface LoadedConfig {
  file: string;
  dir: string;
  /** How the file was named where it is extended ("@team/config" for a package), for --print-config. */
  label: string;
  config?: ConfigFile;
  /** Shared configurations this one extends, loaded, in order, with the name they were extended by. */
  bases: Array<{ reference: string; loaded: LoadedConfig }>;
  lexicons: Array<{ name: string; spec: LexiconSpec }>;
  libraries: LoadedLibrary[];
  problems: ConfigProblem[];
  /** Its ignorePatterns, compiled with gitignore semantics (negation included) when first needed. */
  ignorer?: Ignore;
}

/** A library file as read: cached by path and invalidated when the file changes. */
interface LibraryFile {
  stamp: string;
  library?: LoadedLibrary;
  problems: ConfigProblem[];
}

const MAX_EXTENDS_DEPTH = 10;
const LIBRARY_FOLDER = join('.mandate-lint', 'snippets');

/** The largest configuration, lexicon or snippet library read. */
export const MAX_DATA_FILE = MAX_DATA_FILE_BYTES;

/** Through the bounded reader: regular files only, at most MAX_DATA_FILE bytes, whatever stat says. */
function readDataFile(file: string): { text?: string; error?: string } {
  const read = readDataText(file, MAX_DATA_FILE);
  if ('text' in read) return { text: read.text };
  return { error: read.kind === 'not-found' ? 'file not found' : read.kind === 'too-large' ? `file ${read.error}` : read.error };
}

/** Longer than any real path pattern; the `ignore` package turns each pattern into one regular expression. */
export const MAX_IGNORE_PATTERN = 4096;

/**
 * Why a gitignore pattern cannot be used, or undefined: too long, or a regular expression V8 refuses to build
 * (which the `ignore` package would otherwise throw at the first file it tests, ending the run).
 */
export function unusableIgnorePattern(pattern: string): string | undefined {
  if (pattern.length > MAX_IGNORE_PATTERN) return `a pattern of ${pattern.length.toLocaleString('en')} characters (at most ${MAX_IGNORE_PATTERN.toLocaleString('en')})`;
  try {
    ignore().add(pattern).test('probe/probe');
    return undefined;
  } catch (error) {
    return `a pattern that cannot be used (${(error as Error).message.split('\n')[0].slice(0, 120)})`;
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
  private readonly libraryCache = new Map<string, LibraryFile>();
  private readonly libraryDirs = new Map<string, string[]>();

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
    this.libraryDirs.clear();
  }

  private load(file: string, label = file, stack: string[] = []): LoadedConfig {
    const cached = this.loaded.get(file);
    if (cached) return cached;
    const dir = dirname(file);
    const result: LoadedConfig = { file, dir, label, bases: [], lexicons: [], libraries: [], problems: [] };
    const { text, error } = readDataFile(file);
    const at = (needle: string) => {
      const pos = new LineIndex(text ?? '').positionAt(Math.max(0, (text ?? '').indexOf(needle)));
      return { file, line: pos.line, column: pos.column };
    };
    if (error !== undefined) result.problems.push({ file, line: 1, column: 1, message: error });
    else {
      const parsed = parseAndValidate<ConfigFile>(text ?? '', configSchema);
      for (const p of parsed.problems) result.problems.push({ file, ...p });
      if (parsed.value) {
        result.config = parsed.value;
        const known = new Set(ruleIds());
        const ruleMaps: Array<{ path: Array<string | number>; rules: NonNullable<ConfigFile['rules']> }> = [
          { path: ['rules'], rules: parsed.value.rules ?? {} },
          ...(parsed.value.overrides ?? []).map((o, i) => ({ path: ['overrides', i, 'rules'], rules: o.rules ?? {} })),
        ];
        let tree: ReturnType<typeof parseTree> | null = null;
        // Where an option sits in the file: the option itself, else the nearest enclosing value that exists.
        const atPath = (path: Array<string | number>) => {
          tree ??= parseTree(text ?? '', [], { allowTrailingComma: true, disallowComments: false }) ?? null;
          for (let n = path.length; n > 0 && tree; n--) {
            const node = findNodeAtLocation(tree, path.slice(0, n));
            if (!node) continue;
            // A property's key, so that the column points at the option's name.
            const target = node.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : node;
            const pos = new LineIndex(text ?? '').positionAt(target.offset);
            return { file, line: pos.line, column: pos.column };
          }
          return { file, line: 1, column: 1 };
        };
        for (const { path, rules } of ruleMaps) {
          for (const [id, setting] of Object.entries(rules)) {
            if (!known.has(id)) {
              result.problems.push({ ...at(JSON.stringify(id)), message: `unknown rule "${id}" (known rules: ${[...known].join(', ')})` });
              continue;
            }
            // [severity, options]: the options must fit the rule's options schema.
            if (!Array.isArray(setting) || setting[1] === undefined) continue;
            for (const problem of optionProblems(getRule(id)!, setting[1])) {
              result.problems.push({ ...atPath([...path, id, 1, ...problem.path]), message: problem.message });
            }
          }
        }
        for (const name of globs(parsed.value.extends)) {
          if (name.startsWith(PRESET_PREFIX)) {
            if (!isPresetName(name)) result.problems.push({ ...at(JSON.stringify(name)), message: `extends "${name}": not a known preset (${PRESETS.map((p) => PRESET_PREFIX + p).join(', ')})` });
            continue;
          }
          const base = this.resolveExtends(name, dir);
          if (base.error !== undefined) {
            result.problems.push({ ...at(JSON.stringify(name)), message: `extends "${name}": ${base.error}` });
            continue;
          }
          if (stack.includes(base.file!) || base.file === file) {
            result.problems.push({ ...at(JSON.stringify(name)), message: `extends "${name}": circular (${[...stack, file, base.file].map((f) => relative(dir, f!) || f).join(' → ')})` });
            continue;
          }
          if (stack.length >= MAX_EXTENDS_DEPTH) {
            result.problems.push({ ...at(JSON.stringify(name)), message: `extends "${name}": more than ${MAX_EXTENDS_DEPTH} levels of shared configurations` });
            continue;
          }
          result.bases.push({ reference: name, loaded: this.load(base.file!, base.label!, [...stack, file]) });
        }
        if (parsed.value.ignorePatterns?.length) {
          // Each pattern is tried once here: one that cannot be used is reported where it is and left out.
          const usable: string[] = [];
          parsed.value.ignorePatterns.forEach((pattern, i) => {
            const problem = unusableIgnorePattern(pattern);
            if (problem) result.problems.push({ ...atPath(['ignorePatterns', i]), message: `ignorePatterns: ${problem}: left out` });
            else usable.push(pattern);
          });
          result.config = { ...parsed.value, ignorePatterns: usable };
        }
        for (const lexiconPath of parsed.value.lexicons ?? []) this.loadLexicon(result, lexiconPath);
        for (const reference of parsed.value.snippets ?? []) {
          const files = this.libraryFiles(reference, dir);
          if (files.error !== undefined) {
            result.problems.push({ ...at(JSON.stringify(reference)), message: `snippets "${reference}": ${files.error}` });
            continue;
          }
          for (const libraryFile of files.files!) {
            const loaded = this.loadLibrary(libraryFile, files.label ? `${files.label} (${relative(files.packageDir!, libraryFile)})` : libraryFile);
            result.problems.push(...loaded.problems);
            if (loaded.library) result.libraries.push(loaded.library);
          }
        }
      }
    }
    this.loaded.set(file, result);
    return result;
  }

  /** "./team.json" relative to the extending file, or an installed package's configuration. */
  private resolveExtends(reference: string, dir: string): { file?: string; label?: string; error?: string } {
    if (isPackageReference(reference)) {
      const found = findPackage(reference, dir);
      if (!found.package) return { error: found.error };
      if (!found.package.config) return { error: `package "${reference}" has no configuration (set "mandateLint": { "config": "..." } in its package.json)` };
      return { file: found.package.config, label: reference };
    }
    const file = resolveDataPath(reference, dir);
    if (!existsSync(file)) return { error: `file not found (${file})` };
    return { file, label: reference };
  }

  private loadLexicon(result: LoadedConfig, lexiconPath: string): void {
    const lexiconFile = isAbsolute(lexiconPath) ? lexiconPath : resolve(result.dir, lexiconPath);
    const read = readDataFile(lexiconFile);
    if (read.error !== undefined) {
      result.problems.push({ file: result.file, line: 1, column: 1, message: `lexicon ${lexiconPath}: ${read.error}` });
      return;
    }
    const lexicon = parseAndValidate<LexiconSpec>(read.text ?? '', lexiconSchema);
    if (lexicon.problems.length) {
      for (const p of lexicon.problems) result.problems.push({ file: lexiconFile, ...p });
      return;
    }
    // Where a piece of the file's JSON is written, by one line index built when first needed.
    const text = read.text ?? '';
    let index: LineIndex | undefined;
    const positionOf = (needle: string) => (index ??= new LineIndex(text)).positionAt(Math.max(0, text.indexOf(needle)));
    // Compile once here so refused patterns are reported against the file that holds them.
    for (const problem of compileLexicons([{ name: lexiconFile, spec: lexicon.value! }]).problems) {
      const pos = positionOf(JSON.stringify(problem.term).slice(1, -1));
      result.problems.push({ file: lexiconFile, line: pos.line, column: pos.column, message: `concept "${problem.concept}", term ${JSON.stringify(problem.term)}: ${problem.message}` });
    }
    // A context that names a concept no lexicon defines never matches: said where it is, as a warning.
    const defined = new Set<string>([...CONCEPT_IDS, ...lexicon.value!.concepts.map((c) => c.id)]);
    for (const concept of lexicon.value!.concepts) {
      for (const [name, context] of Object.entries(concept.contexts ?? {})) {
        for (const other of context.concepts ?? []) {
          if (defined.has(other)) continue;
          const pos = positionOf(JSON.stringify(other));
          result.problems.push({ file: lexiconFile, line: pos.line, column: pos.column, severity: 'warning', message: `concept "${concept.id}", context "${name}": no lexicon defines the concept "${other}", so the context never applies` });
        }
      }
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

  /** The files a "snippets" entry names: a file, a glob in one folder, a folder, or an installed package. */
  private libraryFiles(reference: string, dir: string): { files?: string[]; label?: string; packageDir?: string; error?: string } {
    if (isPackageReference(reference)) {
      const found = findPackage(reference, dir);
      if (!found.package) return { error: found.error };
      if (!found.package.snippets.length) return { error: `package "${reference}" offers no snippet library (set "mandateLint": { "snippets": [...] } in its package.json)` };
      return { files: found.package.snippets, label: reference, packageDir: found.package.dir };
    }
    const full = resolveDataPath(reference, dir);
    const base = basename(full);
    if (base.includes('*')) {
      const files = jsonFilesIn(dirname(full)).filter((f) => picomatch.isMatch(basename(f), base));
      return files.length ? { files } : { error: `no file matches (${full})` };
    }
    try {
      if (statSync(full).isDirectory()) return { files: jsonFilesIn(full) };
    } catch {
      return { error: `file not found (${full})` };
    }
    return { files: [full] };
  }

  /** A library named outside configuration (editor settings, the snippets command), cached like the others. */
  libraryFromFile(file: string): { library?: LoadedLibrary; problems: ConfigProblem[] } {
    const loaded = this.loadLibrary(resolve(file), resolve(file));
    return { library: loaded.library, problems: loaded.problems };
  }

  private loadLibrary(file: string, source: string): LibraryFile {
    let stamp = 'missing';
    try {
      const st = statSync(file);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      // reported below as not found
    }
    const key = `${source}\u0000${file}`;
    const cached = this.libraryCache.get(key);
    if (cached && cached.stamp === stamp) return cached;
    const entry: LibraryFile = { stamp, problems: [] };
    const read = readDataFile(file);
    if (read.error !== undefined) entry.problems.push({ file, line: 1, column: 1, message: `snippet library: ${read.error}` });
    else {
      const checked = validateLibrary(read.text ?? '');
      for (const p of checked.problems) entry.problems.push({ file, line: p.line, column: p.column, message: p.message, severity: p.severity });
      if (checked.library) entry.library = { source, file, name: checked.library.name, snippets: checked.library.snippets };
    }
    this.libraryCache.set(key, entry);
    return entry;
  }

  /** Libraries in .mandate-lint/snippets folders from the file's folder upward, farthest first. */
  private workspaceLibraries(filePath: string): LibraryFile[] {
    const out: LibraryFile[] = [];
    let dir = dirname(resolve(filePath));
    for (let guard = 0; guard < 100; guard++) {
      const folder = join(dir, LIBRARY_FOLDER);
      let files = this.libraryDirs.get(folder);
      if (!files) {
        files = jsonFilesIn(folder);
        this.libraryDirs.set(folder, files);
      }
      out.unshift(...files.map((f) => this.loadLibrary(f, f)));
      const config = this.lookup ? this.configInDir(dir) : undefined;
      if (config && this.load(config).config?.root) break;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return out;
  }

  private configInDir(dir: string): string | undefined {
    const cached = this.dirConfig.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    let found: string | undefined;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      // Anything but a folder by that name is the configuration: a FIFO, a device or a broken link is then
      // refused by the reader with a message, rather than silently passed over.
      try {
        if (statSync(candidate).isDirectory()) continue;
      } catch {
        try {
          lstatSync(candidate);
        } catch {
          continue; // absent (or an unreadable folder): no configuration here
        }
      }
      found = candidate;
      break;
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

  /** Every configuration file that applies, shared configurations before the files that extend them. */
  private flattened(filePath: string): LoadedConfig[] {
    const out: LoadedConfig[] = [];
    const seen = new Set<LoadedConfig>();
    // Each file once: shared configurations that extend the same ones (a diamond) would be walked again and again.
    const visit = (loaded: LoadedConfig) => {
      if (seen.has(loaded)) return;
      seen.add(loaded);
      for (const base of loaded.bases) visit(base.loaded);
      out.push(loaded);
    };
    for (const loaded of this.chainFor(filePath)) visit(loaded);
    return out;
  }

  /** Problems of the configuration (and libraries) that apply to this file, each file reported once per resolver. */
  newProblemsFor(filePath: string): ConfigProblem[] {
    const out: ConfigProblem[] = [];
    const sources: Array<{ key: string; problems: ConfigProblem[] }> = [
      ...this.flattened(filePath).map((l) => ({ key: l.file, problems: l.problems })),
      ...this.workspaceLibraries(filePath).map((l) => ({ key: `library:${l.library?.source ?? l.problems[0]?.file}:${l.stamp}`, problems: l.problems })),
    ];
    for (const { key, problems } of sources) {
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      out.push(...problems);
    }
    return out;
  }

  /** Every problem in the configuration that applies to this file (for the editor, which shows them each time). */
  problemsFor(filePath: string): ConfigProblem[] {
    return [...this.flattened(filePath).flatMap((l) => l.problems), ...this.workspaceLibraries(filePath).flatMap((l) => l.problems)];
  }

  /**
   * Whether ignorePatterns exclude a file (or, with `isDirectory`, a folder). Patterns follow .gitignore, negation
   * included ("!archive/keep.md" re-includes that file and ignores nothing else). Files apply farthest first,
   * shared configurations before the file that extends them, so a nearer file can re-include what a farther one
   * ignored. A shared configuration's patterns are relative to the configuration that extends it.
   */
  isIgnored(filePath: string, isDirectory = false): boolean {
    const absolute = resolve(filePath);
    let ignored = false;
    const seen = new Set<LoadedConfig>();
    const visit = (l: LoadedConfig, base: string) => {
      // A shared configuration reached twice (a diamond of extends) counts once, where it is first reached.
      if (seen.has(l)) return;
      seen.add(l);
      for (const b of l.bases) visit(b.loaded, base);
      const patterns = l.config?.ignorePatterns;
      if (!patterns?.length) return;
      const rel = relative(base, absolute);
      if (!rel || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return;
      l.ignorer ??= ignore().add(patterns);
      const verdict = l.ignorer.test(rel.split(sep).join('/') + (isDirectory ? '/' : ''));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    };
    for (const loaded of this.chainFor(filePath)) visit(loaded, loaded.dir);
    return ignored;
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
    const libraries: LoadedLibrary[] = [...(base.libraries ?? [])];
    const extended: string[] = [];
    // Shared configurations apply before the file that extends them; their override globs are relative to
    // the folder of the configuration that extends them, as in ESLint.
    const applied = new Set<LoadedConfig>();
    const apply = (loaded: LoadedConfig, globBase: string, depth: number) => {
      const config = loaded.config;
      // A shared configuration reached twice (a diamond of extends) applies once, where it is first reached:
      // walked again at every path, a few dozen small files took a minute.
      if (!config || applied.has(loaded)) return;
      applied.add(loaded);
      // In the order written: a later entry wins over an earlier one, the file itself over all of them.
      for (const name of globs(config.extends)) {
        if (isPresetName(name)) preset = name;
        const sharedConfig = loaded.bases.find((b) => b.reference === name)?.loaded;
        if (sharedConfig && depth < MAX_EXTENDS_DEPTH) apply(sharedConfig, globBase, depth + 1);
        if ((isPresetName(name) || sharedConfig) && !extended.includes(name)) extended.push(name);
      }
      sources.push(loaded.file);
      if (config.docType) docType = config.docType;
      applyRules(config.rules);
      lexicons.push(...loaded.lexicons);
      libraries.push(...loaded.libraries);
      const rel = relative(globBase, absolute);
      for (const override of config.overrides ?? []) {
        if (!matches(globs(override.files), rel) || matches(globs(override.excludedFiles), rel)) continue;
        if (override.docType) docType = override.docType;
        applyRules(override.rules);
      }
    };
    for (const loaded of this.chainFor(filePath)) apply(loaded, loaded.dir, 0);
    for (const workspace of this.workspaceLibraries(filePath)) if (workspace.library) libraries.push(workspace.library);
    return { docType, rules, lexicons, preset, sources, libraries, extended };
  }
}
