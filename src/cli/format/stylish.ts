/** The default terminal format: `path:line:col  severity  message  rule-id`, then a summary line. */
import { displayPath } from './paths';
import type { FileResult, FormatContext } from '../../core/results';

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', underline: '\u001b[4m', reset: '\u001b[0m' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function painter(context: FormatContext): (code: keyof typeof ANSI, text: string) => string {
  return (code, text) => (context.color ? ANSI[code] + text + ANSI.reset : text);
}

/**
 * One file's lines and the blank line after them ('' for a file without messages). Columns are aligned within
 * the file, so a run can print each file as soon as it is linted and not keep every message until the end.
 */
export function stylishFileBlock(result: FileResult, context: FormatContext): string {
  if (!result.messages.length) return '';
  const paint = painter(context);
  const path = displayPath(result.filePath, context.cwd);
  const rows = result.messages.map((m) => ({
    location: `${path}:${m.line}:${m.column}`,
    severity: m.severityName,
    message: m.message,
    rule: m.ruleId ?? '',
  }));
  const locationWidth = Math.max(...rows.map((r) => r.location.length));
  const severityWidth = Math.max(...rows.map((r) => r.severity.length));
  const out: string[] = [];
  for (const row of rows) {
    const color = row.severity === 'error' ? 'red' : row.severity === 'warning' ? 'yellow' : 'cyan';
    out.push(`${row.location.padEnd(locationWidth)}  ${paint(color, row.severity.padEnd(severityWidth))}  ${row.message}${row.rule ? '  ' + paint('dim', row.rule) : ''}`);
  }
  return out.join('\n') + '\n\n';
}

export interface StylishCounts {
  errors: number;
  warnings: number;
  infos: number;
}

/** What the files' blocks hold, counted as formatStylish counts it (files without messages add nothing). */
export function addStylishCounts(counts: StylishCounts, result: FileResult): void {
  if (!result.messages.length) return;
  counts.errors += result.errorCount;
  counts.warnings += result.warningCount;
  counts.infos += result.infoCount;
}

/** The closing line ('' when there is nothing to report, and then the files printed nothing either). */
export function stylishSummary(counts: StylishCounts, context: FormatContext): string {
  const total = counts.errors + counts.warnings + counts.infos;
  if (total === 0) return '';
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.infos) parts.push(plural(counts.infos, 'info'));
  const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  return painter(context)(counts.errors ? 'red' : 'yellow', context.color ? ANSI.bold + summary : summary) + '\n';
}

export function formatStylish(results: FileResult[], context: FormatContext): string {
  const counts: StylishCounts = { errors: 0, warnings: 0, infos: 0 };
  let out = '';
  for (const result of results) {
    addStylishCounts(counts, result);
    out += stylishFileBlock(result, context);
  }
  const summary = stylishSummary(counts, context);
  return summary ? out + summary : '';
}
