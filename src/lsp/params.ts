/**
 * Params checked where they arrive. vscode-languageserver reads some params before any handler of ours runs
 * (initialize's processId and capabilities, every request's workDoneToken), so `null` params answered -32603 with
 * a TypeError's text. A request whose params the server cannot read is answered InvalidParams (-32602) with a
 * fixed message instead, and what was wrong goes to the server's log, never to the client.
 */
import { ErrorCodes, ResponseError, type ConnectionOptions, type Message } from 'vscode-languageserver/node';
import { CLAUSE_REQUEST, COMPARE_REPORT_REQUEST, COVERAGE_REPORT_REQUEST, READ_WORD_REQUEST, WRITE_WORD_COMMENTS_REQUEST } from '../protocol';
import type { ServerContext } from './context';

/** The request an unreadable request becomes (see checkedParams): answered InvalidParams by startServer. */
export const INVALID_PARAMS_METHOD = 'mandateLint/$invalidParams';

export interface InvalidParams {
  method: string;
  problem: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A short description of a value for the log ("null", "a number", "an array"). */
function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `${/^[aeiou]/.test(typeof value) ? 'an' : 'a'} ${typeof value}`;
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

/**
 * The connection option that checks a request's params before anything reads them: an unreadable request is
 * handed on as INVALID_PARAMS_METHOD, with the same id, so that it is answered like any other request.
 */
export const checkedParams: ConnectionOptions = {
  messageStrategy: {
    handleMessage(message: Message, next: (message: Message) => void): void {
      const { id, method, params } = message as { id?: unknown; method?: unknown; params?: unknown };
      const problem = id !== undefined && typeof method === 'string' ? paramsProblem(method, params) : undefined;
      if (!problem) return next(message);
      const invalid: InvalidParams = { method: method as string, problem };
      next({ jsonrpc: message.jsonrpc, id, method: INVALID_PARAMS_METHOD, params: invalid } as Message);
    },
  },
};

/** The fixed answer to a request whose params cannot be read; the details go to the log. */
export function invalidParams(ctx: Pick<ServerContext, 'log'>, method: string, problem: string): ResponseError<void> {
  ctx.log(`${method} refused: ${problem}`);
  return new ResponseError(ErrorCodes.InvalidParams, `Invalid params: ${method} needs the params the protocol gives it (see the Mandate Lint output).`);
}

/** Answers the requests checkedParams hands on. */
export function registerInvalidParams(ctx: ServerContext): void {
  // Only checkedParams sends it a method of its own list; anything else sent under this name is refused the same way.
  ctx.connection.onRequest(INVALID_PARAMS_METHOD, (params: InvalidParams) => {
    const method = CHECKED_REQUESTS.has(params?.method) ? params.method : INVALID_PARAMS_METHOD;
    return invalidParams(ctx, method, typeof params?.problem === 'string' ? params.problem : 'no params');
  });
}
