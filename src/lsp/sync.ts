/**
 * Keeping up with the client: document sync (each didOpen and didChange checked by the document store before it
 * is applied; a document lost by a refused change hidden until found again, resync.ts), settings and
 * configuration file changes, and pulled diagnostics.
 */
import { DocumentDiagnosticReportKind, type DocumentDiagnosticReport } from 'vscode-languageserver/node';
import { CONFIG_FILE_NAMES } from '../node/config';
import { guarded, type ServerContext } from './context';
import { documentFound, documentLost } from './resync';
import { forgetReading } from './word-readings';
import { pushClosedDraft } from './workspace';
import { uriToPath } from './environment';

export function registerSync(ctx: ServerContext): void {
  const { connection, documents, linter, log } = ctx;

  connection.onDidOpenTextDocument((params) => {
    const opened = documents.didOpen(params);
    if ('problem' in opened) return log(opened.problem);
    // The client pulls an open draft's diagnostics: the ones "Lint all drafts" pushed would show twice.
    if (ctx.env.pullDiagnostics && ctx.workspaceLinted.has(opened.uri)) void connection.sendDiagnostics({ uri: opened.uri, diagnostics: [] });
    linter.opened(opened.uri);
  });
  connection.onDidChangeTextDocument((params) => {
    const wasLost = documents.isLost(params?.textDocument?.uri);
    const changed = documents.didChange(params);
    if (!changed) return;
    if ('problem' in changed) {
      log(changed.problem);
      if (changed.lost) documentLost(ctx, params.textDocument.uri);
      return;
    }
    if (wasLost) return documentFound(ctx, changed.uri, 'a full-text change');
    void ctx.settings.get(changed.uri).then((settings) => {
      if (settings.run === 'onType') linter.schedule(changed.uri);
    });
  });
  connection.onDidSaveTextDocument((params) => {
    const doc = documents.get(params?.textDocument?.uri);
    if (doc) linter.schedule(doc.uri, 0);
  });
  connection.onDidCloseTextDocument((params) => {
    if (typeof params?.textDocument?.uri === 'string') forgetReading(params.textDocument.uri);
    const doc = documents.didClose(params?.textDocument?.uri);
    if (!doc) return;
    linter.closed(doc.uri);
    // A draft the workspace lint has read keeps its findings in the Problems panel once closed, as they are on disk.
    const file = ctx.workspaceLinted.has(doc.uri) ? uriToPath(doc.uri) : undefined;
    const clear = () => void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
    if (file) {
      // A file deleted, or no longer a draft, keeps nothing; one opened again meanwhile is pulled.
      void pushClosedDraft(ctx, file)
        .then((findings) => (findings || documents.get(doc.uri) ? undefined : clear()))
        .catch((error) => log(`after closing ${doc.uri}: ${(error as Error).message}`));
    } else if (!ctx.env.pullDiagnostics) clear();
  });

  connection.onDidChangeConfiguration(() => linter.relintAll());
  connection.onDidChangeWatchedFiles((params) => {
    const relevant = params.changes.some((c) => CONFIG_FILE_NAMES.some((n) => c.uri.endsWith('/' + n)) || c.uri.endsWith('.json') || c.uri.endsWith('.mandatelintignore'));
    if (!relevant) return;
    ctx.env.resolver.clear();
    log('configuration files changed: linting again');
    linter.relintAll();
  });

  const empty: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, items: [] };
  connection.languages.diagnostics.on((params, token) =>
    guarded(ctx, 'diagnostics', empty, async (): Promise<DocumentDiagnosticReport> => {
      const state = await linter.freshState(params.textDocument.uri, token);
      if (!state) return empty;
      const resultId = `${state.generation}:${state.opening}:${state.version}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: state.diagnostics };
    }),
  );
}
