/**
 * The file system of the web build: read-only files held in memory, under the subset of node:fs's API that the
 * configuration resolver, the bounded reader and the draft discovery use (esbuild.mjs maps `node:fs` here for
 * the browser bundles). The web client fills it with the workspace's configuration files, lexicons and snippet
 * libraries, read through vscode.workspace.fs; the review page with the files the reviewer loads. Paths are
 * POSIX. Nothing here reaches a disk or the network: a file that was not given does not exist.
 */

const files = new Map<string, Uint8Array>();
const dirs = new Set<string>(['/']);

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of String(path).split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

/** Puts a file (text or bytes) at an absolute POSIX path, with its folders. */
export function writeMemoryFile(path: string, content: string | Uint8Array): void {
  const full = normalize(path);
  files.set(full, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  for (let dir = parentOf(full); ; dir = parentOf(dir)) {
    dirs.add(dir);
    if (dir === '/') break;
  }
}

/** Forgets every file (the workspace's configuration is given again in full). */
export function clearMemoryFiles(): void {
  files.clear();
  dirs.clear();
  dirs.add('/');
}

export function memoryFilePaths(): string[] {
  return [...files.keys()];
}

function fsError(code: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EBADF' | 'EROFS', syscall: string, path: string): Error {
  const messages = { ENOENT: 'no such file or directory', EISDIR: 'illegal operation on a directory', ENOTDIR: 'not a directory', EBADF: 'bad file descriptor', EROFS: 'read-only file system' };
  return Object.assign(new Error(`${code}: ${messages[code]}, ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}

/** What node:fs says about an entry's kind: only files and folders exist in memory. */
abstract class EntryKind {
  protected abstract readonly kind: 'file' | 'dir';
  isFile(): boolean {
    return this.kind === 'file';
  }
  isDirectory(): boolean {
    return this.kind === 'dir';
  }
  isSymbolicLink(): boolean {
    return false;
  }
  isFIFO(): boolean {
    return false;
  }
  isSocket(): boolean {
    return false;
  }
  isCharacterDevice(): boolean {
    return false;
  }
  isBlockDevice(): boolean {
    return false;
  }
}

export class Stats extends EntryKind {
  constructor(
    protected readonly kind: 'file' | 'dir',
    readonly size: number,
  ) {
    super();
  }
  readonly mtimeMs = 0;
  readonly mtime = new Date(0);
  readonly ino = 0;
  readonly dev = 0;
  readonly mode = 0;
}

export class Dirent extends EntryKind {
  protected readonly kind: 'file' | 'dir';
  constructor(
    readonly name: string,
    stats: Stats,
    readonly parentPath: string,
  ) {
    super();
    this.kind = stats.isFile() ? 'file' : 'dir';
  }
  get path(): string {
    return this.parentPath;
  }
}

function stat(path: string, syscall: string): Stats {
  const full = normalize(path);
  const file = files.get(full);
  if (file) return new Stats('file', file.length);
  if (dirs.has(full)) return new Stats('dir', 0);
  throw fsError('ENOENT', syscall, path);
}

export function statSync(path: string): Stats {
  return stat(path, 'stat');
}

export function lstatSync(path: string): Stats {
  return stat(path, 'lstat');
}

export function existsSync(path: string): boolean {
  const full = normalize(path);
  return files.has(full) || dirs.has(full);
}

export function realpathSync(path: string): string {
  stat(path, 'realpath');
  return normalize(path);
}

export function readlinkSync(path: string): string {
  throw Object.assign(new Error(`EINVAL: invalid argument, readlink '${path}'`), { code: 'EINVAL' });
}

export function readdirSync(path: string, options?: { withFileTypes?: boolean }): Array<string | Dirent> {
  const full = normalize(path);
  if (files.has(full)) throw fsError('ENOTDIR', 'scandir', path);
  if (!dirs.has(full)) throw fsError('ENOENT', 'scandir', path);
  const prefix = full === '/' ? '/' : full + '/';
  const names = new Set<string>();
  for (const p of [...files.keys(), ...dirs]) if (p.startsWith(prefix) && p.length > prefix.length) names.add(p.slice(prefix.length).split('/')[0]);
  const sorted = [...names].sort();
  return options?.withFileTypes ? sorted.map((name) => new Dirent(name, stat(prefix + name, 'scandir'), full)) : sorted;
}

export function readFileSync(path: string, encoding?: string | { encoding?: string }): string | Uint8Array {
  const full = normalize(path);
  const bytes = files.get(full);
  if (!bytes) throw fsError(dirs.has(full) ? 'EISDIR' : 'ENOENT', 'open', path);
  const enc = typeof encoding === 'string' ? encoding : encoding?.encoding;
  return enc ? new TextDecoder().decode(bytes) : bytes.slice();
}

// Descriptors for the bounded reader (open, fstat, read in chunks, close).
const open = new Map<number, { bytes: Uint8Array; position: number }>();
let nextFd = 3;

export const constants = { O_RDONLY: 0, O_NONBLOCK: 0 };

export function openSync(path: string): number {
  const full = normalize(path);
  const bytes = files.get(full);
  if (!bytes) throw fsError(dirs.has(full) ? 'EISDIR' : 'ENOENT', 'open', path);
  const fd = nextFd++;
  open.set(fd, { bytes, position: 0 });
  return fd;
}

export function fstatSync(fd: number): Stats {
  const entry = open.get(fd);
  if (!entry) throw fsError('EBADF', 'fstat', String(fd));
  return new Stats('file', entry.bytes.length);
}

export function readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
  const entry = open.get(fd);
  if (!entry) throw fsError('EBADF', 'read', String(fd));
  const from = position ?? entry.position;
  const chunk = entry.bytes.subarray(from, Math.min(entry.bytes.length, from + length));
  buffer.set(chunk, offset);
  if (position === null || position === undefined) entry.position = from + chunk.length;
  return chunk.length;
}

export function closeSync(fd: number): void {
  open.delete(fd);
}

/** Logging to a file is a desktop feature: on the web there is no file to append to. */
export function appendFileSync(): void {
  // nothing to do
}

export function writeFileSync(path: string): void {
  throw fsError('EROFS', 'open', path);
}

export function mkdirSync(path: string): void {
  throw fsError('EROFS', 'mkdir', path);
}

export function renameSync(path: string): void {
  throw fsError('EROFS', 'rename', path);
}
