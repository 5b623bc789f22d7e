/**
 * What the review page does with a draft, without the page: the same engine as the CLI and the editor
 * (src/node/engine.ts with the configuration resolver), run on the web build's memory file system (src/web/fs.ts)
 * where the page puts the draft's name and any configuration, lexicon or snippet library the reviewer loads. The
 * results: the findings as the CLI reports them, the lessons coverage report (HTML and Markdown), SARIF, and for a
 * Word draft its reading, so that a commented copy can be written. No DOM here, and nothing leaves the page.
 */
import type { DocType } from '../core/analysis';
import { citeLessons, getLesson } from '../core/lessons';
import type { LintResult } from '../core/lint';
import { countMessages, type FileResult, type LintMessage } from '../core/results';
import { getRule, RULES } from '../core/rules/registry';
import type { Finding } from '../core/rules/types';
import { formatSarif } from '../cli/format/sarif';
import { annotateDocx, DocxError, insertionNote, readDocx, wordParagraphAt, type DocxReading } from '../docx';
import { ConfigResolver } from '../node/config';
import { lintSource, toMessages } from '../node/engine';
import { libraryFor } from '../node/libraries';
import { fixesFor } from '../core/fixes';
import { buildFileReport, renderReportHtml, renderReportMarkdown, type FileReport } from '../report';
import pkg from '../../package.json';

/** The folder of the memory file system that holds the draft and what the reviewer loads beside it. */
export const REVIEW_FOLDER = '/review';
/** The largest draft the page reads, as the editor's default limit. */
export const MAX_DRAFT_BYTES = 16 * 1024 * 1024;

export interface ReviewInput {
  /** The draft's file name (its extension decides how it is read: .docx, .txt, else Markdown). */
  name: string;
  /** The text of a .md or .txt draft (or of pasted text). */
  text?: string;
  /** The bytes of a .docx draft. */
  bytes?: Uint8Array;
  /** The reviewer's choice; `auto` leaves it to front matter, configuration and detection. */
  docType: DocType | 'auto';
}

export interface Review {
  name: string;
  path: string;
  text: string;
  result: LintResult;
  /** The findings and problems as the CLI reports them (`--format json`). */
  file: FileResult;
  report: FileReport;
  reading?: DocxReading;
  bytes?: Uint8Array;
  /** Lines of the reading worth showing above the findings (a Word document's outside links ...). */
  warnings: string[];
}

export type ReviewOutcome = { ok: true; review: Review } | { ok: false; error: string };

let resolver = new ConfigResolver();

/** Files the reviewer loaded (configuration, lexicons, libraries) were added or removed: read them again. */
export function configurationChanged(): void {
  resolver = new ConfigResolver();
}

export function isWordName(name: string): boolean {
  return /\.docx$/i.test(name);
}

/** A file name safe to keep in the memory file system: no folders, no control characters. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'draft.md';
}

export function reviewDraft(input: ReviewInput): ReviewOutcome {
  const name = safeName(input.name);
  const path = `${REVIEW_FOLDER}/${name}`;
  let text = input.text ?? '';
  let reading: DocxReading | undefined;
  const warnings: string[] = [];
  if (isWordName(name)) {
    if (!input.bytes) return { ok: false, error: 'A Word draft is read from its file: choose or drop the .docx.' };
    if (input.bytes.length > MAX_DRAFT_BYTES) return { ok: false, error: 'The file is too large to read (more than 16 MB).' };
    try {
      reading = readDocx(input.bytes);
    } catch (error) {
      return { ok: false, error: error instanceof DocxError ? `The file ${error.message}.` : `The Word file could not be read (${(error as Error).message}).` };
    }
    text = reading.text;
    warnings.push(...reading.warnings);
  } else if (text.length > MAX_DRAFT_BYTES) {
    return { ok: false, error: 'The draft is too large to read (more than 16 MB of text).' };
  }
  // A Word draft's messages are made again below, with their Word paragraphs: only those need fingerprints.
  const { result, messages } = lintSource(text, path, { resolver, docType: input.docType === 'auto' ? undefined : input.docType, fingerprints: !reading });
  let shown: LintMessage[] = messages;
  if (reading) {
    // As the CLI reads a Word draft (src/node/word.ts): findings in tracked insertions say so, and every message
    // carries its Word paragraph.
    for (const finding of result.findings) {
      const note = insertionNote(reading, finding.start, finding.end);
      if (note) finding.message = `${finding.message} Found ${note}.`;
    }
    const lines = result.analysis.model.lines;
    shown = toMessages(result, lines).map((m) => ({ ...m, wordParagraph: wordParagraphAt(reading!, lines.offsetAt({ line: m.line, column: m.column })) }));
  }
  for (const problem of resolver.problemsFor(path)) {
    shown.unshift({ ruleId: null, severity: problem.severity === 'warning' ? 1 : 2, severityName: problem.severity === 'warning' ? 'warning' : 'error', message: `Configuration ${problem.file.replace(REVIEW_FOLDER + '/', '')}:${problem.line}:${problem.column}: ${problem.message}`, line: 1, column: 1, endLine: 1, endColumn: 1 });
  }
  for (const warning of [...warnings].reverse()) shown.unshift({ ruleId: null, severity: 1, severityName: 'warning', message: warning, line: 1, column: 1, endLine: 1, endColumn: 1 });
  const file: FileResult = { filePath: name, messages: shown, ...countMessages(shown), docType: result.docType };
  return { ok: true, review: { name, path, text, result, file, report: buildFileReport(result, name), reading, bytes: input.bytes, warnings } };
}

/** The coverage report page (its own inline style and script; the review page shows it in a frame). */
export function reportHtml(review: Review): string {
  return renderReportHtml([review.report]);
}

/** The Markdown report: the lessons coverage, then every finding with its lessons. */
export function reportMarkdown(review: Review): string {
  return renderReportMarkdown([review.report]);
}

export function sarif(review: Review): string {
  return formatSarif([review.file], { cwd: REVIEW_FOLDER, color: false, rules: RULES, toolVersion: pkg.version });
}

/** The paragraphs of a Word comment for a finding: what it found and why, the lessons, the rule. */
export function commentParagraphs(finding: Pick<Finding, 'message' | 'ruleId' | 'severity' | 'lessons'>): string[] {
  const lessons = finding.lessons.length ? `Lessons: ${citeLessons(finding.lessons)}.` : undefined;
  return [finding.message, ...(lessons ? [lessons] : []), `Mandate Lint rule ${finding.ruleId} (${finding.severity}).`];
}

/** A copy of the Word draft with each finding as a comment. */
export function commentedCopy(review: Review): { bytes: Uint8Array; comments: number } | undefined {
  if (!review.reading || !review.bytes) return undefined;
  const comments = review.result.findings.map((f) => ({ start: f.start, end: f.end, paragraphs: commentParagraphs(f) }));
  const annotated = annotateDocx(review.bytes, review.reading, comments);
  return { bytes: annotated.bytes, comments: annotated.comments };
}

/**
 * The clauses that would answer a finding, as the editor's quick fixes offer them: from the built-in library, the
 * libraries the loaded configuration names and those loaded into .mandate-lint/snippets (a team's own first), with
 * the draft's own names filled in. The text is the clause the quick fix would insert.
 */
export function suggestions(review: Review, index: number, max = 3): Array<{ title: string; text: string }> {
  const finding = review.result.findings[index];
  if (!finding) return [];
  const library = libraryFor(resolver, review.path).snippets;
  return fixesFor(review.result.analysis, finding, library)
    .filter((fix) => fix.kind !== 'disable' && fix.edits.length)
    .slice(0, max)
    // The clause is the longest edit; the others renumber the paragraphs after it.
    .map((fix) => ({ title: fix.title, text: fix.edits.reduce((a, b) => (b.newText.length > a.newText.length ? b : a)).newText.trim() }));
}

/**
 * What the editor's hover says about a finding, as plain parts for the page to lay out: everything the page shows
 * is in it (the page works offline and links to no web site; the rule's full page is docs/rules/<id>.md of the
 * package).
 */
export function explain(finding: Finding): { title: string; found: string; missing: string; why: string; lessons: Array<{ label: string; title: string; summary: string }>; goodPractice?: string } {
  const rule = getRule(finding.ruleId);
  return {
    title: rule?.title ?? finding.ruleId,
    found: finding.found,
    missing: finding.missing,
    why: finding.why,
    lessons: finding.lessons.map((id) => getLesson(id)).filter((l): l is NonNullable<typeof l> => !!l).map((l) => ({ label: l.label, title: l.title, summary: l.summary })),
    goodPractice: rule?.docs.goodPractice,
  };
}
