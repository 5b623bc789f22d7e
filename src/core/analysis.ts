/**
 * The document pass: completes each unit's clause reading with what only the whole document knows (the lead-in
 * a task hangs from, what "these efforts" refers back to, acronyms defined elsewhere, the document type) and
 * decides, from that reading rather than from words meeting in a paragraph, which units are SSR content, which
 * ask the mission, the UN or partners for support, and which the paragraph rules judge.
 */
import structure from '../../data/structure.json';
import type { DocumentModel, Unit } from './model/model';
import type { MaskedText } from './model/mask';
import { phraseAlternation } from './model/structure';
import { hitsByConcept, type Hit, type UnitFacts } from './facts';
import { INSTITUTION_CONCEPTS, type ConceptId } from './concepts';
import { ASKING_ACTS, DEMONSTRATIVES, type Actor, type Clause, type SpeechAct } from './reading';
import { detach, findStartingIn, firstIndex, longestSpan } from './text';

export type DocType = 'mandate' | 'strategy' | 'peace-agreement';
export const DOC_TYPES: DocType[] = ['mandate', 'strategy', 'peace-agreement'];

/** Why a unit is SSR content. */
export type SsrBasis = 'explicit' | 'institution' | 'lead-in' | 'strategy' | 'back-reference';

/** The reading of a unit in its document. */
export interface UnitReading {
  /** The act of the unit's first clause; a task takes its lead-in's act. */
  act: SpeechAct;
  /** Who the unit's asking clauses address (a task: its lead-in's addressees). */
  addressees: Actor[];
  /** Asks the mission, the UN or partners for support; asks the host or parties only; or asks nobody. */
  asks: 'support' | 'host' | 'none';
  ssrBasis?: SsrBasis;
  /** The unit "these efforts" or "in this regard" refers back to. */
  refersTo?: number;
  /** National forces are what the unit is about: named in it, or in the lead-in or the unit it refers back to. */
  aboutForces: boolean;
  /** In a strategy, the unit sits in a section of analysis ("Context", "Background"), not of plans. */
  analysis: boolean;
  /** Governance stated for a whole group of units: by the lead-in the unit hangs from, or as a condition in its section. */
  groupGovernance: boolean;
}

export interface AnalyzedUnit {
  unit: Unit;
  facts: UnitFacts;
  /** Absolute offset of the text the facts were computed from. */
  offset: number;
  reading: UnitReading;
  ssr: boolean;
  /** The hit that made the unit SSR content. */
  ssrEvidence?: Hit;
  /** Asks the mission, the UN or partners for support (not the host alone, not a preambular paragraph). */
  ask: boolean;
  /** Paragraph rules look at this unit. */
  judged: boolean;
  /** Other units that name this one ("support under paragraph 3", "subparagraph 2 (c)"). */
  referencedBy: AnalyzedUnit[];
  /** Units this one names ("under the conditions set out in paragraph 6"). */
  references: AnalyzedUnit[];
}

export interface DocumentAnalysis {
  model: DocumentModel;
  docType: DocType;
  units: AnalyzedUnit[];
  /** Acronyms the text defines for national forces ("Sarnovan Defence and Security Forces (SDSF)"). */
  forceAcronyms: Set<string>;
  /**
   * Who "we" and "the section" are in a strategy: the mission when the text names the mission as an actor (a
   * mission's SSR strategy), else the host government (a national security strategy).
   */
  voice: 'mission' | 'host';
  /** A strategy about security sector reform itself (its title or opening names SSR), not a broader security strategy. */
  ssrStrategy: boolean;
}

const NON_CONTENT = new Set(['title', 'heading', 'formula']);
const ANALYSIS_HEADINGS = structure.analysisHeadings.map((h) => h.toLowerCase());
// Heading texts repeat from one lint of a draft to the next (the editor lints at every keystroke).
const analysisHeadingCache = new Map<string, boolean>();

/** A heading over a strategy's analysis ("Context analysis", "Conflict analysis"), whatever its punctuation. */
function isAnalysisHeading(heading: string): boolean {
  let known = analysisHeadingCache.get(heading);
  if (known === undefined) {
    const words = ` ${heading.toLowerCase().replace(/[^\p{L}]+/gu, ' ')} `;
    known = ANALYSIS_HEADINGS.some((h) => words.includes(` ${h} `));
    if (heading.length > 200) return known;
    if (analysisHeadingCache.size >= 5000) analysisHeadingCache.clear();
    // Detached: a slice would keep the whole draft it was cut from alive.
    analysisHeadingCache.set(detach(heading), known);
  }
  return known;
}
const NO_HITS: Hit[] = [];
const CAPABILITY_CONCEPTS: ConceptId[] = ['capability', 'capability-materiel', 'capability-state', 'capability-deployment'];
const EXTERNAL: ReadonlySet<Actor> = new Set(['mission', 'un', 'partners']);

const VERB_MARKERS = new Set(structure.verbMarkers);
const TOPIC_PREPOSITIONS = new Set(structure.topicPrepositions);
const AIM_PREPOSITIONS = new Set(structure.aimPrepositions);
/** A page's contact or reference line ("For more information, ..."), by its opening words. */
const FURNITURE_OPENER = new RegExp(`^[\\s\\-\u2022*]*(?:${phraseAlternation(structure.pageFurniture.openers)})\\b`, 'i');
/** A news report's attribution line ("..., disclosed this at a forum."), one sentence with a speaker's verb and "this". */
const FURNITURE_ATTRIBUTION = new RegExp(`\\b(?:${phraseAlternation(structure.pageFurniture.attributions)})\\b`, 'i');

/** The hit's word is used as a verb: a modal or "to" right before it ("the mission will benchmark its support"). */
export function usedAsVerb(h: Hit): boolean {
  return VERB_MARKERS.has(h.previous);
}

/** A preposition that names a subject follows the hit right away ("dialogue on the constitution"). */
export function subjectFollows(h: Hit): boolean {
  return TOPIC_PREPOSITIONS.has(h.next);
}

/** "to" or "for" right before the hit makes it an aim ("to restore State authority", "for the restoration of"). */
export function introducedAsAim(h: Hit): boolean {
  return AIM_PREPOSITIONS.has(h.previous);
}

/**
 * Readings that depend on a unit's own facts only, kept with the facts: the editor analyses every paragraph again on
 * each keystroke, and an unchanged paragraph keeps its facts object. The arrays are shared: callers must not change them.
 */
function memoOnFacts(u: AnalyzedUnit, key: string, compute: () => Hit[]): Hit[] {
  const derived = (u.facts.derived ??= new Map());
  let hits = derived.get(key);
  if (!hits) derived.set(key, (hits = compute()));
  return hits;
}

const NO_NAMES: ReadonlySet<string> = new Set();
/** Concepts whose hits in a strategy's title name the plan the document is. */
const SELF_NAME_CONCEPTS: ConceptId[] = ['ssr-explicit', 'ssr-strategy', 'strategy-plan', 'reform'];

/** A name as compared: lower case, one space between words. */
function nameKey(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The unit's hits that may name a plan, each with its words as written. */
function planNameHits(model: DocumentModel, unit: Unit, f: UnitFacts): Array<{ hit: Hit; text: string }> {
  return SELF_NAME_CONCEPTS.flatMap((concept) =>
    (f.byConcept.get(concept) ?? []).map((hit) => ({ hit, text: model.masked.slice(unit.contentStart + hit.start, unit.contentStart + hit.end) })),
  );
}

/** The plan names of several words in the title block ("National Security Strategy", "Defence White Paper"). */
function titleSelfNames(model: DocumentModel, facts: UnitFacts[], opening: Unit[]): Set<string> {
  const names = new Set<string>();
  for (const u of opening) {
    if (u.kind !== 'title' && u.kind !== 'heading') continue;
    const f = facts[u.id];
    if (!f) continue;
    for (const { text } of planNameHits(model, u, f)) {
      const key = nameKey(text);
      if (key.includes(' ')) names.add(key);
    }
  }
  return names;
}

/** Whether the hit lies inside one of the spans. */
function insideAny(spans: readonly Hit[], hit: Hit): boolean {
  return spans.some((span) => span.start <= hit.start && hit.end <= span.end);
}

/**
 * The plan names a strategy uses for itself in its text: a name inside its reference to itself ("This National
 * Security Strategy"); when it calls itself by a capitalised head noun ("This Policy", "the Strategy"), the
 * capitalised names of several words that end in that noun ("the National Security Policy"); and a name it defines
 * with an acronym and then speaks of itself by ("a comprehensive National Security Policy (NSP)", then "The NSP is
 * introduced as ..." and "Through the NSP, ..."), the acronym after "the" in at least two other paragraphs (a name
 * defined and not used again is another paper). The corpus and many drafts carry no such name in the title.
 */
function textSelfNames(model: DocumentModel, facts: UnitFacts[]): Set<string> {
  const names = new Set<string>();
  const heads = new Set<string>();
  const candidates: string[] = [];
  const defined: Array<{ key: string; acronym: string; unit: number }> = [];
  for (const unit of model.units) {
    const f = facts[unit.id];
    if (!f || NON_CONTENT.has(unit.kind)) continue;
    const selves = f.byConcept.get('strategy-self') ?? [];
    for (const self of selves) {
      const text = model.masked.slice(unit.contentStart + self.start, unit.contentStart + self.end);
      const head = /(\p{Lu}[\p{L}]*)$/u.exec(text);
      if (head) heads.add(head[1].toLowerCase());
    }
    for (const { hit, text } of planNameHits(model, unit, f)) {
      const key = nameKey(text);
      if (!key.includes(' ')) continue;
      // Inside "this defence white paper" the name is the paper's own, in whatever case.
      if (insideAny(selves, hit)) names.add(key);
      else if (/^\p{Lu}/u.test(text)) candidates.push(key);
      if (!/^\p{Lu}/u.test(text)) continue;
      const definition = f.acronymDefinitions.find((d) => d.start > hit.end && d.start - hit.end <= 2);
      if (definition) defined.push({ key, acronym: definition.acronym, unit: unit.id });
    }
  }
  for (const key of candidates) if (heads.has(key.slice(key.lastIndexOf(' ') + 1))) names.add(key);
  for (const { key, acronym, unit } of defined) if (acronymUses(model, facts, acronym, unit) >= 2) names.add(key);
  return names;
}

/** The paragraphs other than `definedIn` that speak of "the" acronym ("The NSP is ...", "Through the NSP"). */
function acronymUses(model: DocumentModel, facts: UnitFacts[], acronym: string, definedIn: number): number {
  let uses = 0;
  for (const other of model.units) {
    const f = facts[other.id];
    if (!f || other.id === definedIn || NON_CONTENT.has(other.kind)) continue;
    const afterThe = (start: number) => /\bthe\s+$/i.test(model.masked.slice(other.contentStart + Math.max(0, start - 5), other.contentStart + start));
    if (f.acronyms.some((a) => a.text === acronym && afterThe(a.start))) uses++;
  }
  return uses;
}

/**
 * The unit's facts without the hits inside a capitalised repeat of the document's own name, or inside its reference
 * to itself ("this defence white paper"), for this document only
 * (the shared facts and what is derived from them stay as they are).
 */
function withoutSelfNames(model: DocumentModel, unit: Unit, f: UnitFacts, names: ReadonlySet<string>): UnitFacts {
  const selves = f.byConcept.get('strategy-self') ?? [];
  const own = planNameHits(model, unit, f).filter(({ hit, text }) => names.has(nameKey(text)) && (/^\p{Lu}/u.test(text) || insideAny(selves, hit)));
  if (!own.length) return f;
  const spans = own.map(({ hit }) => [hit.start, hit.end]);
  const hits = f.hits.filter((h) => !spans.some(([start, end]) => h.start >= start && h.end <= end));
  // The paper's own name ("The White Paper sets out ...") refers to the paper as "this Strategy" does.
  for (const { hit } of own) if (!insideAny(selves, hit)) hits.push({ ...hit, concept: 'strategy-self' });
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  return { ...f, hits, byConcept: hitsByConcept(hits), derived: undefined };
}

/** Names of international or UN forces: an acronym they spell, or that follows them in brackets, is theirs. */
const FOREIGN_FORCE_NAMES: ConceptId[] = ['mission-reference', 'un-peacekeeping'];
/** What a built-in force acronym is read as in a paragraph ("ISF", the internal security forces of some States). */
const FORCE_ACRONYM_CONCEPTS = new Set(['national-force', 'security-institution', 'institution-acronym', 'security-ground', 'defence-term', 'non-defence-term']);

/**
 * The acronyms a text uses for an international force: those it defines right after the force's name
 * ("International Security Force (ISF)"), and the initials of such a name it spells out somewhere ("an
 * International Stabilisation Force", then "the ISF"). The built-in list of national forces may hold the same
 * letters for another country's forces; in this text they are not the host State's.
 */
function foreignForceAcronyms(model: DocumentModel, facts: UnitFacts[]): Set<string> {
  const acronyms = new Set<string>();
  for (const unit of model.units) {
    const f = facts[unit.id];
    if (!f) continue;
    for (const definition of f.acronymDefinitions) if (definition.concept === 'mission-reference') acronyms.add(definition.acronym);
    for (const concept of FOREIGN_FORCE_NAMES) {
      for (const h of f.byConcept.get(concept) ?? NO_HITS) {
        const capitals = model.masked.slice(unit.contentStart + h.start, unit.contentStart + h.end).split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
        if (capitals.length >= 2) acronyms.add(capitals.map((w) => w[0]).join(''));
      }
    }
  }
  return acronyms;
}

/** The unit's facts with the hits on an international force's acronym read as that force's (see foreignForceAcronyms). */
function withForeignForceAcronyms(model: DocumentModel, unit: Unit, f: UnitFacts, acronyms: ReadonlySet<string>): UnitFacts {
  if (!f.acronyms.some((a) => acronyms.has(a.text))) return f;
  const own = (h: Hit) => !h.missionOwn && FORCE_ACRONYM_CONCEPTS.has(h.concept) && acronyms.has(model.masked.slice(unit.contentStart + h.start, unit.contentStart + h.end));
  if (!f.hits.some(own)) return f;
  const hits = f.hits.map((h) => (own(h) ? { ...h, missionOwn: true } : h));
  return { ...f, hits, byConcept: hitsByConcept(hits), derived: undefined };
}

/** Hits of a concept that count as the text's own language (not cited titles). */
export function hitsOf(u: AnalyzedUnit, concept: ConceptId): Hit[] {
  return u.facts.byConcept.get(concept) ?? NO_HITS;
}

function clauseOf(u: AnalyzedUnit, h: Hit): Clause | undefined {
  return u.facts.reading.clauses[h.clause];
}

/** Governance language that counts as a counterweight: not negated, not a training topic, not about the mission. */
export function governanceHits(u: AnalyzedUnit): Hit[] {
  return memoOnFacts(u, 'governance', () => governanceHitsOf(u));
}

function governanceHitsOf(u: AnalyzedUnit): Hit[] {
  // Condemning abuses puts no safeguard in place ("condemns the human rights violations committed by ..."); the
  // call for accountability that follows is its own clause. Concern about abusers kept in the ranks does count.
  const governance = hitsOf(u, 'governance').filter((h) => {
    if (h.negated || h.trainingTopic || h.missionOwn || h.role === 'name') return false;
    return clauseOf(u, h)?.act !== 'condemn';
  });
  // End-use controls are prohibitions ("may not be sold on"): their "not" is part of the control.
  const endUse = hitsOf(u, 'end-use');
  return endUse.length ? [...governance, ...endUse].sort((a, b) => a.start - b.start) : governance;
}

/** Sexual-violence language framed as prevention or accountability of the perpetrators. */
export function sgbvAccountabilityHits(u: AnalyzedUnit): Hit[] {
  return memoOnFacts(u, 'sgbv-accountability', () => hitsOf(u, 'sgbv').filter((h) => h.contexts.includes('accountability') && !h.missionOwn));
}

/** A conduct aim outside any training syllabus: "to prevent and respond to sexual violence, including through training". */
export function conductHits(u: AnalyzedUnit): Hit[] {
  return memoOnFacts(u, 'conduct', () => sgbvAccountabilityHits(u).filter((h) => !h.trainingTopic));
}

/** National security and justice institutions the unit is about: not the mission's, not victims of attacks, not cited titles. */
export function institutionHitsOf(u: AnalyzedUnit): Hit[] {
  return memoOnFacts(u, 'institutions', () => nationalInstitutionHits(u));
}

/**
 * Governance named as missing, of the forces named right after it ("the lack of civilian oversight and control of the
 * armed forces", "the absence of civilian control over the military"): a negation before both reaches the forces too,
 * but what it denies is their governance. "The absence of the rule of law" alone is a state of the country.
 */
function lackingGovernance(u: AnalyzedUnit): Hit[] {
  return memoOnFacts(u, 'lacking-governance', () => lackOfGovernance(u));
}

/** The forces whose governance is named as missing: what a negation before them does not deny. */
function forcesLackingGovernance(u: AnalyzedUnit): Hit[] {
  lackingGovernance(u);
  return memoOnFacts(u, 'forces-lacking-governance', () => NO_HITS);
}

/** One pass for both readings: returns the governance named as missing and keeps the forces it names beside it. */
function lackOfGovernance(u: AnalyzedUnit): Hit[] {
  const negated = hitsOf(u, 'governance').filter((h) => h.negated && !h.missionOwn && !h.trainingTopic && h.role !== 'name');
  if (!negated.length) return NO_HITS;
  // Each negated governance hit looks at the forces starting in the six tokens after it: one binary search each.
  const forces = INSTITUTION_CONCEPTS.flatMap((c) => hitsOf(u, c))
    .filter((i) => !i.missionOwn)
    .sort((a, b) => a.t0 - b.t0);
  const lacking: Hit[] = [];
  const governed = new Set<Hit>();
  for (const h of negated) {
    let found = false;
    for (let k = firstIndex(forces.length, (i) => forces[i].t0 >= h.t1); k < forces.length && forces[k].t0 - h.t1 <= 6; k++) {
      if (forces[k].sentence !== h.sentence) continue;
      found = true;
      governed.add(forces[k]);
    }
    if (found) lacking.push(h);
  }
  u.facts.derived!.set('forces-lacking-governance', [...governed]);
  return lacking;
}

function nationalInstitutionHits(u: AnalyzedUnit): Hit[] {
  // Accountability the host or the parties are asked for, not the mission's own monitoring of abuses ("Requests the
  // mission to monitor and investigate violations committed by the security forces" is not SSR content).
  const missionMonitoring = (h: Hit) => {
    const clause = clauseOf(u, h);
    return !!clause && (clause.addressees.includes('mission') || clause.addressees.includes('un') || clause.subject === 'mission');
  };
  const sentencesWithGovernance = new Set([...governanceHits(u), ...conductHits(u)].filter((h) => !missionMonitoring(h)).map((h) => h.sentence));
  // "the lack of civilian control of the armed forces": the negation denies their governance, not the forces.
  const governed = new Set(forcesLackingGovernance(u));
  const out: Hit[] = [];
  for (const concept of INSTITUTION_CONCEPTS) {
    for (const h of hitsOf(u, concept)) {
      // "together with the national police", "in coordination with the army": the forces are how someone else acts.
      if (h.missionOwn || h.role === 'target' || h.role === 'manner') continue;
      if (h.negated && !governed.has(h)) continue;
      // "abuses committed by the security forces": the forces are the subject only when the unit asks for accountability.
      if (h.role === 'agent' && !sentencesWithGovernance.has(h.sentence)) continue;
      out.push(h);
    }
  }
  return out;
}

/** A national institution named in a unit: a hit, or an acronym the document defines for its forces (no sentence). */
export interface InstitutionMention {
  start: number;
  end: number;
  t0: number;
  t1: number;
  segment: number;
  sentence?: number;
}

export function institutionHits(u: AnalyzedUnit, analysis: DocumentAnalysis): InstitutionMention[] {
  const hits: InstitutionMention[] = [...institutionHitsOf(u)];
  if (analysis.docType === 'strategy') hits.push(...ownForceCapabilities(u));
  for (const a of u.facts.acronyms) if (analysis.forceAcronyms.has(a.text)) hits.push(a);
  return hits;
}

/**
 * In a State's own strategy, the defence or military capability it plans ("modernise the country's defence
 * capabilities") is that of its forces, even when none is named by title. Elsewhere the phrase may be an armed
 * group's ("Al-Shabaab's military capability"), so it names no national force; and so may "their military
 * capabilities" in the strategy itself (other States', allies'): forces that own them are named by title.
 */
function ownForceCapabilities(u: AnalyzedUnit): Hit[] {
  return hitsOf(u, 'force-capability').filter((h) => !h.missionOwn && !h.negated && h.role !== 'target' && h.role !== 'manner' && h.previous !== 'their');
}

/** Uniformed national forces named in the unit (not justice or civilian bodies), as their sentences. */
function forceSentences(u: AnalyzedUnit, analysis: DocumentAnalysis): Set<number> {
  const sentences = new Set<number>();
  for (const h of hitsOf(u, 'national-force')) if (!h.missionOwn && !h.negated && h.role !== 'target') sentences.add(h.sentence);
  for (const h of hitsOf(u, 'institution-acronym')) if (!h.missionOwn && h.role !== 'target') sentences.add(h.sentence);
  if (analysis.docType === 'strategy') for (const h of ownForceCapabilities(u)) sentences.add(h.sentence);
  if (analysis.forceAcronyms.size) {
    let index: HitIndex | undefined;
    for (const a of u.facts.acronyms) {
      if (!analysis.forceAcronyms.has(a.text)) continue;
      index ??= new HitIndex(u.facts.hits);
      sentences.add(index.sentenceOf(a.start, a.end));
    }
  }
  return sentences;
}

/**
 * The sentence of a span: that of a hit containing it, else of the last hit before it. Binary searches over the
 * hits sorted by start, because a paragraph may hold thousands of acronyms and hits (pasted tables).
 */
class HitIndex {
  private readonly starts: number[];
  private readonly maxEnd: number[];
  private readonly maxSentence: number[];
  private readonly sentenceOfHit: number[];

  constructor(hits: readonly Hit[]) {
    const sorted = [...hits].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((h) => h.start);
    this.sentenceOfHit = sorted.map((h) => h.sentence);
    this.maxEnd = [];
    this.maxSentence = [];
    let end = -1;
    let sentence = 0;
    for (const h of sorted) {
      end = Math.max(end, h.end);
      sentence = Math.max(sentence, h.sentence);
      this.maxEnd.push(end);
      this.maxSentence.push(sentence);
    }
  }

  sentenceOf(start: number, end: number): number {
    // Hits [0, before) start at or before the span.
    const before = firstIndex(this.starts.length, (i) => this.starts[i] > start);
    // The first hit (by start) reaching the span's end contains it when it starts at or before the span.
    const containing = firstIndex(this.maxEnd.length, (i) => this.maxEnd[i] >= end);
    if (containing < before) return this.sentenceOfHit[containing];
    return before > 0 ? this.maxSentence[before - 1] : 0;
  }
}

/**
 * Capability support to national forces: training, equipment, mentoring, logistics, operations, delivered (not
 * traced, denied or merely observed), to forces the unit is about, and not about the mission's own staff.
 * Items that serve a measure for women in the forces ("separate accommodation for women officers") are a barrier
 * measure; benchmarks and reports on deployment measure it rather than ask for it.
 */
export function capabilityHits(u: AnalyzedUnit): Hit[] {
  const cached = capabilityCache.get(u);
  if (cached) return cached;
  const barriersBySentence = new Map<number, Hit[]>();
  for (const b of hitsOf(u, 'gender-barrier')) barriersBySentence.set(b.sentence, [...(barriersBySentence.get(b.sentence) ?? []), b].slice(-4));
  const forces = u.reading.aboutForces ? ownForces.get(u) : undefined;
  const out: Hit[] = [];
  for (const concept of CAPABILITY_CONCEPTS) {
    for (const h of hitsOf(u, concept)) {
      if (h.negated || h.missionOwn || !h.delivered || h.role === 'condition' || h.role === 'name') continue;
      if ((barriersBySentence.get(h.sentence) ?? []).some((b) => Math.abs(h.t0 - b.t1) <= 20)) continue;
      if (measured(u, h)) continue;
      if (ownedByOther(u, h)) continue;
      // The forces supported: in the same sentence, or (for a unit that names none) from its lead-in or referent.
      if (!forces || (forces.size > 0 && !forces.has(h.sentence))) continue;
      out.push(h);
    }
  }
  out.sort((a, b) => a.start - b.start);
  capabilityCache.set(u, out);
  return out;
}

const capabilityCache = new WeakMap<AnalyzedUnit, Hit[]>();

/**
 * Capability that belongs to someone other than an institution, named after "of": "building the capacity of the
 * Government to fight drug trafficking", "the redeployment of the State administration". No force, ministry,
 * defence body or acronym follows within eight words.
 */
function ownedByOther(u: AnalyzedUnit, h: Hit): boolean {
  if (h.next !== 'of') return false;
  // "the defence capability of the country" names the forces in its own words.
  const named = hitsOf(u, 'force-capability');
  if (findStartingIn(named, h.t0 - longestSpan(named), h.t1 - 1, (f) => h.t0 < f.t1)) return false;
  const owners = memoOnFacts(u, 'possible-owners', () => [...INSTITUTION_CONCEPTS, 'defence-term' as const].flatMap((c) => hitsOf(u, c)).sort((a, b) => a.t0 - b.t0));
  // An acronym may be the forces a draft defines ("the redeployment of the SDSF").
  return !findStartingIn(owners, h.t1 + 1, h.t1 + 8) && !findStartingIn(u.facts.acronyms, h.t1 + 1, h.t1 + 8);
}

/**
 * What a benchmark or a report measures ("benchmarks to measure progress in reforming the security sector",
 * "report on the redeployment of the army"): named as the object of the measure, not asked for.
 */
export function measured(u: AnalyzedUnit, h: Hit): boolean {
  const measures = memoOnFacts(u, 'measures', () => [...hitsOf(u, 'benchmark'), ...hitsOf(u, 'reporting')].sort((a, b) => a.t0 - b.t0));
  // Close after the measure, or further on in the list of what it is "on" or "for", in the same segment.
  return cueBefore(measures, h, 6) || cueBefore(measures, h, MEASURED_LIST_REACH, (c) => c.segment === h.segment && MEASURE_OBJECT_PREPOSITIONS.has(c.next));
}

/** How far a list of what a benchmark or a report measures reaches (in words). */
const MEASURED_LIST_REACH = 16;
const MEASURE_OBJECT_PREPOSITIONS = new Set(structure.measureObjectPrepositions);

/**
 * Reform the unit points back to with a demonstrative ("this restructuring", "these reforms", "such reform"): one
 * set out elsewhere, which carries its own finding there; the unit says something about it, it does not enact it.
 */
export function referredBack(h: Hit): boolean {
  return DEMONSTRATIVES.has(h.previous);
}

/**
 * Reform the paper sets out elsewhere, named by where it is set out: "the reform agenda set out in this Strategy",
 * "the reforms described in the present plan". The unit manages or cites it; it does not enact it.
 */
export function setOutInThePaper(u: AnalyzedUnit, h: Hit): boolean {
  // The description follows the reform or its head noun ("the reform agenda set out"), and "in" the paper follows it.
  // (Looked up by position in the hits sorted by start, so that a paragraph of many reforms stays linear.)
  const described = findStartingIn(hitsOf(u, 'paper-description'), h.t1, h.t1 + 1, (d) => d.segment === h.segment);
  if (!described || described.next !== 'in') return false;
  const at = described.t1 + 1;
  return !!findStartingIn(hitsOf(u, 'strategy-self'), at, at) || !!findStartingIn(hitsOf(u, 'policy-document'), at, at);
}

/**
 * A cue that ends at most `reach` words before the span, in the span's sentence (when it has one), and satisfies
 * `holds`. The cues are sorted by their first token: only the stretch before the span is searched.
 */
function cueBefore(cues: readonly Hit[], span: { t0: number; sentence?: number }, reach: number, holds: (cue: Hit) => boolean = () => true): boolean {
  const before = (c: Hit) => c.t1 <= span.t0 && span.t0 - c.t1 <= reach && (span.sentence === undefined || c.sentence === span.sentence) && holds(c);
  return !!findStartingIn(cues, span.t0 - reach - longestSpan(cues), span.t0 - 1, before);
}

/** The sentences naming national forces, per unit (empty: the forces come from the lead-in or referent). */
const ownForces = new WeakMap<AnalyzedUnit, Set<number>>();

/**
 * Governance that answers for capability support in a sentence: in the same sentence, or in another sentence of
 * the unit that is about the forces too ("... concern at the promotion of FARDC officers involved in violations").
 * Justice for other perpetrators in another sentence does not answer for support to the police.
 */
export function governanceAnswering(u: AnalyzedUnit, sentence: number): boolean {
  const forces = ownForces.get(u) ?? new Set<number>();
  const counterweights = [...governanceHits(u), ...conductHits(u)];
  // "... logistical support to the army. This would be done in compliance with the due diligence policy."
  const pointingBack = u.facts.reading.pointingBack;
  return counterweights.some((h) => h.sentence === sentence || (h.sentence === sentence + 1 && pointingBack.includes(h.sentence)) || forces.has(h.sentence) || forces.size === 0);
}

/** A description of the past ("In 2015, partners trained 3,000 soldiers"), not a plan. */
function pastNarrative(clause: Clause | undefined): boolean {
  return !!clause && clause.act === 'describe' && clause.past;
}

export function inPastNarrative(u: AnalyzedUnit, h: Hit): boolean {
  return pastNarrative(clauseOf(u, h));
}

export interface DriftReading {
  capability: Hit[];
  /** Framed as readying the forces so that a mission can leave (never in a draft with no mission to leave). */
  exitFramed: boolean;
  /** Governance words appear, but only as topics of a training course. */
  governanceOnlyAsTrainingTopic: boolean;
}

/**
 * Capability support to national forces that nothing in the unit answers for: no oversight, accountability or
 * human rights condition in the same sentence (or in a sentence about the same forces), nor in a paragraph that
 * names this one. In an agreement the support must come from outside (the parties asking partners to train);
 * in a strategy it must be planned, not described.
 */
export function driftOf(u: AnalyzedUnit, docType: DocType, missionToLeave: boolean): DriftReading | undefined {
  let capability = capabilityHits(u);
  if (!capability.length) return undefined;
  // Analysis of what happened is not a plan; a condition stated for the whole list answers for its items.
  if (u.reading.analysis || u.reading.groupGovernance) return undefined;
  if (docType === 'peace-agreement') {
    capability = capability.filter((h) => {
      const clause = clauseOf(u, h);
      return !!clause && (clause.addressees.some((a) => EXTERNAL.has(a)) || (!!clause.subject && EXTERNAL.has(clause.subject)));
    });
  } else if (docType === 'strategy') {
    // A plan or objective, not a history of what partners once did ("In 2015, partners trained 3,000 soldiers").
    capability = capability.filter((h) => !pastNarrative(clauseOf(u, h)));
  }
  if (!capability.length) return undefined;
  const unanswered = capability.filter((h) => !governanceAnswering(u, h.sentence));
  if (!unanswered.length) return undefined;
  // A safeguard may sit in a paragraph that names this one ("support under paragraph 3 shall comply with ...").
  if (u.referencedBy.some((x) => governanceHits(x).length > 0 || conductHits(x).length > 0) || u.references.some((x) => governanceHits(x).length > 0 || conductHits(x).length > 0)) return undefined;
  const exitFramed = missionToLeave && hitsOf(u, 'exit').some((h) => !h.negated);
  const governanceOnlyAsTrainingTopic = hitsOf(u, 'governance').some((h) => h.trainingTopic && !h.negated);
  return { capability: unanswered, exitFramed, governanceOnlyAsTrainingTopic };
}

/**
 * Whether the draft has a mission that could leave: a State's own strategy that names none has not, so its
 * "withdrawn from the Land Forces" moves a unit rather than ending a mission.
 */
export function hasMissionToLeave(analysis: DocumentAnalysis): boolean {
  return analysis.docType !== 'strategy' || analysis.voice !== 'host' || analysis.units.some((u) => hitsOf(u, 'mission-reference').length > 0);
}

/** Capability support delivered to any national institution (forces, prisons, courts), not to the mission. */
export function institutionCapabilityHits(u: AnalyzedUnit): Hit[] {
  return memoOnFacts(u, 'institution-capability', () => deliveredCapabilityHits(u));
}

function deliveredCapabilityHits(u: AnalyzedUnit): Hit[] {
  return CAPABILITY_CONCEPTS.flatMap((c) => hitsOf(u, c)).filter((h) => !h.negated && !h.missionOwn && h.delivered && h.role !== 'condition' && h.role !== 'name');
}

/** Reform hits that are actions (restructuring, a strategy, new bodies), not the name of the field or a plan referred to. */
export function reformActions(u: AnalyzedUnit): Hit[] {
  return memoOnFacts(u, 'reform-actions', () => reformActionHits(u));
}

function reformActionHits(u: AnalyzedUnit): Hit[] {
  const nameCover = new Map<number, number>();
  for (const n of hitsOf(u, 'ssr-name')) for (let t = n.t0; t < n.t1; t++) nameCover.set(t, Math.max(nameCover.get(t) ?? 0, n.t1));
  return hitsOf(u, 'reform').filter((h) => !h.negated && !h.missionOwn && h.role !== 'frame' && h.role !== 'name' && h.role !== 'manner' && !((nameCover.get(h.t0) ?? -1) >= h.t1));
}

/**
 * A policy paper a strategy names without making it: the policy it serves or was approved under ("adhering to the
 * following national security policy", "a step towards the National Security Strategy", "the Defence White Paper
 * builds on its predecessor") is neither SSR content nor reform; "will draft a new national security policy" is.
 */
export function policyNamedOnly(u: AnalyzedUnit, h: Hit, docType: DocType): boolean {
  if (docType !== 'strategy') return false;
  const named = hitsOf(u, 'policy-document').some((p) => p.t0 <= h.t0 && h.t1 <= p.t1);
  if (!named) return false;
  return !cueBefore(hitsOf(u, 'document-making'), h, 5, (m) => !m.negated);
}

/**
 * A sector named in a description as the field a paper covers ("the short-term issues facing the defence sector",
 * the lexicon's `sector-field`), not a reform of it.
 */
function sectorDescribed(u: AnalyzedUnit, h: Hit): boolean {
  return u.reading.act === 'describe' && hitsOf(u, 'sector-field').some((f) => f.t0 <= h.t0 && h.t1 <= f.t1);
}

/**
 * An exit word that is a settlement's withdrawal of national forces ("the withdrawal of its military, police and
 * paramilitary forces") or of another State's ("the withdrawal of the Israeli forces"): the forces named within a few
 * words after the measure are the ones that leave, with no mission named between; neither a mission's exit nor a
 * reform of the forces.
 */
export function withdrawsForces(u: AnalyzedUnit, exit: Hit): boolean {
  const measures = hitsOf(u, 'ceasefire-measure');
  const measure = findStartingIn(measures, exit.t0 - longestSpan(measures), exit.t0, (m) => !m.negated && exit.t1 <= m.t1);
  if (!measure) return false;
  const leaving = (f: Hit) => !f.missionOwn && f.sentence === measure.sentence;
  const force = findStartingIn(hitsOf(u, 'national-force'), measure.t1, measure.t1 + 4, leaving) ?? findStartingIn(hitsOf(u, 'foreign-forces'), measure.t1, measure.t1 + 4, leaving);
  if (!force) return false;
  return !findStartingIn(hitsOf(u, 'mission-reference'), measure.t1, force.t0 - 1) && !findStartingIn(hitsOf(u, 'mission-asset'), measure.t1, force.t0 - 1);
}

/**
 * Forces named as what a ceasefire-type measure applies to ("withdrawal of the Armenian Armed Forces", "the
 * ceasefire shall apply to all forces of the warring parties"): the measure ends within a few words before them,
 * in the same sentence.
 */
function ceasefireObject(u: AnalyzedUnit, i: InstitutionMention): boolean {
  const measures = hitsOf(u, 'ceasefire-measure');
  if (cueBefore(measures, i, 5, (m) => !m.negated)) return true;
  // "The Ruvanian armed forces and officials shall be withdrawn from ...": a measure that does not name its object
  // after it ("withdrawal of ...") may follow the forces.
  const sameSentence = (m: Hit) => i.sentence === undefined || m.sentence === i.sentence;
  return !!findStartingIn(measures, i.t1, i.t1 + 6, (m) => !m.negated && !OBJECT_FOLLOWS.test(m.phrase) && sameSentence(m));
}

/** Measures that name what they apply to after them: "withdrawal of", "ceasefire shall apply to". */
const OBJECT_FOLLOWS = /\b(?:of|all|to|by|cover)$/;

/**
 * A strategy paragraph that opens on what a policy paper does as a text ("On this basis, the White Paper then
 * defines the roles and functions of the Armed Forces", "The White Paper can also be seen as a plan"): the paper,
 * named without being made, and right after it one of the lexicon's paper-description verbs, in the first two
 * sentences.
 */
function describesPaper(u: AnalyzedUnit, masked: MaskedText): boolean {
  const verbs = hitsOf(u, 'paper-description');
  if (!verbs.length) return false;
  // The paper is the verb's subject: nothing but words between them ("the policy, reflect" is another subject's).
  const joined = (p: Hit, v: Hit) => !/[,;:()]/.test(masked.slice(u.unit.contentStart + p.end, u.unit.contentStart + v.start));
  return hitsOf(u, 'policy-document').some(
    (p) => p.sentence <= 1 && policyNamedOnly(u, p, 'strategy') && verbs.some((v) => v.sentence === p.sentence && v.t0 >= p.t1 && v.t0 - p.t1 <= 3 && joined(p, v)),
  );
}

/**
 * A line of the page's own (structure.json, pageFurniture): a contact or reference line, or a one-sentence
 * attribution of what the paragraph before reported. It names institutions and says nothing of them.
 */
function pageFurniture(u: AnalyzedUnit, masked: MaskedText): boolean {
  const start = u.unit.contentStart;
  if (FURNITURE_OPENER.test(masked.slice(start, Math.min(u.unit.end, start + 60)))) return true;
  // Short and one sentence: an attribution line, not a report that goes on after its speaker.
  if (u.unit.end - start > 300 || u.facts.reading.clauses.some((c) => c.act !== 'describe')) return false;
  const text = masked.slice(start, u.unit.end);
  return !/[.!?;]\s+\S/.test(text) && FURNITURE_ATTRIBUTION.test(text);
}

/** Whether the clause holding a hit is a process (coordination, reporting, funding, alignment, referral). */
export function inProcessClause(u: AnalyzedUnit, h: Hit): boolean {
  return clauseOf(u, h)?.action === 'process';
}

/** The unit is about the mission itself (its contingents, personnel, parity strategy) and no national body. */
export function aboutMissionOnly(u: AnalyzedUnit): boolean {
  const own = hitsOf(u, 'mission-asset').length > 0;
  const national =
    institutionHitsOf(u).length > 0 || hitsOf(u, 'actor-host').some((h) => !h.missionOwn) || hitsOf(u, 'ssr-explicit').some((h) => !h.missionOwn);
  return own && !national;
}

export type GenderReading = 'responsive' | 'victims-only' | 'headcount-only' | 'none';

/** How a unit speaks about gender: agency and institutional change, only victims, only head-counts, or not at all. */
export function genderReading(u: AnalyzedUnit): { reading: GenderReading; evidence?: Hit } {
  const gender = hitsOf(u, 'gender').filter((h) => !h.negated && !h.missionOwn && h.role !== 'name');
  if (gender.length) return { reading: 'responsive', evidence: gender[0] };
  const sgbv = sgbvAccountabilityHits(u);
  if (sgbv.length) return { reading: 'responsive', evidence: sgbv[0] };
  // A unit, desk, response strategy or intervention centre against sexual or domestic violence is gender-responsive
  // reform, though no oversight: it counts here and not among the governance counterweights.
  const services = hitsOf(u, 'sgbv').filter((h) => h.contexts.includes('response') && !h.missionOwn && !h.negated);
  if (services.length) return { reading: 'responsive', evidence: services[0] };
  // The Council's conflict-related sexual violence agenda counts unless it is only about victims.
  const crsv = hitsOf(u, 'crsv').filter((h) => !h.contexts.includes('victim') && !h.missionOwn);
  if (crsv.length) return { reading: 'responsive', evidence: crsv[0] };
  const women = hitsOf(u, 'women').filter((h) => !h.missionOwn);
  const agency = women.filter((h) => !h.contexts.includes('victim') && !(h.contexts.includes('headcount') && h.contexts.includes('uniform')));
  if (agency.length) return { reading: 'responsive', evidence: agency[0] };
  if (women.some((h) => h.contexts.includes('headcount'))) return { reading: 'headcount-only', evidence: women[0] };
  const victims = [...women, ...hitsOf(u, 'sgbv'), ...hitsOf(u, 'crsv')];
  if (victims.length) return { reading: 'victims-only', evidence: victims[0] };
  return { reading: 'none' };
}

/** The top-level operative paragraph number a unit sits under ("3" for sub-paragraph 3 (c)). */
export function operativeNumber(units: AnalyzedUnit[], u: AnalyzedUnit): number | undefined {
  let current: AnalyzedUnit | undefined = u;
  for (let guard = 0; current && guard < 20; guard++) {
    const marker = current.unit.marker;
    if (marker?.style === 'decimal' && /^\d+$/.test(marker.label)) return Number(marker.label);
    current = current.unit.parent !== undefined ? units[current.unit.parent] : undefined;
  }
  return undefined;
}

/** The sub-paragraph labels a unit sits under, its own first: "(ii)" inside "(b)" → ["ii", "b"]. */
function labelsOf(units: AnalyzedUnit[], u: AnalyzedUnit): string[] {
  const labels: string[] = [];
  let current: AnalyzedUnit | undefined = u;
  for (let guard = 0; current && guard < 20; guard++) {
    const style = current.unit.marker?.style;
    if (style === 'alpha' || style === 'roman') labels.push(current.unit.marker!.label);
    current = current.unit.parent !== undefined ? units[current.unit.parent] : undefined;
  }
  return labels;
}

/** Links units to the units that name them, so that "the support under paragraph 3 shall ..." can answer paragraph 3. */
function linkReferences(units: AnalyzedUnit[]): void {
  // A report or a benchmark that names a paragraph ("progress against the benchmarks in paragraph 8") measures
  // it; it does not add a condition to it.
  const measures = (u: AnalyzedUnit) =>
    [...(u.facts.byConcept.get('benchmark') ?? []), ...(u.facts.byConcept.get('reporting') ?? [])].some((h) => h.start < u.facts.firstRefAt);
  const referring = units.filter((u) => (u.facts.paragraphRefs.length || u.facts.subRefs.length) && !u.unit.leadIn && !measures(u));
  if (!referring.length) return;
  const numbers = units.map((u) => operativeNumber(units, u));
  for (const r of referring) {
    const own = numbers[r.unit.id];
    const whole = new Set(r.facts.paragraphRefs);
    const subs = r.facts.subRefs.map((ref) => `${ref.paragraph ?? own}(${ref.sub})`);
    units.forEach((u, i) => {
      if (u === r || numbers[i] === undefined) return;
      if (whole.has(numbers[i]!) || (subs.length && labelsOf(units, u).some((label) => subs.includes(`${numbers[i]}(${label})`)))) {
        u.referencedBy.push(r);
        r.references.push(u);
      }
    });
  }
}

/** A predicate that holds for the unit itself, for a unit that names it, or for a unit it names. */
export function holdsWithReferences(u: AnalyzedUnit, predicate: (x: AnalyzedUnit) => boolean): boolean {
  return predicate(u) || u.referencedBy.some(predicate) || u.references.some(predicate);
}

/** Does a clause ask the mission, the UN or partners for support? ("self" is the document's own voice.) */
function asksSupport(clause: Clause, voice: 'mission' | 'host'): 'support' | 'host' | 'none' {
  // "MINUKA will continue to support ..., she said": the briefer tells what the mission will do; the Council asks nothing.
  if (!ASKING_ACTS.has(clause.act) || clause.act === 'task' || clause.briefed) return 'none';
  // Read without copying the clause: this runs for every clause of every paragraph on each keystroke.
  const resolve = (actor: Actor): Actor => (actor === 'self' ? voice : actor);
  const addressed = (actor: Actor) => clause.addressees.some((a) => resolve(a) === actor);
  const subject = clause.subject && resolve(clause.subject);
  const external = clause.addressees.some((a) => EXTERNAL.has(resolve(a))) || (clause.act === 'provide' && !!subject && EXTERNAL.has(subject) && !clause.addressees.length);
  if (external) {
    // "Requests the Secretary-General to report on ...": a reporting duty, not support.
    if ((addressed('un') || addressed('mission')) && clause.reporting && !addressed('partners')) return 'none';
    // "Calls upon partners to coordinate their support": a process; "to fund the plan": support.
    if (addressed('partners') && !addressed('mission') && !addressed('un') && clause.action === 'process' && !clause.funding && clause.act !== 'provide') return 'none';
    return 'support';
  }
  if (clause.addressees.length) return addressed('council') ? 'none' : 'host';
  if (clause.act === 'provide') return subject && !EXTERNAL.has(subject) ? 'host' : 'none';
  // "calls for a strengthened commitment to the Government's efforts", "calls for training for the police":
  // support asked of whoever can give it.
  if ((clause.act === 'call' || clause.act === 'encourage' || clause.act === 'request') && (clause.action === 'support' || clause.action === 'capability')) return 'support';
  return 'none';
}

const SSR_CONTENT: ConceptId[] = ['ssr-explicit', 'integration', 'reform', 'force-structure', 'governance', 'hrddp', ...INSTITUTION_CONCEPTS, ...CAPABILITY_CONCEPTS];

/**
 * The support asked is for the SSR content: a clause that asks the mission, the UN or partners names SSR content
 * itself, or the unit has no asking clause of its own (a task under a lead-in, an SSR strategy's activity).
 * "urged the national forces not to interfere, and encouraged the regional force to keep protecting State
 * institutions" asks partners for something else.
 */
function asksForTheSsrContent(u: AnalyzedUnit, voice: 'mission' | 'host'): boolean {
  const { clauses } = u.facts.reading;
  const asking = clauses.map((c, i) => ({ c, i })).filter(({ c }) => asksSupport(c, voice) === 'support');
  if (!asking.length) return true;
  return asking.some(({ c, i }) => {
    // "They called for a strengthened commitment to the Government's efforts in this critical area": plain
    // support in an SSR paragraph is support to it.
    if (c.action === 'support') return true;
    const last = askedListEnd(u, i);
    // "... and called on the international community to assist in that regard": the ask refers back to what the
    // paragraph named before it.
    const first = u.facts.reading.referringBack.some((clause) => clause >= i && clause <= last) ? 0 : i;
    return SSR_CONTENT.some((concept) => hitsOf(u, concept).some((h) => h.clause >= first && h.clause <= last && !h.missionOwn && !h.negated && h.role !== 'name'));
  });
}

/**
 * The last clause an asking clause covers: itself, and the items of its list that follow in the same sentence
 * ("decided that the Mission should focus on protecting civilians; supporting dialogue; and assisting the
 * rebuilding of the security sector"), which have no act or modal of their own.
 */
function askedListEnd(u: AnalyzedUnit, asking: number): number {
  const { clauses } = u.facts.reading;
  const sentenceOf = (clause: number) => u.facts.hits.find((h) => h.clause === clause)?.sentence;
  const sentence = sentenceOf(asking);
  let last = asking;
  for (let j = asking + 1; j < clauses.length; j++) {
    const next = clauses[j];
    if (next.act !== 'describe' || next.modal || next.past || sentence === undefined || sentenceOf(j) !== sentence) break;
    last = j;
  }
  return last;
}

/** A unit that names SSR as the subject of its list: "Security sector reform", "support the defence and security measures of the Agreement, notably:". */
function opensSsrContext(u: AnalyzedUnit): boolean {
  return (
    hitsOf(u, 'ssr-explicit').some((h) => !h.missionOwn && !h.negated) ||
    hitsOf(u, 'integration').some((h) => !h.negated) ||
    institutionHitsOf(u).length > 0
  );
}

/** What ties national institutions to the unit's subject: reform, integration, capability, governance, gender, support. */
/** In a strategy, what ties institutions to the argument is broader: their size, money, public trust, results. */
const PLANNING_CONCEPTS: ConceptId[] = ['process', 'strategy-plan', 'benchmark', 'mel', 'public-finance', 'resourcing'];
const STRATEGY_RELATIONS: ConceptId[] = ['public-finance', 'money-generic', 'political-economy', 'mel', 'benchmark', 'force-expansion', 'strategy-plan'];

/**
 * `planning`: in a strategy, also what ties institutions to its argument (STRATEGY_RELATIONS); a task under an SSR
 * lead-in or heading is tied by the narrower list.
 */
function relationHits(u: AnalyzedUnit, docType: DocType, planning: boolean): Hit[] {
  const key = docType !== 'strategy' ? 'relations' : planning ? 'relations-strategy' : 'relations-strategy-narrow';
  return memoOnFacts(u, key, () => relationHitsOf(u, docType, planning));
}

function relationHitsOf(u: AnalyzedUnit, docType: DocType, planning: boolean): Hit[] {
  const relation: Hit[] = [
    // A strategy naming a policy paper it does not make ("the aim of the White Paper", "the White Paper defines
    // the roles of the Armed Forces") describes itself or the paper; it does not reform the forces it names.
    ...hitsOf(u, 'reform').filter((h) => !h.negated && !h.missionOwn && h.role !== 'name' && !policyNamedOnly(u, h, docType)),
    ...hitsOf(u, 'integration').filter((h) => !h.negated),
    ...governanceHits(u),
    // "the lack of civilian oversight and control of the armed forces": the forces' governance is the subject, though
    // it is missing (and so no counterweight).
    ...lackingGovernance(u),
    ...sgbvAccountabilityHits(u),
    ...hitsOf(u, 'gender').filter((h) => !h.missionOwn && !h.negated),
    // Women in uniform, even as a head-count, are about the composition of the forces.
    ...hitsOf(u, 'women').filter((h) => !h.missionOwn && h.contexts.includes('uniform')),
    ...hitsOf(u, 'conditions-of-service').filter((h) => !h.missionOwn),
    // Recruitment drives and new units enlarge the forces the State must pay for (lesson 15).
    ...hitsOf(u, 'force-expansion').filter((h) => !h.negated && !h.missionOwn),
    ...hitsOf(u, 'force-conduct').filter((h) => !h.negated && !h.missionOwn),
    // "the roles of law enforcement", "the police's function": a role next to the institution it belongs to.
    ...hitsOf(u, 'institutional-role').filter((h) => !h.negated && !h.missionOwn && institutionHitsOf(u).some((i) => Math.abs(i.t0 - h.t1) <= 4 || Math.abs(h.t0 - i.t1) <= 4)),
  ];
  // Training or equipment delivered to an institution ties it to the unit's subject (prison officers trained by
  // the mission are SSR content even though only forces can drift into train-and-equip); so does the forces'
  // own deployment or the handover of security to them, even when only the host is asked.
  relation.push(...institutionCapabilityHits(u));
  const forces = hitsOf(u, 'national-force').filter((f) => !f.missionOwn && !f.negated);
  relation.push(
    ...hitsOf(u, 'capability-deployment').filter(
      (h) => !h.negated && !h.missionOwn && h.role !== 'name' && forces.some((f) => f.sentence === h.sentence && (Math.abs(f.t0 - h.t1) <= 5 || Math.abs(h.t0 - f.t1) <= 3)),
    ),
  );
  // In an agreement, troops withdrawn behind a line are a ceasefire term, not SSR framed as a mission's exit; a
  // withdrawal that hands sites over to the national forces it names ("replaced by regular forces (army and
  // police)") still is.
  const ceasefire = docType === 'peace-agreement' && !forces.length ? hitsOf(u, 'ceasefire-measure') : NO_HITS;
  relation.push(...hitsOf(u, 'exit').filter((h) => !h.negated && h.role !== 'name' && !ceasefire.some((c) => c.t0 <= h.t0 && h.t1 <= c.t1) && !withdrawsForces(u, h)));
  if (docType === 'strategy' && planning) {
    // The strategy itself ("this Strategy"), its own evaluation and the analysis it rests on are how the paper
    // works: an institution that carries it out or reviews it ("the National Security Council will review this
    // Strategy in the light of the security environment") is not planned for.
    const self = hitsOf(u, 'strategy-self').filter((h) => !h.negated);
    const aboutThePaper = (h: Hit) =>
      (h.concept === 'strategy-plan' && self.some((s) => s.t0 <= h.t0 && h.t1 <= s.t1)) ||
      ((h.concept === 'mel' || h.concept === 'political-economy') && self.some((s) => s.sentence === h.sentence));
    relation.push(...STRATEGY_RELATIONS.flatMap((c) => hitsOf(u, c)).filter((h) => !h.negated && !h.missionOwn && !aboutThePaper(h)));
  }
  // A condemnation asks nothing of the institution: "condemned the obstacles to the functioning of the courts" ties
  // the courts to no reform (a call that follows is its own clause).
  if (docType === 'strategy') return relation;
  // Deploring that the forces lack civilian control is about their governance all the same.
  const lacking = lackingGovernance(u);
  const deplored = lacking.length ? new Set(lacking) : undefined;
  return relation.filter((h) => clauseOf(u, h)?.act !== 'condemn' || !!deplored?.has(h));
}

/** The mission's tasks or mandate named in the unit, with the mission itself (not negated, not in a cited title). */
function namesMissionTasks(u: AnalyzedUnit): boolean {
  const tasks = hitsOf(u, 'mission-tasks').filter((h) => !h.negated);
  if (!tasks.length) return false;
  return hitsOf(u, 'mission-reference').some((m) => !m.negated && tasks.some((t) => t.sentence === m.sentence));
}

const AFTER_PREPOSITION = /\b(?:in|of|by|with|from|to|within|through|at|for)\s+(?:the\s+)?$/i;

/** The mission named in a clause's subject as its head, not after a preposition ("engagement in the UN"). */
function missionLeads(model: DocumentModel, unit: Unit, f: UnitFacts, c: Clause, operationNamed: boolean): boolean {
  return (f.byConcept.get('mission-reference') ?? []).some((h) => {
    if (h.t0 < c.t0 || h.t0 >= c.t1) return false;
    const at = unit.contentStart + h.start;
    // "the Force" of a paper that names no United Nations or other operation is the paper's own armed force.
    if (!operationNamed && /^the Force$/i.test(model.masked.slice(at, unit.contentStart + h.end))) return false;
    return !AFTER_PREPOSITION.test(model.masked.slice(Math.max(unit.contentStart, at - 24), at));
  });
}

/** Whether the text names the United Nations or a peace operation other than as "the mission". */
function namesAnOperation(model: DocumentModel, facts: UnitFacts[]): boolean {
  return model.units.some((unit) => {
    const f = facts[unit.id];
    if (!f) return false;
    if ((f.byConcept.get('actor-un') ?? []).length) return true;
    return (f.byConcept.get('un-peacekeeping') ?? []).some((h) => !/^the mission$/i.test(model.masked.slice(unit.contentStart + h.start, unit.contentStart + h.end)));
  });
}

export function analyzeDocument(model: DocumentModel, facts: UnitFacts[], docType: DocType): DocumentAnalysis {
  const forceAcronyms = new Set<string>();
  for (const f of facts) {
    for (const def of f.acronymDefinitions) if (def.concept === 'security-institution') forceAcronyms.add(def.acronym);
  }
  // A strategy speaks with the mission's voice when it names the mission as one who will act ("The Mission will
  // support"), not as one who once did ("the timely intervention of ECOMOG and UNAMSIL"), nor as the object of a
  // preposition inside another subject ("The special engagement in the UN ... will enable").
  const operation = docType === 'strategy' ? namesAnOperation(model, facts) : true;
  const voice: DocumentAnalysis['voice'] = model.units.some((unit) => {
    const f = facts[unit.id];
    return f?.reading.clauses.some(
      (c) => c.addressees.includes('mission') || (c.subject === 'mission' && !!c.modal && !c.past && missionLeads(model, unit, f, c, operation)),
    );
  })
    ? 'mission'
    : 'host';
  // The title block (title and the headings before the first paragraph) and the first sentence of the first
  // paragraph say what the document is about. A later paragraph that names SSR (a task, or a clause a quick fix put
  // after the first paragraph) does not, nor does a later sentence of the first paragraph that names it among the
  // tools of a wider policy ("Security sector reform and the rule of law are therefore of particular importance").
  const firstParagraph = model.units.findIndex((u) => u.kind !== 'title' && u.kind !== 'heading' && u.kind !== 'formula');
  const opening = model.units.slice(0, firstParagraph < 0 ? model.units.length : Math.min(firstParagraph + 1, model.units.length));
  const namesSsrAtOpening = (u: Unit): boolean => (facts[u.id]?.byConcept.get('ssr-name') ?? []).some((h) => u.id !== firstParagraph || h.sentence === 0);
  const ssrStrategy = docType === 'strategy' && (opening.some(namesSsrAtOpening) || facts.some((f) => (f.byConcept.get('ssr-strategy') ?? []).length > 0));
  // A national strategy that names itself in its title ("National Security Strategy of Kadora") or in its text ("This
  // National Security Strategy") speaks of itself when a paragraph repeats that name, as "this strategy" does: the
  // name is not SSR or reform content there.
  const selfNames = docType === 'strategy' && !ssrStrategy ? new Set([...titleSelfNames(model, facts, opening), ...textSelfNames(model, facts)]) : NO_NAMES;
  const foreignAcronyms = foreignForceAcronyms(model, facts);
  for (const acronym of foreignAcronyms) forceAcronyms.delete(acronym);
  const ownFacts = (unit: Unit, f: UnitFacts): UnitFacts => {
    const named = selfNames.size && !NON_CONTENT.has(unit.kind) ? withoutSelfNames(model, unit, f, selfNames) : f;
    return foreignAcronyms.size ? withForeignForceAcronyms(model, unit, named, foreignAcronyms) : named;
  };
  const units: AnalyzedUnit[] = model.units.map((unit, i) => ({
    unit,
    facts: ownFacts(unit, facts[i]),
    offset: unit.contentStart,
    reading: { act: facts[i].reading.clauses[0]?.act ?? 'describe', addressees: [], asks: 'none', aboutForces: false, analysis: false, groupGovernance: false },
    ssr: false,
    // Every field set here, even when undefined: units of one shape keep the rules' code from being recompiled.
    ssrEvidence: undefined,
    ask: false,
    judged: false,
    referencedBy: [],
    references: [],
  }));
  const analysis: DocumentAnalysis = { model, docType, units, forceAcronyms, voice, ssrStrategy };
  linkReferences(units);

  const isContent = (u: AnalyzedUnit) => !NON_CONTENT.has(u.unit.kind);
  /** The lead-in a unit hangs from: its parent, or (in unmarked task lists) the last lead-in before it. */
  const leadInOf = (u: AnalyzedUnit): AnalyzedUnit | undefined => {
    if (u.unit.parent !== undefined) return units[u.unit.parent];
    for (let i = u.unit.id - 1; i >= 0 && i >= u.unit.id - 30; i--) {
      const c = units[i];
      if (c.unit.leadIn) return c;
      if (c.unit.kind === 'heading' || (c.unit.marker?.style === 'decimal' && c.unit.kind === 'operative')) return undefined;
    }
    return undefined;
  };
  const previousContent = (u: AnalyzedUnit): AnalyzedUnit | undefined => {
    for (let i = u.unit.id - 1; i >= 0; i--) {
      const c = units[i];
      if (c.unit.kind === 'heading' || c.unit.kind === 'title') return undefined;
      if (isContent(c)) return c;
    }
    return undefined;
  };

  // 1. Who is asked. A task takes the act and addressees of the lead-in it hangs from.
  const askOf = new Map<number, UnitReading['asks']>();
  const resolveAsk = (u: AnalyzedUnit, depth = 0): UnitReading['asks'] => {
    const known = askOf.get(u.unit.id);
    if (known) return known;
    const clauses = u.facts.reading.clauses;
    let asks: UnitReading['asks'] = 'none';
    const addressees = new Set<Actor>();
    for (const clause of clauses) {
      const a = asksSupport(clause, voice);
      // Who is asked, by clauses that ask ("reiterated the importance of MONUSCO's role" asks nobody).
      if (ASKING_ACTS.has(clause.act)) clause.addressees.forEach((x) => addressees.add(x));
      if (a === 'support') asks = 'support';
      else if (a === 'host' && asks === 'none') asks = 'host';
    }
    const first = clauses[0];
    // A task, or a list of tasks run together ("Support to the Agreement; to support ...; to support ...").
    const opensAsTask = !!first && (clauses.some((c) => c.act === 'task') || (first.act === 'describe' && (u.unit.kind === 'subparagraph' || u.unit.kind === 'item')));
    if (opensAsTask && asks === 'none' && depth < 6) {
      const leadIn = leadInOf(u);
      if (leadIn && leadIn.unit.id < u.unit.id) {
        asks = resolveAsk(leadIn, depth + 1);
        u.reading.act = leadIn.reading.act;
        leadIn.reading.addressees.forEach((x) => addressees.add(x));
      }
      // In a Council text, a list of tasks whose lead-in asks nobody else ("UNMIL's current tasks include:",
      // "To support ...") is the mission's mandate.
      if (asks === 'none' && docType === 'mandate' && !u.unit.leadIn && !addressees.has('host') && !addressees.has('parties')) asks = 'support';
      if (asks === 'none' && docType === 'strategy' && !u.unit.leadIn) asks = voice === 'mission' ? 'support' : 'host';
    }
    // A strategy's planned activity: support when the mission plans it, the host's own plan in a national strategy.
    if (docType === 'strategy' && asks === 'none' && u.facts.activity) asks = voice === 'mission' ? 'support' : 'host';
    // A summary of a resolution that names the mission's tasks ("identified the Mission's priority tasks as ...",
    // "MINUJUSTH, tasked with assisting ...") asks the mission for them.
    if (docType === 'mandate' && asks === 'none' && namesMissionTasks(u)) {
      asks = 'support';
      addressees.add('mission');
    }
    u.reading.addressees = [...addressees];
    u.reading.asks = asks;
    askOf.set(u.unit.id, asks);
    return asks;
  };
  for (const u of units) if (isContent(u)) resolveAsk(u);

  // 2. SSR scope, from the unit's own reading, then from its lead-in or section, then from what it refers back to.
  // The title block is not a section: "Draft resolution on security sector reform" does not make every paragraph SSR.
  const titleBlock = new Set(opening.map((u) => u.id));
  const section = (u: AnalyzedUnit) => (u.unit.section !== undefined && units[u.unit.section].unit.kind === 'heading' && !titleBlock.has(u.unit.section) ? units[u.unit.section] : undefined);
  for (const u of units) {
    if (!isContent(u) || u.unit.leadIn) continue;
    const forces = forceSentences(u, analysis);
    ownForces.set(u, forces);
    // A strategy describing its own chapters or sources ("Chapter 2: Where are we? This chapter presents ...") names
    // institutions without planning anything for them.
    if (docType === 'strategy' && (hitsOf(u, 'document-description').some((h) => h.sentence <= 1) || describesPaper(u, model.masked))) continue;
    if (pageFurniture(u, model.masked)) continue;
    const explicit =
      hitsOf(u, 'ssr-explicit').find((h) => !sectorDescribed(u, h) && !h.missionOwn && !h.negated && h.role !== 'name' && h.role !== 'target' && !(!ssrStrategy && policyNamedOnly(u, h, docType))) ??
      hitsOf(u, 'integration').find((h) => !h.negated) ??
      // In an SSR strategy, "the strategy" and "this plan" are the reform strategy itself.
      (ssrStrategy ? hitsOf(u, 'strategy-self').find((h) => !h.negated) : undefined);
    if (explicit) {
      u.ssr = true;
      u.ssrEvidence = explicit;
      u.reading.ssrBasis = 'explicit';
    }
    // In an agreement, forces that a provision withdraws or that a ceasefire covers are not reformed by it.
    const institutions = docType === 'peace-agreement' ? institutionHits(u, analysis).filter((i) => !ceasefireObject(u, i)) : institutionHits(u, analysis);
    if (!u.ssr && institutions.length) {
      const relations = relationHits(u, docType, true);
      // In a Council statement the institution and what ties it to reform share a sentence ("condemned the attack on
      // the army. They called for elections in line with the constitution" is not SSR); a strategy paragraph is one
      // argument.
      const sentences = new Set(institutions.map((i) => i.sentence ?? 0));
      // An agreement's provision that regulates the forces ("The Bougainville Police shall be under the control of
      // ...", "The head of the police shall hold the rank of ...") is SSR content whatever it regulates; so is a
      // strategy's task for them ("To partner with the other security agencies in sharing information"), unless
      // they are only a party to fighting the task describes.
      const fighting = hitsOf(u, 'open-conflict');
      const act = docType === 'peace-agreement' ? 'provide' : docType === 'strategy' ? 'task' : undefined;
      const regulated = act
        ? institutionHitsOf(u).find((i) => i.role === 'core' && u.facts.reading.clauses[i.clause]?.act === act && !fighting.some((f) => f.t0 <= i.t0 && i.t1 <= f.t1) && !(docType === 'peace-agreement' && ceasefireObject(u, i)))
        : undefined;
      const related =
        relations.find((r) => docType === 'strategy' || sentences.has(r.sentence)) ??
        regulated ??
        (u.facts.supportsInstitution ? u.facts.hits.find((h) => h.concept === 'support-verb') : undefined);
      // Fighters or surplus personnel sent back to civilian life are DDR, not reform of the forces, unless the forces
      // themselves are cut or restructured in the same paragraph ("the army will be reduced ..., and those released ...").
      const returnedToCivilianLife = hitsOf(u, 'civilian-return').some((h) => !h.negated) && !reformActions(u).length;
      if (related && !returnedToCivilianLife) {
        u.ssr = true;
        const first = institutions[0];
        u.ssrEvidence = u.facts.hits.find((h) => h.start === first.start && h.end === first.end) ?? { ...related, start: first.start, end: first.end };
        u.reading.ssrBasis = 'institution';
      }
    }
    u.reading.aboutForces = forces.size > 0;
    if (u.ssr) continue;

    // A task under an SSR lead-in or heading ("Security sector reform" then "(i) to assist in drafting a national strategy").
    const relations = relationHits(u, docType, false);
    const supporting = relations.length > 0 || CAPABILITY_CONCEPTS.some((c) => hitsOf(u, c).some((h) => h.delivered && !h.missionOwn && !h.negated));
    const parent = leadInOf(u);
    const heading = section(u);
    // A heading between the lead-in and the unit starts another group ("(b) Good offices and reconciliation").
    const candidates = heading && parent && heading.unit.id > parent.unit.id ? [heading] : [parent, heading];
    const context = candidates.find((c) => c && c.unit.id < u.unit.id && opensSsrContext(c));
    if (context && supporting && !hitsOf(u, 'mission-asset').length) {
      u.ssr = true;
      u.ssrEvidence = relations[0] ?? hitsOf(u, 'support-verb')[0];
      u.reading.ssrBasis = 'lead-in';
      // Forces are the subject when the context names them, or names the security sector rather than justice.
      const justice = hitsOf(context, 'justice-sector');
      u.reading.aboutForces = forceSentences(context, analysis).size > 0 || hitsOf(context, 'ssr-explicit').some((h) => !justice.some((j) => j.t0 >= h.t0 && j.t1 <= h.t1));
      continue;
    }
    // An SSR strategy is about reform from end to end: its objectives, processes and plans are SSR content.
    if (ssrStrategy && !hitsOf(u, 'mission-asset').length) {
      const planning = [...relations, ...PLANNING_CONCEPTS.flatMap((c) => hitsOf(u, c))].find((h) => !h.negated && h.role !== 'name');
      if (planning) {
        u.ssr = true;
        u.ssrEvidence = planning;
        u.reading.ssrBasis = 'strategy';
        continue;
      }
    }
    // "Urges the authorities to hold those responsible for these abuses accountable" after a paragraph on the police.
    const back = u.facts.reading.backReference;
    const previous = back ? previousContent(u) : undefined;
    // "to coordinate these efforts with all partners" continues an SSR paragraph even as a process.
    const continuing = relations.length > 0 || hitsOf(u, 'process').some((h) => h.role === 'core');
    if (previous && continuing && !hitsOf(u, 'mission-asset').length) {
      const previousForces = hitsOf(previous, 'national-force').concat(hitsOf(previous, 'security-institution')).some((h) => !h.missionOwn && h.role !== 'target');
      if (previous.ssr || previousForces) {
        u.ssr = true;
        u.ssrEvidence = relations[0] ?? hitsOf(u, 'process')[0];
        u.reading.ssrBasis = 'back-reference';
        u.reading.refersTo = previous.unit.id;
        u.reading.aboutForces = previous.reading.aboutForces || forceSentences(previous, analysis).size > 0;
      }
    }
  }

  // 3. What holds for groups of units: analysis sections of a strategy, governance stated once for a list.
  const analysisSections = new Set<number>();
  if (docType === 'strategy') {
    for (const u of units) {
      if (u.unit.kind !== 'heading' && u.unit.kind !== 'title') continue;
      if (isAnalysisHeading(model.masked.slice(u.unit.contentStart, u.unit.end))) analysisSections.add(u.unit.id);
    }
  }
  // In a strategy, a condition stated in a section ("all support ... in strict compliance with the HRDDP") covers
  // the activities listed under the same heading; a Council text states its conditions paragraph by paragraph.
  const conditionedSections = new Set<number>();
  for (const u of units) {
    if (docType !== 'strategy' || u.unit.section === undefined || units[u.unit.section].unit.kind !== 'heading' || !isContent(u)) continue;
    if (governanceHits(u).some((h) => h.role === 'condition') || hitsOf(u, 'hrddp').some((h) => !h.negated)) conditionedSections.add(u.unit.section);
  }
  for (const u of units) {
    if (!isContent(u)) continue;
    u.reading.analysis = u.unit.section !== undefined && analysisSections.has(u.unit.section);
    const parent = u.unit.parent !== undefined ? units[u.unit.parent] : undefined;
    u.reading.groupGovernance =
      (!!parent && parent.unit.leadIn && (governanceHits(parent).length > 0 || conductHits(parent).length > 0)) ||
      (u.unit.section !== undefined && conditionedSections.has(u.unit.section));
  }

  // 4. Which units ask for support, and which the paragraph rules judge.
  for (const u of units) {
    // "7. Emphasizing national ownership, requests ..." is operative: only a preamble states context.
    const preambular = u.unit.kind === 'preamble';
    // A preamble states context: whatever its verb, it asks nobody.
    if (preambular) u.reading.asks = 'none';
    if (!u.ssr) continue;
    u.ask = !preambular && u.reading.asks === 'support' && asksForTheSsrContent(u, voice);
    u.judged = true;
  }
  return analysis;
}
