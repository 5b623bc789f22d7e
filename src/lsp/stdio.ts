/**
 * The stdio transport with its framing checked: a stream the server can no longer read (FrameGuard) ends the
 * process with one line on stderr, so that the client restarts it instead of waiting on it for ever. Over stdio
 * and node IPC alike, a message read whole that the connection cannot take is logged and skipped.
 */
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';
import { createLog, type Log } from './environment';
import { FrameGuard } from './frame-guard';
import { checkedParams } from './params';

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

/**
 * The stdio transport with its framing checked: a FrameGuard sees every chunk before vscode-jsonrpc's reader does,
 * the reader's own errors (a body that is not JSON, an unknown charset) are fatal too, and a message left half
 * sent with nothing more arriving for `stallMs` (MANDATE_LINT_STALL_MS, 20 s by default) ends the server as well.
 * An error thrown while the connection takes a message read whole (a `$/cancelRequest` with no usable id, which
 * vscode-jsonrpc reads as it arrives) is that message's fault, not the stream's: it is logged and reading goes on.
 */
class GuardedStdinReader extends StreamMessageReader {
  /** Where a message the connection could not take is logged (set once the connection exists). */
  log: Log = (message) => process.stderr.write(`[mandate-lint] ${message}\n`);

  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly stallMs: number,
  ) {
    super(input);
    this.partialMessageTimeout = 0; // the guard's own stall timer replaces the reader's notice
  }

  override listen(callback: DataCallback): Disposable {
    const guard = new FrameGuard();
    let lastData = Date.now();
    // One stall check at a time: armed while a message is partly read, until it completes or the check fires.
    let armed = false;
    const idle = () => Date.now() - lastData;
    const checkStall = () => {
      if (!guard.partial) {
        armed = false;
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
    return super.listen(tolerantCallback(callback, (message) => this.log(message)));
  }
}

/**
 * The reader's callback with what it throws caught and logged: the connection takes a `$/cancelRequest` as soon as
 * it is read and reads its id without checking, so a malformed one would otherwise end the server (stdio: through
 * the reader's onError; node IPC: as an uncaught exception).
 */
export function tolerantCallback(callback: DataCallback, log: Log): DataCallback {
  return (message) => {
    try {
      callback(message);
    } catch (error) {
      log(`ignored a ${describeMessage(message)} the connection could not take: ${(error as Error)?.message ?? String(error)}`);
    }
  };
}

/** Node IPC (how the VS Code client starts the server), with the same tolerance as stdio for malformed messages. */
class TolerantIpcReader extends IPCMessageReader {
  log: Log = (message) => process.stderr.write(`[mandate-lint] ${message}\n`);

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

/** "$/cancelRequest notification", "textDocument/hover request": what a message was, for the log. */
function describeMessage(message: Message): string {
  const { method, id } = message as { method?: unknown; id?: unknown };
  if (typeof method !== 'string') return id === undefined ? 'message' : 'response';
  return `${JSON.stringify(method.slice(0, 100))} ${id === undefined ? 'notification' : 'request'}`;
}

export function createStdioConnection(): Connection {
  const stallMs = Number(process.env.MANDATE_LINT_STALL_MS);
  const reader = new GuardedStdinReader(process.stdin, Number.isFinite(stallMs) && stallMs >= 0 ? stallMs : 20000);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout), checkedParams);
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
