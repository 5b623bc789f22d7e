/**
 * Paragraph facts: everything the rules need to know about one unit, computed from the unit's own text and
 * cached by that text. Concept hits carry qualifiers (negated, about the mission itself, a topic of a training
 * course, inside a cited resolution title) so that rules can decide what counts.
 */
import { compareHits, type CompiledLexicon, type RawHit } from './lexicon/lexicon';
import { normalizeWord, phraseWords, tokenize, type Token } from './lexicon/tokenize';
import structure from '../../data/structure.json';
import { INSTITUTION_CONCEPTS, type ConceptId } from './concepts';
import { groupByConcept, readUnit, roleAt, type ClauseReading, type OwnReading, type Role } from './reading';
import { detach, findStartingIn, firstIndex, longestSpan, LruCache, tokenTable } from './text';

export interface Hit extends RawHit {
  negated: boolean;
  missionOwn: boolean;
  /** Inside the list of topics of a training course ("training, including in human rights, ..."). */
  trainingTopic: boolean;
  /** Inside the title of a cited resolution or statement ("resolution 2151 (2014) on security sector reform"). */
  citation: boolean;
  /** Names of the concept's contexts found around the hit (see the lexicon's "contexts"). */
  contexts: string[];
  /** The word before the hit (normalised), to tell "will benchmark" from "benchmarks". */
  previous: string;
  /** The word right after the hit (normalised) when only spaces separate them, else "": "dialogue on the constitution". */
  next: string;
  /**
   * The stretch of the unit the hit starts in, counted at every clause-break mark (; : ! ? brackets and full
   * stops): two hits in the same segment have no such mark between them.
   */
  segment: number;
  /** Sentence number within the unit (counted at full stops; see `segment` for the stretches between any clause break). */
  sentence: number;
  /** The clause of the unit's reading the hit sits in. */
  clause: number;
  /** What the words do in their clause: the core of what is asked, or only a condition, frame, manner, aim, agent, target or name. */
  role: Role;
  /**
   * For materiel, capacities and deployment: whether the clause delivers them ("provide vehicles", "strengthen
   * the capacities", "support the redeployment") rather than naming them ("weapons captured", "improvements in
   * capacity", "redeployment named as a goal"). Always true for other concepts.
   */
  delivered: boolean;
}

export interface Deadline {
  start: number;
  end: number;
  text: string;
}

export interface AcronymDefinition {
  acronym: string;
  start: number;
  end: number;
  /** Concept of the phrase the acronym stands for, when a hit ends right before the parenthesis. */
  concept?: string;
}

export interface UnitFacts {
  /** Masked content text the facts were computed from (offsets below are relative to it). */
  length: number;
  tokenCount: number;
  hits: Hit[];
  /** Hits by concept, without those inside cited titles (what the text itself says). */
  byConcept: Map<string, Hit[]>;
  deadlines: Deadline[];
  /** Capitalised short words that may be acronyms, with their token (t0, t1) and segment as hits have them. */
  acronyms: Array<{ text: string; start: number; end: number; t0: number; t1: number; segment: number }>;
  acronymDefinitions: AcronymDefinition[];
  /** A support verb ("support", "strengthen", "provide") directed at a national institution nearby. */
  supportsInstitution: boolean;
  /** The same, aimed at uniformed forces (army, police, gendarmerie) rather than ministries or oversight bodies. */
  supportsForces: boolean;
  /**
   * Reads as a planned activity: an imperative or infinitive opening ("Deliver training ...", "To support
   * ..."), an implementer committing itself ("The mission will ..."), or a labelled activity or output.
   * Recommendations ("should", "must") and descriptions of the past are not activities.
   */
  activity: boolean;
  /** Paragraph numbers referred to: "paragraphs 2 to 4" → [2, 3, 4]. */
  paragraphRefs: number[];
  /**
   * Sub-paragraphs referred to: "paragraph 2 (c)" → {paragraph: 2, sub: "c"}; "subparagraph (c)" has no
   * paragraph (it means one of the unit's own paragraph).
   */
  subRefs: Array<{ paragraph?: number; sub: string }>;
  /** Offset of the first reference to a paragraph, or -1. */
  firstRefAt: number;
  /** The clause reading of the unit's own text (acts, addressees); the roles it gave live on the hits. */
  reading: ClauseReading;
  /** Readings the analysis derives from these facts alone, by name, made when first asked (analysis.ts). */
  derived: Map<string, Hit[]> | undefined;
}

const MISSION_MODIFIERS = new Set(structure.missionModifiers.map((w) => normalizeWord(w)));
/** Phrases besides forces, staff and equipment that "its" makes the mission's own in a clause addressing it. */
const MISSION_OWNABLE_PHRASES = new Set(structure.missionOwnablePhrases);
/**
 * Word lists matched against tokens' normal forms, split and normalised as text is ("well-versed in" is three
 * words; "familiarised" is "familiarized"), the longest first.
 */
function normalizedPhrases(values: string[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const value of values) {
    const words = phraseWords(value);
    seen.set(words.join(' '), words);
  }
  return [...seen.values()].sort((a, b) => b.length - a.length);
}

const NOT_NEGATING_AT_SENTENCE_START = normalizedPhrases(structure.notNegatingAtSentenceStart);
/** Words that make the materiel after them the means of an action rather than what is supplied. */
const MEANS_PREPOSITIONS = normalizedPhrases(structure.meansPrepositions);
const SUPPORTING_CUES: ConceptId[] = ['support-verb', 'cue-building', 'cue-supply', 'capability'];
/** Who may be a partner in an operation conducted "with" them. */
const WITH_PARTNER_CONCEPTS: ConceptId[] = ['national-force', 'security-institution', 'institution-acronym'];
/**
 * Words after staff or equipment that tie them to the mission named next: "of", "deployed to", "serving with",
 * and a part of its make-up, "strength of", "component of".
 */
const MISSION_TAIL = new Set(structure.missionTailVerbs);
const MISSION_MAKE_UP_NOUNS = new Set(structure.missionMakeUpNouns);
const CAPABILITY_DEFICIT = new Set(['capability', 'capability-materiel', 'capability-state']);
/** Phrases of public order that a mission may keep itself (see missionKeepsOrder). */
const PUBLIC_ORDER = new Set(structure.publicOrderPhrases);
/** Words before an institution that make it a partner ("links with armed forces"), and the words they may skip. */
const PARTNER_PREPOSITIONS = new Set(structure.partnerPrepositions);
const PARTNER_DETERMINERS = new Set(structure.partnerDeterminers);
const PARTNERED_OPERATIONS = new Set(structure.partneredOperations);
const OWNABLE = new Set(['security-institution', 'national-force', 'institution-acronym', 'capability', 'capability-materiel', 'capability-state', 'capability-deployment', 'force-capability', 'non-defence-term', 'defence-term']);


interface CachedFacts {
  /** The lexicon the facts were computed with. */
  fingerprint: string;
  /** Read as a strategy's or an agreement's paragraph (see computeFacts). */
  national: boolean;
  facts: UnitFacts;
}

/** Bytes a cached entry holds, roughly: the key text (two bytes a character) and the objects built from it. */
function factsWeight(key: string, entry: CachedFacts): number {
  return 2 * key.length + 160 * entry.facts.hits.length + 120 * entry.facts.reading.clauses.length + 400;
}

/** At most this much memory for cached paragraph facts (plus the entry count limit). */
export const FACTS_CACHE_BYTES = 48 * 1024 * 1024;

// Keyed by the paragraph text alone (a key joined with the lexicon's fingerprint would be a new string to build
// and hash for every paragraph of every lint); the entry says which lexicon it was computed with.
const newFactsCache = () => new LruCache<string, CachedFacts>(30000, FACTS_CACHE_BYTES, factsWeight);
let sharedCache = newFactsCache();

export function clearFactsCache(): void {
  sharedCache = newFactsCache();
}

/** Estimated bytes held by the facts cache. */
export function factsCacheBytes(): number {
  return sharedCache.bytes;
}

export function factsCacheSize(): number {
  return sharedCache.size;
}

/** Drops a paragraph's cached facts (computed while the team patterns' time budget ran out, so incomplete). */
export function forgetFacts(text: string, lexicon: CompiledLexicon): void {
  if (sharedCache.get(text)?.fingerprint === lexicon.fingerprint) sharedCache.delete(text);
}

/**
 * The facts of one paragraph. `national`: the paragraph belongs to a strategy or a peace agreement, whose
 * "military personnel" are the country's own forces, where a Council text's are the mission's strength.
 */
export function computeFacts(text: string, lexicon: CompiledLexicon, cache = true, national = false): UnitFacts {
  if (cache) {
    const cached = sharedCache.get(text);
    if (cached && cached.fingerprint === lexicon.fingerprint && cached.national === national) return cached.facts;
  }
  const facts = computeFactsUncached(text, lexicon, national);
  if (cache) sharedCache.set(detach(text), { fingerprint: lexicon.fingerprint, national, facts });
  return facts;
}

const NATIONAL_PERSONNEL = new Set(structure.nationalPersonnel);
/** What "soldiers" or "police officers" are in the lexicon: a national force. */
const FORCE_CONCEPTS = structure.nationalPersonnelConcepts as ConceptId[];

const isNationalPersonnel = (h: RawHit): boolean => h.concept === 'mission-asset' && NATIONAL_PERSONNEL.has(h.phrase);

/** In a strategy or an agreement, "military personnel" and its kin are the country's forces, not a mission's staff. */
function asNationalPersonnel(raw: RawHit[]): RawHit[] {
  if (!raw.some(isNationalPersonnel)) return raw;
  const read: RawHit[] = [];
  for (const h of raw) {
    if (isNationalPersonnel(h)) for (const concept of FORCE_CONCEPTS) read.push({ ...h, concept });
    else read.push(h);
  }
  return read.sort(compareHits);
}

const ADOPTION_DATE = /^(?:\d|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b)/;

function citationSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const anchor = /(?:\b\d{3,4}\s{0,3}\(\s{0,3}\d{4}\s{0,3}\)|\(\s{0,3}S\/(?:PRST|RES)\/[^)]{1,40}\)|\bS\/(?:PRST|RES)\/\d{4}\/\d{1,4}(?:\s{0,3}\(\d{4}\))?)/g;
  let m: RegExpExecArray | null;
  while ((m = anchor.exec(text))) {
    // Titles are short: look at a bounded window so that long lists stay linear.
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 400);
    const on = /^\s{0,5},?\s{0,5}on\s+/.exec(after);
    if (!on) continue;
    const titleStart = m.index + m[0].length + on[0].length;
    const rest = after.slice(on[0].length);
    // "resolution 2284 (2016) on Thursday", "on 28 April": when it was adopted, not what it is about.
    if (ADOPTION_DATE.test(rest)) continue;
    const stop = /,\s*(?=\d|and\b|as well\b|including\b|the statements?\b|statements?\b|of its\b)|;|\.(?:\s|$)|\s+and\s+(?=of\b|\d|statements?\b|the statements?\b|its\b)|\s+\d{3,4}\s*\(/.exec(rest);
    spans.push([titleStart, titleStart + (stop ? stop.index : rest.length)]);
  }
  // "the statement by its President on the rule of law (S/PRST/2014/5)": the title comes first.
  const symbol = /\(\s{0,3}S\/(?:PRST|RES)\//g;
  while ((m = symbol.exec(text))) {
    const before = text.slice(Math.max(0, m.index - 160), m.index);
    const on = /\bon\s+([^()]{1,120}?)\s*$/.exec(before);
    if (on) {
      const start = m.index - before.length + on.index + on[0].indexOf(on[1]);
      spans.push([start, start + on[1].length]);
    }
  }
  return spans;
}

/** Topics of a training course: "training, including in the area of human rights, ..., to the brigades". */
const NOT_A_TOPIC = new Set(structure.trainingTopics.notATopic);
const LATER_INTRO = new Set(structure.trainingTopics.laterIntroductions);
const TAUGHT_NORMS = new Set(structure.trainingTopics.taughtNorms);
const CONDITIONS_AFTER_COMMA = normalizedPhrases(structure.trainingTopics.conditionsAfterComma);
const TAUGHT_KNOWLEDGE = normalizedPhrases(structure.trainingTopics.taughtKnowledge);

/** The number of words of the first phrase of `phrases` (normalizedPhrases, longest first) that starts at token `at`, or 0. */
function phraseAt(tokens: Token[], at: number, phrases: string[][]): number {
  return phrases.find((words) => words.every((w, k) => tokens[at + k]?.norm === w))?.length ?? 0;
}

function topicIntro(tokens: Token[], t: number): number | undefined {
  const token = tokens[t]?.norm;
  if (token === 'covering' || token === 'about') return t;
  if (token === 'related' && tokens[t + 1]?.norm === 'to') return t;
  if ((token === 'in' || token === 'on') && !NOT_A_TOPIC.has(tokens[t + 1]?.norm ?? '') && !(tokens[t + 1]?.norm === 'the' && NOT_A_TOPIC.has(tokens[t + 2]?.norm ?? ''))) return t;
  return undefined;
}

function trainingTopicSpans(tokens: Token[], trainingHits: RawHit[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const hit of trainingHits) {
    let t = hit.t1;
    if (t < tokens.length && tokens[t].norm === 'including') t++;
    let intro = topicIntro(tokens, t);
    if (intro === undefined) {
      // "training to the battalions bound for the east, covering infantry tactics and human rights";
      // "trained at all levels to respect international humanitarian law": what the course teaches.
      for (let look = hit.t1; look < tokens.length && look - hit.t1 < 20; look++) {
        if (look > hit.t1 && tokens[look].breakBefore === 2) break;
        if (tokens[look].norm === 'to' && TAUGHT_NORMS.has(tokens[look + 1]?.norm ?? '')) {
          intro = look;
          break;
        }
        // "training sessions so that officers are well-versed in the rules of engagement": what they will know.
        const knowledge = phraseAt(tokens, look, TAUGHT_KNOWLEDGE);
        if (knowledge > 0) {
          intro = look + knowledge;
          break;
        }
        if (LATER_INTRO.has(tokens[look].norm) && tokens[look].breakBefore === 1) {
          const next = tokens[look].norm === 'including' ? topicIntro(tokens, look + 1) : look;
          if (next !== undefined) {
            intro = next;
            break;
          }
        }
      }
    }
    if (intro === undefined) continue;
    const from = intro;
    let to = from;
    while (to < tokens.length && to - from < 40) {
      const token = tokens[to];
      if (to > from && token.breakBefore === 2) break;
      if (to > from + 2 && (token.norm === 'to' || token.norm === 'for')) break;
      if (to > from && token.breakBefore === 1 && token.norm === 'as' && tokens[to + 1]?.norm === 'part') break;
      // "..., under civilian control": a condition on the whole support, not one more topic.
      if (to > from && token.breakBefore === 1 && phraseAt(tokens, to, CONDITIONS_AFTER_COMMA) > 0) break;
      to++;
    }
    spans.push([tokens[from].start, tokens[Math.max(from, to - 1)].end]);
  }
  return spans;
}

/** Marks the tokens that fall inside character spans. */
function markTokens(tokens: Token[], spans: Array<[number, number]>): number[] {
  const marks = tokenTable(tokens.length);
  if (!spans.length) return marks;
  spans.sort((a, b) => a[0] - b[0]);
  let s = 0;
  for (let t = 0; t < tokens.length; t++) {
    while (s < spans.length && spans[s][1] < tokens[t].end) s++;
    for (let k = s; k < spans.length && spans[k][0] <= tokens[t].start; k++) {
      if (tokens[t].start >= spans[k][0] && tokens[t].end <= spans[k][1]) {
        marks[t] = 1;
        break;
      }
    }
  }
  return marks;
}

/** For each token, the furthest end of a hit that covers it (0 where none does). */
function coverEnds(tokenCount: number, hits: RawHit[]): number[] {
  const ends = tokenTable(tokenCount);
  for (const h of hits) for (let t = h.t0; t < h.t1; t++) if (h.t1 > ends[t]) ends[t] = h.t1;
  return ends;
}

/** Prefix counts of hit starts per token, for "is there a hit starting in [a, b)" in constant time. */
function startCounts(tokenCount: number, hits: RawHit[]): number[] {
  const counts = tokenTable(tokenCount + 1);
  for (const h of hits) counts[h.t0 + 1]++;
  for (let i = 1; i <= tokenCount; i++) counts[i] += counts[i - 1];
  return counts;
}

function anyStartIn(counts: number[], from: number, to: number): boolean {
  const a = Math.max(0, Math.min(from, counts.length - 1));
  const b = Math.max(0, Math.min(to, counts.length - 1));
  return b > a && counts[b] - counts[a] > 0;
}

const NO_CONTEXTS: string[] = [];
const NO_RAW: RawHit[] = [];
const CLAUSE_JOINERS = new Set(structure.clauseJoiners);
/** Cues of phrases that qualify a whole statement: after a comma, they end the reach of a negation before them. */
const SCOPE_CUES: ConceptId[] = ['cue-condition', 'cue-manner', 'cue-frame'];

/**
 * Qualifies the raw lexicon hits of one unit. Every lookup goes through token-indexed arrays so the work stays
 * linear in the length of the unit, whatever the input.
 */
class HitQualifier {
  private readonly n: number;
  // Each array is only built when the unit has the hits it is about (most units have none of them).
  private inCitation: number[] | null = null;
  private inTopic: number[] | null = null;
  private negatedFrom: number[] | null = null;
  private assetCover: number[] | null = null;
  private refPossessiveEndsAt: number[] | null = null;
  private refStartsAt: number[] | null = null;
  /** For each token inside a reference to the mission, where that reference ends ("police" in "United Nations police"). */
  private refCover: number[] | null = null;
  private assetStarts: number[] | null = null;
  private nationalInstitutionStarts: number[] | null = null;
  private notInstitution: number[] | null = null;
  private readonly startCountCache = new Map<string, number[]>();

  private negationCueAt: number[] | null = null;

  constructor(
    private readonly text: string,
    readonly tokens: Token[],
    readonly raw: RawHit[],
    private readonly lexicon: CompiledLexicon,
    readonly reading: OwnReading,
    readonly segmentOf: number[],
    private readonly byConcept: Map<string, RawHit[]>,
  ) {
    this.n = tokens.length;
  }

  list(id: ConceptId): RawHit[] {
    return this.byConcept.get(id) ?? NO_RAW;
  }

  prepare(): void {
    const { tokens, n } = this;
    if (/\d{3,4}\s{0,3}\(|S\/(?:PRST|RES)\//.test(this.text)) this.inCitation = markTokens(tokens, citationSpans(this.text));
    const training = this.list('cue-training');
    if (training.length) this.inTopic = markTokens(tokens, trainingTopicSpans(tokens, training));

    // Negation: a cue negates the rest of its clause (up to ten words), unless it is one of the exceptions.
    const cues = this.list('cue-negation');
    if (cues.length) {
      this.negatedFrom = tokenTable(n);
      const exceptions = this.list('cue-negation-exception');
      this.negationCueAt = tokenTable(n);
      // A comma that opens a condition, manner or frame ("..., on the basis of individual vetting", "..., in
      // accordance with the policy") starts a phrase about the whole statement: the negation before it stops there.
      const phraseOpens = tokenTable(n);
      for (const concept of SCOPE_CUES) for (const h of this.list(concept)) if (tokens[h.t0].breakBefore === 1) phraseOpens[h.t0] = 1;
      for (const cue of cues) {
        if (exceptions.some((x) => x.t0 <= cue.t0 && x.t1 >= cue.t1)) continue;
        // "Other than the reform of the army, they agreed ...", "Beyond training, ...": at the start of a sentence
        // these cues mean "besides", and what they name is still said.
        if ((cue.t0 === 0 || tokens[cue.t0].breakBefore === 2) && phraseAt(tokens, cue.t0, NOT_NEGATING_AT_SENTENCE_START) === cue.t1 - cue.t0) continue;
        this.negationCueAt[cue.t0] = 1;
        for (let t = cue.t1; t < n && t - cue.t1 < 10; t++) {
          const token = tokens[t];
          if (t > cue.t1 && token.breakBefore === 2) break;
          if (t > cue.t1 && token.breakBefore === 1 && (CLAUSE_JOINERS.has(token.norm) || phraseOpens[t] === 1)) break;
          this.negatedFrom[t] = 1;
        }
      }
    }

    // The mission's own staff and equipment.
    const assets = this.list('mission-asset');
    if (assets.length) {
      this.assetCover = coverEnds(n, assets);
      this.assetStarts = startCounts(n, assets);
    }
    const refs = this.list('mission-reference');
    if (refs.length) {
      this.refPossessiveEndsAt = tokenTable(n + 1);
      this.refStartsAt = tokenTable(n + 1);
      this.refCover = coverEnds(n, refs);
      for (const ref of refs) {
        this.refStartsAt[ref.t0] = 1;
        const last = tokens[ref.t1 - 1].raw;
        const first = tokens[ref.t0].raw;
        if (last.endsWith("'s") || last.endsWith('’s') || first.startsWith('UN') || first.startsWith('United') || /^[A-Z]{3,}/.test(first)) this.refPossessiveEndsAt[ref.t1] = 1;
      }
    }
    if (this.assetStarts) {
      const institutionsRaw = this.list('security-institution').concat(this.list('institution-acronym'));
      this.nationalInstitutionStarts = startCounts(n, institutionsRaw.filter((i) => !this.isMissionOwn(i)));
    }
    const notInstitution = this.list('not-institution');
    if (notInstitution.length) {
      this.notInstitution = tokenTable(n);
      for (const x of notInstitution) this.notInstitution.fill(1, x.t0, x.t1);
    }
  }

  isMissionOwn(hit: RawHit): boolean {
    const { tokens } = this;
    // "the UN Human Rights Due Diligence Policy" is the UN's policy, but it governs the support given to national
    // forces: a safeguard on them, never the mission's own affair.
    if ((hit.concept === 'hrddp' || hit.concept === 'governance') && this.list('hrddp').some((p) => p.t0 <= hit.t0 && hit.t1 <= p.t1)) return false;
    // inside a phrase such as "police component", or running into one ("the military component")
    if (this.assetCover && (this.assetCover[hit.t0] >= hit.t1 || this.assetCover[hit.t1 - 1] > hit.t1)) return true;
    if (!this.refPossessiveEndsAt || !this.refStartsAt || !this.refCover) return false;
    // inside a name of the mission: "United Nations police", "UN police", "International Police Task Force"
    if (this.refCover[hit.t0] >= hit.t1 && OWNABLE.has(hit.concept)) return true;
    if (hit.concept === 'security-institution' && PUBLIC_ORDER.has(hit.phrase) && this.missionKeepsOrder(hit)) return true;
    // what the mission "would consist of" or "comprise": its own make-up ("6,700 troops, 1,622 civilian police"),
    // and the make-up itself ("MINUKA will be composed of")
    if ((OWNABLE.has(hit.concept) || hit.concept === 'reform') && this.inMissionMakeUp(hit)) return true;
    // "UNSMIX military and police personnel", "the Mission's ageing equipment"; "MINUSCA to accelerate the
    // deployment of its remaining police capabilities": "its" is the mission's when the clause addresses it.
    const clause = this.reading.clauses[this.reading.clauseOf[hit.t0]];
    // Only forces, staff, equipment and the few phrases of missionOwnablePhrases can be the mission's own through "its"
    // ("in its oversight" of a committee is not).
    const missionClause = !!clause && (OWNABLE.has(hit.concept) || MISSION_OWNABLE_PHRASES.has(hit.phrase)) && (clause.addressees.includes('mission') || clause.subject === 'mission');
    let t = hit.t0;
    for (let steps = 0; steps <= 4; steps++) {
      if (t <= 0 || tokens[t].breakBefore === 2) break;
      if (this.refPossessiveEndsAt[t]) return true;
      const previous = tokens[t - 1].norm;
      // ... unless national forces were named first in the clause: then "their" is theirs.
      if ((previous === 'its' || previous === 'their') && missionClause && !this.forcesBefore(t - 1)) return true;
      if (!MISSION_MODIFIERS.has(previous)) break;
      t--;
    }
    // "personnel of MONUC", "equipment of the Mission", "personnel deployed to UNIMZ", "units serving with the Mission"
    // ("joint operations with the Mission" are the national forces' operations, supported by the mission); also
    // across one coordinated noun: "the effectiveness and coordination of all United Nations entities".
    let after = hit.t1;
    // A phrase that ends in its own "of" or "of the" ("strength of the"): the mission may follow at once.
    const last = tokens[hit.t1 - 1]?.norm;
    if (last === 'of' && this.refStartsAt[hit.t1] === 1) return true;
    if (last === 'the' && tokens[hit.t1 - 2]?.norm === 'of' && (this.refStartsAt[hit.t1 - 1] === 1 || this.refStartsAt[hit.t1] === 1)) return true;
    const joiner = tokens[after]?.norm;
    if ((joiner === 'and' || joiner === 'or') && tokens[after + 1]?.breakBefore === 0 && tokens[after + 2]?.norm === 'of') after += 2;
    const next = tokens[after]?.norm ?? '';
    const second = tokens[after + 1]?.norm ?? '';
    // "personnel deployed to UNIMZ"; "the military strength of the Mission", a part of the mission's make-up.
    const deployedTo = MISSION_TAIL.has(next) && /^(?:to|in|with)$/.test(second);
    const partOf = MISSION_MAKE_UP_NOUNS.has(next) && second === 'of';
    // "a further 450 police to the United Nations mission": a number of staff sent to the mission is its strength.
    const sentTo = next === 'to' && OWNABLE.has(hit.concept) && this.countedBefore(hit.t0);
    const tail = next === 'of' || sentTo ? 1 : deployedTo || partOf ? 2 : 0;
    return tail > 0 && (this.refStartsAt[after + tail] === 1 || this.refStartsAt[after + tail + 1] === 1);
  }

  /** A number right before token `at`, or one word before it ("450 police", "240 additional police"), with no break. */
  private countedBefore(at: number): boolean {
    for (let t = at - 1; t >= 0 && t >= at - 2; t--) {
      if (this.tokens[t + 1].breakBefore !== 0) return false;
      if (/^\d[\d,.]*$/.test(this.tokens[t].norm)) return true;
    }
    return false;
  }

  /**
   * Public order the mission keeps itself: "mandated UNTAK to maintain law and order" (a clause that addresses the
   * mission, with no national force or institution before the words), "the efforts of UNMIK in helping to restore law
   * and order" (the mission within ten words before, none between). The mission's own task, not a national institution.
   */
  private missionKeepsOrder(hit: RawHit): boolean {
    const clauseIndex = this.reading.clauseOf[hit.t0];
    const clause = this.reading.clauses[clauseIndex];
    if (!clause) return false;
    if (clause.addressees.includes('mission')) return !this.institutionWithin(clause.t0, hit.t0);
    for (let t = hit.t0 - 1; t >= 0 && t >= hit.t0 - 10 && this.reading.clauseOf[t] === clauseIndex; t--) {
      if (this.refStartsAt![t] === 1) return !this.institutionWithin(t, hit.t0);
    }
    return false;
  }

  /** The national institutions named (not inside the mission's name), by first token, and the least end from each on. */
  private institutionIndex: { starts: number[]; leastEndFrom: number[] } | undefined;

  /**
   * Whether a national force or institution starts at token `from` or later and ends by token `to`: one binary search,
   * so that a paragraph repeating "law and order" thousands of times is read in linear time.
   */
  private institutionWithin(from: number, to: number): boolean {
    if (!this.institutionIndex) {
      const institutions = INSTITUTION_CONCEPTS.flatMap((concept) => this.list(concept))
        .filter((i) => !(this.refCover![i.t0] >= i.t1))
        .sort((a, b) => a.t0 - b.t0);
      const leastEndFrom = new Array<number>(institutions.length);
      for (let k = institutions.length - 1, least = Infinity; k >= 0; k--) leastEndFrom[k] = least = Math.min(least, institutions[k].t1);
      this.institutionIndex = { starts: institutions.map((i) => i.t0), leastEndFrom };
    }
    const { starts, leastEndFrom } = this.institutionIndex;
    const k = firstIndex(starts.length, (i) => starts[i] >= from);
    return k < starts.length && leastEndFrom[k] <= to;
  }

  /** Inside a clause that addresses the mission and sets its make-up ("decided that the Mission would consist of ..."). */
  private inMissionMakeUp(hit: RawHit): boolean {
    const clause = this.reading.clauses[this.reading.clauseOf[hit.t0]];
    if (!clause || !(clause.addressees.includes('mission') || clause.subject === 'mission')) return false;
    const verb = this.tokens[clause.predicate]?.norm ?? '';
    // Norms spell -ise as -ize: "comprise" is "comprize" here.
    return clause.predicate < hit.t1 && (verb.startsWith('consist') || verb.startsWith('compriz') || verb.startsWith('compos'));
  }

  /** A national force or institution named earlier in the same clause as token `at`. */
  private forcesBefore(at: number): boolean {
    const clause = this.reading.clauseOf[at];
    return [...this.list('national-force'), ...this.list('security-institution')].some((h) => h.t1 <= at && this.reading.clauseOf[h.t0] === clause);
  }

  /**
   * "co-locate these experts", "train peacekeepers", "the deployment of police advisers": capability or deployment
   * whose object is the mission's own staff.
   */
  aimedAtMission(h: RawHit): boolean {
    if ((h.concept !== 'capability' && h.concept !== 'capability-deployment') || !this.assetStarts) return false;
    // The mission's staff or assets within five words after, in the same sentence ("train. Initially, the Junior
    // Staff Course ..." names other staff).
    const { sentenceOf } = this.reading;
    let end = h.t1;
    while (end < h.t1 + 5 && end < this.n && sentenceOf[end] === sentenceOf[h.t0]) end++;
    return anyStartIn(this.assetStarts, h.t1, end) && !(this.nationalInstitutionStarts && anyStartIn(this.nationalInstitutionStarts, h.t1, h.t1 + 13));
  }

  private startsOf(concept: ConceptId): number[] {
    let counts = this.startCountCache.get(concept);
    if (!counts) this.startCountCache.set(concept, (counts = startCounts(this.n, this.list(concept))));
    return counts;
  }

  contextsOf(h: RawHit): string[] {
    const info = this.lexicon.concepts.get(h.concept);
    if (!info || !info.hasContexts) return NO_CONTEXTS;
    let contexts = NO_CONTEXTS;
    for (const name in info.contexts) {
      const spec = info.contexts[name];
      // a cue starting within the window before the hit or after it, not inside the hit itself
      const found = spec.concepts.some((c) => {
        const counts = this.startsOf(c as ConceptId); // lexicon data, checked against the lexicon by test/data.test.ts
        return anyStartIn(counts, h.t0 - spec.window - 1, h.t0) || anyStartIn(counts, h.t1, h.t1 + spec.window + 1);
      });
      if (found) contexts = contexts === NO_CONTEXTS ? [name] : [...contexts, name];
    }
    return contexts;
  }

  /** A negation before the hit, or inside it ("combatants who are not integrated into the army"). */
  private isNegated(h: RawHit): boolean {
    if (!this.negatedFrom || !this.lexicon.negatable.has(h.concept)) return false;
    if (this.negatedFrom[h.t0] === 1) return true;
    for (let t = h.t0 + 1; t < h.t1; t++) if (this.negationCueAt![t] === 1) return true;
    return false;
  }

  /** Whether a cue of `concept` starts in [from, to) within the same clause as token `at`. */
  /** No comma or clause break before any token from `from` to `to`: the words run on as one phrase. */
  private unbroken(from: number, to: number): boolean {
    for (let t = from; t <= to && t < this.tokens.length; t++) if (this.tokens[t].breakBefore !== 0) return false;
    return true;
  }

  private cueIn(concept: ConceptId, from: number, to: number, at: number): boolean {
    const clause = this.reading.clauseOf[at];
    return this.list(concept).some((c) => c.t0 >= from && c.t0 < to && this.reading.clauseOf[c.t0] === clause);
  }

  /**
   * Materiel counts as capability support when the clause supplies it, not when it is traced, seized or denied;
   * capacities when they are built; deployment when someone supports it.
   */
  private isDelivered(h: RawHit): boolean {
    // "The police lack training and equipment", "a shortage of vehicles": a diagnosis, not support.
    if (CAPABILITY_DEFICIT.has(h.concept) && this.cueIn('cue-deficit', h.t0 - 3, h.t0, h.t0)) return false;
    switch (h.concept) {
      case 'capability-materiel':
        // "provide vehicles", and in the passive "weapons or equipment sold or supplied to the security forces";
        // "a presence provided through Navy patrol vessels" names the means of what is provided, not what is.
        return (
          ((this.cueIn('cue-supply', h.t0 - 7, h.t0, h.t0) && !this.namedAsMeans(h)) || this.cueIn('cue-supply', h.t1, h.t1 + 4, h.t0)) &&
          !this.cueIn('cue-arms-control', h.t0 - 4, h.t1 + 3, h.t0)
        );
      case 'capability-state':
        // "strengthen the capacities of", and in the passive "sharing capacities will be expanded"
        // No comma between: "progress on state-building, institutional capacity remains weak" lists two things.
        return (
          this.list('cue-building').some((c) => c.t0 >= h.t0 - 5 && c.t1 <= h.t0 && this.unbroken(c.t1, h.t0) && this.reading.clauseOf[c.t0] === this.reading.clauseOf[h.t0]) ||
          this.cueIn('cue-building', h.t1, h.t1 + 4, h.t0)
        );
      case 'capability':
        // "the Mission conducted joint operations with the national army": the mission's own operation, the forces its
        // partners; "to support the army through joint operations with its brigades" still supports them.
        return !(PARTNERED_OPERATIONS.has(h.phrase) && this.withForcesAfter(h) && !this.supportedBefore(h));
      case 'capability-deployment':
        // Someone supports it earlier in the clause ("to support the Government's efforts ..., including through the
        // redeployment of the army"); "calls on the Government to redeploy its forces" names a goal.
        return this.supportedBefore(h);
      default:
        return true;
    }
  }

  /** Someone supports, builds or supplies earlier in the hit's clause. */
  private supportedBefore(h: RawHit): boolean {
    return SUPPORTING_CUES.some((c) => this.cueIn(c, 0, h.t0, h.t0));
  }

  /** National forces or institutions starting in the five words after "with", with no break: partners of the hit. */
  private withForcesAfter(h: RawHit): boolean {
    const at = h.t1;
    if (at >= this.n || !PARTNER_PREPOSITIONS.has(this.tokens[at].norm) || this.tokens[at].breakBefore !== 0) return false;
    let end = at + 1;
    while (end < at + 6 && end < this.n && this.tokens[end].breakBefore === 0) end++;
    return WITH_PARTNER_CONCEPTS.some((c) => anyStartIn(this.startsOf(c), at + 1, end));
  }

  /** Materiel right after "through", "via", "by means of" or "using" (at most two words between, no break). */
  private namedAsMeans(h: RawHit): boolean {
    for (let t = h.t0 - 1; t >= 0 && t >= h.t0 - 5; t--) {
      if (this.tokens[t + 1].breakBefore !== 0) return false;
      const length = phraseAt(this.tokens, t, MEANS_PREPOSITIONS);
      if (length && h.t0 - (t + length) <= 2) return true;
    }
    return false;
  }

  /** The word at token t when only spaces separate it from the token before, else "". */
  private nextWord(t: number): string {
    const token = this.tokens[t];
    if (!token) return '';
    const from = this.tokens[t - 1].end;
    if (token.start - from === 1 && this.text.charCodeAt(from) === 32) return token.norm;
    return token.start > from && /^\s+$/.test(this.text.slice(from, token.start)) ? token.norm : '';
  }

  qualify(): Hit[] {
    const { tokens } = this;
    const hits: Hit[] = [];
    for (const h of this.raw) {
      if (h.concept.startsWith('cue-')) continue;
      if (h.concept === 'security-institution' && this.notInstitution && this.notInstitution[h.t0] && this.notInstitution[h.t1 - 1]) continue;
      hits.push({
        concept: h.concept,
        phrase: h.phrase,
        start: h.start,
        end: h.end,
        t0: h.t0,
        t1: h.t1,
        negated: this.isNegated(h),
        missionOwn: this.isMissionOwn(h) || this.aimedAtMission(h),
        trainingTopic: !!this.inTopic && this.inTopic[h.t0] === 1 && this.inTopic[h.t1 - 1] === 1,
        citation: !!this.inCitation && this.inCitation[h.t0] === 1 && this.inCitation[h.t1 - 1] === 1,
        contexts: this.contextsOf(h),
        previous: h.t0 > 0 ? tokens[h.t0 - 1].norm : '',
        next: this.nextWord(h.t1),
        segment: this.segmentOf[h.t0],
        sentence: this.reading.sentenceOf[h.t0],
        clause: this.reading.clauseOf[h.t0],
        role: roleAt(this.reading, h.t0),
        delivered: this.isDelivered(h),
      });
    }
    return hits;
  }
}

/** The institution at token `at` follows "with" (past an article or possessive): a partner, not an object. */
function partnerAfterWith(tokens: Token[], at: number): boolean {
  let t = at - 1;
  while (t >= 0 && t >= at - 2 && PARTNER_DETERMINERS.has(tokens[t].norm) && tokens[t + 1].breakBefore === 0) t--;
  return t >= 0 && PARTNER_PREPOSITIONS.has(tokens[t].norm) && tokens[t + 1].breakBefore === 0;
}

function supportsAnInstitution(q: HitQualifier, hits: Hit[], concepts: string[], reach = 6): boolean {
  // Most paragraphs have no support verb: then nothing below needs building.
  if (!q.list('support-verb').length) return false;
  const institutions = hits.filter((h) => concepts.includes(h.concept) && !h.missionOwn && !h.citation && h.role !== 'agent' && h.role !== 'target');
  if (!institutions.length) return false;
  const starts = startCounts(q.tokens.length, institutions);
  return q.list('support-verb').some((verb) => {
    if (q.tokens[verb.t0 - 1]?.norm === 'in' && q.tokens[verb.t1]?.norm === 'of') return false; // "in support of" frames, it does not task
    if (!anyStartIn(starts, verb.t1, verb.t1 + reach + 1)) return false;
    const target = institutions.find((i) => i.t0 >= verb.t1 && i.t0 - verb.t1 <= reach);
    if (!target || q.reading.sentenceOf[target.t0] !== q.reading.sentenceOf[verb.t0]) return false;
    // "developed links with armed forces in the region": the forces after "with" are partners, not what is built.
    if (partnerAfterWith(q.tokens, target.t0)) return false;
    // "strengthen parliamentary oversight of the armed forces" supports the overseers, not the forces.
    return !hits.some((h) => h.concept === 'governance' && h.t0 >= verb.t1 && h.t1 <= target.t0);
  });
}

/**
 * Support to national forces for their operations ("assistance to support the national police's efforts to
 * combat gang violence", "support the army in its operations against armed groups") is capability support even
 * when no training or equipment is named.
 */
function operationalSupport(q: HitQualifier, hits: Hit[]): Hit | undefined {
  // "support security sector reform": the words "security sector" in the field's name are not the forces supported.
  const names = hits.filter((h) => h.concept === 'ssr-name');
  const insideName = (h: Hit) => !!findStartingIn(names, h.t0 - longestSpan(names), h.t0, (n) => h.t1 <= n.t1);
  const forces = hits.filter((h) => h.concept === 'national-force' && !h.missionOwn && !h.citation && h.role !== 'agent' && h.role !== 'target' && !insideName(h));
  // ... or so that they can take over security from the mission ("... so that they can assume full responsibility
  // for security"): readiness for the handover.
  const aims = hits.filter((h) => (h.concept === 'operational-aim' || h.concept === 'security-handover') && !h.negated);
  if (!forces.length || !aims.length) return undefined;
  for (const verb of q.list('support-verb')) {
    if (q.tokens[verb.t0 - 1]?.norm === 'in' && q.tokens[verb.t1]?.norm === 'of') continue;
    const force = forces.find((f) => f.t0 >= verb.t1 && f.t0 - verb.t1 <= 6 && f.sentence === q.reading.sentenceOf[verb.t0]);
    if (!force || !aims.some((a) => a.t0 > force.t0 && a.sentence === force.sentence && a.t0 - force.t1 <= 12)) continue;
    return {
      ...force,
      concept: 'capability',
      phrase: 'operational support',
      start: verb.start,
      end: force.end,
      t0: verb.t0,
      t1: force.t1,
      negated: false,
      trainingTopic: false,
      contexts: [],
      segment: q.segmentOf[verb.t0],
      role: roleAt(q.reading, verb.t0),
      delivered: true,
    };
  }
  return undefined;
}

/** Two to eight ASCII letters, the first a capital and at least one more capital: "UN", "MINUSCA", "DDR", "FARDC". */
export function isAcronymShape(word: string): boolean {
  const n = word.length;
  if (n < 2 || n > 8) return false;
  let c = word.charCodeAt(0);
  if (c < 65 || c > 90) return false;
  let capitals = 1;
  for (let i = 1; i < n; i++) {
    c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) capitals++;
    else if (c < 97 || c > 122) return false;
  }
  return capitals >= 2;
}

function acronymsOf(text: string, tokens: Token[], hits: Hit[], segmentOf: number[]): Pick<UnitFacts, 'acronyms' | 'acronymDefinitions'> {
  const acronyms: UnitFacts['acronyms'] = [];
  const acronymDefinitions: AcronymDefinition[] = [];
  let hitsEndingAt: Map<number, Hit[]> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!isAcronymShape(token.raw)) continue;
    acronyms.push({ text: token.raw, start: token.start, end: token.end, t0: i, t1: i + 1, segment: segmentOf[i] });
    if (i === 0) continue;
    const before = text.slice(Math.max(tokens[i - 1].end, token.start - 4), token.start);
    const after = text.slice(token.end, Math.min(tokens[i + 1]?.start ?? text.length, token.end + 4));
    if (!/\(\s*$/.test(before) || !/^\s*\)/.test(after)) continue;
    if (!hitsEndingAt) {
      hitsEndingAt = new Map();
      for (const h of hits) hitsEndingAt.set(h.t1, [...(hitsEndingAt.get(h.t1) ?? []), h]);
    }
    const defined = (hitsEndingAt.get(i) ?? []).find((h) => h.concept === 'security-institution' || h.concept === 'mission-reference' || h.concept === 'mission-asset');
    // "United Nations Police (UNPOL)" defines a mission acronym, not one for national forces.
    const concept = defined && defined.concept === 'security-institution' && defined.missionOwn ? 'mission-asset' : defined?.concept;
    acronymDefinitions.push({ acronym: token.raw, start: token.start, end: token.end, concept });
  }
  return { acronyms, acronymDefinitions };
}


function subRefsOf(text: string): UnitFacts['subRefs'] {
  const refs: UnitFacts['subRefs'] = [];
  const re = /\b(?:sub-?paragraphs?\s{1,3}(\d{1,3})?\s{0,2}\(([a-z]{1,4})\)|paragraphs?\s{1,3}(\d{1,3})\s{0,2}\(([a-z]{1,4})\))/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && refs.length < 100) {
    const paragraph = m[1] ?? m[3];
    refs.push({ paragraph: paragraph ? Number(paragraph) : undefined, sub: (m[2] ?? m[4]).toLowerCase() });
  }
  return refs;
}

/**
 * A word after a number that makes it a count ("5, 20 troops"), not one more paragraph ("3, 4 and 6 above"):
 * read the same by the facts' references and by renumbering (fixes.ts).
 */
export const COUNTED = /^\s+(?!(?:above|below|of|and|or|to|through|respectively|hereof|herein|thereof|as|in|on|is|are|shall|which|that|be|was|were|has|have)\b)\p{Ll}/u;

/**
 * Paragraph numbers a unit refers to, with every number of a list and range: "paragraph 5", "paragraphs 3 to 5"
 * (3, 4, 5), "paragraphs 4 and 7" (4, 7), "paragraphs 2, 4 and 6", "paragraphs 3-5 and 8", "OP3". A number followed by
 * a sub-paragraph ("paragraph 2 (c)") is a sub-reference (subRefsOf).
 */
function paragraphRefsOf(text: string): number[] {
  const refs: number[] = [];
  const head = /(?<![-\w])(?:paragraphs?\s{1,3}|OPs?[ \t\u00a0]?)(?=\d)/gi;
  const item = /(\d{1,3})(?!\d)(?!\s{0,2}\([a-z]{1,4}\))(?:\s{0,3}(?:to|through|-|–)\s{0,3}(\d{1,3})(?!\d))?/y;
  const separator = /\s{0,3}(?:,\s{0,3}(?:(?:and|or)\s{1,3})?|(?:and|or)\s{1,3})/y;
  for (let h = head.exec(text); h && refs.length < 500; h = head.exec(text)) {
    let at = h.index + h[0].length;
    for (;;) {
      item.lastIndex = at;
      const m = item.exec(text);
      if (!m) break;
      // Not the first of a list, and followed by a word: a count ("paragraphs 3 and 4, 20 troops"), not a paragraph.
      if (at > h.index + h[0].length && COUNTED.test(text.slice(item.lastIndex, item.lastIndex + 30))) break;
      const from = Number(m[1]);
      const to = m[2] ? Number(m[2]) : from;
      for (let k = from; k <= Math.min(to, from + 50); k++) refs.push(k);
      at = item.lastIndex;
      separator.lastIndex = at;
      const sep = separator.exec(text);
      if (!sep || !/^\d/.test(text.slice(separator.lastIndex, separator.lastIndex + 1))) break;
      at = separator.lastIndex;
    }
    head.lastIndex = Math.max(head.lastIndex, at);
  }
  return refs;
}

const NO_BY_CONCEPT = new Map<string, Hit[]>();

/** The segment of every token: how many clause-break marks (; : ! ? brackets, full stops) come before it. */
function segmentsOf(tokens: Token[]): number[] {
  const segments = tokenTable(tokens.length);
  let segment = 0;
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].breakBefore === 2) segment++;
    segments[i] = segment;
  }
  return segments;
}

const NO_REFS: number[] = [];
const NO_SUB_REFS: UnitFacts['subRefs'] = [];

/** A unit's hits by concept, as rules look them up: cited titles are not the text's own language. */
export function hitsByConcept(hits: readonly Hit[]): Map<string, Hit[]> {
  const byConcept = new Map<string, Hit[]>();
  for (const h of hits) {
    if (h.citation) continue;
    const group = byConcept.get(h.concept);
    if (group) group.push(h);
    else byConcept.set(h.concept, [h]);
  }
  return byConcept;
}

function computeFactsUncached(text: string, lexicon: CompiledLexicon, national: boolean): UnitFacts {
  // Most paragraphs refer to no paragraph: one scan for the word spares the three reference expressions.
  const mentionsParagraph = /paragraph|\bOPs?\s?\d/i.test(text);
  const tokens = tokenize(text);
  const matched = lexicon.match(text, tokens);
  const raw = national ? asNationalPersonnel(matched) : matched;
  let hits: Hit[] = [];
  let byConcept = NO_BY_CONCEPT;
  let supportsInstitution = false;
  let supportsForces = false;
  const rawByConcept = groupByConcept(raw);
  const reading = readUnit(text, tokens, raw, rawByConcept);
  const segmentOf = segmentsOf(tokens);
  // A planned activity: a task in the imperative or infinitive, or an implementer committing itself ("The
  // mission will ..."). Recommendations ("should") and descriptions of the past are not activities.
  const activity = reading.clauses.some((c, i) => (i === 0 && c.act === 'task') || (c.act === 'provide' && (c.subject === 'mission' || c.subject === 'un' || c.subject === 'self') && !/^(?:should|must|may|would)$/.test(c.modal ?? '')));
  if (raw.length) {
    const q = new HitQualifier(text, tokens, raw, lexicon, reading, segmentOf, rawByConcept);
    q.prepare();
    hits = q.qualify();
    supportsInstitution = supportsAnInstitution(q, hits, ['security-institution', 'institution-acronym']);
    // "support the Ministry of Interior and the National Police": the forces may come second in the list.
    supportsForces = supportsAnInstitution(q, hits, ['national-force', 'institution-acronym'], 10);
    const operational = operationalSupport(q, hits);
    if (operational) hits.push(operational);
    byConcept = hitsByConcept(hits);
  }
  return {
    length: text.length,
    tokenCount: tokens.length,
    hits,
    byConcept,
    deadlines: hits.filter((h) => h.concept === 'deadline').map((h) => ({ start: h.start, end: h.end, text: detach(text.slice(h.start, h.end)) })),
    ...acronymsOf(text, tokens, hits, segmentOf),
    supportsInstitution,
    supportsForces,
    activity,
    paragraphRefs: mentionsParagraph ? paragraphRefsOf(text) : NO_REFS,
    subRefs: mentionsParagraph ? subRefsOf(text) : NO_SUB_REFS,
    firstRefAt: mentionsParagraph ? text.search(/(?<![-\w])(?:sub-?)?paragraphs?\s{1,3}(?:\d|\()/i) : -1,
    // The per-token arrays served the hits above; the cache keeps only the clauses.
    reading: { clauses: reading.clauses, backReference: reading.backReference, referringBack: reading.referringBack, pointingBack: reading.pointingBack },
    derived: undefined,
  };
}
