/** The default terminal format: `path:line:col  severity  message  rule-id`, then a summary line. */
import { displayPath } from './paths';
import type { FileResult, FormatContext } from '../../core/results';

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', underline: '\u001b[4m', reset: '\u001b[0m' };


function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatStylish(results: FileResult[], context: FormatContext): string {
  const paint = (code: keyof typeof ANSI, text: string) => (context.color ? ANSI[code] + text + ANSI.reset : text);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const result of results) {
    if (!result.messages.length) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    infos += result.infoCount;
    const path = displayPath(result.filePath, context.cwd);
    const rows = result.messages.map((m) => ({
      location: `${path}:${m.line}:${m.column}`,
      severity: m.severityName,
      message: m.message,
      rule: m.ruleId ?? '',
    }));
    const locationWidth = Math.max(...rows.map((r) => r.location.length));
    const severityWidth = Math.max(...rows.map((r) => r.severity.length));
    for (const row of rows) {
      const color = row.severity === 'error' ? 'red' : row.severity === 'warning' ? 'yellow' : 'cyan';
      out.push(
        `${row.location.padEnd(locationWidth)}  ${paint(color, row.severity.padEnd(severityWidth))}  ${row.message}${row.rule ? '  ' + paint('dim', row.rule) : ''}`,
      );
    }
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos) parts.push(plural(infos, 'info'));
  const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  out.push(paint(errors ? 'red' : 'yellow', context.color ? ANSI.bold + summary : summary));
  return out.join('\n') + '\n';
}
