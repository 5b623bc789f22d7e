/** What every feature of the server is given: the connection, the log, and the server's shared parts. */
import type { Connection } from 'vscode-languageserver/node';
import type { DocumentStore } from './documents';
import type { Log, ServerEnvironment } from './environment';
import type { Linter } from './linter';
import type { SettingsStore } from './settings';

export interface ServerContext {
  connection: Connection;
  log: Log;
  env: ServerEnvironment;
  documents: DocumentStore;
  settings: SettingsStore;
  linter: Linter;
  /**
   * Drafts "Lint all drafts" has read. Its findings for a closed draft are pushed; with pulled diagnostics an
   * opened draft's own would show beside them, so opening clears the pushed ones; closing lints it from disk again,
   * so that it keeps its findings in the Problems panel as it had them before it was opened.
   */
  workspaceLinted: Set<string>;
}

/** Runs a request handler; an error is logged with `what` and answered with `fallback`, never thrown at the client. */
export async function guarded<T>(ctx: ServerContext, what: string, fallback: T, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    ctx.log(`${what} failed: ${(error as Error).stack ?? error}`);
    return fallback;
  }
}
