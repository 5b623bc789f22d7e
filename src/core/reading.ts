/**
 * Clause reading: what an SSR expert reads in a paragraph before judging it. Each sentence is split into
 * clauses at its speech acts; each clause gets its act (decides, requests, calls upon, welcomes, condemns …),
 * who is asked, the subject of a provision, where what is asked begins and what kind of action that is
 * (support, capability, reform, governance or a process). Words get a role: the core of the clause, or only a
 * condition, a frame (a plan referred to, not enacted), a manner (with whom), an aim, the agent or the target of
 * an act, or a proper name.
 *
 * This part reads the unit's own text and is cached with its facts; analysis.ts adds what only the neighbours
 * tell (the lead-in a sub-paragraph hangs from, what "these efforts" refers back to). All vocabulary comes from
 * the structure and core lexicons.
 */
import structure from '../../data/structure.json';
import type { RawHit } from './lexicon/lexicon';
import { normalizeWord, phraseWords, type Token } from './lexicon/tokenize';
import { firstIndex, tokenTable } from './text';
import { INSTITUTION_CONCEPTS, type ConceptId } from './concepts';

export type SpeechAct =
  | 'decide'
  | 'authorize'
  | 'request'
  | 'call'
  | 'encourage'
  | 'welcome'
  | 'condemn'
  | 'stress'
  | 'recall'
  | 'note'
  | 'express'
  /** A provision of an agreement or a strategy ("The Parties shall", "The Mission will"). */
  | 'provide'
  /** A task in a list whose act its lead-in gives ("(a) to support ..."). */
  | 'task'
  | 'describe';

/** Acts that ask someone to do something. */
export const ASKING_ACTS: ReadonlySet<SpeechAct> = new Set(['decide', 'authorize', 'request', 'call', 'encourage', 'provide', 'task']);

/** "self" is the voice of a strategy ("we", "the section"): the mission in a mission strategy, the government in a national one. */
export type Actor = 'mission' | 'un' | 'partners' | 'host' | 'forces' | 'parties' | 'council' | 'self';
export type Role = 'core' | 'condition' | 'frame' | 'manner' | 'aim' | 'agent' | 'target' | 'name';
export type ActionClass = 'support' | 'capability' | 'reform' | 'governance' | 'process' | 'other';

export interface Clause {
  /** Offsets in the unit's text. */
  start: number;
  end: number;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
  act: SpeechAct;
  /** Where the words of the act are, when the clause has them. */
  actStart?: number;
  actEnd?: number;
  /** Who the act addresses ("Requests the Secretary-General", "calls upon the Government"). */
  addressees: Actor[];
  /** Who commits in a provision or statement ("The Parties shall", "The Mission will"). */
  subject?: Actor;
  /** The modal of a provision ("shall", "will", "should"). */
  modal?: string;
  /** First token of what is asked, provided, welcomed or condemned. */
  predicate: number;
  /** The kind of action the clause is about. */
  action: ActionClass;
  /** Written in the past tense ("was", "were", "had"): a history, not a plan. */
  past: boolean;
  /** What is asked is a report or briefing ("Requests the Secretary-General to report on ..."). */
  reporting: boolean;
  /** What is asked is money ("Calls upon international partners to fund ..."). */
  funding: boolean;
  /** A provision someone who briefs the Council is reported to say ("MINUKA will continue to support ..., she said"). */
  briefed?: boolean;
}

/** What the facts keep of a unit's reading. */
export interface ClauseReading {
  clauses: Clause[];
  /** "these efforts", "in this regard": the unit continues the previous one. */
  backReference?: { start: number; end: number };
  /** The clauses that refer back ("... and called on partners to assist in that regard"), in order. */
  referringBack: number[];
  /**
   * Sentences after the first that open by pointing back at the one before ("This would be done in compliance with
   * ...", "Such support shall ..."), in order: what they say applies to what that sentence said.
   */
  pointingBack: number[];
}

export interface OwnReading extends ClauseReading {
  /** The clause each token belongs to. */
  clauseOf: number[];
  /** The sentence each token belongs to (sentences end at ". ", "!" and "?"; not at semicolons, colons or brackets). */
  sentenceOf: number[];
  /** The role of each token (an index into ROLES). */
  roleOf: number[];
}

export const ROLES: readonly Role[] = ['core', 'condition', 'frame', 'manner', 'aim', 'agent', 'target', 'name'];

type Phrase = string[];

/**
 * Phrases by their first word, longest first, so that a lookup at a token costs a map access, not a scan; and
 * the index's bit among a word's classes, set when the word starts one of its phrases, so that most tokens (which
 * start none) cost no map access at all.
 */
interface PhraseIndex<T> {
  byFirstWord: Map<string, Array<{ words: Phrase; value: T }>>;
  bit: number;
}

/** Every phrase index, for classesOf; their bits follow the word classes'. */
const PHRASE_INDEXES: Array<PhraseIndex<unknown>> = [];
const FIRST_INDEX_BIT = 1 << 6;

function indexPhrases<T>(entries: Array<{ words: Phrase; value: T }>): PhraseIndex<T> {
  const byFirstWord = new Map<string, Array<{ words: Phrase; value: T }>>();
  for (const entry of entries) {
    if (!entry.words.length) continue;
    const list = byFirstWord.get(entry.words[0]);
    if (list) list.push(entry);
    else byFirstWord.set(entry.words[0], [entry]);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  // A word's classes are a 31-bit integer: room for 25 indexes after the six word classes.
  if (PHRASE_INDEXES.length >= 25) throw new Error('reading.ts: too many phrase indexes for the word classes');
  const index = { byFirstWord, bit: FIRST_INDEX_BIT << PHRASE_INDEXES.length };
  PHRASE_INDEXES.push(index);
  return index;
}

function phrases(list: string[]): PhraseIndex<true> {
  return indexPhrases([...new Set(list)].map((p) => ({ words: phraseWords(p), value: true as const })));
}

const ACT_PHRASES: PhraseIndex<SpeechAct> = indexPhrases(
  Object.entries(structure.acts).flatMap(([act, list]) => list.map((p) => ({ words: phraseWords(p), value: act as SpeechAct }))),
);
const SUBJECTS = phrases(structure.statementSubjects);
/** Act words that name a request rather than make one when "for" follows ("requests for assistance"). */
const ACT_NOUNS_BEFORE_FOR = new Set(structure.actNounsBeforeFor.map((w) => normalizeWord(w)));
const MODALS = phrases(structure.modals);
const ADVERBS = phrases(structure.adverbs);
const PROCESS_VERBS = phrases(structure.processVerbs);
const REPORTING_VERBS = phrases(structure.reportingVerbs);
const FUNDING_VERBS = phrases(structure.fundingVerbs);
/** What a speaker does in a press release: the statement verbs and those of reported speech ("said", "told"). */
const SPEAKING = phrases([...structure.reporting, ...structure.speechVerbs]);
const BRIEFERS = phrases(structure.briefers);
/** Words after a comma that continue a phrase rather than open a subject: ", as requested by", ", in line with". */
const NOT_A_SUBJECT = new Set(['as', 'in', 'by', 'with', 'including', 'and', 'or', 'through', 'to', 'for', 'on', 'which', 'who', 'where', 'when', 'while']);
const REFERRALS = phrases(structure.referrals);
/** The verbs before a referral phrase: "are provided for in", "shall be set out in". */
const REFERRED_BY = new Set(['is', 'are', 'be']);
const SUPPORT_NOUNS = new Set(structure.supportNouns.map((w) => normalizeWord(w)));
const DEFERRAL_VERBS = new Set(structure.deferralVerbs.map((w) => normalizeWord(w)));
const TASK_VERBS = new Set(structure.taskVerbs.map((w) => normalizeWord(w)));
const ACTIVITY_LABELS = new Set(structure.activityLabels.map((w) => normalizeWord(w)));
const POSSESSION_VERBS = new Set(structure.possessionVerbs.map((w) => normalizeWord(w)));
const EFFORT_NOUNS = new Set(structure.effortNouns.map((w) => normalizeWord(w)));
const REMARK_PARTICIPLES = new Set(structure.remarkParticiples.map((w) => normalizeWord(w)));
/** Words that point back at what was named before ("this", "these", "such"). */
export const DEMONSTRATIVES: ReadonlySet<string> = new Set(structure.demonstratives.map((w) => normalizeWord(w)));
const NO_SENTENCES: number[] = [];

/** Words a clause may open with before its act: "and", "in this regard", "further". */
const CLAUSE_OPENERS = phrases(['and', 'and in this regard', 'in this regard', 'in this context', 'and in this context', 'and further', 'further', 'also', 'and also', 'moreover', 'but', 'while', 'as well as']);
/** Words between a verb and what it governs that say nothing about what is asked. */
const SKIP = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'all', 'any', 'such', 'this', 'these', 'those', 'that', 'further', 'also', 'fully', 'actively', 'urgently', 'swiftly', 'promptly', 'effectively', 'immediately', 'continue', 'continues', 'to', 'be', 'been', 'not', 'strongly', 'both', 'relevant', 'concerned', 'of']);
const PAST_AUXILIARIES = new Set(['was', 'were', 'had', 'did']);
/** A year of the last two centuries, as a token: "in 2015", "since 1998". */
const YEAR = /^(?:19|20)\d\d$/;
const PAST_TENSE_VERBS = new Set(structure.pastTenseVerbs.map((w) => normalizeWord(w)));
const PRESENT_TENSE = new Set(structure.presentTense.map((w) => normalizeWord(w)));
const PROCESS_PARTICIPLES = new Set(structure.processParticiples.map((w) => normalizeWord(w)));
/** Adverbs between "are" and a participle of management: "are properly sequenced". */
const MANNER_ADVERBS = new Set(['properly', 'effectively', 'well', 'adequately', 'carefully', 'better', 'closely', 'fully', 'also']);
/** Small words inside a name: "Ministry of Defence", "Department for Peace and Security". */
const NAME_JOINERS = new Set(['of', 'for', 'and', 'the']);
/** Words after which a word in -s is a noun ("in reforms"), with the determiners of SKIP. */
const NOUN_MARKERS = new Set(['in', 'for', 'on', 'with', 'by', 'from', 'at', 'and', 'or', 'our', 'many', 'new', 'further', 'these', 'key']);
const COPULAS = new Set(['is', 'are', 'remains', 'remain', 'constitutes', 'constitute', 'represents', 'represent']);
/** Word classes the reader tests on most tokens, as bits kept on each distinct word (see classesOf). */
const PAST_AUXILIARY = 1;
const DEFERRAL_VERB = 2;
/** A support noun, or the plural of one. */
const SUPPORT_NOUN = 4;
const COPULA = 8;
const SKIPPED = 16;
const AND = 32;

/** The word classes of a token's word: looked up in the sets once per distinct word, not once per token. */
function classesOf(token: Token): number {
  const word = token.word;
  if (word.classes < 0) {
    const norm = word.norm;
    word.classes =
      (PAST_AUXILIARIES.has(norm) ? PAST_AUXILIARY : 0) |
      (DEFERRAL_VERBS.has(norm) ? DEFERRAL_VERB : 0) |
      (SUPPORT_NOUNS.has(norm) || (norm.endsWith('s') && SUPPORT_NOUNS.has(norm.slice(0, -1))) ? SUPPORT_NOUN : 0) |
      (COPULAS.has(norm) ? COPULA : 0) |
      (SKIP.has(norm) ? SKIPPED : 0) |
      (norm === 'and' ? AND : 0);
    for (const index of PHRASE_INDEXES) if (index.byFirstWord.has(norm)) word.classes |= index.bit;
  }
  return word.classes;
}

// Also the words that open a relative or a phrase, never a verb: "to that end", "to which".
const DETERMINER_OR_CAPITAL = /^(?:the|a|an|its|their|his|her|all|any|each|every|this|these|those|that|which|what|whom|whose|our|national|\d.*)$/;

/** Mid-sentence act verbs that may open a new clause after "and": not bare forms like "note" or "support". */
function isClauseAct(words: Phrase): boolean {
  const last = words[words.length - 1];
  return words.length > 1 || (/(?:s|ed|ing)$/.test(last) && !NOT_MID_SENTENCE.has(last));
}

/**
 * A task or planned activity in the imperative: "Support the Government's efforts ...", "By 2027, train ...",
 * "Activity 2.1: ...". "Support to the police" is a heading-like noun, not an imperative.
 */
function imperativeAt(tokens: Token[], at: number, end: number): number {
  let t = at;
  if (ACTIVITY_LABELS.has(tokens[t]?.norm ?? '')) return t;
  // "In the first year, support ...": a short opening phrase before the verb.
  for (let k = t; k < Math.min(end, t + 12); k++) {
    if (k > t && tokens[k].breakBefore === 1) {
      if (TASK_VERBS.has(tokens[k].norm) && !/^(?:to|for|of)$/.test(tokens[k + 1]?.norm ?? '')) return k;
      break;
    }
  }
  if (TASK_VERBS.has(tokens[t].norm) && /^\p{Lu}/u.test(tokens[t].raw) && !/^(?:to|for|of)$/.test(tokens[t + 1]?.norm ?? '')) return t;
  return -1;
}

/** After a bare comma only a present-tense act opens a clause ("Condemns ..., calls upon ..."). */
function isPresentAct(words: Phrase): boolean {
  return /s$/.test(words[0]) && !NOT_MID_SENTENCE.has(words[0]);
}

/** Forms that are more often a plain verb or noun inside a clause than a new act ("focuses on and supports the Government"). */
const NOT_MID_SENTENCE = new Set(['supports', 'supported', 'notes', 'stress', 'express', 'concerned', 'aware', 'demands']);

function lookup<T>(tokens: Token[], at: number, index: PhraseIndex<T>): { words: Phrase; value: T } | undefined {
  if (at >= tokens.length || !(classesOf(tokens[at]) & index.bit)) return undefined;
  const candidates = index.byFirstWord.get(tokens[at].norm)!;
  for (const entry of candidates) {
    const { words } = entry;
    if (at + words.length > tokens.length) continue;
    let ok = true;
    for (let i = 1; i < words.length; i++) {
      if (tokens[at + i].norm !== words[i] || tokens[at + i].breakBefore === 2) {
        ok = false;
        break;
      }
    }
    if (ok) return entry;
  }
  return undefined;
}

function matchAt(tokens: Token[], at: number, index: PhraseIndex<true>): number {
  return lookup(tokens, at, index)?.words.length ?? 0;
}

function actAt(tokens: Token[], at: number): { act: SpeechAct; length: number; words: Phrase } | undefined {
  const found = lookup(tokens, at, ACT_PHRASES);
  if (!found) return undefined;
  // "requests for assistance": a noun, not an act
  if (found.words.length === 1 && ACT_NOUNS_BEFORE_FOR.has(tokens[at].norm) && tokens[at + 1]?.norm === 'for' && tokens[at + 1].breakBefore === 0) return undefined;
  return { act: found.value, length: found.words.length, words: found.words };
}

function skipAdverbs(tokens: Token[], at: number, end: number): number {
  for (let guard = 0; guard < 4 && at < end; guard++) {
    const n = matchAt(tokens, at, ADVERBS) || matchAt(tokens, at, CLAUSE_OPENERS);
    if (!n) break;
    at += n;
  }
  return at;
}

/** The separator text between token i-1 and token i. */
function separator(text: string, tokens: Token[], i: number): string {
  return text.slice(i > 0 ? tokens[i - 1].end : 0, tokens[i].start);
}

/** Clauses end at ". ", ";", "!" or "?"; colons and brackets do not end them. */
export function sentenceBreak(sep: string): boolean {
  return /;|[.!?]\s|\.{3}|…/.test(sep);
}

/** A full stop needs a space after it: "1.1" and "U.N." do not end sentences. */
export function fullStop(sep: string): boolean {
  return /[.!?]\s|\.{3}|…/.test(sep);
}

/** "to" opens an infinitive when a word that is not a determiner, a capital or a number follows it. */
function infinitiveAt(tokens: Token[], i: number): boolean {
  if (tokens[i]?.norm !== 'to') return false;
  const next = tokens[i + 1];
  if (!next || next.breakBefore === 2) return false;
  return !DETERMINER_OR_CAPITAL.test(next.norm) && !/^\p{Lu}/u.test(next.raw);
}

const ACTOR_CONCEPTS: Record<string, Actor> = {
  'mission-reference': 'mission',
  'actor-un': 'un',
  'actor-partner': 'partners',
  'actor-host': 'host',
  'actor-party': 'parties',
  'actor-council': 'council',
  'national-force': 'forces',
  'actor-implementer': 'self',
};

interface ActorHit {
  actor: Actor;
  t0: number;
  t1: number;
}

/** Actor hits by start token; where two overlap, the longer (or the more specific) wins. */
function actorIndex(raw: RawHit[], n: number): Array<ActorHit | undefined> {
  const byStart: Array<ActorHit | undefined> = new Array(n);
  for (const h of raw) {
    const actor = ACTOR_CONCEPTS[h.concept];
    if (!actor) continue;
    const existing = byStart[h.t0];
    // "the United Nations police": the mission, not the UN system; "the Government forces": the forces.
    if (!existing || h.t1 > existing.t1 || (h.t1 === existing.t1 && actor === 'mission')) byStart[h.t0] = { actor, t0: h.t0, t1: h.t1 };
  }
  return byStart;
}

/** Actors named from `from` up to (not including) `to`, in order, skipping inner words. */
function actorsIn(actors: Array<ActorHit | undefined>, from: number, to: number): ActorHit[] {
  const found: ActorHit[] = [];
  for (let t = from; t < to; t++) {
    const a = actors[t];
    if (!a) continue;
    found.push(a);
    t = a.t1 - 1;
  }
  return found;
}

const CONTENT_CLASS: Record<string, ActionClass> = {
  process: 'process',
  reform: 'reform',
  integration: 'reform',
  'ssr-explicit': 'reform',
  capability: 'capability',
  governance: 'governance',
  hrddp: 'governance',
  // "is a nationally owned process": the ownership principle is a process.
  ownership: 'process',
};

const SPAN_CUES: Record<string, Role> = {
  'cue-condition': 'condition',
  'cue-frame': 'frame',
  'cue-manner': 'manner',
  'cue-aim': 'aim',
};
/** Each cue concept's role and its place in SPAN_CUES: cues over the same words are applied in that order. */
const SPAN_CUE_ORDER = new Map(Object.entries(SPAN_CUES).map(([concept, role], order) => [concept, { role, order }]));

const ROLE_INDEX = new Map(ROLES.map((r, i) => [r, i]));

/** Words allowed between an agent/target cue and the institution it governs: "by elements of the national". */
const BETWEEN_CUE_AND_INSTITUTION = new Set(structure.cueToInstitutionWords.map((w) => normalizeWord(w)));

/**
 * "The scope and modalities of cantonment ... shall be discussed during the workshop": a provision whose main
 * verb leaves its subject to later talks (a modal, "be", a deferral verb) decides nothing yet; nor does one that
 * says where its content is written ("are provided for in the Protocol").
 */
function defersItsSubject(tokens: Token[], clause: Clause): boolean {
  for (let t = clause.t0 + 2; t < clause.t1; t++) {
    // "... are provided for in the Protocol on Interim Arrangements": the content is written elsewhere.
    if (REFERRED_BY.has(tokens[t - 1].norm) && matchAt(tokens, t, REFERRALS)) return true;
    if (!(classesOf(tokens[t]) & DEFERRAL_VERB) || tokens[t - 1].norm !== 'be') continue;
    if (DEFERRING_MODALS.has(tokens[t - 2].norm)) return true;
  }
  return false;
}

const DEFERRING_MODALS = new Set(structure.modals.filter((m) => !m.includes(' ')).map((m) => normalizeWord(m)));

/** A word that may stand between an agent or target cue and its institution: "by elements of the national", a name. */
function leadsToInstitution(token: Token): boolean {
  return BETWEEN_CUE_AND_INSTITUTION.has(token.norm) || /^\p{Lu}/u.test(token.raw);
}

/** Words that join the items of a list of institutions governed by one agent or target cue. */
const LIST_JOINERS = new Set(structure.institutionListJoiners.map((w) => normalizeWord(w)));

const AGENT_AND_TARGET_CUES = [
  ['cue-agent', 'agent'],
  ['cue-target', 'target'],
] as const;
/** Concepts whose capitalised hits inside a clause are proper names ("the Coordination of Azawad Movements"). */
const NAMEABLE_CONCEPTS = ['process', 'dialogue'];
/** Concepts whose words, inside the capitalised name of a body, are part of that name. */
const NAMED_BODY_CONCEPTS = ['ssr-explicit', 'ssr-name', 'reform'];

/** "Arrangements", not "arrangements" nor "SSR". */
function isCapitalised(word: string): boolean {
  return /^\p{Lu}\p{Ll}/u.test(word);
}

/** The token where each hit of the concepts starts. */
function startsOf(byConcept: Map<string, RawHit[]>, concepts: readonly string[]): Set<number> {
  const starts = new Set<number>();
  for (const concept of concepts) for (const h of byConcept.get(concept) ?? []) starts.add(h.t0);
  return starts;
}

/** The distinct values of a short list, in the order they first appear. */
function distinct<T>(values: T[]): T[] {
  const out: T[] = [];
  for (const value of values) if (!out.includes(value)) out.push(value);
  return out;
}

/** Raw hits grouped by concept, in their order: built once per unit, read by the clause reader and the qualifier. */
export function groupByConcept(raw: RawHit[]): Map<string, RawHit[]> {
  const byConcept = new Map<string, RawHit[]>();
  for (const h of raw) {
    const list = byConcept.get(h.concept);
    if (list) list.push(h);
    else byConcept.set(h.concept, [h]);
  }
  return byConcept;
}

const NO_HITS: RawHit[] = [];

/**
 * 1. Sentences (numbered into `sentenceOf`), then the tokens where clauses start: at clause breaks and at later
 * speech acts ("..., and calls upon the Government to").
 */
function clauseStarts(text: string, tokens: Token[], sentenceOf: number[]): number[] {
  const n = tokens.length;
  const starts: number[] = [0];
  let sentence = 0;
  for (let i = 1; i < n; i++) {
    // Most words follow the previous one after a single space: nothing to look for in the gap then.
    const spaced = tokens[i].start - tokens[i - 1].end === 1 && text.charCodeAt(tokens[i - 1].end) === 32;
    // Below a clause break (tokenize's breakBefore 2) a gap holds no ";", "...", "…" and no stop before a space:
    // no sentence or clause ends there, and only a comma matters.
    const sep = spaced ? ' ' : tokens[i].breakBefore === 2 ? separator(text, tokens, i) : tokens[i].breakBefore === 1 ? ',' : '';
    // Semicolons end a clause; only full stops end a sentence (a task list "...; to support ...; to support ..." is one).
    if (!spaced && fullStop(sep)) sentence++;
    sentenceOf[i] = sentence;
    if (!spaced && sentenceBreak(sep)) {
      starts.push(i);
      continue;
    }
    if (i - starts[starts.length - 1] < 3) continue;
    // Only "and" or a comma can join a new clause (below): most words need no phrase lookup.
    const and = (classesOf(tokens[i]) & AND) !== 0;
    if (!and && (spaced || !sep.includes(','))) continue;
    const afterAnd = and && i + 1 < n ? i + 1 : i;
    const at = skipAdverbs(tokens, afterAnd, n);
    const found = actAt(tokens, at);
    if (!found) continue;
    // The act must follow "and" or a comma ("..., calls upon"), not "the support it calls for"; a bare comma
    // only before a present-tense verb, since ", supported by" and ", as noted in" are not new clauses.
    // (A semicolon has already started a clause above: here only "and" joins one.)
    if (and ? isClauseAct(found.words) : !spaced && sep.includes(',') && isPresentAct(found.words)) starts.push(i);
  }
  return starts;
}

/** A capitalised word in "-ing" that may open a task ("Supporting efforts ...") or a participle ("Speaking at ..."). */
function openingGerund(token: Token): boolean {
  return /^\p{Lu}/u.test(token.raw) && /ing$/.test(token.norm) && token.norm.length > 5;
}

/**
 * "Speaking at the outset of the meeting, the Special Representative said ...": a participle that opens the sentence
 * and a speaker after the comma who says or does something: the speaker's first token and verb; a report of what was
 * said or done, not a task ("Supporting the Government, as requested by the parties, ..." still is one).
 */
function speakerAfterParticiple(text: string, tokens: Token[], actors: Array<ActorHit | undefined>, at: number, end: number): { subject: number; verb: number } | undefined {
  if (!openingGerund(tokens[at])) return undefined;
  for (let t = at + 1; t < Math.min(end, at + 40); t++) {
    const gap = tokens[t].breakBefore;
    if (gap === 0) continue;
    // Inside a clause a break is a bracket or a colon: "by 14 votes (...), the Council" still reaches the
    // speaker; a colon opens a list, not a speaker.
    const sep = gap === 2 ? separator(text, tokens, t) : ',';
    if (sep.includes(':')) return undefined;
    if (!sep.includes(',') || NOT_A_SUBJECT.has(tokens[t].norm)) continue;
    // "Turning to Cyprus, the Council extended ...": the Council's verb, whatever it is, is the clause's.
    const council = matchAt(tokens, t, SUBJECTS);
    if (council) return { subject: t, verb: skipAdverbs(tokens, t + council, end) };
    // "Following the conclusion of RAMSI, we have signed ...": an actor and a finite verb after the comma ("Supporting
    // the Government, the national police and civil society in ..." lists those supported).
    const actor = actors[t];
    if (actor) {
      const verb = skipAdverbs(tokens, actor.t1, end);
      if (verb < end && (FINITE_AUXILIARIES.has(tokens[verb].norm) || matchAt(tokens, verb, MODALS))) return { subject: t, verb };
    }
    // The speaker, then what they did: at least one word of subject, no punctuation before the verb.
    for (let k = t + 1; k < Math.min(end, t + 10) && tokens[k].breakBefore === 0; k++) if (matchAt(tokens, k, SPEAKING)) return { subject: t, verb: k };
  }
  return undefined;
}

/** "It should be noted (that)": the modal at `at`, `length` words long, opens a remark on what follows. */
function remarkAt(tokens: Token[], at: number, length: number): boolean {
  return at > 0 && tokens[at - 1].norm === 'it' && tokens[at + length]?.norm === 'be' && REMARK_PARTICIPLES.has(tokens[at + length + 1]?.norm ?? '');
}

/**
 * The clause [t0, t1), whose modal is at `modalAt`, is reported as said by someone who briefs the Council: "He said
 * that the Mission would ..." before the modal, or "..., she affirmed" at the clause's end.
 */
function briefedBy(tokens: Token[], t0: number, modalAt: number, t1: number): boolean {
  const saysAt = (k: number, end: number) => {
    const length = matchAt(tokens, k, BRIEFERS);
    if (!length) return false;
    const verb = skipAdverbs(tokens, k + length, end);
    return verb < end && matchAt(tokens, verb, SPEAKING) > 0;
  };
  for (let k = t0; k < Math.min(modalAt, t0 + 16); k++) if (saysAt(k, modalAt)) return true;
  for (let k = Math.max(modalAt + 1, t1 - 7); k < t1; k++) if (tokens[k].breakBefore === 1 && saysAt(k, t1)) return true;
  return false;
}

/**
 * The actor ending before token `at` is followed by a verb in the simple past: an irregular past form, or a word
 * in -ed that no "by" follows ("trained by" is a participle), with no verb of the present or the future later in
 * the clause ("the police deployed in the north remain ..." is a participle too).
 */
function simplePastAfter(tokens: Token[], at: number, end: number): boolean {
  // The rest of the actor's name: "the Ministry of Defence created", "the Government of Tarvania adopted".
  const capital = (t: number) => t < end && /^\p{Lu}/u.test(tokens[t].raw);
  for (let k = 0; k < 4 && at < end && tokens[at].breakBefore === 0; k++) {
    if (capital(at)) at++;
    else if (NAME_JOINERS.has(tokens[at].norm) && capital(at + 1) && tokens[at + 1].breakBefore === 0) at += 2;
    else break;
  }
  if (at >= end || tokens[at].breakBefore !== 0 || !pastForm(tokens[at].norm) || tokens[at + 1]?.norm === 'by') return false;
  return !presentFollows(tokens, at + 1, end);
}

/**
 * A verb in the past followed by the year it happened ("started in 2013", "launched in 2009"), among the clause's
 * first thirty words, with no verb of the present after it ("the restructuring launched in 2019 creates ...").
 */
function pastWithYear(tokens: Token[], t0: number, end: number): boolean {
  for (let t = t0 + 1; t < Math.min(end - 2, t0 + 30); t++) {
    if (!pastForm(tokens[t].norm)) continue;
    const preposition = tokens[t + 1].norm;
    if ((preposition !== 'in' && preposition !== 'since') || !YEAR.test(tokens[t + 2].norm)) continue;
    return !presentFollows(tokens, t + 3, end);
  }
  return false;
}

/** An irregular past form (pastTenseVerbs) or a word in -ed: a past tense, or a participle (the callers tell which). */
function pastForm(norm: string): boolean {
  return PAST_TENSE_VERBS.has(norm) || (norm.length > 4 && norm.endsWith('ed'));
}

/** A verb of the present or the future in tokens [from, end): what makes a word in -ed before it a participle. */
function presentFollows(tokens: Token[], from: number, end: number): boolean {
  for (let t = from; t < end; t++) if (PRESENT_TENSE.has(tokens[t].norm) || presentThirdPerson(tokens, t)) return true;
  return false;
}

/** "... implemented in Fiji and Tonga supports ...": a task verb in the third person, after no determiner or preposition. */
function presentThirdPerson(tokens: Token[], t: number): boolean {
  const norm = tokens[t].norm;
  if (!norm.endsWith('s') || tokens[t].breakBefore !== 0) return false;
  const verb = TASK_VERBS.has(norm.slice(0, -1)) || (norm.endsWith('es') && TASK_VERBS.has(norm.slice(0, -2))) || (norm.endsWith('ies') && TASK_VERBS.has(norm.slice(0, -3) + 'y'));
  return verb && !(classesOf(tokens[t - 1]) & SKIPPED) && !NOUN_MARKERS.has(tokens[t - 1].norm);
}

/** Finite verbs that show a subject has just been named: "we have signed", "the Government is". */
const FINITE_AUXILIARIES = new Set(['has', 'have', 'had', 'is', 'are', 'was', 'were']);

/** 2. One clause, tokens [t0, t1), the c-th of its unit: its act, subject, addressees and predicate. */
function readClause(text: string, tokens: Token[], actors: ReturnType<typeof actorIndex>, c: number, t0: number, t1: number, sentenceEnd = t1): Clause {
  const clause: Clause = { start: tokens[t0].start, end: tokens[t1 - 1].end, t0, t1, act: 'describe', addressees: [], predicate: t0, action: 'other', past: false, reporting: false, funding: false };
  for (let t = t0; t < Math.min(t1, t0 + 16); t++) if (classesOf(tokens[t]) & PAST_AUXILIARY) clause.past = true;
  // "Between 2019 and 2023, ...", "In 2015, ...", "Since 2012, ...": a history.
  if (/^(?:between|since|in|during|until|from)$/.test(tokens[t0].norm) && tokens.slice(t0 + 1, t0 + 4).some((t) => YEAR.test(t.norm))) clause.past = true;
  let at = skipAdverbs(tokens, t0, t1);
  let found = actAt(tokens, at);
  // "The members of the Security Council (strongly) condemned", "They called on", "By its resolution 1959
  // (2010) the Security Council requests that ..."
  for (let s = at; !found && s < Math.min(t1, at + 16); s++) {
    const subjectLength = matchAt(tokens, s, SUBJECTS);
    if (!subjectLength) continue;
    // "By the text, the Council reaffirmed": a subject followed by a comma is a phrase of its own.
    if (tokens[s + subjectLength]?.breakBefore === 1) continue;
    const after = skipAdverbs(tokens, s + subjectLength, t1);
    const verb = actAt(tokens, after);
    if (verb) {
      at = after;
      found = verb;
    }
    break;
  }
  // "Citing the deterioration, the Secretary-General called for ...": the speaker's verb, not the participle, acts.
  // Two participles joined by "and" ("Extending the exemptions and reiterating that ..., the resolution restated") put
  // the speaker in the next clause: looked for to the end of the sentence, it still makes the first no task.
  const spoken = found || c > 0 ? undefined : speakerAfterParticiple(text, tokens, actors, at, sentenceEnd);
  if (spoken && spoken.verb < t1) {
    found = actAt(tokens, spoken.verb);
    if (found) at = spoken.verb;
  }
  // A participle before the speaker is no task, even when the speaker's verb is no act ("the Council extended"),
  // and the actors named inside it are not the subject.
  const subjectFrom = spoken && spoken.subject < t1 ? spoken.subject : t0;
  const imperative = found || c > 0 || spoken ? -1 : imperativeAt(tokens, at, t1);
  let actEnd = at;
  if (found) {
    clause.act = found.act;
    clause.actStart = tokens[at].start;
    clause.actEnd = tokens[at + found.length - 1].end;
    actEnd = at + found.length;
  } else if (infinitiveAt(tokens, at)) {
    clause.act = 'task';
    clause.predicate = at + 1;
  } else if (imperative >= 0) {
    clause.act = 'task';
    clause.predicate = imperative;
  } else {
    // A provision: "<subject> shall|will|agree to ...", with the subject before the modal.
    let modalAt = -1;
    let modalLength = 0;
    for (let t = t0; t < Math.min(t1, t0 + 25); t++) {
      const m = matchAt(tokens, t, MODALS);
      if (m && !remarkAt(tokens, t, m)) {
        modalAt = t;
        modalLength = m;
        break;
      }
    }
    // "The Parties request the United Nations to ...": an actor that asks in the present, with no modal.
    const opening = actorsIn(actors, t0, Math.min(t1, t0 + 8))[0];
    const askedAt = opening && opening.t0 <= t0 + 2 ? skipAdverbs(tokens, opening.t1, t1) : -1;
    const asking = askedAt >= 0 && (modalAt < 0 || modalAt > askedAt) ? actAt(tokens, askedAt) : undefined;
    if (asking && ASKING_ACTS.has(asking.act)) {
      clause.act = asking.act;
      clause.subject = opening!.actor;
      clause.actStart = tokens[askedAt].start;
      clause.actEnd = tokens[askedAt + asking.length - 1].end;
      actEnd = askedAt + asking.length;
      found = asking;
    } else if (modalAt >= 0) {
      clause.act = 'provide';
      clause.modal = tokens[modalAt].norm;
      // Reported speech: in "The Council said that the mission would help ...", the mission is the subject.
      const named = actorsIn(actors, subjectFrom, modalAt);
      let that = -1;
      for (let t = modalAt - 1; t > t0 && that < 0; t--) if (tokens[t].norm === 'that') that = t;
      clause.subject = ((that >= 0 ? named.find((a) => a.t0 > that) : undefined) ?? named[0])?.actor;
      if (briefedBy(tokens, subjectFrom, modalAt, t1)) clause.briefed = true;
      let p = modalAt + modalLength;
      while (p < t1 && classesOf(tokens[p]) & SKIPPED) p++;
      // "The Parties shall request the international partners to ...": the provision asks someone else ("shall
      // be decided" is a passive, not an act).
      const nested = tokens[p - 1]?.norm === 'be' ? undefined : actAt(tokens, p);
      if (nested && ASKING_ACTS.has(nested.act)) {
        clause.act = nested.act;
        clause.actStart = tokens[p].start;
        clause.actEnd = tokens[p + nested.length - 1].end;
        actEnd = p + nested.length;
        found = nested;
      } else {
        clause.predicate = p;
      }
    } else if (c === 0 && openingGerund(tokens[at]) && !spoken) {
      clause.act = 'task'; // "(c) Supporting efforts to fight impunity"
      clause.predicate = at;
    }
  }

  // The subject of a plain statement or task ("Output 1.2: the mission supports ..."): an actor at its start.
  if (!clause.subject && (clause.act === 'describe' || (clause.act === 'task' && ACTIVITY_LABELS.has(tokens[at].norm)))) {
    const first = actorsIn(actors, t0, Math.min(t1, t0 + 8))[0];
    if (first) clause.subject = first.actor;
    // "After the war the Armed Forces embarked on ...": what an actor did is a history, not a plan.
    // (Not the Council: a press release tells in the past tense what it asked, "the Council expected the Government to".)
    if (first && first.actor !== 'council' && clause.act === 'describe' && simplePastAfter(tokens, first.t1, t1)) clause.past = true;
  }
  // "The formulation of the policy started in 2013 ...": a verb in the past and the year it happened, whatever the subject.
  if (clause.act === 'describe' && !clause.past && pastWithYear(tokens, t0, t1)) clause.past = true;
  if (found) {
    // Who is asked: actors after the verb, up to the infinitive or "that".
    let p = actEnd;
    let limit = Math.min(t1, actEnd + 14);
    let that = -1;
    for (let t = actEnd; t < limit; t++) {
      if (infinitiveAt(tokens, t)) {
        limit = t;
        break;
      }
      if (tokens[t].norm === 'that' && t <= actEnd + 1) {
        that = t;
        break;
      }
    }
    if (that >= 0) {
      // "Decides that MINUSCA shall ...", "Stresses that support should be aligned with ..."
      let modalAt = -1;
      let modalLength = 0;
      for (let t = that + 1; t < Math.min(t1, that + 30); t++) {
        const m = matchAt(tokens, t, MODALS);
        if (m) {
          modalAt = t;
          modalLength = m;
          break;
        }
      }
      // "Underlines that the reform ... is a nationally owned process": with no modal, a copula leads to what
      // is said of the subject.
      let copula = -1;
      if (modalAt < 0) for (let t = that + 2; t < Math.min(t1, that + 20) && copula < 0; t++) if (classesOf(tokens[t]) & COPULA) copula = t;
      const subjects = actorsIn(actors, that + 1, modalAt >= 0 ? modalAt : copula >= 0 ? copula : Math.min(t1, that + 8));
      if (subjects.length) clause.addressees = distinct(subjects.map((s) => s.actor));
      p = modalAt >= 0 ? modalAt + modalLength : copula >= 0 ? copula + 1 : that + 1;
    } else {
      const named = actorsIn(actors, actEnd, limit);
      // "calls for the release of", "urges enhanced partnership": no addressee named.
      const direct = named.filter((a) => a.t0 <= actEnd + 3 || tokens[a.t0 - 1]?.norm === 'and' || tokens[a.t0 - 1]?.norm === 'for');
      clause.addressees = distinct(direct.map((a) => a.actor));
      // "Requests the Secretary-General to report": what is asked follows the addressee's infinitive; "called for a
      // strengthened commitment to the Government's efforts to ...": with nobody named, it follows the verb.
      const infinitive = limit < t1 && infinitiveAt(tokens, limit);
      p = infinitive && (direct.length || limit === actEnd) ? limit + 1 : actEnd;
      if (/^(?:decide|authorize)$/.test(found.act) && p === actEnd + 1 && !direct.length) clause.addressees = ['council'];
    }
    // "The Government was also called upon to ...", "Member States were urged to ...": a passive asks its subject.
    if (found.words[0] === 'was' || found.words[0] === 'were') {
      const subjects = actorsIn(actors, t0, actEnd - found.length);
      if (subjects.length) clause.addressees = distinct(subjects.map((s) => s.actor));
    }
    while (p < t1 && classesOf(tokens[p]) & SKIPPED) p++;
    clause.predicate = p;
  }
  return clause;
}

/**
 * 3. Roles (into `roleOf`): spans of conditions, frames, manners and aims run to the end of their part of the
 * clause; agents and targets follow their cue; proper names stand where they are.
 */
function assignRoles(text: string, tokens: Token[], raw: RawHit[], byConcept: Map<string, RawHit[]>, clauses: Clause[], clauseOf: number[], roleOf: number[]): void {
  const n = tokens.length;
  const list = (concept: string) => byConcept.get(concept) ?? NO_HITS;
  const spanCues: Array<{ h: RawHit; role: Role; order: number }> = [];
  for (const h of raw) {
    const cue = SPAN_CUE_ORDER.get(h.concept);
    if (cue) spanCues.push({ h, role: cue.role, order: cue.order });
  }
  spanCues.sort((a, b) => a.h.t0 - b.h.t0 || b.h.t1 - a.h.t1 || a.order - b.order);
  // Spans are assigned in order, so a cue inside another span wins for its own words ("in support of X, as well as
  // in the necessary reforms ... in response to gang violence").
  for (const { h, role } of spanCues) {
    const clause = clauses[clauseOf[h.t0]];
    let end = h.t1;
    while (end < clause.t1 && end - h.t0 < 30) {
      const sep = separator(text, tokens, end);
      // A comma ends the span unless the list goes on ("in line with the Plan, and the Architecture").
      if (/,/.test(sep) && !/^(?:and|or|including|as)$/.test(tokens[end].norm)) break;
      if (/[;:.!?]/.test(sep)) break;
      // "in close coordination with partners to support ...": a manner ends where its purpose starts; a frame runs on ("as part of efforts to support SSR").
      if (end > h.t1 && infinitiveAt(tokens, end) && role === 'manner') break;
      end++;
    }
    const index = ROLE_INDEX.get(role)!;
    for (let t = h.t0; t < end; t++) roleOf[t] = index;
  }
  // Agents and targets: the institution right after "by", "committed by", "attacks against".
  // (Most paragraphs have no such cue: the institutions' starts are gathered only for those that do.)
  let institutionStarts: Set<number> | undefined;
  for (const [concept, role] of AGENT_AND_TARGET_CUES) {
    for (const cue of list(concept)) {
      institutionStarts ??= startsOf(byConcept, INSTITUTION_CONCEPTS);
      // "weapons held by the defence forces": owners, not authors.
      // "efforts by the security forces": whose efforts, as "efforts of" them.
      if (role === 'agent' && cue.t0 > 0 && (POSSESSION_VERBS.has(tokens[cue.t0 - 1].norm) || EFFORT_NOUNS.has(tokens[cue.t0 - 1].norm))) continue;
      let t = cue.t1;
      while (t < n && t - cue.t1 < 5 && !institutionStarts.has(t) && leadsToInstitution(tokens[t]) && tokens[t].breakBefore !== 2) t++;
      if (!institutionStarts.has(t)) continue;
      // The cue governs a list of institutions too: "launched by the Armed Forces and the Internal Security Forces",
      // "attacks against the army, the police and the gendarmerie".
      for (let listed = 0; listed < 6; listed++) {
        const institution = raw.filter((h) => h.t0 === t && INSTITUTION_CONCEPTS.includes(h.concept as ConceptId));
        const end = Math.max(...institution.map((h) => h.t1));
        for (let k = t; k < end; k++) roleOf[k] = ROLE_INDEX.get(role)!;
        t = end;
        if (t >= n || tokens[t].breakBefore === 2) break;
        let joined = false;
        while (t < n && t - end < 6 && !institutionStarts.has(t) && tokens[t].breakBefore !== 2 && (LIST_JOINERS.has(tokens[t].norm) || leadsToInstitution(tokens[t]))) {
          if (LIST_JOINERS.has(tokens[t].norm) || tokens[t].breakBefore === 1) joined = true;
          t++;
        }
        if (t >= n || !institutionStarts.has(t) || tokens[t].breakBefore === 2 || !(joined || tokens[t].breakBefore === 1)) break;
      }
    }
  }
  // Proper names: a capitalised process word inside a clause ("the Coordination of Azawad Movements").
  for (const concept of NAMEABLE_CONCEPTS) for (const h of list(concept)) {
    const clause = clauses[clauseOf[h.t0]];
    if (h.t0 > clause.t0 + 1 && /^\p{Lu}/u.test(tokens[h.t0].raw) && !/^\p{Lu}+$/u.test(tokens[h.t0].raw)) {
      for (let t = h.t0; t < h.t1; t++) roleOf[t] = ROLE_INDEX.get('name')!;
    }
  }
  // Reform words inside the longer name of a body ("the Ceasefire and Transitional Security Arrangements Monitoring
  // and Verification Mechanism") name that body: capitalised, inside a clause, and followed by more of the name.
  for (const concept of NAMED_BODY_CONCEPTS) for (const h of list(concept)) {
    const clause = clauses[clauseOf[h.t0]];
    const next = tokens[h.t1];
    if (h.t0 <= clause.t0 + 1 || !next || next.breakBefore !== 0 || h.t1 >= clause.t1) continue;
    if (!isCapitalised(tokens[h.t0].raw) || !isCapitalised(tokens[h.t1 - 1].raw) || !isCapitalised(next.raw)) continue;
    for (let t = h.t0; t < h.t1; t++) roleOf[t] = ROLE_INDEX.get('name')!;
  }
}

/** 4. What each clause is about: a process verb first, else the first content word in the core of the clause. */
function assignActions(tokens: Token[], raw: RawHit[], clauses: Clause[], roleOf: number[]): void {
  const content = raw.filter((h) => CONTENT_CLASS[h.concept]).sort((a, b) => a.t0 - b.t0);
  // The furthest token reached by the content hits up to each one: a clause's search starts at the first hit that
  // reaches past its predicate, not at the paragraph's first (one paragraph of thousands of clauses was quadratic).
  const contentReach: number[] = [];
  let reach = -1;
  for (const h of content) contentReach.push((reach = Math.max(reach, h.t1)));
  /** The first content hit (by start) that ends after `p` and starts before `end`, in no role but the aim. */
  const firstContent = (p: number, end: number): RawHit | undefined => {
    for (let i = firstIndex(content.length, (k) => contentReach[k] > p); i < content.length && content[i].t0 < end; i++) {
      const h = content[i];
      if (h.t1 > p && (roleOf[h.t0] === 0 || ROLES[roleOf[h.t0]] === 'aim')) return h;
    }
    return undefined;
  };
  for (const clause of clauses) {
    const p = clause.predicate;
    if (p >= clause.t1) continue;
    clause.reporting = matchAt(tokens, p, REPORTING_VERBS) > 0;
    clause.funding = matchAt(tokens, p, FUNDING_VERBS) > 0;
    // "shall be determined at a later stage", "shall be discussed during the workshop": deferred to talks.
    const passive = p > 0 && (tokens[p - 1].norm === 'be' || tokens[p - 1].norm === 'been');
    if (matchAt(tokens, p, PROCESS_VERBS) || (passive && classesOf(tokens[p]) & DEFERRAL_VERB) || defersItsSubject(tokens, clause)) {
      clause.action = 'process';
      continue;
    }
    // The first content word at or after the predicate (a hit may start before it: "combatants ... will be integrated").
    const first = firstContent(p, clause.t1);
    // A description has no predicate of its own: a process verb before the content decides ("The advisers met to
    // discuss the national security architecture").
    if (clause.act === 'describe' && first) {
      let processFirst = false;
      for (let t = p; t < first.t0 && !processFirst; t++) if (matchAt(tokens, t, PROCESS_VERBS)) processFirst = true;
      if (processFirst) {
        clause.action = 'process';
        continue;
      }
    }
    if (first) {
      clause.action = CONTENT_CLASS[first.concept] === 'reform' && managedAfter(tokens, first.t1, clause.t1) ? 'process' : CONTENT_CLASS[first.concept];
      continue;
    }
    let framed = false;
    let supportWord = false;
    for (let t = p; t < clause.t1; t++) {
      if (ROLES[roleOf[t]] === 'frame') framed = true;
      if (classesOf(tokens[t]) & SUPPORT_NOUN) supportWord = true;
    }
    clause.action = framed ? 'process' : supportWord ? 'support' : 'other';
  }
}

/**
 * The reform ending before `at` is what the clause manages: "the reforms of the courts and the police are properly
 * linked, sequenced and resourced". Looks for "is" or "are" within a dozen words, in the same stretch of the clause.
 */
function managedAfter(tokens: Token[], at: number, end: number): boolean {
  for (let t = at; t < Math.min(end, at + 12); t++) {
    if (t > at && tokens[t].breakBefore === 2) return false;
    const norm = tokens[t].norm;
    if (norm !== 'is' && norm !== 'are' && norm !== 'be') continue;
    let p = t + 1;
    while (p < end && MANNER_ADVERBS.has(tokens[p].norm)) p++;
    return p < end && PROCESS_PARTICIPLES.has(tokens[p].norm);
  }
  return false;
}

export function readUnit(text: string, tokens: Token[], raw: RawHit[], byConcept = groupByConcept(raw)): OwnReading {
  const n = tokens.length;
  const clauseOf = tokenTable(n);
  const sentenceOf = tokenTable(n);
  const roleOf = tokenTable(n);
  const clauses: Clause[] = [];
  if (!n) return { clauses, clauseOf, sentenceOf, roleOf, referringBack: [], pointingBack: NO_SENTENCES };

  const actors = actorIndex(raw, n);
  // The four readings below are separate functions: each is optimized (and, on a rare branch, deoptimized) on
  // its own, which keeps a cold process from waiting on one very large compilation.
  const starts = clauseStarts(text, tokens, sentenceOf);
  for (let c = 0; c < starts.length; c++) {
    const t0 = starts[c];
    const t1 = c + 1 < starts.length ? starts[c + 1] : n;
    for (let t = t0; t < t1; t++) clauseOf[t] = c;
    // The first clause's speaker may stand in a later clause of its sentence (the search itself stops 40 tokens on).
    let sentenceEnd = t1;
    if (c === 0) while (sentenceEnd < n && sentenceOf[sentenceEnd] === sentenceOf[t0]) sentenceEnd++;
    clauses.push(readClause(text, tokens, actors, c, t0, t1, sentenceEnd));
  }
  assignRoles(text, tokens, raw, byConcept, clauses, clauseOf, roleOf);
  assignActions(tokens, raw, clauses, roleOf);

  // A reference back in a later clause points at what the paragraph itself said first ("... commended the
  // efforts to contain the outbreak. They encouraged cooperation in this regard"), not at the paragraph before.
  const backHits = byConcept.get('cue-back-reference') ?? [];
  const back = backHits.find((h) => clauseOf[h.t0] === 0);
  const referringBack = [...new Set(backHits.map((h) => clauseOf[h.t0]))].sort((a, b) => a - b);
  const pointingBack: number[] = [];
  for (let t = 1; t < n; t++) if (sentenceOf[t] !== sentenceOf[t - 1] && DEMONSTRATIVES.has(tokens[t].norm)) pointingBack.push(sentenceOf[t]);
  return {
    clauses,
    clauseOf,
    sentenceOf,
    roleOf,
    backReference: back ? { start: back.start, end: back.end } : undefined,
    referringBack,
    pointingBack: pointingBack.length ? pointingBack : NO_SENTENCES,
  };
}

export function roleAt(reading: OwnReading, token: number): Role {
  return ROLES[reading.roleOf[token]] ?? 'core';
}
