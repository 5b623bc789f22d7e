/**
 * Word drafts on disk: the .docx read through the bounded reader (files.ts, binary: its bytes are never decoded as
 * text), rendered by the pure reader in src/docx, linted like a Markdown draft by the engine, and the findings
 * given what only Word has: the paragraph of the document they sit in and, in tracked insertions, their author.
 * The annotator writes the findings back as Word comments.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { annotateDocx, DocxError, insertionNote, readDocx, wordParagraphAt, type ChangesMode, type DocxReading } from '../docx';
import { citeLessons } from '../core/lessons';
import type { LintResult } from '../core/lint';
import type { FileResult } from '../core/results';
import { lintRead, toMessages, type EngineOptions } from './engine';
import { decodeDraft, readDraftBytes, type ReadOutcome } from './files';
import { countMessages } from '../core/results';

/** Extensions read as Word documents: .docx, and .docm only to refuse it with a reason. */
export const WORD_EXTENSIONS = ['.docx', '.docm'];

export function isWordFile(path: string): boolean {
  return WORD_EXTENSIONS.includes(extname(path).toLowerCase());
}

export const DOCX_CHANGES: ChangesMode[] = ['accepted', 'original'];

export type WordReadOutcome = (ReadOutcome & { ok: true; reading: DocxReading }) | { ok: false; error: string };

/** A Word draft's bytes as text to lint, or the one-line reason it cannot be read. */
export function readWordBytes(bytes: Uint8Array, filePath: string, changes: ChangesMode = 'accepted'): WordReadOutcome {
  if (extname(filePath).toLowerCase() === '.docm') return { ok: false, error: 'macro-enabled Word document (.docm): Mandate Lint does not open documents with macros; save a copy as a Word document (.docx)' };
  try {
    const reading = readDocx(bytes, { changes });
    return { ok: true, text: reading.text, warnings: reading.warnings, reading };
  } catch (error) {
    if (error instanceof DocxError) return { ok: false, error: `the file ${error.message}` };
    return { ok: false, error: `the Word file could not be read (${(error as Error).message})` };
  }
}

export interface WordLint {
  file: FileResult;
  result?: LintResult;
  reading?: DocxReading;
}

/**
 * Lints a Word draft already read by the bounded reader (or reports why it could not be read). Findings in
 * tracked insertions say so, and every message carries its Word paragraph (`wordParagraph`, 1-based).
 */
export function lintWordRead(filePath: string, bytes: { ok: true; bytes: Uint8Array } | { ok: false; error: string }, options: EngineOptions, changes: ChangesMode = 'accepted'): WordLint {
  const read = bytes.ok ? readWordBytes(bytes.bytes, filePath, changes) : bytes;
  if (!read.ok) return lintRead(filePath, read, options);
  const { reading } = read;
  // Its messages are made again below, with Word paragraphs: the fingerprints wait for those.
  const linted = lintRead(filePath, { ok: true, text: read.text, warnings: read.warnings }, { ...options, fingerprints: false });
  const { result } = linted;
  if (!result) return { ...linted, reading };
  for (const finding of result.findings) {
    const note = insertionNote(reading, finding.start, finding.end);
    if (note) finding.message = `${finding.message} Found ${note}.`;
  }
  const lines = result.analysis.model.lines;
  const messages = toMessages(result, lines, options.fingerprints !== false).map((m) => ({ ...m, wordParagraph: wordParagraphAt(reading, lines.offsetAt({ line: m.line, column: m.column })) }));
  // Warnings of the reading (outside links not followed) stay at the top, as the engine puts them.
  const extra = linted.file.messages.filter((m) => m.ruleId === null && m.line === 1 && m.column === 1 && read.warnings.includes(m.message));
  const all = [...extra, ...messages];
  return { file: { ...linted.file, messages: all, ...countMessages(all) }, result, reading };
}

/** Reads a Word draft from disk (bounded) and lints it. */
export function lintWordPath(filePath: string, options: EngineOptions, changes: ChangesMode = 'accepted'): WordLint {
  return lintWordRead(filePath, readDraftBytes(filePath, options.maxFileBytes), options, changes);
}

/**
 * Lints a draft's bytes read by the bounded reader: a Word document through the Word reader, anything else decoded
 * as Markdown or plain text.
 */
export function lintDraftBytes(filePath: string, bytes: { ok: true; bytes: Uint8Array } | { ok: false; error: string }, options: EngineOptions, changes: ChangesMode = 'accepted'): WordLint {
  if (isWordFile(filePath)) return lintWordRead(filePath, bytes, options, changes);
  return lintRead(filePath, bytes.ok ? decodeDraft(bytes.bytes) : bytes, options);
}

/** The comment text of a finding: what it found and why, the lessons, the rule. */
export function commentParagraphs(finding: { message: string; ruleId: string; severity: string; lessons?: string[] }): string[] {
  const lessons = finding.lessons?.length ? `Lessons: ${citeLessons(finding.lessons)}.` : undefined;
  return [finding.message, ...(lessons ? [lessons] : []), `Mandate Lint rule ${finding.ruleId} (${finding.severity}).`];
}

/** Writes a copy of the Word draft with each finding as a comment; returns how many were written. */
export function writeAnnotatedCopy(sourceBytes: Uint8Array, reading: DocxReading, result: LintResult, target: string, date?: Date): { comments: number; replaced: number } {
  const comments = result.findings.map((f) => ({ start: f.start, end: f.end, paragraphs: commentParagraphs(f) }));
  const annotated = annotateDocx(sourceBytes, reading, comments, { date });
  writeFileSync(target, annotated.bytes);
  return { comments: annotated.comments, replaced: annotated.replaced };
}
