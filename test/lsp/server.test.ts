/** The language server over the real protocol: sync, diagnostics, hover, fixes, completion, outline, settings, abuse. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, WorkDoneProgress, type CodeAction, type CompletionItem, type Diagnostic, type DocumentSymbol, type FoldingRange, type Hover, type TextEdit, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol';
import { cleanWorkspaces, makeWorkspace } from '../helpers/workspace';
import { startClient, type TestClient } from './client';

const weak = readFileSync(join(__dirname, '..', '..', 'examples', 'weak-mandate.md'), 'utf8');
const strong = readFileSync(join(__dirname, '..', '..', 'examples', 'strong-mandate.md'), 'utf8');

function open(client: TestClient, uri: string, text: string, languageId = 'mandate', version = 1): void {
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

function latest(client: TestClient, uri: string) {
  const all = client.diagnostics.filter((d) => d.uri === uri);
  return all[all.length - 1];
}

async function diagnosticsFor(client: TestClient, uri: string, version?: number): Promise<Diagnostic[]> {
  const report = await client.waitFor(() => {
    const last = latest(client, uri);
    return last && (version === undefined || last.version === version) ? last : undefined;
  });
  return report.diagnostics;
}

describe('language server (push diagnostics)', function () {
  this.timeout(30000);
  let client: TestClient;
  let ws: string;
  before(async () => {
    ws = makeWorkspace({
      'drafts/weak.mandate.md': weak,
      'drafts/strong.mandate.md': strong,
      'drafts/notes.md': '# Notes\n\nShopping list: bread, milk.\n',
      'README.md': '# Read me\n\nThe Security Council,\n\n1. Requests the Mission to train the army;\n',
    });
    client = await startClient({ workspace: ws });
  });
  after(async () => {
    await client.stop();
    cleanWorkspaces();
  });

  it('publishes diagnostics for an opened draft, with rule codes, docs links and the lesson in the message', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    open(client, uri, weak);
    const diagnostics = await diagnosticsFor(client, uri, 1);
    const codes = new Set(diagnostics.map((d) => d.code));
    for (const rule of ['missing-governance', 'missing-benchmarks', 'missing-gender', 'train-and-equip-drift']) assert.ok(codes.has(rule), rule);
    for (const d of diagnostics) {
      assert.equal(d.source, 'mandate-lint');
      // The page the extension ships, on disk (the project has no web site).
      assert.ok(d.codeDescription!.href.startsWith('file://') && existsSync(fileURLToPath(d.codeDescription!.href)), d.codeDescription!.href);
      assert.ok(d.codeDescription!.href.endsWith(`/docs/rules/${d.code}.md`), d.codeDescription!.href);
      assert.match(d.message, /\((review|SG report)/);
    }
    const status = await client.waitFor(() => client.notifications.find((n) => n.method === 'mandateLint/status' && (n.params as { uri: string }).uri === uri));
    assert.equal((status.params as { docType: string }).docType, 'mandate');
  });

  it('re-lints after incremental changes and never publishes a stale version', async () => {
    const uri = `file://${ws}/drafts/strong.mandate.md`;
    open(client, uri, strong);
    assert.equal((await diagnosticsFor(client, uri, 1)).length, 0);
    const doc = TextDocument.create(uri, 'mandate', 1, strong);
    let version = 1;
    const line = strong.split('\n').length;
    for (const piece of ['\n', '4', '0', '. *Requests* ', 'UNSMIX to train ', 'the national army', ';\n']) {
      version++;
      const end = doc.positionAt(doc.getText().length);
      TextDocument.update(doc, [{ range: { start: end, end }, text: piece }], version);
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: end, end }, text: piece }] });
    }
    const diagnostics = await diagnosticsFor(client, uri, version);
    assert.ok(diagnostics.some((d) => d.code === 'train-and-equip-drift' && d.range.start.line >= line - 1), JSON.stringify(diagnostics.map((d) => [d.code, d.range.start.line])));
    const versions = client.diagnostics.filter((d) => d.uri === uri).map((d) => d.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only go forward');
    assert.ok(!versions.some((v) => v > 1 && v < version), `intermediate versions were published: ${versions}`);
  });

  it('explains a finding on hover: the lesson, what good language looks like and a docs link', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    const diagnostics = await diagnosticsFor(client, uri);
    const drift = diagnostics.find((d) => d.code === 'train-and-equip-drift' && d.range.start.line > 0)!;
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: drift.range.start })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Capability support without a governance counterweight/);
    assert.match(value, /review, lesson 9/);
    assert.match(value, /What good language looks like/);
    assert.match(value, /\[train-and-equip-drift\]\(file:\/\/.*train-and-equip-drift\.md\)/);
    assert.ok(!value.includes(drift.message.split('. ')[0]), 'the hover does not repeat the message the editor shows');
    const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 0 } });
    assert.equal(nothing, null);
  });

  it('keeps the title short: one hover line per document finding, each clause once in its menu, disabling grouped (issue 13, point 4)', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    const diagnostics = await diagnosticsFor(client, uri);
    const title = diagnostics.filter((d) => d.range.start.line === 0);
    assert.ok(title.length >= 5, `${title.length} findings on the title`);
    assert.equal(new Set(title.map((d) => d.code)).size, title.length, 'one diagnostic per rule');
    assert.ok(title.every((d) => (d.relatedInformation ?? []).length >= 1), 'related locations carry the evidence of a document finding');
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: title[0].range.start })) as Hover;
    const value = (hover.contents as { value: string }).value;
    const visible = value.replace(/\]\([^)]*\)/g, ']');
    assert.ok(visible.length < 120 * title.length, `${visible.length} visible characters`);
    assert.match(value, /\[show the \d+ paragraphs\]\(command:mandateLint\.showEvidence\?/);
    for (const d of title) assert.ok(!value.includes(d.message.split('. ')[0]), `${d.code}: message not repeated`);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: title[0].range, context: { diagnostics: title } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.equal(new Set(titles).size, titles.length, titles.join('\n'));
    assert.ok(titles.length <= title.length + 2, `${titles.length} entries:\n${titles.join('\n')}`);
    assert.equal(actions.filter((a) => a.isPreferred).length, 1);
    assert.ok(actions[0].isPreferred, 'the best clause first');
    const disable = actions.filter((a) => /^Disable/.test(a.title));
    assert.deepEqual(disable.map((a) => a.title), [`Disable a rule… (${title.length} rules here)`]);
    const [, choices] = disable[0].command!.arguments as [string, Array<{ label: string }>];
    assert.deepEqual(choices.map((c) => c.label).sort(), title.map((d) => `Disable ${d.code} for this file`).sort());
  });

  it('offers quick fixes whose edits clear the finding', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    const diagnostics = await diagnosticsFor(client, uri);
    const drift = diagnostics.find((d) => d.code === 'train-and-equip-drift' && d.range.start.line > 0)!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: drift.range, context: { diagnostics: [drift] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => /^Add to this paragraph/.test(t)), titles.join('\n'));
    assert.ok(titles.some((t) => /^Disable train-and-equip-drift for this paragraph/.test(t)));
    assert.ok(titles.some((t) => /^Fix all train-and-equip-drift findings/.test(t)));
    const preferred = actions.find((a) => a.isPreferred)!;
    const edits = preferred.edit!.changes![uri] as TextEdit[];
    const doc = TextDocument.create(uri, 'mandate', 1, weak);
    const fixed = TextDocument.applyEdits(doc, edits);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await diagnosticsFor(client, uri, 2);
    assert.ok(!after.some((d) => d.code === 'train-and-equip-drift' && d.range.start.line === drift.range.start.line));
  });

  it('fixes the paragraph a diagnostic of the previous version is on, as the editor moved it, never another', async () => {
    const uri = `file://${ws}/drafts/stale-diagnostic.mandate.md`;
    client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mandate', version: 1, text: weak } });
    const first = await diagnosticsFor(client, uri, 1);
    const gender = first.filter((d) => d.code === 'missing-gender' && (d.data as { level?: string })?.level === 'paragraph');
    assert.ok(gender.length >= 2, 'two paragraph findings of one rule');
    const target = gender[gender.length - 1];
    // Copy the paragraph of the first finding above it: the target's index in the new lint is another finding's.
    const lines = weak.split('\n');
    const from = gender[0].range.start.line;
    let end = from;
    while (end + 1 < lines.length && lines[end + 1].trim() !== '') end++;
    const block = lines.slice(from, end + 1).join('\n') + '\n\n';
    const added = block.split('\n').length - 1;
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: from, character: 0 }, end: { line: from, character: 0 } }, text: block }] });
    // What an editor sends before the new diagnostics arrive: the old diagnostic, moved down with the text.
    const moved = { ...target, range: { start: { ...target.range.start, line: target.range.start.line + added }, end: { ...target.range.end, line: target.range.end.line + added } } };
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: moved.range, context: { diagnostics: [moved] } })) as CodeAction[];
    const inline = actions.find((a) => /^Add to this paragraph/.test(a.title));
    assert.ok(inline, actions.map((a) => a.title).join('\n'));
    const edit = inline.edit!.changes![uri][0] as TextEdit;
    const text2 = [...lines.slice(0, from), ...block.split('\n').slice(0, -1), ...lines.slice(from)].join('\n');
    const doc = TextDocument.create(uri, 'mandate', 2, text2);
    // The clause goes into the paragraph the moved diagnostic is on: no blank line between them.
    const between = text2.slice(doc.offsetAt(moved.range.start), doc.offsetAt(edit.range.start));
    assert.doesNotMatch(between, /\n\s*\n/, `the fix edits line ${edit.range.start.line}, the diagnostic is on line ${moved.range.start.line}`);
    assert.ok(doc.offsetAt(edit.range.start) > doc.offsetAt(moved.range.start));
  });

  it('completes clauses from the snippet library at the start of a paragraph', async () => {
    const uri = `file://${ws}/drafts/new.mandate.md`;
    const text = '# Draft\n\nThe Security Council,\n\n1. *Requests* UNSMIX to support the police;\n\n2. ';
    open(client, uri, text);
    await diagnosticsFor(client, uri, 1);
    const items = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 3 } })) as CompletionItem[];
    assert.ok(items.length >= 12, `only ${items.length} items`);
    const hrddp = items.find((i) => /Human rights due diligence/.test(i.label))!;
    assert.equal(hrddp.insertTextFormat, 2);
    assert.match((hrddp.textEdit as TextEdit).newText, /^\*Requests\* UNSMIX to ensure that all support/);
    const mid = (await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 20 } })) as CompletionItem[];
    assert.equal(mid.length, 0, 'no clause offered in the middle of a sentence');
  });

  it('returns an outline by number and verb, and folding ranges', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    await diagnosticsFor(client, uri);
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Preamble'));
    assert.ok(names.some((n) => /^3\. Decides$/.test(n)));
    const three = symbols.find((s) => s.name === '3. Decides')!;
    assert.ok(three.children!.some((c) => /^\(b\)/.test(c.name)));
    const folds = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    assert.ok(folds.some((f) => f.endLine > f.startLine));
  });

  it('applies settings changes: a rule turned off in settings disappears', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    client.settings = { ...client.settings, rules: { 'missing-gender': 'off' } };
    const before = client.diagnostics.length;
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor(() => client.diagnostics.slice(before).some((d) => d.uri === uri));
    const diagnostics = latest(client, uri).diagnostics;
    assert.ok(!diagnostics.some((d) => d.code === 'missing-gender'));
    assert.ok(diagnostics.some((d) => d.code === 'train-and-equip-drift'));
    client.settings = { ...client.settings, rules: {} };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('picks up a .mandatelintrc.json change', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(ws, '.mandatelintrc.json'), JSON.stringify({ root: true, rules: { 'train-and-equip-drift': 'off' } }));
    const before = client.diagnostics.length;
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${ws}/.mandatelintrc.json`, type: 1 }] });
    await client.waitFor(() => client.diagnostics.slice(before).find((d) => d.uri === uri && !d.diagnostics.some((x) => x.code === 'train-and-equip-drift')));
    writeFileSync(join(ws, '.mandatelintrc.json'), JSON.stringify({ root: true }));
    client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${ws}/.mandatelintrc.json`, type: 2 }] });
  });

  it('leaves README files and ordinary Markdown alone', async () => {
    const readme = `file://${ws}/README.md`;
    const notes = `file://${ws}/drafts/notes.md`;
    open(client, readme, readFileSync(join(ws, 'README.md'), 'utf8'), 'markdown');
    open(client, notes, '# Notes\n\nShopping list: bread, milk.\n', 'markdown');
    assert.deepEqual(await diagnosticsFor(client, readme, 1), []);
    assert.deepEqual(await diagnosticsFor(client, notes, 1), []);
    const status = await client.waitFor(() => client.notifications.find((n) => n.method === 'mandateLint/status' && (n.params as { uri: string }).uri === readme));
    assert.equal((status.params as { handled: boolean }).handled, false);
  });

  it('lints Markdown drafts that declare themselves in front matter or read like a resolution', async () => {
    const front = `file://${ws}/drafts/plan.md`;
    open(client, front, '---\nmandate-lint: strategy\n---\n\n# Plan\n\n- Deliver training and vehicles to the national police.\n', 'markdown');
    assert.ok((await diagnosticsFor(client, front, 1)).some((d) => d.code === 'train-and-equip-drift'));
    const detected = `file://${ws}/drafts/draft.md`;
    open(client, detected, '# Draft\n\nThe Security Council,\n\n1. *Requests* UNSMIX to provide equipment to the national army;\n', 'markdown');
    assert.ok((await diagnosticsFor(client, detected, 1)).some((d) => d.code === 'train-and-equip-drift'));
  });

  it('builds the coverage report for an open draft, with the client nonce, and explains when it cannot', async () => {
    const uri = `file://${ws}/drafts/weak.mandate.md`;
    open(client, uri, weak);
    await diagnosticsFor(client, uri);
    const report = (await client.connection.sendRequest('mandateLint/coverageReport', { uri, nonce: 'n0nceABCDEF', cspSource: 'vscode-webview://abc' })) as { html: string; markdown: string; counts: Record<string, number> };
    assert.match(report.html, /<script nonce="n0nceABCDEF">/);
    assert.match(report.html, /script-src 'nonce-n0nceABCDEF'/);
    assert.match(report.html, /<h2>weak\.mandate\.md<\/h2>/);
    assert.match(report.markdown, /review, lesson 9/);
    assert.ok(report.counts['not-addressed'] > report.counts.addressed);
    const hostile = (await client.connection.sendRequest('mandateLint/coverageReport', { uri, nonce: "x' 'unsafe-inline", cspSource: '"><script>' })) as { html: string };
    assert.ok(!hostile.html.includes("nonce-x'") && !/script-src[^;]*unsafe-inline/.test(hostile.html), 'a malformed nonce is not let into the policy');
    assert.ok(!hostile.html.includes('"><script>'));
    const notOpen = (await client.connection.sendRequest('mandateLint/coverageReport', { uri: 'file:///nowhere.md', nonce: 'abcdefgh', cspSource: '' })) as { error: string };
    assert.match(notOpen.error, /not open/);
    const notes = `file://${ws}/drafts/notes.md`;
    open(client, notes, '# Notes\n\nShopping list: bread, milk.\n', 'markdown');
    const notDraft = (await client.connection.sendRequest('mandateLint/coverageReport', { uri: notes, nonce: 'abcdefgh', cspSource: '' })) as { error: string };
    assert.match(notDraft.error, /does not check this file/);
  });

  it('lints the whole workspace on command', async () => {
    const summary = (await client.connection.sendRequest('workspace/executeCommand', { command: 'mandateLint.server.lintWorkspace', arguments: [] })) as { files: number; errors: number };
    assert.ok(summary.files >= 2, JSON.stringify(summary));
    assert.ok(summary.errors > 0);
  });

  it('reports how many files it has read while it lints the workspace, when the client gives a token (issue 13, point 9)', async () => {
    const seen: Array<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd> = [];
    const listening = client.connection.onProgress(WorkDoneProgress.type, 'lint-all-1', (value) => seen.push(value));
    const summary = (await client.connection.sendRequest('workspace/executeCommand', { command: 'mandateLint.server.lintWorkspace', arguments: [], workDoneToken: 'lint-all-1' })) as { files: number };
    await client.waitFor(() => seen.some((v) => v.kind === 'end'));
    listening.dispose();
    assert.equal(seen[0].kind, 'begin');
    assert.equal(seen[seen.length - 1].kind, 'end');
    const reports = seen.filter((v): v is WorkDoneProgressReport => v.kind === 'report');
    const total = Number(/^0 of (\d+) files? read$/.exec((seen[0] as WorkDoneProgressBegin).message ?? '')?.[1]);
    assert.ok(total >= summary.files && summary.files >= 2, `${total} files read, ${summary.files} drafts`);
    // Counted up to every file, the bar filling to 100, never going back.
    assert.equal(reports[reports.length - 1].message, `${total} of ${total} files read`);
    assert.equal(reports[reports.length - 1].percentage, 100);
    for (let i = 1; i < reports.length; i++) assert.ok((reports[i].percentage ?? 0) > (reports[i - 1].percentage ?? 0), JSON.stringify(reports));
  });

  it('stops linting the workspace when the client cancels, and says how far it got', async () => {
    // A workspace of its own, large enough that the run is still going when the first report arrives.
    const files: Record<string, string> = { '.mandatelintrc.json': JSON.stringify({ root: true }) };
    for (let i = 0; i < 300; i++) files[`many/draft-${i}.mandate.md`] = weak.replace('Kalindor', `Kalindor ${i}`);
    const many = makeWorkspace(files);
    const other = await startClient({ workspace: many });
    try {
      const source = new CancellationTokenSource();
      const seen: WorkDoneProgressReport[] = [];
      const listening = other.connection.onProgress(WorkDoneProgress.type, 'lint-all-cancel', (value) => {
        if (value.kind !== 'report') return;
        seen.push(value);
        source.cancel();
      });
      const summary = (await other.connection.sendRequest('workspace/executeCommand', { command: 'mandateLint.server.lintWorkspace', arguments: [], workDoneToken: 'lint-all-cancel' }, source.token)) as { files: number; cancelled?: boolean };
      listening.dispose();
      assert.equal(summary.cancelled, true, JSON.stringify(summary));
      assert.ok(seen.length >= 1 && summary.files >= 1 && summary.files < 300, `stopped after ${summary.files} of 300 drafts`);
      // Not cancelled, the same server reads them all.
      const whole = (await other.connection.sendRequest('workspace/executeCommand', { command: 'mandateLint.server.lintWorkspace', arguments: [] })) as { files: number; cancelled?: boolean };
      assert.deepEqual([whole.files, whole.cancelled], [300, undefined]);
    } finally {
      await other.stop();
    }
  });

  it('survives malformed requests and hostile documents, and keeps answering', async () => {
    await assert.rejects(client.connection.sendRequest('textDocument/unknownThing', {}), /Unhandled method|not found/i);
    assert.equal(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.connection.sendRequest('textDocument/hover', {}), null);
    assert.deepEqual(await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: 'file:///x' } }), []);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.md', version: 3 }, contentChanges: [{ text: 'x' }] });
    const hostile: Array<[string, string]> = [
      ['binary', Array.from({ length: 20000 }, (_, i) => String.fromCharCode(i % 256)).join('')],
      ['huge', 'Requests the Mission to train and equip the national army;\n\n'.repeat(16000)],
      ['nested', '> '.repeat(3000) + 'police reform'],
      ['brackets', '['.repeat(50000)],
    ];
    for (const [name, text] of hostile) {
      const uri = `file://${ws}/drafts/${name}.mandate.md`;
      open(client, uri, text);
      await diagnosticsFor(client, uri, 1);
    }
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: `file://${ws}/drafts/weak.mandate.md` } });
    assert.ok(Array.isArray(symbols) && symbols.length > 0, 'still answering');
    assert.equal(client.process.exitCode, null, 'the server is still running');
  });
});

describe('language server (pull diagnostics)', function () {
  this.timeout(20000);
  let client: TestClient;
  before(async () => {
    client = await startClient({ pull: true });
  });
  after(() => client.stop());

  it('answers textDocument/diagnostic with the current version and "unchanged" when nothing changed', async () => {
    const uri = 'file:///tmp/pull-test.mandate.md';
    open(client, uri, weak);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[]; resultId: string };
    assert.equal(report.kind, 'full');
    assert.ok(report.items.some((d) => d.code === 'missing-governance'));
    const again = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId })) as { kind: string };
    assert.equal(again.kind, 'unchanged');
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: strong }] });
    const changed = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId })) as { kind: string; items: Diagnostic[]; resultId: string };
    assert.equal(changed.kind, 'full');
    assert.notEqual(changed.resultId, report.resultId);
    assert.deepEqual(changed.items, []);
    assert.equal(client.diagnostics.length, 0, 'no push diagnostics in pull mode');
  });

  it('answers with a full report after a settings change, even though the text is the same', async () => {
    const uri = 'file:///tmp/pull-settings.mandate.md';
    open(client, uri, weak);
    const first = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[]; resultId: string };
    assert.ok(first.items.some((d) => d.code === 'missing-gender'));
    client.settings = { ...client.settings, rules: { 'missing-gender': 'off' } };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const after = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId })) as { kind: string; items: Diagnostic[]; resultId: string };
    assert.equal(after.kind, 'full', 'a stale "unchanged" would keep the old findings on screen');
    assert.ok(!after.items.some((d) => d.code === 'missing-gender'));
    assert.ok(after.items.some((d) => d.code === 'train-and-equip-drift'));
    client.settings = { ...client.settings, rules: {} };
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('answers with a full report for a draft closed and opened again at the same version with another text', async () => {
    const uri = 'file:///tmp/pull-reopened.mandate.md';
    open(client, uri, weak);
    const first = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[]; resultId: string };
    assert.ok(first.items.length > 0);
    client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    open(client, uri, strong);
    const reopened = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId })) as { kind: string; items: Diagnostic[]; resultId: string };
    assert.equal(reopened.kind, 'full', 'an "unchanged" would keep the weak draft\'s findings on the strong one');
    assert.deepEqual(reopened.items, []);
  });
});
