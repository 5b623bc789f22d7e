/**
 * Hover on findings: what the editor's own diagnostic hover does not already say (src/core/hover.ts): the rule, the
 * lessons by name, what good language looks like; one line per document finding with a link that shows its
 * paragraphs (the client's SHOW_EVIDENCE_COMMAND opens them in a peek view).
 */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findingsHover } from '../core/hover';
import type { Finding } from '../core/rules/types';
import { SHOW_EVIDENCE_COMMAND } from '../protocol';
import { guarded, type ServerContext } from './context';
import { docsLink } from './diagnostics';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params, token) =>
    guarded(ctx, 'hover', null, async (): Promise<Hover | null> => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const state = doc && (await ctx.linter.freshState(doc.uri, token));
      if (!doc || !state?.result) return null;
      const offset = doc.offsetAt(params.position);
      const here = state.result.findings.filter((f) => offset >= f.start && offset <= Math.max(f.end, f.start + 1));
      if (!here.length) return null;
      const first = here[0];
      return {
        contents: { kind: MarkupKind.Markdown, value: findingsHover(here, { docs: (ruleId) => docsLink(ctx.env.docsDir, ruleId, ctx.env.docsCommand), evidence: (f) => evidenceLink(doc, f) }) },
        range: { start: doc.positionAt(first.start), end: doc.positionAt(Math.max(first.end, first.start + 1)) },
      };
    }),
  );
}

/** A command link that shows a finding's evidence: the document and the ranges, 0-based [line, character, line, character]. */
export function evidenceLink(doc: TextDocument, f: Finding): string {
  const ranges = f.evidence.map((e) => {
    const s = doc.positionAt(e.start);
    const end = doc.positionAt(e.end);
    return [s.line, s.character, end.line, end.character];
  });
  return `command:${SHOW_EVIDENCE_COMMAND}?${encodeURIComponent(JSON.stringify([doc.uri, ranges]))}`;
}
