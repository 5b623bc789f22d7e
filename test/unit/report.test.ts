/** The lessons coverage report: what it concludes for the examples, and that its pages are safe and self-contained. */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../src/core/lint';
import { buildFileReport, renderReportHtml, renderReportMarkdown, type FileReport } from '../../src/report';
import type { DocType } from '../../src/core/analysis';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { compareResults } from '../../src/core/compare';
import { renderComparisonMarkdown } from '../../src/report/compare';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

function reportOf(text: string, docType?: DocType, path = 'draft.md'): FileReport {
  return buildFileReport(lintText(text, { format: 'markdown', docType, cacheFacts: false }), path);
}

const item = (report: FileReport, id: string) => report.items.find((i) => i.id === id)!;

describe('coverage report', () => {
  const weak = reportOf(readFileSync(join(EXAMPLES, 'weak-mandate.md'), 'utf8'));
  const strong = reportOf(readFileSync(join(EXAMPLES, 'strong-mandate.md'), 'utf8'));
  const strategy = reportOf(readFileSync(join(EXAMPLES, 'strategy-excerpt.md'), 'utf8'));

  it('lists the 19 lessons, recommendation 1(b) and the ten Box 1 principles', () => {
    assert.deepEqual(weak.items.filter((i) => i.group === 'lessons').map((i) => i.id), Array.from({ length: 19 }, (_, n) => `IR-L${n + 1}`));
    assert.deepEqual(weak.items.filter((i) => i.group === 'recommendations').map((i) => i.id), ['IR-R1b']);
    assert.equal(weak.items.filter((i) => i.group === 'principles').length, 10);
  });

  it('finds the weak draft mostly wanting and the strong draft addressing what applies', () => {
    const applicable = (r: FileReport) => r.items.filter((i) => i.status !== 'not-applicable');
    const addressed = (r: FileReport) => r.items.filter((i) => i.status === 'addressed').length;
    assert.ok(addressed(weak) <= 3, `weak: ${addressed(weak)} addressed`);
    assert.ok(addressed(strong) >= applicable(strong).length - 2, `strong: ${addressed(strong)} of ${applicable(strong).length}`);
    for (const id of ['IR-L2', 'IR-L5', 'IR-L9', 'IR-L13', 'IR-L15', 'IR-R1b', 'IR-B1a']) assert.equal(item(weak, id).status, 'not-addressed', id);
    assert.ok(item(weak, 'IR-L5').findings.some((f) => f.ruleId === 'train-and-equip-drift'), 'lesson 5 lists the drift findings');
  });

  it('quotes the words that address an item, on the right line', () => {
    const oversight = item(strong, 'IR-L9');
    assert.equal(oversight.status, 'addressed');
    assert.match(oversight.evidence!.text, /civilian (?:control|oversight)/i);
    const line = readFileSync(join(EXAMPLES, 'strong-mandate.md'), 'utf8').split('\n')[oversight.evidence!.line - 1];
    assert.ok(line.includes(oversight.evidence!.context.match), 'the evidence sits on the line it names');
  });

  it('does not expect strategy lessons of a mandate, nor mandate benchmarks of a peace agreement', () => {
    assert.equal(item(weak, 'IR-L16').status, 'not-applicable');
    assert.equal(item(weak, 'IR-L3').status, 'not-applicable');
    assert.notEqual(item(strategy, 'IR-L16').status, 'not-applicable');
    const agreement = reportOf('Article 4. The armed forces of the Parties shall be integrated into a national army, with vetting and under civilian oversight.\n', 'peace-agreement');
    assert.equal(item(agreement, 'IR-R1b').status, 'not-applicable');
    assert.equal(agreement.items.filter((i) => i.group === 'box2').length, 10, 'peace agreements get the Box 2 checklist');
    assert.equal(agreement.items.find((i) => i.id === 'box2-3')!.status, 'addressed');
    assert.equal(agreement.items.find((i) => i.id === 'box2-9')!.status, 'not-addressed');
  });

  it('charts governance against capability for every SSR paragraph, marking capability-only ones', () => {
    assert.ok(weak.bars.length >= 8);
    assert.ok(weak.bars.some((b) => b.drift && b.governance === 0 && b.capability > 0));
    assert.ok(weak.bars.every((b) => !b.drift || b.capability > 0));
    assert.ok(strong.bars.every((b) => !b.drift));
    assert.ok(strong.bars.filter((b) => b.governance > 0).length > strong.bars.length / 2);
    assert.ok(weak.bars.some((b) => /^OP\d+(\([a-z]+\))?$/.test(b.label)) && weak.bars.some((b) => /^PP\d+$/.test(b.label)), 'paragraphs named as drafters name them');
  });

  it('renders Markdown with one row per item and the findings', () => {
    const markdown = renderReportMarkdown([weak, strong]);
    assert.match(markdown, /^# Lessons coverage report/);
    assert.equal((markdown.match(/^## draft\.md$/gm) ?? []).length, 2);
    assert.equal((markdown.match(/^\| (?:✅|🟡|❌|➖) \|/gm) ?? []).length, weak.items.length + strong.items.length);
    assert.match(markdown, /`train-and-equip-drift` \(lines \d+/);
  });

  it('renders a self-contained HTML page that escapes the draft and loads nothing from outside', () => {
    const hostile = reportOf('# <script>alert(1)</script>\n\n1. *Requests* the Mission to train the "army" & <b>police</b>;\n');
    const html = renderReportHtml([hostile, weak]);
    assert.ok(!html.includes('<script>alert(1)'), 'draft text is escaped');
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.ok(!/(?:src|href)="(?:https?:)?\/\//.test(html), 'no external resources');
    assert.match(html, /<svg class="chart"/);
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /id="f1-L\d+"/, 'a text view to jump to');
    assert.match(html, /href="#f1-L\d+"/);
  });

  it('in a webview, runs only the nonce script and carries ranges for the editor instead of page anchors', () => {
    const html = renderReportHtml([weak], { webview: { nonce: 'abc123XYZ', cspSource: 'vscode-webview://x' } });
    assert.match(html, /script-src 'nonce-abc123XYZ'/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123XYZ">/);
    assert.match(html, /acquireVsCodeApi/);
    assert.match(html, /data-line="\d+" data-column="\d+" data-end-line="\d+" data-end-column="\d+"/);
    assert.ok(!html.includes('class="source"'), 'the editor shows the text itself');
  });

  it('in a webview, keeps its place: links without "#" (which scrolls a webview to the top), the scroll position and the draft in the webview state (issue 13, point 6)', () => {
    const html = renderReportHtml([weak], { webview: { nonce: 'abc123XYZ', cspSource: 'vscode-webview://x', uri: 'file:///w/draft.md' } });
    assert.ok(!/href="#"/.test(html), 'no link to "#"');
    assert.match(html, /<a class="jump" role="link" tabindex="0" data-file="0"/);
    assert.match(html, /<body data-uri="file:\/\/\/w\/draft\.md">/);
    assert.match(html, /vscode\.setState\(\{ uri: document\.body\.dataset\.uri, scrollY: window\.scrollY \}\)/);
    assert.match(html, /window\.scrollTo\(0, saved\.scrollY\)/);
  });

  it('charts with a counted axis, no empty columns, a tooltip for every pair and no horizontal scroll (issue 13, point 6)', () => {
    const html = renderReportHtml([weak]);
    const svg = /<svg class="chart"[^>]*>/.exec(html)![0];
    assert.match(svg, /width="100%"/);
    assert.doesNotMatch(svg, /width="\d+"/, 'the chart scales to the page');
    assert.doesNotMatch(html, /\.chart-card \{[^}]*overflow-x: auto/, 'no horizontal scrollbar');
    const charted = weak.bars.filter((b) => b.governance > 0 || b.capability > 0);
    assert.equal((html.match(/<g class="bar/g) ?? []).length, charted.length, 'a column only for paragraphs with terms');
    assert.equal((html.match(/data-tip="[^"]+"/g) ?? []).length, charted.length);
    assert.match(html, /data-tip="OP\d+(?:\([a-z]+\))?, line \d+: \d+ governance terms?, \d+ capability terms?/);
    assert.match(html, /class="tick">0<\/text>/, 'zero on the axis');
    assert.match(html, />governance<\/text>/);
    assert.match(html, />capability<\/text>/);
    assert.match(html, /setAttribute\('role', 'tooltip'\)/, 'the page\'s own tooltip');
    const empty = { ...weak, bars: [...weak.bars, { ...weak.bars[0], label: 'OP99', governance: 0, capability: 0, drift: false }] };
    const uncharted = empty.bars.filter((b) => !b.governance && !b.capability).length;
    assert.match(renderReportHtml([empty]), new RegExp(`${uncharted} SSR paragraphs? ha(?:s|ve) neither kind of term and (?:is|are) not charted`));
  });

  it('takes its colours from the editor theme: light, dark, high contrast and high contrast light (issue 13, point 6)', () => {
    const html = renderReportHtml([weak], { webview: { nonce: 'abc123XYZ', cspSource: 'vscode-webview://x' } });
    for (const theme of ['vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light']) assert.match(html, new RegExp(`body\\.${theme} \\{`), theme);
    assert.match(html, /--bg:var\(--vscode-editor-background\)/);
    assert.match(html, /--vscode-contrastBorder/);
  });

  it('leaves the text view out of very large documents', () => {
    const big = reportOf('1. *Requests* the Mission to support the reform of the police under civilian oversight;\n\n'.repeat(6000));
    assert.equal(big.sourceLines, undefined);
    assert.ok(!renderReportHtml([big]).includes('class="source"'));
  });

  it('is built and rendered in src/report, which stays pure; the core holds no page, style or script', () => {
    const source = (dir: string) =>
      readdirSync(join(__dirname, '..', '..', dir), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.ts'))
        .map((name) => ({ name: `${dir}/${name}`, text: readFileSync(join(__dirname, '..', '..', dir, name), 'utf8') }));
    const report = source('src/report');
    assert.ok(report.some((f) => f.name.endsWith('html.ts')) && report.some((f) => f.name.endsWith('markdown.ts')));
    for (const { name, text } of report) {
      for (const [, specifier] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
        // The webview path bundles this folder too: the core and itself, nothing from Node, VS Code or the adapters.
        assert.ok(specifier.startsWith('./') || specifier.startsWith('../core/'), `${name} imports ${specifier}`);
      }
      assert.ok(!/\brequire\(|\bimport\(/.test(text), `${name} loads modules at run time`);
    }
    for (const { name, text } of source('src/core')) assert.ok(!/<!DOCTYPE|<style|acquireVsCodeApi|<svg/i.test(text), `${name} renders HTML`);
  });
});

describe('Markdown reports: the draft\'s words and file names as text', () => {
  // Every node a CommonMark reader makes of the report, to look for raw HTML and broken structure.
  const nodes = (markdown: string) => {
    const all: Array<{ type: string; depth?: number; value?: string; children?: unknown[] }> = [];
    const walk = (n: { type: string; children?: unknown[] }) => {
      all.push(n as never);
      for (const c of n.children ?? []) walk(c as never);
    };
    walk(unified().use(remarkParse).parse(markdown) as never);
    return all;
  };
  const hostile = '<img src=x onerror=alert(1)>';
  const draft = [
    `# Draft resolution on *Kalindor* ${hostile} | \`tick`,
    '',
    `1. *Requests* MINUKAL to train and equip the national army ${hostile} | and <b>police</b>;`,
    '',
    '2. *Decides* to remain seized of the matter.',
    '',
  ].join('\n');

  it('coverage report: no HTML from the draft or its name, and every table row keeps its columns', () => {
    const result = lintText(draft, { format: 'markdown', cacheFacts: false });
    const name = 'dra`ft <b>x</b> | *y*.md';
    const markdown = renderReportMarkdown([buildFileReport(result, name)]);
    const all = nodes(markdown);
    assert.deepEqual(all.filter((n) => n.type === 'html').map((n) => n.value), [], 'no raw HTML');
    const heading = all.find((n) => n.type === 'heading' && n.depth === 2) as { children: Array<{ value?: string }> };
    assert.equal(heading.children.map((c) => c.value ?? '').join(''), name, 'the name as written');
    // Table rows: the cell separators are the "|" not escaped by a backslash (an even run of backslashes before it).
    const separators = (line: string) => [...line.matchAll(/(\\*)\|/g)].filter((m) => m[1].length % 2 === 0).length;
    const rows = markdown.split('\n').filter((l) => l.startsWith('|'));
    assert.ok(rows.length > 10);
    for (const row of rows) assert.ok(separators(row) === 5 || separators(row) === 6, `a row split by a "|" from the draft: ${row.slice(0, 120)}`);
    assert.ok(markdown.includes('onerror'), 'the words are still there, as text');
  });

  it('renewal report: no HTML from the texts or their names', () => {
    const before = lintText(draft, { format: 'markdown', cacheFacts: false });
    const after = lintText(draft.replace('Requests', 'Encourages'), { format: 'markdown', cacheFacts: false });
    const markdown = renderComparisonMarkdown({ previous: 'prev `x` <img src=x onerror=alert(1)>.md', draft: '``draft``.md', comparison: compareResults(before, after) });
    const all = nodes(markdown);
    // The report's own <del> and <ins> (changes that start or end with punctuation), nothing from the texts.
    assert.deepEqual(all.filter((n) => n.type === 'html' && !/^<\/?(?:del|ins)>$/.test(n.value ?? '')).map((n) => n.value), []);
    const codes = all.filter((n) => n.type === 'inlineCode').map((n) => n.value);
    assert.ok(codes.includes('prev `x` <img src=x onerror=alert(1)>.md') && codes.includes('``draft``.md'), JSON.stringify(codes));
  });
});

describe('the static HTML coverage page', () => {
  it('allows its one script by hash, and no other inline script', () => {
    const result = lintText('# Draft\n\n1. *Requests* MINUKAL to train the national army;\n', { format: 'markdown', cacheFacts: false });
    const html = renderReportHtml([buildFileReport(result, 'a.md')]);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    assert.doesNotMatch(scriptSrc, /unsafe-inline/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    assert.equal(scripts.length, 1);
    assert.equal(scriptSrc, `script-src 'sha256-${createHash('sha256').update(scripts[0]).digest('base64')}'`);
  });
});
