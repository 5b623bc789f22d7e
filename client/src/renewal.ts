/**
 * Renewals in VS Code: "Mandate Lint: Compare with the previous resolution" shows the renewal report of the draft
 * (built by the server) in a webview beside it, and the code action of a lost safeguard or a weakened paragraph
 * opens the previous text and the draft in the diff editor at the aligned paragraphs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMPARE_REPORT_REQUEST, OPEN_PREVIOUS_DIFF_COMMAND, type CompareReportParams, type CompareReportResult } from '../../src/protocol';

const panels = new Map<string, vscode.WebviewPanel>();
const lastReports = new Map<string, CompareReportResult>();

function lineRange(lines: unknown): vscode.Range | undefined {
  if (!Array.isArray(lines) || lines.length !== 2 || !lines.every((n) => Number.isInteger(n) && n >= 0)) return undefined;
  return new vscode.Range(lines[0], 0, lines[1], 0);
}

/** Opens the previous text (left) and the draft (right) in the diff editor, the draft's paragraph selected and both revealed. */
export async function openPreviousDiff(previous: string | vscode.Uri, draft: string | vscode.Uri, previousLines?: unknown, draftLines?: unknown): Promise<void> {
  const left = typeof previous === 'string' ? vscode.Uri.parse(previous) : previous;
  const right = typeof draft === 'string' ? vscode.Uri.parse(draft) : draft;
  const draftRange = lineRange(draftLines);
  const name = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.path;
  await vscode.commands.executeCommand('vscode.diff', left, right, `${name(left)} ↔ ${name(right)} (renewal)`, { preview: false, ...(draftRange ? { selection: new vscode.Range(draftRange.start, draftRange.start) } : {}) });
  const previousRange = lineRange(previousLines);
  // The diff editor aligns the two sides by its own line diff; reveal the previous paragraph too when it is far away.
  const leftEditor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === left.toString());
  if (leftEditor && previousRange) leftEditor.revealRange(previousRange, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerRenewalCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, ready: () => Promise<void>): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_PREVIOUS_DIFF_COMMAND, (previous: string, draft: string, previousLines?: unknown, draftLines?: unknown) => openPreviousDiff(previous, draft, previousLines, draftLines)),
    vscode.commands.registerCommand('mandateLint.compareWithPrevious', async (uri?: vscode.Uri, previous?: vscode.Uri): Promise<CompareReportResult | undefined> => {
      const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
      const languageClient = client();
      if (!languageClient || !target) {
        void vscode.window.showInformationMessage('Mandate Lint: open a draft to compare it with the resolution it renews.');
        return undefined;
      }
      await ready();
      await vscode.workspace.openTextDocument(target);
      const ask = async (chosen?: vscode.Uri) => {
        const params: CompareReportParams = { uri: target.toString(), cspSource: '', ...(chosen ? { previous: chosen.toString() } : {}) };
        return languageClient.sendRequest<CompareReportResult>(COMPARE_REPORT_REQUEST, params);
      };
      let report = await ask(previous);
      if (report.error && !report.html && !previous && /names no previous text/.test(report.error)) {
        const picked = await vscode.window.showOpenDialog({ title: 'The resolution this draft renews', canSelectMany: false, openLabel: 'Compare', filters: { 'Drafts and resolutions': ['md', 'markdown', 'txt', 'docx'] } });
        if (!picked?.length) return report;
        report = await ask(picked[0]);
      }
      lastReports.set(target.toString(), report);
      if (!report.html) {
        void vscode.window.showWarningMessage(`Mandate Lint: ${report.error ?? 'no renewal report.'}`);
        return report;
      }
      const key = target.toString();
      let panel = panels.get(key);
      if (!panel) {
        const name = target.path.split('/').pop() ?? 'draft';
        panel = vscode.window.createWebviewPanel('mandateLint.renewalReport', `Renewal: ${name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
        panels.set(key, panel);
        panel.onDidDispose(() => panels.delete(key), undefined, context.subscriptions);
      } else panel.reveal(vscode.ViewColumn.Beside, true);
      panel.webview.html = report.html.replace("style-src 'unsafe-inline';", `style-src 'unsafe-inline' ${panel.webview.cspSource};`);
      return report;
    }),
  );
}

/** The last renewal report shown for a draft (for tests). */
export function lastRenewalReport(uri: vscode.Uri): CompareReportResult | undefined {
  return lastReports.get(uri.toString());
}
