/**
 * The snippet library a draft gets: the built-in clauses, then the libraries its configuration names (shared
 * configurations first), then the .mandate-lint/snippets folders, then any the caller adds (editor
 * settings). Later libraries override earlier ones by id; the clashes are returned so they can be reported.
 */
import coreLibrary from '../../data/snippets/core.json';
import { mergeLibraries, type LibraryConflict, type LoadedLibrary, type SourcedSnippet } from '../core/libraries';
import type { Snippet } from '../core/snippets';
import type { ConfigProblem, ConfigResolver } from './config';

export const BUILT_IN = 'built-in';

export const BUILT_IN_LIBRARY: LoadedLibrary = { source: BUILT_IN, file: BUILT_IN, name: coreLibrary.name, snippets: coreLibrary.snippets as Snippet[] };

export interface DraftLibrary {
  snippets: SourcedSnippet[];
  libraries: LoadedLibrary[];
  conflicts: LibraryConflict[];
  problems: ConfigProblem[];
}

export function libraryFor(resolver: ConfigResolver, filePath: string, extraFiles: string[] = []): DraftLibrary {
  const config = resolver.resolve(filePath);
  const libraries = [BUILT_IN_LIBRARY, ...config.libraries];
  const problems: ConfigProblem[] = [];
  for (const file of extraFiles) {
    const loaded = resolver.libraryFromFile(file);
    problems.push(...loaded.problems);
    if (loaded.library) libraries.push(loaded.library);
  }
  const { snippets, conflicts } = mergeLibraries(libraries);
  return { snippets, libraries, conflicts, problems };
}
