/**
 * What the server knows of its client and workspace (set at initialize, folders kept up to date), the log, and
 * the path helpers every feature uses.
 */
import { appendFileSync, existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiagnosticRefreshRequest, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import { ConfigResolver } from '../node/config';
import type { InitializationOptions } from '../protocol';

export type Log = (message: string) => void;

/**
 * The server log, in the client's output channel; MANDATE_LINT_SERVER_LOG=<file> also appends it to a file (for
 * end-to-end runs, where the output channel is out of reach).
 */
export function createLog(connection: Connection): Log {
  const logFile = process.env.MANDATE_LINT_SERVER_LOG;
  return (message: string) => {
    connection.console.log(`[mandate-lint] ${message}`);
    if (logFile) {
      try {
        appendFileSync(logFile, `${new Date().toISOString()} ${message}\n`);
      } catch {
        // logging must never break the server
      }
    }
  };
}

export class ServerEnvironment {
  /** Configuration files, lexicons and libraries; replaced at initialize with the workspace's trust. */
  resolver = new ConfigResolver();
  trusted = true;
  /** The client pulls diagnostics (textDocument/diagnostic) rather than waiting for them to be pushed. */
  pullDiagnostics = false;
  /** The client takes workspace/diagnostic/refresh (asks again for every document's diagnostics). */
  diagnosticRefresh = false;
  /** The client answers workspace/configuration: settings come from it, else the defaults apply. */
  configurationRequests = false;
  /** The client sends workspace folder changes (vscode-languageserver refuses a listener otherwise). */
  workspaceFolderEvents = false;
  /** The extension's docs folder, when it exists: rule links open there. */
  docsDir: string | undefined;
  /** The client's command that shows a rule's page (VS Code: a read-only preview), if it has one. */
  docsCommand: string | undefined;
  /** The client resends a document's text when asked (DOCUMENT_TEXT_REQUEST). */
  resendsDocuments = false;
  /** Workspace folders on this disk (a virtual workspace has none). */
  workspaceFolders: string[] = [];

  initialize(params: InitializeParams): void {
    const capabilities = params.capabilities;
    this.pullDiagnostics = !!capabilities.textDocument?.diagnostic;
    this.diagnosticRefresh = this.pullDiagnostics && capabilities.workspace?.diagnostics?.refreshSupport === true;
    this.configurationRequests = !!capabilities.workspace?.configuration;
    this.workspaceFolderEvents = !!capabilities.workspace?.workspaceFolders;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    this.trusted = options.trusted !== false;
    this.resendsDocuments = options.resendsDocuments === true;
    this.docsDir = options.docsDir && existsSync(options.docsDir) ? options.docsDir : undefined;
    this.docsCommand = typeof options.ruleDocsCommand === 'string' && /^[\w.-]{1,100}$/.test(options.ruleDocsCommand) ? options.ruleDocsCommand : undefined;
    this.resolver = new ConfigResolver(undefined, true, { trusted: this.trusted });
    this.workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!this.workspaceFolders.length && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) this.workspaceFolders.push(root);
    }
  }

  changeFolders(added: readonly { uri: string }[], removed: readonly { uri: string }[]): void {
    for (const folder of removed) this.workspaceFolders = this.workspaceFolders.filter((f) => f !== uriToPath(folder.uri));
    for (const folder of added) {
      const path = uriToPath(folder.uri);
      if (path) this.workspaceFolders.push(path);
    }
  }
}

let toPath = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

/**
 * The web worker server (src/web/server.ts) gives documents of virtual workspaces a path in its memory file
 * system, so that their folder's configuration applies to them.
 */
export function setUriToPath(mapping: (uri: string) => string | undefined): void {
  toPath = mapping;
}

/** The path of a file: URI on this disk, or undefined (untitled documents, virtual file systems). */
export function uriToPath(uri: string): string | undefined {
  try {
    return toPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * The workspace folder that holds a file: the deepest folder the path lies inside, compared with the platform's
 * own path rules (`\\` separators, drive letters and case on Windows), or undefined. `paths` is for tests.
 */
export function workspaceFolderOf(path: string | undefined, folders: readonly string[], paths: Pick<typeof nodePath, 'relative' | 'isAbsolute' | 'sep'> = nodePath): string | undefined {
  if (!path) return undefined;
  let best: string | undefined;
  for (const folder of folders) {
    const rel = paths.relative(folder, path);
    // Outside the folder: "..", "../x", or (another drive on Windows) an absolute path. "..x" is a name inside it.
    if (rel === '..' || rel.startsWith('..' + paths.sep) || paths.isAbsolute(rel)) continue;
    // Nested workspace folders: the innermost one holds the file.
    if (best === undefined || folder.length > best.length) best = folder;
  }
  return best;
}

/**
 * Asks a pull client to ask again for every document's diagnostics, when it said it takes the request; a client
 * that answers with an error is no reason to stop (the promise's rejection is handled here).
 */
export function refreshDiagnostics(connection: Connection, env: ServerEnvironment): void {
  if (!env.diagnosticRefresh) return;
  connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
}
