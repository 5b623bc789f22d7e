/**
 * word/document.xml walked once: its paragraphs (body and table cells, in order; text boxes, drawings and
 * embedded objects left out), their style and numbering, and the text of their runs as pieces that keep their
 * raw offsets in the part, their bold and italic, and the tracked change they sit in. Which text counts follows
 * the tracked-changes mode:
 *
 * - `accepted` (the default): the draft as it would stand with every change accepted: insertions and moved-to
 *   text kept, deletions and moved-from text dropped, paragraphs whose mark was deleted joined to the next;
 * - `original`: the draft as it was before the changes: the reverse, and numbering and style changes
 *   (w:pPrChange) read from their old properties.
 *
 * Comments (their anchors and reference marks) are not text; their positions are recorded so that the annotator
 * can remove its own earlier comments.
 */
import type { Styles } from './styles';
import { attr, localName, onOff, parseXml, wordPrefix, type XmlOpen } from './xml';

export type ChangesMode = 'accepted' | 'original';

export interface TrackedChange {
  kind: 'insertion' | 'deletion' | 'move-to' | 'move-from';
  author?: string;
  date?: string;
}

export interface RunInfo {
  /** Raw offsets of the run element ("<w:r>" … "</w:r>"). */
  start: number;
  end: number;
  /** Where the run's content starts (after its properties) and ends (before "</w:r>"). */
  contentStart: number;
  contentEnd: number;
  /** The run properties as written ("<w:rPr>…</w:rPr>"), or "". */
  properties: string;
}

export interface Piece {
  text: string;
  /** `text`: a w:t or w:delText whose content is [contentStart, contentEnd); `char`: a tab, break or hyphen element. */
  element: 'text' | 'char';
  /** Raw offsets of the element ("<w:t>" … "</w:t>", or "<w:tab/>"). */
  elementStart: number;
  elementEnd: number;
  contentStart: number;
  contentEnd: number;
  /** The text element's qualified name and whether it already says xml:space="preserve". */
  tagName: string;
  openEnd: number;
  preserve: boolean;
  run: RunInfo;
  bold: boolean;
  italic: boolean;
  change?: TrackedChange;
  /** Index of the w:p it belongs to (0-based, document order). */
  paragraph: number;
}

export interface WordParagraph {
  index: number;
  /** Raw offsets: the element, the end of its opening tag, the end of its properties, the start of "</w:p>". */
  start: number;
  openEnd: number;
  propertiesEnd: number;
  closeStart: number;
  end: number;
  style?: string;
  numId?: string;
  ilvl?: number;
  /** The paragraph mark's tracked change: a deleted mark joins the paragraph to the next once accepted. */
  markChange?: TrackedChange['kind'];
  pieces: Piece[];
}

export interface CommentMark {
  id: string;
  kind: 'start' | 'end' | 'reference';
  /** Raw offsets of what to remove: the marker element, or the whole run of a reference. */
  start: number;
  end: number;
}

export interface DocumentPart {
  xml: string;
  /** The prefix bound to WordprocessingML ("w"). */
  prefix: string;
  paragraphs: WordParagraph[];
  comments: CommentMark[];
  /** Pieces of text the mode leaves out (deleted text when accepted, inserted text for the original). */
  hiddenChanges: number;
}

/** Elements whose content is not body text: drawings and text boxes, embedded objects, alternate content. */
const SKIPPED = new Set(['drawing', 'pict', 'object', 'AlternateContent', 'txbxContent', 'fldData', 'footnoteReference', 'endnoteReference']);
/** Single-character run content. */
const CHARS: Record<string, string> = { tab: ' ', ptab: ' ', br: ' ', cr: ' ', noBreakHyphen: '-' };

const CHANGE_KINDS: Record<string, TrackedChange['kind']> = { ins: 'insertion', del: 'deletion', moveTo: 'move-to', moveFrom: 'move-from' };

export function readDocumentPart(xml: string, part: string, styles: Styles, mode: ChangesMode, maxChars: number): DocumentPart {
  const paragraphs: WordParagraph[] = [];
  const comments: CommentMark[] = [];
  let prefix = 'w';
  let rootSeen = false;
  /** Local names of the open elements. */
  const stack: string[] = [];
  const changes: TrackedChange[] = [];
  let skipDepth = 0;
  let paragraph: WordParagraph | undefined;
  let run: { info: RunInfo; bold?: boolean; italic?: boolean; vanish?: boolean; style?: string; pieces: Piece[]; propertiesStart?: number; reference?: string } | undefined;
  let text: { tag: XmlOpen; chunks: string[]; deleted: boolean } | undefined;
  let inRunProperties = false;
  /** Inside a run's w:rPrChange: the formatting before a tracked change, with an rPr of its own. */
  let inOldRunProperties = false;
  let inParagraphProperties = false;
  /** Inside w:pPrChange: the old paragraph properties, read in `original` mode. */
  let inOldProperties = false;
  const old: { style?: string; numId?: string; ilvl?: number; seen: boolean } = { seen: false };
  let hiddenChanges = 0;

  const visible = (deletedText: boolean): boolean => {
    if (mode === 'accepted') return !deletedText && !changes.some((c) => c.kind === 'deletion' || c.kind === 'move-from');
    return !changes.some((c) => c.kind === 'insertion' || c.kind === 'move-to');
  };
  const currentChange = (): TrackedChange | undefined => changes[changes.length - 1];

  parseXml(
    xml,
    part,
    {
      open(tag) {
        const name = localName(tag.name);
        if (!rootSeen) {
          rootSeen = true;
          prefix = wordPrefix(tag.attributes) ?? 'w';
        }
        if (!tag.selfClosing) stack.push(name);
        if (skipDepth) {
          if (!tag.selfClosing) skipDepth++;
          return;
        }
        if (SKIPPED.has(name)) {
          if (!tag.selfClosing) skipDepth = 1;
          return;
        }
        const parent = stack[stack.length - (tag.selfClosing ? 1 : 2)];
        if (name === 'p') {
          if (paragraph) return; // a paragraph inside a paragraph outside a text box: keep reading into the outer one
          paragraph = { index: paragraphs.length, start: tag.start, openEnd: tag.end, propertiesEnd: tag.end, closeStart: tag.end, end: tag.end, pieces: [] };
          return;
        }
        if (!paragraph) return;
        if (name === 'pPr' && parent === 'p') {
          inParagraphProperties = true;
          return;
        }
        if (inParagraphProperties) {
          if (name === 'pPrChange') {
            inOldProperties = true;
            old.seen = true;
            return;
          }
          const val = attr(tag.attributes, 'val');
          if (inOldProperties) {
            if (name === 'pStyle') old.style = val;
            else if (name === 'numId') old.numId = val;
            else if (name === 'ilvl') old.ilvl = Number(val);
            return;
          }
          if (name === 'pStyle') paragraph.style = val;
          else if (name === 'numId') paragraph.numId = val;
          else if (name === 'ilvl') paragraph.ilvl = Number(val);
          else if (parent === 'rPr' && CHANGE_KINDS[name]) paragraph.markChange = CHANGE_KINDS[name];
          return;
        }
        if ((name === 'ins' || name === 'del' || name === 'moveTo' || name === 'moveFrom') && !inRunProperties && !tag.selfClosing) {
          changes.push({ kind: CHANGE_KINDS[name], author: attr(tag.attributes, 'author'), date: attr(tag.attributes, 'date') });
          return;
        }
        if (name === 'commentRangeStart' || name === 'commentRangeEnd') {
          comments.push({ id: attr(tag.attributes, 'id') ?? '', kind: name === 'commentRangeStart' ? 'start' : 'end', start: tag.start, end: tag.end });
          return;
        }
        if (name === 'r') {
          run = { info: { start: tag.start, end: tag.end, contentStart: tag.end, contentEnd: tag.end, properties: '' }, pieces: [] };
          return;
        }
        if (!run) return;
        if (name === 'rPr' && parent === 'r') {
          inRunProperties = true;
          run.propertiesStart = tag.start;
          if (tag.selfClosing) {
            inRunProperties = false;
            run.info.contentStart = tag.end;
          }
          return;
        }
        if (inRunProperties) {
          if (name === 'rPrChange' && !tag.selfClosing) inOldRunProperties = true;
          if (parent !== 'rPr' || inOldRunProperties) return;
          if (name === 'b') run.bold = onOff(tag.attributes);
          else if (name === 'i') run.italic = onOff(tag.attributes);
          else if (name === 'vanish') run.vanish = onOff(tag.attributes);
          else if (name === 'rStyle') run.style = attr(tag.attributes, 'val');
          return;
        }
        if (name === 'commentReference') {
          run.reference = attr(tag.attributes, 'id') ?? '';
          return;
        }
        if (name === 't' || name === 'delText') {
          text = { tag, chunks: [], deleted: name === 'delText' };
          if (tag.selfClosing) text = undefined;
          return;
        }
        const char = CHARS[name];
        if (char !== undefined && parent === 'r') {
          // A page or column break is a break all the same: a space between words.
          addPiece(char, 'char', tag.start, tag.end, tag.start, tag.end, tag, false);
        }
      },
      text(value) {
        if (text && !skipDepth) text.chunks.push(value);
      },
      close(tag) {
        const name = localName(tag.name);
        if (!tag.selfClosing) stack.pop();
        if (skipDepth) {
          if (!tag.selfClosing) skipDepth--;
          return;
        }
        if (!paragraph) return;
        if (name === 'p') {
          paragraph.closeStart = tag.start;
          paragraph.end = tag.end;
          if (mode === 'original' && old.seen) {
            paragraph.style = old.style;
            paragraph.numId = old.numId;
            paragraph.ilvl = old.ilvl;
          }
          old.seen = false;
          old.style = old.numId = old.ilvl = undefined;
          paragraphs.push(paragraph);
          paragraph = undefined;
          return;
        }
        if (name === 'pPr' && inParagraphProperties && !inOldProperties) {
          inParagraphProperties = false;
          paragraph.propertiesEnd = tag.end;
          return;
        }
        if (name === 'pPrChange') {
          inOldProperties = false;
          return;
        }
        if ((name === 'ins' || name === 'del' || name === 'moveTo' || name === 'moveFrom') && !inRunProperties && !inParagraphProperties && !tag.selfClosing) {
          changes.pop();
          return;
        }
        if (!run) return;
        if (name === 'rPrChange' && inRunProperties) {
          inOldRunProperties = false;
          return;
        }
        // The rPr inside a w:rPrChange closes the old formatting, not the run's properties.
        if (name === 'rPr' && inRunProperties && !inOldRunProperties) {
          inRunProperties = false;
          run.info.properties = xml.slice(run.propertiesStart ?? tag.start, tag.end);
          run.info.contentStart = tag.end;
          return;
        }
        if ((name === 't' || name === 'delText') && text) {
          const value = text.chunks.join('');
          addPiece(value, 'text', text.tag.start, tag.end, text.tag.end, tag.start, text.tag, text.deleted);
          text = undefined;
          return;
        }
        if (name === 'r') {
          run.info.end = tag.end;
          run.info.contentEnd = tag.start;
          if (run.reference !== undefined) comments.push({ id: run.reference, kind: 'reference', start: run.info.start, end: run.info.end });
          // Bold and italic as a drafter marks words: the run's own properties, then its character style. A paragraph
          // style that sets a whole paragraph in bold (a heading) marks no words in particular.
          const character = styles.character(run.style);
          const bold = run.bold ?? character?.bold ?? false;
          const italic = run.italic ?? character?.italic ?? false;
          const hidden = run.vanish ?? character?.vanish ?? false;
          for (const piece of run.pieces) {
            piece.bold = bold;
            piece.italic = italic;
            if (!hidden) paragraph.pieces.push(piece);
          }
          run = undefined;
        }
      },
    },
    maxChars,
  );

  function addPiece(value: string, element: Piece['element'], elementStart: number, elementEnd: number, contentStart: number, contentEnd: number, tag: XmlOpen, deleted: boolean): void {
    if (!run || !paragraph) return;
    if (!visible(deleted)) {
      hiddenChanges++;
      return;
    }
    if (!value) return;
    const space = attr(tag.attributes, 'space');
    run.pieces.push({
      text: value,
      element,
      elementStart,
      elementEnd,
      contentStart,
      contentEnd,
      tagName: tag.name,
      openEnd: tag.end,
      preserve: space === 'preserve',
      run: run.info,
      bold: false,
      italic: false,
      change: currentChange(),
      paragraph: paragraph.index,
    });
  }

  return { xml, prefix, paragraphs, comments, hiddenChanges };
}
