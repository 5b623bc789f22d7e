/**
 * `--cache`: results of files whose text, configuration and tool have not changed since the last run are
 * reused. An entry is keyed by the file's content hash and by a fingerprint of everything else that decides
 * the result: the resolved configuration (rules, presets, lexicons, libraries), the command-line options and
 * the tool itself (its version and its code). A cache written by another version is ignored and rebuilt; a file
 * at the cache location that is not a mandate-lint cache (a draft, a package.json, a file it cannot read) is
 * left alone, and the run goes on without a cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileResultProblem, type FileResult } from '../core/results';
import { formatBytes, MAX_CACHE_FILE_BYTES, readBounded, readDataText } from './files';

interface Entry {
  content: string;
  settings: string;
  result: FileResult;
}

interface CacheFile {
  tool: string;
  entries: Record<string, Entry>;
}

/** What this tool writes: its identity and the entries (a cache of any version has both). */
function isCacheFile(data: unknown): data is CacheFile {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  const { tool, entries } = data as Partial<CacheFile>;
  return typeof tool === 'string' && !!entries && typeof entries === 'object' && !Array.isArray(entries);
}

export function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** The tool's identity: its version and the code that runs (a rebuilt bundle invalidates the cache). */
export function toolFingerprint(version: string): string {
  // Running from sources (no bundle to hash), the version alone.
  const read = readBounded(__filename, 256 * 1024 * 1024);
  return `${version}:${read.ok ? sha1(read.bytes) : ''}`;
}

export class LintCache {
  private entries: Record<string, Entry> = {};
  private dirty = false;
  hits = 0;
  misses = 0;
  /** Why an existing cache file was not used, if it was not (it is rebuilt). */
  discarded?: string;
  /**
   * Why the cache location cannot be used at all: it is a FIFO, a device, a folder... It is then neither read
   * nor written; the caller reports it and lints without a cache.
   */
  refused?: string;

  constructor(
    private readonly location: string,
    private readonly tool: string,
  ) {
    // The bounded reader: a FIFO or a link to /dev/zero given as --cache-location is refused, not read.
    const read = readDataText(location, MAX_CACHE_FILE_BYTES);
    if (!('text' in read)) {
      if (read.kind === 'not-found') return;
      // Whatever it is, it is not a cache this tool wrote: never replace it.
      this.refused = read.kind === 'not-regular' ? read.error : `${read.error}: it is not a mandate-lint cache, and it is left as it is`;
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(read.text);
    } catch {
      data = undefined;
    }
    if (!isCacheFile(data)) {
      this.refused = 'is not a mandate-lint cache, and it is left as it is (give --cache-location a path of its own)';
      return;
    }
    if (data.tool !== tool) this.discarded = 'the tool changed';
    else this.entries = data.entries;
  }

  get(file: string, content: string, settings: string): FileResult | undefined {
    const entry = this.entries[file];
    if (entry && entry.content === content && entry.settings === settings) {
      // An entry that is not a result as the run wrote it (the file edited by hand) is linted again and replaced.
      if (!fileResultProblem(entry.result)) {
        this.hits++;
        return entry.result;
      }
      delete this.entries[file];
      this.dirty = true;
    }
    this.misses++;
    return undefined;
  }

  set(file: string, content: string, settings: string, result: FileResult): void {
    this.entries[file] = { content, settings, result };
    this.dirty = true;
  }

  /** Drops entries of files that are gone, then writes the cache atomically. */
  save(): string | undefined {
    for (const file of Object.keys(this.entries)) {
      if (!existsSync(file)) {
        delete this.entries[file];
        this.dirty = true;
      }
    }
    if (this.refused) return undefined;
    if (!this.dirty && !this.discarded) return undefined;
    const data = JSON.stringify({ tool: this.tool, entries: this.entries } satisfies CacheFile);
    // A cache the next run would refuse to read is not worth writing.
    if (Buffer.byteLength(data) > MAX_CACHE_FILE_BYTES) return `it would be larger than ${formatBytes(MAX_CACHE_FILE_BYTES)}`;
    try {
      mkdirSync(dirname(this.location), { recursive: true });
      const temporary = `${this.location}.${process.pid}.tmp`;
      writeFileSync(temporary, data);
      renameSync(temporary, this.location);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
