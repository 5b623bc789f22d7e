/** The coverage report as Markdown (the CLI's --format report). */
import type { CoverageStatus } from '../core/coverage';
import { mdInline } from './markdown-text';
import { byRule, GROUP_TITLES, STATUS_LABELS, type FileReport } from './model';

function lineList(findings: Array<{ line: number }>, max = 4): string {
  const lines = findings.map((f) => f.line);
  const shown = lines.slice(0, max).join(', ');
  return `line${lines.length === 1 ? '' : 's'} ${shown}${lines.length > max ? ` and ${lines.length - max} more` : ''}`;
}

const STATUS_MARKS: Record<CoverageStatus, string> = { addressed: '✅', partly: '🟡', 'not-addressed': '❌', 'not-applicable': '➖' };

function summaryLine(report: FileReport): string {
  const c = report.counts;
  const applicable = c.addressed + c.partly + c['not-addressed'];
  return `${c.addressed} of ${applicable} applicable items addressed, ${c.partly} addressed with findings, ${c['not-addressed']} not addressed; ${c['not-applicable']} not applicable to a ${report.docType.replace('-', ' ')}.`;
}

export function renderReportMarkdown(reports: FileReport[], displayPath: (p: string) => string = (p) => p): string {
  const out: string[] = ['# Lessons coverage report', ''];
  out.push('Each item of the independent review of UN support to SSR, judged against the draft: addressed (with the words that show it), addressed but with findings, not addressed, or not applicable to this type of document.', '');
  for (const report of reports) {
    out.push(`## ${mdInline(displayPath(report.filePath))}`, '');
    if (report.title) out.push(`*${mdInline(report.title)}* — `);
    out.push(`Document type: **${report.docType}** (${report.docTypeSource}). ${summaryLine(report)}`, '');
    const groups = [...new Set(report.items.map((i) => i.group))];
    for (const group of groups) {
      out.push(`### ${GROUP_TITLES[group]}`, '', '| | Item | Status | Evidence or gap |', '|---|---|---|---|');
      for (const item of report.items.filter((i) => i.group === group)) {
        const c = item.evidence?.context;
        // The draft's words escaped, the report's own bold and code spans kept.
        const where = item.evidence && c ? `line ${item.evidence.line}: "${mdInline(c.before)}**${mdInline(c.match)}**${mdInline(c.after)}"` : mdInline(item.note ?? '');
        const findings = item.findings.length ? ` — ${byRule(item.findings).map(([rule, lines]) => `\`${rule}\` (${lineList(lines)})`).join(', ')}` : '';
        out.push(`| ${STATUS_MARKS[item.status]} | ${mdInline(`${item.label}: ${item.title}`)} | ${STATUS_LABELS[item.status]} | ${where}${findings} |`);
      }
      out.push('');
    }
    out.push('### Governance and capability language, SSR paragraph by paragraph', '');
    if (!report.bars.length) out.push('The draft has no SSR paragraphs.', '');
    else {
      out.push('| Paragraph | Line | Governance | Capability | |', '|---|---|---|---|---|');
      for (const bar of report.bars) {
        out.push(`| ${mdInline(bar.label)} | ${bar.line} | ${'▰'.repeat(Math.min(bar.governance, 12))} ${bar.governance} | ${'▰'.repeat(Math.min(bar.capability, 12))} ${bar.capability} | ${bar.drift ? 'capability without governance' : ''} |`);
      }
      out.push('');
    }
    out.push('### Findings', '');
    if (!report.findings.length) out.push('None.', '');
    else {
      for (const f of report.findings) out.push(`- line ${f.line}, ${f.severity}, \`${f.ruleId}\`: ${mdInline(f.message)}`);
      out.push('');
    }
  }
  return out.join('\n');
}
