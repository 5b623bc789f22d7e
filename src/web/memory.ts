/**
 * The web counterpart of src/node/memory.ts (esbuild.mjs maps it here): a browser or a web worker has no way to
 * ask for a garbage collection, and the page's host manages its memory itself.
 */
export const HEAP_GROWTH_LIMIT = 32 * 1024 * 1024;

export function tuneV8ForFolderRun(_draftBytes?: number): void {}

export function releaseMemory(_limit?: number): boolean {
  return false;
}
