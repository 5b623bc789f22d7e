/**
 * The document pass: combines cached paragraph facts with what only the whole document knows (acronyms
 * defined elsewhere, lead-ins, the document type) to decide which units are SSR content, which ask the
 * mission or partners for support, and which the paragraph rules judge.
 */
import type { DocumentModel, Unit } from './model/model';
import type { Hit, UnitFacts } from './facts';
import { ASKING_VERB_RE, isAskingOpener } from './model/structure';

export type DocType = 'mandate' | 'strategy' | 'peace-agreement';
export const DOC_TYPES: DocType[] = ['mandate', 'strategy', 'peace-agreement'];

export interface AnalyzedUnit {
  unit: Unit;
  facts: UnitFacts;
  /** Absolute offset of the text the facts were computed from. */
  offset: number;
  ssr: boolean;
  /** The hit that made the unit SSR content. */
  ssrEvidence?: Hit;
  /** Asks the mission, the UN or partners for support (not the host alone, not a preambular paragraph). */
  ask: boolean;
  hostAddressed: boolean;
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
}

const NON_CONTENT = new Set(['title', 'heading', 'formula']);

/** Hits of a concept that count as the text's own language (not cited titles). */
const NO_HITS: Hit[] = [];

export function hitsOf(u: AnalyzedUnit, concept: string): Hit[] {
  return u.facts.byConcept.get(concept) ?? NO_HITS;
}

/** Governance language that counts as a counterweight: not negated, not a training topic, not about the mission. */
export function governanceHits(u: AnalyzedUnit): Hit[] {
  return hitsOf(u, 'governance').filter((h) => !h.negated && !h.trainingTopic && !h.missionOwn);
}

/** Sexual-violence language framed as prevention or accountability of the perpetrators. */
export function sgbvAccountabilityHits(u: AnalyzedUnit): Hit[] {
  return hitsOf(u, 'sgbv').filter((h) => h.contexts.includes('accountability') && !h.missionOwn);
}

/** A conduct aim outside any training syllabus: "to prevent and respond to sexual violence, including through training". */
export function conductHits(u: AnalyzedUnit): Hit[] {
  return sgbvAccountabilityHits(u).filter((h) => !h.trainingTopic);
}

/**
 * Capability support to national forces. Items that serve a measure for women in the forces ("separate
 * accommodation and adapted uniforms for women officers") are a barrier measure, not train-and-equip.
 */
export function capabilityHits(u: AnalyzedUnit): Hit[] {
  const barriersBySentence = new Map<number, Hit[]>();
  for (const b of hitsOf(u, 'gender-barrier')) barriersBySentence.set(b.sentence, [...(barriersBySentence.get(b.sentence) ?? []), b].slice(-4));
  // "benchmarks for the deployment of the army", "report on the redeployment": capability measured, not asked for.
  const measuresBySentence = new Map<number, Hit[]>();
  for (const m of [...hitsOf(u, 'benchmark'), ...hitsOf(u, 'reporting')]) measuresBySentence.set(m.sentence, [...(measuresBySentence.get(m.sentence) ?? []), m].slice(-4));
  return hitsOf(u, 'capability').filter(
    (h) =>
      !h.negated &&
      !h.missionOwn &&
      !(barriersBySentence.get(h.sentence) ?? []).some((b) => Math.abs(h.t0 - b.t1) <= 20) &&
      !(measuresBySentence.get(h.sentence) ?? []).some((m) => m.t1 <= h.t0 && h.t0 - m.t1 <= 6),
  );
}

/** Reform hits that are actions (restructuring, a strategy, new bodies), not the name of the field. */
export function reformActions(u: AnalyzedUnit): Hit[] {
  const nameCover = new Map<number, number>();
  for (const n of hitsOf(u, 'ssr-name')) for (let t = n.t0; t < n.t1; t++) nameCover.set(t, Math.max(nameCover.get(t) ?? 0, n.t1));
  return hitsOf(u, 'reform').filter((h) => !((nameCover.get(h.t0) ?? -1) >= h.t1));
}

/** The unit is about the mission itself (its contingents, personnel, parity strategy) and no national institution. */
export function aboutMissionOnly(u: AnalyzedUnit): boolean {
  const own = hitsOf(u, 'mission-asset').length > 0;
  const national = hitsOf(u, 'security-institution').some((h) => !h.missionOwn) || hitsOf(u, 'institution-acronym').some((h) => !h.missionOwn);
  return own && !national;
}

export function institutionHits(u: AnalyzedUnit, analysis: DocumentAnalysis): Array<{ start: number; end: number }> {
  const hits: Array<{ start: number; end: number }> = [
    ...hitsOf(u, 'security-institution').filter((h) => !h.missionOwn),
    ...hitsOf(u, 'institution-acronym').filter((h) => !h.missionOwn),
  ];
  for (const a of u.facts.acronyms) if (analysis.forceAcronyms.has(a.text)) hits.push(a);
  return hits;
}

export type GenderReading = 'responsive' | 'victims-only' | 'headcount-only' | 'none';

/** How a unit speaks about gender: agency and institutional change, only victims, only head-counts, or not at all. */
export function genderReading(u: AnalyzedUnit): { reading: GenderReading; evidence?: Hit } {
  const gender = hitsOf(u, 'gender').filter((h) => !h.negated && !h.missionOwn);
  if (gender.length) return { reading: 'responsive', evidence: gender[0] };
  const sgbv = sgbvAccountabilityHits(u);
  if (sgbv.length) return { reading: 'responsive', evidence: sgbv[0] };
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

function firstHitAfter(u: AnalyzedUnit, concept: string, from: number, maxChars: number): Hit | undefined {
  return hitsOf(u, concept).find((h) => h.start >= from && h.start - from <= maxChars);
}

type AskStatus = 'ask' | 'host' | 'descriptive';

/** Who a verb at `after` (relative offset) addresses: the host alone, or someone else. */
function addressee(u: AnalyzedUnit, after: number): 'host' | 'other' {
  const host = hitsOf(u, 'host-actor').find((h) => h.start >= after && h.start - after <= 70 && !h.possessive);
  const international = firstHitAfter(u, 'international-actor', after, 70);
  if (!host) return 'other';
  if (international && international.start < host.start) return 'other';
  return 'host';
}

/**
 * Whether a unit asks the mission, the UN or partners to act. Operative verbs that ask ("Requests",
 * "Decides", "Calls upon") are read with their addressee; statements are scanned for every asking verb;
 * units with no verb of their own (task sub-paragraphs) inherit from their lead-in.
 */
function askStatus(u: AnalyzedUnit, text: string): AskStatus | undefined {
  const opener = u.unit.opener;
  if (u.unit.kind === 'preamble' || opener?.kind === 'preambular') return 'descriptive';
  if (opener?.kind === 'operative') {
    if (/^(?:(?:further|also)\s+)*decides\b/i.test(opener.text)) return 'ask';
    if (!isAskingOpener(opener.text)) return 'descriptive';
    return addressee(u, opener.end - u.offset) === 'host' ? 'host' : 'ask';
  }
  // Statements ask near their start; a bounded window keeps huge paragraphs cheap.
  const unitText = text.slice(u.offset, Math.min(u.unit.end, u.offset + 4000));
  const verbs = [...unitText.matchAll(ASKING_VERB_RE)].slice(0, 12);
  if (verbs.length) {
    return verbs.some((m) => addressee(u, (m.index ?? 0) + m[0].length) === 'other') ? 'ask' : 'host';
  }
  if (opener?.kind === 'reporting') return 'descriptive';
  return undefined;
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

/** The lettered sub-paragraph a unit is, or sits under. */
function letterOf(units: AnalyzedUnit[], u: AnalyzedUnit): string | undefined {
  let current: AnalyzedUnit | undefined = u;
  for (let guard = 0; current && guard < 20; guard++) {
    if (current.unit.marker?.style === 'alpha') return current.unit.marker.label;
    current = current.unit.parent !== undefined ? units[current.unit.parent] : undefined;
  }
  return undefined;
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
      const letter = letterOf(units, u);
      if (whole.has(numbers[i]!) || (letter && subs.includes(`${numbers[i]}(${letter})`))) {
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

export function analyzeDocument(model: DocumentModel, facts: UnitFacts[], docType: DocType): DocumentAnalysis {
  const forceAcronyms = new Set<string>();
  for (const f of facts) {
    for (const def of f.acronymDefinitions) if (def.concept === 'security-institution') forceAcronyms.add(def.acronym);
  }
  const units: AnalyzedUnit[] = model.units.map((unit, i) => ({
    unit,
    facts: facts[i],
    offset: unit.contentStart,
    ssr: false,
    ask: false,
    hostAddressed: false,
    judged: false,
    referencedBy: [],
    references: [],
  }));
  const analysis: DocumentAnalysis = { model, docType, units, forceAcronyms };
  linkReferences(units);

  for (const u of units) {
    if (NON_CONTENT.has(u.unit.kind) || u.unit.leadIn) continue;
    const explicit = hitsOf(u, 'ssr-explicit').find((h) => !h.missionOwn) ?? hitsOf(u, 'integration')[0];
    if (explicit) {
      u.ssr = true;
      u.ssrEvidence = explicit;
      continue;
    }
    const institutions = institutionHits(u, analysis);
    if (!institutions.length) continue;
    const relation =
      hitsOf(u, 'reform')[0] ??
      hitsOf(u, 'integration')[0] ??
      capabilityHits(u)[0] ??
      governanceHits(u)[0] ??
      sgbvAccountabilityHits(u)[0] ??
      hitsOf(u, 'gender').find((h) => !h.missionOwn);
    if (relation || u.facts.supportsInstitution) {
      u.ssr = true;
      const first = institutions[0];
      u.ssrEvidence = u.facts.hits.find((h) => h.start === first.start && h.end === first.end) ?? { ...(relation ?? u.facts.hits[0]), start: first.start, end: first.end };
    }
  }

  // Addressees: a sub-paragraph without a verb of its own inherits its lead-in's. Only SSR units and their
  // ancestors need it, so it is worked out on demand.
  const status = new Map<number, AskStatus>();
  const statusOf = (u: AnalyzedUnit): AskStatus => {
    const known = status.get(u.unit.id);
    if (known) return known;
    let s = askStatus(u, model.masked);
    if (s === undefined && u.unit.parent !== undefined && u.unit.parent < u.unit.id) s = statusOf(units[u.unit.parent]);
    const resolved = s ?? 'ask';
    status.set(u.unit.id, resolved);
    u.hostAddressed = resolved === 'host';
    return resolved;
  };

  for (const u of units) {
    if (!u.ssr) continue;
    const preambular = u.unit.kind === 'preamble' || u.unit.opener?.kind === 'preambular';
    if (docType === 'strategy') {
      // A strategy is SSR from end to end: paragraph rules judge planned activities that reach national
      // institutions, not analysis, history or recommendations.
      const listed = u.unit.kind === 'item' || u.unit.kind === 'subparagraph';
      const parent = u.unit.parent !== undefined ? units[u.unit.parent] : undefined;
      // "The mission will:" followed by bullets: each bullet is an activity.
      const underCommitment = listed && !!parent && parent.unit.leadIn && parent.facts.activity;
      const activity = u.facts.activity || underCommitment || (listed && u.unit.opener?.kind === 'infinitive') || u.unit.opener?.kind === 'operative';
      // Concrete objects of reform: institutions, a national security policy, the defence sector; not the bare word "SSR".
      const names = hitsOf(u, 'ssr-name');
      const concrete = hitsOf(u, 'ssr-explicit').some((h) => !names.some((n) => n.start <= h.start && n.end >= h.end));
      const reachesInstitutions = institutionHits(u, analysis).length > 0 || hitsOf(u, 'integration').length > 0 || concrete;
      u.judged = activity && reachesInstitutions;
      u.ask = activity;
    } else {
      u.judged = true;
      u.ask = !preambular && statusOf(u) === 'ask';
    }
  }
  return analysis;
}
