/**
 * Clause completions where a paragraph or an item starts: the core decides where and in which form
 * (completionPlace) and renders the library's clauses (clauseCompletions); this turns them into LSP items that
 * replace what the drafter has typed.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver/node';
import { clauseCompletions, completionPlace } from '../core/completion';
import { documentPlaceholders } from '../core/snippets';
import { guarded, type ServerContext } from './context';
import type { DocumentState } from './linter';

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params) =>
    guarded(ctx, 'completion', [], async (): Promise<CompletionItem[]> => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri));
      if (!doc || !state?.handled) return [];
      const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
      return completionItems(line, state, params.position);
    }),
  );
}

function completionItems(linePrefix: string, state: DocumentState, position: Position): CompletionItem[] {
  const docType = state.result?.docType ?? 'mandate';
  const place = completionPlace(linePrefix, docType);
  if (!place) return [];
  const values = state.result ? documentPlaceholders(state.result.analysis) : {};
  const replaceRange: Range = { start: { line: position.line, character: position.character - place.typed.length }, end: position };
  return clauseCompletions(state.library(), docType, place.form, values).map((c) => ({
    label: c.label,
    kind: CompletionItemKind.Snippet,
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    filterText: c.filterText,
    sortText: c.sortText,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: replaceRange, newText: c.body },
  }));
}
