/**
 * The open documents, kept by this server rather than by vscode-languageserver's TextDocuments so that every
 * change is checked before it is applied (checkChange): a malformed or out-of-order didOpen or didChange is
 * refused whole, with a reason for the log. A refused change leaves the server without the editor's text (the
 * editor applied it), so the document is then lost: the server holds back its changes and shows nothing for it
 * until it has its whole text again (resent by the client, a full-text change, or the document reopened), since
 * findings and fixes placed by an older text would land on the wrong words.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkChange, describe, isFullText, isUInteger } from './changes';

/** What the server knew of a document it lost, and the highest version of the changes it held back since. */
interface LostDocument {
  languageId: string;
  version: number;
  heldThrough: number;
}

/** Changes the client may have sent between asking for a document's text and answering: at most this many. */
export const MAX_CHANGES_IN_RESENT_TEXT = 100;

export class DocumentStore {
  private readonly open = new Map<string, TextDocument>();
  private readonly lost = new Map<string, LostDocument>();
  /** A document's text as the client resent it, at this version: changes up to it are in that text already. */
  private readonly resentAt = new Map<string, { version: number; dropped: number }>();
  /** Which opening of its URI a document is (a reopened document may start again at the same version). */
  private readonly openings = new Map<string, number>();
  private openCount = 0;

  opening(uri: string): number {
    return this.openings.get(uri) ?? 0;
  }

  get(uri: unknown): TextDocument | undefined {
    return typeof uri === 'string' ? this.open.get(uri) : undefined;
  }

  all(): TextDocument[] {
    return [...this.open.values()];
  }

  isLost(uri: unknown): boolean {
    return typeof uri === 'string' && this.lost.has(uri);
  }

  /** didOpen: the document now open, or why the notification was ignored. */
  didOpen(params: unknown): TextDocument | { problem: string } {
    const td = (params as { textDocument?: Partial<Record<'uri' | 'languageId' | 'version' | 'text', unknown>> } | undefined)?.textDocument;
    const { uri, languageId, version, text } = td ?? {};
    if (typeof uri !== 'string' || typeof languageId !== 'string' || !Number.isSafeInteger(version) || typeof text !== 'string') {
      return { problem: `didOpen ignored: it needs a string uri, languageId and text and an integer version (got uri ${describe(uri)}, languageId ${describe(languageId)}, version ${describe(version)}, text ${describe(text)})` };
    }
    const doc = TextDocument.create(uri, languageId, version as number, text);
    this.open.set(uri, doc);
    this.openings.set(uri, ++this.openCount);
    this.lost.delete(uri);
    this.resentAt.delete(uri);
    return doc;
  }

  /**
   * didChange: the changed document; undefined for an empty batch or one held back; or why the change was refused,
   * with `lost` set when the refusal lost the document.
   */
  didChange(params: unknown): TextDocument | undefined | { problem: string; lost?: boolean } {
    const { textDocument, contentChanges } = (params ?? {}) as { textDocument?: { uri?: unknown; version?: unknown }; contentChanges?: unknown };
    const version = textDocument?.version;
    const lost = typeof textDocument?.uri === 'string' ? this.lost.get(textDocument.uri) : undefined;
    if (lost) return this.changeWhileLost(textDocument!.uri as string, lost, version, contentChanges);
    const doc = this.get(textDocument?.uri);
    if (!doc) return { problem: `didChange ignored: ${describe(textDocument?.uri)} is not open` };
    const resent = this.resentAt.get(doc.uri);
    if (resent && isUInteger(version) && version <= resent.version) {
      // Changes the client sent before its answer are in the text it resent; more than that many, and the
      // client's versions are stuck below an answer it made up: the document is lost again.
      if (++resent.dropped <= MAX_CHANGES_IN_RESENT_TEXT) return undefined;
      // (The resent version was not the editor's: the client's own versions count from here.)
      return this.lose(doc, version, `its versions stay at or below version ${resent.version}, which its resent text had`, version);
    }
    this.resentAt.delete(doc.uri);
    const checked = checkChange(doc, version, contentChanges);
    if ('problem' in checked) return this.lose(doc, version, checked.problem);
    if (!checked.changes.length) return undefined;
    const changed = checked.apply();
    this.open.set(doc.uri, changed);
    return changed;
  }

  /** A change refused: the editor has applied it, so the server no longer knows the text. */
  private lose(doc: TextDocument, version: unknown, problem: string, known = doc.version): { problem: string; lost: true } {
    this.open.delete(doc.uri);
    this.resentAt.delete(doc.uri);
    // An answer older than the refused change itself cannot be the editor's text.
    this.lost.set(doc.uri, { languageId: doc.languageId, version: known, heldThrough: isUInteger(version) ? Math.max(known, version) : known });
    return {
      problem: `didChange for ${doc.uri} rejected: ${problem}. The server had version ${doc.version} (${doc.getText().length} characters) and no longer knows the editor's text: it shows nothing for the document until it has the whole text again`,
      lost: true,
    };
  }

  /** A change to a lost document: applied only from a full-text change on; anything else is held back. */
  private changeWhileLost(uri: string, lost: LostDocument, version: unknown, contentChanges: unknown): TextDocument | undefined {
    if (isUInteger(version)) lost.heldThrough = Math.max(lost.heldThrough, version);
    if (!Array.isArray(contentChanges)) return undefined;
    let fullText = contentChanges.length - 1;
    while (fullText >= 0 && !isFullText(contentChanges[fullText])) fullText--;
    if (fullText < 0) return undefined;
    const checked = checkChange(TextDocument.create(uri, lost.languageId, lost.version, ''), version, contentChanges.slice(fullText));
    if ('problem' in checked) return undefined;
    return this.found(uri, checked.apply());
  }

  /**
   * The client's answer to DOCUMENT_TEXT_REQUEST for a lost document: the document found again; 'behind' when the
   * server has held back a change of a later version than the answer's (ask again); undefined when the document is
   * not lost any more (reopened, or found by a full-text change) or the answer is not a text and a version.
   */
  resent(uri: string, answer: unknown): TextDocument | 'behind' | undefined {
    const lost = this.lost.get(uri);
    const { version, text } = (answer && typeof answer === 'object' ? answer : {}) as { version?: unknown; text?: unknown };
    if (!lost || !isUInteger(version) || typeof text !== 'string') return undefined;
    if (version < lost.heldThrough) return 'behind';
    this.resentAt.set(uri, { version, dropped: 0 });
    return this.found(uri, TextDocument.create(uri, lost.languageId, version, text));
  }

  private found(uri: string, doc: TextDocument): TextDocument {
    this.lost.delete(uri);
    this.open.set(uri, doc);
    this.openings.set(uri, ++this.openCount);
    return doc;
  }

  /** didClose: the document closed, if it was open (a lost one is forgotten, and nothing is returned for it). */
  didClose(uri: unknown): TextDocument | undefined {
    if (typeof uri === 'string') {
      this.lost.delete(uri);
      this.resentAt.delete(uri);
      this.openings.delete(uri);
    }
    const doc = this.get(uri);
    if (doc) this.open.delete(doc.uri);
    return doc;
  }
}

/**
 * A position sent in a request, checked against the document as checkChange checks a change's: the line and
 * character must be non-negative integers and the line one of the document's; a character past the end of its
 * line is the end of the line, as the protocol says. Undefined for anything else. Answers put the position
 * returned in their edits, never the one sent.
 */
export function checkedPosition(doc: TextDocument, position: unknown): { line: number; character: number } | undefined {
  const { line, character } = (position && typeof position === 'object' ? position : {}) as { line?: unknown; character?: unknown };
  if (!isUInteger(line) || !isUInteger(character) || line >= doc.lineCount) return undefined;
  return doc.positionAt(doc.offsetAt({ line, character }));
}
