/**
 * Findings back into Word: a copy of the .docx with one comment per finding, anchored on the words it points at.
 *
 * Only these parts change: the main document (w:commentRangeStart/End around the words and a run with the
 * w:commentReference after them; a run is split where a range starts or ends inside it, each half keeping the
 * run's properties), the comments part (created, or extended), and, when the comments part is new, the main
 * document's relationships and [Content_Types].xml. Every other entry of the package is copied as it was stored,
 * compressed bytes and all, in the same order. Comments by the same author from an earlier run are removed
 * (their anchors too), so annotating twice does not pile comments up.
 */
import { decodePart, DEFAULT_DOCX_LIMITS, parseRelationships, resolveTarget } from './package';
import type { DocxReading } from './read';
import type { Piece, WordParagraph } from './document';
import { paragraphAt, type RenderedParagraph } from './render';
import { attr, DocxError, escapeXml, localName, parseXml, rawIndexOf, wordPrefix } from './xml';
import { listEntries, readEntries, writePackage, type OutEntry, type ZipEntry } from './zip';
import { strToU8 } from 'fflate';

export interface DocxComment {
  /** The range the comment is about, in the reading's text (the Markdown rendering). */
  start: number;
  end: number;
  /** The comment's paragraphs. */
  paragraphs: string[];
}

export interface AnnotateOptions {
  /** The comments' author; earlier comments by this author are replaced. Default "Mandate Lint". */
  author?: string;
  initials?: string;
  /** The comments' date (default: now); false leaves it out. */
  date?: Date | false;
}

export interface AnnotateResult {
  bytes: Uint8Array;
  /** Comments written. */
  comments: number;
  /** Earlier comments of the same author that were removed. */
  replaced: number;
  /** The comments part written. */
  commentsPart: string;
}

const COMMENTS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const W_NAMESPACE = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface Edit {
  at: number;
  /** Removal: [at, end). Insertion: end === at. */
  end: number;
  text: string;
  order: number;
}

type Point = { kind: 'outside'; at: number } | { kind: 'boundary'; at: number; piece: Piece } | { kind: 'content'; at: number; piece: Piece };

const blank = (text: string) => !text.trim();

/**
 * Where the document's fields are in document.xml, outermost only: a w:fldSimple element, or the runs from a
 * fldChar "begin" to its "end". A comment's markers go around a field, never into its result: Word rewrites the
 * result when it updates the field, and LibreOffice shows markers there as text.
 */
function fieldSpans(xml: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const m of xml.matchAll(/<([\w.-]+:)?fldSimple\b[^>]*?(\/?)>/g)) {
    if (m[2]) continue;
    const close = xml.indexOf(`</${m[1] ?? ''}fldSimple>`, m.index);
    if (close > 0) spans.push([m.index, close + `</${m[1] ?? ''}fldSimple>`.length]);
  }
  let depth = 0;
  let begin = -1;
  for (const m of xml.matchAll(/<([\w.-]+:)?fldChar\b[^>]*?fldCharType=["'](begin|end)["'][^>]*>/g)) {
    const runStart = Math.max(xml.lastIndexOf(`<${m[1] ?? ''}r>`, m.index), xml.lastIndexOf(`<${m[1] ?? ''}r `, m.index));
    if (m[2] === 'begin') {
      if (depth++ === 0) begin = runStart >= 0 ? runStart : m.index;
    } else if (depth > 0 && --depth === 0) {
      const runEnd = xml.indexOf(`</${m[1] ?? ''}r>`, m.index);
      spans.push([begin, runEnd >= 0 ? runEnd + `</${m[1] ?? ''}r>`.length : m.index + m[0].length]);
    }
  }
  return spans;
}

/** Where in document.xml a character position of a piece is: before or after its run, between elements, in text. */
function pointIn(xml: string, piece: Piece, at: number): Point {
  const { run } = piece;
  if (at <= 0 || (piece.element === 'char' && at < 1 && at <= 0)) {
    return blank(xml.slice(run.contentStart, piece.elementStart)) ? { kind: 'outside', at: run.start } : { kind: 'boundary', at: piece.elementStart, piece };
  }
  if (at >= piece.text.length || piece.element === 'char') {
    return blank(xml.slice(piece.elementEnd, run.contentEnd)) ? { kind: 'outside', at: run.end } : { kind: 'boundary', at: piece.elementEnd, piece };
  }
  return { kind: 'content', at: piece.contentStart + rawIndexOf(xml.slice(piece.contentStart, piece.contentEnd), at), piece };
}

/** The point where a range of the rendering starts (side 'start') or ends, within its paragraph. */
function locate(reading: DocxReading, paragraphs: WordParagraph[], offset: number, side: 'start' | 'end'): Point {
  const paragraph: RenderedParagraph | undefined = paragraphAt(reading, offset);
  if (!paragraph) throw new DocxError('has no paragraph to anchor a comment on');
  const segments = paragraph.segments;
  if (!segments.length) {
    const word = paragraphs[paragraph.word[side === 'start' ? 0 : paragraph.word.length - 1]];
    return { kind: 'outside', at: side === 'start' ? word.propertiesEnd : word.closeStart };
  }
  if (side === 'start') {
    const segment = segments.find((s) => s.end > offset) ?? segments[segments.length - 1];
    const at = segment.offset + Math.max(0, Math.min(offset, segment.end) - segment.start);
    return pointIn(reading.part.xml, segment.piece, at);
  }
  const segment = [...segments].reverse().find((s) => s.start < offset) ?? segments[0];
  const at = segment.offset + Math.max(0, Math.min(offset, segment.end) - segment.start);
  return pointIn(reading.part.xml, segment.piece, at);
}

/** A run's properties for the new half of a split run, without revision marks (their ids must stay unique). */
function cleanProperties(properties: string): string {
  return properties
    .replace(/<([\w.-]+:)?rPrChange\b[^>]*\/>/g, '')
    .replace(/<([\w.-]+:)?rPrChange\b[\s\S]*?<\/\1?rPrChange>/g, '')
    .replace(/<([\w.-]+:)?(?:ins|del|moveFrom|moveTo)\b[^>]*\/>/g, '');
}

function isoDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Writes a copy of the package with `comments` as Word comments. Throws DocxError. */
export function annotateDocx(bytes: Uint8Array, reading: DocxReading, comments: DocxComment[], options: AnnotateOptions = {}): AnnotateResult {
  const author = options.author ?? 'Mandate Lint';
  const initials = options.initials ?? 'ML';
  const date = options.date === false ? undefined : isoDate(options.date ?? new Date());
  const limits = DEFAULT_DOCX_LIMITS;
  const listed = listEntries(bytes, limits);
  const entries = readEntries(bytes, listed, 'all', { keepRaw: true, limits });
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) if (!byName.has(entry.name)) byName.set(entry.name, entry);
  const main = reading.part;
  if (decodePart(byName.get(main.name)?.data) !== main.xml) throw new DocxError('changed since it was read: read it again before writing comments');

  const prefix = main.prefix;
  const q = (name: string) => (prefix ? `${prefix}:${name}` : name);

  // The comments part: the main document's relationship to it, or a new one.
  const relationshipsText = decodePart(byName.get(main.relationships)?.data);
  const relationships = parseRelationships(relationshipsText, main.relationships, limits.maxXmlChars);
  const commentsRelationship = relationships.find((r) => /\/comments$/.test(r.type) && !r.external);
  let commentsPart = commentsRelationship ? resolveTarget(main.name, commentsRelationship.target) : undefined;
  const existing = commentsPart ? decodePart(byName.get(commentsPart)?.data) : undefined;

  // Earlier comments by this author: removed from the comments part and their anchors from the document.
  const own = new Set<string>();
  const commentEdits: Edit[] = [];
  let maxId = -1;
  let commentsPrefix = 'w';
  let commentsClose = -1;
  if (existing !== undefined) {
    let depth = 0;
    let open: { id: string; author: string; start: number } | undefined;
    parseXml(
      existing,
      commentsPart!,
      {
        open(tag) {
          if (depth === 0) commentsPrefix = wordPrefix(tag.attributes) ?? 'w';
          if (!tag.selfClosing) depth++;
          if (localName(tag.name) === 'comment' && depth === 2) {
            const id = attr(tag.attributes, 'id') ?? '';
            if (/^\d+$/.test(id)) maxId = Math.max(maxId, Number(id));
            open = { id, author: attr(tag.attributes, 'author') ?? '', start: tag.start };
            if (tag.selfClosing) {
              if (open.author === author) {
                own.add(open.id);
                commentEdits.push({ at: tag.start, end: tag.end, text: '', order: 0 });
              }
              open = undefined;
            }
          }
        },
        close(tag) {
          if (!tag.selfClosing) depth--;
          if (localName(tag.name) === 'comment' && open && depth === 1) {
            if (open.author === author) {
              own.add(open.id);
              commentEdits.push({ at: open.start, end: tag.end, text: '', order: 0 });
            }
            open = undefined;
          }
          if (depth === 0 && !tag.selfClosing) commentsClose = tag.start;
        },
      },
      limits.maxXmlChars,
    );
  }
  for (const mark of main.comments) if (/^\d+$/.test(mark.id)) maxId = Math.max(maxId, Number(mark.id));

  const edits: Edit[] = [];
  const removed: Array<[number, number]> = [];
  for (const mark of main.comments) {
    if (!own.has(mark.id)) continue;
    edits.push({ at: mark.start, end: mark.end, text: '', order: 0 });
    removed.push([mark.start, mark.end]);
  }

  // Anchors: group the markers by where they go, so that one split of a run carries them all.
  interface Slot {
    point: Point;
    ends: string[];
    starts: string[];
  }
  const slots = new Map<number, Slot>();
  const slot = (point: Point): Slot => {
    let s = slots.get(point.at);
    if (!s) slots.set(point.at, (s = { point, ends: [], starts: [] }));
    return s;
  };
  const written: string[] = [];
  let nextId = maxId + 1;
  const commentXml = (id: number, paragraphs: string[]) => {
    const cq = (name: string) => (commentsPrefix ? `${commentsPrefix}:${name}` : name);
    const attrs = `${cq('id')}="${id}" ${cq('author')}="${escapeXml(author)}"${date ? ` ${cq('date')}="${date}"` : ''} ${cq('initials')}="${escapeXml(initials)}"`;
    const body = paragraphs
      .map((text, i) => `<${cq('p')}>${i === 0 ? `<${cq('r')}><${cq('annotationRef')}/></${cq('r')}>` : ''}<${cq('r')}><${cq('t')} xml:space="preserve">${escapeXml(text)}</${cq('t')}></${cq('r')}></${cq('p')}>`)
      .join('');
    return `<${cq('comment')} ${attrs}>${body}</${cq('comment')}>`;
  };
  const sorted = [...comments].sort((a, b) => a.start - b.start || a.end - b.end);
  const fields = fieldSpans(main.xml);
  const fieldAround = (at: number) => fields.find(([s, e]) => at > s && at < e);
  for (const comment of sorted) {
    const id = nextId++;
    let start = locate(reading, main.paragraphs, comment.start, 'start');
    let end = locate(reading, main.paragraphs, Math.max(comment.end, comment.start + 1), 'end');
    if (end.at < start.at) [start, end] = [end, start];
    // Words inside a field: the comment takes in the whole field.
    const startField = fieldAround(start.at);
    if (startField) start = { kind: 'outside', at: startField[0] };
    const endField = fieldAround(end.at);
    if (endField) end = { kind: 'outside', at: endField[1] };
    slot(start).starts.push(`<${q('commentRangeStart')} ${q('id')}="${id}"/>`);
    slot(end).ends.push(`<${q('commentRangeEnd')} ${q('id')}="${id}"/><${q('r')}><${q('commentReference')} ${q('id')}="${id}"/></${q('r')}>`);
    written.push(commentXml(id, comment.paragraphs));
  }
  const preserved = new Set<Piece>();
  for (const { point, ends, starts } of slots.values()) {
    const inside = removed.find(([s, e]) => point.at > s && point.at < e);
    const at = inside ? inside[1] : point.at;
    const marks = ends.join('') + starts.join('');
    if (point.kind === 'outside' || inside) {
      edits.push({ at, end: at, text: marks, order: 1 });
      continue;
    }
    const { piece } = point;
    const properties = cleanProperties(piece.run.properties);
    if (point.kind === 'boundary') {
      edits.push({ at, end: at, text: `</${q('r')}>${marks}<${q('r')}>${properties}`, order: 1 });
      continue;
    }
    edits.push({ at, end: at, text: `</${piece.tagName}></${q('r')}>${marks}<${q('r')}>${properties}<${piece.tagName} xml:space="preserve">`, order: 1 });
    if (!piece.preserve && !preserved.has(piece)) {
      // Text split at a space keeps its space: the first half must say so too.
      preserved.add(piece);
      const close = main.xml.lastIndexOf('>', piece.openEnd - 1);
      const selfClose = main.xml[close - 1] === '/';
      // An xml:space="default" already there is changed, not repeated (a duplicate attribute is not XML).
      const startTag = main.xml.slice(piece.elementStart, piece.openEnd);
      const existing = /\sxml:space\s*=\s*(["'])[^"']*\1/.exec(startTag);
      if (existing) edits.push({ at: piece.elementStart + existing.index, end: piece.elementStart + existing.index + existing[0].length, text: ' xml:space="preserve"', order: 1 });
      else if (!selfClose) edits.push({ at: close, end: close, text: ' xml:space="preserve"', order: 1 });
    }
  }
  const documentXml = applyEdits(main.xml, edits);

  // The comments part, extended or new.
  const newComments = written.join('');
  let commentsXml: string;
  if (existing !== undefined && commentsClose >= 0) {
    commentEdits.push({ at: commentsClose, end: commentsClose, text: newComments, order: 1 });
    commentsXml = applyEdits(existing, commentEdits);
  } else {
    const root = commentsPrefix ? `${commentsPrefix}:comments` : 'comments';
    commentsXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${root} xmlns${commentsPrefix ? `:${commentsPrefix}` : ''}="${W_NAMESPACE}">${newComments}</${root}>`;
    if (existing === undefined && commentsPart === undefined) commentsPart = uniqueName(byName, `${main.name.slice(0, main.name.lastIndexOf('/') + 1)}comments.xml`);
  }
  const part = commentsPart!;

  // Relationship and content type for a new comments part.
  let relationshipsOut: string | undefined;
  let contentTypesOut: string | undefined;
  if (!commentsRelationship) {
    const target = part.slice(part.lastIndexOf('/') + 1);
    const ids = new Set(relationships.map((r) => r.id));
    let n = 1;
    while (ids.has(`rIdMandateLint${n}`)) n++;
    const relationship = `<Relationship Id="rIdMandateLint${n}" Type="${COMMENTS_TYPE}" Target="${escapeXml(target)}"/>`;
    relationshipsOut = relationshipsText
      ? relationshipsText.replace(/<\/([\w.-]+:)?Relationships>\s*$/, (close) => relationship + close)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationship}</Relationships>`;
    const contentTypes = decodePart(byName.get('[Content_Types].xml')?.data) ?? '';
    if (!new RegExp(`PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'i').test(contentTypes)) {
      contentTypesOut = contentTypes.replace(/<\/([\w.-]+:)?Types>\s*$/, (close) => `<Override PartName="/${escapeXml(part)}" ContentType="${COMMENTS_CONTENT_TYPE}"/>${close}`);
    }
  }

  const out: OutEntry[] = [];
  const changed = new Map<string, string>([[main.name, documentXml], [part, commentsXml]]);
  if (relationshipsOut !== undefined) changed.set(main.relationships, relationshipsOut);
  if (contentTypesOut !== undefined) changed.set('[Content_Types].xml', contentTypesOut);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.name)) continue;
    seen.add(entry.name);
    const text = changed.get(entry.name);
    out.push(text !== undefined ? { name: entry.name, data: strToU8(text) } : { name: entry.name, copy: entry });
  }
  for (const [name, text] of changed) if (!seen.has(name)) out.push({ name, data: strToU8(text) });
  return { bytes: writePackage(out), comments: written.length, replaced: own.size, commentsPart: part };
}

function uniqueName(entries: Map<string, ZipEntry>, name: string): string {
  if (!entries.has(name)) return name;
  for (let n = 1; ; n++) {
    const candidate = name.replace(/\.xml$/, `${n}.xml`);
    if (!entries.has(candidate)) return candidate;
  }
}

/** Applies removals and insertions (positions in the original text) in one pass. */
function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.at - b.at || a.order - b.order || (a.end - a.at) - (b.end - b.at));
  let out = '';
  let from = 0;
  for (const edit of sorted) {
    if (edit.at < from) {
      // An insertion inside text already removed goes where the removal ends.
      if (edit.end === edit.at) out += edit.text;
      continue;
    }
    out += text.slice(from, edit.at) + edit.text;
    from = Math.max(from, edit.end);
  }
  return out + text.slice(from);
}
