/** Writes the VS Code snippets file the extension contributes, from the snippet library in data/snippets/core.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toVsCodeSnippetBody, type Snippet } from '../src/core/snippets';
import { getLesson } from '../src/core/lessons';
import core from '../data/snippets/core.json';

export function vsCodeSnippets(library: Snippet[]): Record<string, { prefix: string[]; body: string[]; description: string }> {
  const out: Record<string, { prefix: string[]; body: string[]; description: string }> = {};
  for (const snippet of library) {
    const lessons = (snippet.lessons ?? []).map((id) => getLesson(id)?.label ?? id).join('; ');
    const description = `${snippet.description ?? snippet.title}${lessons ? ` (${lessons})` : ''}`;
    const prefix = snippet.prefix ?? `ml-${snippet.id}`;
    out[`${snippet.title} [${snippet.id}]`] = { prefix: [prefix], body: toVsCodeSnippetBody(snippet, snippet.kind === 'task' ? 'operative' : 'paragraph'), description };
    if (snippet.kind === 'task') {
      out[`${snippet.title}, as a sub-paragraph [${snippet.id}]`] = { prefix: [`${prefix}-sub`], body: toVsCodeSnippetBody(snippet, 'subparagraph'), description };
    }
  }
  return out;
}

if (require.main === module) {
  const target = process.argv[2] ?? join(__dirname, '..', 'dist', 'snippets.code-snippets');
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(vsCodeSnippets(core.snippets as Snippet[]), null, 2) + '\n');
}
