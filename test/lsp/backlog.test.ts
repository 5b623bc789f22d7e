/**
 * A client that stops reading the server's answers (issue 9: memory stays bounded): the server refuses new
 * requests once too many wait for their answers, and stops reading when even those refusals go unread, instead
 * of holding every answer. Every request is still answered once the client reads again.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_REQUESTS_IN_FLIGHT } from '../../src/lsp/backlog';
import { SERVER } from './client';

const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');

function frame(message: object): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** The messages in a stream of framed bytes (complete ones only). */
function messages(bytes: Buffer): Array<{ id?: number; method?: string; result?: unknown; error?: { code: number } }> {
  const out = [];
  let at = 0;
  for (;;) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at);
    if (headerEnd < 0) break;
    const length = Number(/Content-Length: (\d+)/i.exec(bytes.subarray(at, headerEnd).toString('ascii'))?.[1]);
    const start = headerEnd + 4;
    if (start + length > bytes.length) break;
    out.push(JSON.parse(bytes.subarray(start, start + length).toString('utf8')));
    at = start + length;
  }
  return out;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('language server: a client that does not read its answers', function () {
  this.timeout(60000);

  it('holds a bounded number of answers, refuses the requests past them, and answers every request once read', async function () {
    if (!existsSync('/proc/self/status')) this.skip();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const received = () => messages(Buffer.concat(chunks));
    const waitFor = async (done: () => boolean, ms: number) => {
      for (const end = Date.now() + ms; !done(); await sleep(50)) if (Date.now() > end) throw new Error('timed out');
    };
    try {
      const uri = 'file:///tmp/backlog.md';
      child.stdin.write(frame({ jsonrpc: '2.0', id: 0, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
      await waitFor(() => received().some((m) => m.id === 0), 10000);
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
      // A long draft, so that each outline answer is large.
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'markdown', version: 1, text: weak.repeat(20) } } }));
      const symbols = (id: number) => frame({ jsonrpc: '2.0', id, method: 'textDocument/documentSymbol', params: { textDocument: { uri } } });
      child.stdin.write(symbols(1));
      await waitFor(() => received().some((m) => m.id === 1), 20000);
      const answerBytes = JSON.stringify(received().find((m) => m.id === 1)).length;
      const before = rssMb(child.pid!);

      // The client stops reading; it sends batch after batch of requests.
      child.stdout.pause();
      const requests = 3000;
      for (let id = 2; id < 2 + requests; id += 500) {
        child.stdin.write(Buffer.concat(Array.from({ length: 500 }, (_, k) => symbols(id + k))));
        await sleep(1000);
      }
      await sleep(2000);
      const grown = rssMb(child.pid!) - before;
      // Without the bound every answer was held (750 MB here); with it, a few hundred of them at most.
      const allAnswersMb = (requests * answerBytes) / 1024 / 1024;
      assert.ok(grown < allAnswersMb / 2, `the server grew by ${grown.toFixed(0)} MB for ${requests} unread answers of ${(answerBytes / 1024).toFixed(0)} KB (${allAnswersMb.toFixed(0)} MB of text)`);

      // The client reads again: every request has its answer, an outline or a refusal.
      child.stdout.resume();
      await waitFor(() => received().filter((m) => typeof m.id === 'number' && m.id >= 2 && m.method === undefined).length === requests, 30000);
      const answers = received().filter((m) => typeof m.id === 'number' && m.id >= 2);
      const refused = answers.filter((m) => m.error?.code === -32803);
      assert.ok(refused.length > 0, 'requests past the limit are refused');
      assert.ok(answers.filter((m) => Array.isArray(m.result)).length >= MAX_REQUESTS_IN_FLIGHT, 'those before the limit are answered');
      assert.equal(new Set(answers.map((m) => m.id)).size, requests, 'each request once');
      // And the server still answers as before.
      child.stdin.write(symbols(10000));
      await waitFor(() => received().some((m) => m.id === 10000 && Array.isArray(m.result)), 20000);
    } finally {
      child.kill();
    }
  });
});
