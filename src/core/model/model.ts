/**
 * The document model: a flat list of units (title, headings, preambular and operative paragraphs,
 * sub-paragraphs, strategy paragraphs and list items) with roles, numbering, parents and exact offsets.
 */
import { parse as parseYaml } from 'yaml';
import structure from '../../../data/structure.json';
import { detach, LineIndex, LruCache } from '../text';
import { segmentDocument, type Block, type DocumentFormat } from './blocks';
import { maskedText, type MaskedText } from './mask';
import { announcesList, detectOpener, findReportingVerb, isFormula, startsWithStatementSubject, startsWithTaskVerb, hasSentenceVerb, type Opener } from './structure';

export type UnitKind = 'title' | 'heading' | 'formula' | 'preamble' | 'operative' | 'subparagraph' | 'item' | 'paragraph';
/** "preambular": a paragraph labelled "PP6." or "PP18:" in a negotiating draft. */
export type MarkerStyle = 'decimal' | 'alpha' | 'roman' | 'bullet' | 'preambular';

export interface Marker {
  text: string;
  start: number;
  end: number;
  style: MarkerStyle;
  /** "2", "a", "ii" */
  label: string;
}

export interface Unit {
  id: number;
  kind: UnitKind;
  start: number;
  end: number;
  /** Start of the unit's own words (after a number or list marker). */
  contentStart: number;
  marker?: Marker;
  level: number;
  opener?: Opener & { start: number; end: number };
  parent?: number;
  section?: number;
  headingDepth?: number;
  /** Ends with a colon: introduces the sub-paragraphs that follow. */
  leadIn: boolean;
}

/**
 * Every unit is made here, with all its fields, optional ones undefined: units of one shape keep the code that
 * reads them from being recompiled for each new shape it meets.
 */
function newUnit(id: number, kind: UnitKind, start: number, end: number, contentStart: number, level: number): Unit {
  return { id, kind, start, end, contentStart, marker: undefined, level, opener: undefined, parent: undefined, section: undefined, headingDepth: undefined, leadIn: false };
}

export interface FrontMatter {
  start: number;
  end: number;
  data: Record<string, unknown>;
  error?: string;
}

export interface Directive {
  start: number;
  end: number;
  action: 'disable' | 'enable' | 'disable-next-paragraph' | 'disable-file';
  rules: string[];
}

export interface DocumentModel {
  /** Set when the document had more units than MAX_UNITS: units after this offset were not read. */
  truncatedAt?: number;
  text: string;
  /** Same length as text, inline markup blanked (read by the piece; String(masked) for the whole). */
  masked: MaskedText;
  format: DocumentFormat;
  units: Unit[];
  frontMatter?: FrontMatter;
  directives: Directive[];
  title?: Unit;
  lines: LineIndex;
}

// "3.", "(3)", "3)", and outline numbering as agreements and plans use it: "2.2.1.", "1.1 Development ...".
const DECIMAL = /^(?:\(?(\d{1,3}(?:\.\d{1,3}){0,3})[.)]|\((\d{1,3})\)|(\d{1,3}(?:\.\d{1,3}){1,3})(?=\s+\p{Lu}))(?=[\s\p{Lu}]|$)/u;
const PAREN_LETTER = /^\(([a-z]{1,2}|[A-Z])\)(?=\s|$)/;
const PAREN_ROMAN = /^\(([ivxlc]{1,6})\)(?=\s|$)/;
/** Single letters that may be a letter or a roman numeral: (i), (v), (x). */
const AMBIGUOUS = /^[ivx]$/;
const DOTTED_LETTER = /^([a-z])[.)](?=\s)/;
const DOTTED_ROMAN = /^([ivxlc]{1,6})[.)](?=\s)/;
const BULLET = /^[-*+•–](?=\s)/;

/** A list or paragraph marker read from the start of a text (before the model settles letter-or-roman). */
export interface RawMarker {
  text: string;
  label: string;
  style: MarkerStyle | 'letter-or-roman';
  length: number;
}

/** Negotiating drafts label paragraphs "PP6." (preambular) and "OP3:" (operative). */
const DRAFT_LABEL = /^(PP|OP)\s?(\d{1,3})\s?[.:)](?=\s|$)/;

/** The marker at the very start of `content` ("3.", "(b)", "iv)", "PP6.", "-"), as the model reads paragraphs. */
export function readMarker(content: string): RawMarker | undefined {
  const label = DRAFT_LABEL.exec(content);
  if (label) return { text: label[0], label: label[2], style: label[1] === 'PP' ? 'preambular' : 'decimal', length: label[0].length };
  let m = DECIMAL.exec(content);
  if (m) return { text: m[0], label: m[1] ?? m[2] ?? m[3], style: 'decimal', length: m[0].length };
  m = PAREN_LETTER.exec(content);
  if (m) {
    const label = m[1].toLowerCase();
    if (PAREN_ROMAN.test(content) && (label.length > 1 || AMBIGUOUS.test(label))) {
      return { text: m[0], label, style: label.length === 1 ? 'letter-or-roman' : 'roman', length: m[0].length };
    }
    return { text: m[0], label, style: 'alpha', length: m[0].length };
  }
  m = PAREN_ROMAN.exec(content);
  if (m) return { text: m[0], label: m[1], style: 'roman', length: m[0].length };
  m = DOTTED_LETTER.exec(content);
  if (m) return { text: m[0], label: m[1], style: AMBIGUOUS.test(m[1]) ? 'letter-or-roman' : 'alpha', length: m[0].length };
  m = DOTTED_ROMAN.exec(content);
  if (m) return { text: m[0], label: m[1], style: 'roman', length: m[0].length };
  m = BULLET.exec(content);
  if (m) return { text: m[0], label: m[0], style: 'bullet', length: m[0].length };
  return undefined;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

function previousLetter(label: string): string {
  return String.fromCharCode(label.charCodeAt(0) - 1);
}

interface Piece {
  start: number;
  end: number;
  block: Block;
  first: boolean;
}

/** Splits a paragraph block where a line starts a new numbered item or a new preambular/operative paragraph. */
function splitBlock(block: Block, text: string, masked: MaskedText): Piece[] {
  const pieces: Piece[] = [];
  let pieceStart = block.start;
  let lineStart = block.contentStart;
  let previousLineEnd = -1;
  let previousLineStart = block.contentStart;
  const end = block.end;
  while (lineStart < end) {
    let lineEnd = lineStart;
    while (lineEnd < end && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
    if (previousLineEnd >= 0) {
      const line = masked.slice(lineStart, lineEnd);
      const trimmed = line.trimStart();
      const previous = masked.slice(previousLineStart, previousLineEnd).trimEnd();
      const previousClosed = /[;:.,]$/.test(previous);
      let cut = false;
      const marker = readMarker(trimmed);
      if (marker && marker.style !== 'bullet' && trimmed.length > marker.length + 1) cut = previousClosed || /^\(/.test(trimmed) || marker.style === 'decimal';
      else if (marker?.style === 'bullet') cut = true;
      // Rows of a table pasted as text start with a tab: each row is its own unit.
      else if (/^[^\t]{0,40}\t\S/.test(line) && trimmed.length > 0) cut = true;
      else if (previousClosed) {
        const opener = detectOpener(trimmed);
        cut = !!opener && (opener.kind === 'operative' || opener.kind === 'preambular' || (opener.kind === 'infinitive' && /[;:]$/.test(previous)));
      }
      if (cut) {
        pieces.push({ start: pieceStart, end: previousLineEnd, block, first: pieces.length === 0 });
        pieceStart = lineStart + (line.length - trimmed.length);
      }
    }
    previousLineEnd = lineEnd;
    previousLineStart = lineStart;
    let next = lineEnd;
    if (next < end) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    if (next === lineEnd) break;
    lineStart = next;
  }
  pieces.push({ start: pieceStart, end: block.end, block, first: pieces.length === 0 });
  return pieces;
}

const TRAILING_WRAPPERS = new Set([' ', '\t', '\n', '\r', '"', "'", '”', '’', '»', ')', ']']);

/** The text without trailing quotes, brackets, whitespace and ellipses (a loop: regexes anchored at $ are quadratic). */
function stripTrailing(text: string): string {
  let end = text.length;
  for (;;) {
    while (end > 0 && TRAILING_WRAPPERS.has(text[end - 1])) end--;
    if (end >= 3 && text.slice(end - 3, end) === '...') end -= 3;
    else if (end >= 1 && text[end - 1] === '…') end -= 1;
    else break;
  }
  return text.slice(0, end);
}

function endsElided(text: string): boolean {
  let end = text.length;
  while (end > 0 && TRAILING_WRAPPERS.has(text[end - 1])) end--;
  return text.slice(Math.max(0, end - 3), end) === '...' || text[end - 1] === '…';
}

const WORD_CHAR_AT = /[\p{L}\p{N}]/uy;

/**
 * The number of words (runs of letters and digits), counted up to `limit` (callers only compare it with small
 * thresholds). A loop over character codes: it runs on every paragraph, and most of their letters are ASCII.
 */
export function wordCount(text: string, limit = Infinity): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length && count < limit; i++) {
    const code = text.charCodeAt(i);
    let word: boolean;
    if (code < 128) word = (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122);
    else {
      WORD_CHAR_AT.lastIndex = i;
      word = WORD_CHAR_AT.test(text);
      if (word && code >= 0xd800 && code <= 0xdbff) i++;
    }
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}

/** A short line without closing punctuation that does not open with a verb: "Priority tasks", "(b) Good offices". */
function looksLikeHeading(content: string, opener: Opener | undefined): boolean {
  if (content.length > 400) return false;
  const trimmed = content.trim();
  if (!trimmed || /[\r\n]/.test(trimmed)) return false;
  if (opener && opener.kind !== 'gerund') return false;
  if (!/^[\p{Lu}\p{N}]/u.test(trimmed)) return false;
  const elided = endsElided(trimmed);
  const body = stripTrailing(trimmed);
  // A short question set in capitals or in title case heads the text that answers it ("WHY DO WE NEED A NATIONAL
  // SECURITY STRATEGY?"); a question in sentence case is a sentence.
  if (body.endsWith('?')) return wordCount(body, 16) <= 15 && (isInCapitals(body) || isTitleCase(body, TITLE_MINOR_WORDS, 3));
  if (/[.;:,!]$/.test(body)) return false;
  const words = wordCount(body, 31);
  if (!(words > 0 && words <= 30)) return false;
  // Set in title case, a line is a heading even when it opens with a verb ("2. Strengthen the Integrity of National
  // Institutions and Promote Good Governance"): a task in a list is written in sentence case.
  if (isTitleCase(body, TITLE_MINOR_WORDS, 3)) return true;
  // A long line is a heading only when cut short ("...") or set in title case ("Annex II: Modalities for the ...").
  if (!(words <= 12 || elided || isTitleCase(body, TITLE_MINOR_WORDS))) return false;
  // The word-level checks last: most lines are already ruled out by their punctuation or length.
  return !startsWithTaskVerb(trimmed) && !hasSentenceVerb(trimmed);
}

/** Letters in capitals only, two words of them at least. */
function isInCapitals(content: string): boolean {
  return !/\p{Ll}/u.test(content) && /\p{Lu}{2,}[^\p{L}]+\p{Lu}{2,}/u.test(content);
}

/** "The Foundations of Foreign Affairs and National Security Policy": every word but short function words capitalised. */
const TITLE_WORD_RE = /[\p{L}][\p{L}'’-]*/gu;

const TITLE_MINOR_WORDS = new Set(structure.titleMinorWords.map((w) => w.toLowerCase()));

function isTitleCase(content: string, minor?: ReadonlySet<string>, minLexical = 2): boolean {
  TITLE_WORD_RE.lastIndex = 0;
  let lexical = 0;
  let match: RegExpExecArray | null;
  // Stops at the first lower-case lexical word: long paragraphs are rarely title case.
  while ((match = TITLE_WORD_RE.exec(content))) {
    if (match[0].length <= 3 || minor?.has(match[0])) continue;
    if (!/^\p{Lu}/u.test(match[0])) return false;
    lexical++;
  }
  return lexical >= minLexical;
}

/**
 * A short numbered or lettered line with no closing punctuation and no finite verb, followed by unnumbered prose,
 * heads that prose ("5. The national security sector and its reform", "c) reform of the armed forces"): items of a
 * list follow one another, while a section's text follows its heading. Judging the content in the prose gives one
 * finding for one problem.
 */
function headSections(units: Unit[], masked: MaskedText): void {
  for (let i = 0; i + 1 < units.length; i++) {
    const unit = units[i];
    const next = units[i + 1];
    if ((unit.kind !== 'operative' && unit.kind !== 'subparagraph') || unit.leadIn) continue;
    const style = unit.marker?.style;
    if (style !== 'decimal' && style !== 'alpha' && style !== 'roman') continue;
    // What it heads: unnumbered prose, or its own items ("(3) The drivers of defence transformation" over "a. ...").
    const headsItems = next.parent === unit.id && !!next.marker;
    if ((next.kind !== 'paragraph' || next.marker) && !headsItems) continue;
    const content = masked.slice(unit.contentStart, unit.end).trim();
    if (!content || /[\r\n]/.test(content) || /[.;:,!?]$/.test(stripTrailing(content))) continue;
    if (wordCount(content, 13) > 12 || hasSentenceVerb(content)) continue;
    const previousSection = unit.section;
    for (let j = i + 1; j < units.length && units[j].kind !== 'heading'; j++) {
      if (units[j].section === previousSection) units[j].section = unit.id;
      if (units[j].parent === unit.id) units[j].parent = unit.parent;
    }
    unit.kind = 'heading';
    unit.level = 0;
    unit.headingDepth = 7;
    unit.parent = undefined;
  }
}

/**
 * Short lines that a paragraph ending with a colon announces ("rests on three elements:", then "Community
 * Policing", "Human Resource Management", ...) are its list, not headings: two or more of them in a row, right
 * after it, followed by another heading or by the end of the text. When prose follows the last of them, they head
 * sections and stay headings.
 */
function itemizeAnnouncedLines(units: Unit[]): void {
  for (let i = 0; i + 2 < units.length; i++) {
    const leadIn = units[i];
    if (!leadIn.leadIn || leadIn.kind === 'heading' || leadIn.kind === 'title') continue;
    let j = i + 1;
    while (j < units.length && units[j].kind === 'heading' && units[j].headingDepth === 7 && !units[j].marker) j++;
    const run = j - (i + 1);
    if (run < 2 || (j < units.length && units[j].kind !== 'heading')) continue;
    for (let k = i + 1; k < j; k++) {
      const item = units[k];
      item.kind = 'item';
      item.level = leadIn.level + 1;
      item.headingDepth = undefined;
      item.parent = leadIn.id;
      item.section = leadIn.section;
    }
    i = j - 1;
  }
}

/** "2.1", "3.3.4.1": a number with several levels. */
function isSectionNumber(label: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3})+\.?$/.test(label);
}

function isUnpunctuatedLine(content: string): boolean {
  const trimmed = content.trim();
  return !!trimmed && !/[\r\n]/.test(trimmed) && /^[\p{Lu}\p{N}]/u.test(trimmed) && !/[.;:,!?]$/.test(stripTrailing(trimmed));
}



const DIRECTIVE_RE = /<!--\s{0,20}mandate-lint-(disable-next-paragraph|disable-file|disable|enable)\b([^>]{0,500}?)-->/g;

function parseDirectives(text: string): Directive[] {
  const directives: Directive[] = [];
  let match: RegExpExecArray | null;
  DIRECTIVE_RE.lastIndex = 0;
  while ((match = DIRECTIVE_RE.exec(text))) {
    // "-- why" after the rules is the drafter's reason (as in ESLint): not rule names.
    const rules = match[2]
      .split(/(?:^|\s)--(?:\s|$)/)[0]
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter((r) => r && r !== '--');
    directives.push({ start: match.index, end: match.index + match[0].length, action: match[1] as Directive['action'], rules });
  }
  return directives;
}

/** The YAML front matter between the offsets findFrontMatter gives: its data, or why it could not be read. */
export function parseFrontMatter(text: string, start: number, end: number, bodyStart: number, bodyEnd: number): FrontMatter {
  // The editor reads the same front matter twice on every keystroke (is it a draft? which type?): the last one
  // read is kept, with what it said.
  const body = text.slice(bodyStart, bodyEnd);
  if (lastFrontMatter?.body !== body) lastFrontMatter = { body: detach(body), read: readYamlBody(body) };
  return { start, end, ...lastFrontMatter.read };
}

let lastFrontMatter: { body: string; read: Omit<FrontMatter, 'start' | 'end'> } | undefined;

function readYamlBody(body: string): Omit<FrontMatter, 'start' | 'end'> {
  try {
    // Warnings (an unknown tag) stay out of the process's standard error, where they would print the draft's own text.
    const data = parseYaml(body, { maxAliasCount: 50, logLevel: 'error' });
    if (data === null || data === undefined) return { data: {} };
    if (typeof data !== 'object' || Array.isArray(data)) return { data: {}, error: 'front matter is not a mapping of keys to values' };
    return { data: data as Record<string, unknown> };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { data: {}, error: `front matter is not valid YAML: ${message}` };
  }
}

/**
 * What a paragraph's own text says about its kind, whatever comes before it: computed once per text. The
 * questions only some paragraphs are asked (a numbered heading's case, a subtitle, a press statement's verb)
 * are answered when first asked.
 */
class ContentTraits {
  readonly opener: Opener | undefined;
  readonly leadIn: boolean;
  /** One sentence that announces a list or stages without a colon ("... is organised into three pillars"). */
  readonly announces: 'list' | 'stages' | undefined;
  readonly formula: boolean;
  readonly headingLike: boolean;
  private words = -1;
  private subtitle: boolean | undefined;
  private untitled: boolean | undefined;
  private statement: { verb: Opener | undefined } | undefined;

  constructor(private readonly content: string) {
    this.opener = detectOpener(content);
    this.leadIn = /:$/.test(stripTrailing(content));
    this.announces = announcesList(content);
    this.formula = isFormula(content);
    this.headingLike = looksLikeHeading(content, this.opener);
  }

  private wordCount(): number {
    if (this.words < 0) this.words = wordCount(this.content, 61);
    return this.words;
  }

  /** More than six words and not in title case: not a numbered heading. */
  get longUntitled(): boolean {
    return (this.untitled ??= this.wordCount() > 6 && !isTitleCase(this.content));
  }

  /** Could be a subtitle under the title: unpunctuated, not too long, no verb that makes it a sentence. */
  get subtitleLike(): boolean {
    const { content } = this;
    return (this.subtitle ??= !this.opener && isUnpunctuatedLine(content) && this.wordCount() <= 60 && !startsWithTaskVerb(content) && !hasSentenceVerb(content));
  }

  /** The reporting verb of a press statement ("The members of the Security Council underlined ..."). */
  get statementVerb(): Opener | undefined {
    const { content } = this;
    this.statement ??= { verb: !this.opener && startsWithStatementSubject(content) ? findReportingVerb(content) : undefined };
    return this.statement.verb;
  }
}

const traitsCache = new LruCache<string, ContentTraits>(50_000, 8 * 1024 * 1024, (key) => 2 * key.length + 200);

function traitsOf(content: string, cache: boolean): ContentTraits {
  const cached = cache ? traitsCache.get(content) : undefined;
  if (cached) return cached;
  if (!cache) return new ContentTraits(content);
  const key = detach(content);
  const traits = new ContentTraits(key);
  traitsCache.set(key, traits);
  return traits;
}

/** Forgets the cached paragraph traits (benchmarks clear caches between files). */
export function clearTraitsCache(): void {
  traitsCache.clear();
}

/** More paragraphs than any draft has; past this the rest of a document is not analysed (and the user is told). */
export const MAX_UNITS = 25_000;

/**
 * `cache: false` for a one-off lint (a CLI run over files): the shared chunk and paragraph caches serve an editor
 * that lints the same text again at every keystroke, and would only cost a hash and a copy of each paragraph here.
 */
export function buildModel(text: string, format: DocumentFormat, cache = true): DocumentModel {
  const masked = maskedText(text);
  const { frontMatter: fm, blocks } = segmentDocument(text, format, cache);
  const units: Unit[] = [];
  const stack: Unit[] = [];
  let section: Unit | undefined;
  // The last letter label seen decides whether "(i)" continues a lettered list or opens a roman one.
  let lastLetter: string | undefined;

  let truncatedAt: number | undefined;
  let sawParagraph = false;
  // Paragraphs that announce a list or stages without a colon: lead-ins if what they announce follows.
  const announcing = new Map<number, 'list' | 'stages'>();
  for (const block of blocks) {
    if (units.length >= MAX_UNITS) {
      truncatedAt = block.start;
      break;
    }
    if (block.kind === 'heading') {
      const unit = newUnit(units.length, 'heading', block.start, block.end, block.contentStart, 0);
      unit.headingDepth = block.headingDepth;
      units.push(unit);
      section = unit;
      stack.length = 0;
      continue;
    }
    if (block.kind !== 'paragraph') continue;
    for (const piece of splitBlock(block, text, masked)) {
      if (units.length >= MAX_UNITS) {
        truncatedAt = piece.start;
        break;
      }
      let start = piece.start;
      while (start < piece.end && isSpace(masked.charCodeAt(start))) start++;
      let end = piece.end;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      if (end <= start) continue;

      let marker: Marker | undefined;
      let contentStart = start;
      const listMarker = piece.first ? block.listMarker : undefined;
      if (listMarker) {
        const label = listMarker.text.replace(/[.)]$/, '');
        marker = { text: listMarker.text, start: listMarker.start, end: listMarker.end, style: listMarker.ordered ? 'decimal' : 'bullet', label };
        start = listMarker.start;
        contentStart = Math.max(block.contentStart, listMarker.end);
      } else {
        const rawMarker = readMarker(masked.slice(start, Math.min(end, start + 16)));
        if (rawMarker) {
          let style: MarkerStyle;
          if (rawMarker.style === 'letter-or-roman') style = lastLetter === previousLetter(rawMarker.label) ? 'alpha' : 'roman';
          else style = rawMarker.style;
          marker = { text: rawMarker.text, start, end: start + rawMarker.length, style, label: rawMarker.label };
          contentStart = start + rawMarker.length;
        }
      }
      while (contentStart < end && isSpace(masked.charCodeAt(contentStart))) contentStart++;
      const content = masked.slice(contentStart, end);
      const traits = traitsOf(content, cache);
      let opener = traits.opener;
      const leadIn = traits.leadIn;
      if (!leadIn && traits.announces) announcing.set(units.length, traits.announces);

      let kind: UnitKind;
      if (traits.formula) kind = 'formula';
      // A bullet is a list item, never a heading ("• All public disorders contained within three hours").
      // A long numbered line in sentence case is a task ("3. Train and equip the border police units"), unless its number
      // has several levels ("3.3.4.1 Strengthened capabilities of the forces"): a section number, as operative
      // paragraphs and list items are numbered with one.
      else if (marker?.style !== 'bullet' && traits.headingLike && !(marker && marker.style === 'decimal' && traits.longUntitled && !isSectionNumber(marker.label))) kind = 'heading';
      // A subtitle under the title ("Agreement on Security Arrangements between ... (extract)"): before any
      // paragraph, unpunctuated, and not a sentence that opens with a verb.
      else if (!sawParagraph && !marker && !opener && traits.subtitleLike) kind = 'heading';
      else if (marker?.style === 'preambular' || (opener?.kind === 'preambular' && marker?.style !== 'decimal')) kind = 'preamble';
      else if (marker?.style === 'decimal') kind = 'operative';
      else if (marker?.style === 'alpha' || marker?.style === 'roman') kind = 'subparagraph';
      else if (marker?.style === 'bullet') kind = 'item';
      else if (opener?.kind === 'operative') kind = 'operative';
      else if (opener?.kind === 'infinitive' && stack.some((u) => u.leadIn)) kind = 'subparagraph';
      else kind = 'paragraph';

      // Press and presidential statements: "The members of the Security Council underlined ...".
      if (!opener && (kind === 'paragraph' || kind === 'operative') && traits.statementVerb) opener = traits.statementVerb;

      let level: number;
      switch (kind) {
        case 'heading':
          level = 0;
          break;
        case 'subparagraph':
          if (marker?.style === 'alpha') level = 2;
          else if (marker?.style === 'roman') level = 3;
          else {
            const leadInUnit = [...stack].reverse().find((u) => u.leadIn);
            level = (leadInUnit?.level ?? 1) + 1;
          }
          break;
        case 'item':
          level = block.listDepth > 0 ? block.listDepth + 1 : (stack.length ? stack[stack.length - 1].level + 1 : 2);
          break;
        default:
          level = 1;
      }
      if (kind === 'operative' && block.listDepth > 1) level = block.listDepth;

      const unit = newUnit(units.length, kind, start, end, contentStart, level);
      unit.marker = marker;
      unit.opener = opener ? { ...opener, start: opener.start + contentStart, end: opener.end + contentStart } : undefined;
      unit.section = section?.id;
      unit.leadIn = leadIn;

      if (kind !== 'heading' && kind !== 'formula') sawParagraph = true;
      if (marker?.style === 'alpha') lastLetter = marker.label;
      else if (marker?.style === 'decimal') lastLetter = undefined;
      if (kind === 'heading') {
        unit.headingDepth = 7;
        section = unit;
        // "(b) Good offices" heads a group inside a lead-in's list: the lead-in stays open for what follows.
        if (!marker) stack.length = 0;
        units.push(unit);
        continue;
      }
      while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent && level > 1) unit.parent = parent.id;
      stack.push(unit);
      units.push(unit);
    }
  }

  headSections(units, masked);
  itemizeAnnouncedLines(units);

  // A list may go on under headings ("divided into five priorities", then "Priority 1: ..."); stages are
  // sub-paragraphs or items ("in phases" before a heading says how the work is paced).
  for (const [id, what] of announcing) {
    const next = units[id + 1];
    if (next && ((what === 'list' && next.kind === 'heading') || next.kind === 'item' || next.kind === 'subparagraph' || next.parent === id)) units[id].leadIn = true;
  }

  let title: Unit | undefined;
  const first = units[0];
  if (first && first.kind === 'heading' && (first.headingDepth === 1 || first.headingDepth === 7)) {
    first.kind = 'title';
    title = first;
  }

  const frontMatter = fm ? parseFrontMatter(text, fm.start, fm.end, fm.bodyStart, fm.bodyEnd) : undefined;
  if (!title && frontMatter && typeof frontMatter.data.title === 'string') {
    // A title in front matter: document findings anchor on its line.
    const at = text.indexOf(frontMatter.data.title, frontMatter.start);
    if (at >= 0 && at < frontMatter.end) {
      title = { id: -1, kind: 'title', start: at, end: at + frontMatter.data.title.length, contentStart: at, level: 0, leadIn: false };
    }
  }

  // The line index is built when first asked for: a lint itself needs no line numbers.
  let lines: LineIndex | undefined;
  return {
    text,
    masked,
    format,
    units,
    frontMatter,
    directives: parseDirectives(text),
    title,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
    truncatedAt,
  };
}

/** The end of the line that `offset` is on, before its line break. */
function lineEndFrom(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return end;
}

/** Where document-level findings go: the title, else the first line that has text. */
export function documentAnchor(model: DocumentModel): { start: number; end: number } {
  if (model.title) return { start: model.title.contentStart, end: model.title.end };
  const firstUnit = model.units[0];
  if (firstUnit) return { start: firstUnit.start, end: Math.min(lineEndFrom(model.text, firstUnit.start), firstUnit.end) };
  const firstText = model.text.search(/\S/);
  if (firstText < 0) return { start: 0, end: 0 };
  return { start: firstText, end: lineEndFrom(model.text, firstText) };
}
