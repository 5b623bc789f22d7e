/**
 * The two Node globals the shared modules touch, at their smallest, injected into the web bundles by esbuild.mjs:
 * `process` (no environment, the root folder as working folder) and `Buffer` (the bounded reader's allocation and
 * concatenation, as plain Uint8Arrays).
 */
export const process = {
  env: {} as Record<string, string | undefined>,
  argv: [] as string[],
  platform: 'browser',
  cwd: (): string => '/',
  memoryUsage: () => ({ heapUsed: 0, heapTotal: 0, rss: 0, external: 0, arrayBuffers: 0 }),
};

export const Buffer = {
  allocUnsafe: (size: number): Uint8Array => new Uint8Array(size),
  alloc: (size: number): Uint8Array => new Uint8Array(size),
  concat(chunks: Uint8Array[], total?: number): Uint8Array {
    const out = new Uint8Array(total ?? chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk.subarray(0, Math.max(0, Math.min(chunk.length, out.length - at))), at);
      at += chunk.length;
    }
    return out;
  },
  isBuffer: (): boolean => false,
};
