/** Recognises the opening word(s) of a unit: preambular participles, operative verbs, reporting verbs. */
import structure from '../../../data/structure.json';

export interface Opener {
  kind: 'preambular' | 'operative' | 'reporting' | 'infinitive' | 'gerund';
  /** Offset of the opener inside the searched text, and its length (adverbs included in the range). */
  start: number;
  end: number;
  text: string;
}

/** Phrases of structure.json as lower-case words, each once, longest first. */
export function phraseList(values: string[]): string[][] {
  return [...new Set(values)].map((v) => v.toLowerCase().split(/\s+/)).sort((a, b) => b.length - a.length);
}

const ADVERBS = phraseList(structure.adverbs);
const PREAMBULAR = phraseList(structure.preambular);
const OPERATIVE = phraseList(structure.operative);
const REPORTING = phraseList(structure.reporting);
const FORMULAS = structure.formulas.map((f) => f.toLowerCase());
const ASKING = phraseList(structure.asking);
const TASK_VERBS = new Set(structure.taskVerbs);
const SUBJECTS = phraseList(structure.statementSubjects);

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Verbs that ask someone to act ("Requests", "calls upon", "encouraged"), longest first. */
export const ASKING_VERB_RE = new RegExp(`\\b(?:${ASKING.map((words) => words.map(escapeRegExp).join('\\s+')).join('|')})\\b`, 'gi');

export function isAskingOpener(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter((w) => !ADVERBS.some((a) => a.length === 1 && a[0] === w));
  return ASKING.some((phrase) => phrase.length <= words.length && phrase.every((w, i) => words[i] === w));
}

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const LETTER_AT = /\p{L}/uy;

/** The length of the letter at `at` (2 for one outside the BMP), or 0 when there is none. */
function letterWidth(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 0x80) return (c | 32) >= 97 && (c | 32) <= 122 ? 1 : 0;
  LETTER_AT.lastIndex = at;
  return LETTER_AT.test(text) ? LETTER_AT.lastIndex - at : 0;
}

/** A surrogate pair starts at `at`: the scan steps over it whole, as the expression did. */
function isPairAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  if (c < 0xd800 || c > 0xdbff) return false;
  const next = text.charCodeAt(at + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

// The paragraph's traits ask for its leading words three or four times in a row: the last reading is kept
// (one paragraph, so at most one document it is cut from stays referenced).
let lastRead: { text: string; from: number; words: Word[]; complete: boolean } | undefined;

export function leadingWords(text: string, limit: number, from = 0): Word[] {
  if (lastRead && lastRead.text === text && lastRead.from === from && (lastRead.words.length >= limit || lastRead.complete)) {
    return lastRead.words.length > limit ? lastRead.words.slice(0, limit) : lastRead.words.slice();
  }
  const words: Word[] = [];
  let complete = false;
  // From inside a surrogate pair, the expression started at the pair.
  let p = from > 0 && isPairAt(text, from - 1) ? from - 1 : from;
  const n = text.length;
  while (words.length < limit) {
    // To the next letter, then on over letters, apostrophes and hyphens: [\p{L}][\p{L}'’-]* read by hand (the
    // expression, in Unicode mode and word by word, was a large share of the model's time).
    let start = -1;
    while (p < n) {
      const width = letterWidth(text, p);
      if (width) {
        start = p;
        p += width;
        break;
      }
      p += isPairAt(text, p) ? 2 : 1;
    }
    if (start < 0) {
      complete = true;
      break;
    }
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 39 || c === 0x2019 || c === 45) p++;
      else {
        const width = letterWidth(text, p);
        if (!width) break;
        p += width;
      }
    }
    const word = text.slice(start, p);
    words.push({ text: word, lower: word.toLowerCase(), start, end: p });
  }
  lastRead = { text, from, words, complete };
  return words.slice();
}

function matchPhrase(words: Word[], at: number, phrases: string[][]): number {
  for (const phrase of phrases) {
    if (at + phrase.length > words.length) continue;
    let ok = true;
    for (let i = 0; i < phrase.length; i++) {
      if (words[at + i].lower !== phrase[i]) {
        ok = false;
        break;
      }
    }
    if (ok) return phrase.length;
  }
  return 0;
}

/** Skips leading adverbs ("Further", "Also", "Strongly") and returns the index of the next word. */
function skipAdverbs(words: Word[]): number {
  let at = 0;
  for (let guard = 0; guard < 3; guard++) {
    const n = matchPhrase(words, at, ADVERBS);
    if (!n) break;
    at += n;
  }
  return at;
}

/** The opener at the very start of `text` (which should start at the unit's content, markers removed). */
export function detectOpener(text: string): Opener | undefined {
  // Excerpts often open mid-text: "... urges the Government to".
  const elision = /^\s*(?:\.{3}|…)\s*/.exec(text);
  const from = elision ? elision[0].length : 0;
  const firstNonSpace = text.slice(from).search(/\S/) + from;
  if (firstNonSpace < from) return undefined;
  const words = leadingWords(text, 8, from);
  if (!words.length || words[0].start !== firstNonSpace) return undefined;
  const at = skipAdverbs(words);
  if (at >= words.length) return undefined;
  const capitalised = /^\p{Lu}/u.test(words[0].text) || !!elision;
  const make = (kind: Opener['kind'], n: number): Opener => ({
    kind,
    start: words[0].start,
    end: words[at + n - 1].end,
    text: text.slice(words[0].start, words[at + n - 1].end),
  });
  if (capitalised) {
    let n = matchPhrase(words, at, OPERATIVE);
    if (n) return make('operative', n);
    n = matchPhrase(words, at, PREAMBULAR);
    if (n) return make('preambular', n);
  }
  if (words[at].lower === 'to' && words.length > at + 1 && /^\p{Ll}/u.test(words[at + 1].text)) {
    return { kind: 'infinitive', start: words[at].start, end: words[at + 1].end, text: text.slice(words[at].start, words[at + 1].end) };
  }
  if (capitalised && /ing$/.test(words[at].lower) && words[at].lower.length > 5) return make('gerund', 1);
  return undefined;
}

/** For statements ("The members of the Security Council underlined ..."), the first reporting verb. */
export function findReportingVerb(text: string): Opener | undefined {
  const words = leadingWords(text, 30);
  for (let i = 1; i < words.length; i++) {
    const n = matchPhrase(words, i, REPORTING);
    if (n) return { kind: 'reporting', start: words[i].start, end: words[i + n - 1].end, text: text.slice(words[i].start, words[i + n - 1].end) };
  }
  return undefined;
}

export function isFormula(text: string): boolean {
  if (text.length > 80) return false;
  const normalized = text.trim().replace(/[,:;.]+$/, '').replace(/\s+/g, ' ').toLowerCase();
  return FORMULAS.includes(normalized);
}

/** The phrases as alternatives of a regular expression, longest first, any run of white space between their words. */
export function phraseAlternation(phrases: string[]): string {
  return phraseList(phrases).map((words) => words.map(escapeRegExp).join('\\s+')).join('|');
}

const phraseRegExp = (phrases: string[], flags: string) => new RegExp(`\\b(?:${phraseAlternation(phrases)})\\b`, flags);
const LIST_ANNOUNCER_RE = phraseRegExp(structure.listAnnouncers, 'i');
const STAGE_ANNOUNCER_RE = phraseRegExp(structure.stageAnnouncers, 'i');
const NOT_ANNOUNCING_RE = phraseRegExp(structure.listAnnouncerExceptions, 'gi');

/** The end of a sentence inside a paragraph: a full stop (or ! ? ;) and a space before more text. */
const SENTENCE_BREAK_RE = /[.!?;]\s+(?=\S)/;

/**
 * A paragraph that announces what follows without a colon, in its one sentence or in the second of two: a list
 * ("The reform is organised into three pillars") or stages ("shall be carried out in stages"). Whether it is a
 * lead-in depends on what follows it (see buildModel): stages need sub-paragraphs or items, a list may also go on
 * under headings.
 */
export function announcesList(text: string): 'list' | 'stages' | undefined {
  const body = withoutTrailingPunctuation(text.trim());
  if (!body) return undefined;
  // One sentence, or an aim and then the sentence that announces ("The aim is to ... . This will be done through
  // the following activities"): the aim heads the list as a colon's lead-in does. A longer paragraph has content
  // of its own.
  const breaks = SENTENCE_BREAK_RE.exec(body);
  let announcement = body;
  if (breaks) {
    announcement = body.slice(breaks.index + breaks[0].length);
    if (SENTENCE_BREAK_RE.test(announcement)) return undefined;
  }
  const words = announcement.replace(NOT_ANNOUNCING_RE, ' ');
  return LIST_ANNOUNCER_RE.test(words) ? 'list' : STAGE_ANNOUNCER_RE.test(words) ? 'stages' : undefined;
}

/** The text without its trailing full stops, semicolons, commas and spaces (a loop: a regular expression anchored
 * at the end is tried from every position of a long paragraph). */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && /[.;,\s]/.test(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** "Train 500 police officers in community policing": a task in the imperative, not a heading. */
export function startsWithTaskVerb(text: string): boolean {
  const words = leadingWords(text, 2);
  return words.length === 2 && TASK_VERBS.has(words[0].lower) && /^\p{Ll}/u.test(words[1].text) && !/^(?:to|for|of|and)$/.test(words[1].lower);
}

const SENTENCE_VERBS = phraseList(structure.sentenceVerbs);

/** "Recruitment and training is key to ...": a short line with a finite verb is a sentence, not a heading. */
export function hasSentenceVerb(text: string): boolean {
  const words = leadingWords(text, 40);
  for (let i = 1; i < words.length; i++) if (matchPhrase(words, i, SENTENCE_VERBS) > 0) return true;
  return false;
}

/** "The members of the Security Council underlined ...", "They called on ...": a press or presidential statement. */
export function startsWithStatementSubject(text: string): boolean {
  const elision = /^\s*(?:\.{3}|…)\s*/.exec(text);
  const words = leadingWords(text, 8, elision ? elision[0].length : 0);
  return words.length > 0 && matchPhrase(words, 0, SUBJECTS) > 0;
}
