/**
 * The workspace: its folders as the client changes them, and "Lint all drafts in the workspace": every draft of
 * every folder (the CLI's discovery, then the editor's draft decision), open ones from their current text, the
 * others read from disk, with diagnostics published for the files that are not open.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** Follows workspace folders added and removed (registered once the client is initialized). */
export function watchWorkspaceFolders(ctx: ServerContext): void {
  ctx.connection.workspace.onDidChangeWorkspaceFolders((event) => {
    ctx.env.changeFolders(event.added, event.removed);
    ctx.linter.relintAll();
  });
}

export function registerWorkspaceLint(ctx: ServerContext): void {
  ctx.connection.onExecuteCommand(async (params) => {
    if (params.command !== LINT_WORKSPACE_COMMAND) return null;
    try {
      return await lintWorkspace(ctx);
    } catch (error) {
      ctx.log(`workspace lint failed: ${(error as Error).stack ?? error}`);
      return { files: 0, errors: 0, warnings: 0, infos: 0, failed: String(error) } satisfies WorkspaceLintSummary;
    }
  });
}

/** Lints every draft in the workspace folders and publishes diagnostics for the files that are not open. */
async function lintWorkspace(ctx: ServerContext): Promise<WorkspaceLintSummary> {
  const { env, documents, linter } = ctx;
  const summary: WorkspaceLintSummary = { files: 0, errors: 0, warnings: 0, infos: 0 };
  const count = (findings: readonly Finding[]) => {
    for (const f of findings) f.severity === 'error' ? summary.errors++ : f.severity === 'warning' ? summary.warnings++ : summary.infos++;
  };
  for (const folder of env.workspaceFolders) {
    const matcher = new IgnoreMatcher(folder, join(folder, '.mandatelintignore'), env.resolver, true);
    const found = discoverFiles(['.'], folder, [...MARKDOWN_EXTENSIONS, '.txt'], matcher);
    for (const file of found.files) {
      const uri = pathToFileURL(file).toString();
      if (documents.get(uri)) {
        const state = await linter.freshState(uri);
        if (state?.handled) summary.files++;
        count(state?.result?.findings ?? []);
        continue;
      }
      const read = readDraft(file);
      if (!read.ok) continue;
      const settings = await ctx.settings.get(uri);
      const languageId = languageOfFile(file);
      if (!linter.decide(uri, languageId, read.text, settings, file).handled) continue;
      const textDoc = TextDocument.create(uri, languageId, 0, read.text);
      const result = lintSourceResult(read.text, file, { resolver: env.resolver, ruleOverrides: ruleOverrides(settings), cacheFacts: false, defaultDocType: defaultDocType(settings) });
      summary.files++;
      count(result.findings);
      void ctx.connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(textDoc, result, env.docsDir, env.docsCommand) });
    }
  }
  ctx.log(`workspace: ${summary.files} drafts, ${summary.errors} errors, ${summary.warnings} warnings`);
  return summary;
}
