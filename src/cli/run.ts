/** The CLI as a function of its arguments and IO, so tests can run it in-process. */
import { existsSync, lstatSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { RULES } from '../core/rules/registry';
import { countMessages, type FileResult } from '../core/results';
import { ConfigResolver } from '../node/config';
import { lintRead, type EngineOptions } from '../node/engine';
import { BINARY_DRAFT, decodeDraft, DEFAULT_MAX_FILE_BYTES, escapeControl, formatBytes, readDraftBytes, sameFile } from '../node/files';
import { buildFileReport, renderReportHtml, renderReportMarkdown, type FileReport } from '../report';
import { HELP, parseArgs, UsageError, type CliOptions } from './args';
import { describeSkipped, discoverFiles, IgnoreMatcher } from '../node/discover';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatGithub } from './format/github';
import { formatJunit } from './format/junit';
import { addStylishCounts, formatStylish, stylishFileBlock, stylishSummary, type StylishCounts } from './format/stylish';
import { runSnippetsCli } from './snippets';
import { runCompareCli } from './compare';
import { runServeCli } from './serve';
import { applyBaseline, loadBaseline, newOnly, withAbsent } from '../node/baseline';
import { humanIO } from './terminal';
import { isWordFile, lintDraftBytes, writeAnnotatedCopy } from '../node/word';
import { LintCache, sha1, toolFingerprint } from '../node/cache';
import { effectiveConfiguration } from '../node/effective-config';
import { VERSION } from './version';
import { tuneV8ForFolderRun } from '../node/memory';
import { describeProblem, EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, refusesOverwrite, reportFiles, type CliIO } from './io';

export { EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIO } from './io';

function isRegularOrAbsent(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}

function useColor(options: CliOptions, io: CliIO): boolean {
  if (options.color !== undefined) return options.color;
  if (options.outputFile) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

/** --quiet: errors only, in every format (SARIF's baseline states included). */
function errorsOnly(list: FileResult[]): FileResult[] {
  return list.map((r) => {
    const messages = r.messages.filter((m) => m.severity === 2);
    return { ...r, messages, ...countMessages(messages) };
  });
}

/** Results for the terminal formats: file names and messages with their control characters escaped. */
function escapeResults(results: FileResult[]): FileResult[] {
  return results.map((r) => ({ ...r, filePath: escapeControl(r.filePath), messages: r.messages.map((m) => ({ ...m, message: escapeControl(m.message) })) }));
}

function printConfig(options: CliOptions, resolver: ConfigResolver, io: CliIO): number {
  const file = resolve(io.cwd, options.printConfig!);
  try {
    lstatSync(file);
  } catch {
    io.stderr(`mandate-lint: --print-config: no such file or directory: ${escapeControl(options.printConfig!)}\n`);
    return EXIT_USAGE;
  }
  // Resolved first: reading the snippet libraries adds their problems to the resolver's.
  const configuration = effectiveConfiguration(resolver, file, options.rules, options.docType);
  const problems = resolver.problemsFor(file);
  for (const p of problems) io.stderr(describeProblem(p));
  io.stdout(JSON.stringify(configuration, null, 2) + '\n');
  return problems.some((p) => p.severity !== 'warning') ? EXIT_USAGE : EXIT_OK;
}

export async function runCli(argv: string[], rawIO: CliIO): Promise<number> {
  if (argv[0] === 'snippets') return runSnippetsCli(argv.slice(1), rawIO);
  // Standard error names files and quotes options: escaped, as for the main command.
  if (argv[0] === 'compare') return runCompareCli(argv.slice(1), humanIO(rawIO, false));
  if (argv[0] === 'serve') return runServeCli(argv.slice(1), rawIO);
  // Everything on standard error names files and quotes text: escaped. Standard output is escaped per format.
  const io = humanIO(rawIO, false);
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mandate-lint: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }

  const resolver = new ConfigResolver(options.config ? resolve(io.cwd, options.config) : undefined, options.configLookup);
  if (options.printConfig) return printConfig(options, resolver, io);

  if (!options.stdin && !options.patterns.length) {
    io.stderr('mandate-lint: no files given (try "mandate-lint drafts/" or --help)\n');
    return EXIT_USAGE;
  }
  if (options.stdin && options.patterns.length) {
    io.stderr('mandate-lint: give either --stdin or paths, not both\n');
    return EXIT_USAGE;
  }

  // -o never replaces a file this run reads or writes besides it: the configuration and ignore file given, the
  // cache, the annotated copy (the drafts and the configuration files found are checked once they are known).
  if (options.outputFile) {
    const out = resolve(io.cwd, options.outputFile);
    const at = (path: string | undefined) => (path === undefined ? undefined : resolve(io.cwd, path));
    const outputs = options.format === 'report' ? Object.values(reportFiles(out)) : [out];
    const read: Array<readonly [string | undefined, string]> = [
      [at(options.config), 'the configuration file of this run'],
      [at(options.ignorePath ?? (existsSync(resolve(io.cwd, '.mandatelintignore')) ? '.mandatelintignore' : undefined)), 'the ignore file of this run'],
      [at(options.cache ? (options.cacheLocation ?? '.mandatelintcache') : undefined), 'the cache of this run'],
      [at(options.annotate), 'the annotated copy this run writes'],
    ];
    if (refusesOverwrite(io, 'mandate-lint', outputs, read, (p) => escapeControl(relative(io.cwd, p) || p))) return EXIT_USAGE;
  }

  // Fingerprints only where they are read: JSON output (a later baseline), a baseline now, the cache (a later run).
  const fingerprints = options.format === 'json' || !!options.baseline || !!options.cache;
  const engine: EngineOptions = { resolver, ruleOverrides: options.rules, docType: options.docType, maxFileBytes: options.maxFileBytes, cacheFacts: false, fingerprints };
  let usageErrors = 0;
  const results: FileResult[] = [];
  const reports: FileReport[] = [];
  let cache: LintCache | undefined;
  const wantReport = options.format === 'report';
  const color = useColor(options, io);
  // Stylish output on standard output is written file by file, as each draft is linted, so that a folder run
  // does not hold every message until the end. A baseline needs every result first; -o is checked against the
  // drafts before anything is written.
  const streamed: StylishCounts | undefined = options.format === 'stylish' && !options.outputFile && !options.baseline ? { errors: 0, warnings: 0, infos: 0 } : undefined;
  const keep = (fileResult: FileResult) => {
    if (!streamed) {
      results.push(fileResult);
      return;
    }
    const [shown] = escapeResults(options.quiet ? errorsOnly([fileResult]) : [fileResult]);
    addStylishCounts(streamed, shown);
    const block = stylishFileBlock(shown, { cwd: io.cwd, color });
    if (block) io.stdout(block);
    // Printed: what is left to keep are the counts, for the exit code.
    results.push({ ...fileResult, messages: [] });
  };

  if (options.stdin) {
    const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    // Said, not ignored: an ignore file that is not there is a mistake here too, and no cache is kept for text.
    if (options.ignorePath && !existsSync(resolve(io.cwd, options.ignorePath))) {
      io.stderr(`mandate-lint: ignore file not found: ${escapeControl(options.ignorePath)}\n`);
      usageErrors++;
    }
    if (options.cache) io.stderr('mandate-lint: warning: --cache does not apply to --stdin (standard input is linted each time)\n');
    let input: Uint8Array | string;
    try {
      input = await io.readStdin(maxBytes);
    } catch (error) {
      // A closed or unreadable standard input (`mandate-lint --stdin <&-`).
      io.stderr(`mandate-lint: standard input could not be read: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    // The same limit and decoding as for a file: BOMs and UTF-16 honoured, binary input refused.
    const read = bytes.length > maxBytes ? { ok: false as const, error: `it is larger than ${formatBytes(maxBytes)} (see --max-file-size)` } : decodeDraft(bytes);
    if (!read.ok) {
      io.stderr(`mandate-lint: standard input not linted: ${read.error === BINARY_DRAFT ? 'it is binary data (drafts must be Markdown or plain text, in UTF-8 or UTF-16 with a BOM)' : read.error}\n`);
      return EXIT_USAGE;
    }
    const filePath = options.stdinFilename ? resolve(io.cwd, options.stdinFilename) : '<text>';
    const configPath = options.stdinFilename ? filePath : resolve(io.cwd, 'stdin.md');
    const { file: fileResult, result } = lintRead(configPath, read, engine);
    keep({ ...fileResult, filePath });
    if (wantReport && result) reports.push(buildFileReport(result, filePath));
    for (const p of resolver.newProblemsFor(configPath)) {
      io.stderr(describeProblem(p));
      if (p.severity !== 'warning') usageErrors++;
    }
  } else {
    const ignoreFile = options.ignorePath ? resolve(io.cwd, options.ignorePath) : resolve(io.cwd, '.mandatelintignore');
    if (options.ignorePath && !existsSync(ignoreFile)) {
      io.stderr(`mandate-lint: ignore file not found: ${escapeControl(options.ignorePath)}\n`);
      usageErrors++;
    }
    const matcher = new IgnoreMatcher(io.cwd, ignoreFile, resolver, options.ignore);
    if (matcher.problem) {
      io.stderr(`mandate-lint: ignore file ${escapeControl(relative(io.cwd, ignoreFile) || ignoreFile)} not used: it ${matcher.problem}\n`);
      usageErrors++;
    }
    const cacheLocation = resolve(io.cwd, options.cacheLocation ?? '.mandatelintcache');
    cache = options.cache ? new LintCache(cacheLocation, toolFingerprint(VERSION)) : undefined;
    if (cache?.refused) {
      io.stderr(`mandate-lint: cache ${escapeControl(relative(io.cwd, cacheLocation) || cacheLocation)} not used: it ${cache.refused}\n`);
      usageErrors++;
      cache = undefined;
    }
    if (cache?.discarded) io.stderr(`mandate-lint: warning: the cache was rebuilt: ${cache.discarded}\n`);
    // Everything besides the text that decides a file's result.
    const cacheKey = (file: string, bytes: Uint8Array): { content: string; settings: string } => {
      const config = resolver.resolve(file);
      const settings = JSON.stringify({
        docType: config.docType,
        preset: config.preset,
        rules: config.rules,
        lexicons: config.lexicons.map((l) => [l.name, sha1(JSON.stringify(l.spec))]),
        libraries: config.libraries.map((l) => [l.file, sha1(JSON.stringify(l.snippets))]),
        options: { rules: options.rules, docType: options.docType, maxFileBytes: options.maxFileBytes, ...(options.docxChanges && isWordFile(file) ? { docxChanges: options.docxChanges } : {}) },
      });
      return { content: sha1(bytes), settings: sha1(settings) };
    };
    const discovery = discoverFiles(options.patterns, io.cwd, options.extensions, matcher);
    for (const error of discovery.errors) io.stderr(`mandate-lint: ${error}\n`);
    for (const warning of discovery.warnings) io.stderr(`mandate-lint: warning: ${warning}\n`);
    const skipped = describeSkipped(discovery.skipped);
    if (skipped) io.stderr(`mandate-lint: ${skipped}\n`);
    usageErrors += discovery.errors.length;
    const annotations: Array<{ file: string; bytes?: Uint8Array; reading?: Parameters<typeof writeAnnotatedCopy>[1]; result?: Parameters<typeof writeAnnotatedCopy>[2] }> = [];
    // Many drafts: V8 set for a folder run (an old generation grown by half, less inlining, and for megabytes of
    // drafts a young generation held at 16 MB).
    if (discovery.files.length > 1) tuneV8ForFolderRun(discovery.files.reduce((sum, file) => sum + (statSync(file, { throwIfNoEntry: false })?.size ?? 0), 0));
    for (const file of discovery.files) {
      for (const p of resolver.newProblemsFor(file)) {
        io.stderr(describeProblem(p));
        if (p.severity !== 'warning') usageErrors++;
      }
      // Each draft is read once, by the bounded reader; the cache key hashes the same bytes that are linted.
      const bytes = readDraftBytes(file, options.maxFileBytes);
      // Reports need the full analysis, which the cache does not keep.
      const key = cache && !wantReport && !options.annotate && bytes.ok ? cacheKey(file, bytes.bytes) : undefined;
      const cached = key && cache!.get(file, key.content, key.settings);
      if (cached) {
        keep(cached);
        continue;
      }
      // Word drafts go through the Word reader (src/docx), everything else is decoded as text.
      const { file: fileResult, result, reading } = lintDraftBytes(file, bytes, engine, options.docxChanges);
      keep(fileResult);
      if (options.annotate && isWordFile(file)) annotations.push({ file, bytes: bytes.ok ? bytes.bytes : undefined, reading, result });
      if (key && !fileResult.fatalErrorCount) cache!.set(file, key.content, key.settings, fileResult);
      if (wantReport && result) reports.push(buildFileReport(result, file));
      else if (wantReport) for (const m of fileResult.messages) io.stderr(`mandate-lint: ${escapeControl(file)}: ${m.message}\n`);
    }
    // --annotate: the findings of the one Word draft linted, as comments in a copy of it.
    if (options.annotate) {
      const target = resolve(io.cwd, options.annotate);
      const [one] = annotations;
      if (annotations.length !== 1) {
        io.stderr(`mandate-lint: --annotate needs exactly one Word draft (.docx) to lint; ${annotations.length ? `got ${annotations.length}` : 'none was given'}\n`);
        usageErrors++;
      } else if (sameFile(target, one.file)) {
        io.stderr('mandate-lint: --annotate would overwrite the draft itself: give another file name\n');
        usageErrors++;
      } else if (one.bytes && one.reading && one.result) {
        try {
          mkdirSync(dirname(target), { recursive: true });
          const written = writeAnnotatedCopy(one.bytes, one.reading, one.result, target);
          io.stderr(`mandate-lint: wrote ${escapeControl(relative(io.cwd, target) || target)}: ${written.comments} comment${written.comments === 1 ? '' : 's'} on ${escapeControl(relative(io.cwd, one.file) || one.file)}${written.replaced ? ` (replacing ${written.replaced} from an earlier run)` : ''}\n`);
        } catch (error) {
          io.stderr(`mandate-lint: cannot write ${escapeControl(options.annotate)}: ${(error as Error).message}\n`);
          usageErrors++;
        }
      }
    }
  }

  // --baseline: SARIF gets every finding with its baselineState (and those gone, as absent); the other formats
  // and the exit code only the findings that are not in the baseline.
  let sarifResults = results;
  if (options.baseline) {
    const loaded = loadBaseline(options.baseline, io.cwd, options.docxChanges);
    if (!loaded.ok) {
      io.stderr(`mandate-lint: ${loaded.error}\n`);
      return EXIT_USAGE;
    }
    const outcome = applyBaseline(results, loaded.baseline, engine);
    for (const error of outcome.errors) io.stderr(`mandate-lint: baseline: ${error}\n`);
    usageErrors += outcome.errors.length;
    sarifResults = withAbsent(outcome);
    results.splice(0, results.length, ...newOnly(outcome.results));
    const c = outcome.counts;
    io.stderr(`mandate-lint: against ${loaded.baseline.describe}: ${c.new} new, ${c.unchanged + c.updated} already there (${c.updated} updated), ${c.absent} gone\n`);
  }

  // Streamed stylish output has shown each file already; its results here are placeholders with no messages.
  const shown = options.quiet && !streamed ? errorsOnly(results) : results;
  if (options.quiet) sarifResults = errorsOnly(sarifResults);

  const displayPath = (p: string) => escapeControl(p.startsWith('<') ? p : relative(io.cwd, p) || p);
  let output: string;
  let htmlOutput: { path: string; html: string } | undefined;
  switch (options.format) {
    case 'report':
      output = renderReportMarkdown(reports, displayPath);
      if (options.outputFile && !isRegularOrAbsent(resolve(io.cwd, options.outputFile))) {
        // -o /dev/stdout, a FIFO: the Markdown goes there, and there is no folder to put a page beside it.
        io.stderr(`mandate-lint: the report's HTML page is not written: ${escapeControl(options.outputFile)} is not a regular file to put it beside\n`);
      } else if (options.outputFile) {
        // The Markdown goes where -o says; the HTML page next to it, with the same name.
        const files = reportFiles(resolve(io.cwd, options.outputFile));
        htmlOutput = { path: files.html, html: renderReportHtml(reports, { displayPath }) };
        options.outputFile = files.markdown;
      }
      break;
    case 'json':
      output = formatJson(shown);
      break;
    case 'github':
      output = formatGithub(shown, { cwd: io.cwd, color: false });
      break;
    case 'junit':
      output = formatJunit(shown, { cwd: io.cwd, color: false });
      break;
    case 'sarif':
      output = formatSarif(options.baseline ? sarifResults : shown, { cwd: io.cwd, color: false, rules: RULES, toolVersion: VERSION });
      break;
    default:
      output = streamed ? stylishSummary(streamed, { cwd: io.cwd, color }) : formatStylish(escapeResults(shown), { cwd: io.cwd, color });
  }
  // -o never replaces a draft it has just linted (a link to it included), nor a configuration file or snippet
  // library the drafts' configuration read: the findings would take its place.
  const outputs = options.outputFile ? [resolve(io.cwd, options.outputFile), ...(htmlOutput ? [htmlOutput.path] : [])] : [];
  if (outputs.length) {
    const drafts = results.filter((r) => !r.filePath.startsWith('<')).map((r) => resolve(io.cwd, r.filePath));
    const configuration = new Set<string>();
    for (const draft of drafts) {
      const config = resolver.resolve(draft);
      for (const file of [...config.sources, ...config.libraries.map((l) => l.file)]) if (file !== 'built-in') configuration.add(file);
    }
    const read = [...drafts.map((d) => [d, 'a draft this run linted'] as const), ...[...configuration].map((f) => [f, 'a configuration file this run read'] as const)];
    if (refusesOverwrite(io, 'mandate-lint', outputs, read, displayPath)) return EXIT_USAGE;
  }
  if (options.outputFile) {
    try {
      // Like ESLint, create the folder the output goes to.
      mkdirSync(dirname(resolve(io.cwd, options.outputFile)), { recursive: true });
      writeFileSync(resolve(io.cwd, options.outputFile), output);
      if (htmlOutput) {
        writeFileSync(htmlOutput.path, htmlOutput.html);
        io.stderr(`mandate-lint: wrote ${displayPath(resolve(io.cwd, options.outputFile))} and ${displayPath(htmlOutput.path)}\n`);
      }
    } catch (error) {
      io.stderr(`mandate-lint: cannot write ${escapeControl(options.outputFile)}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  } else if (output) io.stdout(output);

  if (cache) {
    const failed = cache.save();
    if (failed) io.stderr(`mandate-lint: warning: could not write the cache: ${failed}\n`);
    if (/\bcache\b/.test(io.env.MANDATE_LINT_DEBUG ?? '')) io.stderr(`mandate-lint: cache: ${cache.hits} reused, ${cache.misses} linted\n`);
  }

  if (usageErrors) return EXIT_USAGE;
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  if (errors > 0) return EXIT_LINT_ERRORS;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`mandate-lint: too many warnings (${warnings}; --max-warnings is ${options.maxWarnings})\n`);
    return EXIT_LINT_ERRORS;
  }
  return EXIT_OK;
}
