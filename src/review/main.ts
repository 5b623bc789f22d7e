/// <reference lib="dom" />
/**
 * The review page (dist/review/index.html): a draft dropped, chosen or pasted is linted in the page by the same
 * engine as the CLI and the editor (review.ts); the page shows the draft with its findings highlighted, the
 * findings by rule with what the editor's hover says, and the lessons coverage report, and offers the Markdown
 * report, SARIF and (for a Word draft) a commented copy as downloads. Nothing leaves the page: no request is made
 * (the Content-Security-Policy forbids them), and nothing is stored, so the text is gone when the tab closes.
 * Keyboard: Tab to the findings; ↑/↓ (or k/j) move between them, Enter shows one in the draft.
 */
import type { DocType } from '../core/analysis';
import type { Finding } from '../core/rules/types';
import { clearMemoryFiles, memoryFilePaths, writeMemoryFile } from '../web/fs';
import { commentedCopy, configurationChanged, explain, isWordName, REVIEW_FOLDER, reportHtml, reportMarkdown, reviewDraft, safeName, sarif, suggestions, type Review } from './review';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

let current: Review | undefined;
let lastInput: { name: string; text?: string; bytes?: Uint8Array } | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

function status(message: string, kind: 'info' | 'error' = 'info'): void {
  const box = $('status');
  box.textContent = message;
  box.className = kind;
}

function docType(): DocType | 'auto' {
  return ($('doc-type') as HTMLSelectElement).value as DocType | 'auto';
}

function run(): void {
  if (!lastInput) return;
  const started = performance.now();
  const outcome = reviewDraft({ ...lastInput, docType: docType() });
  const ms = Math.round(performance.now() - started);
  if (!outcome.ok) {
    current = undefined;
    $('results').hidden = true;
    status(`${lastInput.name}: ${outcome.error}`, 'error');
    return;
  }
  current = outcome.review;
  render(current, ms);
}

async function readFile(file: File): Promise<void> {
  const name = safeName(file.name);
  if (!/\.(md|markdown|mdown|mkd|txt|text|docx)$/i.test(name)) {
    status(`${name}: Mandate Lint reads Markdown (.md), plain text (.txt) and Word (.docx) drafts.`, 'error');
    return;
  }
  if (isWordName(name)) lastInput = { name, bytes: new Uint8Array(await file.arrayBuffer()) };
  else lastInput = { name, text: await file.text() };
  run();
}

/** Configuration, lexicons and snippet libraries the reviewer loads: placed beside the draft, as in a folder. */
async function loadTeamFiles(files: FileList | File[]): Promise<void> {
  for (const file of Array.from(files)) {
    const name = safeName(file.name);
    if (!/\.json$|^\.mandatelintrc$/i.test(name)) {
      status(`${name}: team files are JSON (.mandatelintrc.json, lexicons, snippet libraries).`, 'error');
      continue;
    }
    const text = await file.text();
    // A snippet library is found in .mandate-lint/snippets/; everything else sits beside the draft.
    const isLibrary = /"snippets"\s*:\s*\[\s*\{/.test(text) && !/^\.mandatelintrc/.test(name);
    writeMemoryFile(isLibrary ? `${REVIEW_FOLDER}/.mandate-lint/snippets/${name}` : `${REVIEW_FOLDER}/${name}`, text);
  }
  configurationChanged();
  listTeamFiles();
  run();
}

function listTeamFiles(): void {
  const list = $('team-files');
  list.replaceChildren(...memoryFilePaths().map((p) => el('li', {}, p.replace(REVIEW_FOLDER + '/', ''))));
  $('clear-team').hidden = !memoryFilePaths().length;
}

/** Each finding's range, cut at every boundary, so that overlapping findings share the text they cover. */
function highlighted(text: string, findings: Finding[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const cuts = new Set<number>([0, text.length]);
  const ranges = findings.map((f, index) => ({ index, start: Math.min(f.start, text.length), end: Math.min(Math.max(f.end, f.start + 1), text.length), severity: f.severity }));
  for (const r of ranges) cuts.add(r.start).add(r.end);
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const covering = ranges.filter((r) => r.start <= from && r.end >= to);
    if (!covering.length) {
      fragment.append(piece);
      continue;
    }
    const worst = covering.reduce((a, b) => (SEVERITY_ORDER[b.severity] < SEVERITY_ORDER[a.severity] ? b : a));
    const mark = el('mark', { class: `sev-${worst.severity}`, 'data-findings': covering.map((r) => r.index).join(' '), title: covering.map((r) => findings[r.index].ruleId).join(', ') }, piece);
    fragment.append(mark);
  }
  return fragment;
}

function render(review: Review, ms: number): void {
  const { result, file } = review;
  const findings = result.findings;
  $('results').hidden = false;
  const counts = `${file.errorCount} error${file.errorCount === 1 ? '' : 's'}, ${file.warningCount} warning${file.warningCount === 1 ? '' : 's'}, ${file.infoCount ?? 0} info`;
  $('summary').textContent = `${review.name} — ${result.docType} (${result.docTypeSource === 'detected' ? 'detected' : `from ${result.docTypeSource}`}): ${counts}`;
  status(`Checked ${review.name} in this page: nothing was sent anywhere.`);
  $('timing').textContent = String(ms);

  const notes = file.messages.filter((m) => !m.ruleId);
  $('notes').replaceChildren(...notes.map((m) => el('li', { class: `sev-${m.severityName}` }, m.message)));

  // The draft, findings highlighted in place.
  const pre = $('draft-text');
  pre.replaceChildren(highlighted(review.text, findings));

  // The findings by rule, in the order of the draft, each with what the hover says.
  const lines = result.analysis.model.lines;
  const groups = new Map<string, number[]>();
  findings
    .map((_, i) => i)
    .sort((a, b) => findings[a].start - findings[b].start)
    .forEach((i) => groups.set(findings[i].ruleId, [...(groups.get(findings[i].ruleId) ?? []), i]));
  const list = $('findings');
  list.replaceChildren();
  if (!findings.length) list.append(el('p', { class: 'muted' }, 'No findings: the draft meets every rule that applies to it.'));
  for (const [ruleId, indexes] of groups) {
    const first = explain(findings[indexes[0]]);
    const section = el('section', { class: 'rule', 'aria-label': `${first.title}: ${indexes.length} finding${indexes.length === 1 ? '' : 's'}` });
    section.append(el('h3', {}, `${first.title} `, el('code', {}, ruleId), ` (${indexes.length})`));
    const ol = el('ol', {});
    for (const index of indexes) {
      const f = findings[index];
      const at = lines.positionAt(f.start);
      const x = explain(f);
      const button = el('button', { type: 'button', class: `finding sev-${f.severity}`, 'data-index': String(index), 'aria-expanded': 'false', 'aria-controls': `explain-${index}` }, el('span', { class: 'where' }, `line ${at.line}:${at.column}`), el('span', { class: 'sev' }, f.severity), ' ', f.message);
      const details = el('div', { class: 'explain', id: `explain-${index}`, hidden: '' });
      details.append(
        el('p', {}, el('strong', {}, 'Found: '), x.found),
        el('p', {}, el('strong', {}, 'Missing: '), x.missing),
        el('p', {}, el('strong', {}, 'Why it matters: '), x.why),
      );
      if (x.lessons.length) details.append(el('p', {}, el('strong', {}, 'Lessons')), el('ul', {}, ...x.lessons.map((l) => el('li', {}, el('strong', {}, l.label), ` — ${l.title}: ${l.summary}`))));
      if (x.goodPractice) details.append(el('p', {}, el('strong', {}, 'What good language looks like: '), x.goodPractice));
      details.append(el('div', { class: 'clauses', 'data-for': String(index) }));
      ol.append(el('li', {}, button, details));
    }
    section.append(ol);
    list.append(section);
  }

  // The lessons coverage report, in a frame of its own (its style and script are its own).
  ($('report') as HTMLIFrameElement).srcdoc = reportHtml(review);
  $('download-docx').hidden = !review.reading;
}

function select(index: number, focus = true): void {
  const buttons = Array.from(document.querySelectorAll<HTMLButtonElement>('button.finding'));
  for (const b of buttons) {
    const on = Number(b.dataset.index) === index;
    b.classList.toggle('selected', on);
    b.setAttribute('aria-expanded', String(on));
    const explanation = document.getElementById(`explain-${b.dataset.index}`)!;
    explanation.hidden = !on;
    if (on) showClauses(explanation, index);
    if (on && focus) b.focus({ preventScroll: true });
    if (on) reveal($('findings'), b.parentElement!);
  }
  for (const mark of Array.from(document.querySelectorAll<HTMLElement>('#draft-text mark'))) mark.classList.toggle('selected', (mark.dataset.findings ?? '').split(' ').includes(String(index)));
  const target = document.querySelector<HTMLElement>('#draft-text mark.selected');
  if (target) reveal($('draft-text'), target);
}

/** The clauses that answer a finding (found when it is first opened), each with a button that copies it. */
function showClauses(explanation: HTMLElement, index: number): void {
  const box = explanation.querySelector<HTMLElement>('.clauses');
  if (!box || !current || box.dataset.done) return;
  box.dataset.done = 'true';
  const clauses = suggestions(current, index);
  if (!clauses.length) return;
  box.append(el('p', {}, el('strong', {}, clauses.length === 1 ? 'A clause that answers it' : 'Clauses that answer it')));
  for (const clause of clauses) {
    const copy = el('button', { type: 'button', class: 'copy' }, 'Copy');
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(clause.text).then(
        () => (copy.textContent = 'Copied'),
        () => (copy.textContent = 'Select the text to copy it'),
      );
    });
    box.append(el('div', { class: 'clause' }, el('div', { class: 'clause-title' }, clause.title, ' ', copy), el('pre', { tabindex: '0' }, clause.text)));
  }
}

/** Scrolls a pane (not the page) so that an element of it shows, a third of the way down. */
function reveal(pane: HTMLElement, element: HTMLElement): void {
  const box = pane.getBoundingClientRect();
  const at = element.getBoundingClientRect();
  if (at.top >= box.top && at.bottom <= box.bottom) return;
  pane.scrollTop += at.top - box.top - pane.clientHeight / 3;
}

function download(name: string, data: string | Uint8Array, type: string): void {
  const blob = new Blob([data as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function stem(name: string): string {
  return name.replace(/\.[^.]+$/, '');
}

function wire(): void {
  const input = $('file') as HTMLInputElement;
  // Cleared once read, so that choosing the same file again (after an edit) reads it again.
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void readFile(file).finally(() => (input.value = ''));
  });
  const zone = $('drop');
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const file = e.dataTransfer?.files?.[0];
    if (file) void readFile(file);
  });
  // A file dropped anywhere else must not make the browser navigate away from the page.
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  $('check-paste').addEventListener('click', () => {
    const text = ($('paste') as HTMLTextAreaElement).value;
    if (!text.trim()) return status('Paste the text of a draft first.', 'error');
    lastInput = { name: 'pasted-draft.md', text };
    run();
  });
  $('doc-type').addEventListener('change', run);
  const team = $('team') as HTMLInputElement;
  team.addEventListener('change', () => void (team.files && loadTeamFiles(team.files).then(() => (team.value = ''))));
  $('clear-team').addEventListener('click', () => {
    clearMemoryFiles();
    configurationChanged();
    listTeamFiles();
    run();
  });

  const findings = $('findings');
  findings.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button.finding');
    if (button) select(Number(button.dataset.index));
  });
  findings.addEventListener('keydown', (e) => {
    if (!['ArrowDown', 'ArrowUp', 'j', 'k', 'Home', 'End'].includes(e.key)) return;
    const buttons = Array.from(findings.querySelectorAll<HTMLButtonElement>('button.finding'));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' || e.key === 'j' ? 1 : -1)));
    if (!buttons[next]) return;
    e.preventDefault();
    select(Number(buttons[next].dataset.index));
  });
  $('draft-text').addEventListener('click', (e) => {
    const mark = (e.target as Element).closest<HTMLElement>('mark');
    if (mark?.dataset.findings) select(Number(mark.dataset.findings.split(' ')[0]));
  });

  $('download-md').addEventListener('click', () => current && download(`${stem(current.name)}.mandate-lint.md`, reportMarkdown(current), 'text/markdown'));
  $('download-sarif').addEventListener('click', () => current && download(`${stem(current.name)}.sarif`, sarif(current), 'application/sarif+json'));
  $('download-docx').addEventListener('click', () => {
    const copy = current && commentedCopy(current);
    if (current && copy) download(`${stem(current.name)}.commented.docx`, copy.bytes, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });
  // What the page found, as the CLI prints it (`--format json`): for the end-to-end test that compares them.
  (window as unknown as { mandateLintReview: () => unknown }).mandateLintReview = () => ({
    name: current?.name,
    messages: (current?.file.messages ?? []).map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, severity: m.severityName, message: m.message })),
  });
  document.documentElement.dataset.ready = 'true';
}

wire();
