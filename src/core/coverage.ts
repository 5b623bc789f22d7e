/**
 * The lessons coverage matrix: for one document, each of the review's 19 lessons, its recommendation 1(b) and
 * the Box 1 principles, marked addressed (with the words that show it), addressed with gaps, not addressed,
 * or not applicable to this type of document. Definitions are data: data/coverage.json.
 */
import coverageData from '../../data/coverage.json';
import { capabilityHits, genderReading, governanceHits, hitsOf, operativeNumber, type AnalyzedUnit, type DocumentAnalysis } from './analysis';
import type { ConceptId } from './concepts';
import type { Hit } from './facts';
import { getLesson } from './lessons';
import type { LintResult } from './results';
import type { Finding } from './rules/types';

export type CoverageStatus = 'addressed' | 'partly' | 'not-addressed' | 'not-applicable';

export interface CoverageEntry {
  id: string;
  label: string;
  title: string;
  group: 'lessons' | 'recommendations' | 'principles';
  status: CoverageStatus;
  /** The words that show the lesson is taken on board. */
  evidence?: { start: number; end: number; text: string; context: { before: string; match: string; after: string } };
  /** Findings of the rules that watch this lesson. */
  findings: Finding[];
  note: string;
}

interface ItemDefinition {
  id: string;
  group: 'lessons' | 'recommendations' | 'principles';
  docTypes: string[];
  appliesWhen?: string[];
  addressedBy: string[][];
  addressedWhenAbsent?: string;
  rules: string[];
  gap: string;
}

export const COVERAGE_ITEMS = coverageData.items as ItemDefinition[];
export const BOX2_ITEMS = coverageData.box2 as Array<{ id: string; title: string; addressedBy: string[][] }>;

/** Concept ids in coverage.json are data; test/data.test.ts checks that each one exists in the lexicon. */
/** Concepts that are about the mission by nature (its exit, its analysis): its own hits count. */
const MISSION_CONCEPTS = new Set<string>(coverageData.missionConcepts);

function counts(u: AnalyzedUnit, concept: ConceptId): Hit | undefined {
  if (concept === 'gender') {
    const reading = genderReading(u);
    return reading.reading === 'responsive' ? reading.evidence : undefined;
  }
  const mission = MISSION_CONCEPTS.has(concept);
  return hitsOf(u, concept).find((h) => !h.negated && (mission || !h.missionOwn));
}

/**
 * The first paragraph that meets one of the alternatives (every concept of it present in that paragraph), SSR
 * paragraphs first. The evidence spans the alternative's words when they sit close together, else its last one.
 */
export function firstMet(analysis: DocumentAnalysis, alternatives: string[][]): { unit: AnalyzedUnit; hit: Hit; start: number; end: number } | undefined {
  const candidates = analysis.units.filter((u) => u.unit.kind !== 'title' && u.unit.kind !== 'heading');
  // What the draft asks for shows a lesson taken on board better than what it describes: asks first, SSR first.
  const rank = (u: AnalyzedUnit) => (u.ask ? 0 : 2) + (u.ssr ? 0 : 1);
  const ordered = candidates.map((u, i) => ({ u, i })).sort((a, b) => rank(a.u) - rank(b.u) || a.i - b.i).map((x) => x.u);
  for (const unit of ordered) {
    for (const alternative of alternatives) {
      // "!concept": the paragraph must not say it (human rights monitoring "by the Human Rights Division of the mission").
      if (alternative.some((concept) => concept.startsWith('!') && counts(unit, concept.slice(1) as ConceptId))) continue;
      const hits = alternative.filter((concept) => !concept.startsWith('!')).map((concept) => counts(unit, concept as ConceptId));
      if (!hits.length || !hits.every(Boolean)) continue;
      const found = hits as Hit[];
      const start = Math.min(...found.map((h) => h.start));
      const end = Math.max(...found.map((h) => h.end));
      const last = found[found.length - 1];
      return end - start <= 160 ? { unit, hit: last, start: unit.offset + start, end: unit.offset + end } : { unit, hit: last, start: unit.offset + last.start, end: unit.offset + last.end };
    }
  }
  return undefined;
}

/** The words around a span inside its paragraph, cut at word boundaries, for quoting evidence. */
export function evidenceContext(analysis: DocumentAnalysis, unit: AnalyzedUnit, start: number, end: number, room = 70): { before: string; match: string; after: string } {
  const text = analysis.model.text;
  // Emphasis markers are layout, not words.
  const flat = (s: string) => s.replace(/\s+/g, ' ').replace(/\*{1,2}/g, '');
  let from = Math.max(unit.unit.contentStart ?? unit.unit.start, start - room);
  let to = Math.min(unit.unit.end, end + room);
  if (from > unit.unit.contentStart) from = text.indexOf(' ', from) + 1 || from;
  if (to < unit.unit.end) to = Math.max(end, text.lastIndexOf(' ', to));
  const before = flat(text.slice(from, start));
  const after = flat(text.slice(end, to));
  return {
    before: (from > unit.unit.contentStart ? '…' : '') + before.replace(/^[*_\s]+/, ''),
    match: flat(text.slice(start, end)),
    after: after + (to < unit.unit.end ? '…' : ''),
  };
}

export function computeCoverage(result: LintResult): CoverageEntry[] {
  const { analysis } = result;
  const text = analysis.model.text;
  return COVERAGE_ITEMS.map((item) => {
    const lesson = getLesson(item.id);
    const base = { id: item.id, label: lesson?.label ?? item.id, title: lesson?.title ?? item.id, group: item.group };
    const findings = result.findings.filter((f) => item.rules.includes(f.ruleId));
    if (!item.docTypes.includes(analysis.docType)) {
      return { ...base, status: 'not-applicable', findings: [], note: `Not expected of a ${analysis.docType.replace('-', ' ')}.` };
    }
    if (item.appliesWhen && !item.appliesWhen.some((c) => analysis.units.some((u) => counts(u, c as ConceptId)))) {
      return { ...base, status: 'not-applicable', findings: [], note: 'The draft has no content this lesson is about.' };
    }
    const met = firstMet(analysis, item.addressedBy);
    const documentGap = findings.some((f) => f.level === 'document');
    if (met && !documentGap) {
      const { start, end } = met;
      const evidence = { start, end, text: text.slice(start, end).replace(/\s+/g, ' '), context: evidenceContext(analysis, met.unit, start, end) };
      return findings.length
        ? { ...base, status: 'partly', evidence, findings, note: `Addressed ("${evidence.text}"), but ${findings.length} finding${findings.length === 1 ? '' : 's'} remain.` }
        : { ...base, status: 'addressed', evidence, findings, note: `Addressed: "${evidence.text}".` };
    }
    if (!met && item.addressedWhenAbsent && !analysis.units.some((u) => counts(u, item.addressedWhenAbsent as ConceptId))) {
      return { ...base, status: 'addressed', findings, note: 'Nothing in the draft casts national institutions as defective.' };
    }
    return { ...base, status: 'not-addressed', findings, note: item.gap };
  });
}

/** Governance against capability language, SSR paragraph by paragraph, for the report's chart. */
export function balanceByParagraph(analysis: DocumentAnalysis): Array<{ line: number; label: string; governance: number; capability: number; unit: AnalyzedUnit }> {
  // Paragraphs are named as drafters name them: PP3 for the third preambular paragraph, OP4, OP4(b).
  const preambleNumber = new Map(analysis.units.filter((u) => u.unit.kind === 'preamble').map((u, i) => [u, i + 1]));
  const name = (u: AnalyzedUnit, line: number): string => {
    const marker = u.unit.marker;
    if (u.unit.kind === 'preamble') return `PP${preambleNumber.get(u)}`;
    const op = operativeNumber(analysis.units, u);
    if (marker?.style === 'decimal' && u.unit.parent === undefined) return `OP${marker.label}`;
    if (marker && (marker.style === 'alpha' || marker.style === 'roman')) return op !== undefined ? `OP${op}(${marker.label})` : `(${marker.label})`;
    return `l.${line}`;
  };
  return analysis.units
    .filter((u) => u.ssr)
    .map((u) => {
      const line = analysis.model.lines.positionAt(u.unit.start).line;
      const label = name(u, line);
      return {
        line,
        label,
        governance: governanceHits(u).length,
        capability: capabilityHits(u).length,
        unit: u,
      };
    });
}
