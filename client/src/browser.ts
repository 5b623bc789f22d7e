/// <reference lib="dom" />
/**
 * The web extension (package.json `browser`): VS Code for the Web (vscode.dev, github.dev, code-server's web worker
 * extension host). The language server runs in a web worker (dist/web/server.js, built from src/web/server.ts)
 * and the client talks to it over the browser transport. A web worker has no disk, so the workspace's
 * configuration files, lexicons and snippet libraries are read here through vscode.workspace.fs and handed to the
 * server when it starts; when one of them changes, the server starts again with the new files. What needs Node
 * (team packages installed with npm, the CLI, linting files that are not open) says that it is desktop-only.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import type { LanguageClient as NodeLanguageClient } from 'vscode-languageclient/node';
import coreSnippets from '../../data/snippets/core.json';
import { toVsCodeSnippetBody, type Snippet } from '../../src/core/snippets';
import { SETTINGS_SECTION, STATUS_NOTIFICATION, type DraftStatus, type InitializationOptions } from '../../src/protocol';
import { CoverageReportPanel, revealInDraft, type RevealTarget } from './coverage';
import { answerDocumentText, HOVER_COMMANDS, registerServerCommands } from './server-commands';
import { showDraftStatus } from './status';

/** The workspace files the server reads: configuration, ignore files, lexicons and snippet libraries. */
export const WORKSPACE_FILES = '{**/.mandatelintrc,**/.mandatelintrc.json,**/.mandatelintignore,**/.mandate-lint/**/*.json,**/*.mandate-lexicon.json,**/*.mandate-snippets.json}';
const MAX_FILES = 200;
const MAX_FILE_BYTES = 5 * 1024 * 1024;

const DESKTOP_ONLY = 'is desktop-only: VS Code for the Web lints the drafts you open, with the workspace configuration; run the CLI or the desktop extension for this.';

let client: LanguageClient | undefined;

/** The workspace's configuration, lexicon and library files, read through vscode.workspace.fs (bounded). */
export async function readWorkspaceFiles(): Promise<Array<{ uri: string; text: string }>> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const uris = await vscode.workspace.findFiles(WORKSPACE_FILES, '**/node_modules/**', MAX_FILES);
  const files: Array<{ uri: string; text: string }> = [];
  // Files a configuration names outside the usual places (lexicons: ["./team/words.json"]) are read too.
  const queue = [...uris];
  const seen = new Set(queue.map((u) => u.toString()));
  while (queue.length && files.length < MAX_FILES) {
    const uri = queue.shift()!;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type !== vscode.FileType.File || stat.size > MAX_FILE_BYTES) continue;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      files.push({ uri: uri.toString(), text });
      if (/\.mandatelintrc(\.json)?$/.test(uri.path)) {
        for (const reference of referencedFiles(text)) {
          const target = vscode.Uri.joinPath(uri, '..', reference);
          if (!seen.has(target.toString())) {
            seen.add(target.toString());
            queue.push(target);
          }
        }
      }
    } catch {
      // an unreadable file is reported by the server as missing
    }
  }
  return files;
}

/** The relative JSON files a configuration names in extends, lexicons and snippets (globs are left out). */
function referencedFiles(text: string): string[] {
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(text.replace(/^\uFEFF/, '').replace(/^\s*\/\/.*$/gm, ''));
  } catch {
    return [];
  }
  const values = ['extends', 'lexicons', 'snippets'].flatMap((key) => {
    const value = config?.[key];
    return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  });
  return values.filter((v): v is string => typeof v === 'string' && /^\.\.?\//.test(v) && v.endsWith('.json') && !/[*?[{]/.test(v));
}

/**
 * The server's web worker, from the extension's own URL (vscode.dev, github.dev); hosts that do not let an
 * extension installed on a remote server start a worker from its URL (code-server) get it from the script's bytes.
 */
async function startWorker(extensionUri: vscode.Uri): Promise<Worker> {
  const script = vscode.Uri.joinPath(extensionUri, 'dist/web/server.js');
  try {
    return new Worker(script.toString(true));
  } catch {
    const code = await vscode.workspace.fs.readFile(script);
    return new Worker(URL.createObjectURL(new Blob([code as BlobPart], { type: 'text/javascript' })));
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient; ready: Promise<void>; statusFor(uri: vscode.Uri): DraftStatus | undefined }> {
  const output = vscode.window.createOutputChannel('Mandate Lint');
  const statuses = new Map<string, DraftStatus>();
  // Rule links run mandateLint.openRuleDocs, which shows the page the extension carries (the worker has no disk).
  const options = async (): Promise<InitializationOptions> => ({ trusted: vscode.workspace.isTrusted, workspaceFiles: await readWorkspaceFiles(), ruleDocsCommand: 'mandateLint.openRuleDocs', resendsDocuments: true });

  const schemes = [...new Set(['file', 'untitled', 'vscode-vfs', 'vscode-test-web', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)])];
  const clientOptions: LanguageClientOptions = {
    documentSelector: schemes.flatMap((scheme) => ['mandate', 'markdown', 'plaintext'].map((language) => ({ scheme, language }))),
    synchronize: { configurationSection: SETTINGS_SECTION },
    outputChannel: output,
    markdown: { isTrusted: { enabledCommands: HOVER_COMMANDS } },
    initializationOptions: await options(),
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  client = new LanguageClient('mandateLint', 'Mandate Lint', clientOptions, await startWorker(context.extensionUri));
  answerDocumentText(client);

  const statusBar = vscode.window.createStatusBarItem('mandateLint.status', vscode.StatusBarAlignment.Left, 50);
  statusBar.name = 'Mandate Lint';
  statusBar.command = 'workbench.actions.view.problems';
  context.subscriptions.push(statusBar, output);
  const refreshStatus = () => {
    const editor = vscode.window.activeTextEditor;
    showDraftStatus(statusBar, editor ? statuses.get(editor.document.uri.toString()) : undefined);
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(refreshStatus));
  client.onNotification(STATUS_NOTIFICATION, (status: DraftStatus) => {
    statuses.set(status.uri, status);
    refreshStatus();
  });

  const restart = async () => {
    if (!client) return;
    statuses.clear();
    client.clientOptions.initializationOptions = await options();
    await client.stop();
    await client.start();
  };
  // The server has no file watcher of its own: a changed configuration restarts it with the files read again.
  const watcher = vscode.workspace.createFileSystemWatcher(WORKSPACE_FILES);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void restart().catch((e) => output.appendLine(`restart failed: ${(e as Error).message}`)), 300);
  };
  context.subscriptions.push(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed), vscode.workspace.onDidGrantWorkspaceTrust(changed));

  const ready = client.start();
  context.subscriptions.push(
    vscode.commands.registerCommand('mandateLint.showCoverageReport', async (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      if (!client || !target) return void vscode.window.showInformationMessage('Mandate Lint: open a draft to see its lessons coverage report.');
      await ready;
      const view = await CoverageReportPanel.show(client as unknown as NodeLanguageClient, target);
      if (view.last.error) void vscode.window.showWarningMessage(`Mandate Lint: ${view.last.error}`);
      return view.last;
    }),
    vscode.commands.registerCommand('mandateLint.revealInDraft', (uri: vscode.Uri, target: RevealTarget) => revealInDraft(uri, target)),
    ...registerServerCommands(() => client),
    vscode.commands.registerCommand('mandateLint.restartServer', restart),
    vscode.commands.registerCommand('mandateLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('mandateLint.openRuleDocs', async (ruleId?: string) => {
      const id = ruleId ?? (await vscode.window.showInputBox({ prompt: 'Rule id (for example missing-benchmarks)' }))?.trim();
      if (!id || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return undefined;
      // The page the extension carries (docs/rules in the package), rendered and read-only as on the desktop.
      const uri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${id}.md`);
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        void vscode.window.showInformationMessage(`Mandate Lint: there is no rule "${id}".`);
        return undefined;
      }
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
      return uri.toString();
    }),
    vscode.commands.registerCommand('mandateLint.insertBenchmarkClause', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const candidates = (coreSnippets.snippets as Snippet[]).filter((s) => (s.fixes ?? []).includes('missing-benchmarks') || (s.tags ?? []).includes('benchmark'));
      const chosen = (await vscode.window.showQuickPick(candidates.map((s) => ({ label: s.title, description: s.prefix, detail: s.description, snippet: s })), { placeHolder: 'Insert a benchmark clause' }))?.snippet;
      if (chosen) await editor.insertSnippet(new vscode.SnippetString(toVsCodeSnippetBody(chosen, chosen.kind === 'task' ? 'operative' : 'paragraph').join('\n')));
    }),
    ...['mandateLint.lintWorkspace', 'mandateLint.compareWithPrevious', 'mandateLint.openPreviousDiff'].map((command) =>
      vscode.commands.registerCommand(command, () => void vscode.window.showInformationMessage(`Mandate Lint: ${command.replace('mandateLint.', '')} ${DESKTOP_ONLY}`)),
    ),
  );
  return { client, ready, statusFor: (uri) => statuses.get(uri.toString()) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
