/** Drives the real VS Code API: diagnostics, hover, quick fixes, completion, outline, settings, commands. */
import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

interface Api {
  activationMs: number;
  ready: Promise<void>;
  serverReadyMs(): number | undefined;
  statusBarText(): string;
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

  it('inserts a benchmark clause at the cursor', async () => {
    const uri = workspaceFile('scratch.mandate.md');
    writeFileSync(uri.fsPath, '# Scratch\n\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await vscode.commands.executeCommand('mandateLint.insertBenchmarkClause', 'benchmarks-reporting');
    assert.match(editor.document.getText(), /shall be measured against the following benchmarks/);
    void join;
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
    const match = /class="jump" href="#" data-file="0" data-line="(\d+)" data-column="(\d+)" data-end-line="(\d+)" data-end-column="(\d+)">line \d+<\/a>: <q>[^<]*<mark>([^<]+)<\/mark>/.exec(report.html);
    assert.ok(match, 'the page carries evidence ranges');
    const [line, column, endLine, endColumn] = match.slice(1, 5).map(Number);
    const editor = (await vscode.commands.executeCommand('mandateLint.revealInDraft', uri, { line, column, endLine, endColumn })) as vscode.TextEditor;
    assert.equal(editor.document.uri.toString(), uri.toString());
    const selected = editor.document.getText(editor.selection).replace(/\s+/g, ' ').replace(/\*/g, '');
    const shown = match[5].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
    assert.equal(selected, shown, 'the selection is the quoted evidence');
  });
});
