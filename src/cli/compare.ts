/**
 * `mandate-lint compare <previous> <draft>`: a draft renewal compared with the resolution it renews (docs/renewals.md).
 * Exit codes: 0 nothing lost or weakened; 1 a safeguard lost, mandate language weakened or a new error; 2 usage
 * errors, a text that cannot be read, or two texts that do not compare.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { buildModel } from '../core/model/model';
import { compareFiles } from '../node/compare';
import { ConfigResolver } from '../node/config';
import type { EngineOptions } from '../node/engine';
import { escapeControl, readDraft } from '../node/files';
import { comparisonJson, renderComparisonHtml, renderComparisonMarkdown } from '../report/compare';
import { readSharedOption, UsageError, walkArgs, type SharedOptions } from './args';
import { formatComparisonStylish } from './format/compare-stylish';
import { describeProblem, EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, refusesOverwrite, reportFiles, type CliIO } from './io';

export const COMPARE_HELP = `Usage: mandate-lint compare [options] <previous> <draft>
       mandate-lint compare [options] <draft>      (the draft names its previous text in front matter: previous: ./S-RES-2709-2023.md)

Compares a draft renewal with the resolution it renews. Paragraphs are aligned by what they say, so
renumbering, moves and splits are not changes. Reports, for SSR content: safeguards lost (governance,
HRDDP, benchmark, reporting, gender, transition or affordability language that went), mandate language
weakened or strengthened (operative verb, shall/may, priority or other tasks, qualifiers such as
"within existing resources"), tasks added and removed with their findings, and findings new in the
draft, resolved or unchanged.

Options:
  -f, --format <name>        stylish (default, grouped by paragraph), json, or report (Markdown;
                             with -o FILE.md also FILE.html, each changed paragraph side by side)
  -o, --output-file <file>   write the output to a file
  --doc-type <type>          read both texts as mandate, strategy or peace-agreement
  -c, --config <file>        use this configuration file on top of the discovered ones
  --no-config-lookup         do not look for .mandatelintrc.json files
  --rule <id:severity>       set a rule's severity; repeatable
  --max-file-size <MB>       refuse texts larger than this (default: 16)
  --color, --no-color        force or disable colours
  -h, --help                 show this help

Exit codes: 0 nothing lost or weakened, 1 a safeguard lost, language weakened or a new error
finding, 2 usage error, a text that cannot be read or texts that do not compare.
`;

interface CompareOptions extends SharedOptions {
  paths: string[];
  format: 'stylish' | 'json' | 'report';
}

function parse(argv: string[]): CompareOptions {
  const options: CompareOptions = { paths: [], format: 'stylish', configLookup: true, rules: {}, help: false };
  walkArgs(argv, (name, arg, value) => {
    if (readSharedOption(name, value, options)) return;
    if (name === '-f' || name === '--format') {
      const format = value();
      if (format !== 'stylish' && format !== 'json' && format !== 'report') throw new UsageError(`unknown format "${format}" for compare (use stylish, json or report)`);
      options.format = format;
      return;
    }
    if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}" for compare (see mandate-lint compare --help)`);
    options.paths.push(arg);
  });
  return options;
}

/** The previous text a draft names in its front matter (`previous: ./S-RES-2709-2023.md`), resolved next to the draft. */
export function previousFromFrontMatter(draftPath: string, text: string): string | undefined {
  const model = buildModel(text, 'markdown');
  const value = model.frontMatter?.data.previous;
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return isAbsolute(value) ? value : resolve(dirname(draftPath), value.trim());
}

export async function runCompareCli(argv: string[], io: CliIO): Promise<number> {
  let options: CompareOptions;
  try {
    options = parse(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mandate-lint compare: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(COMPARE_HELP);
    return EXIT_OK;
  }
  let [previousArg, draftArg] = options.paths;
  if (options.paths.length === 1) {
    draftArg = options.paths[0];
    const read = readDraft(resolve(io.cwd, draftArg), options.maxFileBytes);
    const named = read.ok ? previousFromFrontMatter(resolve(io.cwd, draftArg), read.text) : undefined;
    if (!named) {
      io.stderr(`mandate-lint compare: give the previous text and the draft (or a draft whose front matter says "previous: <file>")\n`);
      return EXIT_USAGE;
    }
    previousArg = named;
  } else if (options.paths.length !== 2) {
    io.stderr(`mandate-lint compare: give two texts, the previous one and the draft (see --help)\n`);
    return EXIT_USAGE;
  }
  const previousPath = resolve(io.cwd, previousArg);
  const draftPath = resolve(io.cwd, draftArg);
  const display = (p: string) => escapeControl((relative(io.cwd, p) && !relative(io.cwd, p).startsWith('..') ? relative(io.cwd, p) : p).split('\\').join('/'));
  const resolver = new ConfigResolver(options.config ? resolve(io.cwd, options.config) : undefined, options.configLookup);
  const engine: EngineOptions = { resolver, ruleOverrides: options.rules, docType: options.docType, maxFileBytes: options.maxFileBytes, cacheFacts: false };
  // -o never replaces either text compared (a link to it included), nor the configuration file given.
  if (options.outputFile) {
    const out = resolve(io.cwd, options.outputFile);
    const outputs = options.format === 'report' ? Object.values(reportFiles(out)) : [out];
    const read: Array<readonly [string | undefined, string]> = [
      [previousPath, 'the previous text of this comparison'],
      [draftPath, 'the draft of this comparison'],
      [options.config === undefined ? undefined : resolve(io.cwd, options.config), 'the configuration file of this comparison'],
    ];
    if (refusesOverwrite(io, 'mandate-lint compare', outputs, read, display)) return EXIT_USAGE;
  }
  const names = { previous: display(previousPath), draft: display(draftPath) };
  const compared = compareFiles(previousPath, draftPath, engine, names);
  // Configuration problems are said, and are usage errors, as for the main command.
  const problems = [...resolver.newProblemsFor(previousPath), ...resolver.newProblemsFor(draftPath)];
  for (const p of problems) io.stderr(describeProblem(p));
  if (!compared.ok) {
    io.stderr(`mandate-lint compare: ${compared.error}\n`);
    return EXIT_USAGE;
  }
  for (const [name, text] of [
    [names.previous, compared.value.previous],
    [names.draft, compared.value.draft],
  ] as const) {
    for (const warning of text.warnings) io.stderr(`mandate-lint compare: warning: ${name}: ${warning}\n`);
  }
  const files = { previous: names.previous, draft: names.draft, comparison: compared.value.comparison };
  const color = options.color ?? (!options.outputFile && !io.env.NO_COLOR && (io.stdoutIsTTY || (!!io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0')));
  let output: string;
  let html: { path: string; text: string } | undefined;
  switch (options.format) {
    case 'json':
      output = JSON.stringify(comparisonJson(files), null, 2) + '\n';
      break;
    case 'report': {
      output = renderComparisonMarkdown(files);
      if (options.outputFile) {
        const written = reportFiles(resolve(io.cwd, options.outputFile));
        html = { path: written.html, text: renderComparisonHtml(files) };
        options.outputFile = written.markdown;
      }
      break;
    }
    default:
      output = formatComparisonStylish(files, color);
  }
  if (options.outputFile) {
    try {
      const target = resolve(io.cwd, options.outputFile);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output);
      if (html) {
        writeFileSync(html.path, html.text);
        io.stderr(`mandate-lint compare: wrote ${display(target)} and ${display(html.path)}\n`);
      }
    } catch (error) {
      io.stderr(`mandate-lint compare: cannot write ${options.outputFile}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  } else io.stdout(output);
  const c = compared.value.comparison;
  if (problems.some((p) => p.severity !== 'warning')) return EXIT_USAGE;
  if (!c.comparable) {
    if (options.format !== 'stylish' || options.outputFile) io.stderr(`mandate-lint compare: ${c.reason}\n`);
    return EXIT_USAGE;
  }
  const newErrors = c.findings.new.some((f) => f.severity === 'error') || c.paragraphs.some((p) => p.findings.new.some((f) => f.severity === 'error'));
  return c.summary.safeguardsLost > 0 || c.summary.weakened > 0 || newErrors ? EXIT_LINT_ERRORS : EXIT_OK;
}
