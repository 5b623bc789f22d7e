/**
 * The coverage report as one self-contained HTML page (inline CSS and SVG, no external resources). The same
 * page, built with a nonce, is what the editor shows in a webview; there a click on an item asks the editor to
 * reveal the text. The page's script runs in the browser or the webview, never here: this module only writes
 * strings and imports neither Node nor VS Code.
 */
import type { CoverageStatus } from '../core/coverage';
import { byRule, GROUP_TITLES, STATUS_LABELS, type FileReport, type ReportRange } from './model';

export interface HtmlOptions {
  /**
   * In a webview: clicks post {type:'reveal', ...range} to the editor; needs the CSP source and a nonce. `uri` is the
   * draft's, kept in the webview state so that the page can be restored after a reload.
   */
  webview?: { nonce?: string; cspSource: string; uri?: string };
  displayPath?: (p: string) => string;
}

/**
 * Whether a webview's script nonce can go into the policy as it is: a string of base64 characters. Anything
 * else (no nonce: `undefined` would pass a regular expression as "undefined") means a page with no script.
 */
export function isScriptNonce(nonce: unknown): nonce is string {
  return typeof nonce === 'string' && /^[A-Za-z0-9+/=]{8,64}$/.test(nonce);
}

/**
 * Whether a webview's CSP source looks like one (`vscode-webview://…`, `https://*.vscode-cdn.net`,
 * `vscode-resource:`): a scheme, then at most a host with an optional leading `*.`, a port and a path. No quotes,
 * spaces, semicolons or `*` alone, which would add sources or directives to the policy.
 */
export function isWebviewCspSource(source: unknown): source is string {
  return typeof source === 'string' && source.length <= 300 && /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/(\*\.)?[A-Za-z0-9._~%-]+(:\d{1,5})?(\/[A-Za-z0-9._~%/-]*)?)?$/.test(source);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STATUS_CLASS: Record<CoverageStatus, string> = { addressed: 'ok', partly: 'part', 'not-addressed': 'gap', 'not-applicable': 'na' };

function rangeAttrs(fileIndex: number, r: ReportRange): string {
  return `data-file="${fileIndex}" data-line="${r.line}" data-column="${r.column}" data-end-line="${r.endLine}" data-end-column="${r.endColumn}"`;
}

/**
 * Where a click should lead: the line in the page's own text view, or (in the editor) the document. Without a text
 * view the link has no href: a webview scrolls to the top on a click on "#", and the report must keep its place.
 */
function jump(fileIndex: number, r: ReportRange, hasSource: boolean, label: string): string {
  const target = hasSource ? `href="#f${fileIndex}-L${r.line}"` : 'role="link" tabindex="0"';
  return `<a class="jump" ${target} ${rangeAttrs(fileIndex, r)}>${esc(label)}</a>`;
}

/** A tooltip's words for a paragraph's pair of bars. */
function barTip(bar: FileReport['bars'][number]): string {
  const words = (n: number, what: string) => `${n} ${what} term${n === 1 ? '' : 's'}`;
  return `${bar.label}, line ${bar.line}: ${words(bar.governance, 'governance')}, ${words(bar.capability, 'capability')}${bar.drift ? ' (capability without governance)' : ''}`;
}

/**
 * Governance above the axis, capability below, one pair per SSR paragraph that has either; the page scales the
 * chart to its width (no horizontal scrolling), the y axis counts terms both ways from zero, and each pair has a
 * tooltip (an SVG title, and the page's own tooltip from data-tip).
 */
function chartSvg(report: FileReport, fileIndex: number): string {
  const bars = report.bars.filter((b) => b.governance > 0 || b.capability > 0);
  const left = report.bars.length - bars.length;
  const none = left ? `<p class="muted chart-note">${left} SSR paragraph${left === 1 ? ' has' : 's have'} neither kind of term and ${left === 1 ? 'is' : 'are'} not charted.</p>` : '';
  if (!bars.length) return `<p class="muted">The draft has no SSR paragraph with governance or capability terms, so there is nothing to chart.</p>`;
  const max = Math.max(2, ...bars.map((b) => Math.max(b.governance, b.capability)));
  const ticks = max <= 4 ? Array.from({ length: max }, (_, i) => i + 1) : [Math.ceil(max / 2), max];
  const plotLeft = 64;
  const top = 14;
  const half = 80;
  const step = Math.max(14, Math.min(40, Math.floor(900 / bars.length)));
  const barWidth = Math.max(6, Math.round(step * 0.6));
  const every = Math.ceil(bars.length / 40);
  const rotate = bars.some((b) => b.label.length > 4) || step < 28;
  const labelRoom = rotate ? 42 : 20;
  const width = plotLeft + bars.length * step + 8;
  const axisY = top + half;
  const height = top + half * 2 + 10 + labelRoom;
  const scale = (n: number) => (n / max) * half;
  const parts: string[] = [];
  parts.push(`<svg class="chart" role="img" aria-label="Governance and capability terms per SSR paragraph" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${Math.max(width, 480)}px" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">`);
  // The y axis: zero on the middle line, counts of terms up (governance) and down (capability).
  parts.push(`<line x1="${plotLeft}" x2="${plotLeft}" y1="${top}" y2="${top + half * 2}" class="axis"/>`);
  parts.push(`<text x="${plotLeft - 8}" y="${axisY + 4}" class="tick">0</text>`);
  for (const tick of ticks) {
    for (const y of [axisY - scale(tick), axisY + scale(tick)]) {
      parts.push(`<line x1="${plotLeft}" x2="${width - 4}" y1="${y}" y2="${y}" class="grid"/><line x1="${plotLeft - 4}" x2="${plotLeft}" y1="${y}" y2="${y}" class="axis"/><text x="${plotLeft - 8}" y="${y + 4}" class="tick">${tick}</text>`);
    }
  }
  parts.push(`<text class="axis-label" transform="translate(14 ${axisY - half / 2}) rotate(-90)" text-anchor="middle">governance</text>`);
  parts.push(`<text class="axis-label" transform="translate(14 ${axisY + half / 2}) rotate(-90)" text-anchor="middle">capability</text>`);
  bars.forEach((bar, i) => {
    const x = plotLeft + i * step + (step - barWidth) / 2;
    const cx = x + barWidth / 2;
    const tip = barTip(bar);
    parts.push(`<g class="bar${bar.drift ? ' drift' : ''}" ${rangeAttrs(fileIndex, bar)} data-tip="${esc(tip)}" tabindex="0" role="link" aria-label="${esc(tip)}"><title>${esc(tip)}</title>`);
    parts.push(`<rect x="${plotLeft + i * step}" y="${top}" width="${step}" height="${half * 2}" class="hit"/>`);
    if (bar.governance) parts.push(`<rect x="${x}" y="${axisY - scale(bar.governance)}" width="${barWidth}" height="${scale(bar.governance)}" class="gov"/>`);
    if (bar.capability) parts.push(`<rect x="${x}" y="${axisY}" width="${barWidth}" height="${scale(bar.capability)}" class="cap"/>`);
    if (bar.drift) parts.push(`<circle cx="${cx}" cy="${Math.min(top + half * 2 - 4, axisY + scale(bar.capability) + 6)}" r="3.5" class="warn"/>`);
    if (i % every === 0) {
      const y = top + half * 2 + 14;
      parts.push(rotate ? `<text x="${cx}" y="${y}" class="bar-label" text-anchor="end" transform="rotate(-45 ${cx} ${y})">${esc(bar.label.slice(0, 8))}</text>` : `<text x="${cx}" y="${y}" class="bar-label" text-anchor="middle">${esc(bar.label)}</text>`);
    }
    parts.push('</g>');
  });
  parts.push(`<line x1="${plotLeft}" x2="${width - 4}" y1="${axisY}" y2="${axisY}" class="axis"/>`);
  parts.push('</svg>');
  return parts.join('') + none;
}

const CSS = `
:root { color-scheme: light dark; --ok:#2e7d32; --part:#b7791f; --gap:#c62828; --na:#757575; --gov:#1f6feb; --cap:#e8743b; --bg:#fff; --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --card:#f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --bg:#0d1117; --fg:#e6edf3; --muted:#9198a1; --line:#30363d; --card:#161b22; --ok:#3fb950; --part:#d29922; --gap:#f85149; --gov:#4493f8; --cap:#f0883e; } }
body[class*="vscode-"] { --bg:var(--vscode-editor-background); --fg:var(--vscode-editor-foreground); --muted:var(--vscode-descriptionForeground); --line:var(--vscode-editorWidget-border, rgba(127,127,127,.35)); --card:var(--vscode-textBlockQuote-background, rgba(127,127,127,.08)); --link:var(--vscode-textLink-foreground); }
body.vscode-dark { --ok:#3fb950; --part:#d29922; --gap:#f85149; --gov:#4493f8; --cap:#f0883e; }
body.vscode-light { --ok:#2e7d32; --part:#9a6700; --gap:#c62828; --gov:#1f6feb; --cap:#c4511b; }
body.vscode-high-contrast { --ok:#89d185; --part:#ffd700; --gap:#ff6b6b; --na:#b0b0b0; --gov:#6fc3ff; --cap:#ffa657; --line:var(--vscode-contrastBorder, #6fc3df); --card:transparent; }
body.vscode-high-contrast-light { --ok:#1b5e20; --part:#7a4f01; --gap:#b00020; --na:#5c5c5c; --gov:#0b4dbb; --cap:#a33e00; --line:var(--vscode-contrastBorder, #0f4a85); --card:transparent; }
body.vscode-high-contrast .pill, body.vscode-high-contrast-light .pill { border: 1px solid var(--vscode-contrastBorder); }
body.vscode-high-contrast svg.chart .gov, body.vscode-high-contrast svg.chart .cap, body.vscode-high-contrast-light svg.chart .gov, body.vscode-high-contrast-light svg.chart .cap { stroke: var(--fg); stroke-width: 1; }
body.vscode-high-contrast:not(.vscode-high-contrast-light) .pill { color: #000; }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: var(--bg); color: var(--fg); margin: 0 auto; padding: 24px 32px 48px; max-width: 1100px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 36px 0 4px; border-bottom: 1px solid var(--line); padding-bottom: 6px; } h3 { font-size: 15px; margin: 24px 0 8px; }
.muted { color: var(--muted); } .doc-title { font-style: italic; }
.summary { display: flex; gap: 10px; flex-wrap: wrap; margin: 12px 0; }
.pill { border-radius: 999px; padding: 2px 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
.pill.ok { background: var(--ok); } .pill.part { background: var(--part); } .pill.gap { background: var(--gap); } .pill.na { background: var(--na); }
.stack { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin: 6px 0 4px; background: var(--line); }
.stack span.ok { background: var(--ok); } .stack span.part { background: var(--part); } .stack span.gap { background: var(--gap); } .stack span.na { background: var(--na); opacity: .5; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td.item { width: 42%; } td.item b { font-weight: 600; } td.status { width: 160px; white-space: nowrap; }
tr.na td { color: var(--muted); }
q { font-style: italic; } mark { background: rgba(46,125,50,.18); color: inherit; font-style: normal; font-weight: 600; border-radius: 3px; padding: 0 2px; } q::before, q::after { content: '"'; }
.findings { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--card); padding: 1px 4px; border-radius: 4px; }
body[class*="vscode-"] code { background: var(--vscode-textPreformat-background, var(--card)); color: var(--vscode-textPreformat-foreground, inherit); }
a.jump { color: var(--link, inherit); text-decoration: underline dotted; cursor: pointer; }
a.jump:focus-visible, svg.chart g.bar:focus-visible { outline: 2px solid var(--vscode-focusBorder, var(--gov)); outline-offset: 1px; }
.chart-card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow: hidden; position: relative; }
.chart-note { font-size: 12px; margin: 4px 0 0; }
.tip { position: fixed; z-index: 10; pointer-events: none; max-width: 320px; padding: 4px 8px; font-size: 12px; border-radius: 4px; background: var(--vscode-editorHoverWidget-background, var(--bg)); color: var(--vscode-editorHoverWidget-foreground, var(--fg)); border: 1px solid var(--vscode-editorHoverWidget-border, var(--line)); box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.tip[hidden] { display: none; }
.legend { display: flex; gap: 16px; font-size: 12px; color: var(--muted); margin-bottom: 6px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
svg.chart .gov { fill: var(--gov); } svg.chart .cap { fill: var(--cap); } svg.chart .warn { fill: var(--gap); }
svg.chart .hit { fill: transparent; } svg.chart g.bar { cursor: pointer; } svg.chart g.bar:hover .hit, svg.chart g.bar:focus .hit { fill: rgba(127,127,127,.15); }
svg.chart .axis { stroke: var(--fg); stroke-width: 1; } svg.chart .grid { stroke: var(--line); stroke-dasharray: 3 3; }
svg.chart text { fill: var(--muted); font-size: 10px; } svg.chart .axis-label { font-size: 11px; font-weight: 600; fill: var(--fg); } svg.chart .bar-label { fill: var(--fg); } svg.chart .tick { text-anchor: end; }
ul.finding-list { padding-left: 18px; } ul.finding-list li { margin: 4px 0; }
.sev { font-size: 11px; font-weight: 700; text-transform: uppercase; margin-right: 4px; } .sev.error { color: var(--gap); } .sev.warning { color: var(--part); } .sev.info { color: var(--gov); }
details.source { margin-top: 24px; } pre.source { font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 0; overflow-x: auto; }
pre.source span.ln { display: block; padding: 0 12px; white-space: pre-wrap; } pre.source span.ln:target { background: rgba(255, 200, 0, .25); }
pre.source span.ln::before { content: attr(data-n); display: inline-block; width: 40px; color: var(--muted); text-align: right; margin-right: 12px; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
`;

/** The chart's tooltip, in the webview and in a static page: the bar's data-tip beside the pointer or the focused bar. */
const TOOLTIP_SCRIPT = `
(function () {
  const tip = document.createElement('div');
  tip.className = 'tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.appendChild(tip);
  const show = (bar, x, y) => {
    tip.textContent = bar.getAttribute('data-tip');
    tip.hidden = false;
    const w = tip.offsetWidth;
    tip.style.left = Math.max(4, Math.min(x + 12, window.innerWidth - w - 8)) + 'px';
    tip.style.top = (y + 16) + 'px';
  };
  const barOf = (event) => (event.target instanceof Element ? event.target.closest('g.bar[data-tip]') : null);
  document.addEventListener('mousemove', (event) => { const bar = barOf(event); if (bar) show(bar, event.clientX, event.clientY); else tip.hidden = true; });
  document.addEventListener('focusin', (event) => { const bar = barOf(event); if (!bar) return; const r = bar.getBoundingClientRect(); show(bar, r.left + r.width / 2, r.top); });
  document.addEventListener('focusout', () => { tip.hidden = true; });
  window.addEventListener('scroll', () => { tip.hidden = true; }, { passive: true });
})();
`;

/**
 * The webview's script: a click asks the editor to reveal the words; the page keeps its scroll position and the
 * draft it reports on in the webview state, so that it keeps its place when it is rebuilt and comes back after a
 * reload (the client's webview serializer reads the state).
 */
const SCRIPT = `
const vscode = acquireVsCodeApi();
const saved = vscode.getState() || {};
if (saved.uri === document.body.dataset.uri && typeof saved.scrollY === 'number') window.scrollTo(0, saved.scrollY);
vscode.setState({ uri: document.body.dataset.uri, scrollY: window.scrollY });
let saving;
window.addEventListener('scroll', () => {
  clearTimeout(saving);
  saving = setTimeout(() => vscode.setState({ uri: document.body.dataset.uri, scrollY: window.scrollY }), 100);
}, { passive: true });
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-line]') : null;
  if (!target) return;
  event.preventDefault();
  const d = target.dataset;
  vscode.postMessage({ type: 'reveal', file: Number(d.file), line: Number(d.line), column: Number(d.column), endLine: Number(d.endLine), endColumn: Number(d.endColumn) });
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  const target = event.target instanceof Element ? event.target.closest('[data-line]') : null;
  if (target) target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
});
`;

function fileSection(report: FileReport, fileIndex: number, options: HtmlOptions): string {
  const display = options.displayPath ?? ((p: string) => p);
  const hasSource = !!report.sourceLines && !options.webview;
  const c = report.counts;
  const total = report.items.length || 1;
  const out: string[] = [];
  out.push(`<section class="file" id="file-${fileIndex}">`);
  out.push(`<h2>${esc(display(report.filePath))}</h2>`);
  if (report.title) out.push(`<div class="doc-title">${esc(report.title)}</div>`);
  out.push(`<div class="muted">Document type: <b>${esc(report.docType)}</b> (${esc(report.docTypeSource)}) · ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}</div>`);
  out.push('<div class="stack" aria-hidden="true">' + (['addressed', 'partly', 'not-addressed', 'not-applicable'] as CoverageStatus[]).map((s) => `<span class="${STATUS_CLASS[s]}" style="width:${(c[s] / total) * 100}%"></span>`).join('') + '</div>');
  out.push('<div class="summary">' + (['addressed', 'partly', 'not-addressed', 'not-applicable'] as CoverageStatus[]).map((s) => `<span class="pill ${STATUS_CLASS[s]}">${c[s]} ${esc(STATUS_LABELS[s].toLowerCase())}</span>`).join('') + '</div>');

  out.push('<h3>Governance and capability language, SSR paragraph by paragraph</h3>');
  out.push('<div class="chart-card"><div class="legend"><span><i style="background:var(--gov)"></i>governance, oversight, accountability</span><span><i style="background:var(--cap)"></i>train, equip, operational support</span><span><i style="background:var(--gap);border-radius:50%"></i>capability without governance</span></div>');
  out.push(chartSvg(report, fileIndex) + '</div>');

  for (const group of [...new Set(report.items.map((i) => i.group))]) {
    out.push(`<h3>${esc(GROUP_TITLES[group])}</h3>`);
    out.push('<table><thead><tr><th>Item</th><th>Status</th><th>Evidence or gap</th></tr></thead><tbody>');
    for (const item of report.items.filter((i) => i.group === group)) {
      const detail = item.evidence
        ? `${jump(fileIndex, item.evidence, hasSource, `line ${item.evidence.line}`)}: <q>${esc(item.evidence.context.before)}<mark>${esc(item.evidence.context.match)}</mark>${esc(item.evidence.context.after)}</q>`
        : esc(item.note);
      const findings = item.findings.length
        ? `<ul class="findings">${byRule(item.findings)
            .map(([rule, list]) => `<li><code>${esc(rule)}</code> ${list.slice(0, 6).map((f) => jump(fileIndex, f, hasSource, `line ${f.line}`)).join(', ')}${list.length > 6 ? ` and ${list.length - 6} more` : ''}</li>`)
            .join('')}</ul>`
        : '';
      out.push(`<tr class="${STATUS_CLASS[item.status]}" id="f${fileIndex}-${esc(item.id)}"><td class="item"><b>${esc(item.label)}</b><br>${esc(item.title)}</td><td class="status"><span class="pill ${STATUS_CLASS[item.status]}">${esc(STATUS_LABELS[item.status])}</span></td><td>${detail}${findings}</td></tr>`);
    }
    out.push('</tbody></table>');
  }

  out.push('<h3>Findings</h3>');
  if (!report.findings.length) out.push('<p class="muted">None.</p>');
  else {
    out.push('<ul class="finding-list">');
    for (const f of report.findings) out.push(`<li><span class="sev ${esc(f.severity)}">${esc(f.severity)}</span>${jump(fileIndex, f, hasSource, `line ${f.line}`)} <code>${esc(f.ruleId)}</code> ${esc(f.message)}</li>`);
    out.push('</ul>');
  }
  if (hasSource) {
    out.push(`<details class="source"><summary>Text of the draft</summary><pre class="source">`);
    report.sourceLines!.forEach((line, i) => out.push(`<span class="ln" id="f${fileIndex}-L${i + 1}" data-n="${i + 1}">${esc(line) || ' '}</span>`));
    out.push('</pre></details>');
  }
  out.push('</section>');
  return out.join('\n');
}

/** The static page's one script: it opens the text view when a link into it is followed, and shows the tooltips. */
export const STATIC_PAGE_SCRIPT = `document.addEventListener('click',function(e){var a=e.target instanceof Element?e.target.closest('a.jump'):null;if(!a)return;var id=(a.getAttribute('href')||'').slice(1);var el=id&&document.getElementById(id);if(el){var d=el.closest('details');if(d)d.open=true;}});${TOOLTIP_SCRIPT}`;

/**
 * Its SHA-256, which the page's policy allows instead of any inline script (written here, since the page is also
 * built in a browser, where hashing is asynchronous; test/unit/report.test.ts checks it against the script).
 */
export const STATIC_PAGE_SCRIPT_HASH = 'sha256-eCpdRkH0xVRRo08YwodkingUKvmKyAZVopOROsZtaCg=';

export function renderReportHtml(reports: FileReport[], options: HtmlOptions = {}): string {
  // Checked here too, since they go into the policy: a page whose nonce is not one runs no script at all.
  const nonce = isScriptNonce(options.webview?.nonce) ? options.webview.nonce : undefined;
  const source = isWebviewCspSource(options.webview?.cspSource) ? ` ${options.webview.cspSource}` : '';
  const csp = options.webview
    ? `default-src 'none'; style-src 'unsafe-inline'${source}; script-src ${nonce ? `'nonce-${nonce}'` : "'none'"}; img-src${source} data:;`
    : `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '${STATIC_PAGE_SCRIPT_HASH}';`;
  const title = reports.length === 1 ? `Lessons coverage — ${(options.displayPath ?? ((p: string) => p))(reports[0].filePath)}` : 'Lessons coverage report';
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style></head><body${options.webview?.uri ? ` data-uri="${esc(options.webview.uri)}"` : ''}>`,
    '<header><h1>Lessons coverage report</h1>',
    '<div class="muted">Each lesson and principle of the independent review of UN support to security sector reform, judged against the draft. Click a line reference to see the words.</div></header>',
    ...reports.map((r, i) => fileSection(r, i, options)),
    '<footer>Made by Mandate Lint. Lessons are cited by their number in the review (2014–2020) and the Secretary-General\'s report; see the rules documentation for each finding.</footer>',
    options.webview ? (nonce ? `<script nonce="${nonce}">${SCRIPT}${TOOLTIP_SCRIPT}</script>` : '') : `<script>${STATIC_PAGE_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
