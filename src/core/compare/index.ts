/**
 * A draft compared with the text it renews (`mandate-lint compare`, the editor's `previous:`): paragraphs aligned
 * by what they say (align.ts), then, for SSR content, the safeguards that went, the mandate language that was
 * weakened or strengthened, the tasks added and removed, and the findings new in the draft, resolved or
 * unchanged. Pure: both texts come in already linted.
 */
import structure from '../../../data/structure.json';
import { operativeNumber, type AnalyzedUnit } from '../analysis';
import type { ConceptId } from '../concepts';
import type { Hit } from '../facts';
import type { LintResult } from '../results';
import type { Finding } from '../rules/types';
import { alignParagraphs, type Alignment } from './align';
import { fingerprintFinding, matchFindings, type FindingFingerprint, type ParagraphPrints } from './fingerprint';
import { contentWords, paragraphKey, paragraphSketch, Vocabulary } from './words';

export { alignParagraphs, longestIncreasing, MATCH, CONTAINED, type Alignment } from './align';
export { fingerprintFinding, fingerprintFindings, matchFindings, SKETCH_TOLERANCE, type BaselineMatch, type ParagraphPrints, type BaselineState, type FindingFingerprint, type Fingerprinted } from './fingerprint';
export { contentWords, paragraphKey, paragraphSketch, sketchDistance } from './words';
export { wordDiff, type WordSegment } from './word-diff';

/** Below this share of aligned content, two texts are not versions of one another. */
export const MIN_STRENGTH = 0.4;

export type SafeguardFamily = keyof typeof structure.renewal.safeguards;
export const SAFEGUARD_FAMILIES = Object.keys(structure.renewal.safeguards) as SafeguardFamily[];

export type Relation = 'unchanged' | 'edited' | 'moved' | 'split' | 'merged' | 'removed' | 'added';

export interface ParagraphRef {
  /** How drafters name it: PP3, OP4, OP4(b), or "line 12" in texts without numbering. */
  label: string;
  /** 1-based lines. */
  line: number;
  endLine: number;
  /** Offsets in the text. */
  start: number;
  end: number;
  /** The paragraph's words as written, without its number or marker (numbering is not a change). */
  text: string;
}

export interface SafeguardLoss {
  family: SafeguardFamily;
  /** The words that went, as the previous text wrote them (words that still stand elsewhere in the draft are not lost). */
  words: string[];
}

export interface LanguageChange {
  direction: 'weakened' | 'strengthened';
  /** verb: the operative verb's force; modal: shall ↔ may; qualifier: "within existing resources" ...; priority: priority ↔ other tasks. */
  kind: 'verb' | 'modal' | 'qualifier' | 'priority';
  from?: string;
  to?: string;
}

export interface FindingRef {
  ruleId: string;
  severity: Finding['severity'];
  level: Finding['level'];
  /** The paragraph it sits in (absent for document findings). */
  paragraph?: string;
  line: number;
  /** The words it points at. */
  quote: string;
  message: string;
  start: number;
  end: number;
}

export interface FindingDelta {
  new: FindingRef[];
  resolved: FindingRef[];
  unchanged: FindingRef[];
}

export interface ParagraphChange {
  relation: Relation;
  previous: ParagraphRef[];
  draft: ParagraphRef[];
  /** For a paragraph that went: the draft paragraph it would have followed (where the editor shows its loss). */
  near?: ParagraphRef;
  similarity: number;
  /** SSR content, or a safeguard, on either side: what the comparison reports on. */
  ssr: boolean;
  /** A task: asks the mission, the UN or partners to act (not a lead-in, a decision about the host or a report). */
  task: boolean;
  /** Only its number changed place ("OP5" became "OP4"); not a change by itself. */
  renumbered: boolean;
  safeguardsLost: SafeguardLoss[];
  changes: LanguageChange[];
  findings: FindingDelta;
}

export interface ComparisonSummary {
  safeguardsLost: number;
  weakened: number;
  strengthened: number;
  tasksAdded: number;
  tasksRemoved: number;
  newFindings: number;
  resolvedFindings: number;
  unchangedFindings: number;
  /** "2 safeguards lost, 1 task weakened, 3 new findings, 1 resolved". */
  text: string;
}

export interface Comparison {
  /** False when the texts are empty or too different to be versions of one another; `reason` says why. */
  comparable: boolean;
  reason?: string;
  /** Things the reader should know (very different lengths ...). */
  notes: string[];
  alignment: {
    previousParagraphs: number;
    draftParagraphs: number;
    matched: number;
    renumbered: number;
    moved: number;
    split: number;
    merged: number;
    added: number;
    removed: number;
    /** Share of what the texts say that found a counterpart (0 to 1). */
    strength: number;
  };
  /** Every aligned group of paragraphs, in the draft's order (paragraphs that went where they stood). */
  paragraphs: ParagraphChange[];
  /** Document findings and findings outside the paragraphs compared. */
  findings: FindingDelta;
  summary: ComparisonSummary;
}

const NON_CONTENT = new Set(['title', 'heading', 'formula']);
const SAFEGUARD_CONCEPTS = structure.renewal.safeguards as Record<SafeguardFamily, ConceptId[]>;
const ADVERBS = new Set(structure.adverbs.filter((a) => !a.includes(' ')));

function phrases(list: readonly string[]): string[] {
  return [...new Set(list.map((p) => p.toLowerCase()))].sort((a, b) => b.length - a.length);
}
const VERB_TIERS = (['binding', 'urging', 'inviting'] as const).map((tier) => phrases(structure.renewal.verbForce[tier]));
const MODAL_TIERS = (['binding', 'inviting'] as const).map((tier) => phrases(structure.renewal.modalForce[tier]));
const QUALIFIERS = phrases(structure.renewal.qualifiers);
const PRIORITY = phrases(structure.renewal.taskGroups.priority);
const OTHER = phrases(structure.renewal.taskGroups.other);

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
function phraseRe(list: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map((p) => p.split(/\s+/).map(escapeRegExp).join('\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}
const MODAL_RE = phraseRe(MODAL_TIERS.flat());
const QUALIFIER_RE = phraseRe(QUALIFIERS);

function squeeze(text: string): string {
  return text.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

/** One side of the comparison: its content paragraphs, their words and where they are. */
interface Side {
  result: LintResult;
  units: AnalyzedUnit[];
  /** Analysis unit id → index among the content paragraphs. */
  indexOf: Map<number, number>;
  refs: ParagraphRef[];
}

function paragraphLabel(units: AnalyzedUnit[], u: AnalyzedUnit, preambleNumber: Map<AnalyzedUnit, number>, line: number): string {
  const marker = u.unit.marker;
  if (u.unit.kind === 'preamble') return `PP${preambleNumber.get(u)}`;
  if (marker?.style === 'decimal' && u.unit.parent === undefined && /^\d+$/.test(marker.label)) return `OP${marker.label}`;
  if (marker && (marker.style === 'alpha' || marker.style === 'roman')) {
    const op = operativeNumber(units, u);
    return op !== undefined ? `OP${op}(${marker.label})` : `(${marker.label})`;
  }
  if (marker?.style === 'decimal') return `§${marker.label}`;
  return `line ${line}`;
}

function makeSide(result: LintResult): Side {
  const { analysis } = result;
  const model = analysis.model;
  const units = analysis.units.filter((u) => !NON_CONTENT.has(u.unit.kind));
  const preambleNumber = new Map(units.filter((u) => u.unit.kind === 'preamble').map((u, i) => [u, i + 1]));
  const refs = units.map((u) => {
    const line = model.lines.positionAt(u.unit.start).line;
    return {
      label: paragraphLabel(analysis.units, u, preambleNumber, line),
      line,
      endLine: model.lines.positionAt(u.unit.end).line,
      start: u.unit.start,
      end: u.unit.end,
      text: model.text.slice(u.unit.contentStart, u.unit.end),
    };
  });
  return { result, units, indexOf: new Map(units.map((u, i) => [u.unit.id, i])), refs };
}

function unitText(side: Side, u: AnalyzedUnit): string {
  return side.result.analysis.model.masked.slice(u.unit.contentStart, u.unit.end);
}

/** Hits of a family's concepts that the text itself asserts (not negated, not a training topic, not a name). */
function familyHits(u: AnalyzedUnit, family: SafeguardFamily): Hit[] {
  const out: Hit[] = [];
  for (const concept of SAFEGUARD_CONCEPTS[family]) {
    for (const h of u.facts.byConcept.get(concept) ?? []) {
      if (h.negated || h.trainingTopic || h.missionOwn || h.role === 'name') continue;
      out.push(h);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The safeguard families a group of paragraphs has, each with its hits (a span counts for the first family that has it). */
function safeguardsOf(units: AnalyzedUnit[]): Map<SafeguardFamily, Array<{ unit: AnalyzedUnit; hit: Hit }>> {
  const found = new Map<SafeguardFamily, Array<{ unit: AnalyzedUnit; hit: Hit }>>();
  for (const u of units) {
    const claimed: Array<[number, number]> = [];
    for (const family of SAFEGUARD_FAMILIES) {
      const hits = familyHits(u, family).filter((h) => !claimed.some(([s, e]) => h.start < e && s < h.end));
      for (const h of hits) claimed.push([h.start, h.end]);
      if (hits.length) found.set(family, [...(found.get(family) ?? []), ...hits.map((hit) => ({ unit: u, hit }))]);
    }
  }
  return found;
}

function tierOf(text: string | undefined, tiers: string[][]): { tier: number; phrase: string } | undefined {
  if (!text) return undefined;
  const words = text.toLowerCase().replace(/[*_]/g, '').split(/\s+/).filter(Boolean);
  const attempts = [words, words.filter((w, i) => !(ADVERBS.has(w) && i < 2))];
  for (const list of attempts) {
    const joined = list.join(' ');
    for (let tier = 0; tier < tiers.length; tier++) {
      const phrase = tiers[tier].find((p) => joined === p || joined.startsWith(p + ' '));
      if (phrase) return { tier, phrase };
    }
  }
  return undefined;
}

/** The operative verb's force, read from the paragraph's opening words (its opener, adverbs and all). */
function verbForce(side: Side, u: AnalyzedUnit): { tier: number; words: string } | undefined {
  const opener = u.unit.opener;
  if (!opener || (opener.kind !== 'operative' && opener.kind !== 'reporting')) return undefined;
  const model = side.result.analysis.model;
  const words = squeeze(model.text.slice(opener.start, Math.min(u.unit.end, opener.end + 40)));
  const force = tierOf(words, VERB_TIERS);
  return force ? { tier: force.tier, words: squeeze(model.text.slice(opener.start, opener.end)) } : undefined;
}

/** The first modal of a paragraph and its force ("shall" binding, "may" inviting). */
function modalForce(text: string): { tier: number; words: string } | undefined {
  MODAL_RE.lastIndex = 0;
  const m = MODAL_RE.exec(text);
  if (!m) return undefined;
  const words = m[0].toLowerCase().replace(/\s+/g, ' ');
  const tier = MODAL_TIERS.findIndex((list) => list.includes(words));
  return tier >= 0 ? { tier, words } : undefined;
}

function qualifiersIn(text: string): Set<string> {
  const found = new Set<string>();
  QUALIFIER_RE.lastIndex = 0;
  for (const m of text.matchAll(QUALIFIER_RE)) found.add(m[0].toLowerCase().replace(/\s+/g, ' '));
  return found;
}

/** Whether a task sits among the priority tasks or the other tasks: its lead-ins, then its section heading. */
function taskGroup(side: Side, u: AnalyzedUnit): 'priority' | 'other' | undefined {
  const units = side.result.analysis.units;
  const masked = side.result.analysis.model.masked;
  const groupOf = (text: string) => {
    const lower = squeeze(text).toLowerCase();
    if (OTHER.some((p) => lower.includes(p))) return 'other' as const;
    if (PRIORITY.some((p) => lower.includes(p))) return 'priority' as const;
    return undefined;
  };
  let current = u.unit.parent !== undefined ? units[u.unit.parent] : undefined;
  for (let guard = 0; current && guard < 20; guard++) {
    if (current.unit.leadIn) {
      const group = groupOf(masked.slice(current.unit.contentStart, current.unit.end));
      if (group) return group;
    }
    current = current.unit.parent !== undefined ? units[current.unit.parent] : undefined;
  }
  if (u.unit.section !== undefined) {
    const heading = units[u.unit.section];
    if (heading) return groupOf(masked.slice(heading.unit.contentStart, heading.unit.end));
  }
  return undefined;
}

function isTask(u: AnalyzedUnit): boolean {
  return u.unit.kind !== 'preamble' && !u.unit.leadIn && u.reading.asks === 'support';
}

/** Reported on: SSR content on either side, a safeguard, or a lead-in whose tasks are SSR content. */
function inScope(side: Side, u: AnalyzedUnit): boolean {
  if (u.ssr) return true;
  if (u.unit.kind === 'preamble') return false;
  if (SAFEGUARD_FAMILIES.some((f) => f !== 'governance' && f !== 'reporting' && familyHits(u, f).length)) return true;
  if (u.unit.leadIn) return side.result.analysis.units.some((c) => c.unit.parent === u.unit.id && c.ssr);
  return false;
}

/** Union-find over the alignment's edges: the groups of paragraphs that became one another. */
function groups(alignment: Alignment, n: number, m: number): Array<{ prev: number[]; draft: number[] }> {
  const parent = Array.from({ length: n + m }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  alignment.forward.forEach((js, i) => js.forEach((j) => (parent[find(i)] = find(n + j))));
  const byRoot = new Map<number, { prev: number[]; draft: number[] }>();
  for (let x = 0; x < n + m; x++) {
    const root = find(x);
    let group = byRoot.get(root);
    if (!group) byRoot.set(root, (group = { prev: [], draft: [] }));
    if (x < n) group.prev.push(x);
    else group.draft.push(x - n);
  }
  return [...byRoot.values()];
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function summaryText(s: Omit<ComparisonSummary, 'text'>): string {
  const parts = [plural(s.safeguardsLost, 'safeguard lost', 'safeguards lost'), plural(s.weakened, 'task weakened', 'tasks weakened')];
  if (s.strengthened) parts.push(plural(s.strengthened, 'task strengthened', 'tasks strengthened'));
  if (s.tasksAdded) parts.push(plural(s.tasksAdded, 'task added', 'tasks added'));
  if (s.tasksRemoved) parts.push(plural(s.tasksRemoved, 'task removed', 'tasks removed'));
  parts.push(plural(s.newFindings, 'new finding'), `${s.resolvedFindings} resolved`);
  return parts.join(', ');
}

function emptyComparison(reason: string, notes: string[], previousParagraphs: number, draftParagraphs: number, strength = 0): Comparison {
  const counts = { safeguardsLost: 0, weakened: 0, strengthened: 0, tasksAdded: 0, tasksRemoved: 0, newFindings: 0, resolvedFindings: 0, unchangedFindings: 0 };
  return {
    comparable: false,
    reason,
    notes,
    alignment: { previousParagraphs, draftParagraphs, matched: 0, renumbered: 0, moved: 0, split: 0, merged: 0, added: 0, removed: 0, strength },
    paragraphs: [],
    findings: { new: [], resolved: [], unchanged: [] },
    summary: { ...counts, text: reason },
  };
}

export interface CompareOptions {
  /** Names of the two texts for messages ("the previous text", "the draft"). */
  previousName?: string;
  draftName?: string;
}

export function compareResults(previous: LintResult, draft: LintResult, options: CompareOptions = {}): Comparison {
  const previousName = options.previousName ?? 'the previous text';
  const draftName = options.draftName ?? 'the draft';
  const prev = makeSide(previous);
  const next = makeSide(draft);
  const n = prev.units.length;
  const m = next.units.length;
  const notes: string[] = [];
  if (!previous.analysis.model.text.trim()) return emptyComparison(`${previousName} is empty: there is nothing to compare the draft with.`, notes, n, m);
  if (!draft.analysis.model.text.trim()) return emptyComparison(`${draftName} is empty: there is nothing to compare.`, notes, n, m);
  if (!n || !m) return emptyComparison(`${!n ? previousName : draftName} has no paragraphs to compare.`, notes, n, m);

  const vocabulary = new Vocabulary();
  const prevWords = prev.units.map((u) => contentWords(unitText(prev, u)));
  const nextWords = next.units.map((u) => contentWords(unitText(next, u)));
  const prevTf = prevWords.map((words) => vocabulary.add(words));
  const nextTf = nextWords.map((words) => vocabulary.add(words));
  const prevVectors = prevTf.map((tf) => vocabulary.vector(tf));
  const nextVectors = nextTf.map((tf) => vocabulary.vector(tf));
  const alignment = alignParagraphs(prevVectors, nextVectors, (id) => vocabulary.idf(id));

  // The note speaks of text, so it compares the paragraphs' text (their weighted words say little of length: a
  // paragraph repeated a thousand times weighs almost nothing).
  const prevLength = prev.units.reduce((s, u) => s + unitText(prev, u).trim().length, 0);
  const nextLength = next.units.reduce((s, u) => s + unitText(next, u).trim().length, 0);
  const ratio = Math.max(prevLength, nextLength) / Math.max(1, Math.min(prevLength, nextLength));
  if (ratio >= 4) {
    notes.push(
      prevLength > nextLength
        ? `${draftName} is much shorter than ${previousName} (about ${Math.round(ratio)} times less text): most of ${previousName} has no counterpart, so expect many paragraphs reported as removed.`
        : `${draftName} is much longer than ${previousName} (about ${Math.round(ratio)} times more text): expect many paragraphs reported as added.`,
    );
  }
  if (alignment.strength < MIN_STRENGTH) {
    const matched = alignment.forward.filter((f) => f.length).length;
    return emptyComparison(
      `The two texts do not compare: only ${Math.round(alignment.strength * 100)}% of what they say could be aligned (${matched} of ${n} paragraphs of ${previousName} found a counterpart in ${draftName}). They do not read as two versions of the same text; check that ${draftName} renews ${previousName}.`,
      notes,
      n,
      m,
      Math.round(alignment.strength * 100) / 100,
    );
  }

  // Each paragraph's words as written (no markup, spacing squeezed), worked out once.
  const squeezed = (side: Side): ((i: number) => string) => {
    const cache = new Array<string | undefined>(side.units.length);
    return (i) => (cache[i] ??= squeeze(side.result.analysis.model.text.slice(side.units[i].unit.contentStart, side.units[i].unit.end)));
  };
  const prevText = squeezed(prev);
  const nextText = squeezed(next);
  // All of the draft's paragraphs in one text (separated by NUL, which no phrase spans) and where each starts, for
  // "do these words still stand somewhere in the draft?": one search instead of one per paragraph.
  let joined: { text: string; starts: number[] } | undefined;
  const draftWords = () => {
    if (!joined) {
      const starts: number[] = [];
      let at = 0;
      const parts = next.units.map((_, j) => {
        starts.push(at);
        const t = nextText(j);
        at += t.length + 1;
        return t;
      });
      joined = { text: parts.join('\u0000'), starts };
    }
    return joined;
  };

  // The group each paragraph belongs to, and the paragraph's findings by group.
  const found = groups(alignment, n, m);
  const groupOfPrev = new Array<number>(n);
  const groupOfNext = new Array<number>(m);
  found.forEach((g, k) => {
    g.prev.forEach((i) => (groupOfPrev[i] = k));
    g.draft.forEach((j) => (groupOfNext[j] = k));
  });

  const findingRef = (side: Side, f: Finding): FindingRef => {
    const lines = side.result.analysis.model.lines;
    const index = f.unitId !== undefined ? side.indexOf.get(f.unitId) : undefined;
    return {
      ruleId: f.ruleId,
      severity: f.severity,
      level: f.level,
      paragraph: f.level === 'paragraph' && index !== undefined ? side.refs[index].label : undefined,
      line: lines.positionAt(f.start).line,
      quote: squeeze(side.result.analysis.model.text.slice(f.start, f.end)),
      message: f.message,
      start: f.start,
      end: f.end,
    };
  };
  interface Keyed {
    fingerprint: FindingFingerprint;
    ruleId: string;
    message: string;
    group?: number;
    ref: FindingRef;
  }
  const keyed = (side: Side, groupOf: number[], words: string[][]) => {
    // The paragraphs' fingerprints from the words already read for the alignment (the same text, masked).
    const prints: ParagraphPrints = new Map();
    return (f: Finding): Keyed => {
      const index = f.unitId !== undefined ? side.indexOf.get(f.unitId) : undefined;
      if (index !== undefined && f.unitId !== undefined && !prints.has(f.unitId)) prints.set(f.unitId, { paragraph: paragraphKey(words[index]), sketch: paragraphSketch(words[index]) });
      return { fingerprint: fingerprintFinding(side.result, f, prints), ruleId: f.ruleId, message: f.message, group: f.level === 'paragraph' && index !== undefined ? groupOf[index] : undefined, ref: findingRef(side, f) };
    };
  };
  const prevFindings = previous.findings.map(keyed(prev, groupOfPrev, prevWords));
  const nextFindings = draft.findings.map(keyed(next, groupOfNext, nextWords));
  const matches = matchFindings(nextFindings, prevFindings, (c, b) => c.group !== undefined && c.group === b.group);
  const deltaOf = new Map<number | undefined, FindingDelta>();
  const delta = (group: number | undefined) => {
    let d = deltaOf.get(group);
    if (!d) deltaOf.set(group, (d = { new: [], resolved: [], unchanged: [] }));
    return d;
  };
  nextFindings.forEach((f, i) => delta(f.group)[matches.current[i].state === 'new' ? 'new' : 'unchanged'].push(f.ref));
  for (const k of matches.absent) delta(prevFindings[k].group).resolved.push(prevFindings[k].ref);

  // Where a paragraph that went stood in the draft: after the counterpart of the last paragraph before it that stayed.
  const nearOf = (i: number): number | undefined => {
    for (let k = i - 1; k >= 0; k--) if (alignment.forward[k].length) return alignment.forward[k][alignment.forward[k].length - 1];
    for (let k = i + 1; k < n; k++) if (alignment.forward[k].length) return alignment.forward[k][0];
    return undefined;
  };

  const paragraphs: Array<ParagraphChange & { order: number }> = [];
  const counts = { matched: 0, renumbered: 0, moved: 0, split: 0, merged: 0, added: 0, removed: 0 };
  found.forEach((g, k) => {
    const pUnits = g.prev.map((i) => prev.units[i]);
    const dUnits = g.draft.map((j) => next.units[j]);
    let relation: Relation;
    if (!g.prev.length) relation = 'added';
    else if (!g.draft.length) relation = 'removed';
    else if (g.prev.length > 1) relation = 'merged';
    else if (g.draft.length > 1) relation = 'split';
    else if (alignment.moved[g.prev[0]] || movedGroup(prev, next, pUnits[0], dUnits[0], alignment)) relation = 'moved';
    else relation = prevText(g.prev[0]) === nextText(g.draft[0]) ? 'unchanged' : 'edited';
    const renumbered = g.prev.length === 1 && g.draft.length >= 1 && prev.refs[g.prev[0]].label !== next.refs[g.draft[0]].label && !/^line /.test(prev.refs[g.prev[0]].label);
    if (g.prev.length && g.draft.length) counts.matched += g.prev.length;
    if (renumbered) counts.renumbered++;
    if (relation === 'moved') counts.moved++;
    else if (relation === 'split') counts.split++;
    else if (relation === 'merged') counts.merged++;
    else if (relation === 'added') counts.added++;
    else if (relation === 'removed') counts.removed++;

    const ssr = pUnits.some((u) => inScope(prev, u)) || dUnits.some((u) => inScope(next, u));
    const task = pUnits.some(isTask) || dUnits.some(isTask);
    const safeguardsLost: SafeguardLoss[] = [];
    const changes: LanguageChange[] = [];
    // The same words (wherever they stand now) have the same safeguards, verb, modal and qualifiers: only the
    // task group they sit in can have changed. Most paragraphs of a renewal are like this.
    const sameWords = g.prev.length === 1 && g.draft.length === 1 && prevText(g.prev[0]) === nextText(g.draft[0]);
    if (ssr && pUnits.length && !sameWords) {
      const before = safeguardsOf(pUnits);
      for (const [family, hits] of before) {
        if (dUnits.some((u) => familyHits(u, family).length)) continue;
        // Words that still stand in another paragraph of the draft were not lost, whatever paragraph they are in now.
        const words = [...new Set(hits.map(({ unit, hit }) => squeeze(prev.result.analysis.model.text.slice(unit.offset + hit.start, unit.offset + hit.end))))].filter((w) => {
          const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w).replace(/\\ /g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
          const { text, starts } = draftWords();
          for (const match of text.matchAll(re)) {
            const j = paragraphAt(starts, match.index);
            if (!g.draft.includes(j)) return false;
          }
          return true;
        });
        if (words.length) safeguardsLost.push({ family, words });
      }
      safeguardsLost.sort((a, b) => SAFEGUARD_FAMILIES.indexOf(a.family) - SAFEGUARD_FAMILIES.indexOf(b.family));
    }
    if (ssr && pUnits.length === 1 && dUnits.length) {
      const p = pUnits[0];
      const d = dUnits[0];
      const change = (direction: LanguageChange['direction'], kind: LanguageChange['kind'], from?: string, to?: string) => changes.push({ direction, kind, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      if (!sameWords) {
        const vp = verbForce(prev, p);
        const vd = verbForce(next, d);
        if (vp && vd && vp.tier !== vd.tier) change(vd.tier > vp.tier ? 'weakened' : 'strengthened', 'verb', vp.words, vd.words);
        const mp = modalForce(unitText(prev, p));
        const md = modalForce(dUnits.map((u) => unitText(next, u)).join('\n'));
        if (mp && md && mp.tier !== md.tier) change(md.tier > mp.tier ? 'weakened' : 'strengthened', 'modal', mp.words, md.words);
        const qp = qualifiersIn(unitText(prev, p));
        const qd = qualifiersIn(dUnits.map((u) => unitText(next, u)).join('\n'));
        for (const q of qd) if (!qp.has(q)) change('weakened', 'qualifier', undefined, q);
        for (const q of qp) if (!qd.has(q)) change('strengthened', 'qualifier', q, undefined);
      }
      const gp = taskGroup(prev, p);
      const gd = taskGroup(next, d);
      if (gp && gd && gp !== gd) change(gd === 'other' ? 'weakened' : 'strengthened', 'priority', `${gp} tasks`, `${gd} tasks`);
    }
    const draftOrder = g.draft.length ? g.draft[0] : (nearOf(g.prev[0]) ?? -1) + 0.5;
    const near = !g.draft.length ? nearOf(g.prev[0]) : undefined;
    paragraphs.push({
      order: draftOrder + (g.draft.length ? 0 : g.prev[0] / (n + 1) / 4),
      relation,
      previous: g.prev.map((i) => prev.refs[i]),
      draft: g.draft.map((j) => next.refs[j]),
      ...(near !== undefined ? { near: next.refs[near] } : {}),
      similarity: g.prev.length && g.draft.length ? Math.round(Math.max(...g.prev.map((i) => alignment.similarity[i])) * 100) / 100 : 0,
      ssr,
      task,
      renumbered,
      safeguardsLost,
      changes,
      findings: deltaOf.get(k) ?? { new: [], resolved: [], unchanged: [] },
    });
  });
  paragraphs.sort((a, b) => a.order - b.order);

  const inReport = paragraphs.filter((p) => p.ssr);
  const rest = delta(undefined);
  // Findings of paragraphs outside SSR content still count in the totals; document findings are listed apart.
  const all = { new: [...nextFindings.filter((_, i) => matches.current[i].state === 'new').map((f) => f.ref)], resolved: matches.absent.map((k) => prevFindings[k].ref), unchanged: nextFindings.filter((_, i) => matches.current[i].state !== 'new').map((f) => f.ref) };
  const summaryCounts = {
    safeguardsLost: inReport.reduce((s, p) => s + p.safeguardsLost.length, 0),
    weakened: inReport.filter((p) => p.changes.some((c) => c.direction === 'weakened')).length,
    strengthened: inReport.filter((p) => p.changes.some((c) => c.direction === 'strengthened') && !p.changes.some((c) => c.direction === 'weakened')).length,
    tasksAdded: inReport.filter((p) => p.relation === 'added' && p.task).length,
    tasksRemoved: inReport.filter((p) => p.relation === 'removed' && p.task).length,
    newFindings: all.new.length,
    resolvedFindings: all.resolved.length,
    unchangedFindings: all.unchanged.length,
  };
  return {
    comparable: true,
    notes,
    alignment: { previousParagraphs: n, draftParagraphs: m, ...counts, strength: Math.round(alignment.strength * 100) / 100 },
    paragraphs: paragraphs.map(({ order: _order, ...p }) => p),
    findings: rest,
    summary: { ...summaryCounts, text: summaryText(summaryCounts) },
  };
}

/** The paragraph (index into `starts`, ascending) that holds an offset of the joined text. */
function paragraphAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A paragraph that kept its order but now hangs from another lead-in (a task moved to another list). */
function movedGroup(prev: Side, next: Side, p: AnalyzedUnit, d: AnalyzedUnit, alignment: Alignment): boolean {
  if (p.unit.parent === undefined || d.unit.parent === undefined) return false;
  const parentIndex = prev.indexOf.get(p.unit.parent);
  const draftParent = next.indexOf.get(d.unit.parent);
  if (parentIndex === undefined || draftParent === undefined) return false;
  const counterparts = alignment.forward[parentIndex];
  return counterparts.length > 0 && !counterparts.includes(draftParent);
}
