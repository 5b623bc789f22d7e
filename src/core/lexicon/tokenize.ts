/**
 * Word tokens with normalised forms and inflection candidates. Matching on tokens (not on regular expressions
 * over the text) keeps lexicon matching linear and immune to catastrophic backtracking.
 */
import structure from '../../../data/structure.json';
import { detach } from '../text';

/**
 * A word of a paragraph. Its forms live on the word's shared record (tokens are the most numerous objects a
 * lint makes: four fields each, not six).
 */
export class Token {
  constructor(
    readonly start: number,
    readonly end: number,
    /** Punctuation between the previous token and this one: 0 none, 1 comma, 2 clause break (; : . ! ? brackets). */
    readonly breakBefore: 0 | 1 | 2,
    /** The word's shared record. */
    readonly word: Word,
  ) {}

  /** The token as written. */
  get raw(): string {
    return this.word.raw;
  }

  /** Lower-cased, apostrophes unified, British/UN spelling. */
  get norm(): string {
    return this.word.norm;
  }
}

/** Words, and numbers with their separators as one token ("3,000", "1.1", "2025/26" stays two). */
export const TOKEN_RE = /\p{N}+(?:[.,]\p{N}+)+(?![\p{L}])|[\p{L}\p{N}]+(?:['’&][\p{L}\p{N}]+)*(?:['’](?=[^\p{L}\p{N}]|$))?/gu;

const SPELLING: Record<string, string> = {
  defense: 'defence',
  defenses: 'defences',
  program: 'programme',
  programs: 'programmes',
  center: 'centre',
  centers: 'centres',
  labor: 'labour',
  counselor: 'counsellor',
  advisor: 'adviser',
  advisors: 'advisers',
  judgement: 'judgment',
  fulfil: 'fulfill',
  enrol: 'enroll',
  favor: 'favour',
  behavior: 'behaviour',
  behaviors: 'behaviours',
};

const SPELLING_MAP = new Map(Object.entries(SPELLING));
const ISE = /is(?:ation(s?)|(e|es|ed|ing))$/;

/** Normalises one word the same way for lexicon phrases and text. */
export function normalizeWord(word: string): string {
  // No cache: lower-casing a short word is cheaper than hashing it for a lookup.
  let w = word.toLowerCase();
  if (w.includes('’')) w = w.replace(/’/g, "'");
  const spelled = SPELLING_MAP.get(w);
  if (spelled) return spelled;
  // -ise/-isation spellings are folded onto -ize, as the UN writes them.
  // (The ending is at most "isations": no need to run the expression on words without "is" near their end.)
  const ise = w.length > 3 && w.lastIndexOf('is') >= w.length - 8 ? ISE.exec(w) : null;
  if (ise) w = w.slice(0, ise.index) + (ise[1] !== undefined ? `ization${ise[1]}` : `iz${ise[2]}`);
  return w;
}

const lemmaCache = new Map<string, string[]>();
/** Words that only look inflected ("news" is not the plural of "new"): matched as written. */
const NOT_INFLECTED = new Set(structure.notInflected);

/** The word itself and the base forms it may be an inflection of (trained → train, equipping → equip). */
export function lemmaCandidates(norm: string): string[] {
  const cached = lemmaCache.get(norm);
  if (cached) return cached;
  if (NOT_INFLECTED.has(norm)) {
    const alone = [norm];
    lemmaCache.set(detach(norm), alone);
    return alone;
  }
  const out = new Set<string>([norm]);
  let w = norm;
  if (w.endsWith("'s")) {
    w = w.slice(0, -2);
    out.add(w);
  } else if (w.endsWith("s'")) {
    w = w.slice(0, -1);
    out.add(w);
  }
  const len = w.length;
  if (len > 4 && w.endsWith('ies')) out.add(w.slice(0, -3) + 'y');
  if (len > 3 && w.endsWith('es')) {
    out.add(w.slice(0, -2));
    out.add(w.slice(0, -1));
  } else if (len > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) out.add(w.slice(0, -1));
  if (len > 4 && w.endsWith('ied')) out.add(w.slice(0, -3) + 'y');
  else if (len > 4 && w.endsWith('ed')) {
    const stem = w.slice(0, -2);
    out.add(stem);
    out.add(w.slice(0, -1));
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) out.add(stem.slice(0, -1));
  }
  if (len > 5 && w.endsWith('ing')) {
    const stem = w.slice(0, -3);
    out.add(stem);
    out.add(stem + 'e');
    if (stem.length > 2 && stem[stem.length - 1] === stem[stem.length - 2]) out.add(stem.slice(0, -1));
  }
  const result = [...out];
  if (lemmaCache.size > 200000) lemmaCache.clear();
  lemmaCache.set(detach(norm), result);
  return result;
}

/**
 * A distinct word as written, shared by every token of it: its normal form, and the one lexicon lookup made for
 * it (a compiled lexicon keeps what matching needs of the word here, so that it looks the word up once, not once
 * per token).
 */
export interface Word {
  raw: string;
  norm: string;
  /** The lexicon whose lookup `entry` holds. */
  entryOf: object | undefined;
  entry: unknown;
  /** The clause reader's word classes (a bit set), worked out the first time it reads the word; -1 until then. */
  classes: number;
}

// Each distinct word as written: a paragraph repeats its words, and a corpus its vocabulary. The normal forms
// are shared strings, so the lookups made with them later (lexicon, phrase indexes) hash each one once. An open
// hash table keyed by the word's characters where they stand in the text: looking a word up cuts no string out
// of the paragraph (a lint looks up a word for every token: 1.4 million on the benchmark corpus). The table
// starts small and doubles when half full, so that a vocabulary of a few thousand words stays in the processor's
// cache (at its largest size a lookup cost three cache misses); bounded by the vocabulary read, and emptied
// rather than grown past its largest size.
const FIRST_SLOTS = 1 << 14;
const MAX_SLOTS = 1 << 18;
let wordSlots: Array<Word | undefined> = new Array(FIRST_SLOTS).fill(undefined);
let wordHashes = new Int32Array(FIRST_SLOTS);
let wordSlotMask = FIRST_SLOTS - 1;
let wordCount = 0;

/**
 * Forgets the words read so far, and with them the lookups of lexicons compiled before: called when a lexicon is
 * compiled, so that words never hold on to the trie of a lexicon that a configuration has since replaced.
 */
export function clearWordCache(): void {
  wordSlots = new Array(FIRST_SLOTS).fill(undefined);
  wordHashes = new Int32Array(FIRST_SLOTS);
  wordSlotMask = FIRST_SLOTS - 1;
  wordCount = 0;
}

/** Doubles the table, or empties it at its largest size; half full at most, so that probes stay short. */
function makeRoomForWord(): void {
  const size = wordSlots.length;
  if (size >= MAX_SLOTS) {
    clearWordCache();
    return;
  }
  const oldSlots = wordSlots;
  const oldHashes = wordHashes;
  wordSlots = new Array(size * 2).fill(undefined);
  wordHashes = new Int32Array(size * 2);
  wordSlotMask = size * 2 - 1;
  for (let i = 0; i < size; i++) {
    const word = oldSlots[i];
    if (word === undefined) continue;
    let slot = oldHashes[i] & wordSlotMask;
    while (wordSlots[slot] !== undefined) slot = (slot + 1) & wordSlotMask;
    wordSlots[slot] = word;
    wordHashes[slot] = oldHashes[i];
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The shared record of the word text[start, end). */
function wordAt(text: string, start: number, end: number): Word {
  // FNV-1a over the UTF-16 code units.
  let hash = FNV_OFFSET;
  for (let p = start; p < end; p++) hash = Math.imul(hash ^ text.charCodeAt(p), FNV_PRIME);
  return wordWithHash(text, start, end, hash);
}

/** The shared record of the word text[start, end), whose FNV-1a hash the caller has computed. */
function wordWithHash(text: string, start: number, end: number, hash: number): Word {
  // Finished with a multiply so that the low bits (the slot) mix well.
  hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  hash ^= hash >>> 13;
  const length = end - start;
  let slot = hash & wordSlotMask;
  for (let word = wordSlots[slot]; word !== undefined; word = wordSlots[slot]) {
    if (wordHashes[slot] === hash && word.raw.length === length && sameChars(word.raw, text, start)) return word;
    slot = (slot + 1) & wordSlotMask;
  }
  if (wordCount >= wordSlots.length >> 1) {
    makeRoomForWord();
    slot = hash & wordSlotMask;
    while (wordSlots[slot] !== undefined) slot = (slot + 1) & wordSlotMask;
  }
  const raw = detach(text.slice(start, end));
  const word: Word = { raw, norm: detach(normalizeWord(raw)), entryOf: undefined, entry: undefined, classes: -1 };
  wordSlots[slot] = word;
  wordHashes[slot] = hash;
  wordCount++;
  return word;
}

function sameChars(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** The [start, end) of each word, as TOKEN_RE finds them. */
export function tokenSpans(text: string): number[] {
  const spans: number[] = [];
  for (let end = nextWord(text, 0); end >= 0; end = nextWord(text, end)) spans.push(wordStart, end);
  return spans;
}

/** Where the word found last by nextWord starts (a module variable, so that finding a word allocates nothing). */
let wordStart = 0;

/** The end of the next word at or after `from`, its start in `wordStart`; -1 when there is none. */
function nextWord(text: string, from: number): number {
  const n = text.length;
  for (let p = from; p < n; ) {
    const c = text.charCodeAt(p);
    if (c < 0x80 && !isAsciiAlnum(c)) {
      p++;
      continue;
    }
    // Outside ASCII the expression decides what is a letter; inside, the scanner, unless a character outside
    // ASCII takes part in the decision.
    const end = c < 0x80 ? asciiWordEnd(text, p) : -1;
    if (end >= 0) {
      wordStart = p;
      return end;
    }
    TOKEN_RE.lastIndex = p;
    const match = TOKEN_RE.exec(text);
    if (!match) return -1;
    wordStart = match.index;
    return match.index + match[0].length;
  }
  return -1;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The end of the word that starts at `start` (an ASCII letter or digit), read as TOKEN_RE reads it, or -1 when a
 * character outside ASCII takes part in the decision (then the expression decides).
 */
function asciiWordEnd(text: string, start: number): number {
  const n = text.length;
  let p = start;
  // A number with separators ("3,000", "1.1"): the longest such run not followed by a letter.
  if (isAsciiDigit(text.charCodeAt(p))) {
    while (p < n && isAsciiDigit(text.charCodeAt(p))) p++;
    if (p < n && text.charCodeAt(p) >= 0x80) return -1;
    let groups = 0;
    let lastDigits = 0;
    let groupStart = p;
    while (p + 1 < n) {
      const sep = text.charCodeAt(p);
      if (sep !== 46 && sep !== 44) break;
      const digit = text.charCodeAt(p + 1);
      if (digit >= 0x80) return -1;
      if (!isAsciiDigit(digit)) break;
      groupStart = p;
      let q = p + 1;
      while (q < n && isAsciiDigit(text.charCodeAt(q))) q++;
      if (q < n && text.charCodeAt(q) >= 0x80) return -1;
      groups++;
      lastDigits = q - p - 1;
      p = q;
    }
    if (groups > 0) {
      const after = p < n ? text.charCodeAt(p) : -1;
      if (after >= 0x80) return -1;
      const letterAfter = (after >= 97 && after <= 122) || (after >= 65 && after <= 90);
      if (!letterAfter) return p;
      // Followed by a letter: one digit shorter, or the last group dropped, when a group remains.
      if (lastDigits >= 2) return p - 1;
      if (groups >= 2) return groupStart;
    }
    p = start;
  }
  // A word: letters and digits, joined by apostrophes or "&", with a possessive apostrophe at its end.
  while (p < n && isAsciiAlnum(text.charCodeAt(p))) p++;
  for (;;) {
    if (p >= n) return p;
    const c = text.charCodeAt(p);
    if (c >= 0x80 && c !== 0x2019) return -1;
    if (c !== 39 && c !== 0x2019 && c !== 38) return p;
    const next = p + 1 < n ? text.charCodeAt(p + 1) : -1;
    if (next >= 0x80) return -1;
    if (next >= 0 && isAsciiAlnum(next)) {
      p += 2;
      while (p < n && isAsciiAlnum(text.charCodeAt(p))) p++;
      continue;
    }
    // Not followed by a letter or digit: a closing apostrophe belongs to the word, "&" does not.
    return c === 38 ? p : p + 1;
  }
}

/**
 * What separates two words, read from text[from, to): 2 for a clause break (one of ; : ! ? ( ) [ ], a full stop
 * before a space or the next word, "..." or "…", or a full stop anywhere with a space anywhere), 1 for a comma,
 * else 0. A loop over the gap, not expressions over a slice of it: one gap in seven is more than a space.
 */
export function gapBreak(text: string, from: number, to: number): 0 | 1 | 2 {
  let dot = false;
  let space = false;
  let comma = false;
  let dots = 0;
  for (let p = from; p < to; p++) {
    const c = text.charCodeAt(p);
    if (c === 46) {
      if (++dots === 3 || p === to - 1) return 2;
      dot = true;
      continue;
    }
    dots = 0;
    if (c === 59 || c === 58 || c === 33 || c === 63 || c === 40 || c === 41 || c === 91 || c === 93 || c === 0x2026) return 2;
    if (c === 44) comma = true;
    else if (isSpace(c)) {
      if (dot) return 2;
      space = true;
    }
  }
  if (dot && space) return 2;
  return comma ? 1 : 0;
}

/** What \s matches in a JavaScript regular expression. */
function isSpace(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const NAME_TITLES = new Set(structure.nameTitles);
const NUMBER_ABBREVIATIONS = new Set(structure.numberAbbreviations);

/**
 * What a gap of one full stop and spaces is when no sentence can end there: nothing after a title before a name
 * ("Mr. Diallo", "Mr. von der Schulenburg") or after "No." before a number; a comma's break before a lower-case word,
 * since sentences open with a capital ("borders, 10. strengthening civilian control", "e.g. the police").
 */
function afterStop(text: string, previous: Token, next: number): 0 | 1 | 2 {
  if (text.charCodeAt(previous.end) !== 46) return 2;
  for (let p = previous.end + 1; p < next; p++) if (!isSpace(text.charCodeAt(p))) return 2;
  const c = text.charCodeAt(next);
  if (c >= 48 && c <= 57) return NUMBER_ABBREVIATIONS.has(previous.raw) ? 0 : 2;
  if (NAME_TITLES.has(previous.raw)) return 0;
  return /\p{Ll}/u.test(text[next]) ? 1 : 2;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let previousEnd = 0;
  let from = 0;
  while (from < n) {
    const first = text.charCodeAt(from);
    if (first < 0x80 && !isAsciiAlnum(first)) {
      from++;
      continue;
    }
    let start = from;
    let end = -1;
    let word: Word | undefined;
    // Most words are ASCII letters ending at a space or plain punctuation: scanned and hashed in one pass. Anything
    // else (digits first, apostrophes, "&", characters outside ASCII) is read by nextWord, as TOKEN_RE reads it.
    if (isAsciiLetter(first)) {
      let hash = FNV_OFFSET;
      let p = from;
      let c = first;
      do {
        hash = Math.imul(hash ^ c, FNV_PRIME);
        if (++p >= n) break;
        c = text.charCodeAt(p);
      } while (isAsciiAlnum(c));
      if (p >= n || (c < 0x80 && c !== 39 && c !== 38)) {
        end = p;
        word = wordWithHash(text, start, end, hash);
      }
    }
    if (end < 0) {
      end = nextWord(text, from);
      if (end < 0) break;
      start = wordStart;
      word = wordAt(text, start, end);
    }
    let breakBefore: Token['breakBefore'] = 0;
    // Most words are separated by one space: no need to look at the gap.
    if (start - previousEnd !== 1 || text.charCodeAt(previousEnd) !== 32) breakBefore = gapBreak(text, previousEnd, start);
    if (breakBefore === 2 && tokens.length) breakBefore = afterStop(text, tokens[tokens.length - 1], start);
    tokens.push(new Token(start, end, breakBefore, word!));
    previousEnd = end;
    from = end;
  }
  return tokens;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Splits a lexicon phrase into normalised words; hyphens, dashes and slashes separate words as in text. */
export function phraseWords(phrase: string): string[] {
  const words: string[] = [];
  for (const part of phrase.split(/\s+/)) {
    if (/^~\d+$/.test(part)) {
      words.push(part);
      continue;
    }
    TOKEN_RE.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = TOKEN_RE.exec(part))) words.push(normalizeWord(match[0]));
  }
  return words;
}
