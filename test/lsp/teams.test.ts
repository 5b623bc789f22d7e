/** The language server with a team package installed: its rules, lexicon and clauses reach the editor. */
import { strict as assert } from 'node:assert';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { cleanWorkspaces, makeWorkspace } from '../helpers/workspace';
import { startClient, type TestClient } from './client';

const ROOT = join(__dirname, '..', '..');
const weak = readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8');
const FRONT_MATTER = '---\nmandate-lint: mandate\nmission: MINUKAL\nhost-state: the Government of Kalindor\nmandate-end: 31 March 2027\n---\n\n';

describe('language server with team libraries', function () {
  this.timeout(30000);
  let client: TestClient;
  let ws: string;
  before(async () => {
    ws = makeWorkspace({
      '.mandatelintrc.json': JSON.stringify({ root: true, extends: '@kalindor/mandate-lint-team' }),
      'drafts/weak.mandate.md': weak,
      'drafts/fresh.mandate.md': FRONT_MATTER + '# Draft\n\nThe Security Council,\n\n1. *Decides* to extend the mandate of MINUKAL;\n\n2. ',
      'mine/extra.json': JSON.stringify({ snippets: [{ id: 'desk-extra', title: 'A clause from my own settings', prefix: 'my-extra', kind: 'task', body: 'brief ${hostState} on the benchmarks by ${date}', docTypes: ['mandate'] }] }),
      '.mandate-lint/snippets/broken.json': '{ "snippets": [ { "id": ',
    });
    cpSync(join(ROOT, 'examples', 'team-package'), join(ws, 'node_modules', '@kalindor', 'mandate-lint-team'), { recursive: true });
    client = await startClient({ workspace: ws, settings: { snippetLibraries: ['mine/extra.json'] } });
  });
  after(async () => {
    await client.stop();
    cleanWorkspaces();
  });

  async function openAndWait(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = `file://${ws}/drafts/${name}`;
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text } });
    const report = await client.waitFor(() => client.diagnostics.filter((d) => d.uri === uri).pop());
    return { uri, diagnostics: report.diagnostics };
  }

  it('reports with the team severities and says which library is broken', async () => {
    const { diagnostics } = await openAndWait('weak.mandate.md', weak);
    const hrddp = diagnostics.find((d) => d.code === 'missing-hrddp')!;
    assert.equal(hrddp.severity, 1, 'the team makes missing-hrddp an error');
    // The broken library's problem is in the library file itself, at its line (issue 13, point 9), not on the draft.
    assert.ok(!diagnostics.some((d) => /broken\.json/.test(d.message)), 'not on the draft');
    const inLibrary = await client.waitFor(() => client.diagnostics.filter((d) => d.uri.endsWith('/.mandate-lint/snippets/broken.json')).pop());
    assert.ok(inLibrary.diagnostics.length >= 1);
    assert.ok(inLibrary.diagnostics.every((d) => d.source === 'mandate-lint' && d.range.start.line >= 0));
  });

  it('offers the team wording as the preferred quick fix', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    const diagnostics = client.diagnostics.filter((d) => d.uri === uri).pop()!.diagnostics;
    const drift = diagnostics.find((d) => d.code === 'train-and-equip-drift' && d.range.start.line > 1)!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: drift.range, context: { diagnostics: [drift] } })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.match(preferred.title, /Kalindor wording/);
    const edits = preferred.edit!.changes![uri] as TextEdit[];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'mandate', 1, weak), edits);
    assert.match(fixed, /after a risk assessment whose mitigating measures are reported to the Council/);
  });

  it('completes clauses from every library, with the front matter filled in', async () => {
    const text = FRONT_MATTER + '# Draft\n\nThe Security Council,\n\n1. *Decides* to extend the mandate of MINUKAL;\n\n2. ';
    const { uri } = await openAndWait('fresh.mandate.md', text);
    const lines = text.split('\n');
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: 3 } })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('Payroll verification and a costed plan for the KDSF'), 'team library');
    assert.ok(labels.includes('A clause from my own settings'), 'settings library');
    assert.ok(labels.includes('Civilian and parliamentary oversight') || labels.some((l) => /oversight/i.test(l)), 'built-in library');
    const payroll = items.find((i) => i.label === 'Payroll verification and a costed plan for the KDSF')!;
    const body = (payroll.textEdit as TextEdit).newText;
    assert.match(body, /^\*Requests\* MINUKAL to support the Government of Kalindor, together with the World Bank/);
    assert.match(body, /by 31 March 2027/);
  });

  it('picks up a library change without a restart', async () => {
    writeFileSync(join(ws, '.mandate-lint', 'snippets', 'broken.json'), JSON.stringify({ snippets: [{ id: 'now-fixed', title: 'Repaired workspace clause', kind: 'task', body: 'report on the vetting of ${forces}' }] }));
    const uri = `file://${ws}/drafts/fresh.mandate.md`;
    const before = client.diagnostics.length;
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${ws}/.mandate-lint/snippets/broken.json`, type: 2 }] });
    await client.waitFor(() => client.diagnostics.slice(before).some((d) => d.uri === uri));
    const text = readFileSync(join(ws, 'drafts', 'fresh.mandate.md'), 'utf8');
    const lines = text.split('\n');
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: lines.length - 1, character: 3 } })) as CompletionItem[];
    assert.ok(items.some((i) => i.label === 'Repaired workspace clause'));
  });
});
