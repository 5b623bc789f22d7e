/**
 * The stdio transport with its framing checked: a stream the server can no longer read (FrameGuard) ends the
 * process with one line on stderr, so that the client restarts it instead of waiting on it for ever. Over stdio
 * and node IPC alike, a message read whole that the connection cannot take is logged and skipped.
 */
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import { createConnection, IPCMessageReader, IPCMessageWriter, LSPErrorCodes, ProposedFeatures, StreamMessageReader, type Connection, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';
import { createLog, type Log } from './environment';
import { FrameGuard } from './frame-guard';
import { BacklogWriter, isRequest, MAX_REQUESTS_IN_FLIGHT, RequestBacklog } from './backlog';
import { checkedParams } from './params';
import { tolerantCallback } from './tolerant';

let shutdownRequested = false;

/** After a shutdown request, the end of stdin is a normal exit (0) rather than a lost client (1). */
export function markShutdownRequested(): void {
  shutdownRequested = true;
}

/**
 * Ends the process on a stream the server cannot read any more: one line on stderr (and in the log file), and a
 * non-zero exit, so that the client sees the server die and restarts it instead of waiting on it for ever.
 */
function exitOnBrokenStream(reason: string): never {
  const line = `[mandate-lint] fatal: cannot read the protocol stream: ${reason}. Exiting so that the client restarts the server.`;
  try {
    process.stderr.write(line + '\n');
  } catch {
    // nothing left to tell
  }
  const logFile = process.env.MANDATE_LINT_SERVER_LOG;
  if (logFile) {
    try {
      appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
    } catch {
      // the exit matters more
    }
  }
  process.exit(2);
}

/** Where the readers log until the connection's log exists. */
const logToStderr: Log = (message) => process.stderr.write(`[mandate-lint] ${message}\n`);

/**
 * The stdio transport with its framing checked: a FrameGuard sees every chunk before vscode-jsonrpc's reader does,
 * the reader's own errors (a body that is not JSON, an unknown charset) are fatal too, and a message left half
 * sent with nothing more arriving for `stallMs` (MANDATE_LINT_STALL_MS, 20 s by default) ends the server as well.
 * An error thrown while the connection takes a message read whole (a `$/cancelRequest` with no usable id, which
 * vscode-jsonrpc reads as it arrives) is that message's fault, not the stream's: it is logged and reading goes on.
 */
class GuardedStdinReader extends StreamMessageReader {
  /** Where a message the connection could not take is logged (set once the connection exists). */
  log: Log = logToStderr;

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly stallMs: number,
    /** Requests read and not answered: while there are too many, no more are read. */
    private readonly backlog?: RequestBacklog,
    /** Answers a request at once with RequestFailed (the backlog is full). */
    private readonly refuse?: (message: Message) => void,
  ) {
    super(input);
    this.partialMessageTimeout = 0; // the guard's own stall timer replaces the reader's notice
  }

  override listen(callback: DataCallback): Disposable {
    const guard = new FrameGuard();
    let lastData = Date.now();
    // One stall check at a time: armed while a message is partly read, until it completes or the check fires.
    let armed = false;
    // Not reading while the client leaves its answers unread (see holdWhileBacklogged).
    let backlogged = false;
    const idle = () => Date.now() - lastData;
    const checkStall = () => {
      if (!guard.partial) {
        armed = false;
        return;
      }
      // The rest of the message waits in the pipe because the server stopped reading, not because it was never sent.
      if (backlogged) {
        setTimeout(checkStall, this.stallMs);
        return;
      }
      if (idle() < this.stallMs) {
        setTimeout(checkStall, this.stallMs - idle());
        return;
      }
      // Timers run before pending input is read: after a long lint the rest may be waiting in the pipe. Look once
      // more after the next poll for input (setImmediate runs after it) before giving up.
      setImmediate(() => {
        if (guard.partial && idle() >= this.stallMs) exitOnBrokenStream(`nothing more arrived for ${(idle() / 1000).toFixed(1)} s while waiting for ${guard.waitingFor}`);
        checkStall();
      });
    };
    // A client that stops reading its answers must not make the server hold them all: past the backlog limit,
    // stop reading requests until the answers drain (the client's own writes then wait, as a pipe makes them).
    const holdWhileBacklogged = () => {
      const backlog = this.backlog;
      if (backlogged || !backlog?.stopReading) return;
      backlogged = true;
      this.input.pause();
      backlog.whenEased(() => {
        backlogged = false;
        lastData = Date.now(); // the time spent waiting for the client is not a stall of its messages
        this.input.resume();
      });
    };
    // Attached before the reader's own listener, so a broken chunk never reaches it.
    this.input.on('data', (chunk: Buffer | string) => {
      lastData = Date.now();
      const problem = guard.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      if (problem) exitOnBrokenStream(problem);
      if (guard.partial && !armed && this.stallMs > 0) {
        armed = true;
        setTimeout(checkStall, this.stallMs);
      }
    });
    this.onError((error) => exitOnBrokenStream((error as Error)?.message ?? String(error)));
    // vscode-jsonrpc sends what the callback throws to onError, as if the stream were broken: catch it first.
    const tolerant = tolerantCallback(callback, (message) => this.log(message));
    return super.listen((message) => {
      const refused = !!this.backlog?.refusing && isRequest(message);
      this.backlog?.received(message);
      if (refused && this.refuse) this.refuse(message);
      else tolerant(message);
      holdWhileBacklogged();
    });
  }
}

/** Node IPC (how the VS Code client starts the server), with the same tolerance as stdio for malformed messages. */
class TolerantIpcReader extends IPCMessageReader {
  log: Log = logToStderr;

  override listen(callback: DataCallback): Disposable {
    return super.listen(tolerantCallback(callback, (message) => this.log(message)));
  }
}

export function createIpcConnection(): Connection {
  const reader = new TolerantIpcReader(process);
  const connection = createConnection(ProposedFeatures.all, reader, new IPCMessageWriter(process), checkedParams);
  reader.log = createLog(connection);
  return connection;
}

export function createStdioConnection(): Connection {
  const stallMs = Number(process.env.MANDATE_LINT_STALL_MS);
  const backlog = new RequestBacklog();
  const writer = new BacklogWriter(process.stdout, backlog);
  let toldRefusing = false;
  const refuse = (message: Message) => {
    if (!toldRefusing) reader.log(`more than ${MAX_REQUESTS_IN_FLIGHT} requests are waiting for their answers (is the client reading them?): new requests are refused until they are read`);
    toldRefusing = true;
    const { id } = message as unknown as { id: number | string };
    void writer.write({ jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestFailed, message: `The server has ${backlog.inFlight - 1} requests waiting for their answers: try again once they are read.` } } as Message).catch(() => undefined);
  };
  const reader = new GuardedStdinReader(process.stdin, Number.isFinite(stallMs) && stallMs >= 0 ? stallMs : 20000, backlog, refuse);
  const connection = createConnection(ProposedFeatures.all, reader, writer, checkedParams);
  reader.log = createLog(connection);
  // What createConnection does for `--stdio` when it gets the streams itself: stdout carries the protocol, so
  // console output goes to the client's log, and the end of stdin ends the server.
  const toClient = (send: (message: string) => void) => (...args: unknown[]) => send(format(...args));
  console.log = toClient((m) => connection.console.log(m));
  console.info = toClient((m) => connection.console.info(m));
  console.warn = toClient((m) => connection.console.warn(m));
  console.error = toClient((m) => connection.console.error(m));
  console.debug = toClient((m) => connection.console.log(m));
  const end = () => process.exit(shutdownRequested ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  return connection;
}
