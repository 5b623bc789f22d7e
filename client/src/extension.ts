/**
 * The VS Code client: starts the bundled language server, shows how the draft stands in the status bar, and
 * offers commands (lint the workspace, insert a benchmark clause, open a rule's docs, restart the server).
 * All judgement lives in the server and the core; this file only wires VS Code to them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, WorkDoneProgress, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLAUSE_REQUEST, LINT_WORKSPACE_COMMAND, SERVER_EXEC_ARGV, SETTINGS_SECTION, STATUS_NOTIFICATION, WORD_SCHEME, type DraftStatus, type InitializationOptions, type WorkspaceLintSummary, type ClauseParams, type ClauseResult } from '../../src/protocol';
import { CoverageReportPanel, revealInDraft, type RevealTarget } from './coverage';
import { registerRenewalCommands } from './renewal';
import { answerDocumentText, HOVER_COMMANDS, registerServerCommands } from './server-commands';
import { showDraftStatus } from './status';
import { registerWordCommands } from './word';

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
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6019'] } },
  };
  const watchers = [
    vscode.workspace.createFileSystemWatcher('**/{.mandatelintrc,.mandatelintrc.json,.mandatelintignore}'),
    vscode.workspace.createFileSystemWatcher('**/*.json'),
  ];
  context.subscriptions.push(...watchers);
  // Rule links run mandateLint.openRuleDocs: the page rendered in a read-only preview, not the file in an editor.
  const initializationOptions = (trusted: boolean): InitializationOptions => ({ trusted, docsDir: context.asAbsolutePath('docs'), ruleDocsCommand: 'mandateLint.openRuleDocs', resendsDocuments: true });
  const clientOptions: LanguageClientOptions = {
    // Word drafts are linted through their rendering, a read-only virtual document (client/src/word.ts).
    documentSelector: [...draftSchemes().flatMap((scheme) => ['mandate', 'markdown', 'plaintext'].map((language) => ({ scheme, language }))), { scheme: WORD_SCHEME, language: 'mandate' }],
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watchers },
    outputChannel: output,
    initializationOptions: initializationOptions(vscode.workspace.isTrusted),
    diagnosticPullOptions: { onChange: true, onSave: true },
    // Hovers link to these commands ("show the 8 paragraphs"); no other command runs from a hover.
    markdown: { isTrusted: { enabledCommands: HOVER_COMMANDS } },
  };
  client = new LanguageClient('mandateLint', 'Mandate Lint', serverOptions, clientOptions);
  answerDocumentText(client);

  const statusBar = vscode.window.createStatusBarItem('mandateLint.status', vscode.StatusBarAlignment.Left, 50);
  statusBar.name = 'Mandate Lint';
  statusBar.command = 'workbench.actions.view.problems';
  context.subscriptions.push(statusBar);
  let statusText = '';
  const refreshStatus = () => {
    const editor = vscode.window.activeTextEditor;
    statusText = showDraftStatus(statusBar, editor ? statuses.get(editor.document.uri.toString()) : undefined);
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(refreshStatus));

  context.subscriptions.push(
    vscode.commands.registerCommand('mandateLint.lintWorkspace', async () => {
      if (!client) return undefined;
      const running = client;
      // A notification from the first moment: linting every draft of a large workspace takes a while. The server
      // reports how many files it has read (a work-done token): the notification counts them and fills its bar.
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Mandate Lint: linting all drafts', cancellable: true },
        async (progress, cancel) => {
          const workDoneToken = `mandateLint.lintWorkspace.${Date.now()}`;
          let done = 0;
          const listening = running.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
            if (value.kind === 'end') return;
            const percentage = Math.max(done, value.percentage ?? done);
            progress.report({ increment: percentage - done, message: value.message });
            done = percentage;
          });
          try {
            // Cancel stops the server between two files; it answers with what it had linted by then.
            return await running.sendRequest<WorkspaceLintSummary>('workspace/executeCommand', { command: LINT_WORKSPACE_COMMAND, arguments: [], workDoneToken }, cancel);
          } catch (error) {
            // A client library may answer a cancelled request with an error instead of the server's partial result.
            if (cancel.isCancellationRequested) return { files: 0, errors: 0, warnings: 0, infos: 0, cancelled: true } satisfies WorkspaceLintSummary;
            throw error;
          } finally {
            listening.dispose();
          }
        },
      );
      // A run that failed or left folders out says so, as a warning; the counts are those of the drafts it read.
      if (summary.failed) {
        void vscode.window.showWarningMessage(`Mandate Lint: ${summary.failed}`);
        return summary;
      }
      const scope = summary.cancelled ? `stopped; ${summary.files} draft(s) linted` : `${summary.files} draft(s)`;
      const counts = `Mandate Lint: ${scope} — ${summary.errors} error(s), ${summary.warnings} warning(s). See the Problems panel.`;
      if (summary.stopped) void vscode.window.showWarningMessage(`${counts} ${summary.stopped}`);
      else void vscode.window.showInformationMessage(counts);
      return summary;
    }),
    vscode.commands.registerCommand('mandateLint.insertBenchmarkClause', async (snippetId?: string) => {
      // The server writes the clause as completion does: numbered where it goes, with the draft's values filled in.
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      await ready;
      const document = editor.document;
      const position = editor.selection.active;
      const result = await client.sendRequest<ClauseResult>(CLAUSE_REQUEST, { uri: document.uri.toString(), position: { line: position.line, character: position.character }, tag: 'benchmark' } satisfies ClauseParams);
      if (!result.clauses.length) {
        void vscode.window.showInformationMessage(`Mandate Lint: ${result.error ?? 'no benchmark clause fits here.'}`);
        return;
      }
      const chosen =
        result.clauses.find((c) => c.id === snippetId) ??
        (
          await vscode.window.showQuickPick(
            result.clauses.map((c) => ({ label: c.title, description: c.detail.replace(/^Mandate Lint clause · ?/, ''), detail: c.description, clause: c })),
            { placeHolder: 'Insert a benchmark clause' },
          )
        )?.clause;
      if (!chosen || editor.document.version !== document.version) return;
      const range = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
      // The other edits are on other lines (or replace one character by one): the clause's range stays where it was.
      if (chosen.additionalEdits.length) await editor.edit((b) => chosen.additionalEdits.forEach((e) => b.replace(range(e.range), e.newText)), { undoStopBefore: true, undoStopAfter: false });
      await editor.insertSnippet(new vscode.SnippetString(chosen.snippet), range(chosen.range), { undoStopBefore: false, undoStopAfter: true });
    }),
    vscode.commands.registerCommand('mandateLint.openRuleDocs', async (ruleId?: string) => {
      const dir = context.asAbsolutePath('docs/rules');
      const rules = existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.endsWith('.md'))
            .map((f) => ({ id: f.replace(/\.md$/, ''), title: (readFileSync(`${dir}/${f}`, 'utf8').split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '').trim() }))
        : [];
      const id = ruleId ?? (await vscode.window.showQuickPick(rules.map((r) => ({ label: r.id, detail: r.title })), { placeHolder: 'Open the documentation of a rule' }))?.label;
      if (!id || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || !existsSync(`${dir}/${id}.md`)) return undefined;
      // Rendered, beside the draft, and read-only: the page is part of the installed extension.
      const uri = vscode.Uri.file(`${dir}/${id}.md`);
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      return uri.toString();
    }),
    // The walkthrough: the example draft as a new unsaved Mandate draft, and the guides rendered.
    vscode.commands.registerCommand('mandateLint.openExampleDraft', async () => {
      const content = readFileSync(context.asAbsolutePath('docs/walkthrough/example-draft.mandate.md'), 'utf8');
      const document = await vscode.workspace.openTextDocument({ language: 'mandate', content });
      await vscode.window.showTextDocument(document);
      return document.uri.toString();
    }),
    vscode.commands.registerCommand('mandateLint.openGuide', async (name?: string) => {
      const guides = ['policy-teams', 'configuration', 'coverage-report', 'reading'];
      if (!name || !guides.includes(name)) return undefined;
      const uri = vscode.Uri.file(context.asAbsolutePath(`docs/${name}.md`));
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      return uri.toString();
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
    ...registerServerCommands(() => client),
    // What a click in the report does; a command so that keyboard users and tests can do the same.
    vscode.commands.registerCommand('mandateLint.revealInDraft', (uri: vscode.Uri, target: RevealTarget) => revealInDraft(uri, target)),
  );

  // The coverage report comes back after a reload, at its place (the page keeps the draft and its scroll position).
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer('mandateLint.coverageReport', {
      deserializeWebviewPanel: async (panel, state) => {
        await ready;
        if (client) await CoverageReportPanel.restore(client, panel, state);
      },
    }),
  );

  // Renewals: the report against the previous resolution, and the diff editor behind each renewal diagnostic.
  registerRenewalCommands(context, () => client, () => ready);

  // Word drafts: "Review a Word draft…" and the button that writes the commented copy.
  registerWordCommands(context, () => client, () => ready);

  // Trusting the workspace lets the server use the workspace's lexicon patterns: restart with the new setting.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (!client) return;
      client.clientOptions.initializationOptions = initializationOptions(true);
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
