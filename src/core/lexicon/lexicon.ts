/**
 * Lexicons are data (JSON, see schemas/lexicon.schema.json). This module compiles one or more lexicons into a
 * word trie plus a list of vetted regular expressions, and finds concept hits in a token list.
 */
import structure from '../../../data/structure.json';
import builtinLexicon from '../../../data/lexicon/core.json';
import { checkRegexSafety, LEXICON_ANALYSIS_STEPS, type RegexCheck } from './regex-safety';
import { clearWordCache, lemmaCandidates, normalizeWord, phraseWords, type Token } from './tokenize';
import { detach, firstIndex } from '../text';
import { CONCEPT_IDS } from '../concepts';

export interface TermSpec {
  phrase?: string;
  pattern?: string;
  flags?: string;
  /**
   * For a pattern: words one of which every text it matches contains. The pattern is tried only on paragraphs
   * that have one of them, which spares running it over the many that cannot match.
   */
  requires?: string[];
  inflect?: boolean;
  note?: string;
}

export interface ContextSpec {
  concepts: string[];
  window: number;
}

export interface ConceptSpec {
  id: string;
  label?: string;
  description?: string;
  negatable?: boolean;
  contexts?: Record<string, ContextSpec>;
  terms?: Array<string | TermSpec>;
  /** Phrases whose hits are dropped from this concept (used by team lexicons to silence a false positive). */
  exclude?: string[];
}

/** Phrases excluded from several concepts at once ("child soldiers" is none of the national forces' concepts). */
export interface SharedExclusionSpec {
  concepts: string[];
  phrases: string[];
  note?: string;
}

export interface LexiconSpec {
  name?: string;
  description?: string;
  concepts: ConceptSpec[];
  exclusions?: SharedExclusionSpec[];
}

export interface LexiconProblem {
  lexicon: string;
  concept: string;
  term: string;
  message: string;
}

export interface ConceptInfo {
  id: string;
  label: string;
  negatable: boolean;
  contexts: Record<string, ContextSpec>;
  hasContexts: boolean;
}

interface TrieNode {
  inflected: Map<string, TrieNode>;
  exact: Map<string, TrieNode>;
  gaps: Array<{ max: number; node: TrieNode }>;
  /** Concepts whose phrase ends here; `comma`: the phrase is written with a comma ("women, peace and security"). */
  ends: Array<{ concept: string; phrase: string; comma: boolean }>;
}

interface PatternTerm {
  concept: string;
  regex: RegExp;
  source: string;
  /** The lexicon (file) the pattern comes from. */
  lexicon: string;
  /** Its place among all the patterns, when it is tried only where one of its required words is (see `requires`). */
  gate: number;
}

/** Milliseconds that the regular expressions of team lexicons may take on one document, over all its paragraphs. */
export const USER_PATTERN_BUDGET_MS = 200;
/** Team regular expressions run on pieces of a paragraph at most this long, so that one exec() stays short. */
export const USER_PATTERN_SEGMENT = 4096;
/** Without beginDocument(), one budget covers the current task, and at most this long. */
const IMPLICIT_RUN_MS = 1000;

/** What the team regular expressions cost on one document, and whether they were cut short. */
export interface PatternRun {
  budgetMs: number;
  spentMs: number;
  /** exec() calls made and characters they were given to search. */
  execCalls: number;
  charsScanned: number;
  /** The budget is spent: no team pattern runs again until the next document. */
  exhausted: boolean;
  /** Pattern runs (pattern × piece of paragraph) left out because the budget was spent. */
  skipped: number;
  /** The counters when the budget ran out (they stay equal to the totals from then on) and the pattern running. */
  stoppedAt?: { execCalls: number; charsScanned: number; lexicon: string; concept: string; term: string };
  /** The warning to show with the document when the budget ran out. */
  message?: string;
}

export interface CompileOptions {
  /** Budget of team regular expressions per document (default USER_PATTERN_BUDGET_MS). */
  userPatternBudgetMs?: number;
  /** Clock in milliseconds (default performance.now), replaceable in tests. */
  now?: () => number;
}

export interface RawHit {
  concept: string;
  phrase: string;
  start: number;
  end: number;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
}

export interface CompiledLexicon {
  concepts: Map<string, ConceptInfo>;
  /** Ids of concepts whose hits can be negated. */
  negatable: Set<string>;
  problems: LexiconProblem[];
  /** A stable fingerprint of the lexicon content, used in cache keys. */
  fingerprint: string;
  match(text: string, tokens: Token[]): RawHit[];
  /**
   * Starts the time budget of team regular expressions for a new document: call it before matching the
   * document's paragraphs, and report `message` when the returned run is `exhausted`. Without it, a budget
   * covers the current task (at most a second). Built-in patterns are never budgeted.
   */
  beginDocument(): PatternRun;
}

function newNode(): TrieNode {
  return { inflected: new Map(), exact: new Map(), gaps: [], ends: [] };
}

const EXCLUDE_PREFIX = 'exclude:';
const BUILT_IN_CONCEPTS: ReadonlySet<string> = new Set(CONCEPT_IDS);
const OPEN_PREPOSITIONS = new Set(structure.openPrepositions);
const NEGATING_PREFIXES = new Set(structure.negatingPrefixes);

/** Token t is the second half of a word such as "non-military": "non-military capabilities" are not military ones. */
function afterNegatingPrefix(text: string, tokens: readonly Token[], t: number): boolean {
  if (t === 0) return false;
  const previous = tokens[t - 1];
  if (previous.end + 1 !== tokens[t].start) return false;
  const joiner = text.charCodeAt(previous.end);
  return (joiner === 45 || joiner === 0x2010 || joiner === 0x2011) && NEGATING_PREFIXES.has(previous.norm);
}

/** Drops the hits that start on the second half of a negated word (see afterNegatingPrefix). */
function dropNegatedWords(text: string, tokens: readonly Token[], hits: RawHit[]): RawHit[] {
  for (let i = 0; i < hits.length; i++) {
    if (afterNegatingPrefix(text, tokens, hits[i].t0)) return hits.filter((h) => !afterNegatingPrefix(text, tokens, h.t0));
  }
  return hits;
}

/** The comma before token t closes a parenthesis after a preposition ("ownership of, the reform"). */
function parenthesisComma(tokens: readonly Token[], t: number): boolean {
  return tokens[t].breakBefore === 1 && t > 0 && OPEN_PREPOSITIONS.has(tokens[t - 1].norm);
}

/** A comma between two words of [start, end), other than one that closes a parenthesis after a preposition. */
function commaInside(tokens: readonly Token[], start: number, end: number): boolean {
  for (let t = start + 1; t < end; t++) if (tokens[t].breakBefore === 1 && !parenthesisComma(tokens, t)) return true;
  return false;
}

/**
 * `trusted` lexicons (by default only the built-in one) have their patterns run as they are; the patterns of
 * the others are vetted by checkRegexSafety and run under a time budget per document.
 */
export function compileLexicons(lexicons: Array<{ name: string; spec: LexiconSpec; trusted?: boolean }>, options: CompileOptions = {}): CompiledLexicon {
  clearWordCache();
  const root = newNode();
  const patterns: PatternTerm[] = [];
  const userPatterns: PatternTerm[] = [];
  // What the safety analysis may spend on all the patterns here, so that a hostile lexicon cannot stall loading.
  const analysis = { steps: LEXICON_ANALYSIS_STEPS };
  const concepts = new Map<string, ConceptInfo>();
  const problems: LexiconProblem[] = [];
  const fingerprintParts: string[] = [];
  // Gated patterns by the words that open them (normalised as words in text are), and how many gates there are.
  const gatesByWord = new Map<string, number[]>();
  let gates = 0;
  /** The gate of a pattern with `requires`, or -1 (tried on every paragraph); the reason when `requires` is wrong. */
  const gateFor = (requires: unknown): number | string => {
    if (requires === undefined) return -1;
    if (!Array.isArray(requires) || !requires.length) return '"requires" must list one or more words';
    const words: string[] = [];
    for (const entry of requires) {
      const parts = typeof entry === 'string' ? phraseWords(entry) : [];
      if (parts.length !== 1 || parts[0].startsWith('~')) return `"requires" takes single words: ${JSON.stringify(entry)} is not one`;
      words.push(parts[0]);
    }
    const gate = gates++;
    for (const word of new Set(words)) gatesByWord.set(word, [...(gatesByWord.get(word) ?? []), gate]);
    return gate;
  };

  const addPhrase = (concept: string, phrase: string, inflect: boolean): string | undefined => {
    const words = phraseWords(phrase);
    if (!words.length || words.every((w) => w.startsWith('~'))) return 'phrase has no words';
    if (words[0].startsWith('~') || words[words.length - 1].startsWith('~')) return 'a gap (~N) must sit between two words';
    if (words.length > 12) return 'phrase is longer than 12 words';
    let node = root;
    for (const word of words) {
      const gap = /^~(\d+)$/.exec(word);
      if (gap) {
        const max = Math.min(Number(gap[1]), 12);
        let entry = node.gaps.find((g) => g.max === max);
        if (!entry) {
          entry = { max, node: newNode() };
          node.gaps.push(entry);
        }
        node = entry.node;
        continue;
      }
      const edges = inflect ? node.inflected : node.exact;
      let next = edges.get(word);
      if (!next) {
        next = newNode();
        edges.set(word, next);
      }
      node = next;
    }
    const existing = node.ends.find((e) => e.concept === concept);
    // The same words written with and without a comma: the spelling with the comma lets the phrase span one.
    if (!existing) node.ends.push({ concept, phrase, comma: phrase.includes(',') });
    else if (phrase.includes(',') && !existing.comma) Object.assign(existing, { phrase, comma: true });
    return undefined;
  };

  const addExclusion = (lexicon: string, concept: string, phrase: string): void => {
    const error = addPhrase(EXCLUDE_PREFIX + concept, phrase, true);
    if (error) problems.push({ lexicon, concept, term: phrase, message: error });
    else fingerprintParts.push(`${concept}/-/${phrase}`);
  };

  for (const { name, spec, trusted = spec === (builtinLexicon as unknown) } of lexicons) {
    // Patterns left unchecked once the lexicon's analysis is spent: one problem for all of them, not one each.
    let unchecked: { count: number; first: LexiconProblem } | undefined;
    for (const concept of spec.concepts ?? []) {
      if (!concept || typeof concept.id !== 'string') continue;
      const existing = concepts.get(concept.id);
      const contexts = { ...(existing?.contexts ?? {}), ...(concept.contexts ?? {}) };
      concepts.set(concept.id, {
        id: concept.id,
        label: concept.label ?? existing?.label ?? concept.id,
        negatable: concept.negatable ?? existing?.negatable ?? false,
        contexts,
        hasContexts: Object.keys(contexts).length > 0,
      });
      for (const term of concept.terms ?? []) {
        const spec_: TermSpec = typeof term === 'string' ? { phrase: term } : term;
        const label = spec_.phrase ?? spec_.pattern ?? JSON.stringify(term);
        if (spec_.pattern !== undefined) {
          // Patterns are checked with the flags they run with (u included).
          const flags = [...new Set(((spec_.flags ?? '') + 'gu').split(''))].join('');
          const check = trusted ? compiles(spec_.pattern, flags) : checkRegexSafety(spec_.pattern, spec_.flags ?? '', analysis);
          if (!check.ok) {
            const problem = { lexicon: name, concept: concept.id, term: spec_.pattern, message: `pattern refused: ${check.reason}` };
            if (check.kind !== 'unchecked') problems.push(problem);
            else if (unchecked) unchecked.count++;
            else unchecked = { count: 1, first: problem };
            continue;
          }
          const gate = gateFor(spec_.requires);
          if (typeof gate === 'string') {
            problems.push({ lexicon: name, concept: concept.id, term: spec_.pattern, message: `pattern refused: ${gate}` });
            continue;
          }
          const regex = new RegExp(spec_.pattern, trusted ? builtinRunFlags(spec_.pattern, spec_.flags ?? '', flags) : flags);
          (trusted ? patterns : userPatterns).push({ concept: concept.id, regex, source: spec_.pattern, lexicon: name, gate });
          fingerprintParts.push(`${concept.id}/p/${spec_.pattern}/${flags}${gate >= 0 ? `/${spec_.requires!.join(' ')}` : ''}`);
        } else if (typeof spec_.phrase === 'string') {
          const error = addPhrase(concept.id, spec_.phrase, spec_.inflect !== false);
          if (error) problems.push({ lexicon: name, concept: concept.id, term: label, message: error });
          else fingerprintParts.push(`${concept.id}/${spec_.inflect === false ? 'x' : 'i'}/${spec_.phrase}`);
        } else {
          problems.push({ lexicon: name, concept: concept.id, term: label, message: 'a term needs a "phrase" or a "pattern"' });
        }
      }
      for (const phrase of concept.exclude ?? []) addExclusion(name, concept.id, phrase);
    }
    // Shared exclusions name built-in concepts or the lexicon's own: what a team's file says is checked on its own.
    const ownConcepts = new Set((spec.concepts ?? []).map((c) => c?.id));
    for (const shared of Array.isArray(spec.exclusions) ? spec.exclusions : []) {
      const ids: unknown[] = Array.isArray(shared?.concepts) ? shared.concepts : [];
      const phrases: unknown[] = Array.isArray(shared?.phrases) ? shared.phrases : [];
      for (const id of ids) {
        if (typeof id !== 'string' || !(BUILT_IN_CONCEPTS.has(id) || ownConcepts.has(id))) {
          problems.push({ lexicon: name, concept: String(id), term: String(id), message: 'a shared exclusion names this concept, which no lexicon defines' });
          continue;
        }
        for (const phrase of phrases) if (typeof phrase === 'string') addExclusion(name, id, phrase);
      }
    }
    if (unchecked) {
      const more = unchecked.count > 1 ? ` (this one and the ${(unchecked.count - 1).toLocaleString('en')} after it)` : '';
      problems.push({ ...unchecked.first, message: `${unchecked.first.message}${more}` });
    }
  }

  const fingerprint = hashParts(fingerprintParts);

  // The budget of team patterns: per document when the caller says where documents begin, else per task.
  const budgetMs = options.userPatternBudgetMs ?? USER_PATTERN_BUDGET_MS;
  const now = options.now ?? (() => performance.now());
  const newRun = (): PatternRun => ({ budgetMs, spentMs: 0, execCalls: 0, charsScanned: 0, exhausted: false, skipped: 0 });
  let run: PatternRun | undefined;
  let runStarted = 0;
  let runExplicit = false;
  const beginDocument = (): PatternRun => {
    runExplicit = true;
    return (run = newRun());
  };
  const currentRun = (): PatternRun => {
    if (run && (runExplicit || now() - runStarted < IMPLICIT_RUN_MS)) return run;
    const fresh = (run = newRun());
    runStarted = now();
    queueMicrotask(() => {
      if (run === fresh && !runExplicit) run = undefined;
    });
    return fresh;
  };

  /** Team patterns, piece by piece of the paragraph, until the document's budget is spent. */
  const matchUserPatterns = (text: string, tokens: Token[], hits: RawHit[]): void => {
    const r = currentRun();
    for (const [from, to] of segments(text, USER_PATTERN_SEGMENT)) {
      const piece = from === 0 && to === text.length ? text : text.slice(from, to);
      for (const pattern of userPatterns) {
        if (pattern.gate >= 0 && openedAt[pattern.gate] !== stamp) continue;
        if (r.exhausted) {
          r.skipped++;
          continue;
        }
        const regex = pattern.regex;
        regex.lastIndex = 0;
        for (let found = 0; found < 2000 && !r.exhausted; found++) {
          r.execCalls++;
          r.charsScanned += piece.length - regex.lastIndex;
          const started = now();
          const m = regex.exec(piece);
          r.spentMs += now() - started;
          if (r.spentMs >= r.budgetMs) {
            r.exhausted = true;
            r.stoppedAt = { execCalls: r.execCalls, charsScanned: r.charsScanned, lexicon: pattern.lexicon, concept: pattern.concept, term: pattern.source };
            r.message = `Team regular expressions took more than ${r.budgetMs} ms on this document and were not applied to the rest of it; the one running then was ${JSON.stringify(pattern.source)} (concept "${pattern.concept}", ${pattern.lexicon}).`;
          }
          if (!m) break;
          if (m[0].length === 0) {
            regex.lastIndex++;
            continue;
          }
          const start = from + m.index;
          const range = tokenRange(tokens, start, start + m[0].length);
          if (range) hits.push({ concept: pattern.concept, phrase: pattern.source, start, end: start + m[0].length, t0: range[0], t1: range[1] });
        }
      }
    }
  };

  /** What matching needs of a word, looked up once per distinct word: its base forms and the root's edges for it. */
  interface WordEntry {
    /** The word's normal form, when some phrase spells it exactly (else no exact edge can take it). */
    exactEdge: string | undefined;
    /** Its base forms that some phrase has as an inflected word: the only ones worth looking up below the root. */
    lemmas: string[];
    /** The trie nodes one word away from the root: by the word itself, then by each of its base forms. */
    rootSteps: TrieNode[];
    /** The gates of the patterns this word opens (see `requires`). */
    gates: number[];
  }
  const NO_GATES: number[] = [];
  const openedAt = new Int32Array(gates);
  let stamp = 0;
  /**
   * The gates a word opens: its own, and those of the words inside it, since an expression's \b also falls
   * between letters that make one word here ("MoD's", "MoD&MoI", "éMOD"), and of its base forms.
   */
  const gatesOf = (norm: string, lemmas: string[]): number[] => {
    if (!gatesByWord.size) return NO_GATES;
    const found = new Set<number>();
    const words = new Set([norm, ...lemmas, ...norm.split(/[^a-z0-9]+/).filter(Boolean).map(normalizeWord)]);
    for (const word of words) for (const gate of gatesByWord.get(word) ?? NO_GATES) found.add(gate);
    return found.size ? [...found] : NO_GATES;
  };
  // Every word some phrase spells exactly, and every base form some phrase inflects: most words of a paragraph are
  // neither, and a walk that reaches them stops without looking them up in each node's edges.
  const exactWords = new Set<string>();
  const inflectedWords = new Set<string>();
  const collectEdgeWords = (node: TrieNode, seen: Set<TrieNode>): void => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const [word, next] of node.exact) {
      exactWords.add(word);
      collectEdgeWords(next, seen);
    }
    for (const [word, next] of node.inflected) {
      inflectedWords.add(word);
      collectEdgeWords(next, seen);
    }
    for (const gap of node.gaps) collectEdgeWords(gap.node, seen);
  };
  collectEdgeWords(root, new Set());
  const wordEntries = new Map<string, WordEntry>();
  const wordEntry = (norm: string): WordEntry => {
    let entry = wordEntries.get(norm);
    if (entry) return entry;
    const allLemmas = lemmaCandidates(norm);
    const lemmas = allLemmas.filter((lemma) => inflectedWords.has(lemma));
    const rootSteps: TrieNode[] = [];
    const exact = root.exact.get(norm);
    if (exact) rootSteps.push(exact);
    for (const lemma of lemmas) {
      const next = root.inflected.get(lemma);
      if (next) rootSteps.push(next);
    }
    entry = { exactEdge: exactWords.has(norm) ? norm : undefined, lemmas, rootSteps, gates: gatesOf(norm, allLemmas) };
    // Bounded by the vocabulary of the texts read; cleared rather than grown without end on hostile input.
    if (wordEntries.size > 100_000) wordEntries.clear();
    wordEntries.set(detach(norm), entry);
    return entry;
  };

  function match(text: string, tokens: Token[]): RawHit[] {
    const hits: RawHit[] = [];
    // Each token's word entry, looked up once: walks reach every token many times.
    const entries: WordEntry[] = new Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i].word;
      // The word keeps one lexicon's entry: this one's, unless another lexicon matched it since.
      if (word.entryOf !== wordEntries) {
        word.entry = wordEntry(word.norm);
        word.entryOf = wordEntries;
      }
      entries[i] = word.entry as WordEntry;
    }
    // The gates the paragraph's words open, marked with this call's stamp (no array to allocate per paragraph).
    if (gates) {
      if (++stamp > 0x3fffffff) {
        openedAt.fill(0);
        stamp = 1;
      }
      for (let i = 0; i < entries.length; i++) {
        const opened = entries[i].gates;
        for (let k = 0; k < opened.length; k++) openedAt[opened[k]] = stamp;
      }
    }
    const walk = (node: TrieNode, start: number, at: number, depth: number): void => {
      const ends = node.ends;
      if (ends.length) {
        // Words a comma separates in the text are two things ("security, governance and development") unless the
        // phrase itself is written with the comma.
        const split = at - start > 1 && commaInside(tokens, start, at);
        for (let k = 0; k < ends.length; k++) {
          if (split && !ends[k].comma) continue;
          hits.push({ concept: ends[k].concept, phrase: ends[k].phrase, start: tokens[start].start, end: tokens[at - 1].end, t0: start, t1: at });
        }
      }
      if (at >= tokens.length || depth > 24) return;
      const token = tokens[at];
      if (at > start && token.breakBefore === 2) return;
      const entry = entries[at];
      if (entry.exactEdge !== undefined && node.exact.size) {
        const exactNext = node.exact.get(entry.exactEdge);
        if (exactNext) walk(exactNext, start, at + 1, depth + 1);
      }
      if (node.inflected.size) {
        for (const lemma of entry.lemmas) {
          const next = node.inflected.get(lemma);
          if (next) walk(next, start, at + 1, depth + 1);
        }
      }
      // A gap ("build ~3 capacity") spans words, not a comma or a clause break: "state-building, institutional
      // capacity" is two things.
      for (const gap of node.gaps) {
        for (let skip = 0; skip <= gap.max && at + skip < tokens.length; skip++) {
          // Every word from the gap's start on must follow the previous one with no comma or break between them,
          // except the comma that closes a parenthesis after a preposition ("ownership of, the reform").
          const parenthesisClosed = skip === 0 && parenthesisComma(tokens, at);
          if (tokens[at + skip].breakBefore !== 0 && !parenthesisClosed) break;
          walkFrom(gap.node, start, at + skip, depth + 1);
        }
      }
    };
    // After a gap the next token must match an edge (not another gap or an end).
    const walkFrom = (node: TrieNode, start: number, at: number, depth: number): void => {
      if (at >= tokens.length) return;
      const token = tokens[at];
      if (token.breakBefore === 2 && at > start) return;
      const entry = entries[at];
      if (entry.exactEdge !== undefined) {
        const exactNext = node.exact.get(entry.exactEdge);
        if (exactNext) walk(exactNext, start, at + 1, depth + 1);
      }
      if (!node.inflected.size) return;
      for (const lemma of entry.lemmas) {
        const next = node.inflected.get(lemma);
        if (next) walk(next, start, at + 1, depth + 1);
      }
    };
    // Most words start no phrase: the root's edges for each word are found once per word, not per token.
    for (let i = 0; i < tokens.length; i++) {
      const steps = entries[i].rootSteps;
      for (let k = 0; k < steps.length; k++) walk(steps[k], i, i + 1, 1);
    }

    if (patterns.length) {
      for (const pattern of patterns) {
        if (pattern.gate >= 0 && openedAt[pattern.gate] !== stamp) continue;
        pattern.regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        let count = 0;
        while ((m = pattern.regex.exec(text)) && count++ < 2000) {
          if (m[0].length === 0) {
            pattern.regex.lastIndex++;
            continue;
          }
          const range = tokenRange(tokens, m.index, m.index + m[0].length);
          if (range) hits.push({ concept: pattern.concept, phrase: pattern.source, start: m.index, end: m.index + m[0].length, t0: range[0], t1: range[1] });
        }
      }
    }
    if (userPatterns.length) matchUserPatterns(text, tokens, hits);
    return applyExclusions(dedupe(dropNegatedWords(text, tokens, hits)));
  }

  const negatable = new Set([...concepts.values()].filter((c) => c.negatable).map((c) => c.id));
  return { concepts, negatable, problems, fingerprint, match, beginDocument };
}

/**
 * The flags a trusted pattern runs with. Patterns are checked in Unicode mode, but a case-insensitive one that
 * uses nothing of it (no property escapes, code-point escapes or characters outside the BMP) runs three to four
 * times faster without "u" and matches the same text (only the long s and the Kelvin sign fold differently).
 */
export function builtinRunFlags(source: string, authorFlags: string, checkedFlags: string): string {
  if (authorFlags.includes('u') || !checkedFlags.includes('i')) return checkedFlags;
  if (/\\[pPk]|\\u\{|[\uD800-\uDFFF]/.test(source)) return checkedFlags;
  return checkedFlags.replace('u', '');
}

function compiles(source: string, flags: string): RegexCheck {
  try {
    new RegExp(source, flags);
    return { ok: true };
  } catch (error) {
    return { ok: false, kind: 'syntax', reason: `not a valid regular expression: ${(error as Error).message}` };
  }
}

/** [start, end) pieces of at most `size` characters, cut after a line break or a space where there is one. */
function segments(text: string, size: number): Array<[number, number]> {
  if (text.length <= size) return [[0, text.length]];
  const out: Array<[number, number]> = [];
  let start = 0;
  while (text.length - start > size) {
    const limit = start + size;
    const floor = start + (size >> 1);
    let cut = -1;
    for (let i = limit - 1; i > floor && cut < 0; i--) if (text.charCodeAt(i) === 10) cut = i + 1;
    for (let i = limit - 1; i > floor && cut < 0; i--) if (text.charCodeAt(i) <= 32 || text.charCodeAt(i) === 0xa0) cut = i + 1;
    if (cut < 0) cut = limit;
    // Never between the halves of a surrogate pair.
    const before = text.charCodeAt(cut - 1);
    if (before >= 0xd800 && before <= 0xdbff) cut--;
    out.push([start, cut]);
    start = cut;
  }
  out.push([start, text.length]);
  return out;
}

/** The tokens [t0, t1) that the text [start, end) touches, or undefined when it touches none. */
function tokenRange(tokens: Token[], start: number, end: number): [number, number] | undefined {
  const lo = firstIndex(tokens.length, (i) => tokens[i].end > start);
  let t1 = lo;
  while (t1 < tokens.length && tokens[t1].start < end) t1++;
  return t1 > lo ? [lo, t1] : undefined;
}

/** The order of a paragraph's hits: by position, the longest first, then by concept. */
export function compareHits(a: RawHit, b: RawHit): number {
  return a.start - b.start || b.end - a.end || (a.concept < b.concept ? -1 : a.concept > b.concept ? 1 : 0);
}

/**
 * A stable sort for hits that come nearly in order (the trie walk finds them token by token; only hits starting
 * at the same token, and the few that patterns find, are out of place): insertion sort, handing over to the
 * built-in sort when the hits turn out to be far from order, so that it never goes quadratic.
 */
export function sortNearlySorted<T>(items: T[], compare: (a: T, b: T) => number): void {
  let budget = 4 * items.length + 64;
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    let j = i - 1;
    if (compare(items[j], item) <= 0) continue;
    while (j >= 0 && compare(items[j], item) > 0) {
      items[j + 1] = items[j];
      j--;
      if (--budget < 0) {
        // Equal items still stand in their first order (the moves so far kept it): the built-in sort, stable too,
        // finishes with the same result.
        items[j + 1] = item;
        items.sort(compare);
        return;
      }
    }
    items[j + 1] = item;
  }
}

/** Per concept, drop hits contained in a longer hit of the same concept, and exact duplicates. */
function dedupe(hits: RawHit[]): RawHit[] {
  if (hits.length < 2) return hits;
  // One stable sort into the order the caller wants (position, longest first, then concept); each concept keeps
  // the furthest end it has covered so far, so a hit inside an earlier one of its concept is dropped.
  sortNearlySorted(hits, compareHits);
  const out: RawHit[] = [];
  const coverEnd = new Map<string, number>();
  for (const hit of hits) {
    const covered = coverEnd.get(hit.concept);
    if (covered !== undefined && hit.end <= covered) continue;
    out.push(hit);
    if (covered === undefined || hit.end > covered) coverEnd.set(hit.concept, hit.end);
  }
  return out;
}

function applyExclusions(hits: RawHit[]): RawHit[] {
  const excluded = hits.filter((h) => h.concept.startsWith(EXCLUDE_PREFIX));
  if (!excluded.length) return hits;
  // For each concept, the furthest end of an exclusion starting at or before each token.
  const cover = new Map<string, Map<number, number>>();
  for (const x of excluded) {
    const concept = x.concept.slice(EXCLUDE_PREFIX.length);
    let map = cover.get(concept);
    if (!map) cover.set(concept, (map = new Map()));
    for (let t = x.t0; t < x.t1; t++) map.set(t, Math.max(map.get(t) ?? 0, x.t1));
  }
  return hits.filter((h) => !h.concept.startsWith(EXCLUDE_PREFIX) && !((cover.get(h.concept)?.get(h.t0) ?? -1) >= h.t1));
}

function hashParts(parts: string[]): string {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      hash ^= part.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x1f;
  }
  return (hash >>> 0).toString(36) + '-' + parts.length;
}
