/**
 * The language server against requests a broken or hostile client sends: positions the document does not hold,
 * coverage reports asked for with no nonce or a strange CSP source, params of the wrong shape, a client that never
 * answers workspace/configuration. Every request is answered, with nothing outside the document and no exception
 * text.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { ClauseResult } from '../../src/protocol';
import { RawJson, startClient, startRaw, type TestClient } from './client';

const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');

const INITIALIZE = { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } }, initializationOptions: { trusted: true } };

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

/** Why a range is not one of the document's (reversed, outside it, not integers), or undefined when it is. */
function outsideDocument(doc: TextDocument, range: Range): string | undefined {
  const lines = doc.getText().split(/\r\n|\r|\n/);
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `position ${JSON.stringify(p)} is not one`;
    if (p.line >= lines.length || p.character > lines[p.line].length) return `position ${JSON.stringify(p)} is outside the document`;
  }
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return `range ${JSON.stringify(range)} is reversed`;
  return undefined;
}

describe('language server: hostile requests', function () {
  this.timeout(30000);
  let client: TestClient;
  before(async () => {
    client = await startClient();
  });
  after(() => client.stop());

  async function opened(uri: string, text: string): Promise<TextDocument> {
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text } });
    await client.waitFor(() => client.diagnostics.find((d: PublishDiagnosticsParams) => d.uri === uri && d.version === 1));
    return TextDocument.create(uri, 'mandate', 1, text);
  }

  it('answers completion and mandateLint/clauses at an invalid position with no edit outside the document', async () => {
    const uri = 'file:///tmp/hostile/positions.mandate.md';
    const doc = await opened(uri, weak);
    const emptyLine = 11;
    assert.equal(doc.getText().split('\n')[emptyLine], '', 'the line is empty: a place for clauses');
    const at = (line: number, character: number) => ({ line, character });
    const valid = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(emptyLine, 0) })) as CompletionItem[];
    assert.ok(valid.length > 0, 'clauses at a valid position');
    // Negative, fractional and past the last line: no place in the document, so no clauses.
    for (const position of [at(-1, 0), at(emptyLine, -3), at(emptyLine, 1.5), at(doc.lineCount + 5, 0), at(doc.lineCount, 0)]) {
      const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position })) as CompletionItem[];
      assert.deepEqual(items, [], `completion at ${JSON.stringify(position)}`);
      const clauses = (await client.connection.sendRequest('mandateLint/clauses', { uri, position })) as ClauseResult;
      assert.deepEqual(clauses.clauses, [], `clauses at ${JSON.stringify(position)}`);
      assert.ok(clauses.error, 'and a reason');
    }
    // Past the end of its line: the end of the line, as the protocol says; the edits stay on the line.
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(emptyLine, 500) })) as CompletionItem[];
    assert.equal(items.length, valid.length);
    for (const item of items) {
      const edit = item.textEdit as { range: Range };
      assert.equal(outsideDocument(doc, edit.range), undefined, item.label);
      assert.deepEqual(edit.range.end, at(emptyLine, 0), item.label);
      for (const extra of item.additionalTextEdits ?? []) assert.equal(outsideDocument(doc, extra.range), undefined, item.label);
    }
    const clauses = (await client.connection.sendRequest('mandateLint/clauses', { uri, position: at(emptyLine, 500) })) as ClauseResult;
    assert.ok(clauses.clauses.length > 0);
    for (const c of clauses.clauses) assert.equal(outsideDocument(doc, c.range), undefined, c.id);
  });

  it('sends the coverage report with no script when the nonce is missing or not one, and only a CSP source that looks like one', async () => {
    const uri = 'file:///tmp/hostile/report.mandate.md';
    await opened(uri, weak);
    const report = async (params: Record<string, unknown>) => ((await client.connection.sendRequest('mandateLint/coverageReport', { uri, ...params })) as { html: string }).html;
    const csp = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1];
    for (const nonce of [undefined, null, 5, 'short', ['abcdefghij']]) {
      const html = await report(nonce === undefined ? { cspSource: 'vscode-webview://abc' } : { nonce, cspSource: 'vscode-webview://abc' });
      assert.ok(!/<script/.test(html), `no script with nonce ${JSON.stringify(nonce)}`);
      assert.match(csp(html), /script-src 'none';/);
      assert.ok(!html.includes('undefined') && !html.includes('nonce-'), `nothing of nonce ${JSON.stringify(nonce)} in the page`);
    }
    for (const cspSource of [5, "'unsafe-inline' *", '*', 'https: *', 'vscode-webview://abc; script-src *', 'a b', ['vscode-webview://abc']]) {
      const policy = csp(await report({ nonce: 'n0nceABCDEF', cspSource }));
      assert.equal(policy, "default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-n0nceABCDEF'; img-src data:;", `CSP source ${JSON.stringify(cspSource)}`);
    }
    for (const cspSource of ['vscode-webview://abc', 'https://*.vscode-cdn.net', 'vscode-resource:']) {
      assert.ok(csp(await report({ nonce: 'n0nceABCDEF', cspSource })).includes(`style-src 'unsafe-inline' ${cspSource}; script-src 'nonce-n0nceABCDEF'; img-src ${cspSource} data:;`), cspSource);
    }
  });

  it('writes quick fixes with the line breaks of a draft whose lines end in a lone CR', async () => {
    const uri = 'file:///tmp/hostile/cr.mandate.md';
    const text = weak.replace(/\n/g, '\r');
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text } });
    const published = await client.waitFor(() => client.diagnostics.find((d: PublishDiagnosticsParams) => d.uri === uri && d.version === 1));
    assert.ok(published.diagnostics.length > 0);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: published.diagnostics },
    })) as CodeAction[];
    const fixAll = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    const edits = [...actions, ...fixAll].flatMap((a) => (a.edit?.changes?.[uri] ?? []).map((e) => [a.title, e.newText] as const));
    for (const [title, newText] of edits) assert.ok(!newText.includes('\n'), `${title}: ${JSON.stringify(newText.slice(0, 80))}`);
    assert.ok(edits.some(([, newText]) => newText.includes('\r')), 'some fix inserts a line break');
  });

  it('answers a code action on a paragraph with a long run of U+FFFD (a damaged scan), then goes on answering', async () => {
    // The end of such a paragraph was once found by backtracking exponentially: the server never answered again.
    const uri = 'file:///tmp/hostile/damaged.mandate.md';
    const text = `The Security Council,\n\n2. *Requests* MINUKAL to support security sector reform ${'\uFFFD'.repeat(400)} by training KDSF battalions and furnishing them with vehicles;\n`;
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text } });
    const published = await client.waitFor(() => client.diagnostics.find((d: PublishDiagnosticsParams) => d.uri === uri && d.version === 1));
    const drift = published.diagnostics.filter((d) => d.code === 'train-and-equip-drift' && d.range.start.line === 2);
    assert.equal(drift.length, 1, JSON.stringify(published.diagnostics.map((d) => d.code)));
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: drift[0].range, context: { diagnostics: drift, only: ['quickfix'] } })) as CodeAction[];
    const inline = actions.flatMap((a) => a.edit?.changes?.[uri] ?? []).find((e) => e.range.start.line === 2 && e.newText.startsWith(', '));
    assert.ok(inline, `a clause inside the paragraph: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(inline.range.start.character, text.split('\n')[2].length - 1, 'before the closing ";"');
    const again = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: drift[0].range, context: { diagnostics: drift, only: ['quickfix'] } })) as CodeAction[];
    assert.equal(again.length, actions.length);
  });

  it('skips a forged or malformed diagnostic in a code action request, logs it, and keeps the actions of the others', async () => {
    const uri = 'file:///tmp/hostile/forged-diagnostics.mandate.md';
    const logs: string[] = [];
    client.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
    await opened(uri, weak);
    const published = client.diagnostics.find((d) => d.uri === uri && d.version === 1)!;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const renewal = (data: Record<string, unknown>) => ({ range, source: 'mandate-lint', code: 'renewal-weakened', message: 'Weaker than OP5.', data: { renewal: true, previousUri: 'file:///tmp/prev/S-RES%20OLD.md', previousLines: [1, 2], draftLines: [3, 4], label: 'OP5', ...data } });
    const valid = [...published.diagnostics, renewal({})];
    const forged = [null, renewal({ previousUri: 5 }), renewal({ previousUri: 'file:///tmp/prev/%E0%A4%A.md' }), renewal({ previousLines: 'all' }), 7, ['x']];
    const codeActions = async (diagnostics: unknown[]) =>
      (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } })) as CodeAction[];
    const expected = await codeActions(valid);
    assert.ok(expected.some((a) => a.title === 'Compare with OP5 of S-RES OLD.md side by side'), 'the renewal action');
    assert.ok(expected.length > 5, 'quick fixes for the findings');
    const mixed = await codeActions([forged[0], ...valid.slice(0, 3), ...forged.slice(1), ...valid.slice(3)]);
    assert.deepEqual(mixed, expected);
    const skipped = await client.waitFor(() => logs.find((m) => m.startsWith(`[mandate-lint] code action for ${uri}: skipped`)));
    assert.match(skipped, /skipped 6 malformed diagnostics \(diagnostic 1 is null, not an object; diagnostic 8 is a number, not an object; diagnostic 9 is an array, not an object; …\)/);
    assert.equal(logs.filter((m) => m.includes('code action')).length, 1, 'one log line for the request');
  });
});

describe('language server: diagnostics sent back in a code action request', function () {
  this.timeout(30000);

  it('names the diagnostic as it published it, not with what else the client sent (a value nested 20,000 deep)', async () => {
    const server = startRaw({ answerConfiguration: true });
    try {
      assert.ok((await server.request('initialize', INITIALIZE)).result);
      server.notify('initialized', {});
      const uri = 'file:///tmp/deep/weak.mandate.md';
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: weak } });
      let diagnostic: Diagnostic | undefined;
      for (let i = 0; i < 200 && !diagnostic; i++) {
        diagnostic = server.published.find((p) => p.uri === uri)?.diagnostics.find((d) => (d.data as { level?: string })?.level === 'paragraph');
        if (!diagnostic) await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(diagnostic, 'the draft is linted');
      const deep = '['.repeat(20000) + ']'.repeat(20000);
      const sent = JSON.stringify({ ...diagnostic, data: { ...(diagnostic.data as object), junk: 'JUNK' } }).replace('"JUNK"', deep);
      const params = `{"textDocument":{"uri":"${uri}"},"range":${JSON.stringify(diagnostic.range)},"context":{"diagnostics":[${sent}]}}`;
      const answer = await server.request('textDocument/codeAction', new RawJson(params));
      const actions = answer.result as Array<{ title: string; diagnostics?: Diagnostic[] }>;
      assert.ok(actions.some((a) => /^Add to this paragraph/.test(a.title)), JSON.stringify(answer).slice(0, 300));
      const named = actions.flatMap((a) => a.diagnostics ?? []);
      assert.ok(named.length && named.every((d) => !('junk' in ((d.data as object) ?? {}))), 'the published data, nothing more');
    } finally {
      server.stop();
    }
  });
});

describe('language server: messages that are none the server can take', function () {
  this.timeout(30000);

  it('answers a request whose method is not a string with InvalidRequest, drops the rest with a short log line, and goes on', async () => {
    const server = startRaw({ answerConfiguration: true });
    try {
      assert.ok((await server.request('initialize', { ...INITIALIZE, capabilities: { workspace: { configuration: true, workspaceFolders: true } } })).result);
      server.notify('initialized', {});
      const big = 'x'.repeat(1_000_000);
      const answer = await server.request(7 as unknown as string, { junk: big });
      assert.equal(answer.error?.code, -32600, JSON.stringify(answer).slice(0, 200));
      for (const raw of [{ jsonrpc: '2.0', junk: big }, { jsonrpc: '2.0', id: null, error: { code: -32700, message: big } }, { jsonrpc: '2.0', id: 99, junk: big }]) server.send(raw);
      for (const method of ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'textDocument/didSave', 'workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles', 'workspace/didChangeWorkspaceFolders']) {
        server.notify(method, null);
      }
      server.notify('workspace/didChangeWorkspaceFolders', { event: { added: 'file:///', removed: 5 } });
      server.notify('workspace/didChangeWorkspaceFolders', { event: { added: [null, { uri: 5 }], removed: [] } });
      assert.deepEqual((await server.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nothing.md' } })).result, []);
      assert.ok(server.logs.every((m) => m.length < 2000), `every log line is short: ${server.logs.map((m) => m.length).join(', ')}`);
      assert.ok(server.logs.some((m) => /ignored a message that is neither a request, a notification nor a response/.test(m)), server.logs.join('\n'));
      assert.ok(server.logs.some((m) => /workspace\/didChangeWorkspaceFolders ignored: params are null/.test(m)));
      assert.equal(server.logs.filter((m) => /workspace folder change ignored/.test(m)).length, 2);
      assert.ok(!server.logs.some((m) => /TypeError|Cannot read/.test(m)), server.logs.join('\n'));
    } finally {
      server.stop();
    }
  });
});

describe('language server: params of the wrong shape', function () {
  this.timeout(30000);

  it('answers InvalidParams with a fixed message to requests whose params cannot be read, and logs what was wrong', async () => {
    const server = startRaw({ answerConfiguration: true });
    try {
      for (const params of [null, 5, { capabilities: null }, { capabilities: {}, workspaceFolders: [null] }]) {
        const answer = await server.request('initialize', params);
        assert.equal(answer.error?.code, -32602, `initialize with ${JSON.stringify(params)}: ${JSON.stringify(answer)}`);
        assert.doesNotMatch(answer.error!.message, /Cannot read|TypeError|undefined|null/);
      }
      // The same server still initializes with valid params.
      assert.ok(((await server.request('initialize', INITIALIZE)).result as { capabilities: object }).capabilities);
      server.notify('initialized', {});
      const requests = ['textDocument/hover', 'textDocument/codeAction', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'workspace/executeCommand', 'mandateLint/coverageReport', 'mandateLint/clauses'];
      for (const method of requests) {
        for (const params of [null, 7, []]) {
          const answer = await server.request(method, params);
          assert.equal(answer.error?.code, -32602, `${method} with ${JSON.stringify(params)}: ${JSON.stringify(answer)}`);
          assert.doesNotMatch(answer.error!.message, /Cannot read|TypeError|properties/);
        }
      }
      assert.equal((await server.request('textDocument/hover', { textDocument: null, position: { line: 0, character: 0 } })).error?.code, -32602);
      assert.equal((await server.request('workspace/executeCommand', { command: 5 })).error?.code, -32602);
      // Params that can be read are answered as before.
      assert.deepEqual((await server.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nothing.md' } })).result, []);
      assert.ok(server.logs.some((m) => /initialize refused: params are null, not an object/.test(m)), server.logs.join('\n'));
      assert.ok(server.logs.some((m) => /initialize refused: capabilities are null, not an object/.test(m)));
      assert.ok(server.logs.some((m) => /textDocument\/hover refused: params are a number, not an object/.test(m)));
    } finally {
      server.stop();
    }
  });
});

describe('language server: a client that never answers workspace/configuration', function () {
  this.timeout(30000);

  it('falls back to the default settings after a timeout, with one log line, and answers a cancelled request', async () => {
    const server = startRaw({ answerConfiguration: false, env: { MANDATE_LINT_CONFIG_TIMEOUT_MS: '1500' } });
    try {
      await server.request('initialize', INITIALIZE);
      server.notify('initialized', {});
      const uri = 'file:///tmp/hostile/no-config.mandate.md';
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: weak } });
      // Cancelled before the timeout: answered at once (with nothing), as every request must be.
      const pending = server.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }, 1000);
      await new Promise((r) => setTimeout(r, 200));
      server.notify('$/cancelRequest', { id: 2 });
      const cancelled = await pending;
      assert.ok(cancelled.result === null || cancelled.error?.code === -32800, JSON.stringify(cancelled));
      // After the timeout the defaults apply: the outline of the draft, for this and the other requests.
      const symbols = await server.request('textDocument/documentSymbol', { textDocument: { uri } }, 8000);
      assert.ok(Array.isArray(symbols.result) && symbols.result.length > 0, JSON.stringify(symbols));
      const hover = await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 28, character: 80 } }, 8000);
      assert.ok('result' in hover, JSON.stringify(hover));
      const told = server.logs.filter((m) => /did not answer workspace\/configuration/.test(m));
      assert.equal(told.length, 1, server.logs.join('\n'));
    } finally {
      server.stop();
    }
  });
});
