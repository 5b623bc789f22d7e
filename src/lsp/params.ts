/**
 * Params checked where they arrive. vscode-languageserver reads some params before any handler of ours runs
 * (initialize's processId and capabilities, every request's workDoneToken), so `null` params answered -32603 with
 * a TypeError's text. A request whose params the server cannot read is answered InvalidParams (-32602) with a
 * fixed message instead, and what was wrong goes to the server's log, never to the client. The lifecycle is
 * checked here too: a request before initialize is answered ServerNotInitialized (-32002), a second initialize
 * and any request after shutdown InvalidRequest (-32600).
 */
import { ErrorCodes, ResponseError, type ConnectionOptions, type Message } from 'vscode-languageserver/node';
import { CLAUSE_REQUEST, COMPARE_REPORT_REQUEST, COVERAGE_REPORT_REQUEST, READ_WORD_REQUEST, WRITE_WORD_COMMENTS_REQUEST } from '../protocol';
import type { ServerContext } from './context';
import { isRecord, kind } from './values';

/** The request an unreadable request becomes (see checkedParams): answered InvalidParams by startServer. */
export const INVALID_PARAMS_METHOD = 'mandateLint/$invalidParams';

export interface InvalidParams {
  method: string;
  problem: string;
}

/** The requests the server answers (the others are answered MethodNotFound by vscode-jsonrpc, whatever their params). */
const CHECKED_REQUESTS = new Set([
  'initialize',
  'workspace/executeCommand',
  'textDocument/hover',
  'textDocument/codeAction',
  'textDocument/completion',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/diagnostic',
  COVERAGE_REPORT_REQUEST,
  CLAUSE_REQUEST,
  COMPARE_REPORT_REQUEST,
  READ_WORD_REQUEST,
  WRITE_WORD_COMMENTS_REQUEST,
]);

/**
 * What is wrong with the params of a request the server handles, for the log, or undefined when it can read them.
 * Only the shape the server and vscode-languageserver rely on is checked: fields a handler treats as optional stay so.
 */
export function paramsProblem(method: string, params: unknown): string | undefined {
  if (!CHECKED_REQUESTS.has(method)) return undefined;
  if (!isRecord(params)) return `params are ${kind(params)}, not an object`;
  if (method === 'initialize') {
    if (!isRecord(params.capabilities)) return `capabilities are ${kind(params.capabilities)}, not an object`;
    for (const name of ['workspace', 'textDocument'] as const) {
      const part = params.capabilities[name];
      if (part !== undefined && part !== null && !isRecord(part)) return `capabilities.${name} is ${kind(part)}, not an object`;
    }
    if (params.initializationOptions != null && !isRecord(params.initializationOptions)) return `initializationOptions are ${kind(params.initializationOptions)}, not an object`;
    if (params.rootUri != null && typeof params.rootUri !== 'string') return `rootUri is ${kind(params.rootUri)}, not a string`;
    const folders = params.workspaceFolders;
    if (folders != null && (!Array.isArray(folders) || !folders.every((f) => isRecord(f) && typeof f.uri === 'string'))) return 'workspaceFolders is not a list of folders with a string uri';
    return undefined;
  }
  if (method.startsWith('textDocument/') && params.textDocument !== undefined && !isRecord(params.textDocument)) return `textDocument is ${kind(params.textDocument)}, not an object`;
  if (method === 'workspace/executeCommand' && typeof params.command !== 'string') return `command is ${kind(params.command)}, not a string`;
  return undefined;
}

/** The request a request out of lifecycle order becomes (see checkedParams): answered with the error the LSP gives. */
export const OUT_OF_ORDER_METHOD = 'mandateLint/$outOfOrder';

/**
 * Where the server is in the LSP lifecycle, as the messages taken so far say (one server per process).
 * vscode-languageserver serves requests before initialize and after shutdown, and initializes again on a second
 * initialize.
 */
let lifecycle: 'new' | 'initialized' | 'shutDown' = 'new';
/** The initialized notification was taken: a repeated one would register the server's listeners again. */
let initializedNotified = false;

/** Why a request cannot be served at this point of the lifecycle, or undefined when it can. */
function outOfOrder(method: string): OutOfOrder['reason'] | undefined {
  if (lifecycle === 'new') return method === 'initialize' ? undefined : 'notInitialized';
  if (lifecycle === 'shutDown') return 'shutDown';
  return method === 'initialize' ? 'initializedAlready' : undefined;
}

export interface OutOfOrder {
  method: string;
  reason: 'notInitialized' | 'initializedAlready' | 'shutDown' | 'notARequest';
}

/**
 * The connection option that checks every message before the connection takes it. A request out of lifecycle
 * order is handed on as OUT_OF_ORDER_METHOD and a request whose params cannot be read as INVALID_PARAMS_METHOD,
 * with the same id, so that each is answered like any other request. Before initialize, notifications other than
 * exit are dropped, as the LSP says, and so is a second initialized.
 */
export const checkedParams: ConnectionOptions = {
  messageStrategy: {
    handleMessage(message: Message, next: (message: Message) => void): void {
      // Not a message at all (null over node IPC or postMessage): vscode-jsonrpc logs and drops it.
      if (message === null || typeof message !== 'object') return next(message);
      const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown };
      if (typeof method !== 'string') {
        // A request whose method is not a string is answered InvalidRequest (vscode-jsonrpc would log it whole
        // and answer nothing); a response to one of the server's own requests goes on; anything else is dropped
        // with a short line (vscode-jsonrpc would log it whole, megabytes and all).
        if (method !== undefined && (typeof id === 'string' || typeof id === 'number')) {
          const refused: OutOfOrder = { method: kind(method), reason: 'notARequest' };
          return next({ jsonrpc: '2.0', id, method: OUT_OF_ORDER_METHOD, params: refused } as Message);
        }
        if ((typeof id === 'string' || typeof id === 'number') && ('result' in message || 'error' in message)) return next(message);
        return logUnreadable(`ignored a message that is neither a request, a notification nor a response to one of the server's (fields: ${Object.keys(message).slice(0, 6).join(', ') || 'none'})`);
      }
      if (id === undefined) {
        if (lifecycle === 'new' && method !== 'exit') return;
        if (method === 'initialized') {
          if (initializedNotified) return;
          initializedNotified = true;
        }
        const problem = notificationProblem(method, params);
        if (problem) return logUnreadable(`${method.slice(0, 100)} ignored: ${problem}`);
        return next(message);
      }
      const reason = outOfOrder(method);
      if (reason) {
        const refused: OutOfOrder = { method, reason };
        return next({ jsonrpc: message.jsonrpc, id, method: OUT_OF_ORDER_METHOD, params: refused } as Message);
      }
      const problem = paramsProblem(method, params);
      if (problem) {
        const invalid: InvalidParams = { method, problem };
        return next({ jsonrpc: message.jsonrpc, id, method: INVALID_PARAMS_METHOD, params: invalid } as Message);
      }
      if (method === 'initialize') lifecycle = 'initialized';
      else if (method === 'shutdown') lifecycle = 'shutDown';
      next(message);
    },
  },
};

/** Notifications the server takes, whose params vscode-languageserver reads before any handler of ours. */
const CHECKED_NOTIFICATIONS = new Set([
  'textDocument/didOpen',
  'textDocument/didChange',
  'textDocument/didClose',
  'textDocument/didSave',
  'workspace/didChangeConfiguration',
  'workspace/didChangeWatchedFiles',
  'workspace/didChangeWorkspaceFolders',
]);

/** What is wrong with the params of a notification the server takes, or undefined when it can read them. */
function notificationProblem(method: string, params: unknown): string | undefined {
  if (!CHECKED_NOTIFICATIONS.has(method)) return undefined;
  if (!isRecord(params)) return `params are ${kind(params)}, not an object`;
  if (method === 'workspace/didChangeWorkspaceFolders' && !isRecord(params.event)) return `event is ${kind(params.event)}, not an object`;
  if (method === 'workspace/didChangeWatchedFiles' && !Array.isArray(params.changes)) return `changes are ${kind(params.changes)}, not a list`;
  return undefined;
}

/** Where checkedParams says what it dropped (the server's log, once startServer has one). */
let logUnreadable: (message: string) => void = () => undefined;

export function logUnreadableMessagesTo(log: (message: string) => void): void {
  logUnreadable = log;
}

/** The fixed answer to a request whose params cannot be read; the details go to the log. */
export function invalidParams(ctx: Pick<ServerContext, 'log'>, method: string, problem: string): ResponseError<void> {
  ctx.log(`${method} refused: ${problem}`);
  return new ResponseError(ErrorCodes.InvalidParams, `Invalid params: ${method} needs the params the protocol gives it (see the Mandate Lint output).`);
}

/** The fixed answers to requests out of lifecycle order, with the codes the LSP gives them. */
const OUT_OF_ORDER_ERRORS: Record<OutOfOrder['reason'], [number, string]> = {
  notInitialized: [ErrorCodes.ServerNotInitialized, 'The server is not initialized: send initialize first.'],
  initializedAlready: [ErrorCodes.InvalidRequest, 'The server is initialized already: initialize is sent once.'],
  shutDown: [ErrorCodes.InvalidRequest, 'The server is shutting down: it answers no requests after shutdown.'],
  notARequest: [ErrorCodes.InvalidRequest, 'Invalid request: its method is not a string.'],
};

/** Answers the requests checkedParams hands on. */
export function registerInvalidParams(ctx: ServerContext): void {
  ctx.connection.onRequest(OUT_OF_ORDER_METHOD, (params: OutOfOrder) => {
    // Only checkedParams sends it a reason; anything else sent under this name is a method the server does not have.
    const reason = params?.reason;
    if (typeof reason !== 'string' || !Object.hasOwn(OUT_OF_ORDER_ERRORS, reason)) return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${OUT_OF_ORDER_METHOD}`);
    const [code, message] = OUT_OF_ORDER_ERRORS[reason];
    return new ResponseError(code, message);
  });
  // Only checkedParams sends it a method of its own list; anything else sent under this name is refused the same way.
  ctx.connection.onRequest(INVALID_PARAMS_METHOD, (params: InvalidParams) => {
    const method = CHECKED_REQUESTS.has(params?.method) ? params.method : INVALID_PARAMS_METHOD;
    return invalidParams(ctx, method, typeof params?.problem === 'string' ? params.problem : 'no params');
  });
}
