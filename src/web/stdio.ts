/**
 * The web counterpart of src/lsp/stdio.ts (esbuild.mjs maps it here): a server in a web worker talks over
 * postMessage (src/web/server.ts), never over stdio.
 */
import type { Connection } from 'vscode-languageserver/browser';

export function markShutdownRequested(): void {
  // the worker is ended by its client
}

export function createStdioConnection(): Connection {
  throw new Error('The stdio transport is desktop-only; the web build talks to its client over postMessage.');
}
