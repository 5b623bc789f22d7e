import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { encodeMessage } from '../../src/lsp/encoding';

describe('the server writes messages piece by piece', () => {
  const diagnostic = fc.record({
    range: fc.record({ start: fc.record({ line: fc.nat(), character: fc.nat() }), end: fc.record({ line: fc.nat(), character: fc.nat() }) }),
    severity: fc.constantFrom(1, 2, 3),
    code: fc.constantFrom('missing-gender', 'train-and-equip-drift'),
    // Any text, with quotes, line breaks, characters outside ASCII and lone surrogates.
    message: fc.string({ unit: 'binary', maxLength: 80 }),
    data: fc.option(fc.record({ index: fc.nat(), level: fc.constantFrom('paragraph', 'document') }), { nil: undefined }),
  });
  const publication = (diagnostics: unknown[], uri: string): Message =>
    ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 3, diagnostics } }) as Message;

  it('gives the bytes of the whole message as JSON, for short and long lists of diagnostics', () => {
    fc.assert(
      fc.property(fc.array(diagnostic, { maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 20 }), (diagnostics, name) => {
        const message = publication(diagnostics, `file:///${name}.md`);
        assert.deepEqual(encodeMessage(message), Buffer.from(JSON.stringify(message), 'utf8'));
      }),
      { numRuns: 200 },
    );
  });

  it('writes items with no JSON form as null, as a list does, and leaves other messages whole', () => {
    const items = Array.from({ length: 100 }, (_, i) => (i === 7 ? undefined : i === 9 ? () => 1 : { n: i }));
    const message = publication(items, 'file:///a.md');
    assert.deepEqual(encodeMessage(message), Buffer.from(JSON.stringify(message), 'utf8'));
    assert.match(encodeMessage(message).toString('utf8'), /\{"n":6\},null,\{"n":8\},null,/);
    // A hole in the list, as JSON.stringify writes it; and a list long enough for several groups.
    const holes = publication([...new Array(70)].map((_, i) => ({ n: i })), 'file:///b.md');
    delete ((holes as unknown as { params: { diagnostics: unknown[] } }).params.diagnostics)[5];
    assert.deepEqual(encodeMessage(holes), Buffer.from(JSON.stringify(holes), 'utf8'));
    const long = publication(Array.from({ length: 3000 }, (_, i) => ({ message: `finding ${i} “é”`.repeat(5) })), 'file:///c.md');
    assert.deepEqual(encodeMessage(long), Buffer.from(JSON.stringify(long), 'utf8'));
    const request = { jsonrpc: '2.0', id: 1, result: { diagnostics: 'not a list', text: 'é “quoted”' } } as unknown as Message;
    assert.deepEqual(encodeMessage(request), Buffer.from(JSON.stringify(request), 'utf8'));
  });

  it('is not fooled by a diagnostic whose text is the marker it uses', () => {
    const items = Array.from({ length: 80 }, (_, i) => ({ message: i === 3 ? 'mandate-lint:items:' : `m${i}` }));
    const message = publication(items, 'file:///mandate-lint:items:x.md');
    assert.deepEqual(encodeMessage(message), Buffer.from(JSON.stringify(message), 'utf8'));
  });
});
