/**
 * Built and run by scripts/build-web.mjs at build time only: the inline style and script of the coverage report
 * page, so that the review page's Content-Security-Policy can allow exactly them (by hash) in its report frame.
 */
import { renderReportHtml } from '../report';

declare const out: { styles: string[]; scripts: string[] };

const html = renderReportHtml([{ filePath: 'draft.md', docType: 'mandate', docTypeSource: 'detected', items: [], bars: [], findings: [], counts: { addressed: 0, partly: 0, 'not-addressed': 0, 'not-applicable': 0 } }]);
out.styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
out.scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
