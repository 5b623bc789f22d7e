/**
 * Memory hygiene for the long-running language server. Each lint of a long draft leaves tens of megabytes of
 * short-lived garbage, and V8 lets the heap grow well past the live data before it collects; while someone
 * types, the server's footprint then climbs for minutes. After a lint, when the heap has grown by more than a
 * threshold since the last full collection, collect now: a full collection of a heap this size takes a few
 * milliseconds, against a lint of tens.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;
try {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
} catch {
  collect = undefined;
}

// (The heap statistics, not process.memoryUsage(): that one also reads the resident set size from the system,
// which costs most of a millisecond on every call.)
const heapUsed = (): number => getHeapStatistics().used_heap_size;

let baseline = heapUsed();

/** Growth of the heap, in bytes, past which a lint is followed by a full collection. */
export const HEAP_GROWTH_LIMIT = 32 * 1024 * 1024;

/**
 * The same for a run over a folder, between drafts: lower, because nothing is waiting for the answer and each
 * draft's analysis is garbage once its findings are out (keeps a run over 9 MB of drafts under 150 MB).
 */
export const BETWEEN_DRAFTS_HEAP_GROWTH_LIMIT = 24 * 1024 * 1024;

/** Collects garbage if the heap grew by more than the limit since the last collection; says whether it did. */
export function releaseMemory(limit = HEAP_GROWTH_LIMIT): boolean {
  if (!collect) return false;
  if (heapUsed() - baseline <= limit) return false;
  collect();
  baseline = heapUsed();
  return true;
}
