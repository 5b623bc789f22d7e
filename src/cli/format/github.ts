/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which GitHub shows as
 * an annotation on the pull request's changed lines. Values are escaped as the runner expects.
 */
import { displayPath } from './paths';
import type { FileResult, FormatContext } from '../../core/results';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: FileResult[], context: FormatContext): string {
  const out: string[] = [];
  for (const result of results) {
    const file = displayPath(result.filePath, context.cwd, 'stdin');
    for (const m of result.messages) {
      const command = m.severityName === 'error' ? 'error' : m.severityName === 'warning' ? 'warning' : 'notice';
      const properties = [`file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`, `endLine=${m.endLine}`, `endColumn=${m.endColumn}`, `title=${escapeProperty(`mandate-lint${m.ruleId ? ` (${m.ruleId})` : ''}`)}`];
      out.push(`::${command} ${properties.join(',')}::${escapeData(m.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
