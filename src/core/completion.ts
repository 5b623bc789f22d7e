/**
 * Clause completions: where in a line a clause may be offered, in which form (an operative paragraph, a
 * sub-paragraph or a strategy activity, from the marker the drafter has typed, read by the model's own marker
 * reader), and the clauses of a library rendered for that place with the draft's placeholders filled in.
 * Adapters only turn the result into their own completion items.
 */
import { operativeNumber, type AnalyzedUnit, type DocType, type DocumentAnalysis } from './analysis';
import { clauseInsertion, emphasisOfDraft, lastDescendant, lineEnding, listPunctuation, nextLabel, ownSubParagraphReferences, paragraphList, renumberFrom, taskParagraph, type TextEdit } from './fixes';
import { getLesson } from './lessons';
import { readMarker } from './model/model';
import { documentPlaceholders, renderSnippet, toSnippetSyntax, toVsCodeSnippetBody, type PlaceholderValues, type Snippet } from './snippets';

/** The form a task clause takes where it is inserted. */
export type ClauseForm = 'operative' | 'subparagraph' | 'activity';

export interface CompletionPlace {
  /** What the drafter has typed of a clause's prefix or title: the completion replaces it. */
  typed: string;
  form: ClauseForm;
}

/**
 * Whether clauses may be offered at the end of `linePrefix` (the line up to the cursor), and in which form: only
 * where a paragraph or an item starts, that is after nothing but an optional marker ("3.", "(b)", "iv)", "-"),
 * or after what the drafter has typed there. A lettered or roman marker asks for a sub-paragraph, a bullet for a
 * strategy activity; a number or no marker for an operative paragraph (an activity in a strategy).
 */
export function completionPlace(linePrefix: string, docType: DocType): CompletionPlace | undefined {
  // What is typed of a prefix: letters, hyphens and, after the first character, digits ("ml-pillar2", as the
  // snippet schema allows); a number on its own is a paragraph number being typed, not a prefix.
  const typed = /(?:^|\s)((?:[A-Za-z-][A-Za-z0-9-]*)?)$/.exec(linePrefix)?.[1] ?? '';
  const marker = linePrefix.slice(0, linePrefix.length - typed.length).trim();
  const defaultForm: ClauseForm = docType === 'strategy' ? 'activity' : 'operative';
  if (!marker) return { typed, form: defaultForm };
  // The reader wants what follows a marker: the space the clause will follow.
  const read = readMarker(marker + ' ');
  if (!read || read.text.length !== marker.length) return undefined;
  switch (read.style) {
    case 'bullet':
      return { typed, form: 'activity' };
    case 'alpha':
    case 'roman':
    case 'letter-or-roman':
      return { typed, form: 'subparagraph' };
    default:
      return { typed, form: defaultForm };
  }
}

export interface ClauseCompletion {
  snippet: Snippet;
  label: string;
  detail: string;
  /** Markdown: the description, the lessons and the clause as it will read. */
  documentation: string;
  filterText: string;
  sortText: string;
  /** The clause in VS Code snippet syntax, tab stops on the placeholders the draft does not fill. */
  body: string;
}

/** The library's clauses for a document type, rendered for a place (library order is kept). */
export function clauseCompletions(library: Snippet[], docType: DocType, form: ClauseForm, values: PlaceholderValues): ClauseCompletion[] {
  return library
    .filter((s) => !s.docTypes || s.docTypes.includes(docType))
    .map((s, i) => {
      const snippetForm = s.kind === 'task' ? form : 'paragraph';
      const ending = s.kind === 'preambular' ? ',' : s.kind === 'block' || s.kind === 'frame' ? '' : form === 'activity' ? '.' : ';';
      const lessons = (s.lessons ?? []).map((id) => getLesson(id)?.label ?? id).join('; ');
      return {
        snippet: s,
        label: s.title,
        detail: `Mandate Lint clause${s.fixes?.length ? ` · answers ${s.fixes.join(', ')}` : ''}`,
        documentation: `${s.description ?? ''}${lessons ? `\n\n*Lessons:* ${lessons}` : ''}\n\n\`\`\`\n${renderSnippet(s, snippetForm, values)}\n\`\`\``,
        filterText: `${s.prefix ?? s.id} ${s.title}`,
        sortText: `0${String(i).padStart(3, '0')}`,
        body: toVsCodeSnippetBody(s, snippetForm, ending, values).join('\n'),
      };
    });
}

// ---------------------------------------------------------------------------------------------------------
// Clauses placed in the draft: numbered where they are inserted, in the draft's style, references kept right.

/** Where in the draft a clause goes, read from the paragraphs around the cursor's line. */
export interface ClauseSlot {
  form: ClauseForm | 'preambular';
  /** The marker the completion writes before the clause ("13. ", "(f) "), when the drafter typed none. */
  marker: string;
  /** The number or letter the new paragraph gets ("13", "f"), when it has one. */
  label?: string;
  /** The clause's closing punctuation: ";" between Council paragraphs, "." for the last one or a sentence, "," in the preamble. */
  ending: string;
  /** Edits elsewhere in the draft: later paragraphs renumbered, references shifted, the previous last paragraph's "." → ";". */
  edits: TextEdit[];
  /** How the clause names the paragraphs it conditions ("paragraphs 3 and 5"), after renumbering. */
  ref: string;
}

export interface PlacedClause extends ClauseCompletion {
  /** Offset where the completion's text replaces what was typed (the typed prefix, after any marker). */
  replaceStart: number;
  additionalEdits: TextEdit[];
}

function topNumber(u: AnalyzedUnit): number | undefined {
  const marker = u.unit.marker;
  return marker?.style === 'decimal' && u.unit.parent === undefined && /^\d+$/.test(marker.label) ? Number(marker.label) : undefined;
}

/** "this resolution", "this strategy", "this Agreement": what a clause conditions when the draft asks for no SSR support yet. */
function wholeDraft(docType: DocType): string {
  return docType === 'strategy' ? 'this strategy' : docType === 'peace-agreement' ? 'this Agreement' : 'this resolution';
}

/** Where the line holding `offset` ends (before its line break, LF, CRLF or a lone CR, or at the end of the text). */
function lineEndAt(analysis: DocumentAnalysis, offset: number): number {
  const lines = analysis.model.lines;
  return lines.lineEnd(lines.positionAt(offset).line);
}

/**
 * The slot a clause fills at the line that starts at `lineStart` and holds the cursor at `cursor`, or undefined where
 * no paragraph starts. Operative paragraphs take the next number (or the one typed) and push the later paragraphs
 * and the draft's references to them up by one, as the quick fixes do; sub-paragraphs take the next letter; in the
 * preamble, or where the draft is a strategy of bullets, nothing is numbered.
 */
export function clauseSlot(analysis: DocumentAnalysis, lineStart: number, cursor: number): (ClauseSlot & { typed: string }) | undefined {
  const text = analysis.model.text;
  // The cursor must be in the text, on the line that starts at lineStart: anything else is no place for a clause.
  if (!Number.isInteger(lineStart) || !Number.isInteger(cursor) || lineStart < 0 || cursor < lineStart || cursor > text.length || /[\r\n]/.test(text.slice(lineStart, cursor))) return undefined;
  const place = completionPlace(text.slice(lineStart, cursor), analysis.docType);
  if (!place) return undefined;
  const lineEnd = lineEndAt(analysis, cursor);
  const typedMarker = text.slice(lineStart, cursor - place.typed.length).trim();
  const read = typedMarker ? readMarker(typedMarker + ' ') : undefined;
  const units = analysis.units.filter((u) => u.unit.kind !== 'heading' && !(u.unit.start >= lineStart && u.unit.start <= lineEnd));
  const before = units.filter((u) => u.unit.start < lineStart);
  const after = units.filter((u) => u.unit.start > lineEnd);
  const prevUnit = before[before.length - 1];
  const nextUnit = after[0];
  const numbered = (list: AnalyzedUnit[]) => list.filter((u) => topNumber(u) !== undefined);
  const prev = numbered(before).pop();
  const next = numbered(after)[0];
  const edits: TextEdit[] = [];
  const asks = () => analysis.units.filter((u) => u.ssr && u.ask && !(u.unit.start >= lineStart && u.unit.start <= lineEnd));

  // The preamble: between preambular paragraphs, or after the last one when no operative paragraph precedes.
  if (!typedMarker && analysis.docType === 'mandate' && !prev && prevUnit?.unit.kind === 'preamble' && (!nextUnit || nextUnit.unit.kind === 'preamble' || !next)) {
    return { ...place, form: 'preambular', marker: '', ending: ',', edits, ref: wholeDraft(analysis.docType) };
  }

  // A sub-paragraph: the letter typed, or the next one inside a list of lettered sub-paragraphs.
  const prevSub = prevUnit && prevUnit.unit.parent !== undefined && (prevUnit.unit.marker?.style === 'alpha' || prevUnit.unit.marker?.style === 'roman') ? prevUnit : undefined;
  const typedSub = read && (read.style === 'alpha' || read.style === 'roman' || read.style === 'letter-or-roman');
  // (The line being typed may have broken the list in two for the reader: the next item is read by its letter.)
  const inList = !typedMarker && prevSub && nextUnit && nextUnit.unit.marker?.style === prevSub.unit.marker?.style && nextUnit.unit.marker?.label === nextLabel(prevSub.unit.marker!.label, prevSub.unit.marker!.style as 'alpha' | 'roman');
  // Between a lead-in ("… the following tasks:") and its first item: the new clause is that first item.
  const firstItem = nextUnit?.unit.marker && ((nextUnit.unit.marker.style === 'alpha' && nextUnit.unit.marker.label === 'a') || (nextUnit.unit.marker.style === 'roman' && nextUnit.unit.marker.label === 'i')) ? nextUnit : undefined;
  const opensList = !typedMarker && !prevSub && !!prevUnit && !!firstItem && clauseInsertion(text, prevUnit.unit).closing === ':';
  if (typedSub || inList || opensList) {
    const style = (prevSub?.unit.marker?.style ?? (opensList ? firstItem!.unit.marker!.style : read?.style === 'roman' ? 'roman' : 'alpha')) as 'alpha' | 'roman';
    const label = typedSub ? read!.label : opensList ? firstItem!.unit.marker!.label : nextLabel(prevSub!.unit.marker!.label, style);
    const marker = typedSub ? '' : opensList ? `${firstItem!.unit.marker!.text} ` : `${prevSub!.unit.marker!.text.replace(prevSub!.unit.marker!.label, label)} `;
    // The paragraph that holds the list.
    const holder = opensList ? prevUnit : prevSub?.unit.parent !== undefined ? analysis.units[prevSub.unit.parent] : undefined;
    // Later sub-paragraphs of the same list that the new one displaces take the next letter.
    const siblings: AnalyzedUnit[] = [];
    for (let i = 0, expected = label; i < after.length && topNumber(after[i]) === undefined; i++) {
      if (after[i].unit.marker?.style !== style) continue;
      if (after[i].unit.marker!.label !== expected) break;
      siblings.push(after[i]);
      expected = nextLabel(expected, style);
    }
    if (siblings.length) {
      for (const s of siblings) {
        const m = s.unit.marker!;
        const at = text.indexOf(m.label, m.start);
        if (at >= 0 && at < m.end) edits.push({ start: at, end: at + m.label.length, newText: nextLabel(m.label, style) });
      }
      // And the draft's references to them: "paragraph 1 (c)", or "subparagraph (c)" inside paragraph 1.
      const number = holder && topNumber(holder);
      if (holder && number !== undefined) {
        const moved = new Map(siblings.map((s) => [s.unit.marker!.label, nextLabel(s.unit.marker!.label, style)]));
        const inside = (at: number) => at >= holder.unit.start && at < lastDescendant(analysis, holder).unit.end;
        for (const ref of ownSubParagraphReferences(text)) {
          const to = moved.get(ref.label);
          if (to && (ref.paragraph === number || (ref.paragraph === undefined && inside(ref.at)))) edits.push({ start: ref.at, end: ref.at + ref.label.length, newText: to });
        }
      }
    }
    let ending = ';';
    if (!siblings.length && prevSub) {
      const { at, closing } = clauseInsertion(text, lastDescendant(analysis, prevSub).unit);
      if (closing === '.') {
        ending = '.';
        if (lastDescendant(analysis, prevSub).unit.end <= lineStart) edits.push({ start: at, end: at + 1, newText: ';' });
      }
    }
    const parent = holder && topNumber(holder);
    const numbers = asks().map((u) => operativeNumber(analysis.units, u)).filter((n): n is number => n !== undefined);
    const ref = numbers.length ? paragraphList(numbers) : parent !== undefined ? `paragraph ${parent}` : wholeDraft(analysis.docType);
    return { ...place, form: 'subparagraph', marker, label, ending, edits, ref };
  }

  // A bullet or an unnumbered strategy activity.
  if (place.form === 'activity' && (read?.style === 'bullet' || (!prev && !next && !read))) {
    const numbers = asks().map((u) => operativeNumber(analysis.units, u)).filter((n): n is number => n !== undefined);
    return { ...place, marker: '', ending: '.', edits, ref: numbers.length ? paragraphList(numbers) : wholeDraft(analysis.docType) };
  }

  // A numbered paragraph: the number typed, or the one after the paragraph before.
  const typedNumber = read?.style === 'decimal' && /^\d+$/.test(read.label) ? Number(read.label) : undefined;
  const number = typedNumber ?? (prev ? topNumber(prev)! + 1 : next ? topNumber(next)! : 1);
  const marker = typedMarker ? '' : `${prev ? prev.unit.marker!.text.replace(prev.unit.marker!.label, String(number)) : next ? next.unit.marker!.text.replace(next.unit.marker!.label, String(number)) : `${number}.`} `;
  const shifted = next !== undefined && topNumber(next)! <= number;
  const from = next !== undefined ? topNumber(next)! : number;
  if (shifted) edits.push(...renumberFrom(analysis, from, lineEnd));
  let ending: string;
  if (next) ending = ';';
  else if (prev) {
    const lastEnd = lastDescendant(analysis, prev);
    const { at, closing } = clauseInsertion(text, lastEnd.unit);
    if (closing === '.') {
      const others = numbered(before).filter((x) => x !== prev);
      const council = listPunctuation(text, others) || (analysis.docType === 'mandate' && !others.length);
      if (council && lastEnd.unit.end <= lineStart) edits.push({ start: at, end: at + 1, newText: ';' });
      ending = '.';
    } else ending = closing === '' && analysis.docType !== 'mandate' ? '.' : ';';
  } else ending = analysis.docType === 'mandate' ? ';' : '.';
  const numbers = asks()
    .map((u) => operativeNumber(analysis.units, u))
    .filter((n): n is number => n !== undefined)
    .map((n) => (shifted && n >= from ? n + 1 : n));
  return { ...place, form: place.form === 'activity' ? 'activity' : 'operative', marker, label: String(number), ending, edits, ref: numbers.length ? paragraphList(numbers) : wholeDraft(analysis.docType) };
}

/**
 * The library's clauses for the slot at the cursor, each written as it will stand in the draft: the marker, the
 * clause in the draft's voice and emphasis with the placeholders the draft fills (front matter, then the text; the
 * paragraphs it conditions), the closing punctuation, and the edits that keep the numbering and references right.
 * One entry per clause; clauses that cannot stand in the slot (a preambular clause among operative paragraphs, an
 * operative one in the preamble) come after the others, unnumbered.
 */
export function clauseCompletionsAt(analysis: DocumentAnalysis, library: Snippet[], lineStart: number, cursor: number, known?: PlaceholderValues): PlacedClause[] {
  const slot = clauseSlot(analysis, lineStart, cursor);
  if (!slot) return [];
  const docType = analysis.docType;
  const values: PlaceholderValues = { ...documentPlaceholders(analysis), ...(known ?? {}) };
  if (!values.ref && slot.ref) values.ref = slot.ref;
  const emphasis = emphasisOfDraft(analysis);
  const replaceStart = cursor - slot.typed.length;
  const items: PlacedClause[] = [];
  // A whole draft's skeleton is offered only where there is nothing yet (front matter aside, and what is typed),
  // whatever type the empty text was taken for: it has nothing to tell one from another yet.
  const lineEnd = lineEndAt(analysis, cursor);
  const empty = analysis.units.every((u) => u.unit.start >= lineStart && u.unit.start <= lineEnd);
  // Clauses of several lines break them as the draft does, as the quick fixes do (not every client converts them).
  const eol = lineEnding(analysis.model.text);
  const withDraftBreaks = (text: string) => (eol === '\n' ? text : text.replace(/\r?\n/g, eol));
  library
    .filter((s) => (s.kind === 'frame' ? empty : !s.docTypes || s.docTypes.includes(docType)))
    .forEach((s, i) => {
      const fits = slot.form === 'preambular' ? s.kind === 'preambular' : s.kind !== 'preambular';
      const takesSlot = fits && !(slot.form === 'subparagraph' && s.kind !== 'task');
      let render: (v: PlaceholderValues) => string;
      let ending = slot.ending;
      let marker = slot.marker;
      if (s.kind === 'frame') {
        // Written as it is, numbered by its own text; the draft's own front matter, when it has one, stays the only one.
        const frontMatter = !!analysis.model.frontMatter;
        render = (v) => {
          const whole = renderSnippet(s, 'paragraph', v, emphasis);
          return frontMatter ? whole.replace(/^---\n[\s\S]*?\n---\n+/, '') : whole;
        };
        ending = '';
        marker = '';
      } else if (s.kind === 'preambular') {
        render = (v) => renderSnippet(s, 'paragraph', v, emphasis);
        ending = ',';
        marker = '';
      } else if (s.kind === 'task') {
        if (slot.form === 'subparagraph') render = (v) => renderSnippet(s, 'subparagraph', v, emphasis);
        else if (slot.form === 'activity') render = (v) => renderSnippet(s, 'activity', v, emphasis);
        else render = (v) => taskParagraph(analysis, s, v);
        if (slot.form === 'preambular') marker = '';
      } else {
        // A whole paragraph (a benchmark list, a reporting request): an operative paragraph, never a sub-paragraph.
        render = (v) => renderSnippet(s, 'paragraph', v, emphasis);
        if (slot.form === 'preambular' || slot.form === 'subparagraph') marker = '';
        if (s.kind === 'block' && ending === ',') ending = ';';
      }
      const body = toSnippetSyntax(render, values);
      const lessons = (s.lessons ?? []).map((id) => getLesson(id)?.label ?? id).join('; ');
      const where = marker ? ` · inserted as ${marker.trim()}` : '';
      const preview = `${marker}${render(values)}${ending}`;
      items.push({
        snippet: s,
        label: s.title,
        detail: `Mandate Lint clause${where}${s.fixes?.length ? ` · answers ${s.fixes.join(', ')}` : ''}`,
        documentation: `${s.description ?? ''}${lessons ? `\n\n*Lessons:* ${lessons}` : ''}\n\n\`\`\`\n${preview}\n\`\`\``,
        filterText: `${s.prefix ?? s.id} ${s.title}`,
        // In an empty file the frame comes first: everything else goes inside it.
        sortText: `${takesSlot ? 0 : 1}${s.kind === 'frame' ? '-' : ''}${String(i).padStart(3, '0')}`,
        body: withDraftBreaks(`${marker.replace(/[\\$}]/g, '\\$&')}${body}${ending}$0`),
        replaceStart,
        // Renumbering is for the clauses that take the slot's number; the others are inserted as they are.
        additionalEdits: takesSlot ? slot.edits : [],
      });
    });
  return items;
}
