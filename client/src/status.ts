/**
 * The status bar item of both clients (desktop and web): what the built-in problem counts do not say, the
 * document type (or that the file is not a draft) and a workspace that is not trusted. The counts, as the
 * Problems panel has them, are in the tooltip.
 */
import * as vscode from 'vscode';
import { TRUST_WORKSPACE_COMMAND, type DraftStatus } from '../../src/protocol';

/** Shows the draft's status on the item (hides it when there is none); returns the text shown. */
export function showDraftStatus(item: vscode.StatusBarItem, status: DraftStatus | undefined): string {
  if (!status) {
    item.hide();
    return '';
  }
  const label = !status.handled ? 'not a draft' : status.empty ? 'empty draft' : (status.docType ?? 'draft');
  const text = `$(law) ${label}${status.untrusted ? ' $(workspace-untrusted)' : ''}`;
  item.text = text;
  item.accessibilityInformation = { label: `Mandate Lint: ${label}${status.untrusted ? ', workspace not trusted' : ''}` };
  const tooltip = new vscode.MarkdownString(
    status.handled
      ? `**Mandate Lint** — ${status.errors} error(s), ${status.warnings} warning(s)${status.infos ? `, ${status.infos} info` : ''}\n\nDocument type: **${status.empty ? 'none yet (empty draft)' : (status.docType ?? '?')}** (from ${status.docTypeSource ?? status.reason})\n\nClick to open the Problems panel.`
      : `**Mandate Lint** does not check this file: ${status.reason}.`,
  );
  if (status.untrusted) {
    tooltip.appendMarkdown(`\n\nThis workspace is not trusted: the built-in rules and lexicons apply, the regular expressions of team lexicons are left out. [Trust the workspace to use team lexicons](command:${TRUST_WORKSPACE_COMMAND})`);
    tooltip.isTrusted = { enabledCommands: [TRUST_WORKSPACE_COMMAND] };
  }
  item.tooltip = tooltip;
  item.show();
  return text;
}
