/** Command-line parsing without dependencies; every mistake becomes a one-line usage error (exit code 2). */
import { DOC_TYPES, type DocType } from '../core/analysis';
import { normalizeSeverity, type RuleConfig } from '../core/config/types';
import { ruleIds } from '../core/rules/registry';

export type OutputFormat = 'stylish' | 'json' | 'sarif' | 'github' | 'junit' | 'report';
export const FORMATS: OutputFormat[] = ['stylish', 'json', 'sarif', 'github', 'junit', 'report'];

export interface CliOptions {
  patterns: string[];
  format: OutputFormat;
  maxWarnings?: number;
  config?: string;
  configLookup: boolean;
  rules: Record<string, RuleConfig>;
  stdin: boolean;
  stdinFilename?: string;
  quiet: boolean;
  printConfig?: string;
  docType?: DocType;
  ignorePath?: string;
  ignore: boolean;
  extensions: string[];
  color?: boolean;
  outputFile?: string;
  maxFileBytes?: number;
  cache: boolean;
  cacheLocation?: string;
  /** Word drafts: read them with tracked changes accepted (default) or as they were before the changes. */
  docxChanges?: 'accepted' | 'original';
  /** --annotate: write a copy of the Word draft with each finding as a comment. */
  annotate?: string;
  /** --baseline: a previous --format json output, or a git ref whose versions of the drafts are the baseline. */
  baseline?: string;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: mandate-lint [options] [file|dir|glob ...]
       mandate-lint snippets validate|list|export ...   (see mandate-lint snippets --help)
       mandate-lint compare <previous> <draft>           (a renewal against the text it renews; see --help there)
       mandate-lint serve [--port <n>]                   (the review page on 127.0.0.1; see --help there)

Checks draft Security Council mandates, mission SSR strategies and peace agreements against the
lessons of the independent review of UN support to security sector reform.

Options:
  -f, --format <name>        stylish (default), json, sarif (code scanning), github (workflow
                             annotations), junit (CI test reports), or report (lessons coverage
                             report: Markdown; with -o FILE.md also FILE.html, a page with a chart)
  --max-warnings <n>         exit with 1 when there are more than n warnings
  -c, --config <file>        use this configuration file on top of the discovered ones
  --no-config-lookup         do not look for .mandatelintrc.json files
  --rule <id:severity>       set a rule's severity (error, warning, info, off); repeatable
  --doc-type <type>          treat every file as mandate, strategy or peace-agreement
  --stdin                    lint text from standard input
  --stdin-filename <path>    path used for configuration and output of --stdin text
  --quiet                    report errors only
  --print-config <file>      print the configuration that applies to a file and exit
  --ignore-path <file>       read ignore patterns from this file (default: .mandatelintignore)
  --no-ignore                lint files even when ignore patterns match them
  --ext <list>               extensions to lint inside folders (default: .md,.markdown,.txt,.docx)
  --color, --no-color        force or disable colours (default: colours only on a terminal)
  -o, --output-file <file>   write the output to a file instead of standard output ("-": standard output)
  --max-file-size <MB>       skip files larger than this (default: 16)
  --cache                    reuse the results of files that have not changed (nor has the
                             configuration, a lexicon, a snippet library or mandate-lint itself)
  --cache-location <path>    where the cache lives (default: .mandatelintcache)
  --baseline <file|git-ref>  report and fail only on findings that are not in the baseline: a
                             previous --format json output, or a git ref (each draft as it was
                             there); SARIF marks every result's baselineState
  --docx-changes <mode>      Word drafts: read tracked changes as accepted (default) or the
                             original text before them
  --annotate <file.docx>     write a copy of the Word draft linted with each finding as a comment
                             (earlier Mandate Lint comments are replaced)
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage or configuration errors (including a path that does not exist or matches no file).
`;

/** The options that `mandate-lint` and `mandate-lint compare` share. */
export interface SharedOptions {
  outputFile?: string;
  docType?: DocType;
  config?: string;
  configLookup: boolean;
  rules: Record<string, RuleConfig>;
  maxFileBytes?: number;
  color?: boolean;
  help: boolean;
}

/**
 * Walks the command line: `handle` gets each argument's name (before any "=value"), the argument itself, and a
 * function that returns the option's value (inline or the next argument). It returns false to stop the walk.
 */
export function walkArgs(argv: string[], handle: (name: string, arg: string, value: () => string, rest: () => string[]) => boolean | void): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      // "--print-config=" gives no value, as "--print-config" alone does.
      if (inline === '') throw new UsageError(`option ${name} needs a value`);
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`option ${name} needs a value`);
      return next;
    };
    const rest = (): string[] => {
      const remaining = argv.slice(i + 1);
      i = argv.length;
      return remaining;
    };
    if (handle(name, arg, value, rest) === false) return;
  }
}

/** Reads one of the shared options into `options`; false when `name` is not one of them. */
export function readSharedOption(name: string, value: () => string, options: SharedOptions): boolean {
  switch (name) {
    case '-o':
    case '--output-file': {
      // "-" is standard output, as for most tools, not a file named "-".
      const file = value();
      options.outputFile = file === '-' ? undefined : file;
      return true;
    }
    case '-c':
    case '--config':
      options.config = value();
      return true;
    case '--no-config-lookup':
    case '--no-eslintrc':
      options.configLookup = false;
      return true;
    case '--rule': {
      const known = new Set(ruleIds());
      for (const part of value().split(',')) {
        const m = /^\s*([a-z][a-z0-9-]*)\s*:\s*(\S+)\s*$/.exec(part);
        if (!m) throw new UsageError(`--rule needs id:severity, got "${part}"`);
        if (!known.has(m[1])) throw new UsageError(`unknown rule "${m[1]}" (known rules: ${[...known].join(', ')})`);
        const severity = normalizeSeverity(/^\d$/.test(m[2]) ? Number(m[2]) : m[2]);
        if (!severity) throw new UsageError(`unknown severity "${m[2]}" for ${m[1]} (use error, warning, info or off)`);
        options.rules[m[1]] = { severity, options: {} };
      }
      return true;
    }
    case '--doc-type': {
      const type = value();
      if (!(DOC_TYPES as string[]).includes(type)) throw new UsageError(`unknown document type "${type}" (use ${DOC_TYPES.join(', ')})`);
      options.docType = type as DocType;
      return true;
    }
    case '--max-file-size': {
      const raw = value();
      // Decimal digits only: Number() would also take "", "0x10" and "1e3".
      const mb = /^\d+(?:\.\d+)?$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!(mb > 0) || Math.floor(mb * 1024 * 1024) < 1) throw new UsageError(`--max-file-size needs a size in MB, got "${raw}"`);
      options.maxFileBytes = Math.floor(mb * 1024 * 1024);
      return true;
    }
    case '--color':
      options.color = true;
      return true;
    case '--no-color':
      options.color = false;
      return true;
    case '-h':
    case '--help':
      options.help = true;
      return true;
    default:
      return false;
  }
}

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    patterns: [],
    format: 'stylish',
    configLookup: true,
    rules: {},
    stdin: false,
    quiet: false,
    ignore: true,
    extensions: ['.md', '.markdown', '.txt', '.docx'],
    cache: false,
    help: false,
    version: false,
  };
  walkArgs(argv, (name, arg, value, rest) => {
    if (readSharedOption(name, value, options)) return;
    switch (name) {
      case '-f':
      case '--format': {
        const format = value();
        if (!(FORMATS as string[]).includes(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
        options.format = format as OutputFormat;
        break;
      }
      case '--max-warnings': {
        const raw = value();
        // Decimal digits only (or -1, no limit): Number() would read "" as 0 and "0x10" as 16.
        const n = /^(?:\d{1,15}|-1)$/.test(raw.trim()) ? Number(raw) : NaN;
        if (!Number.isInteger(n) || n < -1) throw new UsageError(`--max-warnings needs a whole number, got "${raw}"`);
        options.maxWarnings = n < 0 ? undefined : n;
        break;
      }
      case '--stdin':
        options.stdin = true;
        break;
      case '--stdin-filename':
        options.stdinFilename = value();
        break;
      case '--quiet':
        options.quiet = true;
        break;
      case '--print-config':
        options.printConfig = value();
        break;
      case '--ignore-path':
        options.ignorePath = value();
        break;
      case '--no-ignore':
        options.ignore = false;
        break;
      case '--ext':
        options.extensions = value()
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)
          .map((e) => (e.startsWith('.') ? e : '.' + e).toLowerCase());
        if (!options.extensions.length) throw new UsageError('--ext needs at least one extension');
        break;
      case '--cache':
        options.cache = true;
        break;
      case '--cache-location':
        options.cacheLocation = value();
        break;
      case '--baseline':
        options.baseline = value();
        break;
      case '--docx-changes': {
        const mode = value();
        if (mode !== 'accepted' && mode !== 'original') throw new UsageError(`unknown --docx-changes mode "${mode}" (use accepted or original)`);
        options.docxChanges = mode;
        break;
      }
      case '--annotate':
        options.annotate = value();
        if (!/\.docx$/i.test(options.annotate)) throw new UsageError(`--annotate writes a Word document: give a file name ending in .docx, not "${options.annotate}"`);
        break;
      case '-v':
      case '--version':
        options.version = true;
        break;
      case '--':
        options.patterns.push(...rest());
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}" (see --help)`);
        options.patterns.push(arg);
    }
  });
  if (options.stdinFilename && !options.stdin) throw new UsageError('--stdin-filename needs --stdin');
  // Standard input is text, never a Word file to copy with comments.
  if (options.stdin && options.annotate) throw new UsageError('--annotate needs a Word draft (.docx) named on the command line, not --stdin');
  return options;
}
