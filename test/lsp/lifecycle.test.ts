/**
 * The language server through the LSP lifecycle: nothing is served before initialize (requests are answered
 * ServerNotInitialized, notifications dropped), initialize is taken once, requests after shutdown are answered
 * InvalidRequest; and a client without workspace folder support still gets a server that is ready.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRaw, type RawServer } from './client';

const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');

const INITIALIZE = { processId: null, rootUri: null, capabilities: { workspace: { configuration: true, workspaceFolders: true } }, initializationOptions: { trusted: true } };
const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;

describe('language server: lifecycle', function () {
  this.timeout(30000);
  let server: RawServer;
  afterEach(() => server.stop());

  const symbols = (uri: string) => server.request('textDocument/documentSymbol', { textDocument: { uri } });
  const open = (uri: string) => server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: weak } });

  it('answers requests before initialize with ServerNotInitialized, and drops notifications', async () => {
    server = startRaw({ answerConfiguration: true });
    const uri = 'file:///tmp/lifecycle/early.mandate.md';
    open(uri);
    for (const [method, params] of [
      ['textDocument/documentSymbol', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }],
      ['shutdown', undefined],
      ['no/suchMethod', {}],
    ] as const) {
      const answer = await server.request(method, params);
      assert.equal(answer.error?.code, SERVER_NOT_INITIALIZED, `${method}: ${JSON.stringify(answer).slice(0, 200)}`);
      assert.equal(answer.error?.message, 'The server is not initialized: send initialize first.');
    }
    assert.ok((await server.request('initialize', INITIALIZE)).result, 'initialize is still taken');
    server.notify('initialized', {});
    assert.deepEqual((await symbols(uri)).result, [], 'the didOpen sent before initialize opened nothing');
    open(uri);
    assert.ok(((await symbols(uri)).result as unknown[]).length > 0, 'the same didOpen after initialize opens the draft');
  });

  it('refuses a second initialize with InvalidRequest, and takes initialized once', async () => {
    server = startRaw({ answerConfiguration: true });
    assert.ok((await server.request('initialize', INITIALIZE)).result);
    server.notify('initialized', {});
    const again = await server.request('initialize', { ...INITIALIZE, initializationOptions: { trusted: false } });
    assert.equal(again.error?.code, INVALID_REQUEST, JSON.stringify(again));
    assert.equal(again.error?.message, 'The server is initialized already: initialize is sent once.');
    server.notify('initialized', {});
    await symbols('file:///tmp/lifecycle/none.md');
    assert.deepEqual(server.logs.filter((m) => m.includes('ready')), ['[mandate-lint] ready (push diagnostics, trusted workspace)'], 'ready once, trusted as first initialized');
  });

  it('answers requests after shutdown with InvalidRequest', async () => {
    server = startRaw({ answerConfiguration: true });
    await server.request('initialize', INITIALIZE);
    server.notify('initialized', {});
    const uri = 'file:///tmp/lifecycle/late.mandate.md';
    open(uri);
    assert.ok(((await symbols(uri)).result as unknown[]).length > 0, 'served before shutdown');
    const shutdown = await server.request('shutdown', undefined);
    assert.ok(shutdown.result === null && !shutdown.error, JSON.stringify(shutdown));
    for (const method of ['textDocument/documentSymbol', 'shutdown', 'initialize']) {
      const answer = await server.request(method, method === 'initialize' ? INITIALIZE : method === 'shutdown' ? undefined : { textDocument: { uri } });
      assert.equal(answer.error?.code, INVALID_REQUEST, `${method}: ${JSON.stringify(answer).slice(0, 200)}`);
      assert.equal(answer.error?.message, 'The server is shutting down: it answers no requests after shutdown.');
    }
  });

  it('is ready for a client whose capabilities lack workspace folders', async () => {
    server = startRaw({ answerConfiguration: true });
    await server.request('initialize', { ...INITIALIZE, capabilities: { workspace: { configuration: true } } });
    server.notify('initialized', {});
    await symbols('file:///tmp/lifecycle/none.md');
    assert.deepEqual(server.logs, ['[mandate-lint] ready (push diagnostics, trusted workspace)']);
  });
});
