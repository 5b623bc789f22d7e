/**
 * Quick fixes for a finding (the core's fixes: a clause in the paragraph, a new paragraph, a benchmark clause, a
 * disable comment), "fix all" of a rule, and source.fixAll.mandateLint, all as edits to the open document.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllInDocument, fixAllOfRule, fixMenu } from '../core/fix-all';
import { fixesFor, type Fix, type TextEdit } from '../core/fixes';
import type { Finding } from '../core/rules/types';
import { CHOOSE_FIX_COMMAND, FIX_ALL_KIND, TRUST_WORKSPACE_COMMAND } from '../protocol';
import { guarded, type ServerContext } from './context';
import { echoedDiagnostic, type FindingData } from './diagnostics';
import { isRecord, kind } from './values';
import { renewalAction } from './renewal';

function toLspEdits(doc: TextDocument, edits: TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
}

/**
 * The finding of this lint a diagnostic stands for: the one its data's index names when the two cover the same
 * words, else the finding of its rule that does (an editor sends the diagnostics it shows, and those of an earlier
 * version have their ranges moved with the text but an index of the earlier lint). Nothing for any other.
 */
function findingOf(doc: TextDocument, findings: Finding[], diagnostic: Diagnostic): Finding | undefined {
  const range = diagnostic.range as unknown;
  if (!isRecord(range) || !isRecord(range.start) || !isRecord(range.end)) return undefined;
  const { start, end } = range as { start: Record<string, unknown>; end: Record<string, unknown> };
  const covers = (f: Finding) => {
    const from = doc.positionAt(f.start);
    const to = doc.positionAt(Math.max(f.end, f.start + 1));
    return f.ruleId === diagnostic.code && from.line === start.line && from.character === start.character && to.line === end.line && to.character === end.character;
  };
  const data = diagnostic.data as Partial<FindingData> | undefined;
  const index = isRecord(data) ? data.index : undefined;
  // Only an index of this lint's findings (a forged "length" or 1.5 finds nothing).
  const named = Number.isSafeInteger(index) ? findings[index as number] : undefined;
  if (named && covers(named)) return named;
  return findings.find(covers);
}

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params, token) =>
    guarded(ctx, 'code action', [], async (): Promise<CodeAction[]> => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri, token));
      if (!doc || !state?.result || state.version !== doc.version) return [];
      const result = state.result;
      const actions: CodeAction[] = [];
      const only = params.context.only;
      const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
      const wantsFixAll = !!only && only.some((k) => k.startsWith(CodeActionKind.SourceFixAll) || CodeActionKind.SourceFixAll.startsWith(k));
      // A forged or malformed diagnostic is skipped, and logged once per request; the others keep their actions.
      const skipped: string[] = [];
      const sent: unknown = params.context.diagnostics;
      if (!Array.isArray(sent)) skipped.push(`diagnostics are ${kind(sent)}, not a list`);
      const diagnostics: Diagnostic[] = [];
      for (const [i, d] of (Array.isArray(sent) ? sent : []).entries()) {
        if (isRecord(d)) diagnostics.push(d as unknown as Diagnostic);
        else skipped.push(`diagnostic ${i + 1} is ${kind(d)}, not an object`);
      }
      const ours = diagnostics.filter((d) => d.source === 'mandate-lint' && typeof d.code === 'string');
      const seenRules = new Set<string>();
      const changes = (edits: TextEdit[]) => ({ changes: { [doc.uri]: toLspEdits(doc, edits) } });
      if (wantsQuickFix) {
        // The core arranges the menu (src/core/fix-all.ts fixMenu): each edit once, the best clause first, the
        // disable comments apart; several of those become one entry that asks which rule.
        const entries: Array<{ diagnostic: Diagnostic; finding: Finding; fixes: Fix[] }> = [];
        for (const diagnostic of ours) {
          const finding = findingOf(doc, result.findings, diagnostic);
          if (finding) entries.push({ diagnostic, finding, fixes: fixesFor(result.analysis, finding, state.library()) });
        }
        const menu = fixMenu(entries);
        for (const { fix, findings } of menu.fixes) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: findings.map((i) => echoedDiagnostic(entries[i].diagnostic)), isPreferred: fix.preferred, edit: changes(fix.edits) });
        }
        // "Fix all" of a rule from one of its paragraph findings; the title (document findings) keeps a short menu.
        for (const { finding } of entries) {
          if (finding.level === 'document' || seenRules.has(finding.ruleId)) continue;
          seenRules.add(finding.ruleId);
          const all = fixAllOfRule(result, finding.ruleId, state.library());
          if (all.count > 1) actions.push({ title: `Fix all ${finding.ruleId} findings in this document (${all.count})`, kind: CodeActionKind.QuickFix, edit: changes(all.edits) });
        }
        if (menu.disables.length === 1) {
          const { fix, findings } = menu.disables[0];
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: findings.map((i) => echoedDiagnostic(entries[i].diagnostic)), edit: changes(fix.edits) });
        } else if (menu.disables.length > 1) {
          const choices = menu.disables.map(({ fix }) => ({ label: fix.title, edit: changes(fix.edits) }));
          actions.push({
            title: `Disable a rule… (${menu.disables.length} rules here)`,
            kind: CodeActionKind.QuickFix,
            diagnostics: entries.map((e) => echoedDiagnostic(e.diagnostic)),
            command: { title: 'Disable a rule', command: CHOOSE_FIX_COMMAND, arguments: ['Disable which rule?', choices] },
          });
        }
      }
      if (wantsQuickFix) {
        for (const diagnostic of diagnostics) {
          const renewal = renewalAction(doc.uri, diagnostic);
          if (renewal && 'problem' in renewal) skipped.push(renewal.problem);
          else if (renewal) actions.push(renewal);
        }
      }
      if (skipped.length) ctx.log(`code action for ${doc.uri}: skipped ${skipped.length} malformed diagnostic${skipped.length === 1 ? '' : 's'} (${skipped.slice(0, 3).join('; ')}${skipped.length > 3 ? '; …' : ''})`);
      // A workspace lexicon whose regular expressions are left out because the workspace is not trusted.
      const untrusted = diagnostics.find((d) => d.source === 'mandate-lint' && /not trusted/.test(d.message));
      if (wantsQuickFix && untrusted && !ctx.env.trusted) {
        actions.push({ title: 'Trust workspace to use team lexicons', kind: CodeActionKind.QuickFix, diagnostics: [echoedDiagnostic(untrusted)], command: { title: 'Trust workspace', command: TRUST_WORKSPACE_COMMAND } });
      }
      if (wantsFixAll) {
        const merged = fixAllInDocument(result, state.library());
        if (merged.length) actions.push({ title: 'Fix all Mandate Lint findings that have an inline clause', kind: FIX_ALL_KIND, edit: changes(merged) });
      }
      return actions;
    }),
  );
}
