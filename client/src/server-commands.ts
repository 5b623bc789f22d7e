/**
 * The commands that the server's hovers and code actions run ("show the N paragraphs", "Disable a rule…", the
 * trust action), and the server's own requests to the client: the desktop and the web client register the same
 * ones, so no link or fix of the shared server ends in "command not found" in VS Code for the Web.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CHOOSE_FIX_COMMAND, DOCUMENT_TEXT_REQUEST, SHOW_EVIDENCE_COMMAND, TRUST_WORKSPACE_COMMAND, type DocumentTextParams, type DocumentTextResult } from '../../src/protocol';

/** Commands a hover may run; no other command runs from a hover. */
export const HOVER_COMMANDS = [SHOW_EVIDENCE_COMMAND, 'mandateLint.openRuleDocs'];

export function registerServerCommands(client: () => BaseLanguageClient | undefined): vscode.Disposable[] {
  return [
    // An untrusted workspace: VS Code's own trust dialog; the server restarts with the team's lexicons once trusted.
    vscode.commands.registerCommand(TRUST_WORKSPACE_COMMAND, () => vscode.commands.executeCommand('workbench.trust.manage')),
    // A hover's "show the N paragraphs": the evidence of a document finding in a peek view.
    vscode.commands.registerCommand(SHOW_EVIDENCE_COMMAND, async (uri: string, ranges: number[][]) => {
      const target = vscode.Uri.parse(uri);
      const locations = (ranges ?? []).map(([l, c, el, ec]) => new vscode.Location(target, new vscode.Range(l, c, el, ec)));
      if (!locations.length) return;
      const editor = await vscode.window.showTextDocument(target, { preserveFocus: false });
      await vscode.commands.executeCommand('editor.action.showReferences', target, editor.selection.active, locations);
      return locations.length;
    }),
    // A grouped quick fix ("Disable a rule…"): the choices in a quick pick, the chosen edit applied.
    vscode.commands.registerCommand(CHOOSE_FIX_COMMAND, async (placeHolder: string, choices: Array<{ label: string; edit: unknown }>, pick?: string) => {
      const current = client();
      if (!current || !choices?.length) return undefined;
      const chosen = choices.find((c) => c.label === pick) ?? (await vscode.window.showQuickPick(choices, { placeHolder }));
      if (!chosen) return undefined;
      const edit = await current.protocol2CodeConverter.asWorkspaceEdit(chosen.edit as Parameters<typeof current.protocol2CodeConverter.asWorkspaceEdit>[0]);
      return edit ? vscode.workspace.applyEdit(edit) : false;
    }),
  ];
}

/**
 * The server lost a document (it refused a change the editor had made) and asks for its whole text: the editor's
 * text and version, or null when the document is not open. Registered before the client starts.
 */
export function answerDocumentText(client: BaseLanguageClient): void {
  client.onRequest(DOCUMENT_TEXT_REQUEST, (params: DocumentTextParams): DocumentTextResult => {
    const doc = vscode.workspace.textDocuments.find((d) => client.code2ProtocolConverter.asUri(d.uri) === params?.uri);
    return doc ? { version: doc.version, text: doc.getText() } : null;
  });
}
