/** `mandate-lint compare` in the terminal: what changed in SSR content, grouped by paragraph, then the summary line. */
import type { ParagraphChange } from '../../core/compare';
import { describeChange, describeLoss, paragraphTitle, reportable, type ComparedFiles } from '../../report/compare';

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', cyan: '\u001b[36m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

export function formatComparisonStylish(files: ComparedFiles, color: boolean): string {
  const paint = (code: keyof typeof ANSI, text: string) => (color ? ANSI[code] + text + ANSI.reset : text);
  const c = files.comparison;
  const out: string[] = [`Comparing ${files.previous} → ${files.draft}`];
  for (const note of c.notes) out.push(paint('yellow', `note: ${note}`));
  if (!c.comparable) {
    out.push(paint('red', c.reason ?? 'The texts do not compare.'));
    return out.join('\n') + '\n';
  }
  const a = c.alignment;
  out.push(paint('dim', `${a.previousParagraphs} → ${a.draftParagraphs} paragraphs: ${a.matched} aligned (${a.renumbered} renumbered, ${a.moved} moved, ${a.split} split, ${a.merged} merged), ${a.added} added, ${a.removed} removed`), '');
  const where = (p: ParagraphChange) => {
    const at = p.draft[0] ?? p.near;
    return at ? paint('dim', `${files.draft}:${at.line}:1`) : paint('dim', `${files.previous}:${p.previous[0].line}:1`);
  };
  for (const p of c.paragraphs.filter(reportable)) {
    out.push(`${paint('bold', paragraphTitle(p))}  ${where(p)}`);
    const rows: Array<[string, keyof typeof ANSI, string]> = [];
    for (const loss of p.safeguardsLost) rows.push(['safeguard lost', 'red', describeLoss(loss)]);
    for (const change of p.changes) rows.push([change.direction, change.direction === 'weakened' ? 'yellow' : 'green', describeChange(change)]);
    if (p.task && p.relation === 'added') rows.push(['task added', 'cyan', '']);
    if (p.task && p.relation === 'removed') rows.push(['task removed', 'cyan', '']);
    for (const f of p.findings.new) rows.push(['new finding', f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'cyan', `${f.ruleId} (${f.severity}, line ${f.line}): "${f.quote}"`]);
    for (const f of p.findings.resolved) rows.push(['resolved', 'green', `${f.ruleId} (was line ${f.line})`]);
    if (!rows.length) rows.push([p.relation, 'dim', '']);
    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [label, tint, text] of rows) out.push(`  ${paint(tint, label.padEnd(width))}  ${text}`.trimEnd());
    out.push('');
  }
  for (const f of c.findings.new.filter((x) => x.level === 'document')) out.push(`${paint('bold', 'whole draft')}  new finding ${f.ruleId} (${f.severity})`);
  for (const f of c.findings.resolved.filter((x) => x.level === 'document')) out.push(`${paint('bold', 'whole draft')}  resolved ${f.ruleId}`);
  const bad = c.summary.safeguardsLost + c.summary.weakened > 0;
  out.push(paint(bad ? 'red' : 'green', `${bad ? '✖' : '✔'} ${c.summary.text}`));
  return out.join('\n') + '\n';
}
