/**
 * Reading draft files safely: binary files, oversized files and broken encodings give a clear message
 * instead of a crash or silently mangled text.
 */
import { readFileSync, statSync } from 'node:fs';

export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export type ReadOutcome =
  | { ok: true; text: string; warnings: string[] }
  | { ok: false; error: string };

/** NUL bytes or a high share of control characters in the first 8 KB mark a binary file. */
export function looksBinary(buffer: Uint8Array): boolean {
  const sample = buffer.subarray(0, 8192);
  if (sample.length === 0) return false;
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) return false; // UTF-16 BOM
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 7 || (byte > 13 && byte < 32 && byte !== 27)) control++;
  }
  return control / sample.length > 0.1;
}

export function decodeText(buffer: Uint8Array): { text: string; warnings: string[] } {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer), warnings: [] };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buffer), warnings: [] };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), warnings: [] };
  } catch {
    const text = new TextDecoder('utf-8').decode(buffer);
    return { text, warnings: ['File is not valid UTF-8: invalid bytes were read as U+FFFD for linting; the file itself is unchanged.'] };
  }
}

export function readDraft(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadOutcome {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, error: 'is a directory' };
    size = stat.size;
  } catch (error) {
    return { ok: false, error: describeFsError(error) };
  }
  if (size > maxBytes) return { ok: false, error: `file is too large to lint (${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${(maxBytes / 1024 / 1024).toFixed(0)} MB, see --max-file-size)` };
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    return { ok: false, error: describeFsError(error) };
  }
  if (looksBinary(buffer)) return { ok: false, error: 'binary file, not linted (drafts must be Markdown or plain text)' };
  const { text, warnings } = decodeText(buffer);
  return { ok: true, text, warnings };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return (error as Error).message;
  }
}
