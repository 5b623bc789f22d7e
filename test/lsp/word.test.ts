/**
 * Word drafts in the language server: the client sends a .docx's bytes and gets its rendering back; the rendering,
 * opened as a virtual document (mandate-lint-word:), is linted with the Word file's configuration and its findings
 * in tracked insertions name the author; the commented copy comes back as bytes, the same comments as --annotate.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { readDocx } from '../../src/docx';
import { WORD_SCHEME } from '../../src/protocol';
import { readBackComments } from '../helpers/docx';
import { cleanWorkspaces, makeWorkspace } from '../helpers/workspace';
import { startClient, type TestClient } from './client';

const WEAK = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.docx'));

describe('language server: Word drafts', function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(cleanWorkspaces);

  it('reads a .docx sent as bytes, lints its rendering like a draft and writes the comments back', async () => {
    const ws = makeWorkspace({ 'drafts/weak.docx': WEAK, '.mandatelintrc.json': JSON.stringify({ root: true, rules: { 'missing-hrddp': 'off' } }) });
    client = await startClient({ workspace: ws });
    const uri = pathToFileURL(join(ws, 'drafts', 'weak.docx')).toString().replace(/^file:\/\//, `${WORD_SCHEME}:`);
    const read = (await client.connection.sendRequest('mandateLint/readWordDraft', { uri, bytes: WEAK.toString('base64') })) as { text?: string; paragraphs?: number; error?: string };
    assert.equal(read.error, undefined);
    assert.equal(read.text, readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8'));
    assert.ok(read.paragraphs! > 20);

    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: read.text } });
    const published = await client.waitFor(() => client!.diagnostics.find((d) => d.uri === uri && d.version === 1), 10000);
    const diagnostics: Diagnostic[] = published.diagnostics;
    assert.ok(diagnostics.some((d) => d.code === 'train-and-equip-drift'));
    // The configuration of the Word file's folder applies.
    assert.ok(!diagnostics.some((d) => d.code === 'missing-hrddp'), 'missing-hrddp is off in .mandatelintrc.json');
    const inserted = diagnostics.filter((d) => / Found in text inserted by Delegation of Kalindor\.$/.test(d.message));
    assert.deepEqual(inserted.map((d) => [d.code, d.range.start.line]), [['train-and-equip-drift', 28]]);

    const written = (await client.connection.sendRequest('mandateLint/writeWordComments', { uri, bytes: WEAK.toString('base64') })) as { bytes?: string; comments?: number; error?: string };
    assert.equal(written.error, undefined);
    assert.equal(written.comments, diagnostics.filter((d) => d.code).length);
    const copy = Buffer.from(written.bytes!, 'base64');
    const comments = readBackComments(copy);
    assert.equal(comments.length, written.comments);
    assert.ok(comments.some((c) => c.anchored === 'logistical support' && /inserted by Delegation of Kalindor/.test(c.text)));
    assert.equal(readDocx(copy).text, read.text);
  });

  it('keeps a Word draft\'s reading while its document is open, and a bounded number of the others', async () => {
    const ws = makeWorkspace({ 'weak.docx': WEAK });
    client = await startClient({ workspace: ws });
    const uriOf = (name: string) => pathToFileURL(join(ws, name)).toString().replace(/^file:\/\//, `${WORD_SCHEME}:`);
    const inserted = (d: Diagnostic) => / Found in text inserted by Delegation of Kalindor\.$/.test(d.message);
    const openAndLint = async (uri: string, text: string, version: number) => {
      client!.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version, text } });
      return (await client!.waitFor(() => client!.diagnostics.find((d) => d.uri === uri && d.version === version), 10000)).diagnostics;
    };
    const first = uriOf('first.docx');
    const { text } = (await client.connection.sendRequest('mandateLint/readWordDraft', { uri: first, bytes: WEAK.toString('base64') })) as { text: string };
    assert.ok((await openAndLint(first, text, 1)).some(inserted), 'the open draft\'s findings name who inserted the text');
    // Twenty other drafts read and never opened: the open one keeps its reading, the oldest of the others go.
    for (let i = 0; i < 20; i++) await client.connection.sendRequest('mandateLint/readWordDraft', { uri: uriOf(`other-${i}.docx`), bytes: WEAK.toString('base64') });
    const published = () => client!.diagnostics.filter((d) => d.uri === first);
    const before = published().length;
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const relinted = await client.waitFor(() => published().length > before && published().pop(), 10000);
    assert.ok(relinted.diagnostics.some(inserted), 'linted again, the open draft still has its reading');
    assert.ok(!(await openAndLint(uriOf('other-0.docx'), text, 1)).some(inserted), 'the oldest unopened reading was dropped');
    assert.ok((await openAndLint(uriOf('other-19.docx'), text, 1)).some(inserted), 'the newest is kept');
    // Closed, the first draft's reading goes: opened again with the same text, nothing says who inserted what.
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: first } });
    assert.ok(!(await openAndLint(first, text, 3)).some(inserted));
  });

  it('answers a broken or changed file with one line, never a crash', async () => {
    const ws = makeWorkspace({ 'weak.docx': WEAK });
    client = await startClient({ workspace: ws });
    const uri = pathToFileURL(join(ws, 'weak.docx')).toString().replace(/^file:\/\//, `${WORD_SCHEME}:`);
    const truncated = (await client.connection.sendRequest('mandateLint/readWordDraft', { uri, bytes: WEAK.subarray(0, 4000).toString('base64') })) as { error?: string };
    assert.match(truncated.error ?? '', /^weak\.docx: the file is damaged: its zip package is incomplete or corrupted/);
    const encrypted = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(encrypted);
    Buffer.from('EncryptionInfo', 'utf16le').copy(encrypted, 600);
    assert.match(((await client.connection.sendRequest('mandateLint/readWordDraft', { uri, bytes: encrypted.toString('base64') })) as { error?: string }).error ?? '', /is encrypted/);
    // Comments are only written for a document that still reads as the one shown.
    const read = (await client.connection.sendRequest('mandateLint/readWordDraft', { uri, bytes: WEAK.toString('base64') })) as { text: string };
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: read.text } });
    await client.waitFor(() => client!.diagnostics.find((d) => d.uri === uri && d.version === 1), 10000);
    const strong = readFileSync(join(__dirname, '..', '..', 'examples', 'strong-mandate.docx'));
    const changed = (await client.connection.sendRequest('mandateLint/writeWordComments', { uri, bytes: strong.toString('base64') })) as { error?: string };
    assert.match(changed.error ?? '', /weak\.docx has changed since it was opened: review it again/);
  });
});
