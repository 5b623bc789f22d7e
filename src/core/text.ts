/** Offset ↔ line/column conversion over the original text. Lines and columns are 1-based (ESLint style). */
export interface Position {
  line: number;
  column: number;
}

export interface Span {
  start: number;
  end: number;
}

export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line and column of an offset; offsets are clamped into the text. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.lineStarts[low] + 1 };
  }

  /** Offset of a 1-based line and column, clamped into the text. */
  offsetAt(position: Position): number {
    const lineIdx = Math.max(0, Math.min(position.line - 1, this.lineStarts.length - 1));
    const start = this.lineStarts[lineIdx];
    const next = lineIdx + 1 < this.lineStarts.length ? this.lineStarts[lineIdx + 1] : this.text.length;
    return Math.max(start, Math.min(start + position.column - 1, next));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))];
  }

  /** End offset of a 1-based line, excluding its line break. */
  lineEnd(line: number): number {
    const idx = Math.max(0, Math.min(line - 1, this.lineStarts.length - 1));
    let end = idx + 1 < this.lineStarts.length ? this.lineStarts[idx + 1] : this.text.length;
    while (end > this.lineStarts[idx] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }
}

/**
 * A copy of a string that does not keep the text it was cut from alive. V8 represents a slice of 13 or more
 * characters as a view into its parent, so a cache keyed by paragraph slices would hold every version of the
 * whole document. Prepending a character forces a flat copy; the slice then points into that copy.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/** 32-bit FNV-1a, enough to key caches together with the text length. */
export function hashString(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36) + ':' + value.length.toString(36);
}

/**
 * A small LRU map used for the parse and facts caches, bounded by entry count and by an estimate of the bytes
 * its entries hold: one cached 500 KB paragraph weighs as much as thousands of short ones, so a count alone
 * lets memory grow without limit while someone types into a long paragraph.
 */
export class LruCache<K, V> {
  // Insertion order plus a "used since" flag (the clock or second-chance scheme): a hit only sets a flag, where
  // moving the entry to the end would cost a delete and an insert on every lookup of every paragraph.
  private readonly map = new Map<K, { value: V; bytes: number; used: boolean }>();
  private total = 0;
  constructor(
    private readonly capacity: number,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
    private readonly weigh: (key: K, value: V) => number = () => 0,
  ) {}

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: K, value: V): void {
    const old = this.map.get(key);
    if (old) {
      this.map.delete(key);
      this.total -= old.bytes;
    }
    const bytes = this.weigh(key, value);
    // An entry larger than the whole budget is not worth keeping.
    if (bytes > this.maxBytes) return;
    this.map.set(key, { value, bytes, used: false });
    this.total += bytes;
    // Evict from the oldest end; an entry used since it was stored gets a second chance at the newest end.
    let chances = this.map.size;
    while (this.map.size > this.capacity || this.total > this.maxBytes) {
      const oldest = this.map.entries().next();
      if (oldest.done) break;
      const [oldKey, entry] = oldest.value;
      this.map.delete(oldKey);
      if (entry.used && chances-- > 0 && oldKey !== key) {
        entry.used = false;
        this.map.set(oldKey, entry);
        continue;
      }
      this.total -= entry.bytes;
    }
  }

  delete(key: K): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.map.delete(key);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  /** The estimated bytes held. */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * A table of `n` numbers, all `value`, as a plain array: the per-paragraph token tables are short-lived and small,
 * and V8 creates a typed array several times slower than this (with its buffer outside the heap).
 */
export function tokenTable(n: number, value = 0): number[] {
  return new Array<number>(n).fill(value);
}

/**
 * The first of `spans` (sorted by their first token, as a unit's hits of one concept are) that starts at a token in
 * [from, to] and satisfies `holds`: a binary search and a walk over that stretch only, so that reading each hit of
 * a long paragraph against its neighbours stays linear.
 */
export function findStartingIn<T extends { t0: number }>(spans: readonly T[], from: number, to: number, holds: (span: T) => boolean = () => true): T | undefined {
  for (let k = firstIndex(spans.length, (i) => spans[i].t0 >= from); k < spans.length && spans[k].t0 <= to; k++) if (holds(spans[k])) return spans[k];
  return undefined;
}

const longestSpans = new WeakMap<readonly object[], number>();

/**
 * The most tokens any of `spans` covers: how far before a token a span around it may start. Kept per list (a unit's
 * hits of one concept do not change once read).
 */
export function longestSpan(spans: readonly { t0: number; t1: number }[]): number {
  let longest = longestSpans.get(spans);
  if (longest === undefined) {
    longest = 0;
    for (const span of spans) longest = Math.max(longest, span.t1 - span.t0);
    longestSpans.set(spans, longest);
  }
  return longest;
}

/** The first index in [0, length) where a monotone predicate holds, or length. */
export function firstIndex(length: number, holds: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
