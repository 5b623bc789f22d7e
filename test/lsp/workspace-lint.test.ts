/**
 * "Lint all drafts in the workspace" on a workspace too large to search whole: the search stops at a number of
 * folders, the result and the log say so, and the drafts found until then are linted.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_WORKSPACE_LINT_FOLDERS } from '../../src/lsp/workspace';
import type { WorkspaceLintSummary } from '../../src/protocol';
import { ConfigResolver } from '../../src/node/config';
import { discoverFiles, IgnoreMatcher } from '../../src/node/discover';
import { startClient, type TestClient } from './client';

const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');

describe('language server: a workspace too large to search whole', function () {
  this.timeout(60000);
  let workspace: string;
  let client: TestClient;
  const logs: string[] = [];
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'mandate-lint-many-folders-'));
    writeFileSync(join(workspace, '.mandatelintrc.json'), JSON.stringify({ root: true }));
    writeFileSync(join(workspace, 'a.mandate.md'), weak);
    // One folder more than the search takes (the workspace folder counts): the draft in the last is never reached.
    const last = `d${String(MAX_WORKSPACE_LINT_FOLDERS).padStart(6, '0')}`;
    for (let i = 0; i <= MAX_WORKSPACE_LINT_FOLDERS; i++) mkdirSync(join(workspace, `d${String(i).padStart(6, '0')}`));
    writeFileSync(join(workspace, last, 'late.mandate.md'), weak);
    client = await startClient({ workspace });
    client.connection.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  });
  after(async () => {
    await client?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('stops after the folder limit, lints what it found and says in the result and the log that it stopped', async () => {
    const summary = (await client.connection.sendRequest('workspace/executeCommand', { command: 'mandateLint.server.lintWorkspace', arguments: [] })) as WorkspaceLintSummary;
    assert.equal(summary.files, 1, JSON.stringify(summary));
    assert.ok(summary.errors > 0);
    assert.equal(summary.failed, undefined);
    assert.match(summary.stopped ?? '', /^The search stopped after 20,000 folders: drafts in the folders after them were not linted\./);
    const logged = await client.waitFor(() => logs.find((m) => m.includes('The search stopped after 20,000 folders')));
    assert.ok(logged.endsWith(`(the limit was reached in ${workspace})`), logged);
    assert.ok(client.diagnostics.some((d) => d.uri.endsWith('/a.mandate.md')));
    assert.ok(!client.diagnostics.some((d) => d.uri.endsWith('/late.mandate.md')), 'the draft past the limit is not linted');
  });
});

describe('file discovery with a folder budget (discoverFiles)', () => {
  it('searches at most maxFolders folders and says so; with no budget, or one it stays within, finds the same as before', () => {
    const root = mkdtempSync(join(tmpdir(), 'mandate-lint-budget-'));
    try {
      for (const dir of ['a', 'a/b', 'c']) mkdirSync(join(root, dir));
      for (const file of ['top.md', 'a/one.md', 'a/b/two.md', 'c/three.md']) writeFileSync(join(root, file), '# Draft\n');
      const discover = (budget?: { maxFolders: number }) => discoverFiles(['.'], root, ['.md'], new IgnoreMatcher(root, undefined, new ConfigResolver(), false), budget);
      const whole = discover();
      assert.deepEqual(whole.files.map((f) => f.slice(root.length + 1)), ['a/b/two.md', 'a/one.md', 'c/three.md', 'top.md']);
      assert.equal(whole.foldersSearched, 4);
      assert.equal(whole.stoppedAtFolderLimit, undefined);
      assert.deepEqual(discover({ maxFolders: 4 }), whole);
      const bounded = discover({ maxFolders: 3 });
      assert.deepEqual(bounded.files.map((f) => f.slice(root.length + 1)), ['a/b/two.md', 'a/one.md', 'top.md']);
      assert.equal(bounded.foldersSearched, 3);
      assert.equal(bounded.stoppedAtFolderLimit, true);
      assert.deepEqual(bounded.warnings, ['stopped after 3 folders: the folders after them were not searched']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('language server: "Lint all drafts" with pulled diagnostics', function () {
  this.timeout(60000);
  let workspace: string;
  let client: TestClient;
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'mandate-lint-pull-workspace-'));
    writeFileSync(join(workspace, '.mandatelintrc.json'), JSON.stringify({ root: true }));
    writeFileSync(join(workspace, 'a.mandate.md'), weak);
    client = await startClient({ workspace, pull: true });
  });
  after(async () => {
    await client?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  it("clears a draft's pushed findings when it opens (the client pulls them then) and pushes them from disk again when it closes", async () => {
    const uri = pathToFileURL(join(workspace, 'a.mandate.md')).toString();
    const lastPush = () => [...client.diagnostics].reverse().find((d) => d.uri === uri);
    const summary = (await client.connection.sendRequest('workspace/executeCommand', { command: 'mandateLint.server.lintWorkspace', arguments: [] })) as WorkspaceLintSummary;
    assert.equal(summary.files, 1);
    const pushed = await client.waitFor(() => lastPush());
    assert.ok(pushed.diagnostics.length > 0, 'the closed draft gets its findings pushed');
    const before = client.diagnostics.length;

    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: weak } });
    const cleared = await client.waitFor(() => client.diagnostics.slice(before).find((d) => d.uri === uri));
    assert.deepEqual(cleared.diagnostics, [], 'opening clears the pushed findings, so that the pulled ones are not shown twice');
    const pulled = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
    assert.equal(pulled.items.length, pushed.diagnostics.length);
    // An edit that is never saved: once closed, the findings are the file's on disk again.
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '# An unsaved draft\n\nNothing here.\n' }] });
    const emptied = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
    assert.ok(emptied.items.length < pushed.diagnostics.length);
    const opened = client.diagnostics.length;

    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const kept = await client.waitFor(() => client.diagnostics.slice(opened).find((d) => d.uri === uri));
    assert.deepEqual(kept.diagnostics, pushed.diagnostics, 'closing pushes the findings of the file on disk');
  });

  it('clears the findings of a draft deleted while it was open, once it is closed', async () => {
    const file = join(workspace, 'b.mandate.md');
    writeFileSync(file, weak);
    const uri = pathToFileURL(file).toString();
    await client.connection.sendRequest('workspace/executeCommand', { command: 'mandateLint.server.lintWorkspace', arguments: [] });
    await client.waitFor(() => [...client.diagnostics].reverse().find((d) => d.uri === uri && d.diagnostics.length > 0));
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: weak } });
    await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    rmSync(file);
    const before = client.diagnostics.length;
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const last = await client.waitFor(() => client.diagnostics.slice(before).find((d) => d.uri === uri));
    assert.deepEqual(last.diagnostics, []);
  });
});
