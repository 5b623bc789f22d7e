/**
 * `--cache`: results of files whose text, configuration and tool have not changed since the last run are
 * reused. An entry is keyed by the file's content hash and by a fingerprint of everything else that decides
 * the result: the resolved configuration (rules, presets, lexicons, libraries), the command-line options and
 * the tool itself (its version and its code). A cache that cannot be read is ignored and rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileResult } from '../core/results';

interface Entry {
  content: string;
  settings: string;
  result: FileResult;
}

interface CacheFile {
  tool: string;
  entries: Record<string, Entry>;
}

export function sha1(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/** The tool's identity: its version and the code that runs (a rebuilt bundle invalidates the cache). */
export function toolFingerprint(version: string): string {
  let code = '';
  try {
    code = sha1(readFileSync(__filename));
  } catch {
    // running from sources: the version alone
  }
  return `${version}:${code}`;
}

export class LintCache {
  private entries: Record<string, Entry> = {};
  private dirty = false;
  hits = 0;
  misses = 0;
  /** Why an existing cache file was not used, if it was not. */
  discarded?: string;

  constructor(
    private readonly location: string,
    private readonly tool: string,
  ) {
    if (!existsSync(location)) return;
    try {
      const data = JSON.parse(readFileSync(location, 'utf8')) as CacheFile;
      if (data.tool !== tool) this.discarded = 'the tool changed';
      else if (data.entries && typeof data.entries === 'object') this.entries = data.entries;
    } catch (error) {
      this.discarded = `it could not be read (${(error as Error).message})`;
    }
  }

  get(file: string, content: string, settings: string): FileResult | undefined {
    const entry = this.entries[file];
    if (entry && entry.content === content && entry.settings === settings) {
      this.hits++;
      return entry.result;
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
    if (!this.dirty && !this.discarded) return undefined;
    try {
      mkdirSync(dirname(this.location), { recursive: true });
      const temporary = `${this.location}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ tool: this.tool, entries: this.entries } satisfies CacheFile));
      renameSync(temporary, this.location);
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
