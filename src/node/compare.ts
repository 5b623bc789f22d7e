/**
 * `mandate-lint compare` and the editor's `previous:` on the Node side: both texts are read and linted exactly as
 * the CLI reads and lints a draft (the bounded reader, Word documents through the Word reader and the rest decoded
 * as text, the draft's configuration), then compared by the core (src/core/compare).
 */
import { compareResults, type Comparison } from '../core/compare';
import type { LintResult } from '../core/results';
import type { EngineOptions } from './engine';
import { decodeDraft, readDraftBytes } from './files';
import { lintDraftBytes } from './word';

export interface LintedText {
  path: string;
  result: LintResult;
  warnings: string[];
}

/** Reads and lints one text; the error reads after the file's name ("S-RES-2709.md: binary file, ..."). */
export function readAndLint(path: string, engine: EngineOptions): { ok: true; text: LintedText } | { ok: false; error: string } {
  const bytes = readDraftBytes(path, engine.maxFileBytes);
  if (!bytes.ok) return { ok: false, error: bytes.error };
  // A .docx through the Word reader (tracked changes accepted), anything else decoded as Markdown or plain text.
  const { result, file, reading } = lintDraftBytes(path, bytes, engine);
  if (!result) return { ok: false, error: file.messages[0]?.message.replace(/^Not linted: /, '').replace(/\.$/, '') ?? 'could not be linted' };
  const decoded = reading ? undefined : decodeDraft(bytes.bytes);
  const warnings = reading ? reading.warnings : decoded?.ok ? decoded.warnings : [];
  return { ok: true, text: { path, result, warnings } };
}

export interface FileComparison {
  previous: LintedText;
  draft: LintedText;
  comparison: Comparison;
}

/** Compares two files; `error` names the file that could not be read and why. */
export function compareFiles(previousPath: string, draftPath: string, engine: EngineOptions, names: { previous: string; draft: string }): { ok: true; value: FileComparison } | { ok: false; error: string } {
  const previous = readAndLint(previousPath, engine);
  if (!previous.ok) return { ok: false, error: `cannot compare: ${names.previous}: ${previous.error}` };
  const draft = readAndLint(draftPath, engine);
  if (!draft.ok) return { ok: false, error: `cannot compare: ${names.draft}: ${draft.error}` };
  const comparison = compareResults(previous.text.result, draft.text.result, { previousName: names.previous, draftName: names.draft });
  return { ok: true, value: { previous: previous.text, draft: draft.text, comparison } };
}
