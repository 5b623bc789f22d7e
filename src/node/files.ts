/**
 * Every file mandate-lint reads — drafts, configuration files, lexicons, snippet libraries, ignore files, the
 * cache, team packages' files — goes through `readBounded` here:
 *
 * - only regular files are read. A FIFO, a device, a socket or a directory is refused and named as such, without
 *   reading from it; a symbolic link is followed only when its target is a regular file (a link to /dev/zero is
 *   refused as a character device). The file is opened with O_NONBLOCK, so that opening a FIFO (swapped in
 *   after the check) cannot hang, and the open descriptor is checked again with fstat.
 * - the byte limit is enforced while reading, in chunks: a file that grows, or whose size the file system
 *   reports wrongly, is cut off just past the limit. stat.size is never trusted.
 *
 * Drafts are then decoded (`decodeDraft`): binary files are refused, BOMs and UTF-16 are honoured, broken UTF-8
 * is read with a warning. Standard input goes through the same decoding.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';

/** Drafts: the CLI's --max-file-size default. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Configuration files, lexicons and snippet libraries. */
export const MAX_DATA_FILE_BYTES = 5 * 1024 * 1024;
/** A team package's package.json. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** .mandatelintignore and --ignore-path files. */
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
/** The --cache file (it holds the results of every draft linted). */
export const MAX_CACHE_FILE_BYTES = 64 * 1024 * 1024;

const CHUNK = 64 * 1024;

export type ReadOutcome =
  | { ok: true; text: string; warnings: string[] }
  | { ok: false; error: string };

/** Why a file was not read: the reason is a phrase that follows the file's name ("x.json: is a FIFO ..."). */
export type RefusalKind = 'not-found' | 'not-regular' | 'too-large' | 'error';

export type BytesOutcome = { ok: true; bytes: Buffer } | { ok: false; kind: RefusalKind; error: string };

/** What a file system entry is, in words. */
export function describeKind(stat: Stats): string {
  if (stat.isFile()) return 'a regular file';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

export function formatBytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  // Under a kilobyte, in bytes: "1 KB" for a limit of 100 bytes was not the limit.
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

function linkNote(path: string): string {
  try {
    if (!lstatSync(path).isSymbolicLink()) return '';
    return ` (a symbolic link to ${readlinkSync(path)})`;
  } catch {
    return '';
  }
}

function notRegular(path: string, stat: Stats): BytesOutcome {
  if (stat.isDirectory()) return { ok: false, kind: 'not-regular', error: `is a directory${linkNote(path)}` };
  return { ok: false, kind: 'not-regular', error: `is ${describeKind(stat)}${linkNote(path)}, not a regular file` };
}

/**
 * Reads a regular file of at most `maxBytes` bytes. Never blocks on FIFOs or devices and never holds more than
 * `maxBytes` plus one chunk in memory.
 */
export function readBounded(path: string, maxBytes: number): BytesOutcome {
  let before: Stats;
  try {
    before = statSync(path); // follows symbolic links: the target decides
  } catch (error) {
    return { ok: false, kind: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'error', error: describeFsError(error, path) };
  }
  if (!before.isFile()) return notRegular(path, before);
  let fd: number;
  try {
    // O_NONBLOCK: if the file was swapped for a FIFO since the check, opening it still returns at once.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, kind: 'error', error: describeFsError(error, path) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return notRegular(path, stat);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // Whole chunks (some special files refuse odd read sizes); the limit is checked after each one.
      const chunk = Buffer.allocUnsafe(CHUNK);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) return { ok: false, kind: 'too-large', error: `is larger than ${formatBytes(maxBytes)}` };
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, kind: 'error', error: describeFsError(error, path) };
  } finally {
    try {
      closeSync(fd);
    } catch {
      // nothing to do
    }
  }
}

/**
 * A data file (configuration, lexicon, snippet library, ignore file, cache) as text: bounded, regular files only,
 * BOMs and UTF-16 honoured, binary refused.
 */
export function readDataText(path: string, maxBytes = MAX_DATA_FILE_BYTES): { text: string } | { error: string; kind: RefusalKind | 'binary' } {
  const read = readBounded(path, maxBytes);
  if (!read.ok) return { error: read.error, kind: read.kind };
  if (looksBinary(read.bytes)) return { error: 'is a binary file, not text', kind: 'binary' };
  return { text: decodeText(read.bytes).text };
}

/** The byte order a UTF-16 byte-order mark gives, if the bytes start with one. */
function utf16Order(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'be';
  return undefined;
}

/**
 * NUL bytes or a high share of control characters in the first 8 KB mark a binary file. After a UTF-16 byte-order
 * mark the same is asked of the characters, and unpaired surrogates count too: random bytes that happen to start
 * with FF FE are not text (nor is UTF-32, whose characters read as UTF-16 hold NULs).
 */
export function looksBinary(buffer: Uint8Array): boolean {
  const sample = buffer.subarray(0, 8192);
  if (sample.length === 0) return false;
  const order = utf16Order(sample);
  if (order) return utf16LooksBinary(sample, order);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (isBinaryControl(byte)) control++;
  }
  return control / sample.length > 0.1;
}

/** A control character that text does not hold (tab, line breaks, form feed and ESC aside). */
function isBinaryControl(code: number): boolean {
  return code < 7 || (code > 13 && code < 32 && code !== 27);
}

function utf16LooksBinary(sample: Uint8Array, order: 'le' | 'be'): boolean {
  const unitAt = (i: number) => (order === 'le' ? sample[i] | (sample[i + 1] << 8) : (sample[i] << 8) | sample[i + 1]);
  let units = 0;
  let control = 0;
  let unpaired = 0;
  for (let i = 2; i + 1 < sample.length; i += 2) {
    const unit = unitAt(i);
    units++;
    if (unit === 0) return true;
    if (isBinaryControl(unit)) control++;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      // A high surrogate needs a low one next (unless the sample ends here).
      if (i + 3 >= sample.length) break;
      const next = unitAt(i + 2);
      if (next >= 0xdc00 && next <= 0xdfff) i += 2;
      else unpaired++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) unpaired++;
  }
  return units > 0 && (control / units > 0.1 || unpaired / units > 0.01);
}

/** Text in UTF-16 saved without its byte-order mark: NULs in most even bytes or most odd bytes, not in the others. */
export function looksLikeUtf16WithoutBom(buffer: Uint8Array): boolean {
  const sample = buffer.subarray(0, 8192);
  if (sample.length < 8 || utf16Order(sample)) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) even++;
    if (sample[i + 1] === 0) odd++;
  }
  const pairs = sample.length >> 1;
  return (even / pairs > 0.3 && odd / pairs < 0.05) || (odd / pairs > 0.3 && even / pairs < 0.05);
}

export function decodeText(buffer: Uint8Array): { text: string; warnings: string[] } {
  const order = utf16Order(buffer);
  if (order) {
    const encoding = order === 'le' ? 'utf-16le' : 'utf-16be';
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(buffer), warnings: [] };
    } catch {
      return { text: new TextDecoder(encoding).decode(buffer), warnings: ['File is not valid UTF-16: unpaired surrogates or an odd last byte were read as U+FFFD for linting; the file itself is unchanged.'] };
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), warnings: [] };
  } catch {
    const text = new TextDecoder('utf-8').decode(buffer);
    return { text, warnings: ['File is not valid UTF-8: invalid bytes were read as U+FFFD for linting; the file itself is unchanged.'] };
  }
}

export const BINARY_DRAFT = 'binary file (drafts must be Markdown or plain text)';

/** Why a draft in UTF-16 without a byte-order mark is not read (it would look binary). */
export const UTF16_WITHOUT_BOM = 'UTF-16 text without a byte-order mark (save it as UTF-8, or as UTF-16 with a byte-order mark)';

/**
 * The most bytes read as one text: V8's strings hold at most 2^29 - 24 characters, and a UTF-8 byte gives at most
 * one character (a raised --max-file-size must not end the run with "Cannot create a string longer than ...").
 */
export const MAX_TEXT_BYTES = 500 * 1024 * 1024;

/** The bytes of a draft (from a file or standard input) as text, or why they cannot be linted. */
export function decodeDraft(bytes: Uint8Array, maxTextBytes = MAX_TEXT_BYTES): ReadOutcome {
  if (bytes.length > maxTextBytes) return { ok: false, error: `file is too large to read as one text (more than ${formatBytes(maxTextBytes)})` };
  if (looksBinary(bytes)) return { ok: false, error: looksLikeUtf16WithoutBom(bytes) ? UTF16_WITHOUT_BOM : BINARY_DRAFT };
  const { text, warnings } = decodeText(bytes);
  return { ok: true, text, warnings };
}

export function tooLargeDraft(maxBytes: number): string {
  return `file is too large to lint (more than ${formatBytes(maxBytes)}; see --max-file-size)`;
}

/** Reads a draft's bytes within the draft limit; the error reads after "Not linted: ". */
export function readDraftBytes(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): { ok: true; bytes: Buffer } | { ok: false; error: string } {
  const read = readBounded(path, maxBytes);
  if (read.ok) return read;
  return { ok: false, error: read.kind === 'too-large' ? tooLargeDraft(maxBytes) : read.error };
}

export function readDraft(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadOutcome {
  const read = readDraftBytes(path, maxBytes);
  return read.ok ? decodeDraft(read.bytes) : read;
}

export function describeFsError(error: unknown, path?: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return path && linkNote(path) ? `is a broken symbolic link${linkNote(path)}` : 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'is a symbolic link loop';
    case 'ENXIO':
      return 'is a socket or a device with nothing behind it, not a regular file';
    case 'EAGAIN':
      return 'would block (not a regular file)';
    default:
      return (error as Error).message;
  }
}

/**
 * Whether two paths name the same file: the same path, or (both existing) the same device and inode, so that a
 * symbolic or hard link to a draft counts as the draft.
 */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino && x.ino !== 0;
  } catch {
    return false;
  }
}

/**
 * File names and messages for people: C0 and C1 control characters (ESC included) and DEL become visible
 * escapes, so that a file named "\u001b[31m.md" cannot drive the terminal.
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0');
  });
}
