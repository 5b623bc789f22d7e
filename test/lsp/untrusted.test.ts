/**
 * An untrusted workspace (issue 13, point 7): the same findings as in a trusted one with the built-in lexicons (only
 * the regular expressions of workspace lexicons are left out, and a warning says so), a status whose counts are the
 * diagnostics' own, and a quick fix that offers to trust the workspace.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { spawnSync } from 'node:child_process';
import type { FileResult } from '../../src/core/results';
import type { DraftStatus } from '../../src/protocol';
import { prepareWorkspace } from '../vscode/workspace';
import { startClient, type TestClient } from './client';

const ROOT = join(__dirname, '..', '..');

describe('an untrusted workspace', function () {
  this.timeout(60000);
  let ws: string;
  const clients: TestClient[] = [];
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'mandate-lint-untrusted-'));
    prepareWorkspace(ROOT, ws);
  });
  after(async () => {
    for (const c of clients) await c.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  async function lintIn(trusted: boolean, rel: string): Promise<{ client: TestClient; uri: string; diagnostics: Diagnostic[]; status: DraftStatus }> {
    const client = await startClient({ workspace: ws, trusted });
    clients.push(client);
    const uri = pathToFileURL(join(ws, rel)).toString();
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: rel.endsWith('.mandate.md') ? 'mandate' : 'markdown', version: 1, text: readFileSync(join(ws, rel), 'utf8') } });
    const published = await client.waitFor(() => client.diagnostics.find((d) => d.uri === uri), 20000);
    const status = await client.waitFor(() => client.notifications.map((n) => n.params as DraftStatus).find((s) => s.uri === uri), 20000);
    return { client, uri, diagnostics: published.diagnostics, status };
  }

  const findings = (list: Diagnostic[]) => list.filter((d) => typeof d.code === 'string').map((d) => `${d.range.start.line}:${d.code}:${d.message}`).sort();

  it('finds in a draft what the CLI finds with the built-in lexicons', async () => {
    const untrusted = await lintIn(false, 'weak-mandate.md');
    const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', 'weak-mandate.md'], { cwd: ws, encoding: 'utf8' });
    const messages = (JSON.parse(cli.stdout) as FileResult[])[0].messages;
    assert.ok(messages.length >= 20);
    assert.equal(findings(untrusted.diagnostics).length, messages.length);
    assert.deepEqual(
      untrusted.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}:${d.code}`).sort(),
      messages.map((m) => `${m.line}:${m.column}:${m.ruleId}`).sort(),
    );
  });

  it('keeps the team draft\'s findings and says which team patterns it left out', async () => {
    const trusted = await lintIn(true, 'team/draft.mandate.md');
    const untrusted = await lintIn(false, 'team/draft.mandate.md');
    assert.ok(findings(untrusted.diagnostics).length >= 20);
    assert.ok(Math.abs(findings(untrusted.diagnostics).length - findings(trusted.diagnostics).length) <= 3, 'only what the team\'s regular expressions found differs');
    const warning = untrusted.diagnostics.filter((d) => typeof d.code !== 'string');
    assert.deepEqual(warning.map((d) => d.message), ['Configuration lexicon.json:1:1: 1 regular expression not used: this workspace is not trusted']);
    assert.equal(trusted.status.untrusted, undefined);
    assert.equal(untrusted.status.untrusted, true);
  });

  it('counts in its status what the Problems panel shows, configuration warnings included', async () => {
    const { diagnostics, status } = await lintIn(false, 'team/draft.mandate.md');
    const count = (severity: number) => diagnostics.filter((d) => (d.severity ?? 1) === severity).length;
    assert.deepEqual([status.errors, status.warnings, status.infos], [count(1), count(2), count(3) + count(4)]);
    assert.ok(status.warnings > diagnostics.filter((d) => d.severity === 2 && typeof d.code === 'string').length, 'the configuration warning is counted');
  });

  it('offers to trust the workspace on the warning about the left-out patterns', async () => {
    const { client, uri, diagnostics } = await lintIn(false, 'team/draft.mandate.md');
    const warning = diagnostics.find((d) => /not trusted/.test(d.message))!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: warning.range, context: { diagnostics: [warning] } })) as CodeAction[];
    const trust = actions.find((a) => a.title === 'Trust workspace to use team lexicons');
    assert.ok(trust, actions.map((a) => a.title).join('\n'));
    assert.equal(trust.command?.command, 'mandateLint.trustWorkspace');
  });
});
