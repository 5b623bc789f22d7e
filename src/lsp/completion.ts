/**
 * Clause completions where a paragraph or an item starts: the core decides where, in which form and under which
 * number (clauseSlot), and writes the library's clauses for that place with the draft's values filled in, its
 * numbering and references kept right (clauseCompletionsAt); this turns them into LSP items that replace what the
 * drafter has typed. The same clauses answer CLAUSE_REQUEST, for the *Insert a benchmark clause* command.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { clauseCompletionsAt, type PlacedClause } from '../core/completion';
import { CLAUSE_REQUEST, type ClauseParams, type ClauseResult } from '../protocol';
import { guarded, type ServerContext } from './context';
import { checkedPosition } from './documents';
import type { DocumentState } from './linter';

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params, token) =>
    guarded(ctx, 'completion', [], async (): Promise<CompletionItem[]> => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri, token));
      // A position the document does not hold (negative, fractional, past its last line) gets no clauses.
      const position = doc && checkedPosition(doc, params.position);
      if (!doc || !state?.handled || !position) return [];
      return placedClauses(doc, state, position).map((c) => completionItem(doc, c, position));
    }),
  );
  ctx.connection.onRequest(CLAUSE_REQUEST, (params: ClauseParams, token) =>
    guarded(ctx, 'clause', { clauses: [] }, async (): Promise<ClauseResult> => {
      const doc = ctx.documents.get(params.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri, token));
      if (!doc || !state?.handled) return { clauses: [], error: 'Open a draft to insert a clause.' };
      const position = checkedPosition(doc, params.position);
      if (!position) return { clauses: [], error: 'The cursor is not in the document: put it on an empty line where a paragraph starts.' };
      const clauses = placedClauses(doc, state, position).filter((c) => !params.tag || (c.snippet.tags ?? []).includes(params.tag) || (c.snippet.fixes ?? []).includes(params.tag));
      if (!clauses.length) return { clauses: [], error: 'Put the cursor on an empty line where a paragraph starts.' };
      return {
        clauses: clauses.map((c) => ({
          id: c.snippet.id,
          title: c.label,
          detail: c.detail,
          description: c.snippet.description,
          snippet: c.body,
          range: { start: doc.positionAt(c.replaceStart), end: position },
          additionalEdits: c.additionalEdits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
        })),
      };
    }),
  );
}

function placedClauses(doc: TextDocument, state: DocumentState, position: Position): PlacedClause[] {
  const analysis = state.result?.analysis;
  // The analysis is of this version of the text (freshState): its offsets are the document's.
  if (!analysis || analysis.model.text.length !== doc.getText().length) return [];
  return clauseCompletionsAt(analysis, state.library(), doc.offsetAt({ line: position.line, character: 0 }), doc.offsetAt(position));
}

function completionItem(doc: TextDocument, c: PlacedClause, position: Position): CompletionItem {
  return {
    label: c.label,
    kind: CompletionItemKind.Snippet,
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    filterText: c.filterText,
    sortText: c.sortText,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: { start: doc.positionAt(c.replaceStart), end: position }, newText: c.body },
    additionalTextEdits: c.additionalEdits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })),
  };
}
