/**
 * Watches the bytes of the base protocol (`Content-Length: n\r\n\r\n` and n bytes of body) as they arrive, and
 * says what is wrong as soon as they cannot be a message: a header with a byte that is not printable ASCII, a
 * bare line feed, a line that is not `Name: value`, no or a non-numeric Content-Length, a header longer than
 * 8 KB, a body that does not start like JSON. vscode-jsonrpc's reader reports some of these and then carries
 * on with the stream out of step, so the server would never answer again; others it waits on for ever. Used by
 * the stdio transport (stdio.ts) before vscode-jsonrpc reads a byte.
 */
export class FrameGuard {
  static readonly MAX_HEADER = 8192;
  static readonly MAX_CONTENT_LENGTH = 1 << 30;
  private header = '';
  private contentLength: number | undefined;
  private bodyLeft = -1;
  private bodyStarted = false;
  private failed: string | undefined;

  /** Whether part of a message has arrived and the rest has not. */
  get partial(): boolean {
    return this.bodyLeft >= 0 || this.header.length > 0;
  }

  /** What the bytes waited for are, for the log. */
  get waitingFor(): string {
    return this.bodyLeft >= 0 ? `the last ${this.bodyLeft} bytes of a ${this.contentLength}-byte message` : `the end of a header (${JSON.stringify(this.header.slice(0, 60))})`;
  }

  /** Takes the next bytes; returns the first framing error, if any (and the same error for every later call). */
  push(chunk: Uint8Array): string | undefined {
    let i = 0;
    while (i < chunk.length && !this.failed) {
      if (this.bodyLeft >= 0) {
        if (!this.bodyStarted) {
          // Skip whitespace, then JSON-RPC messages are objects (or batches).
          while (i < chunk.length && this.bodyLeft > 0 && (chunk[i] === 0x20 || chunk[i] === 0x09 || chunk[i] === 0x0a || chunk[i] === 0x0d)) {
            i++;
            this.bodyLeft--;
          }
          if (i < chunk.length && this.bodyLeft > 0) {
            if (chunk[i] !== 0x7b && chunk[i] !== 0x5b) return (this.failed = `the body of a ${this.contentLength}-byte message starts with ${byteName(chunk[i])}, not with a JSON object`);
            this.bodyStarted = true;
          }
        }
        const take = Math.min(this.bodyLeft, chunk.length - i);
        i += take;
        this.bodyLeft -= take;
        if (this.bodyLeft === 0) {
          this.bodyLeft = -1;
          this.contentLength = undefined;
        }
        continue;
      }
      const byte = chunk[i++];
      if (byte === 0x0a) {
        if (!this.header.endsWith('\r')) return (this.failed = `a header line ends with a bare line feed: ${JSON.stringify(this.header.slice(-60))}`);
        const line = this.header.slice(this.header.lastIndexOf('\n') + 1, -1);
        if (line === '') {
          if (this.contentLength === undefined) return (this.failed = `a header has no Content-Length: ${JSON.stringify(this.header.slice(0, 200))}`);
          this.header = '';
          this.bodyLeft = this.contentLength;
          this.bodyStarted = false;
          if (this.bodyLeft === 0) return (this.failed = 'a message has Content-Length 0');
          continue;
        }
        const match = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/.exec(line);
        if (!match) return (this.failed = `a header line is not "Name: value": ${JSON.stringify(line.slice(0, 200))}`);
        if (match[1].toLowerCase() === 'content-length') {
          if (!/^\d{1,10}$/.test(match[2]) || Number(match[2]) > FrameGuard.MAX_CONTENT_LENGTH) return (this.failed = `bad Content-Length ${JSON.stringify(match[2].slice(0, 60))}`);
          if (this.contentLength !== undefined && this.contentLength !== Number(match[2])) return (this.failed = 'a header has two different Content-Length values');
          this.contentLength = Number(match[2]);
        }
        this.header += '\n';
        continue;
      }
      if (byte !== 0x0d && byte !== 0x09 && (byte < 0x20 || byte > 0x7e)) {
        return (this.failed = `a message header holds ${byteName(byte)} after ${JSON.stringify(this.header.slice(-60))}`);
      }
      if (this.header.endsWith('\r') && byte !== 0x0a) return (this.failed = `a header line has a carriage return not followed by a line feed: ${JSON.stringify(this.header.slice(-60))}`);
      this.header += String.fromCharCode(byte);
      if (this.header.length > FrameGuard.MAX_HEADER) return (this.failed = `a header is longer than ${FrameGuard.MAX_HEADER} bytes: ${JSON.stringify(this.header.slice(0, 60))}…`);
    }
    return this.failed;
  }
}

function byteName(byte: number): string {
  return byte >= 0x20 && byte <= 0x7e ? JSON.stringify(String.fromCharCode(byte)) : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
