/**
 * A document the server lost (it refused a change the editor had applied, documents.ts) is hidden until the server
 * has its whole text again: its findings are withdrawn, and the client is asked for the text (DOCUMENT_TEXT_REQUEST)
 * when it can answer. A client that cannot gets a warning that says how to get the findings back.
 */
import type { MessageActionItem } from 'vscode-languageserver/node';
import { DOCUMENT_TEXT_REQUEST, type DocumentTextParams } from '../protocol';
import type { ServerContext } from './context';
import { refreshDiagnostics } from './environment';

/** Answers older than a change already held back are asked for again, this many times in all. */
const MAX_ASKS = 3;

export function documentLost(ctx: ServerContext, uri: string): void {
  ctx.linter.closed(uri);
  if (ctx.env.pullDiagnostics) refreshDiagnostics(ctx.connection, ctx.env);
  else void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  if (ctx.env.resendsDocuments) void askForText(ctx, uri, 1);
  else warn(ctx, uri);
}

/** The server has the editor's text of a lost document again: lint it as if just opened. */
export function documentFound(ctx: ServerContext, uri: string, how: string): void {
  ctx.log(`${uri}: the server has the editor's text again (${how}); checking it again`);
  ctx.linter.opened(uri);
}

async function askForText(ctx: ServerContext, uri: string, attempt: number): Promise<void> {
  let answer: unknown;
  try {
    answer = await ctx.connection.sendRequest(DOCUMENT_TEXT_REQUEST, { uri } satisfies DocumentTextParams);
  } catch (error) {
    ctx.log(`${uri}: the client did not resend the text (${String((error as Error)?.message ?? error).slice(0, 300)})`);
    return warn(ctx, uri);
  }
  // Reopened, or found by a full-text change, while the question was out.
  if (!ctx.documents.isLost(uri)) return;
  const found = ctx.documents.resent(uri, answer);
  if (found === 'behind') return attempt < MAX_ASKS ? askForText(ctx, uri, attempt + 1) : warn(ctx, uri);
  if (found) return documentFound(ctx, uri, `resent by the client at version ${found.version}`);
  // Not open in the editor any more: its didClose is on the way.
  if (answer === null) return;
  ctx.log(`${uri}: the client's answer has no text and version`);
  warn(ctx, uri);
}

function warn(ctx: ServerContext, uri: string): void {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  let shown = name;
  try {
    shown = decodeURIComponent(name);
  } catch {
    // a name that is not valid percent-encoding is shown as it is
  }
  // A request (window/showMessageRequest): a client that answers it with an error must not leave a rejection unhandled.
  const text = `Mandate Lint lost track of the edits to ${shown.slice(0, 200)} and hid its findings: close and reopen it to check it again.`;
  void ctx.connection.window.showWarningMessage<MessageActionItem>(text).catch(() => undefined);
}
