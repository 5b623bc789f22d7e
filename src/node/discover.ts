/** Turns command-line paths and globs into the list of files to lint, honouring ignore files. */
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { unusableIgnorePattern, type ConfigResolver } from './config';
import { decideDraft, type DraftSettings } from '../core/drafts';
import { isInside } from './packages';
import { describeFsError, describeKind, escapeControl, MAX_IGNORE_FILE_BYTES, readDataText } from './files';

/** Why a file found in a folder (or by a glob) was not linted. */
export type SkipReason = 'README-like' | 'Word lock file' | 'ignored' | 'not a regular file' | 'broken symbolic link' | 'symbolic link loop' | 'with a name not in UTF-8';
const SKIP_REASONS: SkipReason[] = ['README-like', 'Word lock file', 'ignored', 'not a regular file', 'broken symbolic link', 'symbolic link loop', 'with a name not in UTF-8'];
/** The owner file Word keeps beside a document while it is open ("~$draft.docx"): not a document. */
const WORD_LOCK_FILE = /^~\$.*\.doc[xm]$/i;

export interface Discovery {
  files: string[];
  /** One-line usage errors: missing paths, patterns that match nothing. */
  errors: string[];
  warnings: string[];
  /** Files with a draft extension found in folders or by globs and not linted, by reason. */
  skipped: Partial<Record<SkipReason, number>>;
  /** Folders searched. */
  foldersSearched: number;
  /** Set when the search left folders out to stay within the budget's maxFolders. */
  stoppedAtFolderLimit?: true;
}

/** A bound on a search, for callers that must not wait on a whole disk (the language server); the CLI sets none. */
export interface DiscoveryBudget {
  /** Folders to search at most, over all the patterns; the files of the folders already listed are still taken. */
  maxFolders: number;
}

const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

/** README-like names are never drafts when found in folders and globs: the core's draft decision says so. */
export { NOT_DRAFTS, README_LIKE_NAMES } from '../core/drafts';

/** What the folder and glob search takes: every file with a draft extension but README-like ones (see decideDraft). */
const FOUND: DraftSettings = { enable: true, scope: 'found', maxFileSize: Infinity };

export class IgnoreMatcher {
  private readonly matcher: Ignore | undefined;
  /** Why the ignore file could not be used ("is a FIFO (named pipe), not a regular file"), if it could not. */
  readonly problem?: string;

  constructor(
    private readonly baseDir: string,
    ignoreFile: string | undefined,
    private readonly resolver: ConfigResolver,
    private readonly enabled: boolean,
  ) {
    if (!enabled || !ignoreFile) return;
    const read = readDataText(ignoreFile, MAX_IGNORE_FILE_BYTES);
    if (!('text' in read)) {
      if (read.kind !== 'not-found') this.problem = read.error;
      return;
    }
    // A line the `ignore` package cannot turn into a regular expression would end the run at the first file.
    const lines = read.text.split(/\r?\n/);
    const unusable = lines.map((line, i) => ({ line: i + 1, problem: line.trim() && !line.startsWith('#') ? unusableIgnorePattern(line) : undefined })).find((l) => l.problem);
    if (unusable) this.problem = `has ${unusable.problem} on line ${unusable.line}`;
    else this.matcher = ignore().add(read.text);
  }

  /** Whether the ignore file or the configuration's ignorePatterns exclude a file or (isDirectory) a folder. */
  ignores(file: string, isDirectory = false): boolean {
    if (!this.enabled) return false;
    const rel = relative(this.baseDir, file);
    if (this.matcher && rel && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel)) {
      if (this.matcher.ignores(rel.split(sep).join('/') + (isDirectory ? '/' : ''))) return true;
    }
    return this.resolver.isIgnored(file, isDirectory);
  }
}

interface Walk {
  /** Whether a file found in a folder is a candidate draft (by its extension, or the glob it must match). */
  accept: (path: string) => boolean;
  matcher: IgnoreMatcher;
  out: string[];
  /**
   * Real paths of the files taken (with where they are in `out` and whether they were reached through a link) and
   * of the folders searched: a file or folder reached twice is taken once, by its own name rather than a link's.
   */
  files: Map<string, { index: number; link: boolean }>;
  dirs: Set<string>;
  skipped: Partial<Record<SkipReason, number>>;
  /** Real paths of the files skipped, so that a file found twice is counted once. */
  skippedFiles: Set<string>;
  warnings: string[];
  cwd: string;
  /** The real path of the folder named on the command line: linked folders are followed only inside it. */
  root: string;
  /** Drafts found so far, including those found twice (linted once). */
  matched: number;
  /** How many folders deep to search below the starting folder (a glob without "**" needs no more). */
  maxDepth: number;
  /** Folders searched so far, how many may be (DiscoveryBudget), and whether one was left out for it. */
  folders: number;
  maxFolders: number;
  stopped: boolean;
}

function skip(walk: Walk, reason: SkipReason | undefined, path: string, detail?: string): void {
  const key = realPath(path) ?? path;
  if (reason && !walk.skippedFiles.has(key)) {
    walk.skippedFiles.add(key);
    walk.skipped[reason] = (walk.skipped[reason] ?? 0) + 1;
  }
  const warning = detail && `${shown(walk.cwd, path)}: skipped: ${detail}`;
  if (warning && !walk.warnings.includes(warning)) walk.warnings.push(warning);
}

/** A path as messages show it: relative where it can be, its control characters (line breaks too) escaped. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return escapeControl(rel && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel) ? rel : path);
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Decides on one candidate draft (a regular file or a link to one); `stat` follows links. */
function consider(walk: Walk, path: string, stat: Stats, real = realPath(path) ?? path): void {
  if (!stat.isFile()) return skip(walk, 'not a regular file', path, `is ${describeKind(stat)}, not a regular file`);
  // On names alone, the core's draft decision refuses only README-like files here.
  if (!decideDraft({ fileName: path, settings: FOUND }).handled) return skip(walk, 'README-like', path);
  if (WORD_LOCK_FILE.test(basename(path))) return skip(walk, 'Word lock file', path);
  if (walk.matcher.ignores(path)) return skip(walk, 'ignored', path);
  walk.matched++;
  const link = isLink(path);
  const taken = walk.files.get(real);
  if (taken) {
    // The same file by another path: linted once, under its own name if a link was found first.
    if (taken.link && !link) {
      walk.out[taken.index] = path;
      taken.link = false;
    }
    return;
  }
  walk.files.set(real, { index: walk.out.length, link });
  walk.out.push(path);
}

/** Folders deeper than this below the one named are not searched (with a warning): no draft lives there. */
export const MAX_FOLDER_DEPTH = 100;

/** A folder being searched: its entries, the next one to look at, and its real path. */
interface Frame {
  dir: string;
  real: string;
  entries: Dirent[];
  next: number;
  /** Folders between it and the folder named. */
  depth: number;
}

/**
 * Searches a folder. Linked drafts are followed wherever they point (the reader refuses non-regular targets);
 * linked folders only when they stay inside the folder named on the command line and do not lead back to a
 * folder being searched, so that no link can make the search endless or leave the tree. Depth first, in name
 * order, with a stack of its own (a tree thousands of folders deep must not overflow the call stack), and each
 * folder's real path built from its parent's unless it is a link (resolving every level again made deep trees
 * cost the square of their depth).
 */
function walkDir(walk: Walk, start: string): void {
  const stack: Frame[] = [];
  const enter = (dir: string, real: string, depth: number): void => {
    const loop = stack.find((f) => isInside(real, f.real));
    if (loop !== undefined) return skip(walk, undefined, dir, `a symbolic link loop (back to ${shown(walk.cwd, loop.real)}), not followed`);
    if (!isInside(walk.root, real)) return skip(walk, undefined, dir, `a symbolic link to a folder outside ${shown(walk.cwd, walk.root)}, not followed`);
    if (walk.dirs.has(real)) return; // the same folder through another link: already searched
    if (walk.folders >= walk.maxFolders) {
      walk.stopped = true;
      return;
    }
    walk.folders++;
    walk.dirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    stack.push({ dir, real, entries, next: 0, depth });
  };
  enter(start, realPath(start) ?? start, 0);
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const entry = frame.entries[frame.next++];
    const path = join(frame.dir, entry.name);
    const candidate = walk.accept(path);
    // A name that is not UTF-8 is listed with U+FFFD in place of its bytes, a path that does not exist: say so
    // rather than pass over the file (Node reads paths as UTF-8 text).
    if (candidate && entry.name.includes('\uFFFD') && !exists(path)) {
      skip(walk, 'with a name not in UTF-8', path, 'its name is not valid UTF-8 (rename it to lint it)');
      continue;
    }
    let stat: Stats | undefined;
    if (entry.isSymbolicLink()) {
      try {
        stat = statSync(path);
      } catch (error) {
        const loop = (error as NodeJS.ErrnoException).code === 'ELOOP';
        if (candidate) skip(walk, loop ? 'symbolic link loop' : 'broken symbolic link', path, describeFsError(error, path));
        continue;
      }
    }
    const real = () => (entry.isSymbolicLink() ? realPath(path) ?? path : join(frame.real, entry.name));
    const isDirectory = stat ? stat.isDirectory() : entry.isDirectory();
    if (isDirectory) {
      if (ALWAYS_SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
      if (frame.depth >= walk.maxDepth || walk.matcher.ignores(path, true)) continue;
      if (frame.depth >= MAX_FOLDER_DEPTH) {
        skip(walk, undefined, path, `more than ${MAX_FOLDER_DEPTH} folders deep, not searched`);
        continue;
      }
      enter(path, real(), frame.depth + 1);
      continue;
    }
    if (!candidate) continue;
    if (!stat) {
      try {
        stat = lstatSync(path);
      } catch {
        continue; // gone since the listing
      }
    }
    consider(walk, path, stat, real());
  }
}

const GLOB_CHARS = /[*?[\]{}]/;

/** "2 files skipped: 1 README-like, 1 not a regular file", or undefined when nothing was skipped. */
export function describeSkipped(skipped: Discovery['skipped']): string | undefined {
  const parts = SKIP_REASONS.map((reason) => [reason, skipped[reason] ?? 0] as [SkipReason, number]).filter(([, n]) => n > 0);
  if (!parts.length) return undefined;
  const total = parts.reduce((n, [, count]) => n + count, 0);
  const label = (reason: SkipReason, count: number) => (count > 1 && (reason.endsWith('link') || reason.endsWith('loop') || reason === 'Word lock file') ? `${reason}s` : reason);
  return `${total} file${total === 1 ? '' : 's'} skipped: ${parts.map(([reason, count]) => `${count} ${label(reason, count)}`).join(', ')}`;
}

export function discoverFiles(patterns: string[], cwd: string, extensions: string[], matcher: IgnoreMatcher, budget?: DiscoveryBudget): Discovery {
  const files: string[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const byExtension = (path: string) => extensions.includes(extname(path).toLowerCase());
  const walk: Walk = { accept: byExtension, matcher, out: files, files: new Map(), dirs: new Set(), skipped: {}, skippedFiles: new Set(), warnings, cwd, root: cwd, matched: 0, maxDepth: Infinity, folders: 0, maxFolders: budget?.maxFolders ?? Infinity, stopped: false };
  /** Searches `dir` for files that `accept` takes; whether it found any (even ones already found). */
  const search = (dir: string, accept: (path: string) => boolean, maxDepth = Infinity): boolean => {
    const before = walk.matched;
    walk.accept = accept;
    walk.maxDepth = maxDepth;
    walk.root = realPath(dir) ?? dir;
    walk.dirs = new Set();
    walkDir(walk, dir);
    return walk.matched > before;
  };
  for (const pattern of patterns) {
    const absolute = resolve(cwd, pattern);
    let stat: Stats | undefined;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      if (!search(absolute, byExtension)) errors.push(`no files to lint in ${escapeControl(pattern)} (looked for ${extensions.join(', ')})`);
      continue;
    }
    let named = !!stat;
    if (!stat) {
      // A broken or looping link named on the command line: the reader reports it, like any unreadable file.
      try {
        lstatSync(absolute);
        named = true;
      } catch {
        named = false;
      }
    }
    if (named) {
      // Named files are linted (or refused by the reader, with the reason: a FIFO, a device) unless ignored.
      if (matcher.ignores(absolute)) warnings.push(`${escapeControl(pattern)}: file ignored by an ignore pattern (use --no-ignore to lint it)`);
      else if (!files.includes(absolute)) {
        const real = realPath(absolute) ?? absolute;
        if (!walk.files.has(real)) walk.files.set(real, { index: files.length, link: false });
        files.push(absolute);
      }
      continue;
    }
    if (GLOB_CHARS.test(pattern)) {
      // Globs are searched like folders (the same link rules), from the folder before the first wildcard.
      const glob = pattern.split(sep).join('/');
      const scan = picomatch.scan(glob);
      const base = resolve(cwd, scan.base || '.');
      const matches = picomatch(glob, { dot: false });
      const anchored = isAbsolute(pattern);
      const accept = (path: string) => matches((anchored ? path : relative(cwd, path)).split(sep).join('/'));
      const segments = scan.glob.split('/');
      const maxDepth = scan.isBrace || segments.some((s) => s.includes('**')) ? Infinity : segments.length - 1;
      let found = false;
      try {
        found = statSync(base).isDirectory() && search(base, accept, maxDepth);
      } catch {
        found = false;
      }
      if (!found) errors.push(`no files match the pattern ${escapeControl(pattern)}`);
      continue;
    }
    errors.push(`no such file or directory: ${escapeControl(pattern)}`);
  }
  if (!walk.stopped) return { files, errors, warnings, skipped: walk.skipped, foldersSearched: walk.folders };
  warnings.push(`stopped after ${walk.folders.toLocaleString('en-US')} folders: the folders after them were not searched`);
  return { files, errors, warnings, skipped: walk.skipped, foldersSearched: walk.folders, stoppedAtFolderLimit: true };
}
