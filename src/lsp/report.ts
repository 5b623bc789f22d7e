/** The lessons coverage report of an open draft, as HTML for a webview (scripts allowed only with the nonce) and Markdown. */
import { basename } from 'node:path';
import type { ResponseError } from 'vscode-languageserver/node';
import { buildFileReport, renderReportHtml, renderReportMarkdown } from '../report';
import { COVERAGE_REPORT_REQUEST, type CoverageReportParams, type CoverageReportResult } from '../protocol';
import type { ServerContext } from './context';
import { uriToPath } from './environment';
import { invalidParams } from './params';
import { isRecord } from './values';

export function registerCoverageReport(ctx: ServerContext): void {
  ctx.connection.onRequest(COVERAGE_REPORT_REQUEST, async (params: CoverageReportParams, token): Promise<CoverageReportResult | ResponseError<void>> => {
    if (!isRecord(params)) return invalidParams(ctx, COVERAGE_REPORT_REQUEST, 'params are not an object');
    try {
      const doc = ctx.documents.get(params.uri);
      if (!doc) return { error: 'The document is not open.' };
      const state = await ctx.linter.freshState(doc.uri, token);
      if (!state?.handled || !state.result) return { error: `Mandate Lint does not check this file (${state?.reason ?? 'not a draft'}).` };
      const path = uriToPath(doc.uri) ?? doc.uri;
      const report = buildFileReport(state.result, path);
      return {
        version: doc.version,
        // The page checks the nonce and the CSP source it is given: with no valid nonce it has no script.
        html: renderReportHtml([report], { webview: { nonce: params.nonce, cspSource: params.cspSource, uri: doc.uri }, displayPath: (p) => basename(p) }),
        markdown: renderReportMarkdown([report], (p) => basename(p)),
        counts: report.counts,
      };
    } catch (error) {
      ctx.log(`coverage report failed: ${(error as Error).stack ?? error}`);
      return { error: 'The report could not be built (see the Mandate Lint output).' };
    }
  });
}
