/// <reference lib="dom" />
/**
 * The language server in a web worker (VS Code for the Web: vscode.dev, github.dev, code-server's web worker
 * extension host). The same server as on the desktop (src/lsp/server.ts) over the browser transport; esbuild.mjs
 * builds it with the web seams (see WEB_SEAMS there): files come from the memory file system (fs.ts), which this
 * entry fills with the workspace's configuration, lexicons and snippet libraries that the web client read through
 * vscode.workspace.fs and passed in the initialization options. Nothing here reaches a disk or the network.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures, type DataCallback, type Disposable } from 'vscode-languageserver/browser';
import type { Connection } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';
import { checkedParams } from '../lsp/params';
import { isRecord } from '../lsp/values';
import { createLog, setUriToPath, type Log } from '../lsp/environment';
import { tolerantCallback } from '../lsp/tolerant';
import type { InitializationOptions } from '../protocol';
import { clearMemoryFiles, writeMemoryFile } from './fs';
import { webUriToPath } from './uris';

const scope = self as unknown as Worker;

/** A message the connection cannot take is logged in the Mandate Lint output and skipped, as on the desktop. */
class TolerantBrowserReader extends BrowserMessageReader {
  log: Log = () => undefined;

  override listen(callback: DataCallback): Disposable {
    return super.listen(tolerantCallback(callback, (message) => this.log(message)));
  }
}

const reader = new TolerantBrowserReader(scope);
// With the desktop server's checks (params.ts): requests out of the lifecycle's order and unreadable params are refused.
const connection = createConnection(ProposedFeatures.all, reader, new BrowserMessageWriter(scope), checkedParams);
reader.log = createLog(connection as unknown as Connection);

setUriToPath(webUriToPath);

// The workspace's files arrive with initialize, before the server's own handler builds its configuration resolver.
const onInitialize = connection.onInitialize.bind(connection);
connection.onInitialize = (handler) =>
  onInitialize((params, token, progress) => {
    clearMemoryFiles();
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    // Whatever the client sent: a list of { uri, text } (anything else is left out, as the desktop ignores it).
    const files: unknown = options.workspaceFiles;
    for (const file of Array.isArray(files) ? files : []) {
      const { uri, text } = (isRecord(file) ? file : {}) as { uri?: unknown; text?: unknown };
      const path = typeof uri === 'string' ? webUriToPath(uri) : undefined;
      if (path && typeof text === 'string') writeMemoryFile(path, text);
    }
    return handler(params, token, progress);
  });

startServer(connection as unknown as Connection);
