/** Renewals in the language server: a draft's `previous:` (or mandateLint.previous) gives renewal diagnostics, a diff action and a report. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { cleanWorkspaces, makeWorkspace } from '../helpers/workspace';
import { startClient, type TestClient } from './client';

const FIXTURES = join(__dirname, '..', 'fixtures', 'renewal', 'veradia');
const PREVIOUS = readFileSync(join(FIXTURES, 'S-RES-2709-2023.md'), 'utf8');
const DRAFT = readFileSync(join(FIXTURES, 'draft-2024.md'), 'utf8');

async function open(client: TestClient, path: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = pathToFileURL(path).toString();
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const published = await client.waitFor(() => client.diagnostics.find((d) => d.uri === uri && d.version === 1), 10000);
  return { uri, diagnostics: published.diagnostics };
}

describe('language server: renewals', function () {
  this.timeout(30000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(cleanWorkspaces);

  it('shows lost safeguards and weakened language as information, with an action that opens the diff editor', async () => {
    const ws = makeWorkspace({ 'S-RES-2709-2023.md': PREVIOUS, 'draft.md': '---\nprevious: ./S-RES-2709-2023.md\n---\n\n' + DRAFT });
    client = await startClient({ workspace: ws });
    const { uri, diagnostics } = await open(client, join(ws, 'draft.md'), '---\nprevious: ./S-RES-2709-2023.md\n---\n\n' + DRAFT);
    const renewal = diagnostics.filter((d) => String(d.code).startsWith('renewal-'));
    assert.deepEqual(renewal.map((d) => [d.code, d.severity, d.range.start.line]), [
      ['renewal-weakened', 3, 32],
      ['renewal-safeguard-lost', 3, 32],
      ['renewal-weakened', 3, 34],
      ['renewal-safeguard-lost', 3, 36],
    ]);
    assert.match(renewal[1].message, /^Safeguard lost since OP2\(e\) of S-RES-2709-2023\.md, which the draft drops \(it stood after what is now OP3\(a\)\): human rights due diligence: "human rights due diligence policy", "HRDDP"\.$/);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: renewal[2].range, context: { diagnostics: [renewal[2]], only: ['quickfix'] } })) as CodeAction[];
    const diff = actions.find((a) => a.command?.command === 'mandateLint.openPreviousDiff');
    assert.ok(diff, JSON.stringify(actions));
    assert.equal(diff.title, 'Compare with OP3 of S-RES-2709-2023.md side by side');
    assert.deepEqual(diff.command!.arguments, [pathToFileURL(join(ws, 'S-RES-2709-2023.md')).toString(), uri, [28, 28], [34, 34]]);
    const report = (await client.connection.sendRequest('mandateLint/compareReport', { uri, cspSource: 'vscode-resource:' })) as { html?: string; summary?: string };
    assert.equal(report.summary, '2 safeguards lost, 2 tasks weakened, 1 task added, 1 task removed, 4 new findings, 1 resolved');
    assert.match(report.html ?? '', /Renewal report/);
  });

  it('takes the previous text from mandateLint.previous, and says so when it cannot be read', async () => {
    const ws = makeWorkspace({ 'resolutions/2709.md': PREVIOUS, 'draft.md': DRAFT });
    client = await startClient({ workspace: ws, settings: { previous: 'resolutions/2709.md' } });
    const first = await open(client, join(ws, 'draft.md'), DRAFT);
    assert.ok(first.diagnostics.some((d) => d.code === 'renewal-safeguard-lost'));
    await client.stop();
    client = await startClient({ workspace: ws, settings: { previous: 'resolutions/missing.md' } });
    const second = await open(client, join(ws, 'draft.md'), DRAFT);
    const note = second.diagnostics.find((d) => d.code === 'renewal-previous');
    assert.match(note?.message ?? '', /The previous text missing\.md cannot be read: no such file/);
  });
});
