/**
 * The renewal report: a draft compared with the text it renews, as JSON (`mandate-lint compare --format json`),
 * Markdown and a self-contained HTML page with each changed SSR paragraph side by side, words highlighted. Pure:
 * the CLI, the language server and the editor's webview all use it.
 */
import { mdCell, mdCode, mdInline, mdText } from './markdown-text';
import { isWebviewCspSource } from './html';
import { wordDiff, type Comparison, type FindingRef, type LanguageChange, type ParagraphChange, type ParagraphRef, type SafeguardLoss } from '../core/compare';

export interface ComparedFiles {
  previous: string;
  draft: string;
  comparison: Comparison;
}

const FAMILY_LABELS: Record<string, string> = {
  hrddp: 'human rights due diligence',
  benchmark: 'benchmarks',
  transition: 'transition',
  affordability: 'affordability',
  gender: 'gender',
  reporting: 'reporting',
  governance: 'governance',
};

export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? family;
}

/** A paragraph the report shows: SSR content with something to say about it. */
export function reportable(p: ParagraphChange): boolean {
  if (!p.ssr) return false;
  return p.relation !== 'unchanged' || p.safeguardsLost.length > 0 || p.changes.length > 0 || p.findings.new.length > 0 || p.findings.resolved.length > 0;
}

const ref = (r: ParagraphRef) => ({ label: r.label, line: r.line });
const findingJson = (f: FindingRef) => ({ ruleId: f.ruleId, severity: f.severity, ...(f.paragraph ? { paragraph: f.paragraph } : {}), line: f.line, quote: f.quote });

/** The JSON of `mandate-lint compare --format json` (docs/renewals.md describes it). */
export function comparisonJson(files: ComparedFiles): object {
  const c = files.comparison;
  const documentFindings = (list: FindingRef[]) => list.filter((f) => f.level === 'document').map(findingJson);
  return {
    previous: files.previous,
    draft: files.draft,
    comparable: c.comparable,
    ...(c.reason ? { reason: c.reason } : {}),
    notes: c.notes,
    summary: c.summary,
    alignment: c.alignment,
    paragraphs: c.paragraphs.filter(reportable).map((p) => ({
      relation: p.relation,
      previous: p.previous.map(ref),
      draft: p.draft.map(ref),
      ...(p.near ? { near: ref(p.near) } : {}),
      similarity: p.similarity,
      task: p.task,
      renumbered: p.renumbered,
      safeguardsLost: p.safeguardsLost,
      changes: p.changes,
      findings: { new: p.findings.new.map(findingJson), resolved: p.findings.resolved.map(findingJson), unchanged: p.findings.unchanged.length },
    })),
    documentFindings: { new: documentFindings(c.findings.new), resolved: documentFindings(c.findings.resolved), unchanged: c.findings.unchanged.filter((f) => f.level === 'document').length },
  };
}

export function describeLoss(loss: SafeguardLoss): string {
  return `${familyLabel(loss.family)}: ${loss.words.map((w) => `"${w}"`).join(', ')}`;
}

export function describeChange(change: LanguageChange): string {
  switch (change.kind) {
    case 'verb':
      return `operative verb "${change.from}" → "${change.to}"`;
    case 'modal':
      return `"${change.from}" → "${change.to}"`;
    case 'qualifier':
      return change.to ? `qualifier added: "${change.to}"` : `qualifier removed: "${change.from}"`;
    case 'priority':
      return `moved from the ${change.from} to the ${change.to}`;
  }
}

/** "OP5 → OP4", "OP6 → OP6 + OP7", "OP2(e), removed", "added: OP2(d)". */
export function paragraphTitle(p: ParagraphChange): string {
  const before = p.previous.map((r) => r.label).join(' + ');
  const after = p.draft.map((r) => r.label).join(' + ');
  switch (p.relation) {
    case 'added':
      return `${after} (new)`;
    case 'removed':
      return `${before} (removed${p.near ? `; stood after what is now ${p.near.label}` : ''})`;
    case 'split':
      return `${before} → ${after} (split)`;
    case 'merged':
      return `${before} → ${after} (merged)`;
    case 'moved':
      return `${before} → ${after} (moved)`;
    default:
      return before === after ? after : `${before} → ${after}`;
  }
}

function plain(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

/** The two sides of a paragraph group as plain text (several paragraphs joined by a blank line). */
export function sides(p: ParagraphChange): { before: string; after: string } {
  return { before: p.previous.map((r) => plain(r.text)).join('\n\n'), after: p.draft.map((r) => plain(r.text)).join('\n\n') };
}

/**
 * Struck-through or bold words. A change that begins or ends with punctuation (", within existing resources,")
 * cannot be wrapped in ~~ or ** next to a word (CommonMark would not see the delimiters), so it gets <del>/<ins>.
 */
function mdMark(text: string, op: 'removed' | 'added'): string {
  const core = text.trim();
  if (!core) return text;
  const lead = /^\s*/.exec(text)![0];
  const trail = text.slice(text.trimEnd().length);
  const punctuated = /^[^\p{L}\p{N}]|[^\p{L}\p{N}]$/u.test(core);
  const [open, close] = op === 'removed' ? (punctuated ? ['<del>', '</del>'] : ['~~', '~~']) : punctuated ? ['<ins>', '</ins>'] : ['**', '**'];
  return `${lead}${open}${core}${close}${trail}`;
}

function mdDiff(before: string, after: string): { left: string; right: string } {
  let left = '';
  let right = '';
  for (const s of wordDiff(before, after)) {
    const text = mdCell(s.text);
    if (s.op === 'same') {
      left += text;
      right += text;
    } else if (s.op === 'removed') left += mdMark(text, 'removed');
    else right += mdMark(text, 'added');
  }
  return { left: left || '—', right: right || '—' };
}

function findingLines(p: ParagraphChange): string[] {
  const out: string[] = [];
  for (const f of p.findings.new) out.push(`new finding \`${f.ruleId}\` (${f.severity}, line ${f.line}): ${f.message}`);
  for (const f of p.findings.resolved) out.push(`resolved \`${f.ruleId}\` (was line ${f.line})`);
  return out;
}

export function renderComparisonMarkdown(files: ComparedFiles): string {
  const c = files.comparison;
  const out = ['# Renewal report', '', `Previous text: ${mdCode(files.previous)} — draft: ${mdCode(files.draft)}`, ''];
  if (!c.comparable) {
    out.push(`**Not compared.** ${mdInline(c.reason ?? '')}`, '');
    for (const note of c.notes) out.push(`> ${mdInline(note)}`, '');
    return out.join('\n');
  }
  out.push(`**${c.summary.text}.**`, '');
  const a = c.alignment;
  out.push(`${a.previousParagraphs} paragraphs before, ${a.draftParagraphs} now: ${a.matched} aligned (${a.renumbered} renumbered, ${a.moved} moved, ${a.split} split, ${a.merged} merged), ${a.added} added, ${a.removed} removed. Numbering changes alone are not changes.`, '');
  for (const note of c.notes) out.push(`> ${mdInline(note)}`, '');
  const shown = c.paragraphs.filter(reportable);
  if (!shown.length) out.push('No change to SSR content.', '');
  else {
    out.push('| Paragraph | What changed |', '|---|---|');
    for (const p of shown) {
      const what = [
        ...p.safeguardsLost.map((l) => `safeguard lost — ${describeLoss(l)}`),
        ...p.changes.map((ch) => `${ch.direction} — ${describeChange(ch)}`),
        ...(p.task && p.relation === 'added' ? ['task added'] : []),
        ...(p.task && p.relation === 'removed' ? ['task removed'] : []),
        ...(p.findings.new.length ? [`${p.findings.new.length} new finding${p.findings.new.length === 1 ? '' : 's'} (${p.findings.new.map((f) => `\`${f.ruleId}\``).join(', ')})`] : []),
        ...(p.findings.resolved.length ? [`${p.findings.resolved.length} resolved (${p.findings.resolved.map((f) => `\`${f.ruleId}\``).join(', ')})`] : []),
      ];
      out.push(`| ${mdCell(paragraphTitle(p))} | ${mdCell(what.join('; ') || p.relation)} |`);
    }
    out.push('');
    out.push('## Changed SSR paragraphs, side by side', '', 'Words that went are ~~struck through~~, words that came are **bold** (<del>struck</del> and <ins>underlined</ins> next to punctuation).', '');
    for (const p of shown) {
      out.push(`### ${mdText(paragraphTitle(p))}`, '');
      for (const line of [...p.safeguardsLost.map((l) => `**Safeguard lost** — ${describeLoss(l)}`), ...p.changes.map((ch) => `**${ch.direction[0].toUpperCase()}${ch.direction.slice(1)}** — ${describeChange(ch)}`), ...findingLines(p)]) out.push(`- ${mdText(line)}`);
      if (p.safeguardsLost.length || p.changes.length || p.findings.new.length || p.findings.resolved.length) out.push('');
      const { before, after } = sides(p);
      const { left, right } = mdDiff(before, after);
      out.push(`| Previous${p.previous.length ? ` (line ${p.previous[0].line})` : ''} | Draft${p.draft.length ? ` (line ${p.draft[0].line})` : ''} |`, '|---|---|', `| ${left} | ${right} |`, '');
    }
  }
  const docNew = c.findings.new.filter((f) => f.level === 'document');
  const docResolved = c.findings.resolved.filter((f) => f.level === 'document');
  if (docNew.length || docResolved.length) {
    out.push('## Findings on the whole draft', '');
    for (const f of docNew) out.push(`- new \`${f.ruleId}\` (${f.severity}): ${mdText(f.message)}`);
    for (const f of docResolved) out.push(`- resolved \`${f.ruleId}\``);
    out.push('');
  }
  return out.join('\n');
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function htmlDiff(before: string, after: string): { left: string; right: string } {
  let left = '';
  let right = '';
  for (const s of wordDiff(before, after)) {
    const text = esc(s.text).replace(/\n\n/g, '<br><br>');
    if (s.op === 'same') {
      left += text;
      right += text;
    } else if (s.op === 'removed') left += `<del>${text}</del>`;
    else right += `<ins>${text}</ins>`;
  }
  return { left: left || '<span class="muted">—</span>', right: right || '<span class="muted">—</span>' };
}

const CSS = `
:root { color-scheme: light dark; --bg:#fff; --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --card:#f6f8fa; --lost:#c62828; --weak:#b7791f; --strong:#2e7d32; --del:rgba(198,40,40,.16); --ins:rgba(46,125,50,.18); }
@media (prefers-color-scheme: dark) { :root { --bg:#0d1117; --fg:#e6edf3; --muted:#9198a1; --line:#30363d; --card:#161b22; --lost:#f85149; --weak:#d29922; --strong:#3fb950; --del:rgba(248,81,73,.25); --ins:rgba(63,185,80,.25); } }
body.vscode-light, body.vscode-dark, body.vscode-high-contrast { --bg:var(--vscode-editor-background); --fg:var(--vscode-editor-foreground); }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: var(--bg); color: var(--fg); margin: 0 auto; padding: 24px 32px 48px; max-width: 1200px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 6px; } h3 { font-size: 15px; margin: 0 0 6px; }
.muted { color: var(--muted); } .summary { font-size: 16px; font-weight: 600; margin: 12px 0; }
.note { border-left: 3px solid var(--weak); padding: 4px 10px; background: var(--card); }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 14px 0; background: var(--card); }
.tags span { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 999px; padding: 1px 9px; margin: 0 6px 6px 0; color: #fff; }
.tags .lost { background: var(--lost); } .tags .weakened { background: var(--weak); } .tags .strengthened { background: var(--strong); } .tags .plain { background: var(--muted); }
.side { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; } .side > div { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.side .head { font-size: 12px; color: var(--muted); font-weight: 600; margin-bottom: 4px; }
del { background: var(--del); text-decoration: line-through; } ins { background: var(--ins); text-decoration: none; font-weight: 600; }
ul { margin: 4px 0 8px; padding-left: 18px; } code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
`;

export interface ComparisonHtmlOptions {
  /** In a webview: the CSP source (no script is used). */
  cspSource?: string;
}

export function renderComparisonHtml(files: ComparedFiles, options: ComparisonHtmlOptions = {}): string {
  const c = files.comparison;
  // Only a source shaped like a webview's goes into the policy (a client can send anything).
  const csp = `default-src 'none'; style-src 'unsafe-inline'${isWebviewCspSource(options.cspSource) ? ' ' + options.cspSource : ''};`;
  const body: string[] = [];
  body.push('<header><h1>Renewal report</h1>', `<div class="muted">Previous text: <code>${esc(files.previous)}</code> — draft: <code>${esc(files.draft)}</code></div></header>`);
  if (!c.comparable) body.push(`<p class="summary">Not compared.</p><p>${esc(c.reason ?? '')}</p>`);
  else {
    body.push(`<p class="summary">${esc(c.summary.text)}</p>`);
    const a = c.alignment;
    body.push(`<p class="muted">${a.previousParagraphs} paragraphs before, ${a.draftParagraphs} now: ${a.matched} aligned (${a.renumbered} renumbered, ${a.moved} moved, ${a.split} split, ${a.merged} merged), ${a.added} added, ${a.removed} removed. Numbering changes alone are not changes.</p>`);
  }
  for (const note of c.notes) body.push(`<p class="note">${esc(note)}</p>`);
  if (c.comparable) {
    const shown = c.paragraphs.filter(reportable);
    body.push('<h2>Changed SSR paragraphs, side by side</h2>');
    if (!shown.length) body.push('<p class="muted">No change to SSR content.</p>');
    for (const p of shown) {
      const tags = [
        ...p.safeguardsLost.map((l) => `<span class="lost">safeguard lost: ${esc(familyLabel(l.family))}</span>`),
        ...p.changes.map((ch) => `<span class="${ch.direction}">${ch.direction}: ${esc(ch.kind === 'priority' ? 'priority' : ch.kind)}</span>`),
        ...(p.task && (p.relation === 'added' || p.relation === 'removed') ? [`<span class="plain">task ${p.relation}</span>`] : []),
        ...(p.findings.new.length ? [`<span class="plain">${p.findings.new.length} new finding${p.findings.new.length === 1 ? '' : 's'}</span>`] : []),
        ...(p.findings.resolved.length ? [`<span class="plain">${p.findings.resolved.length} resolved</span>`] : []),
      ];
      const items = [
        ...p.safeguardsLost.map((l) => `Safeguard lost — ${esc(describeLoss(l))}`),
        ...p.changes.map((ch) => `${ch.direction[0].toUpperCase()}${ch.direction.slice(1)} — ${esc(describeChange(ch))}`),
        ...p.findings.new.map((f) => `New finding <code>${esc(f.ruleId)}</code> (${esc(f.severity)}, line ${f.line}): ${esc(f.message)}`),
        ...p.findings.resolved.map((f) => `Resolved <code>${esc(f.ruleId)}</code> (was line ${f.line})`),
      ];
      const { before, after } = sides(p);
      const { left, right } = htmlDiff(before, after);
      body.push(
        `<section class="card" data-relation="${p.relation}"><h3>${esc(paragraphTitle(p))}</h3>`,
        tags.length ? `<div class="tags">${tags.join('')}</div>` : '',
        items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '',
        `<div class="side"><div><div class="head">Previous${p.previous.length ? ` · line ${p.previous[0].line}` : ''}</div>${left}</div><div><div class="head">Draft${p.draft.length ? ` · line ${p.draft[0].line}` : ''}</div>${right}</div></div></section>`,
      );
    }
    const docNew = c.findings.new.filter((f) => f.level === 'document');
    const docResolved = c.findings.resolved.filter((f) => f.level === 'document');
    if (docNew.length || docResolved.length) {
      body.push('<h2>Findings on the whole draft</h2><ul>');
      for (const f of docNew) body.push(`<li>New <code>${esc(f.ruleId)}</code> (${esc(f.severity)}): ${esc(f.message)}</li>`);
      for (const f of docResolved) body.push(`<li>Resolved <code>${esc(f.ruleId)}</code></li>`);
      body.push('</ul>');
    }
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Renewal report — ${esc(files.draft)}</title>`,
    `<style>${CSS}</style></head><body>`,
    ...body,
    '<footer>Made by Mandate Lint: paragraphs aligned by content (docs/renewals.md); safeguards are the lexicon\'s governance, HRDDP, benchmark, reporting, gender, transition and affordability language.</footer>',
    '</body></html>',
    '',
  ].join('\n');
}
