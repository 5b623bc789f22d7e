/** How formatters name a file: relative to the working folder when inside it, with forward slashes. */
import { relative, sep } from 'node:path';

export function displayPath(filePath: string, cwd: string, stdinName = '<text>'): string {
  if (filePath === '<text>') return stdinName;
  const rel = relative(cwd, filePath);
  return (rel && !rel.startsWith('..') ? rel : filePath).split(sep).join('/');
}
