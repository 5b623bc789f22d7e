/**
 * Clause completions: where in a line a clause may be offered, in which form (an operative paragraph, a
 * sub-paragraph or a strategy activity, from the marker the drafter has typed, read by the model's own marker
 * reader), and the clauses of a library rendered for that place with the draft's placeholders filled in.
 * Adapters only turn the result into their own completion items.
 */
import type { DocType } from './analysis';
import { getLesson } from './lessons';
import { readMarker } from './model/model';
import { renderSnippet, toVsCodeSnippetBody, type PlaceholderValues, type Snippet } from './snippets';

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
  const typed = /(?:^|\s)([A-Za-z-]*)$/.exec(linePrefix)?.[1] ?? '';
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
      const ending = s.kind === 'preambular' ? ',' : form === 'activity' ? '.' : s.kind === 'block' ? '' : ';';
      const lessons = (s.lessons ?? []).map((id) => getLesson(id)?.label ?? id).join('; ');
      return {
        snippet: s,
        label: s.title,
        detail: `Mandate Lint clause${s.fixes?.length ? ` · answers ${s.fixes.join(', ')}` : ''}`,
        documentation: `${s.description ?? ''}\n\n*Lessons:* ${lessons}\n\n\`\`\`\n${renderSnippet(s, snippetForm, values)}\n\`\`\``,
        filterText: `${s.prefix ?? s.id} ${s.title}`,
        sortText: `0${String(i).padStart(3, '0')}`,
        body: toVsCodeSnippetBody(s, snippetForm, ending, values).join('\n'),
      };
    });
}
