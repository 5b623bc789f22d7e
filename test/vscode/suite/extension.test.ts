/** Drives the real VS Code API: diagnostics, hover, quick fixes, completion, outline, settings, commands. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DOCUMENT_TEXT_REQUEST, SERVER_EXEC_ARGV } from '../../../src/protocol';
import { answerDocumentText } from '../../../client/src/server-commands';

interface Api {
  activationMs: number;
  ready: Promise<void>;
  serverReadyMs(): number | undefined;
  statusBarText(): string;
  statusFor(uri: vscode.Uri): { handled: boolean; docType?: string; docTypeSource?: string } | undefined;
}

const RULES = ['missing-governance', 'missing-benchmarks', 'missing-gender', 'train-and-equip-drift'];

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 30000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** VS Code cancels provider requests when something else changes in the meantime; ask again as the UI does. */
async function executeWithRetry<T>(command: string, ...args: unknown[]): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand(command, ...args)) as T;
    } catch (error) {
      if (attempt >= 5 || !/Canceled/i.test(String((error as Error)?.message ?? error))) throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'mandate-lint');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code ? String(d.code.value) : String(d.code);
}

describe('Mandate Lint in VS Code', () => {
  let api: Api;
  const weak = () => workspaceFile('weak-mandate.md');

  let measuredActivationMs: number | undefined;
  before(async () => {
    const extension = vscode.extensions.getExtension<Api>('mandate-lint.mandate-lint');
    assert.ok(extension, 'the extension is installed');
    const wasActive = extension.isActive;
    const started = Date.now();
    api = await extension.activate();
    if (!wasActive) measuredActivationMs = Date.now() - started;
    await api.ready;
    (globalThis as { mandateLintMetrics?: object }).mandateLintMetrics = { activationMs: api.activationMs, measuredActivationMs, wasActive, serverReadyMs: api.serverReadyMs() };
  });

  after(async () => {
    await vscode.workspace.getConfiguration('mandateLint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates in under 500 ms', () => {
    assert.ok(api.activationMs < 500, `activation took ${api.activationMs} ms`);
    if (measuredActivationMs !== undefined) assert.ok(measuredActivationMs < 500, `activate() took ${measuredActivationMs} ms`);
  });

  it('contributes the mandate language for *.mandate.md files', async () => {
    const uri = workspaceFile('check.mandate.md');
    writeFileSync(uri.fsPath, '# Check\n\nThe Security Council,\n\n1. *Requests* UNSMIX to provide equipment to the national army;\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'mandate');
    await waitFor(() => ours(uri).some((d) => codeOf(d) === 'train-and-equip-drift'), 'diagnostics on the .mandate.md file');
  });

  it('shows diagnostics from all four rules when a weak draft is opened', async () => {
    const doc = await vscode.workspace.openTextDocument(weak());
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor(() => {
      const found = ours(weak());
      return RULES.every((r) => found.some((d) => codeOf(d) === r)) && found;
    }, 'diagnostics from all four rules');
    assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(diagnostics.every((d) => /\((review|SG report)/.test(d.message)));
  });

  it('starts its language server with the young generation a long draft needs (issue 9)', async function () {
    if (process.platform !== 'linux') this.skip();
    await waitFor(() => ours(weak()).length > 0, 'diagnostics, so that the server runs');
    const server = join(vscode.extensions.getExtension('mandate-lint.mandate-lint')!.extensionPath, 'dist', 'server.js');
    const commandLine = (pid: string) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      } catch {
        return []; // a process that ended meanwhile
      }
    };
    const servers = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).map(commandLine).filter((args) => args.includes(server));
    assert.ok(servers.length > 0, `a process runs ${server}`);
    for (const args of servers) assert.ok(SERVER_EXEC_ARGV.every((flag) => args.indexOf(flag) >= 0 && args.indexOf(flag) < args.indexOf(server)), `Node options before the module: ${args.join(' ')}`);
  });

  it('gives the server the text and version the editor has of a document the server lost (issue 9)', async () => {
    // The handler both clients register, called as the server's request would call it.
    const handlers = new Map<string, (params: unknown) => unknown>();
    const client = { onRequest: (method: string, handler: (params: unknown) => unknown) => void handlers.set(method, handler), code2ProtocolConverter: { asUri: (uri: vscode.Uri) => uri.toString() } };
    answerDocumentText(client as unknown as BaseLanguageClient);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '1. *Requests* the Mission to support the police;\n' });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), '# Draft\n\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const answer = handlers.get(DOCUMENT_TEXT_REQUEST)!({ uri: doc.uri.toString() });
    assert.deepEqual(answer, { version: doc.version, text: '# Draft\n\n1. *Requests* the Mission to support the police;\n' });
    assert.ok(doc.version > 1);
    assert.equal(handlers.get(DOCUMENT_TEXT_REQUEST)!({ uri: 'file:///nowhere/not-open.md' }), null);
  });

  it('shows the draft status in the status bar', async () => {
    const text = await waitFor(() => api.statusBarText(), 'status bar text');
    assert.match(text, /mandate/);
  });

  it('answers hovers with the lesson behind a finding', async () => {
    const drift = ours(weak()).find((d) => codeOf(d) === 'train-and-equip-drift' && d.range.start.line > 0)!;
    const hovers = await executeWithRetry<vscode.Hover[]>('vscode.executeHoverProvider', weak(), drift.range.start);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /review, lesson 9/);
    assert.match(text, /What good language looks like/);
  });

  it('keeps the title short: a one-line hover per whole-draft finding, each clause once, disabling grouped (issue 13, point 4)', async () => {
    const title = await waitFor(() => {
      const found = ours(weak()).filter((d) => d.range.start.line === 0);
      return found.length >= 5 && found;
    }, 'the document findings on the title');
    assert.equal(new Set(title.map(codeOf)).size, title.length, 'one diagnostic per rule');
    const hovers = await executeWithRetry<vscode.Hover[]>('vscode.executeHoverProvider', weak(), title[0].range.start);
    const contents = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    const visible = contents.replace(/\]\([^)]*\)/g, ']');
    assert.ok(visible.length < 120 * title.length, `${visible.length} visible characters in the title's hover`);
    for (const d of title) assert.ok(!contents.includes(d.message.split('. ')[0]), `${codeOf(d)}: the message is not repeated`);
    const link = /\[show the (\d+) paragraphs\]\(command:mandateLint\.showEvidence\?([^)]+)\)/.exec(contents);
    assert.ok(link, contents);
    const args = JSON.parse(decodeURIComponent(link[2])) as [string, number[][]];
    assert.equal(await vscode.commands.executeCommand('mandateLint.showEvidence', ...args), args[1].length, 'the link shows the evidence');
    await vscode.commands.executeCommand('closeReferenceSearch');

    const actions = await executeWithRetry<vscode.CodeAction[]>('vscode.executeCodeActionProvider', weak(), title[0].range, vscode.CodeActionKind.QuickFix.value);
    const ourActions = actions.filter((a) => /^(Insert|Add|Disable|Fix all)/.test(a.title));
    const titles = ourActions.map((a) => a.title);
    assert.equal(new Set(titles).size, titles.length, titles.join('\n'));
    assert.ok(ourActions.length <= title.length + 2, `${ourActions.length} entries:\n${titles.join('\n')}`);
    assert.ok(ourActions[0].isPreferred, 'the best clause first');
    const disable = ourActions.filter((a) => /^Disable/.test(a.title));
    assert.equal(disable.length, 1, titles.join('\n'));
    assert.match(disable[0].title, /^Disable a rule… \(\d+ rules here\)$/);
    // Choosing a rule in the group applies its comment.
    const [placeHolder, choices] = disable[0].command!.arguments as [string, Array<{ label: string }>];
    const pick = choices.find((c) => /missing-gender/.test(c.label))!.label;
    assert.equal(await vscode.commands.executeCommand(disable[0].command!.command, placeHolder, choices, pick), true);
    const doc = await vscode.workspace.openTextDocument(weak());
    assert.match(doc.getText(), /<!-- mandate-lint-disable-file missing-gender -->/);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.doesNotMatch(doc.getText(), /mandate-lint-disable-file/);
  });

  it('writes a quick fix\'s paragraph in the draft\'s style: numbered, italic verb, ";" before the next paragraph (issue 13, point 5)', async () => {
    // (After the test before it, the draft is linted again: wait for every finding to be back on the title.)
    const title = await waitFor(() => {
      const found = ours(weak()).filter((d) => d.range.start.line === 0);
      return found.some((d) => codeOf(d) === 'missing-gender') && found.some((d) => codeOf(d) === 'missing-benchmarks') && found;
    }, 'the document findings on the title');
    let titles: string[] = [];
    const reporting = await waitFor(async () => {
      const actions = await executeWithRetry<vscode.CodeAction[]>('vscode.executeCodeActionProvider', weak(), title[0].range, vscode.CodeActionKind.QuickFix.value);
      titles = actions.map((a) => a.title);
      return actions.find((a) => /^Insert reporting on SSR progress against benchmarks/.test(a.title) && a.edit);
    }, 'the reporting clause among the title\'s quick fixes', 15000).catch((error: Error) => {
      throw new Error(`${error.message}: ${titles.join(' | ')}`);
    });
    assert.ok(reporting.edit);
    assert.ok(await vscode.workspace.applyEdit(reporting.edit));
    const doc = await vscode.workspace.openTextDocument(weak());
    const text = doc.getText();
    const inserted = /\n(\d+)\. (\*Requests\* the Secretary-General to include in each of his reports[^\n]*)\n\n(\d+)\. /.exec(text);
    assert.ok(inserted, text.slice(-2500));
    assert.match(inserted[2], /;$/, 'a paragraph with paragraphs after it ends with ";"');
    assert.equal(Number(inserted[3]), Number(inserted[1]) + 1, 'the next paragraph is renumbered');
    assert.deepEqual([...text.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])), Array.from({ length: 13 }, (_, i) => i + 1));
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opens a rule\'s page rendered and read-only from a diagnostic or a hover (issue 13, point 8)', async () => {
    const drift = await waitFor(() => ours(weak()).find((d) => codeOf(d) === 'train-and-equip-drift' && d.range.start.line > 0), 'a paragraph finding');
    const target = typeof drift.code === 'object' ? drift.code.target : undefined;
    assert.ok(target, 'the diagnostic links its rule');
    assert.equal(target.scheme, 'command');
    assert.equal(target.path, 'mandateLint.openRuleDocs');
    assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), ['train-and-equip-drift']);
    const hovers = await executeWithRetry<vscode.Hover[]>('vscode.executeHoverProvider', weak(), drift.range.start);
    const hover = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(hover, /\[train-and-equip-drift\]\(command:mandateLint\.openRuleDocs\?/);
    const opened = (await vscode.commands.executeCommand('mandateLint.openRuleDocs', 'train-and-equip-drift')) as string;
    assert.match(opened, /docs\/rules\/train-and-equip-drift\.md$/);
    const preview = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /Preview train-and-equip-drift\.md/.test(t.label)), 'the rule page in a Markdown preview', 15000);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => /train-and-equip-drift\.md$/.test(e.document.uri.path)), 'not in a text editor');
    assert.equal(await vscode.commands.executeCommand('mandateLint.openRuleDocs', '../../package'), undefined, 'only rule ids');
    await vscode.window.tabGroups.close(preview);
  });

  it('lists the outline by paragraph number and verb', async () => {
    const symbols = await executeWithRetry<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', weak());
    const names = symbols.map((s) => s.name);
    assert.ok(names.includes('Preamble'), names.join(', '));
    assert.ok(names.includes('3. Decides'), names.join(', '));
  });

  it('applies a quick fix that edits the document and clears the finding', async () => {
    const drift = ours(weak()).find((d) => codeOf(d) === 'train-and-equip-drift' && d.range.start.line > 0)!;
    const line = drift.range.start.line;
    const actions = await executeWithRetry<vscode.CodeAction[]>('vscode.executeCodeActionProvider', weak(), drift.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /^Add to this paragraph/.test(a.title));
    assert.ok(fix?.edit, actions.map((a) => a.title).join('\n'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(weak());
    assert.match(doc.lineAt(line).text + doc.getText(), /human rights due diligence policy/);
    await waitFor(() => !ours(weak()).some((d) => codeOf(d) === 'train-and-equip-drift' && d.range.start.line === line), 'the finding to go away');
  });

  it('completes clauses from the snippet library', async () => {
    const doc = await vscode.workspace.openTextDocument(weak());
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\n\n13. '));
    const position = doc.lineAt(doc.lineCount - 1).range.end;
    const list = await executeWithRetry<vscode.CompletionList>('vscode.executeCompletionItemProvider', weak(), position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('Human rights due diligence and oversight condition'), labels.slice(0, 20).join(', '));
    assert.ok(list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).length >= 12);
  });

  it('takes settings changes into account', async () => {
    await vscode.workspace.getConfiguration('mandateLint').update('rules', { 'missing-gender': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => {
      const found = ours(weak());
      return found.length > 0 && !found.some((d) => codeOf(d) === 'missing-gender');
    }, 'missing-gender to be switched off');
    await vscode.workspace.getConfiguration('mandateLint').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => ours(weak()).some((d) => codeOf(d) === 'missing-gender'), 'missing-gender to come back');
  });

  it('lints the whole workspace on command', async () => {
    const summary = (await vscode.commands.executeCommand('mandateLint.lintWorkspace')) as { files: number; errors: number };
    assert.ok(summary.files >= 2, JSON.stringify(summary));
    await waitFor(() => ours(workspaceFile('strategy-excerpt.md')).length > 0, 'diagnostics on a file that is not open');
  });

  it('inserts a benchmark clause at the cursor, filled from the front matter and numbered where it goes (issue 13, points 1 and 2)', async () => {
    const uri = workspaceFile('scratch.mandate.md');
    writeFileSync(uri.fsPath, '---\nmandate-lint: mandate\nmission: UNSMIX\nforces: the national army\nmandate-end: 30 June 2027\n---\n\n# Scratch\n\nThe Security Council,\n\n1. *Requests* UNSMIX to train and equip the national army;\n\n\n\n2. *Decides* to remain seized of the matter.\n');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await waitFor(() => api.statusFor(uri)?.handled, 'the scratch draft to be linted');
    editor.selection = new vscode.Selection(13, 0, 13, 0);
    await vscode.commands.executeCommand('mandateLint.insertBenchmarkClause', 'benchmarks-reporting');
    const text = editor.document.getText();
    assert.match(text, /\n2\. \*Decides\* that progress in implementing paragraph 1 shall be measured against the following benchmarks/);
    assert.match(text, /\(a\) by 30 June 2027, adoption of legislation establishing civilian and parliamentary oversight of the national army/);
    assert.doesNotMatch(text, /\[date\]|paragraph \[N\]|the national defence and security forces/);
    assert.match(text, /\n3\. \*Decides\* to remain seized of the matter\.\n$/, 'the paragraph after it is renumbered');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opens *.strategy.md as a strategy in the Mandate draft language, wrapped, with a Markdown preview (issue 13, point 3)', async () => {
    const uri = workspaceFile('strategies/review.strategy.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'mandate');
    assert.doesNotMatch(doc.getText(), /^---/, 'no front matter: the name gives the type');
    const status = await waitFor(() => api.statusFor(uri)?.handled && api.statusFor(uri), 'the strategy to be linted');
    assert.deepEqual([status.docType, status.docTypeSource], ['strategy', 'file-name']);
    await waitFor(() => ours(uri).length > 0, 'findings on the strategy');
    assert.equal(vscode.workspace.getConfiguration('editor', { uri, languageId: 'mandate' }).get('wordWrap'), 'on');
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /Preview review\.strategy\.md/.test(t.label)), 'a Markdown preview of the strategy', 15000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('gets a drafter started: walkthrough, icon, changelog, rule ids completed, configuration errors in their file, a status that names the type (issue 13, point 9)', async () => {
    const extension = vscode.extensions.getExtension('mandate-lint.mandate-lint')!;
    const pkg = extension.packageJSON as { icon?: string; contributes: { walkthroughs?: Array<{ steps: Array<{ id: string }> }>; configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } } };
    assert.deepEqual(pkg.contributes.walkthroughs?.[0].steps.map((s) => s.id), ['openExample', 'seeFinding', 'applyFix', 'coverageReport', 'teamLibrary']);
    assert.ok(pkg.icon && existsSync(join(extension.extensionPath, pkg.icon)), 'an icon');
    assert.ok(existsSync(join(extension.extensionPath, 'CHANGELOG.md')), 'a changelog');
    assert.ok(Object.keys(pkg.contributes.configuration.properties['mandateLint.rules'].properties ?? {}).includes('train-and-equip-drift'), 'rule ids in the setting');

    // The walkthrough's first step: the example as a new unsaved draft, linted.
    const example = vscode.Uri.parse((await vscode.commands.executeCommand('mandateLint.openExampleDraft')) as string);
    assert.equal(example.scheme, 'untitled');
    await waitFor(() => ours(example).some((d) => codeOf(d) === 'train-and-equip-drift'), 'findings on the example draft');
    assert.match(api.statusBarText(), /mandate/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    // Rule ids complete in .mandatelintrc.json.
    const rc = workspaceFile('configured/.mandatelintrc.json');
    mkdirSync(join(rc.fsPath, '..'), { recursive: true });
    writeFileSync(rc.fsPath, '{\n  "rules": {\n    ""\n  }\n}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(rc));
    const ids = await waitFor(async () => {
      const list = await executeWithRetry<vscode.CompletionList>('vscode.executeCompletionItemProvider', rc, new vscode.Position(2, 5));
      const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
      return labels.includes('missing-hrddp') && labels;
    }, 'rule ids among the completions', 20000);
    assert.ok(ids.includes('train-and-equip-drift'));

    // A configuration error is reported in the configuration file, at its line, not on the draft.
    writeFileSync(rc.fsPath, '{\n  "rules": {\n    "missing-gender": "loud"\n  }\n}\n');
    const draft = workspaceFile('configured/draft.mandate.md');
    writeFileSync(draft.fsPath, '# Draft\n\nThe Security Council,\n\n1. *Requests* UNSMIX to train and equip the national army;\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draft));
    const inConfig = await waitFor(() => vscode.languages.getDiagnostics(rc).filter((d) => d.source === 'mandate-lint').length > 0 && vscode.languages.getDiagnostics(rc).filter((d) => d.source === 'mandate-lint'), 'the configuration error in .mandatelintrc.json', 20000);
    assert.equal(inConfig[0].range.start.line, 2, 'on the line of the bad severity');
    assert.ok(!ours(draft).some((d) => /Configuration/.test(d.message)), 'not on the draft');

    // The status bar names what the counts do not: "not a draft" for a Markdown file that is not one, "empty draft".
    const notes = workspaceFile('configured/notes.md');
    writeFileSync(notes.fsPath, '# Shopping\n\n- bread\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(notes));
    await waitFor(() => /not a draft/.test(api.statusBarText()), 'the status bar to say "not a draft"');
    const empty = workspaceFile('configured/empty.mandate.md');
    writeFileSync(empty.fsPath, '');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(empty));
    await waitFor(() => /empty draft/.test(api.statusBarText()), 'the status bar to say "empty draft"');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers each clause once on "ml-", filled from the draft, numbered, and renumbers what follows (issue 13, points 1 and 2)', async () => {
    const uri = workspaceFile('team/draft.mandate.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(() => api.statusFor(uri)?.handled && ours(uri).length > 0, 'diagnostics for the team draft');
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('4. *Requests*'));
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), 'ml-\n\n'));
    const position = new vscode.Position(line, 3);
    const list = await executeWithRetry<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    assert.ok(!list.items.some((i) => /^ml-/.test(label(i))), 'no contributed snippet beside the filled-in clause');
    // (The team package replaces the built-in HRDDP clause with its own wording: take a built-in one.)
    const hrddp = list.items.filter((i) => label(i) === 'Civilian and parliamentary oversight of the forces');
    assert.equal(hrddp.length, 1, `one entry per clause: ${list.items.map(label).join(' | ')}`);
    const body = (hrddp[0].textEdit as vscode.TextEdit | undefined)?.newText ?? (hrddp[0].insertText instanceof vscode.SnippetString ? hrddp[0].insertText.value : String(hrddp[0].insertText));
    assert.match(body, /^4\. \*Requests\* MINUKAL to support the Government of Kalindor in establishing, through legislation, democratic civilian control and parliamentary oversight of the KDSF and of the reforms under paragraphs? \d+(?:(?:, | and | to )\d+)*,/);
    assert.doesNotMatch(body, /the Mission|paragraph \[N\]/);
    const renumbered = (hrddp[0].additionalTextEdits ?? []).filter((e) => e.range.start.line > line);
    assert.ok(renumbered.length >= 9, `later paragraphs renumbered: ${renumbered.map((e) => e.newText).join(',')}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('applies an installed team package: its severities, its clause as the quick fix, its clauses in completion', async () => {
    const uri = workspaceFile('team/draft.mandate.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostics = await waitFor(() => {
      const d = ours(uri);
      return d.some((x) => codeOf(x) === 'missing-hrddp') ? d : undefined;
    }, 'diagnostics for the team draft');
    assert.equal(diagnostics.find((d) => codeOf(d) === 'missing-hrddp')!.severity, vscode.DiagnosticSeverity.Error, 'the team makes missing-hrddp an error');
    const atRoot = ours(weak()).find((d) => codeOf(d) === 'missing-hrddp');
    if (atRoot) assert.equal(atRoot.severity, vscode.DiagnosticSeverity.Warning, 'outside the team folder it stays a warning');

    const drift = diagnostics.find((d) => codeOf(d) === 'train-and-equip-drift' && d.range.start.line > 10)!;
    const actions = await executeWithRetry<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, drift.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.find((a) => a.isPreferred);
    assert.ok(preferred, actions.map((a) => a.title).join('\n'));
    assert.match(preferred.title, /Kalindor wording/);

    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((e) => e.insert(end, '\n\n14. '));
    const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const list = await executeWithRetry<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    const payroll = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Payroll verification and a costed plan for the KDSF');
    assert.ok(payroll, 'the team clause is offered');
    const inserted = payroll.insertText instanceof vscode.SnippetString ? payroll.insertText.value : String(payroll.insertText ?? (payroll.textEdit as vscode.TextEdit | undefined)?.newText ?? '');
    assert.match(inserted, /MINUKAL to support the Government of Kalindor, together with the World Bank/, 'placeholders come from the front matter');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('fills the Problems panel from a mandate-lint task through the contributed problem matcher', async () => {
    const extension = vscode.extensions.getExtension('mandate-lint.mandate-lint')!;
    const cli = join(extension.extensionPath, 'dist', 'cli.js');
    assert.ok(existsSync(cli), `the CLI is built at ${cli}`);
    const folder = vscode.workspace.workspaceFolders![0];
    const task = new vscode.Task(
      { type: 'process', label: 'mandate-lint' },
      folder,
      'mandate-lint',
      'mandate-lint',
      new vscode.ProcessExecution(process.execPath, [cli, '--no-color', 'strategy-excerpt.md'], { cwd: folder.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } }),
      ['$mandate-lint'],
    );
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
    await vscode.tasks.executeTask(task);
    // Markers from a task carry the rule id as a plain code; the language server's carry a link to the docs.
    const fromTask = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(workspaceFile('strategy-excerpt.md')).filter((d) => typeof d.code === 'string' && d.code === 'train-and-equip-drift');
      return found.length ? found : undefined;
    }, 'problem-matcher diagnostics').catch((error: Error) => {
      const all = vscode.languages.getDiagnostics().map(([uri, list]) => `${uri.path}: ${list.map((d) => `${d.source}/${JSON.stringify(d.code)}@${d.range.start.line}`).join(', ')}`);
      throw new Error(`${error.message}; diagnostics now: ${all.join(' | ').slice(0, 1500)}`);
    });
    assert.equal(fromTask[0].severity, vscode.DiagnosticSeverity.Error);
    // The capability-only activity framed as the road to the mission's exit (examples/strategy-excerpt.md:48).
    assert.equal(fromTask[0].range.start.line, 47, 'line 48 of the file');
    assert.match(fromTask[0].message, /^Readies national forces \("fuel"\) so that the mission can hand over or leave/);
  });

  it('opens the lessons coverage report beside the draft, and a click target reveals the text', async () => {
    const uri = workspaceFile('strong-mandate.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const report = (await vscode.commands.executeCommand('mandateLint.showCoverageReport', uri)) as { html?: string; error?: string };
    assert.ok(report?.html, report?.error ?? 'no report');
    assert.match(report.html, /Lessons coverage report/);
    assert.match(report.html, /<svg class="chart"/);
    // The tab model catches up with the new panel asynchronously.
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /Lessons coverage/.test(t.label)), 'a webview tab for the report', 10000);
    // What the page posts when an item is clicked: the 1-based range of its evidence.
    const match = /class="jump" role="link" tabindex="0" data-file="0" data-line="(\d+)" data-column="(\d+)" data-end-line="(\d+)" data-end-column="(\d+)">line \d+<\/a>: <q>[^<]*<mark>([^<]+)<\/mark>/.exec(report.html);
    assert.ok(match, 'the page carries evidence ranges');
    const [line, column, endLine, endColumn] = match.slice(1, 5).map(Number);
    const editor = (await vscode.commands.executeCommand('mandateLint.revealInDraft', uri, { line, column, endLine, endColumn })) as vscode.TextEditor;
    assert.equal(editor.document.uri.toString(), uri.toString());
    const selected = editor.document.getText(editor.selection).replace(/\s+/g, ' ').replace(/\*/g, '');
    const shown = match[5].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    assert.equal(selected, shown, 'the selection is the quoted evidence');
  });

  it('shows the safeguards a renewal lost on a draft that names its previous text, and opens both paragraphs in the diff editor', async () => {
    const uri = workspaceFile('renewal/draft-2024.md');
    const previous = workspaceFile('renewal/S-RES-2709-2023.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const renewal = await waitFor(() => {
      const found = ours(uri).filter((d) => codeOf(d).startsWith('renewal-'));
      return found.some((d) => codeOf(d) === 'renewal-safeguard-lost') && found.some((d) => codeOf(d) === 'renewal-weakened') && found;
    }, 'renewal diagnostics on the draft');
    assert.ok(renewal.every((d) => d.severity === vscode.DiagnosticSeverity.Information));
    const hrddp = renewal.find((d) => /Safeguard lost since OP2\(e\) of S-RES-2709-2023\.md/.test(d.message) && /human rights due diligence policy/.test(d.message));
    assert.ok(hrddp, renewal.map((d) => d.message).join('\n'));
    const verb = renewal.find((d) => /operative verb "Requests" → "Encourages"/.test(d.message));
    assert.ok(verb, 'the verb downgrade is shown');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.lineAt(verb.range.start.line).text, /^4\. \*Encourages\* UNMIVER/);

    const actions = await executeWithRetry<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, verb.range, vscode.CodeActionKind.QuickFix.value);
    const compare = actions.find((a) => a.command?.command === 'mandateLint.openPreviousDiff');
    assert.ok(compare?.command, actions.map((a) => a.title).join('\n'));
    assert.match(compare.title, /^Compare with OP3 of S-RES-2709-2023\.md side by side$/);
    await vscode.commands.executeCommand(compare.command.command, ...(compare.command.arguments ?? []));
    const diff = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.toString() === previous.toString() && t.input.modified.toString() === uri.toString()),
      'a diff editor with the previous text and the draft',
      10000,
    );
    assert.ok(diff.isActive);
    const right = await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() && vscode.window.activeTextEditor, 'the draft side of the diff editor', 10000);
    assert.equal(right.selection.active.line, verb.range.start.line, 'the draft side opens at the weakened paragraph');
  });

  it('opens the renewal report against the previous resolution', async () => {
    const uri = workspaceFile('renewal/draft-2024.md');
    const report = (await vscode.commands.executeCommand('mandateLint.compareWithPrevious', uri)) as { html?: string; summary?: string; error?: string };
    assert.ok(report?.html, report?.error ?? 'no report');
    assert.equal(report.summary, '2 safeguards lost, 2 tasks weakened, 1 task added, 1 task removed, 4 new findings, 1 resolved');
    assert.match(report.html, /<del>Requests<\/del>/);
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /Renewal: draft-2024\.md/.test(t.label)), 'a webview tab for the renewal report', 10000);
  });
  it('reviews a Word draft: its rendering read-only with findings, hover and the coverage report, and writes the commented copy', async () => {
    const source = workspaceFile('word/zero-draft.docx');
    const review = (await vscode.commands.executeCommand('mandateLint.reviewWordDraft', source)) as { uri?: string; paragraphs?: number; error?: string };
    assert.ok(review?.uri, review?.error ?? 'no review');
    const uri = vscode.Uri.parse(review.uri);
    assert.equal(uri.scheme, 'mandate-lint-word');
    const editor = await waitFor(() => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()), 'the rendering in an editor', 10000);
    assert.equal(editor.document.languageId, 'mandate');
    assert.match(editor.document.lineAt(28).text, /^\(b\) to support the extension of State authority, in particular by providing logistical support/);
    const diagnostics = await waitFor(() => {
      const found = ours(uri);
      return RULES.every((r) => found.some((d) => codeOf(d) === r)) && found;
    }, 'diagnostics on the Word draft');
    const inserted = diagnostics.find((d) => / Found in text inserted by Delegation of Kalindor\.$/.test(d.message));
    assert.ok(inserted && codeOf(inserted) === 'train-and-equip-drift', diagnostics.map((d) => d.message).join('\n'));
    const hovers = await executeWithRetry<vscode.Hover[]>('vscode.executeHoverProvider', uri, inserted.range.start);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(hoverText, /lesson/i);
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /Lessons coverage: zero-draft\.docx/.test(t.label)), 'the coverage report beside it', 10000);

    const written = (await vscode.commands.executeCommand('mandateLint.writeWordComments', uri)) as { target?: string; comments?: number; error?: string };
    assert.ok(written?.target, written?.error ?? 'nothing written');
    assert.equal(vscode.Uri.parse(written.target).toString(), workspaceFile('word/zero-draft.reviewed.docx').toString());
    assert.equal(written.comments, diagnostics.length);
    const copy = unzipSync(await vscode.workspace.fs.readFile(vscode.Uri.parse(written.target)));
    const comments = new TextDecoder().decode(copy['word/comments.xml']).match(/<w:comment [^>]*w:author="Mandate Lint"/g) ?? [];
    assert.equal(comments.length, diagnostics.length, 'one comment per finding');
  });

  it('says in one line why a Word file cannot be reviewed', async () => {
    const broken = workspaceFile('word/broken.docx');
    await vscode.workspace.fs.writeFile(broken, Buffer.from('not a zip at all'));
    const review = (await vscode.commands.executeCommand('mandateLint.reviewWordDraft', broken)) as { uri?: string; error?: string };
    assert.equal(review.uri, undefined);
    assert.match(review.error ?? '', /^broken\.docx: the file is not a Word document/);
  });
});
