/** Turns command-line paths and globs into the list of files to lint, honouring ignore files. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globSync } from 'tinyglobby';
import type { ConfigResolver } from './config';

export interface Discovery {
  files: string[];
  /** One-line usage errors: missing paths, patterns that match nothing. */
  errors: string[];
  warnings: string[];
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Files that are never drafts, whatever their content says: skipped in folders, still linted when named. */
export const NOT_DRAFTS = /^(?:readme|changelog|changes|license|licence|contributing|code_of_conduct|security|notice|authors|history|support)(?:\.[a-z]+)*$/i;

export class IgnoreMatcher {
  private readonly matcher: Ignore | undefined;
  constructor(
    private readonly baseDir: string,
    ignoreFile: string | undefined,
    private readonly resolver: ConfigResolver,
    private readonly enabled: boolean,
  ) {
    if (!enabled || !ignoreFile || !existsSync(ignoreFile)) return;
    this.matcher = ignore().add(readFileSync(ignoreFile, 'utf8'));
  }

  ignores(file: string): boolean {
    if (!this.enabled) return false;
    const rel = relative(this.baseDir, file);
    if (this.matcher && rel && !rel.startsWith('..') && !isAbsolute(rel)) {
      if (this.matcher.ignores(rel.split(sep).join('/'))) return true;
    }
    return this.resolver.isIgnored(file);
  }
}

function walk(dir: string, extensions: string[], matcher: IgnoreMatcher, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
      if (matcher.ignores(path + sep)) continue;
      walk(path, extensions, matcher, out);
    } else if (entry.isFile() && extensions.includes(extname(entry.name).toLowerCase()) && !NOT_DRAFTS.test(entry.name) && !matcher.ignores(path)) {
      out.push(path);
    }
  }
}

const GLOB_CHARS = /[*?[\]{}]/;

export function discoverFiles(patterns: string[], cwd: string, extensions: string[], matcher: IgnoreMatcher): Discovery {
  const files: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    let stat: import('node:fs').Stats | undefined;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      if (matcher.ignores(absolute)) warnings.push(`${pattern}: file ignored by an ignore pattern (use --no-ignore to lint it)`);
      else files.push(absolute);
      continue;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      walk(absolute, extensions, matcher, found);
      if (!found.length) errors.push(`no files to lint in ${pattern} (looked for ${extensions.join(', ')})`);
      files.push(...found);
      continue;
    }
    if (GLOB_CHARS.test(pattern)) {
      const found = globSync(pattern, { cwd, absolute: true, dot: false, ignore: ['**/node_modules/**', '**/.git/**'] })
        .map((f) => resolve(f))
        .filter((f) => !NOT_DRAFTS.test(basename(f)) && !matcher.ignores(f))
        .sort();
      if (!found.length) errors.push(`no files match the pattern ${pattern}`);
      files.push(...found);
      continue;
    }
    errors.push(`no such file or directory: ${pattern}`);
  }
  return { files: [...new Set(files)], errors, warnings };
}
