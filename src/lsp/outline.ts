/** The draft's outline (preamble, operative paragraphs by number and verb, sub-paragraphs) and folding ranges. */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver/node';
import { buildFolds, buildOutline, type OutlineKind, type OutlineNode } from '../core/outline';
import { guarded, type ServerContext } from './context';

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  title: SymbolKind.File,
  section: SymbolKind.Namespace,
  'preamble-group': SymbolKind.Namespace,
  preamble: SymbolKind.Field,
  operative: SymbolKind.Function,
  subparagraph: SymbolKind.Method,
  paragraph: SymbolKind.String,
  item: SymbolKind.EnumMember,
};

export function registerOutline(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol((params, token) =>
    guarded(ctx, 'symbols', [], async (): Promise<DocumentSymbol[]> => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri, token));
      if (!doc || !state?.result) return [];
      const toSymbol = (n: OutlineNode): DocumentSymbol => {
        const range = { start: doc.positionAt(n.start), end: doc.positionAt(n.end) };
        const selection = { start: doc.positionAt(n.selectionStart), end: doc.positionAt(Math.max(n.selectionEnd, n.selectionStart)) };
        return { name: n.name, detail: n.detail, kind: SYMBOL_KINDS[n.kind], range, selectionRange: selection, children: n.children.map(toSymbol) };
      };
      return buildOutline(state.result.analysis.model).map(toSymbol);
    }),
  );

  ctx.connection.onFoldingRanges((params, token) =>
    guarded(ctx, 'folding', [], async (): Promise<FoldingRange[]> => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri, token));
      if (!doc || !state?.result) return [];
      return buildFolds(state.result.analysis.model)
        .map((f): FoldingRange => ({ startLine: doc.positionAt(f.start).line, endLine: doc.positionAt(f.end).line, kind: f.kind === 'region' ? FoldingRangeKind.Region : undefined }))
        .filter((f) => f.endLine > f.startLine);
    }),
  );
}
