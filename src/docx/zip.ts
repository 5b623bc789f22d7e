/**
 * The .docx container: a zip package, read and written with fflate (pure JavaScript, no Node or DOM APIs).
 *
 * Reading is bounded before and while anything is inflated:
 * - the central directory is listed first (fflate's unzipSync with a filter that inflates nothing): more than
 *   `maxEntries` entries, declared sizes over `maxTotalBytes`, or a part compressed at a ratio no real document
 *   reaches, and the package is refused without inflating a byte;
 * - the parts are then inflated by fflate's streaming Unzip, fed in small slices, each inflated in slices too, so
 *   that no step can produce more than a few megabytes; a part that inflates to more than its central directory
 *   entry declared (a lying header) or past the total limit stops the read at once.
 * Nothing is executed and nothing is fetched: a package is bytes in, bytes out.
 */
import { Inflate, Unzip, UnzipPassThrough, unzipSync, Zip, ZipDeflate, type ZipInputFile } from 'fflate';
import { DocxError } from './xml';

export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Uncompressed bytes of all entries together (declared, and as inflated). */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio for an entry over 1 MB (deflate cannot exceed about 1,032:1). */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 64 * 1024 * 1024, maxRatio: 400 };

export interface ZipEntryInfo {
  name: string;
  /** 0 stored, 8 deflated. */
  compression: number;
  /** Compressed size, as the central directory declares it. */
  size: number;
  /** Uncompressed size, as the central directory declares it. */
  originalSize: number;
}

export interface ZipEntry extends ZipEntryInfo {
  /** The entry's bytes as stored in the package (compressed for compression 8). */
  raw?: Uint8Array;
  /** The uncompressed bytes, for the entries asked for. */
  data?: Uint8Array;
  crc?: number;
}

const MB = 1024 * 1024;
const FEED = 64 * 1024;
const INFLATE_SLICE = 8 * 1024;

function formatMb(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/** The central directory, checked against the limits; throws DocxError. */
export function listEntries(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (entries.length >= limits.maxEntries) throw new DocxError(`has more than ${limits.maxEntries.toLocaleString('en')} parts in its zip package: refused (a Word document has a few dozen)`);
        entries.push({ name: file.name, compression: file.compression, size: file.size, originalSize: file.originalSize });
        total += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    if (error instanceof DocxError) throw error;
    throw new DocxError('is damaged: its zip package is incomplete or corrupted (was the file cut short, or is it not a .docx?)');
  }
  if (total > limits.maxTotalBytes) throw new DocxError(`would unpack to ${formatMb(total)}, more than the ${formatMb(limits.maxTotalBytes)} limit: refused (zip bomb?)`);
  for (const entry of entries) {
    if (entry.compression !== 0 && entry.compression !== 8) throw new DocxError(`uses a compression method Word does not write (${entry.compression}, in ${entry.name}): refused`);
    if (entry.originalSize > MB && entry.originalSize > entry.size * limits.maxRatio) {
      throw new DocxError(`has a part compressed ${Math.round(entry.originalSize / Math.max(1, entry.size))}:1 (${entry.name}, ${formatMb(entry.originalSize)}), which no real document reaches: refused (zip bomb?)`);
    }
  }
  return entries;
}

/** CRC-32 (the zip checksum) of a part's bytes, for parts copied into a new package as they were stored. */
const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * Reads the package's entries in their stored order. `wanted` names the entries to inflate ('all' for every one);
 * with `keepRaw`, every entry also keeps its stored bytes (for copying it unchanged). Throws DocxError.
 */
export function readEntries(bytes: Uint8Array, listed: ZipEntryInfo[], wanted: Set<string> | 'all', options: { keepRaw?: boolean; limits?: ZipLimits } = {}): ZipEntry[] {
  const limits = options.limits ?? DEFAULT_ZIP_LIMITS;
  const declared = new Map<string, ZipEntryInfo>();
  for (const e of listed) if (!declared.has(e.name)) declared.set(e.name, e);
  const out: ZipEntry[] = [];
  const seen = new Set<string>();
  let inflatedTotal = 0;
  let failure: unknown;

  /** A deflate decoder that inflates in slices and stops past the entry's declared size or the total limit. */
  class BoundedInflate {
    static compression = 8;
    ondata!: (err: Error | null, data: Uint8Array, final: boolean) => void;
    private produced = 0;
    private readonly limit: number;
    private readonly inflate: Inflate;
    private stopped = false;
    constructor(private readonly name: string) {
      this.limit = declared.get(name)?.originalSize ?? 0;
      this.inflate = new Inflate((chunk, final) => {
        this.produced += chunk.length;
        inflatedTotal += chunk.length;
        if (this.produced > this.limit) throw new DocxError(`has a part (${this.name}) that unpacks to more than its zip entry declares: refused (zip bomb?)`);
        if (inflatedTotal > limits.maxTotalBytes) throw new DocxError(`unpacks to more than ${formatMb(limits.maxTotalBytes)}: refused (zip bomb?)`);
        this.ondata(null, chunk, final);
      });
    }
    push(chunk: Uint8Array, final: boolean): void {
      if (this.stopped) return;
      try {
        for (let at = 0; at < chunk.length || (final && at === 0); at += INFLATE_SLICE) {
          const last = at + INFLATE_SLICE >= chunk.length;
          this.inflate.push(chunk.subarray(at, at + INFLATE_SLICE), final && last);
          if (last) break;
        }
      } catch (error) {
        this.stopped = true;
        this.ondata(error instanceof DocxError ? error : new DocxError(`is damaged: ${this.name} cannot be unpacked (${(error as Error).message})`), new Uint8Array(0), true);
      }
    }
  }

  /** Keeps the stored bytes of an entry (compressed or not) and hands them to the real decoder. */
  const rawChunks = new Map<string, Uint8Array[]>();

  const unzip = new Unzip((file) => {
    if (failure) return;
    const info = declared.get(file.name);
    if (!info || seen.has(file.name)) return; // a local entry the central directory does not list, or a duplicate: ignored
    seen.add(file.name);
    const entry: ZipEntry = { ...info };
    out.push(entry);
    const inflate = wanted === 'all' || wanted.has(file.name);
    if (!inflate && !options.keepRaw) return;
    const chunks: Uint8Array[] = [];
    if (options.keepRaw) rawChunks.set(file.name, []);
    let size = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = err;
        return;
      }
      if (inflate && data.length) {
        chunks.push(data);
        size += data.length;
      }
      if (final && inflate) entry.data = concat(chunks, size);
    };
    try {
      file.start();
    } catch (error) {
      failure = error;
    }
  });
  unzip.register(BoundedInflate as never);
  // A pass-through that records the stored bytes as they go by (the decoder of compression 0 is one too).
  const recordRaw = (name: string, chunk: Uint8Array) => rawChunks.get(name)?.push(chunk.slice());
  class RawDeflate {
    static compression = 8;
    ondata!: (err: Error | null, data: Uint8Array, final: boolean) => void;
    private readonly inner: BoundedInflate | undefined;
    constructor(private readonly name: string) {
      this.inner = wanted === 'all' || (wanted as Set<string>).has(name) ? new BoundedInflate(name) : undefined;
      if (this.inner) this.inner.ondata = (err, data, final) => this.ondata(err, data, final);
    }
    push(chunk: Uint8Array, final: boolean): void {
      recordRaw(this.name, chunk);
      if (this.inner) this.inner.push(chunk, final);
      else if (final) this.ondata(null, new Uint8Array(0), true);
    }
  }
  class RawStored {
    static compression = 0;
    ondata!: (err: Error | null, data: Uint8Array, final: boolean) => void;
    constructor(private readonly name: string) {}
    push(chunk: Uint8Array, final: boolean): void {
      recordRaw(this.name, chunk);
      inflatedTotal += chunk.length;
      if (inflatedTotal > limits.maxTotalBytes) {
        this.ondata(new DocxError(`unpacks to more than ${formatMb(limits.maxTotalBytes)}: refused (zip bomb?)`), new Uint8Array(0), true);
        return;
      }
      this.ondata(null, chunk, final);
    }
  }
  if (options.keepRaw) {
    unzip.register(RawDeflate as never);
    unzip.register(RawStored as never);
  } else unzip.register(UnzipPassThrough);

  try {
    for (let at = 0; at < bytes.length && !failure; at += FEED) unzip.push(bytes.subarray(at, at + FEED), at + FEED >= bytes.length);
  } catch (error) {
    failure ??= error;
  }
  if (failure) {
    if (failure instanceof DocxError) throw failure;
    throw new DocxError('is damaged: its zip package is incomplete or corrupted (was the file cut short?)');
  }
  for (const entry of out) {
    const raw = rawChunks.get(entry.name);
    if (raw) entry.raw = concat(raw, raw.reduce((n, c) => n + c.length, 0));
    if ((wanted === 'all' || wanted.has(entry.name)) && !entry.data) entry.data = new Uint8Array(0);
  }
  return out;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** An entry of a package to write: new or changed bytes (deflated anew), or an entry copied as it was stored. */
export type OutEntry = { name: string; data: Uint8Array } | { name: string; copy: ZipEntry };

/** A fixed modification time, so that writing the same package twice gives the same bytes. */
const MTIME = new Date(2020, 0, 1, 0, 0, 0);

/** Writes a zip package with the entries in the order given. Copied entries keep their stored bytes. */
export function writePackage(entries: OutEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else if (chunk) {
      chunks.push(chunk);
      size += chunk.length;
    }
  });
  for (const entry of entries) {
    if ('data' in entry) {
      const file = new ZipDeflate(entry.name, { level: 6 });
      file.mtime = MTIME;
      zip.add(file);
      file.push(entry.data, true);
      continue;
    }
    const { copy } = entry;
    if (!copy.raw || !copy.data) throw new DocxError(`cannot copy ${copy.name}: it was not read`);
    // fflate writes whatever a ZipInputFile hands it: the stored bytes, with the checksum and size of the content.
    const file: ZipInputFile = { filename: entry.name, size: copy.data.length, crc: crc32(copy.data), compression: copy.compression, mtime: MTIME, terminate: () => undefined };
    zip.add(file);
    file.ondata!(null, copy.raw as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  if (failure) throw new DocxError(`could not write the package: ${(failure as Error).message}`);
  return concat(chunks, size);
}
