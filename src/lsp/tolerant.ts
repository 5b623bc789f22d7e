/**
 * Shared by every transport (stdio and node IPC in stdio.ts, postMessage in src/web/server.ts): a message read
 * whole that the connection cannot take is logged and skipped, and the server goes on.
 */
import type { DataCallback, Message } from 'vscode-languageserver/node';
import type { Log } from './environment';

/**
 * The reader's callback with what it throws caught and logged: the connection takes a `$/cancelRequest` as soon as
 * it is read and reads its id without checking, so a malformed one would otherwise end the server (stdio: through
 * the reader's onError; node IPC: as an uncaught exception; postMessage: on the worker's console, where nobody
 * looks).
 */
export function tolerantCallback(callback: DataCallback, log: Log): DataCallback {
  return (message) => {
    try {
      callback(message);
    } catch (error) {
      log(`ignored a ${describeMessage(message)} the connection could not take: ${(error as Error)?.message ?? String(error)}`);
    }
  };
}

/** "$/cancelRequest notification", "textDocument/hover request": what a message was, for the log. */
function describeMessage(message: Message): string {
  const { method, id } = (message ?? {}) as { method?: unknown; id?: unknown };
  if (typeof method !== 'string') return id === undefined ? 'message' : 'response';
  return `${JSON.stringify(method.slice(0, 100))} ${id === undefined ? 'notification' : 'request'}`;
}
