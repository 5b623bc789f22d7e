/**
 * Rule links in diagnostics and hovers (issue 13, point 8): the page the extension ships, opened by the client's
 * command or as the file on disk, and no link at all when neither is there. Never a web address: the project has
 * no site.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { docsLink } from '../../src/lsp/diagnostics';
import { cleanWorkspaces, makeWorkspace } from '../helpers/workspace';
import { startClient, type TestClient } from './client';

const DOCS = join(__dirname, '..', '..', 'docs');
const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');

async function lintWeak(client: TestClient, ws: string): Promise<{ diagnostics: Diagnostic[]; hover: string }> {
  const uri = `file://${ws}/weak.mandate.md`;
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: weak } });
  const report = await client.waitFor(() => client.diagnostics.find((d) => d.uri === uri && d.version === 1));
  const drift = report.diagnostics.find((d) => d.code === 'train-and-equip-drift');
  assert.ok(drift, 'the weak draft has a train-and-equip-drift finding');
  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: drift.range.start })) as Hover;
  return { diagnostics: report.diagnostics, hover: (hover.contents as { value: string }).value };
}

describe('rule links (docs pages that exist offline)', function () {
  this.timeout(30000);
  let ws: string;
  before(() => {
    ws = makeWorkspace({ 'weak.mandate.md': weak });
  });
  after(() => cleanWorkspaces());

  it('links a rule to its page in the docs folder as a file URL that exists, found once per rule', () => {
    for (const id of ['missing-hrddp', 'train-and-equip-drift', 'reform-framing']) {
      const url = docsLink(DOCS, id);
      assert.ok(url?.startsWith('file://'), url);
      assert.ok(existsSync(fileURLToPath(url!)), url);
      assert.ok(url!.endsWith(`/docs/rules/${id}.md`), url);
      assert.equal(docsLink(DOCS, id), url);
    }
  });

  it('gives no link when the page is not on disk, rather than a web address', () => {
    assert.equal(docsLink(undefined, 'missing-hrddp'), undefined);
    assert.equal(docsLink(join(DOCS, 'no-such-folder'), 'missing-hrddp'), undefined);
    assert.equal(docsLink(DOCS, 'no-such-rule'), undefined);
    assert.equal(docsLink(undefined, 'missing-hrddp', 'mandateLint.openRuleDocs'), `command:mandateLint.openRuleDocs?${encodeURIComponent('["missing-hrddp"]')}`);
  });

  it('a server with no docs folder publishes no codeDescription and a hover with the rule id unlinked', async () => {
    const client = await startClient({ workspace: ws, initializationOptions: { docsDir: join(ws, 'no-docs-here') } });
    try {
      const { diagnostics, hover } = await lintWeak(client, ws);
      assert.ok(diagnostics.length >= 4);
      for (const d of diagnostics) assert.equal(d.codeDescription, undefined, `${d.code}: ${JSON.stringify(d.codeDescription)}`);
      assert.match(hover, /`train-and-equip-drift`/);
      assert.doesNotMatch(hover, /\]\((?:https?|file):/);
      assert.doesNotMatch(JSON.stringify(diagnostics) + hover, /https?:\/\//);
    } finally {
      await client.stop();
    }
  });

  it("a server given the client's command links every rule through it (VS Code for the Web has no docs folder on disk)", async () => {
    const client = await startClient({ workspace: ws, initializationOptions: { docsDir: undefined, ruleDocsCommand: 'mandateLint.openRuleDocs' } });
    try {
      const { diagnostics, hover } = await lintWeak(client, ws);
      for (const d of diagnostics.filter((x) => x.code)) {
        assert.equal(d.codeDescription?.href, `command:mandateLint.openRuleDocs?${encodeURIComponent(JSON.stringify([d.code]))}`);
      }
      assert.ok(hover.includes(`[train-and-equip-drift](command:mandateLint.openRuleDocs?${encodeURIComponent('["train-and-equip-drift"]')})`), hover);
    } finally {
      await client.stop();
    }
  });
});
