/** A real JSON-RPC client for the bundled server, spawned over stdio. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { SERVER_EXEC_ARGV } from '../../src/protocol';

/** The bundled server; MANDATE_LINT_TEST_SERVER runs the tests against another build (an earlier one, to see a test fail). */
export const SERVER = process.env.MANDATE_LINT_TEST_SERVER ?? join(__dirname, '..', '..', 'dist', 'server.js');

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  diagnostics: PublishDiagnosticsParams[];
  notifications: Array<{ method: string; params: unknown }>;
  settings: Record<string, unknown>;
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
  stderr(): string;
}

export async function startClient(options: { pull?: boolean; refreshSupport?: boolean; workspace?: string; trusted?: boolean; settings?: Record<string, unknown>; initializationOptions?: Record<string, unknown> } = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d.toString()));
  // A request the server sends while it is being stopped gets its answer written to a closed pipe: not an error.
  child.stdin!.on('error', () => undefined);
  // Waiters are woken by each notification from the server (so that a latency measured through waitFor is the
  // server's, not a polling interval's), and every 10 ms for conditions on anything else.
  const wakers = new Set<() => void>();
  const wake = () => {
    for (const w of [...wakers]) w();
  };
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const client: TestClient = {
    connection,
    process: child,
    diagnostics: [],
    notifications: [],
    settings: { enable: true, detect: true, docType: 'auto', rules: {}, run: 'onType', debounce: 50, ...(options.settings ?? {}) },
    async waitFor(predicate, timeoutMs = 5000) {
      const started = Date.now();
      for (;;) {
        const value = predicate();
        if (value) return value as never;
        if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms; server stderr:\n${stderr}`);
        await new Promise<void>((resolve) => {
          const done = () => {
            wakers.delete(done);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(done, 10);
          wakers.add(done);
        });
      }
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown', undefined), new Promise((r) => setTimeout(r, 1000))]);
        // Written while the pipe may already be closing: a failed write is the server being gone, not an error.
        connection.sendNotification('exit').catch(() => undefined);
      } catch {
        // the server may already be gone
      }
      connection.dispose();
      child.kill();
    },
    stderr: () => stderr,
  };
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    client.diagnostics.push(params);
    wake();
  });
  for (const method of ['window/showMessage', 'window/showMessageRequest']) {
    const shown = (params: unknown) => {
      client.notifications.push({ method: 'window/showMessage', params });
      wake();
      return null;
    };
    if (method === 'window/showMessage') connection.onNotification(method, shown);
    else connection.onRequest(method, shown);
  }
  connection.onNotification('mandateLint/status', (params: unknown) => {
    client.notifications.push({ method: 'mandateLint/status', params });
    wake();
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => client.settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: options.workspace ? `file://${options.workspace}` : null,
    workspaceFolders: options.workspace ? [{ uri: `file://${options.workspace}`, name: 'ws' }] : null,
    initializationOptions: { trusted: options.trusted !== false, docsDir: join(__dirname, '..', '..', 'docs'), ...(options.initializationOptions ?? {}) },
    capabilities: {
      // A pull client takes workspace/diagnostic/refresh, as VS Code's does, unless told otherwise.
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, ...(options.pull ? { diagnostics: { refreshSupport: options.refreshSupport !== false } } : {}) },
      textDocument: {
        synchronization: { didSave: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        completion: { completionItem: { snippetSupport: true } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    },
  });
  connection.sendNotification('initialized', {});
  return client;
}

/** Params written as JSON text, for RawServer.request. */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface RawServer {
  /** Sends a request with exactly these params (vscode-jsonrpc's client would turn null into [null]); resolves with the response. */
  request(method: string, params: unknown, timeoutMs?: number): Promise<{ result?: unknown; error?: { code: number; message: string } }>;
  notify(method: string, params: unknown): void;
  /** Sends anything as a message body, as it is. */
  send(message: object): void;
  logs: string[];
  /** Every textDocument/publishDiagnostics the server sent. */
  published: PublishDiagnosticsParams[];
  stop(): void;
}

/**
 * The server over raw frames, with a client that answers every request the server sends with null, and
 * workspace/configuration only when `answerConfiguration` is set.
 */
export function startRaw(options: { answerConfiguration?: boolean; env?: Record<string, string> } = {}): RawServer {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...(options.env ?? {}) } });
  child.stdin.on('error', () => undefined);
  child.stderr.resume();
  const send = (message: object | string) => {
    const body = Buffer.from(typeof message === 'string' ? message : JSON.stringify(message), 'utf8');
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  };
  const waiting = new Map<number, (response: { result?: unknown; error?: { code: number; message: string } }) => void>();
  const logs: string[] = [];
  const published: PublishDiagnosticsParams[] = [];
  let buffer = Buffer.alloc(0);
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString('ascii'))![1]);
      if (buffer.length < end + 4 + length) return;
      const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
      buffer = buffer.subarray(end + 4 + length);
      if (message.method === 'window/logMessage') logs.push(message.params.message);
      if (message.method === 'textDocument/publishDiagnostics') published.push(message.params);
      if (message.method && message.id !== undefined) {
        const result = message.method === 'workspace/configuration' ? (options.answerConfiguration ? message.params.items.map(() => ({ debounce: 0 })) : undefined) : null;
        if (result !== undefined) send({ jsonrpc: '2.0', id: message.id, result });
      } else if (!message.method) waiting.get(message.id)?.(message);
    }
  });
  let nextId = 1;
  return {
    request(method, params, timeoutMs = 8000) {
      const id = nextId++;
      // Params given as JSON text go as they are (a value nested deeper than JSON.stringify goes).
      send(params === undefined ? { jsonrpc: '2.0', id, method } : params instanceof RawJson ? `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)},"params":${params.text}}` : { jsonrpc: '2.0', id, method, params });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to ${method} (${id}) in ${timeoutMs} ms`)), timeoutMs);
        waiting.set(id, (response) => {
          clearTimeout(timer);
          resolve(response);
        });
      });
    },
    notify: (method, params) => send({ jsonrpc: '2.0', method, params }),
    send: (message) => send(message),
    logs,
    published,
    stop: () => child.kill(),
  };
}
