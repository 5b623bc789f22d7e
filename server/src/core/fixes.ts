/**
 * Quick fixes as plain text edits over the original text: a clause added to the paragraph itself, a new
 * operative paragraph or sub-paragraph (numbered and punctuated like its neighbours, later numbers and
 * references shifted), a benchmark paragraph for the whole draft, or a comment that silences a rule.
 */
import { operativeNumber, type AnalyzedUnit, type DocumentAnalysis } from './analysis';
import type { Unit } from './model/model';
import type { Finding } from './rules/types';
import { documentPlaceholders, renderSnippet, snippetsFixing, type PlaceholderValues, type Snippet } from './snippets';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  kind: 'inline' | 'paragraph' | 'benchmarks' | 'disable';
  edits: TextEdit[];
  snippet?: string;
  /** The fix most likely wanted (the editor marks it preferred). */
  preferred?: boolean;
}

/** "Human rights ..." → "human rights ..." but "SSR benchmarks" stays. */
function lowerFirst(title: string): string {
  return /^[A-Z][a-z]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv', 'xvi', 'xvii', 'xviii', 'xix', 'xx'];

function nextLabel(label: string, style: 'alpha' | 'roman'): string {
  if (style === 'roman') {
    const index = ROMAN.indexOf(label);
    return index >= 0 && index + 1 < ROMAN.length ? ROMAN[index + 1] : label + 'i';
  }
  if (label === 'z') return 'aa';
  if (/^([a-z])\1$/.test(label)) return String.fromCharCode(label.charCodeAt(0) + 1).repeat(2);
  return String.fromCharCode(label.charCodeAt(label.length - 1) + 1);
}

/** Where a clause goes at the end of a unit: before its closing ";", ",", "." or ": and". */
function clauseInsertion(text: string, unit: Unit): { at: number; closing: string } {
  const body = text.slice(unit.contentStart, unit.end);
  const conjunction = /([;,])(\s+(?:and|or))$/.exec(body);
  if (conjunction) return { at: unit.contentStart + conjunction.index, closing: conjunction[0] };
  const last = body[body.length - 1];
  if (last && '.;,:'.includes(last)) return { at: unit.end - 1, closing: last };
  return { at: unit.end, closing: '' };
}

/** The emphasis around the unit's opening verb ("*Requests*" → "*"). */
function emphasisOf(text: string, unit: Unit): string {
  if (!unit.opener) return '*';
  const before = text.slice(Math.max(unit.start, unit.opener.start - 2), unit.opener.start);
  const m = /([*_]{1,2})$/.exec(before);
  return m ? m[1] : '';
}

/** Blank line or single line break between this unit and the next one, to keep the draft's layout. */
function separatorAfter(text: string, unit: Unit): string {
  const after = text.slice(unit.end, unit.end + 8);
  return /^\r?\n[ \t]*\r?\n/.test(after) || unit.end >= text.trimEnd().length ? '\n\n' : '\n';
}

function lastDescendant(analysis: DocumentAnalysis, u: AnalyzedUnit): AnalyzedUnit {
  let last = u;
  for (let i = u.unit.id + 1; i < analysis.units.length; i++) {
    let ancestor = analysis.units[i].unit.parent;
    let inside = false;
    for (let guard = 0; ancestor !== undefined && guard < 20; guard++) {
      if (ancestor === u.unit.id) {
        inside = true;
        break;
      }
      ancestor = analysis.units[ancestor].unit.parent;
    }
    if (!inside) break;
    last = analysis.units[i];
  }
  return last;
}

/** Edits that shift top-level paragraph numbers from `from` on by one: markers and "paragraph N" references. */
function renumberFrom(analysis: DocumentAnalysis, from: number, after: number): TextEdit[] {
  const text = analysis.model.text;
  const edits: TextEdit[] = [];
  for (const u of analysis.units) {
    const marker = u.unit.marker;
    if (!marker || marker.style !== 'decimal' || u.unit.start < after || u.unit.parent !== undefined) continue;
    const n = Number(marker.label);
    if (!(n >= from)) continue;
    const at = text.indexOf(marker.label, marker.start);
    if (at >= 0 && at < marker.end) edits.push({ start: at, end: at + marker.label.length, newText: String(n + 1) });
  }
  const references = /\b(paragraphs?\s{1,3})(\d{1,3})(\s*(?:\([a-z]{1,4}\)\s*)?(?:to|and|-|–)\s*)?(\d{1,3})?(?!\s*of\s+(?:resolution|its resolution|the annex|annex))/gi;
  let m: RegExpExecArray | null;
  while ((m = references.exec(text))) {
    const first = Number(m[2]);
    const firstAt = m.index + m[1].length;
    if (first >= from) edits.push({ start: firstAt, end: firstAt + m[2].length, newText: String(first + 1) });
    if (m[4]) {
      const second = Number(m[4]);
      const secondAt = firstAt + m[2].length + (m[3] ?? '').length;
      if (second >= from) edits.push({ start: secondAt, end: secondAt + m[4].length, newText: String(second + 1) });
    }
  }
  return edits;
}

export function inlineFix(analysis: DocumentAnalysis, u: AnalyzedUnit, snippet: Snippet, values: PlaceholderValues): Fix | undefined {
  if (!snippet.inline) return undefined;
  const { at } = clauseInsertion(analysis.model.text, u.unit);
  const clause = renderSnippet({ ...snippet, kind: 'operative', body: snippet.inline }, 'paragraph', values);
  return { title: `Add to this paragraph: ${lowerFirst(snippet.title)}`, kind: 'inline', edits: [{ start: at, end: at, newText: `, ${clause}` }], snippet: snippet.id };
}

export function newParagraphFix(analysis: DocumentAnalysis, u: AnalyzedUnit, snippet: Snippet, values: PlaceholderValues): Fix | undefined {
  if (snippet.kind !== 'task') return undefined;
  const text = analysis.model.text;
  const marker = u.unit.marker;
  const number = operativeNumber(analysis.units, u);
  if (marker && (marker.style === 'alpha' || marker.style === 'roman') && u.unit.parent !== undefined) {
    const style = marker.style;
    const siblings = analysis.units.filter((s) => s.unit.parent === u.unit.parent && s.unit.marker?.style === style);
    const last = siblings[siblings.length - 1] ?? u;
    const lastEnd = lastDescendant(analysis, last);
    const label = nextLabel(last.unit.marker!.label, style);
    const ref = number !== undefined ? `paragraph ${number} (${marker.label})` : `subparagraph (${marker.label})`;
    const body = renderSnippet(snippet, 'subparagraph', { ...values, ref });
    const { closing } = clauseInsertion(text, last.unit);
    const edits: TextEdit[] = [];
    let ending = ';';
    if (closing === '.') {
      edits.push({ start: last.unit.end - 1, end: last.unit.end, newText: ';' });
      ending = '.';
    }
    const indent = /[ \t]*$/.exec(text.slice(text.lastIndexOf('\n', last.unit.start) + 1, last.unit.start))?.[0] ?? '';
    const newMarker = last.unit.marker!.text.replace(last.unit.marker!.label, label);
    edits.push({ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `${separatorAfter(text, lastEnd.unit)}${indent}${newMarker} ${body}${ending}` });
    return { title: `Insert sub-paragraph (${label}): ${lowerFirst(snippet.title)}`, kind: 'paragraph', edits, snippet: snippet.id };
  }
  if (marker?.style === 'decimal' && number !== undefined && u.unit.parent === undefined) {
    const lastEnd = lastDescendant(analysis, u);
    const body = renderSnippet(snippet, 'operative', { ...values, ref: `paragraph ${number}` }, emphasisOf(text, u.unit));
    const edits = renumberFrom(analysis, number + 1, lastEnd.unit.end);
    const isLast = !analysis.units.some((x) => x.unit.marker?.style === 'decimal' && x.unit.parent === undefined && x.unit.start > u.unit.start);
    const { closing } = clauseInsertion(text, lastEnd.unit);
    let ending = ';';
    if (isLast && closing === '.') {
      edits.push({ start: lastEnd.unit.end - 1, end: lastEnd.unit.end, newText: ';' });
      ending = '.';
    }
    const newMarker = marker.text.replace(marker.label, String(number + 1));
    edits.push({ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `${separatorAfter(text, lastEnd.unit)}${newMarker} ${body}${ending}` });
    return { title: `Insert paragraph ${number + 1}: ${lowerFirst(snippet.title)}`, kind: 'paragraph', edits, snippet: snippet.id };
  }
  return undefined;
}

/** A benchmark paragraph for the whole draft, placed before "remains seized" or after the last operative paragraph. */
export function benchmarksFix(analysis: DocumentAnalysis, snippet: Snippet, values: PlaceholderValues): Fix | undefined {
  if (snippet.kind !== 'block') return undefined;
  const text = analysis.model.text;
  const operatives = analysis.units.filter((u) => u.unit.marker?.style === 'decimal' && u.unit.parent === undefined);
  const asks = analysis.units.filter((u) => u.ssr && u.ask).map((u) => operativeNumber(analysis.units, u)).filter((n): n is number => n !== undefined);
  const ref = asks.length ? (Math.min(...asks) === Math.max(...asks) ? `paragraph ${asks[0]}` : `paragraphs ${Math.min(...asks)} to ${Math.max(...asks)}`) : 'this resolution';
  const lines = renderSnippet(snippet, 'paragraph', { ...values, ref }).split('\n');
  const closingOp = operatives.length && /remain(?:s)? (?:actively )?seized/i.test(text.slice(operatives[operatives.length - 1].offset, operatives[operatives.length - 1].unit.end)) ? operatives[operatives.length - 1] : undefined;
  const title = `Insert ${lowerFirst(snippet.title)}`;
  if (closingOp) {
    const number = Number(closingOp.unit.marker!.label);
    const newMarker = closingOp.unit.marker!.text.replace(closingOp.unit.marker!.label, String(number));
    const sep = separatorAfter(text, analysis.units[Math.max(0, closingOp.unit.id - 1)].unit);
    const block = `${newMarker} ${lines.join('\n')};${sep}`;
    const edits = renumberFrom(analysis, number, closingOp.unit.start);
    edits.push({ start: closingOp.unit.start, end: closingOp.unit.start, newText: block });
    return { title, kind: 'benchmarks', edits, snippet: snippet.id };
  }
  if (operatives.length) {
    const lastOp = operatives[operatives.length - 1];
    const lastEnd = lastDescendant(analysis, lastOp);
    const number = Number(lastOp.unit.marker!.label) + 1;
    const newMarker = lastOp.unit.marker!.text.replace(lastOp.unit.marker!.label, String(number));
    const edits: TextEdit[] = [];
    const { closing } = clauseInsertion(text, lastEnd.unit);
    if (closing === '.') edits.push({ start: lastEnd.unit.end - 1, end: lastEnd.unit.end, newText: ';' });
    edits.push({ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `${separatorAfter(text, lastEnd.unit)}${newMarker} ${lines.join('\n')}.` });
    return { title, kind: 'benchmarks', edits, snippet: snippet.id };
  }
  const end = text.trimEnd().length;
  return { title, kind: 'benchmarks', edits: [{ start: end, end, newText: `\n\n${lines.join('\n')}.\n` }], snippet: snippet.id };
}

export function disableFix(analysis: DocumentAnalysis, finding: Finding): Fix {
  const text = analysis.model.text;
  if (finding.level === 'document' || finding.unitId === undefined) {
    const at = analysis.model.frontMatter ? analysis.model.frontMatter.end + 1 : 0;
    const line = analysis.model.frontMatter ? '\n' : '';
    return { title: `Disable ${finding.ruleId} for this file`, kind: 'disable', edits: [{ start: at, end: at, newText: `${line}<!-- mandate-lint-disable-file ${finding.ruleId} -->\n` }] };
  }
  const unit = analysis.units[finding.unitId].unit;
  const lineStart = text.lastIndexOf('\n', unit.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, unit.start))?.[0] ?? '';
  return {
    title: `Disable ${finding.ruleId} for this paragraph`,
    kind: 'disable',
    edits: [{ start: lineStart, end: lineStart, newText: `${indent}<!-- mandate-lint-disable-next-paragraph ${finding.ruleId} -->\n` }],
  };
}

/**
 * A clause for a whole-document finding, placed where it belongs: a preambular paragraph after the preamble, a
 * task as a new paragraph after the unit the rule suggests (numbered like it), or a strategy activity.
 */
export function documentClauseFix(analysis: DocumentAnalysis, snippet: Snippet, afterUnit: number | undefined, values: PlaceholderValues): Fix | undefined {
  const text = analysis.model.text;
  const title = `Insert ${lowerFirst(snippet.title)}`;
  if (snippet.kind === 'preambular') {
    const preamble = analysis.units.filter((u) => u.unit.kind === 'preamble');
    const last = preamble[preamble.length - 1];
    if (!last) return undefined;
    const { closing } = clauseInsertion(text, last.unit);
    const body = renderSnippet(snippet, 'paragraph', values, emphasisOf(text, last.unit));
    const ending = closing === ',' || closing === ';' ? closing : ',';
    return { title, kind: 'paragraph', edits: [{ start: last.unit.end, end: last.unit.end, newText: `${separatorAfter(text, last.unit)}${body}${ending}` }], snippet: snippet.id };
  }
  if (afterUnit === undefined || !analysis.units[afterUnit]) return undefined;
  const u = analysis.units[afterUnit];
  if (snippet.kind === 'operative') {
    // A whole paragraph in the draft's own voice ("The Parties shall ..."), after the suggested one.
    const lastEnd = lastDescendant(analysis, u);
    const marker = u.unit.marker?.style === 'decimal' && u.unit.parent === undefined ? u.unit.marker : undefined;
    const number = marker ? Number(marker.label) + 1 : undefined;
    const edits: TextEdit[] = number !== undefined ? renumberFrom(analysis, number, lastEnd.unit.end) : [];
    const prefix = marker && number !== undefined ? `${marker.text.replace(marker.label, String(number))} ` : '';
    edits.push({ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `${separatorAfter(text, lastEnd.unit)}${prefix}${renderSnippet(snippet, 'paragraph', values, emphasisOf(text, u.unit))}.` });
    return { title, kind: 'paragraph', edits, snippet: snippet.id };
  }
  if (snippet.kind !== 'task') return undefined;
  const numbered = newParagraphFix(analysis, u, snippet, values);
  if (numbered) return numbered;
  if (u.unit.marker) return undefined;
  // An unnumbered strategy paragraph: the clause follows as an activity of its own.
  const lastEnd = lastDescendant(analysis, u);
  const body = renderSnippet(snippet, 'activity', values);
  return { title, kind: 'paragraph', edits: [{ start: lastEnd.unit.end, end: lastEnd.unit.end, newText: `\n\n${body}.` }], snippet: snippet.id };
}

/** Every fix the editor can offer for a finding, most useful first. */
export function fixesFor(analysis: DocumentAnalysis, finding: Finding, library: Snippet[]): Fix[] {
  const values = documentPlaceholders(analysis);
  const candidates = snippetsFixing(library, finding.ruleId, analysis.docType);
  // A team's own clauses first (they know their mission's wording), then the rule's own suggestion (for
  // example vetting for an integration finding), then library order.
  const suggested = finding.fixes.map((f) => f.snippet);
  const team = (s: Snippet) => ((s as { source?: string }).source ?? 'built-in') !== 'built-in';
  candidates.sort((a, b) => (team(a) ? 0 : 1) - (team(b) ? 0 : 1) || (suggested.includes(a.id) ? 0 : 1) - (suggested.includes(b.id) ? 0 : 1));
  const fixes: Fix[] = [];
  if (finding.level === 'document') {
    const afterUnit = finding.fixes[0]?.afterUnit;
    for (const snippet of candidates) {
      const fix = benchmarksFix(analysis, snippet, values) ?? documentClauseFix(analysis, snippet, afterUnit, values);
      if (fix && fixes.length < 3) fixes.push(fix);
    }
  } else if (finding.unitId !== undefined) {
    const u = analysis.units[finding.unitId];
    for (const snippet of candidates.slice(0, 2)) {
      const inline = inlineFix(analysis, u, snippet, values);
      if (inline) fixes.push(inline);
    }
    const first = candidates.find((s) => s.kind === 'task');
    const paragraph = first && newParagraphFix(analysis, u, first, values);
    if (paragraph) fixes.push(paragraph);
    // A principle (inclusive ownership) belongs in the preamble, whichever paragraph raised it.
    const principle = candidates.find((s) => s.kind === 'preambular');
    const preambular = principle && documentClauseFix(analysis, principle, u.unit.id, values);
    if (preambular) fixes.push(preambular);
  }
  if (fixes.length) fixes[0].preferred = true;
  fixes.push(disableFix(analysis, finding));
  return fixes;
}

/** Applies non-overlapping edits to a text (for tests and the CLI). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
