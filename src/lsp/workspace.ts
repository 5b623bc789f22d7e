/**
 * The workspace: its folders as the client changes them, and "Lint all drafts in the workspace": every draft of
 * every folder (the CLI's discovery, then the editor's draft decision), open ones from their current text, the
 * others read from disk, with diagnostics published for the files that are not open.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOfFile } from '../core/drafts';
import type { Finding } from '../core/rules/types';
import { discoverFiles, IgnoreMatcher } from '../node/discover';
import { lintSourceResult, MARKDOWN_EXTENSIONS } from '../node/engine';
import { readDraft } from '../node/files';
import { LINT_WORKSPACE_COMMAND, type WorkspaceLintSummary } from '../protocol';
import type { ServerContext } from './context';
import { toDiagnostics } from './diagnostics';
import { defaultDocType, ruleOverrides } from './settings';
import { isRecord } from './values';

/** Follows workspace folders added and removed (registered once the client is initialized). */
export function watchWorkspaceFolders(ctx: ServerContext): void {
  ctx.connection.workspace.onDidChangeWorkspaceFolders((event) => {
    // Applied whole or not at all: lists of folders with a string uri, as the protocol says.
    const folders = (list: unknown) => Array.isArray(list) && list.every((f) => isRecord(f) && typeof f.uri === 'string');
    const { added, removed } = (isRecord(event) ? event : {}) as { added?: unknown; removed?: unknown };
    if (!folders(added) || !folders(removed)) return ctx.log('workspace folder change ignored: it needs lists of folders with a string uri under "added" and "removed"');
    ctx.env.changeFolders(added as Array<{ uri: string }>, removed as Array<{ uri: string }>);
    ctx.linter.relintAll();
  });
}

/**
 * Folders the workspace lint searches at most, over all workspace folders. Discovery runs without a break, so a
 * folder such as the root of the disk held the server for seconds to minutes; 20,000 folders take one or two.
 */
export const MAX_WORKSPACE_LINT_FOLDERS = 20_000;

export function registerWorkspaceLint(ctx: ServerContext): void {
  ctx.connection.onExecuteCommand(async (params, token, progress) => {
    if (params.command !== LINT_WORKSPACE_COMMAND) return null;
    try {
      return await lintWorkspace(ctx, progress, token);
    } catch (error) {
      // The details are for the log: an exception's text means nothing to the drafter and says how the server is built.
      ctx.log(`workspace lint failed: ${(error as Error).stack ?? error}`);
      return { files: 0, errors: 0, warnings: 0, infos: 0, failed: 'The workspace lint failed: see the Mandate Lint output for details.' } satisfies WorkspaceLintSummary;
    }
  });
}

/**
 * Lints every draft in the workspace folders and publishes diagnostics for the files that are not open. When the
 * client asks for it (a work-done token), it reports how many of the files it has read, each percent, and lets
 * the event loop turn after each report so that the reports go out while it works.
 */
async function lintWorkspace(ctx: ServerContext, progress: WorkDoneProgressReporter, token: CancellationToken): Promise<WorkspaceLintSummary> {
  const { env, documents, linter } = ctx;
  const summary: WorkspaceLintSummary = { files: 0, errors: 0, warnings: 0, infos: 0 };
  const count = (findings: readonly Finding[]) => {
    for (const f of findings) f.severity === 'error' ? summary.errors++ : f.severity === 'warning' ? summary.warnings++ : summary.infos++;
  };
  const files: string[] = [];
  let folderBudget = MAX_WORKSPACE_LINT_FOLDERS;
  for (const folder of env.workspaceFolders) {
    // The search of a folder runs without a break: a cancel that came during the last one is seen here.
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) {
      summary.cancelled = true;
      break;
    }
    const matcher = new IgnoreMatcher(folder, join(folder, '.mandatelintignore'), env.resolver, true);
    const found = discoverFiles(['.'], folder, [...MARKDOWN_EXTENSIONS, '.txt'], matcher, { maxFolders: folderBudget });
    files.push(...found.files);
    folderBudget -= found.foldersSearched;
    if (!found.stoppedAtFolderLimit) continue;
    summary.stopped = `The search stopped after ${MAX_WORKSPACE_LINT_FOLDERS.toLocaleString('en-US')} folders: drafts in the folders after them were not linted. Open a smaller folder, or list the folders to leave out in .mandatelintignore.`;
    ctx.log(`workspace: ${summary.stopped} (the limit was reached in ${folder})`);
    break;
  }
  const read = (n: number) => `${n} of ${files.length} file${files.length === 1 ? '' : 's'} read`;
  progress.begin('Mandate Lint', 0, read(0));
  let reported = 0;
  try {
    for (const [index, file] of files.entries()) {
      // The client cancelled (the notification's Cancel): stop, and say how far the run got.
      if (token.isCancellationRequested) {
        summary.cancelled = true;
        break;
      }
      await lintOne(file);
      const percentage = Math.floor(((index + 1) * 100) / files.length);
      if (percentage > reported || index + 1 === files.length) {
        reported = percentage;
        progress.report(percentage, read(index + 1));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } finally {
    progress.done();
  }
  ctx.log(`workspace: ${summary.files} drafts, ${summary.errors} errors, ${summary.warnings} warnings${summary.cancelled ? ' (cancelled)' : summary.stopped ? ' (not the whole workspace)' : ''}`);
  return summary;

  async function lintOne(file: string): Promise<void> {
    const uri = pathToFileURL(file).toString();
    ctx.workspaceLinted.add(uri);
    if (documents.get(uri)) {
      const state = await linter.freshState(uri);
      if (state?.handled) summary.files++;
      count(state?.result?.findings ?? []);
      return;
    }
    const findings = await pushClosedDraft(ctx, file);
    if (!findings) return;
    summary.files++;
    count(findings);
  }
}

/**
 * Lints a draft that is not open, from disk, and pushes its diagnostics; its findings, or undefined when it is not
 * a draft or cannot be read. Also how a draft "Lint all drafts" has read keeps its findings once it is closed: as
 * they are on disk (an unsaved change closed without saving is not what the file says).
 */
export async function pushClosedDraft(ctx: ServerContext, file: string): Promise<readonly Finding[] | undefined> {
  const { env, linter } = ctx;
  const uri = pathToFileURL(file).toString();
  const draft = readDraft(file);
  if (!draft.ok) return undefined;
  const settings = await ctx.settings.get(uri);
  // Opened while its settings were read: the client pulls its diagnostics now.
  if (ctx.documents.get(uri)) return undefined;
  const languageId = languageOfFile(file);
  if (!linter.decide(uri, languageId, draft.text, settings, file).handled) return undefined;
  const textDoc = TextDocument.create(uri, languageId, 0, draft.text);
  const result = lintSourceResult(draft.text, file, { resolver: env.resolver, ruleOverrides: ruleOverrides(settings), cacheFacts: false, defaultDocType: defaultDocType(settings) });
  void ctx.connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(textDoc, result, env.docsDir, env.docsCommand) });
  return result.findings;
}
