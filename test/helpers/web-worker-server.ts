/**
 * The web build's language server (dist/web/server.js, built for a browser's web worker) run in a Node worker
 * thread, with a `self` that carries postMessage as a browser worker's does. What the tests send goes to the
 * server as it is, so that malformed messages reach it as a client's postMessage would deliver them.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

export const WEB_SERVER = process.env.MANDATE_LINT_TEST_WEB_SERVER ?? join(__dirname, '..', '..', 'dist', 'web', 'server.js');

export interface WebServerMessage {
  id?: number;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
  params?: { message?: string };
}

export interface WebWorkerServer {
  received: WebServerMessage[];
  /** Errors the worker threw that nothing caught (a server in a browser tab would be dead after one). */
  uncaught: Error[];
  post(message: unknown): void;
  request(id: number, method: string, params: unknown): Promise<WebServerMessage>;
  logs(): string[];
  stop(): Promise<void>;
}

const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const listeners = [];
globalThis.self = {
  postMessage: (message) => parentPort.postMessage(message),
  addEventListener: (type, listener) => { if (type === 'message') listeners.push(listener); },
  removeEventListener() {},
  set onmessage(listener) { listeners.push(listener); },
};
parentPort.on('message', (data) => { for (const listener of listeners) listener({ data }); });
require(workerData.server);
`;

export function startWebWorkerServer(): WebWorkerServer {
  const worker = new Worker(BOOT, { eval: true, workerData: { server: WEB_SERVER }, stderr: true });
  const received: WebServerMessage[] = [];
  const uncaught: Error[] = [];
  worker.on('message', (m: WebServerMessage) => received.push(m));
  worker.on('error', (e) => uncaught.push(e));
  const waitFor = async <T>(found: () => T | undefined, what: string): Promise<T> => {
    const deadline = Date.now() + 10000;
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (uncaught.length) throw new Error(`the web worker server died waiting for ${what}: ${uncaught[0].message}`);
      if (Date.now() > deadline) throw new Error(`no ${what} from the web worker server`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    received,
    uncaught,
    post: (message) => worker.postMessage(message),
    request(id, method, params) {
      worker.postMessage({ jsonrpc: '2.0', id, method, params });
      return waitFor(() => received.find((m) => m.id === id && m.method === undefined), `answer to request ${id} (${method})`);
    },
    logs: () => received.filter((m) => m.method === 'window/logMessage').map((m) => m.params?.message ?? ''),
    async stop() {
      await worker.terminate();
    },
  };
}
