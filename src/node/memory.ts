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

/** The young generation of a folder run (both halves): 16 MB, where a 9 MB run is fastest for its memory. */
export const FOLDER_RUN_YOUNG_GENERATION = 16 * 1024 * 1024;
/** Drafts that add up to less are linted before a larger young generation would pay for growing it (about 20 ms). */
export const FOLDER_RUN_GROWTH_BYTES = 1024 * 1024;
/** Inline less into each optimized function, so that a cold process reaches optimized code sooner (see below). */
const SMALLER_INLINING_BUDGET = '--max-inlined-bytecode-size-cumulative=200';

const youngGeneration = (): number => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

/**
 * For a run over many drafts (the CLI on a folder), two settings of V8:
 * - Memory: a young generation of FOLDER_RUN_YOUNG_GENERATION (for FOLDER_RUN_GROWTH_BYTES of drafts or more,
 *   else the starting 4 MB), then no further growth (V8 would go to 32 MB and more), and an old generation grown
 *   by half its live size between full collections instead of doubled. A process cannot set the size of its
 *   young generation once it runs, so it is grown here first, by keeping objects alive over a few scavenges
 *   (about 20 ms), and then held. On the 9 MB seed corpus: 2.15 s and 122 MB of RSS, against 2.55 s and 104 MB
 *   when held at its starting 4 MB, and 2.2 s and 148 MB at 32 MB.
 * - Compilation: inline less into each optimized function. The busiest functions (the clause reader, the
 *   analysis) are large; with V8's default budget each optimization of one of them took 100-160 ms on the
 *   compiler thread, and they ran unoptimized, allocating more, until it was done. A smaller budget makes a cold
 *   process reach optimized code sooner: a tenth off a 9 MB folder run, no change on small runs.
 * Only on the V8 versions known to have the flags (Node 20 and 22): an unknown flag would print an error.
 */
export function tuneV8ForFolderRun(draftBytes = Infinity): void {
  if (!/^1[12]\./.test(process.versions.v8)) return;
  if (draftBytes >= FOLDER_RUN_GROWTH_BYTES) growYoungGeneration(FOLDER_RUN_YOUNG_GENERATION);
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
    setFlagsFromString('--heap-growing-percent=50');
    setFlagsFromString(SMALLER_INLINING_BUDGET);
  } catch {
    // a V8 without the flags: its defaults stay
  }
}

/**
 * Lets V8 grow the young generation to `bytes`: it doubles it when most of what it holds survives a scavenge,
 * so small objects are kept alive until it has. Bounded (a V8 that grows it otherwise spends at most about
 * 50 ms here), and everything kept is let go at the end.
 */
function growYoungGeneration(bytes: number): void {
  let kept: Array<{ step: number; index: number }> = [];
  for (let step = 0; step < 400 && youngGeneration() < bytes; step++) {
    for (let index = 0; index < 1000; index++) kept.push({ step, index });
    if (kept.length > 400_000) kept = [];
  }
  kept = [];
}

/** Collects garbage if the old generation grew by more than the limit since the last collection; says whether it did. */
export function releaseMemory(limit = HEAP_GROWTH_LIMIT): boolean {
  if (!collect) return false;
  if (heapUsed() - baseline <= limit) return false;
  collect();
  baseline = heapUsed();
  return true;
}

/**
 * For the language server: the smaller inlining budget of a folder run (see tuneV8ForFolderRun). Right after a
 * long draft is opened, the functions a keystroke runs once per lint (the model, the analysis, the rules) are
 * not optimized yet, and each of them took long on the compiler thread, which shares two cores with the lint:
 * the first keystrokes took twice as long as the later ones.
 */
export function tuneV8ForServer(): void {
  if (!/^1[12]\./.test(process.versions.v8)) return;
  try {
    setFlagsFromString(SMALLER_INLINING_BUDGET);
  } catch {
    // a V8 without the flag: its default stays
  }
}
