/**
 * Mandate Lint as a library: `import { lintText, lintFiles, loadConfig, RULES } from 'mandate-lint'`.
 *
 * - {@link lintText} lints a text held in memory with the built-in rules (pure: no files are read).
 * - {@link lintFiles} lints files, folders and globs like the `mandate-lint` command: the same discovery,
 *   `.mandatelintrc.json` files, ignore files and results as `--format json`, as objects.
 * - {@link loadConfig} is the configuration that applies to a file, as `--print-config` shows it.
 * - {@link RULES} describes every rule.
 *
 * Everything a caller sees is declared in this file, so that the published `dist/api.d.ts` stands alone (no
 * Node or VS Code types). The library never imports VS Code; see docs/api.md.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DOC_TYPES } from './core/analysis';
import type { RuleConfig } from './core/config/types';
import { normalizeRuleSetting } from './core/config/types';
import { lintText as coreLintText } from './core/lint';
import { effectiveRuleConfig, isPresetName, PRESET_PREFIX, PRESETS } from './core/profiles';
import { getRule, RULES as CORE_RULES } from './core/rules/registry';
import { optionProblems } from './core/rules/options';
import { ConfigResolver, type ConfigProblem } from './node/config';
import { discoverFiles, IgnoreMatcher } from './node/discover';
import type { EngineOptions } from './node/engine';
import { effectiveConfiguration } from './node/effective-config';
import { lintDraftBytes } from './node/word';
import { DEFAULT_MAX_FILE_BYTES, readDraftBytes } from './node/files';
import { BUILT_IN_LIBRARY } from './node/libraries';
import { ruleDocsUrl, VERSION } from './cli/version';

// ------------------------------------------------------------------------------------------------- types

/** The three kinds of document the rules know. */
export type DocType = 'mandate' | 'strategy' | 'peace-agreement';

/** How loudly a finding is reported. */
export type Severity = 'error' | 'warning' | 'info';

/** A rule's setting: a severity, or `off`. */
export type SeverityName = Severity | 'off';

/**
 * A rule setting as `.mandatelintrc.json` writes it: a severity name, an ESLint-style number (0 off, 1 warning,
 * 2 error), or `[severity, options]`.
 */
export type RuleSetting = SeverityName | 0 | 1 | 2 | [SeverityName | 0 | 1 | 2, Record<string, unknown>?];

/** Where the document type came from: an option, the draft's front matter, configuration, the file's name, or detection. */
export type DocTypeSource = 'option' | 'front-matter' | 'config' | 'file-name' | 'detected';

/** A span of the text: 1-based lines and columns (columns count UTF-16 code units), end exclusive. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What a rule found: one problem of the draft, located and explained. */
export interface Finding extends SourceRange {
  /** The rule's id, such as `train-and-equip-drift` (see {@link RULES}). */
  ruleId: string;
  severity: Severity;
  /** The whole message: {@link Finding.found}, {@link Finding.missing} and {@link Finding.why}, with the lessons cited. */
  message: string;
  /** What was found ("Asks for capability support to national forces …"). */
  found: string;
  /** What is missing. */
  missing: string;
  /** Why it matters, with the lessons of the review it comes from. */
  why: string;
  /** A finding on one paragraph, or on the whole document (then it sits on the title line). */
  level: 'paragraph' | 'document';
  /** The lessons cited, as ids ("IR-L9", "SG-R1"). */
  lessons: string[];
  /** Offsets into the text (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  /** Other places that support the finding. */
  evidence: Array<{ start: number; end: number; message: string }>;
  /** Clauses of the built-in snippet library that would answer the finding, by snippet id. */
  fixes: Array<{ snippet: string; title: string }>;
}

/** A message that is not a rule's finding: an unknown rule in a comment, front matter ignored, a rule that failed. */
export interface Problem extends SourceRange {
  severity: Severity;
  message: string;
  start: number;
  end: number;
}

/** The result of {@link lintText}. */
export interface LintResult {
  docType: DocType;
  docTypeSource: DocTypeSource;
  /** Rule findings in the order of the text. */
  findings: Finding[];
  problems: Problem[];
  /** Findings and problems by severity. */
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

/** Options of {@link lintText}. */
export interface LintTextOptions {
  /** How to read the text: Markdown (the default; plain prose reads the same) or plain text. */
  format?: 'markdown' | 'plaintext';
  /** The document type; by default the front matter says, or it is detected. */
  docType?: DocType;
  /** Rule settings over the rules' defaults for the document type, as in `.mandatelintrc.json`. */
  rules?: Record<string, RuleSetting>;
  /** `mandate-lint:recommended` (the default) or `mandate-lint:strict` (warnings become errors). */
  preset?: string;
}

/** One message of a file's result, as in the CLI's `--format json` (ESLint's format). */
export interface LintMessage extends SourceRange {
  /** The rule, or null for a message that is not a finding (a file that could not be read, front matter ignored). */
  ruleId: string | null;
  /** 2 for an error, 1 for a warning or an info (see severityName). */
  severity: 1 | 2;
  severityName: Severity;
  message: string;
  /** The file could not be linted at all (binary, too large, unreadable). */
  fatal?: boolean;
  level?: 'paragraph' | 'document';
  lessons?: string[];
  /**
   * What `--baseline` recognises the finding by across versions of the text: its rule, the wording of its
   * paragraph (an exact key and a 64-bit similarity sketch) and the words it quotes; never its line.
   */
  fingerprint?: { ruleId: string; level: 'paragraph' | 'document'; paragraph: string; sketch: string; quote: string };
  /** Word drafts (.docx): the paragraph of the document the finding sits in (1-based, document order, table cells included). */
  wordParagraph?: number;
}

/** One file's result, as one entry of the CLI's `--format json` output. */
export interface FileResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fatalErrorCount: number;
  /** The document type the file was linted as (absent when it could not be linted). */
  docType?: string;
}

/**
 * Something wrong with the run rather than with a draft: a broken configuration file, lexicon, snippet library
 * or ignore file (with its location), a path that does not exist or a pattern that matches nothing. The CLI
 * prints these on standard error; errors make it exit with 2.
 */
export interface RunProblem {
  severity: 'error' | 'warning';
  message: string;
  /** The configuration, lexicon, snippet library or ignore file concerned, when there is one. */
  file?: string;
  line?: number;
  column?: number;
}

/** Why a file found in a folder or by a glob was not linted. */
export type SkipReason = 'README-like' | 'Word lock file' | 'ignored' | 'not a regular file' | 'broken symbolic link' | 'symbolic link loop' | 'with a name not in UTF-8';

/** Options of {@link lintFiles}; each matches a CLI option. */
export interface LintFilesOptions {
  /** The folder patterns and paths are relative to, and where `.mandatelintignore` is looked for (default: `process.cwd()`). */
  cwd?: string;
  /** A configuration file used on top of the discovered ones (`--config`). */
  config?: string;
  /** Set to false to use only {@link LintFilesOptions.config} (`--no-config-lookup`). */
  useConfigFiles?: boolean;
  /** Rule settings over every configuration file (`--rule`). */
  rules?: Record<string, RuleSetting>;
  /** Treat every file as this type of document (`--doc-type`). */
  docType?: DocType;
  /** Extensions to lint inside folders (`--ext`; default `.md`, `.markdown`, `.txt`, `.docx`). */
  extensions?: string[];
  /** Set to false to lint files that ignore patterns exclude (`--no-ignore`). */
  ignore?: boolean;
  /** The ignore file (`--ignore-path`; default `.mandatelintignore` in {@link LintFilesOptions.cwd}). */
  ignorePath?: string;
  /** Files larger than this many bytes are not linted (default 16 MB; `--max-file-size` takes MB). */
  maxFileSize?: number;
}

/** The result of {@link lintFiles}. */
export interface LintFilesResult {
  /** One result per file, in the order found: what `mandate-lint --format json` prints. */
  results: FileResult[];
  /** Problems with the run itself (configuration, paths); the CLI's standard error. */
  problems: RunProblem[];
  /** Files found in folders or by globs and not linted, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** The folder a relative `filePath` and `config` are resolved from (default: `process.cwd()`). */
  cwd?: string;
  /** A configuration file used on top of the discovered ones (`--config`). */
  config?: string;
  /** Set to false to use only {@link LoadConfigOptions.config} (`--no-config-lookup`). */
  useConfigFiles?: boolean;
  /** Rule settings over every configuration file (`--rule`). */
  rules?: Record<string, RuleSetting>;
  /** The document type to report (`--doc-type`). */
  docType?: DocType;
}

/** A rule's effective setting: its severity, with its options when it has any. */
export type EffectiveRuleSetting = SeverityName | [SeverityName, Record<string, unknown>];

/** The configuration that applies to a file: what `mandate-lint --print-config <file>` prints, plus its problems. */
export interface EffectiveConfig {
  /** The configured document type, or `auto` (front matter, then detection). */
  docType: DocType | 'auto';
  /** Presets and shared configurations built on, in the order they apply. */
  extends: string[];
  preset: string;
  /** Rule settings from configuration files and {@link LoadConfigOptions.rules}. */
  rules: Record<string, EffectiveRuleSetting>;
  /** Team lexicons, by name. */
  lexicons: string[];
  /** Snippet libraries (the built-in one first) and how many clauses each has. */
  snippetLibraries: Array<{ source: string; snippets: number }>;
  /** Clauses that a later library replaces: `id: winner replaces overridden`. */
  snippetOverrides: string[];
  /** The configuration files used, farthest first. */
  configFiles: string[];
  /** For each document type, every rule that runs on it and its severity after profiles, presets and configuration. */
  effectiveRules: Record<DocType, Record<string, EffectiveRuleSetting>>;
  /** Problems in the configuration files, lexicons and snippet libraries that apply. */
  problems: RunProblem[];
}

/** What {@link RULES} says about a rule. */
export interface RuleInfo {
  id: string;
  title: string;
  /** The rule's own default, before the document type's profile. */
  defaultSeverity: SeverityName;
  /** The default severity for each document type the rule runs on (profiles included, no configuration). */
  severities: Partial<Record<DocType, SeverityName>>;
  docTypes: DocType[];
  /** The lessons of the review the rule comes from, as ids ("IR-L9"). */
  lessons: string[];
  docs: {
    /** One line. */
    summary: string;
    /** What good language looks like. */
    goodPractice: string;
    /**
     * The rule's documentation page installed with the package (`docs/rules/<id>.md`), as a `file://` URL; absent
     * when the page is not on disk (a bundle copied without the package's docs folder). There is no web copy.
     */
    url?: string;
  };
}

// ---------------------------------------------------------------------------------------------- values

/** The version of Mandate Lint. */
export const version: string = VERSION;

/** Every rule, in the order reports list them. */
export const RULES: readonly RuleInfo[] = Object.freeze(
  CORE_RULES.map((rule): RuleInfo => {
    const severities: Partial<Record<DocType, SeverityName>> = {};
    for (const docType of rule.docTypes) severities[docType] = effectiveRuleConfig(rule, docType, undefined).severity;
    const url = ruleDocsUrl(rule.id);
    return Object.freeze({
      id: rule.id,
      title: rule.title,
      defaultSeverity: rule.defaultSeverity,
      severities: Object.freeze(severities),
      docTypes: Object.freeze([...rule.docTypes]) as DocType[],
      lessons: Object.freeze([...rule.lessons]) as string[],
      docs: Object.freeze({ summary: rule.docs.summary, goodPractice: rule.docs.goodPractice, ...(url ? { url } : {}) }),
    });
  }),
);

const DEFAULT_EXTENSIONS = ['.md', '.markdown', '.txt', '.docx'];
const SNIPPET_TITLES = new Map(BUILT_IN_LIBRARY.snippets.map((s) => [s.id, s.title]));
const KNOWN_RULES = new Set(CORE_RULES.map((r) => r.id));

function checkDocType(docType: unknown, where: string): void {
  if (docType !== undefined && !(DOC_TYPES as unknown[]).includes(docType)) {
    throw new TypeError(`${where}: docType must be one of ${DOC_TYPES.join(', ')}, got ${JSON.stringify(docType)}`);
  }
}

/** Rule settings as the engine takes them; unknown rules and settings are a caller's mistake. */
function ruleConfigs(rules: Record<string, RuleSetting> | undefined, where: string): Record<string, RuleConfig> {
  if (rules !== undefined && (rules === null || typeof rules !== 'object' || Array.isArray(rules))) throw new TypeError(`${where}: rules must be an object of rule settings`);
  const out: Record<string, RuleConfig> = {};
  for (const [id, setting] of Object.entries(rules ?? {})) {
    if (!KNOWN_RULES.has(id)) throw new TypeError(`${where}: unknown rule "${id}" (known rules: ${[...KNOWN_RULES].join(', ')})`);
    const normalized = normalizeRuleSetting(setting);
    if (!normalized) throw new TypeError(`${where}: rule "${id}": not a severity (error, warning, info, off): ${JSON.stringify(setting)}`);
    // Options checked against the rule's schema, as in a configuration file.
    const problem = Array.isArray(setting) && setting[1] !== undefined ? optionProblems(getRule(id)!, setting[1])[0] : undefined;
    if (problem) throw new TypeError(`${where}: ${problem.message}`);
    out[id] = normalized;
  }
  return out;
}

function runProblem(p: ConfigProblem): RunProblem {
  return { severity: p.severity ?? 'error', message: p.message, file: p.file, line: p.line, column: p.column };
}

// ------------------------------------------------------------------------------------------- functions

/**
 * Lints a text with the built-in rules and lexicon. Reads no files: `.mandatelintrc.json`, team lexicons and
 * ignore files are for {@link lintFiles}. Front matter (`mandate-lint: strategy`) and `mandate-lint-disable`
 * comments in the text apply.
 *
 * @example
 * const { findings } = lintText(draft, { docType: 'mandate' });
 * for (const f of findings) console.log(`${f.line}:${f.column} ${f.severity} ${f.ruleId}: ${f.message}`);
 * @throws TypeError for an unknown rule, setting, preset or document type.
 */
/** The options argument, checked: an object, or nothing (null is not "no options"). */
function optionsObject<T>(options: T | undefined, where: string): T | Record<string, never> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new TypeError(`${where}: options must be an object`);
  return options;
}

export function lintText(text: string, given: LintTextOptions = {}): LintResult {
  if (typeof text !== 'string') throw new TypeError(`lintText: the text must be a string, got ${typeof text}`);
  const options: LintTextOptions = optionsObject(given, 'lintText');
  checkDocType(options.docType, 'lintText');
  if (options.format !== undefined && options.format !== 'markdown' && options.format !== 'plaintext') {
    throw new TypeError(`lintText: format must be "markdown" or "plaintext", got ${JSON.stringify(options.format)}`);
  }
  if (options.preset !== undefined && !isPresetName(options.preset)) {
    throw new TypeError(`lintText: preset must be one of ${PRESETS.map((p) => PRESET_PREFIX + p).join(', ')}, got ${JSON.stringify(options.preset)}`);
  }
  const result = coreLintText(text, {
    format: options.format ?? 'markdown',
    docType: options.docType,
    rules: ruleConfigs(options.rules, 'lintText'),
    preset: options.preset,
    cacheFacts: false,
  });
  const lines = result.analysis.model.lines;
  const range = (start: number, end: number): SourceRange => {
    const s = lines.positionAt(start);
    const e = lines.positionAt(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
  const findings: Finding[] = result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    found: f.found,
    missing: f.missing,
    why: f.why,
    level: f.level,
    lessons: [...f.lessons],
    start: f.start,
    end: f.end,
    ...range(f.start, f.end),
    evidence: f.evidence.map((e) => ({ start: e.start, end: e.end, message: e.message })),
    fixes: f.fixes.map((x) => ({ snippet: x.snippet, title: SNIPPET_TITLES.get(x.snippet) ?? x.snippet })),
  }));
  const problems: Problem[] = result.problems.map((p) => ({ severity: p.severity, message: p.message, start: p.start, end: p.end, ...range(p.start, p.end) }));
  const all = [...findings, ...problems];
  return {
    docType: result.docType,
    docTypeSource: result.docTypeSource,
    findings,
    problems,
    errorCount: all.filter((m) => m.severity === 'error').length,
    warningCount: all.filter((m) => m.severity === 'warning').length,
    infoCount: all.filter((m) => m.severity === 'info').length,
  };
}

/**
 * Lints files, folders and globs as `mandate-lint [options] <patterns>` does: folders are searched for drafts
 * (README-like files skipped), `.mandatelintrc.json` files apply upward from each draft, `.mandatelintignore`
 * and `ignorePatterns` are honoured, and each file's result is what `--format json` prints. Files that cannot
 * be read get a fatal message in their result; problems with the configuration or the paths themselves are in
 * {@link LintFilesResult.problems}. It rejects only for invalid options.
 *
 * @param patterns paths, folders or globs, relative to `options.cwd`.
 * @example
 * const { results, problems } = await lintFiles(['drafts/'], { cwd: repo });
 * const errors = results.reduce((n, r) => n + r.errorCount, 0);
 */
export async function lintFiles(patterns: string | readonly string[], given: LintFilesOptions = {}): Promise<LintFilesResult> {
  const list = typeof patterns === 'string' ? [patterns] : Array.isArray(patterns) ? [...patterns] : [];
  if (!list.length || list.some((p) => typeof p !== 'string' || !p)) throw new TypeError('lintFiles: give one or more paths, folders or globs');
  const options: LintFilesOptions = optionsObject(given, 'lintFiles');
  checkDocType(options.docType, 'lintFiles');
  if (options.maxFileSize !== undefined && !(Number.isSafeInteger(options.maxFileSize) && options.maxFileSize > 0)) throw new TypeError(`lintFiles: maxFileSize must be a whole number of bytes above 0, got ${JSON.stringify(options.maxFileSize)}`);
  if (options.extensions !== undefined && !(Array.isArray(options.extensions) && options.extensions.length && options.extensions.every((e) => typeof e === 'string' && /^\.?[\w.-]{1,20}$/.test(e)))) {
    throw new TypeError(`lintFiles: extensions must be a list of file extensions (".md", "txt"), got ${JSON.stringify(options.extensions)?.slice(0, 100)}`);
  }
  const cwd = resolve(options.cwd ?? process.cwd());
  const resolver = new ConfigResolver(options.config !== undefined ? resolve(cwd, options.config) : undefined, options.useConfigFiles !== false);
  const engine: EngineOptions = { resolver, ruleOverrides: ruleConfigs(options.rules, 'lintFiles'), docType: options.docType, maxFileBytes: options.maxFileSize, cacheFacts: false };
  const problems: RunProblem[] = [];

  const ignoreFile = resolve(cwd, options.ignorePath ?? '.mandatelintignore');
  if (options.ignorePath !== undefined && !existsSync(ignoreFile)) {
    problems.push({ severity: 'error', message: `ignore file not found: ${options.ignorePath}`, file: ignoreFile });
  }
  const matcher = new IgnoreMatcher(cwd, ignoreFile, resolver, options.ignore !== false);
  if (matcher.problem) problems.push({ severity: 'error', message: `ignore file not used: it ${matcher.problem}`, file: ignoreFile });

  const extensions = (options.extensions ?? DEFAULT_EXTENSIONS).map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase());
  const discovery = discoverFiles(list, cwd, extensions, matcher);
  for (const message of discovery.errors) problems.push({ severity: 'error', message });
  for (const message of discovery.warnings) problems.push({ severity: 'warning', message });

  const results: FileResult[] = [];
  for (const file of discovery.files) {
    problems.push(...resolver.newProblemsFor(file).map(runProblem));
    const bytes = readDraftBytes(file, options.maxFileSize ?? DEFAULT_MAX_FILE_BYTES);
    // Word drafts (.docx) through the Word reader, with tracked changes accepted; the rest decoded as text.
    const { file: result } = lintDraftBytes(file, bytes, engine);
    results.push(result);
  }
  return { results, problems, skipped: { ...discovery.skipped } };
}

/**
 * The configuration that applies to a file, as `mandate-lint --print-config <file>` prints it: the
 * `.mandatelintrc.json` files found upward from it (and `options.config`), merged with their presets and
 * shared configurations, and the severity of every rule for each document type. The file itself need not exist.
 *
 * @example
 * const config = await loadConfig('drafts/unmiss.md');
 * console.log(config.effectiveRules.mandate['missing-gender']);
 */
export async function loadConfig(filePath: string, options: LoadConfigOptions = {}): Promise<EffectiveConfig> {
  if (typeof filePath !== 'string' || !filePath) throw new TypeError('loadConfig: give the path of a draft');
  checkDocType(options.docType, 'loadConfig');
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = resolve(cwd, filePath);
  const overrides = ruleConfigs(options.rules, 'loadConfig');
  const resolver = new ConfigResolver(options.config !== undefined ? resolve(cwd, options.config) : undefined, options.useConfigFiles !== false);
  return { ...effectiveConfiguration(resolver, file, overrides, options.docType), problems: resolver.problemsFor(file).map(runProblem) };
}
