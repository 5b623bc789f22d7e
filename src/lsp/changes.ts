/**
 * A didChange checked before it is applied (checkChange), and applied in one pass when VS Code sends an edit made
 * at many places (appliedInOnePass). Used by the document store (documents.ts).
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { kind } from './values';

/** Integers the protocol allows for versions, lines and characters. */
export function isUInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A change without a range: the document's whole text. */
export function isFullText(change: unknown): boolean {
  return !!change && typeof change === 'object' && !Array.isArray(change) && (change as { range?: unknown }).range === undefined;
}

/** A short, bounded description of a value for the log: scalars as they are, anything else by its kind (values.ts). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return kind(value);
}

/**
 * The most changes one didChange may carry unless each lies before the one ahead of it (see appliedInOnePass). The
 * others are applied to the whole text in turn, so a batch costs changes × length: 50,000 one-character insertions
 * on a 4 MB draft held the server for over a minute. VS Code allows 10,000 cursors (editor.multiCursorLimit), and
 * sends an edit at many places (cursors, Replace All) last place first, which is applied in one pass at any size.
 */
export const MAX_CHANGES_PER_NOTIFICATION = 10_000;

export type CheckedChange = { changes: TextDocumentContentChangeEvent[]; apply: () => TextDocument } | { problem: string };

/**
 * Checks a didChange against the document it edits before anything is applied: the version must be an integer
 * above the current one; each change must be an object with string text and, for an incremental change, a range
 * whose lines and characters are non-negative integers, with lines inside the document as it stands after the
 * earlier changes of the batch (a character past the end of its line means the end of the line, as the
 * protocol says). A batch is applied whole or not at all, and one of more than MAX_CHANGES_PER_NOTIFICATION
 * changes is refused like a malformed one.
 *
 * TextDocument.update trusts its input: a line that is not a number makes offsetAt return undefined, and
 * `text.substring(0, undefined) + change + text.substring(undefined)` is the whole text twice.
 */
export function checkChange(doc: TextDocument, version: unknown, contentChanges: unknown): CheckedChange {
  if (!isUInteger(version)) return { problem: `version ${describe(version)} is not a non-negative integer` };
  if (version <= doc.version) return { problem: `version ${version} does not come after version ${doc.version}` };
  if (!Array.isArray(contentChanges)) return { problem: `contentChanges is ${describe(contentChanges)}, not an array` };
  const onePass = contentChanges.length > 1 ? appliedInOnePass(doc, contentChanges) : undefined;
  if (onePass) return { changes: onePass.changes, apply: () => TextDocument.create(doc.uri, doc.languageId, version, onePass.text) };
  if (contentChanges.length > MAX_CHANGES_PER_NOTIFICATION) {
    return { problem: `it carries ${contentChanges.length} changes, more than the ${MAX_CHANGES_PER_NOTIFICATION.toLocaleString('en-US')} one notification may carry` };
  }
  const changes: TextDocumentContentChangeEvent[] = [];
  // Later changes of a batch are positioned in the text the earlier ones produced: check them against a copy.
  let scratch = contentChanges.length > 1 ? TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText()) : doc;
  for (const [i, change] of contentChanges.entries()) {
    const where = contentChanges.length > 1 ? `change ${i + 1}: ` : '';
    if (!change || typeof change !== 'object' || Array.isArray(change)) return { problem: `${where}the change is ${describe(change)}, not an object` };
    const { text, range } = change as { text?: unknown; range?: unknown };
    if (typeof text !== 'string') return { problem: `${where}text is ${describe(text)}, not a string` };
    let checked: TextDocumentContentChangeEvent;
    if (range === undefined) {
      checked = { text };
    } else {
      const { start, end } = (range ?? {}) as { start?: unknown; end?: unknown };
      const positions: Array<[string, unknown]> = [
        ['start', start],
        ['end', end],
      ];
      for (const [name, position] of positions) {
        const { line, character } = (position ?? {}) as { line?: unknown; character?: unknown };
        if (!position || typeof position !== 'object' || !isUInteger(line) || !isUInteger(character)) {
          return { problem: `${where}range ${name} is ${position && typeof position === 'object' ? `{ line: ${describe(line)}, character: ${describe(character)} }` : describe(position)}; lines and characters must be non-negative integers` };
        }
        // One past the last line is accepted as the end of the text, as some clients send it.
        if (line > scratch.lineCount) return { problem: `${where}range ${name} is on line ${line}, but the document has ${scratch.lineCount} lines` };
      }
      const s = start as { line: number; character: number };
      const e = end as { line: number; character: number };
      checked = { range: { start: { line: s.line, character: s.character }, end: { line: e.line, character: e.character } }, text };
    }
    changes.push(checked);
    if (scratch !== doc) scratch = TextDocument.update(scratch, [checked], doc.version);
  }
  const copy = scratch;
  return {
    changes,
    apply: () => (copy !== doc ? TextDocument.update(copy, [], version) : TextDocument.update(doc, changes, version)),
  };
}

const CR = 13;
const LF = 10;

/**
 * A batch whose every change lies wholly before the one ahead of it, with text between them (as VS Code sends an
 * edit made at several places, last place first), applied in one pass: each change's range means the same in the
 * text as it was as in the text the earlier changes produced, so the result is built from slices of the text as it
 * was, in time linear in its length and the changes'. Undefined for any other batch (checkChange then applies it a
 * change at a time) and for anything checkChange would refuse or TextDocument.update would count differently: a
 * full-text change, a line outside the text, a change that joins a CR and an LF into one line break (the
 * incremental update counts a line between them, a fresh count does not).
 */
export function appliedInOnePass(doc: TextDocument, contentChanges: unknown[]): { changes: TextDocumentContentChangeEvent[]; text: string } | undefined {
  // Positioned as checkChange's copy positions them: with line offsets counted afresh.
  const base = TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText());
  const text = base.getText();
  const changes: TextDocumentContentChangeEvent[] = [];
  const pieces: string[] = [];
  // Where the change ahead starts (the end of the text before the first): the next must end before it.
  let aheadOffset = text.length;
  let aheadLine = base.lineCount;
  for (const [i, change] of contentChanges.entries()) {
    if (!change || typeof change !== 'object') return undefined;
    const { text: newText, range } = change as { text?: unknown; range?: unknown };
    const { start, end } = (range ?? {}) as { start?: unknown; end?: unknown };
    const first = position(base, start);
    const second = position(base, end);
    if (typeof newText !== 'string' || !first || !second) return undefined;
    // Reversed ranges are read as TextDocument.update reads them.
    const reversed = first.line > second.line || (first.line === second.line && first.character > second.character);
    const [from, to] = reversed ? [second, first] : [first, second];
    const fromOffset = base.offsetAt(from);
    const toOffset = base.offsetAt(to);
    // Before the change ahead, even on its line before clamping, with text between them.
    if (i > 0 && (to.line > aheadLine || (to.line === aheadLine && base.offsetAt({ line: to.line, character: 0 }) + to.character >= aheadOffset) || toOffset >= aheadOffset)) return undefined;
    const before = fromOffset > 0 ? text.charCodeAt(fromOffset - 1) : -1;
    const after = text.charCodeAt(toOffset);
    if (before === CR && (newText ? newText.charCodeAt(0) : after) === LF) return undefined;
    if (newText.endsWith('\r') && after === LF) return undefined;
    pieces.push(text.slice(toOffset, aheadOffset), newText);
    changes.push({ range: { start: { line: (start as Position).line, character: (start as Position).character }, end: { line: (end as Position).line, character: (end as Position).character } }, text: newText });
    aheadOffset = fromOffset;
    aheadLine = from.line;
  }
  pieces.push(text.slice(0, aheadOffset));
  return { changes, text: pieces.reverse().join('') };
}

type Position = { line: number; character: number };

/** A position of integers on one of the document's lines, or undefined. */
function position(doc: TextDocument, value: unknown): Position | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { line, character } = value as { line?: unknown; character?: unknown };
  return isUInteger(line) && isUInteger(character) && line < doc.lineCount ? { line, character } : undefined;
}
