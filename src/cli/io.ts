/**
 * What the CLI commands share: the IO they read and write through and their exit codes. Both `mandate-lint`
 * (run.ts) and `mandate-lint snippets` (snippets.ts) use it, so neither imports the other for it.
 */
import type { ConfigProblem } from '../node/config';
import { extname } from 'node:path';
import { escapeControl, sameFile } from '../node/files';

export interface CliIO {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard input; an implementation may stop reading once it has more than `maxBytes` bytes. */
  readStdin(maxBytes?: number): Promise<Uint8Array | string>;
  stdoutIsTTY: boolean;
  env: Record<string, string | undefined>;
}

/** Nothing to report (and no more warnings than allowed). */
export const EXIT_OK = 0;
/** Lint errors, too many warnings, or (snippets validate) problems in a library. */
export const EXIT_LINT_ERRORS = 1;
/** Usage or configuration error. */
export const EXIT_USAGE = 2;

/** A configuration problem as one line for standard error (control characters in the file name escaped). */
export function describeProblem(p: ConfigProblem): string {
  const file = escapeControl(p.file);
  return p.severity === 'warning' ? `mandate-lint: warning: ${file}:${p.line}:${p.column}: ${p.message}\n` : `mandate-lint: configuration error in ${file}:${p.line}:${p.column}: ${p.message}\n`;
}

/**
 * The files a report goes to: the Markdown where -o says and the HTML page beside it, under the same name
 * ("-o r.md" and "-o r.html" both write r.md and r.html).
 */
export function reportFiles(target: string): { markdown: string; html: string } {
  const ext = extname(target);
  const base = ext ? target.slice(0, -ext.length) : target;
  return ext.toLowerCase() === '.html' ? { markdown: `${base}.md`, html: target } : { markdown: target, html: `${base}.html` };
}

/**
 * Whether an output (-o) would replace one of the files a command reads or writes besides it (a link to it
 * included); if so, says which on standard error, with what it is, and the caller stops with EXIT_USAGE.
 * `command` opens the line ("mandate-lint compare"); `show` writes a path as the command shows paths.
 */
export function refusesOverwrite(
  io: CliIO,
  command: string,
  outputs: readonly string[],
  files: ReadonlyArray<readonly [string | undefined, string]>,
  show: (path: string) => string,
): boolean {
  const found = files.find(([path]) => path !== undefined && outputs.some((out) => sameFile(out, path)));
  if (found) io.stderr(`${command}: -o would overwrite ${show(found[0]!)}, ${found[1]}: give another file name\n`);
  return found !== undefined;
}
