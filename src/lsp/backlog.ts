/**
 * How many requests the server holds for a client that does not read its answers (stdio; see stdio.ts): the
 * reader counts requests in, the writer counts answers out once they are handed to the pipe.
 */
import { StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { pieceByPieceJson } from './encoding';

/**
 * Requests read and not yet answered (answers the client has not taken from the pipe included). Past the first
 * limit new requests are answered at once with RequestFailed, so that a client that stops reading its answers
 * cannot make the server hold every one (each can be hundreds of kilobytes); past the second, even those answers
 * go unread, and the server stops reading until the backlog falls back to the first limit. A client that reads
 * its answers never comes near either: VS Code has a handful of requests open at a time.
 */
export const MAX_REQUESTS_IN_FLIGHT = 256;
const STOP_READING_IN_FLIGHT = 4 * MAX_REQUESTS_IN_FLIGHT;

/** Requests read and not answered yet: the reader counts them in, the writer out. */
export class RequestBacklog {
  inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  received(message: Message): void {
    if (isRequest(message)) this.inFlight++;
  }

  answered(message: Message): void {
    const { id, method } = message as { id?: unknown; method?: unknown };
    if (id === undefined || method !== undefined || this.inFlight === 0) return;
    this.inFlight--;
    if (this.inFlight <= MAX_REQUESTS_IN_FLIGHT) for (const resume of this.waiting.splice(0)) resume();
  }

  get refusing(): boolean {
    return this.inFlight > MAX_REQUESTS_IN_FLIGHT;
  }

  get stopReading(): boolean {
    return this.inFlight > STOP_READING_IN_FLIGHT;
  }

  /** Calls `resume` once the backlog has fallen back to the first limit. */
  whenEased(resume: () => void): void {
    this.waiting.push(resume);
  }
}

export function isRequest(message: Message): boolean {
  const { id, method } = message as { id?: unknown; method?: unknown };
  return id !== undefined && id !== null && typeof method === 'string';
}

/** The stdio writer, counting answers out of the backlog once they are handed to the pipe. */
export class BacklogWriter extends StreamMessageWriter {
  constructor(
    output: NodeJS.WritableStream,
    private readonly backlog: RequestBacklog,
  ) {
    super(output, { charset: 'utf-8', contentTypeEncoder: pieceByPieceJson });
  }

  override async write(message: Message): Promise<void> {
    try {
      await super.write(message);
    } finally {
      this.backlog.answered(message);
    }
  }
}
