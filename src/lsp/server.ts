/**
 * The Mandate Lint language server: a thin adapter between the LSP and the core. This module wires it: the
 * connection, the capabilities, and one module per feature.
 *
 * - documents.ts, changes.ts: the open documents; every didOpen and didChange is checked before it is applied
 *   (checkChange), and a refused change loses the document until the server has its whole text again (resync.ts)
 * - sync.ts: document sync, settings and configuration file changes, pulled diagnostics
 * - linter.ts: debounced lints of open documents (the core's draft decision first), never published stale
 * - diagnostics.ts, hover.ts, code-actions.ts, completion.ts, outline.ts, report.ts, renewal.ts, renewal-report.ts, workspace.ts, word.ts: the features
 * - settings.ts, environment.ts: the `mandateLint.*` settings; what the client and workspace are
 * - stdio.ts, frame-guard.ts: over stdio, a stream the server can no longer read ends it with one line on stderr
 * - tolerant.ts: over every transport (stdio, node IPC, a web worker's postMessage), a message the connection
 *   cannot take is logged and skipped
 * - backlog.ts: over stdio, a client that leaves its answers unread gets its new requests refused, then unread
 * - params.ts: a request whose params cannot be read is answered InvalidParams before anything reads them, and
 *   requests out of the lifecycle's order (before initialize, after shutdown) are refused (src/web/server.ts
 *   gives the web worker's connection the same checks)
 *
 * Custom requests and notifications are declared in src/protocol.ts, shared with the VS Code client.
 */
import { tuneV8ForServer } from '../node/memory';
import { CodeActionKind, createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import pkg from '../../package.json';
import { FIX_ALL_KIND, LINT_WORKSPACE_COMMAND, SETTINGS_SECTION } from '../protocol';
import { registerCodeActions } from './code-actions';
import { registerCompletion } from './completion';
import type { ServerContext } from './context';
import { DocumentStore } from './documents';
import { createLog, ServerEnvironment } from './environment';
import { registerHover } from './hover';
import { Linter } from './linter';
import { registerOutline } from './outline';
import { checkedParams, logUnreadableMessagesTo, registerInvalidParams } from './params';
import { registerCoverageReport } from './report';
import { registerWordDrafts } from './word';
import { registerRenewalReport } from './renewal-report';
import { SettingsStore } from './settings';
import { createIpcConnection, createStdioConnection, markShutdownRequested } from './stdio';
import { registerSync } from './sync';
import { registerWorkspaceLint, watchWorkspaceFolders } from './workspace';

export function startServer(connection: Connection): void {
  const env = new ServerEnvironment();
  const log = createLog(connection);
  const documents = new DocumentStore();
  const settings = new SettingsStore(connection, () => env.configurationRequests, log);
  const linter = new Linter(connection, env, documents, settings, log);
  const ctx: ServerContext = { connection, log, env, documents, settings, linter, workspaceLinted: new Set() };

  connection.onInitialize((params): InitializeResult => {
    env.initialize(params);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: [], resolveProvider: false },
        documentSymbolProvider: { label: 'Mandate Lint' },
        foldingRangeProvider: true,
        executeCommandProvider: { commands: [LINT_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(env.pullDiagnostics ? { diagnosticProvider: { identifier: 'mandate-lint', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'mandate-lint', version: pkg.version },
    };
  });

  connection.onInitialized(() => {
    if (env.configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(() => undefined);
    if (env.workspaceFolderEvents) watchWorkspaceFolders(ctx);
    log(`ready (${env.pullDiagnostics ? 'pull' : 'push'} diagnostics, ${env.trusted ? 'trusted' : 'untrusted'} workspace)`);
  });

  registerInvalidParams(ctx);
  logUnreadableMessagesTo(log);
  registerSync(ctx);
  registerHover(ctx);
  registerCodeActions(ctx);
  registerCompletion(ctx);
  registerOutline(ctx);
  registerCoverageReport(ctx);
  registerRenewalReport(ctx);
  registerWorkspaceLint(ctx);
  registerWordDrafts(ctx);

  connection.onShutdown(() => markShutdownRequested());
  connection.listen();
}

// Started as a program (stdio or node IPC, as the client chooses), not when imported by tests.
if (require.main === module) {
  tuneV8ForServer();
  const argv = process.argv;
  const connection = argv.includes('--stdio') ? createStdioConnection() : argv.includes('--node-ipc') ? createIpcConnection() : createConnection(ProposedFeatures.all, checkedParams);
  startServer(connection);
  // A failed promise that nothing handles is a bug to log, not a reason to end the server (Node would exit).
  process.on('unhandledRejection', (reason) => connection.console.error(`[mandate-lint] a promise failed and nothing handled it: ${String((reason as Error)?.stack ?? reason).slice(0, 2000)}`));
}
