/**
 * The Markdown rendering of a Word draft: what the core lints, what the CLI's line and column point into and what
 * the editor shows. It is stable: the same document gives the same text.
 *
 * - one Markdown paragraph per Word paragraph (a blank line between), empty paragraphs left out;
 * - headings by style: Title and Heading 1 as "# ", Heading n as n hashes (outline levels too);
 * - automatic numbering written out as the reader sees it ("5. ", "(b) ", "(iii) "); bullets as "- ";
 * - bold and italic runs as **bold** and *italic*, the markers kept off surrounding spaces and never inside a word;
 * - a character that would start Markdown structure at the beginning of a paragraph ("#", ">", "-", "<" ...) and
 *   "<!--" anywhere are escaped with a backslash, so that Word text is never read as markup it is not.
 *
 * Every character taken from the document keeps a link to its piece (segments), so that a range of the text maps
 * back to runs and paragraphs of document.xml.
 */
import type { ChangesMode, Piece, TrackedChange, WordParagraph } from './document';
import type { NumberingCounter } from './numbering';
import type { Styles } from './styles';

/** A stretch of the rendered text taken from one piece: text[start, end) is piece.text from `offset`. */
export interface Segment {
  start: number;
  end: number;
  piece: Piece;
  offset: number;
}

export interface RenderedParagraph {
  /** Offsets of the paragraph in the rendered text (from its number or heading marker to its last character). */
  start: number;
  end: number;
  /** Where the paragraph's own words start (after the number or heading marker). */
  contentStart: number;
  /** The Word paragraphs it comes from (0-based; more than one when tracked changes joined them). */
  word: number[];
  /** Its automatic number as displayed ("5.", "(b)"), if any. */
  number?: string;
  heading?: number;
  segments: Segment[];
}

export interface Rendering {
  text: string;
  paragraphs: RenderedParagraph[];
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Text that Markdown would read as a heading, quote, list, rule, fence, HTML block or link definition ("<\\!--", a
 * comment opener inlineSpans already broke, is none of these). */
const BLOCK_START = /^(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|(?:[-*_][ \t]*){3,}$|`{3}|~{3}|<(?!\\!--)|\[)/;

/** Joins paragraphs whose mark the mode removes: a mark deleted (accepted) or inserted (original) joins the next. */
function joinParagraphs(paragraphs: WordParagraph[], mode: ChangesMode): WordParagraph[][] {
  const groups: WordParagraph[][] = [];
  let pending: WordParagraph[] = [];
  for (const p of paragraphs) {
    pending.push(p);
    const removed = mode === 'accepted' ? p.markChange === 'deletion' || p.markChange === 'move-from' : p.markChange === 'insertion' || p.markChange === 'move-to';
    if (removed && p !== paragraphs[paragraphs.length - 1]) continue;
    groups.push(pending);
    pending = [];
  }
  if (pending.length) groups.push(pending);
  return groups;
}

interface Span {
  text: string;
  piece?: Piece;
  offset: number;
}

export function render(paragraphs: WordParagraph[], styles: Styles, numbering: NumberingCounter, mode: ChangesMode, prelude = ''): Rendering {
  // The text is built in parts: asking a string grown by "+=" how it ends flattens it, and doing that once per
  // paragraph made a long draft quadratic (1.4 s for 300 KB).
  const parts: string[] = [];
  let length = 0;
  let tail = '';
  const append = (piece: string) => {
    if (!piece) return;
    parts.push(piece);
    length += piece.length;
    tail = (tail + piece).slice(-2);
  };
  append(prelude);
  const out: RenderedParagraph[] = [];
  for (const group of joinParagraphs(paragraphs, mode)) {
    const pieces = group.flatMap((p) => p.pieces);
    // The joined paragraph keeps the properties of its first part that has words (Word keeps the first's).
    const lead = group.find((p) => p.pieces.some((piece) => piece.text.trim())) ?? group[group.length - 1];
    const style = styles.paragraph(lead.style);
    const numId = lead.numId ?? style?.numId;
    let number: string | undefined;
    let bullet = false;
    if (numId !== undefined && numId !== '0') {
      const ilvl = lead.ilvl ?? (lead.numId === undefined ? style?.ilvl ?? numbering.levelForStyle(numId, style?.id) : undefined) ?? 0;
      const counted = numbering.next(numId, ilvl);
      if (counted?.text) {
        number = counted.text;
        bullet = counted.bullet;
      }
    }
    const spans = inlineSpans(pieces);
    // Leading and trailing spaces are not Markdown's business.
    while (spans.length && !spans[0].text.trim()) spans.shift();
    while (spans.length && !spans[spans.length - 1].text.trim()) spans.pop();
    if (spans.length) {
      spans[0] = trimSpan(spans[0], 'start');
      spans[spans.length - 1] = trimSpan(spans[spans.length - 1], 'end');
    }
    if (!spans.length && !number) continue;
    if (out.length || length) append(tail === '\n\n' || !length ? '' : tail.endsWith('\n') ? '\n' : '\n\n');
    const start = length;
    const heading = style?.heading;
    let marker = '';
    if (heading) marker += '#'.repeat(heading) + ' ';
    if (number) marker += (bullet ? '-' : number) + ' ';
    // Escape what would start Markdown structure; a number typed by hand ("1. Decides") stays a number.
    const line = spans.map((span) => span.text).join('');
    if (BLOCK_START.test(line) || ((heading || number) && /^\d{1,9}[.)](?:\s|$)/.test(line))) marker += '\\';
    append(marker);
    const contentStart = length;
    const segments: Segment[] = [];
    for (const span of spans) {
      if (span.piece) segments.push({ start: length, end: length + span.text.length, piece: span.piece, offset: span.offset });
      append(span.text);
    }
    out.push({ start, end: length, contentStart, word: group.map((p) => p.index), number, heading, segments });
  }
  if (length && !tail.endsWith('\n')) append('\n');
  return { text: parts.join(''), paragraphs: out };
}

function trimSpan(span: Span, side: 'start' | 'end'): Span {
  if (side === 'start') {
    const trimmed = span.text.replace(/^\s+/, '');
    return { ...span, text: trimmed, offset: span.offset + (span.text.length - trimmed.length) };
  }
  return { ...span, text: span.text.trimEnd() };
}

/**
 * The paragraph's pieces as spans of text with emphasis markers (spans without a piece) around bold and italic
 * stretches. Markers go around the words only, and are dropped where they would fall inside a word.
 */
function inlineSpans(pieces: Piece[]): Span[] {
  const spans: Span[] = [];
  // Escape "<!--" so that Word text never opens an HTML comment (or a mandate-lint directive).
  const pieceSpans = (piece: Piece): Span[] => {
    const value = piece.text;
    const at = value.indexOf('<!--');
    if (at < 0) return [{ text: value, piece, offset: 0 }];
    const result: Span[] = [];
    let from = 0;
    for (let i = at; i >= 0; i = value.indexOf('<!--', i + 1)) {
      result.push({ text: value.slice(from, i + 1), piece, offset: from }, { text: '\\', offset: 0 });
      from = i + 1;
    }
    result.push({ text: value.slice(from), piece, offset: from });
    return result;
  };
  let i = 0;
  const plain = (index: number) => pieces[index].text;
  while (i < pieces.length) {
    const { bold, italic } = pieces[i];
    let j = i;
    while (j < pieces.length && pieces[j].bold === bold && pieces[j].italic === italic) j++;
    const group = pieces.slice(i, j);
    const marker = bold && italic ? '***' : bold ? '**' : italic ? '*' : '';
    const inner = group.flatMap(pieceSpans);
    const joined = group.map((p) => p.text).join('');
    if (!marker || !joined.trim()) {
      spans.push(...inner);
      i = j;
      continue;
    }
    const lead = joined.length - joined.replace(/^\s+/, '').length;
    const trail = joined.length - joined.trimEnd().length;
    const before = i > 0 ? lastChar(plain(i - 1)) : ' ';
    const after = j < pieces.length ? plain(j)[0] ?? ' ' : ' ';
    const first = joined[lead];
    const last = joined[joined.length - trail - 1];
    // A marker between two letters would break the word for the reader of the Markdown: leave the stretch plain.
    if ((lead === 0 && WORD_CHAR.test(before) && WORD_CHAR.test(first)) || (trail === 0 && WORD_CHAR.test(after) && WORD_CHAR.test(last))) {
      spans.push(...inner);
      i = j;
      continue;
    }
    spans.push(...splitAt(inner, lead, joined.length - trail, marker));
    i = j;
  }
  return spans;
}

function lastChar(value: string): string {
  return value ? value[value.length - 1] : ' ';
}

/** Inserts `marker` spans at the character positions `open` and `close` of the concatenated spans. */
function splitAt(spans: Span[], open: number, close: number, marker: string): Span[] {
  const out: Span[] = [];
  let position = 0;
  let opened = false;
  let closed = false;
  for (const span of spans) {
    if (!span.piece) {
      out.push(span);
      continue;
    }
    let rest = span;
    const end = position + span.text.length;
    if (!opened && open >= position && open < end) {
      const cut = open - position;
      if (cut > 0) out.push({ ...rest, text: rest.text.slice(0, cut) });
      out.push({ text: marker, offset: 0 });
      rest = { ...rest, text: rest.text.slice(cut), offset: rest.offset + cut };
      position += cut;
      opened = true;
    }
    if (opened && !closed && close > position && close <= end) {
      const cut = close - position;
      out.push({ ...rest, text: rest.text.slice(0, cut) });
      out.push({ text: marker, offset: 0 });
      if (cut < rest.text.length) out.push({ ...rest, text: rest.text.slice(cut), offset: rest.offset + cut });
      closed = true;
      position = end;
      continue;
    }
    out.push(rest);
    position = end;
  }
  return out.filter((s) => s.text.length);
}

/** The rendered paragraph that holds an offset (the nearest before it, between paragraphs). */
export function paragraphAt(rendering: Rendering, offset: number): RenderedParagraph | undefined {
  const list = rendering.paragraphs;
  let low = 0;
  let high = list.length - 1;
  let found: RenderedParagraph | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (list[mid].start <= offset) {
      found = list[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found ?? list[0];
}

/** The tracked insertions a range of the rendered text falls in (their authors, once each). */
export function changesIn(rendering: Rendering, start: number, end: number): TrackedChange[] {
  const found: TrackedChange[] = [];
  const last = Math.max(end, start + 1);
  for (const paragraph of rendering.paragraphs) {
    if (paragraph.end < start || paragraph.start >= last) continue;
    for (const segment of paragraph.segments) {
      if (segment.end <= start || segment.start >= last) continue;
      const change = segment.piece.change;
      if (change && (change.kind === 'insertion' || change.kind === 'move-to') && !found.some((c) => c.author === change.author)) found.push(change);
    }
  }
  return found;
}
