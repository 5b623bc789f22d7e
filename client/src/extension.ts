/**
 * The VS Code client: starts the bundled language server, shows how the draft stands in the status bar, and
 * offers commands (lint the workspace, insert a benchmark clause, open a rule's docs, restart the server).
 * All judgement lives in the server and the core; this file only wires VS Code to them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import coreSnippets from '../../data/snippets/core.json';
import { toVsCodeSnippetBody, type Snippet } from '../../src/core/snippets';
import { LINT_WORKSPACE_COMMAND, SETTINGS_SECTION, STATUS_NOTIFICATION, type DraftStatus, type InitializationOptions, type WorkspaceLintSummary } from '../../src/protocol';
import { CoverageReportPanel, revealInDraft, type RevealTarget } from './coverage';

export type { DraftStatus };

/** What the extension returns from activate(): used by the extension-host tests. */
export interface MandateLintApi {
  /** Time activate() took; the server starts in the background and `ready` settles when it answers. */
  activationMs: number;
  ready: Promise<void>;
  serverReadyMs(): number | undefined;
  client: LanguageClient;
  statusFor(uri: vscode.Uri): DraftStatus | undefined;
  statusBarText(): string;
  /** The coverage report panel open for a draft, if any. */
  coverageReport(uri: vscode.Uri): { html?: string; markdown?: string; counts?: Record<string, number>; error?: string } | undefined;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MandateLintApi> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Mandate Lint');
  const statuses = new Map<string, DraftStatus>();

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/{.mandatelintrc,.mandatelintrc.json,.mandatelintignore}'),
    vscode.workspace.createFileSystemWatcher('**/*.json'),
  ];
  context.subscriptions.push(...watchers);
  const clientOptions: LanguageClientOptions = {
    documentSelector: draftSchemes().flatMap((scheme) => ['mandate', 'markdown', 'plaintext'].map((language) => ({ scheme, language }))),
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watchers },
    outputChannel: output,
    initializationOptions: { trusted: vscode.workspace.isTrusted, docsDir: context.asAbsolutePath('docs') } satisfies InitializationOptions,
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  client = new LanguageClient('mandateLint', 'Mandate Lint', serverOptions, clientOptions);

  const statusBar = vscode.window.createStatusBarItem('mandateLint.status', vscode.StatusBarAlignment.Left, 50);
  statusBar.name = 'Mandate Lint';
  statusBar.command = 'workbench.actions.view.problems';
  context.subscriptions.push(statusBar);
  let statusText = '';
  const refreshStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const status = editor ? statuses.get(editor.document.uri.toString()) : undefined;
    if (!status || !status.handled) {
      statusBar.hide();
      statusText = '';
      return;
    }
    const counts = `$(error) ${status.errors} $(warning) ${status.warnings}${status.infos ? ` $(info) ${status.infos}` : ''}`;
    statusText = `$(law) ${counts} · ${status.docType ?? 'draft'}`;
    statusBar.text = statusText;
    statusBar.tooltip = new vscode.MarkdownString(
      `**Mandate Lint** — ${status.errors} error(s), ${status.warnings} warning(s)${status.infos ? `, ${status.infos} info` : ''}\n\nDocument type: **${status.docType ?? '?'}** (from ${status.docTypeSource ?? status.reason})\n\nClick to open the Problems panel.`,
    );
    statusBar.show();
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(refreshStatus));

  context.subscriptions.push(
    vscode.commands.registerCommand('mandateLint.lintWorkspace', async () => {
      if (!client) return undefined;
      const summary = await client.sendRequest<WorkspaceLintSummary>('workspace/executeCommand', { command: LINT_WORKSPACE_COMMAND, arguments: [] });
      void vscode.window.showInformationMessage(`Mandate Lint: ${summary.files} draft(s) — ${summary.errors} error(s), ${summary.warnings} warning(s). See the Problems panel.`);
      return summary;
    }),
    vscode.commands.registerCommand('mandateLint.insertBenchmarkClause', async (snippetId?: string) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const library = coreSnippets.snippets as Snippet[];
      const candidates = library.filter((s) => (s.fixes ?? []).includes('missing-benchmarks') || (s.tags ?? []).includes('benchmark'));
      const chosen =
        candidates.find((s) => s.id === snippetId) ??
        (
          await vscode.window.showQuickPick(
            candidates.map((s) => ({ label: s.title, description: s.prefix, detail: s.description, snippet: s })),
            { placeHolder: 'Insert a benchmark clause' },
          )
        )?.snippet;
      if (!chosen) return;
      const form = chosen.kind === 'task' ? 'operative' : 'paragraph';
      await editor.insertSnippet(new vscode.SnippetString(toVsCodeSnippetBody(chosen, form).join('\n')));
    }),
    vscode.commands.registerCommand('mandateLint.openRuleDocs', async (ruleId?: string) => {
      const dir = context.asAbsolutePath('docs/rules');
      const rules = existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.endsWith('.md'))
            .map((f) => ({ id: f.replace(/\.md$/, ''), title: (readFileSync(`${dir}/${f}`, 'utf8').split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '').trim() }))
        : [];
      const id = ruleId ?? (await vscode.window.showQuickPick(rules.map((r) => ({ label: r.id, detail: r.title })), { placeHolder: 'Open the documentation of a rule' }))?.label;
      if (!id) return;
      const uri = vscode.Uri.file(`${dir}/${id}.md`);
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    }),
    vscode.commands.registerCommand('mandateLint.restartServer', async () => {
      statuses.clear();
      await client?.restart();
      output.appendLine('server restarted');
    }),
    vscode.commands.registerCommand('mandateLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('mandateLint.showCoverageReport', async (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      if (!client || !target) {
        void vscode.window.showInformationMessage('Mandate Lint: open a draft to see its lessons coverage report.');
        return undefined;
      }
      await ready;
      const view = await CoverageReportPanel.show(client, target);
      if (view.last.error) void vscode.window.showWarningMessage(`Mandate Lint: ${view.last.error}`);
      return view.last;
    }),
    // What a click in the report does; a command so that keyboard users and tests can do the same.
    vscode.commands.registerCommand('mandateLint.revealInDraft', (uri: vscode.Uri, target: RevealTarget) => revealInDraft(uri, target)),
  );

  // Trusting the workspace lets the server use the workspace's lexicon patterns: restart with the new setting.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      client.clientOptions.initializationOptions = { trusted: true, docsDir: context.asAbsolutePath('docs') } satisfies InitializationOptions;
      await client.restart();
    }),
  );

  client.onNotification(STATUS_NOTIFICATION, (status: DraftStatus) => {
    statuses.set(status.uri, status);
    refreshStatus();
  });
  // Start the server without holding up activation: VS Code stays responsive while it boots.
  let readyMs: number | undefined;
  const ready = client.start().then(
    () => {
      readyMs = Date.now() - started;
      output.appendLine(`Mandate Lint server ready after ${readyMs} ms`);
      refreshStatus();
    },
    (error: unknown) => {
      output.appendLine(`Mandate Lint server failed to start: ${(error as Error)?.message ?? error}`);
      throw error;
    },
  );
  const activationMs = Date.now() - started;
  output.appendLine(`Mandate Lint activated in ${activationMs} ms`);

  return {
    activationMs,
    ready,
    serverReadyMs: () => readyMs,
    client,
    statusFor: (uri) => statuses.get(uri.toString()),
    statusBarText: () => statusText,
    coverageReport: (uri) => CoverageReportPanel.forDocument(uri)?.last,
  };
}

/**
 * The URI schemes whose drafts are sent to the server: files on disk, untitled editors, and the schemes of the
 * workspace folders, so that a virtual workspace (Remote Repositories' vscode-vfs, or any other file system
 * provider) is linted too; the server lints the text the editor sends. Other schemes (git: for the old side of a
 * diff, output channels, ...) are left out, so that old versions of a draft do not fill the Problems panel.
 */
export function draftSchemes(folders: readonly { uri: { scheme: string } }[] = vscode.workspace.workspaceFolders ?? []): string[] {
  return [...new Set(['file', 'untitled', ...folders.map((f) => f.uri.scheme)])];
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
