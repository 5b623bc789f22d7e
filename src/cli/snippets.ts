/**
 * `mandate-lint snippets validate|list|export`: the tools a policy team uses on its clause libraries.
 *
 *   validate <files...>        schema, placeholder, duplicate-id, rule and lesson problems, with line numbers
 *   list [--for <file>]        the clauses a draft gets, where each comes from, and which ones override others
 *   export --vscode [-o file]  a .code-snippets file for VS Code users who do not run the extension
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { validateLibrary, type SourcedSnippet } from '../core/libraries';
import { toVsCodeSnippetBody } from '../core/snippets';
import { ConfigResolver, MAX_DATA_FILE } from '../node/config';
import { decodeDraft, escapeControl, readBounded } from '../node/files';
import { libraryFor } from '../node/libraries';
import { EXIT_LINT_ERRORS as EXIT_PROBLEMS, EXIT_OK, EXIT_USAGE, refusesOverwrite, type CliIO } from './io';
import { humanIO } from './terminal';

export const SNIPPETS_HELP = `Usage: mandate-lint snippets <command> [options]

Commands:
  validate <file ...>        check snippet libraries: JSON, schema, placeholders, duplicate ids,
                             rule and lesson references (exit 1 on errors)
  list [--for <file>]        list the clauses a draft gets (default: a draft in the current folder),
                             with the library each comes from and the overrides between libraries
  export --vscode            write the clauses as a VS Code .code-snippets file

Options:
  --for <file>               the draft whose configuration decides the libraries (list, export)
  --library <file>           add a library file after the configured ones (repeatable; list, export)
  -c, --config <file>        use this configuration file on top of the discovered ones
  --format json              list: print JSON instead of a table
  -o, --output-file <file>   export: write here instead of standard output
  -h, --help                 show this help
`;

const MAX_LIBRARY_BYTES = MAX_DATA_FILE;

interface SnippetOptions {
  command?: string;
  files: string[];
  forFile?: string;
  libraries: string[];
  config?: string;
  format?: string;
  output?: string;
  vscode: boolean;
  help: boolean;
}

function parse(argv: string[]): SnippetOptions | string {
  const options: SnippetOptions = { files: [], libraries: [], vscode: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => argv[++i];
    switch (arg) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--for':
        options.forFile = value();
        if (!options.forFile) return '--for needs a file';
        break;
      case '--library':
        {
          const file = value();
          if (!file) return '--library needs a file';
          options.libraries.push(file);
        }
        break;
      case '-c':
      case '--config':
        options.config = value();
        if (!options.config) return '--config needs a file';
        break;
      case '--format':
      case '-f':
        options.format = value();
        if (options.format !== 'json' && options.format !== 'table') return `unknown format "${options.format}" (use table or json)`;
        break;
      case '-o':
      case '--output-file':
        options.output = value();
        if (!options.output) return '--output-file needs a file';
        break;
      case '--vscode':
        options.vscode = true;
        break;
      default:
        if (arg.startsWith('-')) return `unknown option ${arg}`;
        if (!options.command) options.command = arg;
        else options.files.push(arg);
    }
  }
  return options;
}

export function runSnippetsCli(argv: string[], rawIO: CliIO): number {
  // File names and messages are escaped for the terminal, except in JSON and exported snippets.
  const parsed = parse(argv);
  const io = humanIO(rawIO, typeof parsed === 'string' || !(parsed.command === 'export' || parsed.format === 'json'));
  if (typeof parsed === 'string') {
    io.stderr(`mandate-lint snippets: ${parsed}\n`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    io.stdout(SNIPPETS_HELP);
    return EXIT_OK;
  }
  if (!parsed.command) {
    io.stderr(SNIPPETS_HELP);
    return EXIT_USAGE;
  }
  switch (parsed.command) {
    case 'validate':
      return validate(parsed, io);
    case 'list':
      return list(parsed, io);
    case 'export':
      return exportSnippets(parsed, io);
    default:
      io.stderr(`mandate-lint snippets: unknown command "${parsed.command}" (use validate, list or export)\n`);
      return EXIT_USAGE;
  }
}

function validate(options: SnippetOptions, io: CliIO): number {
  if (!options.files.length) {
    io.stderr('mandate-lint snippets validate: name the library files to check\n');
    return EXIT_USAGE;
  }
  let errors = 0;
  let warnings = 0;
  let usage = 0;
  for (const file of options.files) {
    const path = resolve(io.cwd, file);
    const shown = relative(io.cwd, path) || path;
    // The bounded reader: a FIFO or a link to /dev/zero is refused, a huge file is cut off past the limit.
    const bytes = readBounded(path, MAX_LIBRARY_BYTES);
    if (!bytes.ok && bytes.kind === 'not-found') {
      io.stderr(`mandate-lint snippets: ${file}: file not found\n`);
      usage++;
      continue;
    }
    if (!bytes.ok && bytes.kind === 'too-large') {
      io.stdout(`${shown}:1:1  error  the library is larger than ${MAX_LIBRARY_BYTES / 1024 / 1024} MB; split it into several files\n`);
      errors++;
      continue;
    }
    const read = bytes.ok ? decodeDraft(bytes.bytes) : bytes;
    if (!read.ok) {
      io.stdout(`${shown}:1:1  error  ${read.error}\n`);
      errors++;
      continue;
    }
    const { library, problems } = validateLibrary(read.text);
    for (const p of problems) {
      io.stdout(`${shown}:${p.line}:${p.column}  ${p.severity}  ${p.message}\n`);
      if (p.severity === 'error') errors++;
      else warnings++;
    }
    if (library && !problems.some((p) => p.severity === 'error')) io.stdout(`${shown}: ${library.snippets.length} snippet${library.snippets.length === 1 ? '' : 's'} OK${library.name ? ` (${library.name})` : ''}\n`);
  }
  if (errors || warnings) io.stdout(`\n${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
  return usage ? EXIT_USAGE : errors ? EXIT_PROBLEMS : EXIT_OK;
}

function loadFor(options: SnippetOptions, io: CliIO) {
  const resolver = new ConfigResolver(options.config ? resolve(io.cwd, options.config) : undefined);
  const draft = resolve(io.cwd, options.forFile ?? 'draft.md');
  const library = libraryFor(
    resolver,
    draft,
    options.libraries.map((l) => resolve(io.cwd, l)),
  );
  const problems = [...resolver.problemsFor(draft), ...library.problems];
  for (const p of problems) io.stderr(`mandate-lint: ${relative(io.cwd, p.file) || p.file}:${p.line}:${p.column}: ${p.severity ?? 'error'}: ${p.message}\n`);
  return { library, errors: problems.filter((p) => p.severity !== 'warning').length };
}

function list(options: SnippetOptions, io: CliIO): number {
  const { library, errors } = loadFor(options, io);
  const display = (source: string) => (isAbsolute(source) ? relative(io.cwd, source) || source : source);
  if (options.format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          libraries: library.libraries.map((l) => ({ source: display(l.source), name: l.name, snippets: l.snippets.length })),
          snippets: library.snippets.map((s) => ({ id: s.id, title: s.title, prefix: s.prefix, kind: s.kind, docTypes: s.docTypes, fixes: s.fixes, lessons: s.lessons, source: display(s.source) })),
          overrides: library.conflicts.map((c) => ({ id: c.id, from: display(c.winner), replaces: display(c.overridden) })),
        },
        null,
        2,
      ) + '\n',
    );
    return errors ? EXIT_USAGE : EXIT_OK;
  }
  io.stdout(`Libraries, in load order (later ones override earlier ones by id):\n`);
  for (const l of library.libraries) io.stdout(`  ${display(l.source)}${l.name ? ` (${l.name})` : ''}: ${l.snippets.length} snippet${l.snippets.length === 1 ? '' : 's'}\n`);
  io.stdout('\n');
  const rows = library.snippets.map((s: SourcedSnippet) => [s.id, s.prefix ?? '', s.kind, (s.docTypes ?? ['all']).join(','), (s.fixes ?? []).join(',') || '-', display(s.source)]);
  const header = ['id', 'prefix', 'kind', 'document types', 'fixes', 'from'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ') + '\n';
  io.stdout(line(header));
  for (const row of rows) io.stdout(line(row));
  if (library.conflicts.length) {
    io.stdout(`\nOverrides:\n`);
    for (const c of library.conflicts) io.stdout(`  "${c.id}" from ${display(c.winner)} replaces the one from ${display(c.overridden)}\n`);
  }
  return errors ? EXIT_USAGE : EXIT_OK;
}

function exportSnippets(options: SnippetOptions, io: CliIO): number {
  if (!options.vscode) {
    io.stderr('mandate-lint snippets export: say which format (--vscode)\n');
    return EXIT_USAGE;
  }
  const { library, errors } = loadFor(options, io);
  if (options.output) {
    // -o never writes over a library it exports, nor the configuration given.
    const target = resolve(io.cwd, options.output);
    const read = [...library.libraries.map((l) => l.file), ...(options.config ? [resolve(io.cwd, options.config)] : [])].filter((f) => f !== 'built-in');
    const files = read.map((f) => [f, 'a file this export reads'] as const);
    if (refusesOverwrite(io, 'mandate-lint snippets', [target], files, (p) => escapeControl(relative(io.cwd, p) || p))) return EXIT_USAGE;
  }
  // Keyed by title, as VS Code's snippet files are: a title taken already (two libraries, or "__proto__") gets the
  // snippet's id after it, so that no snippet is lost.
  const entries = new Map<string, { scope: string; prefix: string; description: string; body: string[] }>();
  for (const s of library.snippets) {
    const form = s.kind === 'task' ? 'operative' : 'paragraph';
    let key = s.title;
    for (let n = 2; entries.has(key); n++) key = n === 2 ? `${s.title} (${s.id})` : `${s.title} (${s.id}, ${n - 1})`;
    entries.set(key, { scope: 'markdown,mandate,plaintext', prefix: s.prefix ?? `ml-${s.id}`, description: s.description ?? s.title, body: toVsCodeSnippetBody(s, form) });
  }
  // Object.fromEntries makes every key an own property, "__proto__" included.
  const text = JSON.stringify(Object.fromEntries(entries), null, 2) + '\n';
  if (options.output) {
    const target = resolve(io.cwd, options.output);
    try {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    } catch (error) {
      io.stderr(`mandate-lint snippets: cannot write ${options.output}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`mandate-lint: wrote ${entries.size} snippets to ${escapeControl(relative(io.cwd, target) || target)}\n`);
  } else io.stdout(text);
  return errors ? EXIT_USAGE : EXIT_OK;
}
