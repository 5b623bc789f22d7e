/**
 * Quick fixes for a finding (the core's fixes: a clause in the paragraph, a new paragraph, a benchmark clause, a
 * disable comment), "fix all" of a rule, and source.fixAll.mandateLint, all as edits to the open document.
 */
import { CodeActionKind, type CodeAction, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllInDocument, fixAllOfRule } from '../core/fix-all';
import { fixesFor, type TextEdit } from '../core/fixes';
import { FIX_ALL_KIND } from '../protocol';
import { guarded, type ServerContext } from './context';
import type { FindingData } from './diagnostics';

function toLspEdits(doc: TextDocument, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params) =>
    guarded(ctx, 'code action', [], async (): Promise<CodeAction[]> => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri));
      if (!doc || !state?.result || state.version !== doc.version) return [];
      const result = state.result;
      const actions: CodeAction[] = [];
      const only = params.context.only;
      const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
      const wantsFixAll = !!only && only.some((k) => k.startsWith(CodeActionKind.SourceFixAll) || CodeActionKind.SourceFixAll.startsWith(k));
      const ours = params.context.diagnostics.filter((d) => d.source === 'mandate-lint' && typeof d.code === 'string');
      const seenRules = new Set<string>();
      const changes = (edits: TextEdit[]) => ({ changes: { [doc.uri]: toLspEdits(doc, edits) } });
      if (wantsQuickFix) {
        for (const diagnostic of ours) {
          const data = diagnostic.data as Partial<FindingData> | undefined;
          const finding = data?.index !== undefined ? result.findings[data.index] : undefined;
          if (!finding || finding.ruleId !== diagnostic.code) continue;
          for (const fix of fixesFor(result.analysis, finding, state.library())) {
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: changes(fix.edits) });
          }
          if (seenRules.has(finding.ruleId)) continue;
          seenRules.add(finding.ruleId);
          const all = fixAllOfRule(result, finding.ruleId, state.library());
          if (all.count > 1) actions.push({ title: `Fix all ${finding.ruleId} findings in this document (${all.count})`, kind: CodeActionKind.QuickFix, edit: changes(all.edits) });
        }
      }
      if (wantsFixAll) {
        const merged = fixAllInDocument(result, state.library());
        if (merged.length) actions.push({ title: 'Fix all Mandate Lint findings that have an inline clause', kind: FIX_ALL_KIND, edit: changes(merged) });
      }
      return actions;
    }),
  );
}
