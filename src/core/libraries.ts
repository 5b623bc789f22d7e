/**
 * Snippet libraries as data: validation with line numbers (schema, placeholders, duplicate ids, unknown rules
 * and lessons) and the merge of several libraries, later ones overriding earlier ones by id. Pure: reading
 * files and finding libraries is the Node layer's job (src/node/libraries.ts).
 */
import snippetSchema from '../../schemas/snippets.schema.json';
import { parseAndValidate } from './config/validate';
import { getLesson } from './lessons';
import { ruleIds } from './rules/registry';
import { bodyText, unknownPlaceholders, type Snippet, type SnippetLibrary } from './snippets';
import { LineIndex } from './text';

export interface LibraryProblem {
  severity: 'error' | 'warning';
  message: string;
  line: number;
  column: number;
}

/** A snippet with the library it came from. */
export interface SourcedSnippet extends Snippet {
  source: string;
}

export interface LoadedLibrary {
  /** Where it came from, for people: a file path, "built-in", or "package name (file)". */
  source: string;
  /** The file it was read from ("built-in" for the built-in library): the same file loaded twice counts once. */
  file: string;
  name?: string;
  snippets: Snippet[];
}

export interface LibraryConflict {
  id: string;
  /** The library whose snippet is used. */
  winner: string;
  /** The library whose snippet it replaces. */
  overridden: string;
}

/** The schema's limit: beyond it the first clauses are kept, so an oversized library still works. */
const MAX_SNIPPETS = 2000;

/** Where a JSON string value sits in the text, for line numbers ("the 2nd snippet's body"). */
function locate(text: string, lines: LineIndex, needle: string, from = 0): { line: number; column: number; at: number } {
  const at = Math.max(0, text.indexOf(needle, from));
  const pos = lines.positionAt(at);
  return { line: pos.line, column: pos.column, at };
}

/** Parses and checks one library file. Invalid snippets are dropped; the rest of the library stays usable. */
export function validateLibrary(text: string): { library?: SnippetLibrary; problems: LibraryProblem[] } {
  const parsed = parseAndValidate<SnippetLibrary>(text, snippetSchema);
  const problems: LibraryProblem[] = parsed.problems.map((p) => ({ severity: 'error', ...p }));
  if (!parsed.value || !Array.isArray(parsed.value.snippets)) return { problems };
  if (problems.length) {
    // Schema errors: keep the snippets that are themselves well formed so one mistake does not lose the library.
    const wellFormed = parsed.value.snippets.slice(0, MAX_SNIPPETS).filter((s) => parseAndValidate(JSON.stringify({ snippets: [s] }), snippetSchema).problems.length === 0);
    parsed.value = { ...parsed.value, snippets: wellFormed };
  }
  const rules = new Set(ruleIds());
  // One index for the file: building it per snippet made a large library quadratic to check.
  const lines = new LineIndex(text);
  const seen = new Map<string, number>();
  const kept: Snippet[] = [];
  let searchFrom = 0;
  for (const snippet of parsed.value.snippets) {
    const idAt = locate(text, lines, `"${snippet.id}"`, searchFrom);
    searchFrom = idAt.at + 1;
    const where = { line: idAt.line, column: idAt.column };
    if (seen.has(snippet.id)) {
      problems.push({ severity: 'error', message: `duplicate snippet id "${snippet.id}" (first defined on line ${seen.get(snippet.id)}); this one is ignored`, ...where });
      continue;
    }
    seen.set(snippet.id, idAt.line);
    let broken = false;
    for (const [field, value] of [['body', bodyText(snippet)], ['inline', snippet.inline ?? '']] as const) {
      const unknown = unknownPlaceholders(value);
      if (!unknown.length) continue;
      const at = locate(text, lines, `\${${unknown[0]}}`, idAt.at);
      problems.push({
        severity: 'error',
        message: `snippet "${snippet.id}": unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `\${${u}}`).join(', ')} in ${field} (known: \${mission}, \${hostState}, \${forces}, \${date}, \${ref}, \${period}, \${partner}, \${ministry})`,
        line: at.line,
        column: at.column,
      });
      broken = true;
    }
    for (const rule of snippet.fixes ?? []) {
      if (!rules.has(rule)) problems.push({ severity: 'warning', message: `snippet "${snippet.id}": "fixes" names unknown rule "${rule}"`, ...locate(text, lines, `"${rule}"`, idAt.at) });
    }
    for (const lesson of snippet.lessons ?? []) {
      if (!getLesson(lesson)) problems.push({ severity: 'warning', message: `snippet "${snippet.id}": unknown lesson "${lesson}" (see data/lessons.json)`, ...locate(text, lines, `"${lesson}"`, idAt.at) });
    }
    if (!broken) kept.push(snippet);
  }
  return { library: { ...parsed.value, snippets: kept }, problems };
}

/** Merges libraries in order: a later snippet with the same id replaces the earlier one, and the clash is reported. */
export function mergeLibraries(libraries: LoadedLibrary[]): { snippets: SourcedSnippet[]; conflicts: LibraryConflict[] } {
  const byId = new Map<string, SourcedSnippet & { file: string }>();
  const conflicts: LibraryConflict[] = [];
  // The same file named twice (by a shared configuration and by the workspace) is one library, in its last place.
  const unique = libraries.filter((l, i) => !libraries.slice(i + 1).some((later) => later.file === l.file));
  for (const library of unique) {
    for (const snippet of library.snippets) {
      const previous = byId.get(snippet.id);
      if (previous && previous.file !== library.file) conflicts.push({ id: snippet.id, winner: library.source, overridden: previous.source });
      // Re-inserting moves the overriding snippet to the end: team clauses are listed after the built-in ones.
      byId.delete(snippet.id);
      byId.set(snippet.id, { ...snippet, source: library.source, file: library.file });
    }
  }
  return { snippets: [...byId.values()].map(({ file: _file, ...snippet }) => snippet), conflicts };
}
