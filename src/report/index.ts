/**
 * The lessons coverage report for one or more documents: built from a lint result (build.ts), rendered as
 * Markdown (markdown.ts) or as a self-contained HTML page that also serves as the editor's webview
 * (html.ts). Pure like the core it reads: the CLI, the language server and the webview path all use it.
 */
export { buildFileReport } from './build';
export { renderReportMarkdown } from './markdown';
export { renderReportHtml, type HtmlOptions } from './html';
export { STATUS_LABELS, type FileReport, type ReportBar, type ReportItem, type ReportRange } from './model';
