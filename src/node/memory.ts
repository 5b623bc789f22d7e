/**
 * Memory hygiene for the long-running language server. Each lint of a long draft leaves megabytes of garbage,
 * some of which is promoted out of the young generation, and V8 lets the old generation grow well past the live
 * data before it collects; while someone types, the server's footprint then climbs for minutes. After a lint,
 * when the old generation has grown by more than a threshold since the last full collection, collect now: a
 * full collection of a heap this size takes a few milliseconds, against a lint of tens. (The server also starts
 * with a larger young generation, SERVER_EXEC_ARGV in src/protocol.ts, so that less is promoted.) A CLI run
 * over a folder instead tunes V8's own heap growth (tuneV8ForFolderRun).
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;
try {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
} catch {
  collect = undefined;
}

// What outlives the young generation: a lint's own garbage dies there, and counting it would force full
// collections that free nothing the scavenger would not. (The heap statistics, not process.memoryUsage(): that
// one also reads the resident set size from the system, which costs most of a millisecond on every call.)
const heapUsed = (): number => {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (!space.space_name.startsWith('new_')) used += space.space_used_size;
  return used;
};

let baseline = heapUsed();

/** Growth of the heap outside the young generation, in bytes, past which a lint is followed by a full collection. */
export const HEAP_GROWTH_LIMIT = 32 * 1024 * 1024;

/**
 * For a run over many drafts (the CLI on a folder), two settings of V8:
 * - Memory: keep the young generation at its starting size instead of letting it grow to tens of megabytes, and
 *   let the old generation grow by half its live size between full collections instead of doubling. Each
 *   draft's analysis is short-lived, so small, frequent scavenges cost little, and V8 then collects at its own
 *   pace: 9 MB of drafts stay near 115 MB, with no forced collection between drafts (those cost a tenth of the run).
 * - Compilation: inline less into each optimized function. The busiest functions (the clause reader, the
 *   analysis) are large; with V8's default budget each optimization of one of them took 100-160 ms on the
 *   compiler thread, and they ran unoptimized, allocating more, until it was done. A smaller budget makes a cold
 *   process reach optimized code sooner: a tenth off a 9 MB folder run, no change on small runs.
 * Only on the V8 versions known to have the flags (Node 20 and 22): an unknown flag would print an error.
 */
export function tuneV8ForFolderRun(): void {
  if (!/^1[12]\./.test(process.versions.v8)) return;
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
    setFlagsFromString('--heap-growing-percent=50');
    setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
  } catch {
    // a V8 without the flags: its defaults stay
  }
}

/** Collects garbage if the old generation grew by more than the limit since the last collection; says whether it did. */
export function releaseMemory(limit = HEAP_GROWTH_LIMIT): boolean {
  if (!collect) return false;
  if (heapUsed() - baseline <= limit) return false;
  collect();
  baseline = heapUsed();
  return true;
}
