/**
 * Quick fixes as plain text edits over the original text: a clause added to the paragraph itself, a new
 * operative paragraph or sub-paragraph (numbered and punctuated like its neighbours, later numbers and
 * references shifted), a benchmark paragraph for the whole draft, or a comment that silences a rule.
 */
import { operativeNumber, type AnalyzedUnit, type DocumentAnalysis } from './analysis';
import { COUNTED } from './facts';
import type { Unit } from './model/model';
import { phraseAlternation, phraseList } from './model/structure';
import structure from '../../data/structure.json';
import coreLexicon from '../../data/lexicon/core.json';
import type { LexiconSpec } from './lexicon/lexicon';
import type { Finding } from './rules/types';
import { bodyText, documentPlaceholders, fillPlaceholders, renderSnippet, snippetsFixing, type PlaceholderValues, type Snippet } from './snippets';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  kind: 'inline' | 'paragraph' | 'benchmarks' | 'disable';
  edits: TextEdit[];
  snippet?: string;
  /** The fix most likely wanted (the editor marks it preferred). */
  preferred?: boolean;
}

/** "Human rights ..." → "human rights ..." but "SSR benchmarks" stays. */
function lowerFirst(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'];

export function nextLabel(label: string, style: 'alpha' | 'roman'): string {
  if (style === 'roman') {
    const index = ROMAN.indexOf(label);
    return index >= 0 && index + 1 < ROMAN.length ? ROMAN[index + 1] : label + 'i';
  }
  if (label === 'z') return 'aa';
  if (/^([a-z])\1$/.test(label)) return String.fromCharCode(label.charCodeAt(0) + 1).repeat(2);
  return String.fromCharCode(label.charCodeAt(label.length - 1) + 1);
}

const TAIL_SYMBOL = /^[\p{So}\p{Sk}\uFE0F\u200D]$/u;
const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * Where what may follow a paragraph's closing punctuation without being part of its sentence starts: footnote marks
 * ("[^1]"), comments, the closing of emphasis or brackets, symbols ("📌"), with the blanks around them; -1 when
 * none follows. Read backwards from the end, one item at a time, so that it takes time in proportion to the tail
 * (a regular expression with a repeated group of repeated symbols backtracked exponentially on a paragraph with a
 * long run of U+FFFD in it).
 */
function closingTailStart(whole: string): number {
  let at = whole.length;
  while (at > 0 && isBlank(whole.charCodeAt(at - 1))) at--;
  let items = 0;
  for (;;) {
    const end = at;
    if (whole.endsWith('-->', end)) {
      const open = whole.lastIndexOf('<!--', end - 3);
      if (open >= 0) at = open;
    } else if (whole.charCodeAt(end - 1) === 93) {
      // "[^1]": a footnote mark of at most 40 characters on one line; else a closing bracket alone.
      const open = whole.lastIndexOf('[^', end - 1);
      const inner = open >= 0 ? whole.slice(open + 2, end - 1) : '';
      at = open >= 0 && inner.length >= 1 && inner.length <= 40 && !/[\]\r\n]/.test(inner) ? open : end - 1;
    } else if (end > 0 && '*_)'.includes(whole[end - 1])) {
      at = end - 1;
    } else if (end > 0) {
      const low = whole.charCodeAt(end - 1);
      const pair = end > 1 && low >= 0xdc00 && low <= 0xdfff && whole.charCodeAt(end - 2) >= 0xd800 && whole.charCodeAt(end - 2) <= 0xdbff;
      const symbol = whole.slice(pair ? end - 2 : end - 1, end);
      if (TAIL_SYMBOL.test(symbol)) at = end - symbol.length;
    }
    if (at === end) break;
    items++;
    while (at > 0 && isBlank(whole.charCodeAt(at - 1))) at--;
  }
  return items ? at : -1;
}

/** Where a clause goes at the end of a unit: before its closing ";", ",", "." or ": and", and what follows them. */
export function clauseInsertion(text: string, unit: Unit): { at: number; closing: string } {
  const whole = text.slice(unit.contentStart, unit.end);
  const tailStart = closingTailStart(whole);
  const body = tailStart >= 0 ? whole.slice(0, tailStart) : whole;
  const end = unit.contentStart + body.length;
  const conjunction = /([;,])(\s+(?:and|or))$/.exec(body);
  if (conjunction) return { at: unit.contentStart + conjunction.index, closing: conjunction[0] };
  const last = body[body.length - 1];
  if (last && '.;,:'.includes(last)) return { at: end - 1, closing: last };
  return { at: tailStart >= 0 ? end : unit.end, closing: '' };
}

/** Where the line holding offset `at` starts, as the model's line index counts lines (LF, CRLF or a lone CR). */
function lineStartOf(analysis: DocumentAnalysis, at: number): number {
  const lines = analysis.model.lines;
  return lines.lineStart(lines.positionAt(at).line);
}

/** The markup just before an opening verb on its line ("*Requests*" → "*", "**Decides**" → "**", "**_Notes_**" → "**_"). */
function markupBefore(analysis: DocumentAnalysis, at: number): string {
  const text = analysis.model.text;
  const lineStart = lineStartOf(analysis, at);
  return /([*_]{1,3})$/.exec(text.slice(Math.max(lineStart, at - 3), at))?.[1] ?? '';
}

const draftEmphasis = new WeakMap<DocumentAnalysis, string>();

/**
 * How the draft marks the opening verbs of its paragraphs: the markup most of its preambular and operative
 * paragraphs open with ("*Requests*" → "*", plain "Requests" → ""). A draft with no such paragraph gets "*" if it
 * uses emphasis at all or has no paragraph yet, and nothing if it is plain text.
 */
export function emphasisOfDraft(analysis: DocumentAnalysis): string {
  let emphasis = draftEmphasis.get(analysis);
  if (emphasis !== undefined) return emphasis;
  const text = analysis.model.text;
  const counts = new Map<string, number>();
  for (const u of analysis.units) {
    const opener = u.unit.opener;
    if (!opener || (u.unit.kind !== 'operative' && u.unit.kind !== 'preamble') || (opener.kind !== 'operative' && opener.kind !== 'preambular' && opener.kind !== 'reporting')) continue;
    const markup = markupBefore(analysis, opener.start);
    counts.set(markup, (counts.get(markup) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  // A Markdown draft with no paragraph yet (an empty file, a title alone, a prefix being typed) takes the library's own italics.
  const empty = !analysis.units.some((u) => u.unit.kind !== 'title' && u.unit.kind !== 'heading' && /\s/.test(text.slice(u.unit.contentStart, u.unit.end).trim()));
  emphasis = best ? best[0] : analysis.model.format !== 'plaintext' && (empty || /(?:^|[\s(])[*_]\p{L}[^*_\n]*[*_]/mu.test(text)) ? '*' : '';
  draftEmphasis.set(analysis, emphasis);
  return emphasis;
}

/** Blank line or single line break between this unit and the next one, to keep the draft's layout. */
function separatorAfter(text: string, unit: Unit): string {
  const after = text.slice(unit.end, unit.end + 8);
  return /^(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)/.test(after) || unit.end >= text.trimEnd().length ? '\n\n' : '\n';
}

export function lastDescendant(analysis: DocumentAnalysis, u: AnalyzedUnit): AnalyzedUnit {
  let last = u;
  for (let i = u.unit.id + 1; i < analysis.units.length; i++) {
    let ancestor = analysis.units[i].unit.parent;
    let inside = false;
    for (let guard = 0; ancestor !== undefined && guard < 20; guard++) {
      if (ancestor === u.unit.id) {
        inside = true;
        break;
      }
      ancestor = analysis.units[ancestor].unit.parent;
    }
    if (!inside) break;
    last = analysis.units[i];
  }
  return last;
}

// ---------------------------------------------------------------------------------------------------------
// Renumbering: paragraph markers and the draft's references to its own paragraphs.

/** Words that name another instrument after a paragraph reference ("of resolution ...", "of the report ..."). */
const OTHER_INSTRUMENTS: string[][] = phraseList(structure.otherInstruments);

/** "communiqué" → "communique": the instrument list is written without accents. */
function foldAccents(word: string): string {
  return /[^\x00-\x7f]/.test(word) ? word.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : word;
}

function isInstrumentWord(word: string, expected: string): boolean {
  return word === expected || word === `${expected}s` || (expected.endsWith('y') && word === `${expected.slice(0, -1)}ies`);
}

/** Whether the words, from their start, contain one of the instrument phrases. */
function namesInstrument(words: string[]): boolean {
  for (let i = 0; i < words.length; i++) {
    for (const phrase of OTHER_INSTRUMENTS) {
      if (i + phrase.length > words.length) continue;
      if (phrase.every((w, k) => (k === phrase.length - 1 ? isInstrumentWord(words[i + k], w) : words[i + k] === w))) return true;
    }
  }
  return false;
}

/**
 * Words that end the noun phrase after "of" ("paragraph 5 of the mandate to protect ...", "... of the tasks, which
 * the report lists"): the structure data's clause joiners, prepositions other than "of" and one-word modals.
 */
const PHRASE_BREAKS = new Set(
  [...structure.clauseJoiners, ...structure.openPrepositions.filter((p) => p !== 'of'), ...structure.modals.filter((m) => !m.includes(' '))].map((w) => w.toLowerCase()),
);

/**
 * Whether a paragraph reference that ends at `end` is followed by another instrument: "… thereof", and "… of"
 * anything but the draft itself ("of this resolution", "of the present Agreement"): a draft's references to its
 * own paragraphs need no "of" ("paragraph 5 above"), so "of resolution 2100 (2013)", "of S/2025/100", "of the
 * communiqué …", "of the Cooperation Framework" all cite another text, named in the instrument list or not. After
 * "in", only an instrument the list names counts ("in annex I", not "in order to").
 */
function followedByInstrument(text: string, end: number): boolean {
  const tail = text.slice(end, end + 240);
  if (/^\s*,?\s*thereof\b/i.test(tail)) return true;
  const lead = /^(?:\s*,\s*respectively\s*,|\s*,)?\s+(of|in)\s+/i.exec(tail);
  if (!lead) return false;
  const words: string[] = [];
  const token = /\s*([^\s,;:.!?()[\]]+|[,;:.!?()[\]])/y;
  token.lastIndex = lead[0].length;
  const cites = lead[1].toLowerCase() === 'of';
  const limit = cites ? 2 : 3;
  for (let m = token.exec(tail); m && words.length < limit; m = token.exec(tail)) {
    const raw = m[1];
    if (/^[,;:.!?()[\]]$/.test(raw)) break;
    const word = foldAccents(raw.toLowerCase().replace(/['’]s$/, ''));
    if (!words.length && (word === 'this' || word === 'these' || word === 'hereof')) return false;
    if (words.length === 1 && words[0] === 'the' && word === 'present') return false;
    if (cites && (words.length === 1 || word !== 'the')) return true;
    // "the Kiranga Peace and Reconciliation Agreement": "and" between names does not end the phrase.
    if (PHRASE_BREAKS.has(word) && !(word === 'and' && words.length && /^\s+\p{Lu}/u.test(tail.slice(token.lastIndex)))) break;
    words.push(word);
  }
  return namesInstrument(words);
}

/** "resolution 2100 (2013), paragraph 5", "the Kiranga Agreement, in particular paragraph 12". */
function precededByInstrument(text: string, start: number): boolean {
  const before = /([^,;:.\n]{1,80}),\s*(?:(?:and\s+)?(?:in particular|including|notably)\s+)?$/i.exec(text.slice(Math.max(0, start - 120), start));
  if (!before) return false;
  const tokens = before[1].trim().split(/\s+/).slice(-4);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const word = foldAccents(tokens[i].toLowerCase().replace(/['’]s$/, ''));
    const rest = tokens.slice(i + 1);
    if (OTHER_INSTRUMENTS.some((p) => p.length === 1 && isInstrumentWord(word, p[0])) && rest.every((t) => /\d|^\(?[IVXLC]+\)?$|^[A-Z]$/.test(t))) return true;
  }
  return false;
}

/** "paragraph", "paragraphs", "subparagraph", and "OP" as drafts that number "OP1.", "OP2." write it ("OP3", "OP 3"). */
const REFERENCE_HEAD = /\b(?:(?:sub-?)?paragraphs?\b|OPs?(?=[ \t\u00a0]?\d))/gi;
/** Blanks and at most single line breaks (LF, CRLF or a lone CR: a blank line ends the reference). */
const GAP = /(?:[ \t\u00a0]|(?:\r\n?|\n)(?![ \t]*(?:\r\n?|\n)))+/y;
const NUMBER_ITEM = /(\d{1,4})((?:\.\d{1,3})*)((?:[ \t\u00a0]*\([a-z]{1,5}\))*)(?![\p{L}\d])/uy;
const LABEL_ITEM = /\([a-z]{1,5}\)(?:[ \t\u00a0]*\([a-z]{1,5}\))*/y;
const SEPARATOR = /(?:[ \t\u00a0]*,(?:\s+(?:and|or)\b)?\s*|\s+(?:and|or|to|through)\s+|[ \t\u00a0]*[-–—][ \t\u00a0]*)/y;
interface NumberReference {
  /** Offset of the first component of the number ("5" in "5", "2" in "2.1"). */
  at: number;
  value: number;
}

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/**
 * The list after a reference head ("3, 4 and 6", "4 (a) and (b)"): its end, or -1 when no number or label follows.
 * Blanks come between the head and the list, except after "OP" ("OP3").
 */
function readList(text: string, from: number, numbers: NumberReference[], labels: LabelReference[], gapOptional = false): number {
  const gap = matchAt(GAP, text, from);
  if (!gap && !gapOptional) return -1;
  let pos = gap ? gap.index + gap[0].length : from;
  let first = true;
  let paragraph: number | undefined;
  // The first label of an item ("(c)" of "4 (c)", or of "(c) (ii)"): the sub-paragraph it names.
  const labelAt = (at: number, item: string) => {
    const open = item.indexOf('(');
    if (open >= 0) labels.push({ at: at + open + 1, paragraph, label: item.slice(open + 1, item.indexOf(')', open)) });
  };
  for (;;) {
    let itemStart = pos;
    if (!first) {
      const sep = matchAt(SEPARATOR, text, pos);
      if (!sep || sep[0].length === 0) break;
      itemStart = pos + sep[0].length;
    }
    const num = matchAt(NUMBER_ITEM, text, itemStart);
    if (num) {
      const end = itemStart + num[0].length;
      if (!first && COUNTED.test(text.slice(end, end + 30))) break;
      numbers.push({ at: itemStart, value: Number(num[1]) });
      paragraph = num[2] ? undefined : Number(num[1]);
      if (num[3]) labelAt(itemStart + num[1].length + num[2].length, num[3]);
      pos = end;
    } else {
      const label = matchAt(LABEL_ITEM, text, itemStart);
      if (!label) break;
      labelAt(itemStart, label[0]);
      pos = itemStart + label[0].length;
    }
    first = false;
  }
  return first ? -1 : pos;
}

/** Another reference joined by nothing but "," or "and"/"or": "paragraph 8 and paragraph 9 of resolution ...". */
const CHAINED_HEAD = /(?:[ \t\u00a0]*,)?(?:[ \t\u00a0]|\r\n?|\n)+(?:(?:and|or)(?:[ \t\u00a0]|\r\n?|\n)+)?(?:sub-?)?paragraphs?\b/iy;

/** A sub-paragraph named by a reference: "(c)" in "paragraph 4 (c)" (paragraph 4), or in "subparagraph (c)" (none given). */
export interface LabelReference {
  /** Offset of the label's first letter. */
  at: number;
  paragraph: number | undefined;
  label: string;
}

/** The last text ownReferences read, and what it found: every renumbering fix of one lint reads the same draft. */
let lastReferences: { text: string; references: { numbers: NumberReference[]; labels: LabelReference[] } } | undefined;

/**
 * The draft's references to its own paragraphs: "paragraph 5 above", "in paragraph 7", "paragraphs 3 to 5",
 * "paragraphs 3-5", "paragraphs 3, 4 and 6", "subparagraphs 4 (a) and (b)", "OP3", with their numbers and the
 * sub-paragraph labels they name. References followed or preceded by another instrument are left out with every
 * number in their list, and so are the references chained to them ("paragraph 8 and paragraph 9 of resolution
 * 2100 (2013)").
 */
function ownReferences(text: string): { numbers: NumberReference[]; labels: LabelReference[] } {
  if (lastReferences?.text === text) return lastReferences.references;
  const references = readOwnReferences(text);
  lastReferences = { text, references };
  return references;
}

function readOwnReferences(text: string): { numbers: NumberReference[]; labels: LabelReference[] } {
  const out: NumberReference[] = [];
  const outLabels: LabelReference[] = [];
  const head = new RegExp(REFERENCE_HEAD.source, 'gi');
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const numbers: NumberReference[] = [];
    const labels: LabelReference[] = [];
    const op = /^op/i.test(m[0]);
    // "OP3." opening its line is the paragraph's own marker (renumberFrom shifts it), not a reference.
    if (op && /(?:^|[\r\n])[ \t*_]*$/.test(text.slice(Math.max(0, m.index - 8), m.index)) && /^[ \t]?\d{1,4}[.)]/.test(text.slice(m.index + m[0].length, m.index + m[0].length + 7))) continue;
    let pos = readList(text, m.index + m[0].length, numbers, labels, op);
    if (pos < 0) continue;
    for (let link = matchAt(CHAINED_HEAD, text, pos); link; link = matchAt(CHAINED_HEAD, text, pos)) {
      const end = readList(text, pos + link[0].length, numbers, labels);
      if (end < 0) break;
      pos = end;
    }
    head.lastIndex = pos;
    if ((!numbers.length && !labels.length) || followedByInstrument(text, pos) || precededByInstrument(text, m.index)) continue;
    out.push(...numbers);
    outLabels.push(...labels);
  }
  return { numbers: out, labels: outLabels };
}

/** The numbers in the draft's references to its own paragraphs (ownReferences). */
export function ownParagraphReferences(text: string): NumberReference[] {
  return ownReferences(text).numbers;
}

/** The sub-paragraph labels the draft's references to its own paragraphs name (ownReferences). */
export function ownSubParagraphReferences(text: string): LabelReference[] {
  return ownReferences(text).labels;
}

/**
 * Edits that shift the paragraph numbers from `from` on by one, for a paragraph inserted at `after`: the markers of
 * the numbered paragraphs that follow (up to a restart of the numbering, as in an annex) and the draft's references
 * to them, within the stretch of text that numbering covers (an annex's "paragraph 3 above" is the annex's own).
 * Citations of other instruments keep their numbers.
 */
export function renumberFrom(analysis: DocumentAnalysis, from: number, after: number): TextEdit[] {
  const text = analysis.model.text;
  const edits: TextEdit[] = [];
  // Where the numbering that holds the new paragraph starts and ends: the top-level numbers restart at each end.
  let scopeStart = 0;
  let scopeEnd = text.length;
  let previous = 0;
  let last = -1;
  for (const u of analysis.units) {
    const marker = u.unit.marker;
    if (!marker || marker.style !== 'decimal') continue;
    const m = /^(\d+)((?:\.\d+)*)$/.exec(marker.label);
    if (!m) continue;
    const n = Number(m[1]);
    if (!m[2] && u.unit.parent === undefined) {
      if (n < previous) {
        if (u.unit.start >= after) {
          scopeEnd = u.unit.start;
          break;
        }
        scopeStart = u.unit.start;
      }
      previous = n;
    } else if (!m[2]) continue;
    if (u.unit.start < after || n < from) continue;
    const at = text.indexOf(marker.label, marker.start);
    if (at < 0 || at >= marker.end) continue;
    edits.push({ start: at, end: at + m[1].length, newText: String(n + 1) });
    last = Math.max(last, n);
  }
  for (const ref of ownParagraphReferences(text)) {
    if (ref.at >= scopeStart && ref.at < scopeEnd && ref.value >= from && ref.value <= last) edits.push({ start: ref.at, end: ref.at + String(ref.value).length, newText: String(ref.value + 1) });
  }
  return edits;
}

/**
 * How a draft names a set of its own paragraphs: "paragraph 4", "paragraphs 4 and 5", "paragraphs 3 to 6" (a run of
 * three or more), "paragraphs 3, 5 and 8 to 10".
 */
export function paragraphList(numbers: number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  if (!sorted.length) return '';
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]} to ${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  const joined = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${sorted.length === 1 ? 'paragraph' : 'paragraphs'} ${joined}`;
}

// ---------------------------------------------------------------------------------------------------------
// What every fix does last: the draft's line endings, and edits in the order the protocol wants.

/** The last text lineEnding read, and what it found: every fix of one lint asks about the same draft. */
let lastLineEnding: { text: string; eol: '\n' | '\r\n' | '\r' } | undefined;

/** The draft's most common line break: LF, CRLF or a lone CR (old Mac files, which the model reads as line breaks too). */
export function lineEnding(text: string): '\n' | '\r\n' | '\r' {
  if (lastLineEnding?.text === text) return lastLineEnding.eol;
  const eol = countLineEndings(text);
  lastLineEnding = { text, eol };
  return eol;
}

function countLineEndings(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) cr++;
  if (cr > lf && cr > crlf) return '\r';
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Edits as LSP clients accept them: line breaks as the draft writes them, sorted by position with inserts before
 * a replace at the same position (the protocol allows inserts followed by one replace, never a replace followed by
 * anything), and edits that would overlap merged into one.
 */
export function normalizeEdits(text: string, edits: TextEdit[]): TextEdit[] {
  const eol = lineEnding(text);
  const converted = edits.map((e, i) => ({ start: e.start, end: e.end, newText: e.newText.replace(/\r?\n/g, eol), i }));
  converted.sort((a, b) => a.start - b.start || (a.end > a.start ? 1 : 0) - (b.end > b.start ? 1 : 0) || a.i - b.i);
  const out: TextEdit[] = [];
  for (const e of converted) {
    const prev = out[out.length - 1];
    if (prev && (e.start < prev.end || (e.start === prev.start && prev.end > prev.start))) {
      // Overlapping, or a second replace at one position: one edit over both, in their order.
      out[out.length - 1] = { start: prev.start, end: Math.max(prev.end, e.end), newText: prev.newText + e.newText };
      continue;
    }
    out.push({ start: e.start, end: e.end, newText: e.newText });
  }
  return out;
}

function finish(analysis: DocumentAnalysis, fix: Fix): Fix {
  return { ...fix, edits: normalizeEdits(analysis.model.text, fix.edits) };
}

function termsOf(id: string): string[] {
  const concept = (coreLexicon as LexiconSpec).concepts.find((c) => c.id === id);
  return (concept?.terms ?? []).map((t) => (typeof t === 'string' ? t : (t.phrase ?? ''))).filter((t) => /^[\p{L}' ]+$/u.test(t));
}

const wordsPattern = (words: string[]) => new RegExp(`\\b(?:${words.map((w) => w.replace(/ /g, '\\s+')).join('|')})\\b`, 'giu');
let negationPatterns: { cue: RegExp; exception: RegExp } | undefined;

/** Whether the text has a negation cue of the lexicon ("not", "without"), other than its exceptions ("no later than"). */
function negates(text: string): boolean {
  negationPatterns ??= { cue: wordsPattern(termsOf('cue-negation')), exception: wordsPattern(termsOf('cue-negation-exception')) };
  const { cue, exception } = negationPatterns;
  cue.lastIndex = 0;
  return cue.test(text.replace(exception, ' '));
}

/**
 * Where the sentence that holds `offset` ends, when another sentence of the unit follows it ("... a crucial element
 * for stabilization. They called for ..."): the offset of its full stop. Not after an initial or a short title
 * ("Mr.", "St."), nor inside an abbreviation ("U.N.").
 */
function sentenceEndAfter(text: string, unit: Unit, offset: number, limit: number): number | undefined {
  // Before a capital, or before an item label or a footnote number that the reading also starts a sentence at ("... by
  // 2027. (2) Barracks", "... forces. [3] The text").
  const fullStop = /[.!?](?=["”’)]?\s+(?:["“(]?\p{Lu}|\((?:\p{N}{1,3}|\p{Ll}{1,4})\)\s|\[\p{N}{1,3}\]\s))/gu;
  // Searched in the unit's own text up to the limit (and what the lookahead needs), not on through the draft.
  const from = Math.max(offset, unit.contentStart);
  const stretch = text.slice(from, Math.min(text.length, limit + 8));
  for (let m = fullStop.exec(stretch); m && from + m.index < limit; m = fullStop.exec(stretch)) {
    const at = from + m.index;
    const word = /(\S+)$/.exec(text.slice(Math.max(unit.start, at - 16), at))?.[1] ?? '';
    if (/^\p{Lu}\p{Ll}{0,2}$/u.test(word) || /\.\p{L}+$/u.test(word)) continue;
    return at;
  }
  return undefined;
}

/** ", she affirmed", ", the Council said,": who speaks, set off by commas from what they say. */
let attributionPattern: RegExp | undefined;

/**
 * Where a clause goes in a sentence that names who speaks after the words the finding is about: before the
 * attribution ("..., she affirmed.", "... a Defence Force, the Council said, urging States ..."). Written after it, the
 * clause cuts a briefer's attribution off, and the account reads as the Council's request; or it joins the clauses
 * that follow the attribution (a request to the mission), which then ask for SSR support.
 */
function beforeAttribution(text: string, unit: Unit, at: number, near: number | undefined): number {
  // Only an attribution set off by punctuation ("the Council said," "she affirmed."), not "the Council urged members ...".
  attributionPattern ??= attributionExpression();
  // From the finding's words (or, without them, the last stretch before the insertion point) to that point.
  const from = near !== undefined && near >= unit.contentStart && near < at ? near : Math.max(unit.contentStart, at - 80);
  attributionPattern.lastIndex = 0;
  const m = attributionPattern.exec(text.slice(from, at));
  return m ? from + m.index : at;
}

function attributionExpression(): RegExp {
  const speakers = phraseAlternation([...structure.briefers, ...structure.statementSubjects]);
  const verbs = phraseAlternation([...structure.speechVerbs, ...structure.reporting]);
  return new RegExp(`,\\s*(?:${speakers})\\s+(?:${verbs})(?=\\s*(?:[,;.]|$))`, 'gi');
}

/**
 * The qualifier added to the paragraph: before its closing ";", "," or "." — or, when the finding sits in an earlier
 * sentence of the paragraph, at the end of that sentence, where the rule looks for it.
 */
export function inlineFix(analysis: DocumentAnalysis, u: AnalyzedUnit, snippet: Snippet, values: PlaceholderValues, near?: number): Fix | undefined {
  if (!snippet.inline) return undefined;
  const text = analysis.model.text;
  let { at } = clauseInsertion(text, u.unit);
  if (near !== undefined && near >= u.unit.start && near < at) {
    // Not into a sentence that goes on under a negation ("..., this is not an easy task"): the clause would be negated.
    const end = sentenceEndAfter(text, u.unit, near, at);
    if (end !== undefined && !negates(text.slice(near, end))) at = end;
  }
  at = beforeAttribution(text, u.unit, at, near);
  const clause = renderSnippet({ ...snippet, kind: 'operative', body: snippet.inline }, 'paragraph', values);
  return finish(analysis, { title: `Add to this paragraph: ${lowerFirst(snippet.title)}`, kind: 'inline', edits: [{ start: at, end: at, newText: `, ${clause}` }], snippet: snippet.id });
}

/**
 * A task clause as a paragraph in the draft's own voice: an operative request in a Council text ("*Requests* the
 * Mission to ..."), an activity in a strategy ("Support ..."), a commitment of the Parties in an agreement.
 */
export function taskParagraph(analysis: DocumentAnalysis, snippet: Snippet, values: PlaceholderValues): string {
  if (analysis.docType === 'strategy') return renderSnippet(snippet, 'activity', values);
  if (analysis.docType === 'peace-agreement') return `The Parties shall ${fillPlaceholders(bodyText(snippet), values)}`;
  return renderSnippet(snippet, 'operative', values, emphasisOfDraft(analysis));
}

/** Whether the units end with ";" or "," as Council paragraphs and lists do, rather than with full stops. */
export function listPunctuation(text: string, units: AnalyzedUnit[]): boolean {
  return units.some((x) => {
    const { closing } = clauseInsertion(text, x.unit);
    return closing !== '.' && closing !== '';
  });
}

/**
 * The punctuation of a new top-level paragraph or bullet item inserted after `u` (whose last sub-paragraph is
 * `lastEnd`): Council paragraphs end with ";" and the last one with "." (which then moves to the new paragraph);
 * paragraphs written as sentences end with ".".
 */
function paragraphEnding(analysis: DocumentAnalysis, u: AnalyzedUnit, lastEnd: AnalyzedUnit, edits: TextEdit[]): string {
  const text = analysis.model.text;
  // The top-level paragraphs marked as `u` is marked: numbered ones, or bullet items.
  const style = u.unit.marker?.style === 'bullet' ? 'bullet' : 'decimal';
  const peers = analysis.units.filter((x) => x.unit.marker?.style === style && x.unit.parent === undefined);
  const isLast = !peers.some((x) => x.unit.start > u.unit.start);
  const { at, closing } = clauseInsertion(text, lastEnd.unit);
  if (closing === '.') {
    const others = peers.filter((x) => x !== u);
    const council = listPunctuation(text, others) || (analysis.docType === 'mandate' && !others.length);
    if (isLast && council) edits.push({ start: at, end: at + 1, newText: ';' });
    return isLast || !council ? '.' : ';';
  }
  return closing === '' && analysis.docType !== 'mandate' ? '.' : ';';
}

export function newParagraphFix(analysis: DocumentAnalysis, u: AnalyzedUnit, snippet: Snippet, values: PlaceholderValues): Fix | undefined {
  if (snippet.kind !== 'task') return undefined;
  const text = analysis.model.text;
  const marker = u.unit.marker;
  const number = operativeNumber(analysis.units, u);
  if (marker && (marker.style === 'alpha' || marker.style === 'roman') && u.unit.parent !== undefined) {
    const style = marker.style;
    const siblings = analysis.units.filter((s) => s.unit.parent === u.unit.parent && s.unit.marker?.style === style);
    const last = siblings[siblings.length - 1] ?? u;
    const lastEnd = lastDescendant(analysis, last);
    const label = nextLabel(last.unit.marker!.label, style);
    const ref = number !== undefined ? `paragraph ${number} (${marker.label})` : `subparagraph (${marker.label})`;
    const body = renderSnippet(snippet, 'subparagraph', { ...values, ref });
    const { at, closing } = clauseInsertion(text, last.unit);
    const edits: TextEdit[] = [];
    let ending = ';';
    if (closing === '.') {
      // A list closed by its last item ("(c) ...; (d) ... ."), unless every item is a sentence of its own.
      if (siblings.length === 1 || listPunctuation(text, siblings.slice(0, -1))) edits.push({ start: at, end: at + 1, newText: ';' });
      ending = '.';
    }
    const indent = /[ \t]*$/.exec(text.slice(lineStartOf(analysis, last.unit.start), last.unit.start))?.[0] ?? '';
    const newMarker = last.unit.marker!.text.replace(last.unit.marker!.label, label);
    edits.push({ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `${separatorAfter(text, lastEnd.unit)}${indent}${newMarker} ${body}${ending}` });
    return finish(analysis, { title: `Insert sub-paragraph (${label}): ${lowerFirst(snippet.title)}`, kind: 'paragraph', edits, snippet: snippet.id });
  }
  if (marker?.style === 'decimal' && number !== undefined && u.unit.parent === undefined) {
    const lastEnd = lastDescendant(analysis, u);
    const body = taskParagraph(analysis, snippet, { ...values, ref: `paragraph ${number}` });
    const edits = renumberFrom(analysis, number + 1, lastEnd.unit.end);
    const ending = paragraphEnding(analysis, u, lastEnd, edits);
    const newMarker = marker.text.replace(marker.label, String(number + 1));
    edits.push({ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `${separatorAfter(text, lastEnd.unit)}${newMarker} ${body}${ending}` });
    return finish(analysis, { title: `Insert paragraph ${number + 1}: ${lowerFirst(snippet.title)}`, kind: 'paragraph', edits, snippet: snippet.id });
  }
  return undefined;
}

/** A benchmark paragraph for the whole draft, placed before "remains seized" or after the last operative paragraph. */
export function benchmarksFix(analysis: DocumentAnalysis, snippet: Snippet, values: PlaceholderValues): Fix | undefined {
  if (snippet.kind !== 'block') return undefined;
  const text = analysis.model.text;
  const operatives = analysis.units.filter((u) => u.unit.marker?.style === 'decimal' && u.unit.parent === undefined);
  const asks = analysis.units.filter((u) => u.ssr && u.ask).map((u) => operativeNumber(analysis.units, u)).filter((n): n is number => n !== undefined);
  const ref = asks.length ? paragraphList(asks) : 'this resolution';
  const lines = renderSnippet(snippet, 'paragraph', { ...values, ref }, emphasisOfDraft(analysis)).split('\n');
  const closingOp = operatives.length && /remain(?:s)? (?:actively )?seized/i.test(text.slice(operatives[operatives.length - 1].offset, operatives[operatives.length - 1].unit.end)) ? operatives[operatives.length - 1] : undefined;
  const title = `Insert ${lowerFirst(snippet.title)}`;
  if (closingOp) {
    const number = Number(closingOp.unit.marker!.label);
    const newMarker = closingOp.unit.marker!.text.replace(closingOp.unit.marker!.label, String(number));
    const sep = separatorAfter(text, analysis.units[Math.max(0, closingOp.unit.id - 1)].unit);
    const block = `${newMarker} ${lines.join('\n')};${sep}`;
    const edits = renumberFrom(analysis, number, closingOp.unit.start);
    edits.push({ start: closingOp.unit.start, end: closingOp.unit.start, newText: block });
    return finish(analysis, { title, kind: 'benchmarks', edits, snippet: snippet.id });
  }
  if (operatives.length) {
    const lastOp = operatives[operatives.length - 1];
    const lastEnd = lastDescendant(analysis, lastOp);
    const number = Number(lastOp.unit.marker!.label) + 1;
    const newMarker = lastOp.unit.marker!.text.replace(lastOp.unit.marker!.label, String(number));
    const edits: TextEdit[] = [];
    const { at, closing } = clauseInsertion(text, lastEnd.unit);
    if (closing === '.') edits.push({ start: at, end: at + 1, newText: ';' });
    edits.push({ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `${separatorAfter(text, lastEnd.unit)}${newMarker} ${lines.join('\n')}.` });
    return finish(analysis, { title, kind: 'benchmarks', edits, snippet: snippet.id });
  }
  const end = text.trimEnd().length;
  return finish(analysis, { title, kind: 'benchmarks', edits: [{ start: end, end, newText: `\n\n${lines.join('\n')}.\n` }], snippet: snippet.id });
}

export function disableFix(analysis: DocumentAnalysis, finding: Finding): Fix {
  const text = analysis.model.text;
  if (finding.level === 'document' || finding.unitId === undefined) {
    // After the front matter's closing line (and its line break, whatever it is), or at the top.
    const fm = analysis.model.frontMatter;
    const lineBreak = fm ? /^(?:\r\n?|\n)/.exec(text.slice(fm.end))?.[0] ?? '' : '';
    const at = fm ? fm.end + lineBreak.length : 0;
    const line = fm ? (lineBreak ? '\n' : '\n\n') : '';
    return finish(analysis, { title: `Disable ${finding.ruleId} for this file`, kind: 'disable', edits: [{ start: at, end: at, newText: `${line}<!-- mandate-lint-disable-file ${finding.ruleId} -->\n` }] });
  }
  const unit = analysis.units[finding.unitId].unit;
  const lineStart = lineStartOf(analysis, unit.start);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, unit.start))?.[0] ?? '';
  return finish(analysis, {
    title: `Disable ${finding.ruleId} for this paragraph`,
    kind: 'disable',
    edits: [{ start: lineStart, end: lineStart, newText: `${indent}<!-- mandate-lint-disable-next-paragraph ${finding.ruleId} -->\n` }],
  });
}

/**
 * A clause for a whole-document finding, placed where it belongs: a preambular paragraph after the preamble, a
 * task as a new paragraph after the unit the rule suggests (numbered like it), or a strategy activity.
 */
export function documentClauseFix(analysis: DocumentAnalysis, snippet: Snippet, afterUnit: number | undefined, values: PlaceholderValues): Fix | undefined {
  const text = analysis.model.text;
  const title = `Insert ${lowerFirst(snippet.title)}`;
  if (snippet.kind === 'preambular') {
    const preamble = analysis.units.filter((u) => u.unit.kind === 'preamble');
    const last = preamble[preamble.length - 1];
    if (!last) return undefined;
    const { closing } = clauseInsertion(text, last.unit);
    const body = renderSnippet(snippet, 'paragraph', values, emphasisOfDraft(analysis));
    const ending = closing === ',' || closing === ';' ? closing : ',';
    return finish(analysis, { title, kind: 'paragraph', edits: [{ start: last.unit.end, end: last.unit.end, newText: `${separatorAfter(text, last.unit)}${body}${ending}` }], snippet: snippet.id });
  }
  if (afterUnit === undefined || !analysis.units[afterUnit]) return undefined;
  const u = analysis.units[afterUnit];
  if (snippet.kind === 'operative') {
    // A whole paragraph in the draft's own voice ("The Parties shall ..."), after the suggested one: after the
    // paragraph it belongs to and its sub-paragraphs, never inside their list.
    let top = u;
    for (let guard = 0; top.unit.parent !== undefined && guard < 20; guard++) top = analysis.units[top.unit.parent];
    const lastEnd = lastDescendant(analysis, top);
    const marker = top.unit.marker?.style === 'decimal' && /^\d+$/.test(top.unit.marker.label) ? top.unit.marker : undefined;
    // Between bullet items the clause is an item too: a plain paragraph there would take the items after it as
    // its own sub-paragraphs.
    const bullet = top.unit.marker?.style === 'bullet' ? top.unit.marker : undefined;
    const number = marker ? Number(marker.label) + 1 : undefined;
    const edits: TextEdit[] = number !== undefined ? renumberFrom(analysis, number, lastEnd.unit.end) : [];
    const prefix = marker && number !== undefined ? `${marker.text.replace(marker.label, String(number))} ` : bullet ? `${bullet.text} ` : '';
    const ending = marker || bullet ? paragraphEnding(analysis, top, lastEnd, edits) : '.';
    edits.push({ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `${separatorAfter(text, lastEnd.unit)}${prefix}${renderSnippet(snippet, 'paragraph', values, emphasisOfDraft(analysis))}${ending}` });
    return finish(analysis, { title, kind: 'paragraph', edits, snippet: snippet.id });
  }
  if (snippet.kind !== 'task') return undefined;
  const numbered = newParagraphFix(analysis, u, snippet, values);
  if (numbered) return numbered;
  if (u.unit.marker) return undefined;
  // An unnumbered strategy paragraph: the clause follows as an activity of its own.
  const lastEnd = lastDescendant(analysis, u);
  const body = renderSnippet(snippet, 'activity', values);
  return finish(analysis, { title, kind: 'paragraph', edits: [{ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `\n\n${body}.` }], snippet: snippet.id });
}

/** Whether the clause of the unit at `at` (an offset in its text) asks the mission, the UN or partners for something. */
function asksOthers(u: AnalyzedUnit, at: number): boolean {
  const clauses = u.facts.reading.clauses;
  const clause = clauses.find((c) => c.start <= at && at <= c.end) ?? clauses[clauses.length - 1];
  return !!clause && clause.addressees.some((a) => a === 'mission' || a === 'un' || a === 'partners');
}

/** The clause names the paragraph it conditions ("under ${ref}"). */
function namesParagraph(snippet: Snippet): boolean {
  return bodyText(snippet).includes('${ref}');
}

const draftAsks = new WeakMap<DocumentAnalysis, boolean>();

/** Whether any SSR paragraph of the draft asks for support: read once per analysis, not once per finding. */
function asksForSupport(analysis: DocumentAnalysis): boolean {
  let asks = draftAsks.get(analysis);
  if (asks === undefined) draftAsks.set(analysis, (asks = analysis.units.some((x) => x.ssr && x.ask)));
  return asks;
}

/**
 * Every fix the editor can offer for a finding, most useful first (the first is preferred). `inlineOnly`: only the
 * clauses added to the paragraph itself (what "fix all" applies), without the new paragraphs, whose renumbering
 * edits every paragraph after them.
 */
export function fixesFor(analysis: DocumentAnalysis, finding: Finding, library: Snippet[], inlineOnly = false): Fix[] {
  const values = documentPlaceholders(analysis);
  const candidates = snippetsFixing(library, finding.ruleId, analysis.docType);
  // A team's own clauses first (they know their mission's wording), then the rule's own suggestion (for
  // example vetting for an integration finding), then library order.
  const suggested = finding.fixes.map((f) => f.snippet);
  const team = (s: Snippet) => ((s as { source?: string }).source ?? 'built-in') !== 'built-in';
  // The rule's suggestions in its own order (its first is the clause that answers this finding best).
  const rank = (s: Snippet) => {
    const at = suggested.indexOf(s.id);
    return at < 0 ? suggested.length : at;
  };
  candidates.sort((a, b) => (team(a) ? 0 : 1) - (team(b) ? 0 : 1) || rank(a) - rank(b));
  const fixes: Fix[] = [];
  if (finding.level === 'document') {
    const afterUnit = finding.fixes[0]?.afterUnit;
    // A strategy that asks nobody for SSR support (a donor's white paper describing its help): an activity of its own
    // ("Support the host authorities in paying ...") would be its first request and raise the findings due on
    // requests (benchmarks, due diligence); the clause goes into the paragraph the rule names instead.
    const inside = analysis.docType === 'strategy' && afterUnit !== undefined && !asksForSupport(analysis) ? analysis.units[afterUnit] : undefined;
    for (const snippet of candidates) {
      const fix = benchmarksFix(analysis, snippet, values) ?? (inside && snippet.kind === 'task' ? inlineFix(analysis, inside, snippet, values) : undefined) ?? documentClauseFix(analysis, snippet, afterUnit, values);
      if (fix && fixes.length < 3) fixes.push(fix);
    }
  } else if (finding.unitId !== undefined) {
    const u = analysis.units[finding.unitId];
    // In a draft that asks for no SSR support (a statement, a national text), a clause other than the rule's own,
    // added to words that ask the mission or partners for something else ("encouraged the regional force to keep
    // protecting State institutions"), makes them a request for SSR support and raises the findings on requests
    // for the whole draft (benchmarks, costs, due diligence): there only the rule's own clause is offered.
    const asksNothing = !u.ask && !asksForSupport(analysis);
    for (const snippet of candidates.slice(0, 2)) {
      const inline = inlineFix(analysis, u, snippet, values, finding.start);
      if (!inline) continue;
      if (asksNothing && suggested.length && !suggested.includes(snippet.id) && asksOthers(u, inline.edits[0].start - u.offset)) continue;
      fixes.push(inline);
    }
    if (inlineOnly) return fixes;
    // A new paragraph answers this one only by naming it ("the support under paragraph 3 ..."), and only for rules
    // that read a paragraph together with those that name it: the ones that suggest a clause after the unit.
    // References are read by paragraph number (1 to 999), so the paragraph must have one.
    const number = operativeNumber(analysis.units, u);
    const nameable = number !== undefined && number < 1000;
    // The clause is the team's or the one the rule suggests: another library clause would answer a different gap.
    // In a Council text that asks nobody for SSR support, the new paragraph ("Requests the Mission to support ...")
    // would be its first such request, and would raise the findings due on requests (benchmarks, costs, due
    // diligence): the clause goes inside the paragraph instead.
    const firstRequest = asksNothing && analysis.docType === 'mandate';
    const first = finding.fixes.length && nameable && !firstRequest ? candidates.find((s) => s.kind === 'task' && namesParagraph(s) && (team(s) || suggested.includes(s.id))) : undefined;
    const paragraph = first && newParagraphFix(analysis, u, first, values);
    if (paragraph) fixes.push(paragraph);
    // A principle (inclusive ownership) belongs in the preamble, whichever paragraph raised it, when the rule
    // judges the whole draft for it (it suggests the principle); a preambular paragraph does not answer what is
    // missing from one operative paragraph.
    const principle = candidates.find((s) => s.kind === 'preambular' && suggested.includes(s.id));
    const preambular = principle && documentClauseFix(analysis, principle, u.unit.id, values);
    if (preambular) fixes.push(preambular);
  }
  if (fixes.length) fixes[0].preferred = true;
  fixes.push(disableFix(analysis, finding));
  return fixes;
}

/** Applies non-overlapping edits to a text (for tests and the CLI). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
