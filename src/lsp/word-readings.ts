/**
 * The Word drafts open as virtual documents (WORD_SCHEME) and their readings, apart from the requests of word.ts
 * so that the linter can use them without an import cycle: findings in tracked insertions say who inserted them.
 */
import { fileURLToPath } from 'node:url';
import { insertionNote, type DocxReading } from '../docx';
import type { LintResult } from '../core/lint';
import { WORD_SCHEME } from '../protocol';

/** The readings of the Word drafts open as virtual documents, by the virtual document's URI. */
export const readings = new Map<string, DocxReading>();

/** Readings kept for Word drafts read but not (or no longer) open, the oldest dropped first. */
export const MAX_UNOPENED_READINGS = 16;

/** Keeps the reading of a Word draft just read; readings of drafts that are not open beyond the limit go. */
export function keepReading(uri: string, reading: DocxReading, isOpen: (uri: string) => boolean): void {
  readings.delete(uri);
  readings.set(uri, reading);
  // A Map keeps the order of insertion: the first unopened readings are the oldest.
  const unopened = [...readings.keys()].filter((key) => key !== uri && !isOpen(key));
  for (const key of unopened.slice(0, Math.max(0, unopened.length - MAX_UNOPENED_READINGS))) readings.delete(key);
}

/** A Word draft's virtual document closed: its reading goes with it. */
export function forgetReading(uri: string): void {
  readings.delete(uri);
}

/** Whether a document is the rendering of a Word file. */
export function isWordUri(uri: string): boolean {
  return uri.startsWith(`${WORD_SCHEME}:`);
}

/** The Word file on disk behind a virtual document's URI (`mandate-lint-word:/d/x.docx` → `/d/x.docx`). */
export function wordSourcePath(uri: string): string | undefined {
  if (!isWordUri(uri)) return undefined;
  try {
    return fileURLToPath(`file://${uri.slice(WORD_SCHEME.length + 1).replace(/^\/\//, '')}`);
  } catch {
    return undefined;
  }
}

/**
 * Findings of a Word draft's virtual document that fall in tracked insertions get "Found in text inserted by …",
 * as on the command line; only when the text linted is the reading's (the virtual document is read-only).
 */
export function noteWordInsertions(uri: string, text: string, result: LintResult): void {
  const reading = readings.get(uri);
  if (!reading || reading.text !== text) return;
  for (const finding of result.findings) {
    const note = insertionNote(reading, finding.start, finding.end);
    if (note && !finding.message.endsWith(`Found ${note}.`)) finding.message = `${finding.message} Found ${note}.`;
  }
}
