/** Small shared queries for rules that look at the whole document. */
import { capabilityHits, hitsOf, reformActions, type AnalyzedUnit, type DocumentAnalysis } from '../analysis';
import type { ConceptId } from '../concepts';
import type { Hit } from '../facts';
import type { EvidenceInput, RuleContext } from './types';

export function onSecurityGround(unit: AnalyzedUnit): boolean {
  // Words that put a paragraph on security ground: the lexicon's security-ground concept.
  return unit.ssr || hitsOf(unit, 'security-ground').length > 0;
}

/** Units whose own words count for the document: not the title, not headings. */
export function contentUnits(analysis: DocumentAnalysis): AnalyzedUnit[] {
  return analysis.units.filter((u) => u.unit.kind !== 'title' && u.unit.kind !== 'heading');
}

/** Every hit of a concept in the document's own words, with its unit. */
export function documentHits(analysis: DocumentAnalysis, concept: ConceptId, filter: (h: Hit) => boolean = (h) => !h.negated && !h.missionOwn): Array<{ unit: AnalyzedUnit; hit: Hit }> {
  const out: Array<{ unit: AnalyzedUnit; hit: Hit }> = [];
  for (const unit of contentUnits(analysis)) for (const hit of hitsOf(unit, concept)) if (filter(hit)) out.push({ unit, hit });
  return out;
}

/**
 * Whether the document's own words name a concept anywhere. `headings`: a section titled "Monitoring and
 * evaluation" says the topic is there; `missionOwn`: the mission's own analysis or results framework counts.
 */
export function hasAnywhere(analysis: DocumentAnalysis, concept: ConceptId, options: { headings?: boolean; missionOwn?: boolean } = {}): boolean {
  const units = options.headings ? analysis.units.filter((u) => u.unit.kind !== 'title') : contentUnits(analysis);
  return units.some((u) => hitsOf(u, concept).some((h) => !h.negated && (options.missionOwn || !h.missionOwn)));
}

/** SSR units that ask for support with reform, capability or integration content. */
export function substantiveAsks(analysis: DocumentAnalysis): AnalyzedUnit[] {
  // reformActions, not the word "reform": advice "on security sector reform" is exploratory, not a programme.
  // A strategy's own programmes count whoever carries them out; a Council text's only when it asks for support.
  const planned = analysis.docType === 'strategy' ? new Set(plannedSsrUnits(analysis)) : undefined;
  return analysis.units.filter(
    (u) => u.ssr && (planned ? planned.has(u) : u.ask) && (reformActions(u).length > 0 || capabilityHits(u).length > 0 || hitsOf(u, 'integration').length > 0 || hitsOf(u, 'force-expansion').length > 0 || u.facts.supportsInstitution),
  );
}

const RECOMMENDING = new Set(['should', 'must', 'may', 'would', 'could']);

/**
 * A strategy's SSR plans and objectives: SSR paragraphs outside its analysis sections that are not only a
 * history ("Between 2014 and 2019 ...") or only recommendations ("The police should be deployed ...").
 */
export function plannedSsrUnits(analysis: DocumentAnalysis): AnalyzedUnit[] {
  return analysis.units.filter((u) => {
    if (!u.ssr || u.reading.analysis) return false;
    const clauses = u.facts.reading.clauses;
    if (clauses.length && clauses.every((c) => c.act === 'describe' && c.past)) return false;
    if (clauses.length && clauses.every((c) => c.act === 'provide' && RECOMMENDING.has(c.modal ?? ''))) return false;
    return true;
  });
}

/** Evidence for a document finding: the first `limit` hits (or units), each with a message quoting its hit. */
export function evidenceFrom(context: RuleContext, items: Array<{ unit: AnalyzedUnit; hit?: Hit }>, message: (phrase: string) => string, limit = 10): EvidenceInput[] {
  return items.slice(0, limit).map(({ unit, hit }) => ({ unit, hit, message: message(context.quote(unit, hit)) }));
}

export function plural(n: number, word: string, pluralWord = word + 's'): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
