/**
 * The lessons coverage report in a webview beside the draft. The server builds the page; the webview posts
 * back the range of whatever the user clicks and we reveal it in the draft. The page follows the draft as it
 * is edited.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COVERAGE_REPORT_REQUEST, type CoverageReportParams, type CoverageReportResult } from '../../src/protocol';

export interface RevealTarget {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Selects a 1-based range of the report in the draft, in the editor column the draft is shown in. */
export async function revealInDraft(uri: vscode.Uri, target: RevealTarget): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const clamp = (line: number, column: number) => document.validatePosition(new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1)));
  const range = new vscode.Range(clamp(target.line, target.column), clamp(target.endLine, target.endColumn));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, selection: range, preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

export class CoverageReportPanel {
  private static readonly panels = new Map<string, CoverageReportPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;
  /** What the page shows now (for tests and for "copy as Markdown"). */
  last: CoverageReportResult = {};

  static async show(client: LanguageClient, uri: vscode.Uri): Promise<CoverageReportPanel> {
    const key = uri.toString();
    const existing = CoverageReportPanel.panels.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      await existing.refresh();
      return existing;
    }
    const name = uri.path.split('/').pop() ?? 'draft';
    const panel = vscode.window.createWebviewPanel('mandateLint.coverageReport', `Lessons coverage: ${name}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [] });
    const view = new CoverageReportPanel(client, uri, panel);
    CoverageReportPanel.panels.set(key, view);
    await view.refresh();
    return view;
  }

  /**
   * A report panel VS Code brings back after a reload (the webview serializer): the page's state names the draft;
   * the panel shows the draft's report again once the server is ready, at the scroll position the page kept.
   */
  static async restore(client: LanguageClient, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = typeof (state as { uri?: unknown } | undefined)?.uri === 'string' ? (state as { uri: string }).uri : undefined;
    if (!uri) {
      panel.dispose();
      return;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: [] };
    const target = vscode.Uri.parse(uri);
    CoverageReportPanel.panels.get(target.toString())?.panel.dispose();
    const view = new CoverageReportPanel(client, target, panel);
    CoverageReportPanel.panels.set(target.toString(), view);
    // The draft must be open for the server to report on it.
    await vscode.workspace.openTextDocument(target).then(undefined, () => undefined);
    await view.refresh();
  }

  static forDocument(uri: vscode.Uri): CoverageReportPanel | undefined {
    return CoverageReportPanel.panels.get(uri.toString());
  }

  private constructor(
    private readonly client: LanguageClient,
    readonly uri: vscode.Uri,
    readonly panel: vscode.WebviewPanel,
  ) {
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.webview.onDidReceiveMessage(
      (message: { type?: string } & Partial<RevealTarget>) => {
        if (message?.type !== 'reveal' || ![message.line, message.column, message.endLine, message.endColumn].every((n) => Number.isInteger(n))) return;
        void revealInDraft(this.uri, message as RevealTarget);
      },
      undefined,
      this.disposables,
    );
    vscode.workspace.onDidChangeTextDocument(
      (event) => {
        if (event.document.uri.toString() !== this.uri.toString()) return;
        if (this.refreshTimer) clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => void this.refresh(), 700);
      },
      undefined,
      this.disposables,
    );
  }

  async refresh(): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    let response: CoverageReportResult;
    try {
      const params: CoverageReportParams = { uri: this.uri.toString(), nonce, cspSource: this.panel.webview.cspSource };
      response = await this.client.sendRequest<CoverageReportResult>(COVERAGE_REPORT_REQUEST, params);
    } catch (error) {
      response = { error: (error as Error).message };
    }
    this.last = response;
    this.panel.webview.html = response.html ?? messagePage(response.error ?? 'No report.', this.panel.webview.cspSource);
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    CoverageReportPanel.panels.delete(this.uri.toString());
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function messagePage(message: string, cspSource: string): string {
  const text = message.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline' ${cspSource};"></head><body style="font-family: sans-serif; padding: 24px"><p>${text}</p></body></html>`;
}
