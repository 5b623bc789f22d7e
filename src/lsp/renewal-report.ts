/** The renewal report of an open draft against its previous text, as a page for a webview and as Markdown. */
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMPARE_REPORT_REQUEST, type CompareReportParams, type CompareReportResult } from '../protocol';
import { renderComparisonHtml, renderComparisonMarkdown } from '../report/compare';
import { guarded, type ServerContext } from './context';
import { uriToPath } from './environment';
import { compareWithPrevious, previousPathFor } from './renewal';

export function registerRenewalReport(ctx: ServerContext): void {
  ctx.connection.onRequest(COMPARE_REPORT_REQUEST, (params: CompareReportParams, token) =>
    guarded(ctx, 'renewal report', { error: 'The renewal report could not be built.' } as CompareReportResult, async (): Promise<CompareReportResult> => {
      const doc = ctx.documents.get(params.uri);
      if (!doc) return { error: 'The document is not open.' };
      const state = await ctx.linter.freshState(doc.uri, token);
      if (!state?.handled || !state.result) return { error: `Mandate Lint does not check this file (${state?.reason ?? 'not a draft'}).` };
      const draftPath = uriToPath(doc.uri);
      const settings = await ctx.settings.get(doc.uri);
      const previousPath = params.previous ? uriToPath(params.previous) : previousPathFor(state.result, draftPath, settings, ctx.env.workspaceFolders);
      if (!previousPath) return { error: 'This draft names no previous text: add "previous: ./S-RES-....md" to its front matter, or set mandateLint.previous.' };
      const draftName = draftPath ? basename(draftPath) : 'the draft';
      const compared = compareWithPrevious(state.result, previousPath, ctx.env, draftName);
      if (!compared.ok) return { error: compared.error };
      const files = { previous: basename(previousPath), draft: draftName, comparison: compared.comparison };
      return {
        // The page checks the CSP source it is given.
        html: renderComparisonHtml(files, { cspSource: params.cspSource }),
        markdown: renderComparisonMarkdown(files),
        summary: compared.comparison.comparable ? compared.comparison.summary.text : compared.comparison.reason,
        previousUri: pathToFileURL(previousPath).toString(),
        ...(compared.comparison.comparable ? {} : { error: compared.comparison.reason }),
      };
    }),
  );
}
