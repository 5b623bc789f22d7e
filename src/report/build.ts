/** Builds the coverage report of one linted document: coverage items, Box 2 provisions, the chart's bars, findings. */
import { BOX2_ITEMS, balanceByParagraph, computeCoverage, evidenceContext, firstMet, type CoverageStatus } from '../core/coverage';
import type { LintResult } from '../core/results';
import type { FileReport, ReportBar, ReportItem, ReportRange } from './model';

const MAX_SOURCE_CHARS = 400_000;

export function buildFileReport(result: LintResult, filePath: string): FileReport {
  const { analysis } = result;
  const lines = analysis.model.lines;
  const text = analysis.model.text;
  const range = (start: number, end: number): ReportRange => {
    const s = lines.positionAt(start);
    const e = lines.positionAt(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
  const toFinding = (f: LintResult['findings'][number]) => ({ ...range(f.start, f.end), ruleId: f.ruleId, severity: f.severity, message: f.message });

  const items: ReportItem[] = computeCoverage(result).map((entry) => ({
    id: entry.id,
    label: entry.label,
    title: entry.title,
    group: entry.group,
    status: entry.status,
    note: entry.note,
    evidence: entry.evidence ? { ...range(entry.evidence.start, entry.evidence.end), text: entry.evidence.text, context: entry.evidence.context } : undefined,
    findings: entry.findings.map(toFinding),
  }));

  if (analysis.docType === 'peace-agreement') {
    const hasSecurity = analysis.units.some((u) => u.ssr);
    BOX2_ITEMS.forEach((item, index) => {
      const met = hasSecurity ? firstMet(analysis, item.addressedBy) : undefined;
      const start = met ? met.start : 0;
      const end = met ? met.end : 0;
      items.push({
        id: item.id,
        label: `Box 2, item ${index + 1}`,
        title: item.title,
        group: 'box2',
        status: !hasSecurity ? 'not-applicable' : met ? 'addressed' : 'not-addressed',
        note: !hasSecurity ? 'The text has no security content.' : met ? `Addressed: "${text.slice(start, end).replace(/\s+/g, ' ')}".` : 'The agreement does not provide for this yet.',
        evidence: met ? { ...range(start, end), text: text.slice(start, end).replace(/\s+/g, ' '), context: evidenceContext(analysis, met.unit, start, end) } : undefined,
        findings: [],
      });
    });
  }

  const driftUnits = new Set(result.findings.filter((f) => f.ruleId === 'train-and-equip-drift' && f.unitId !== undefined).map((f) => f.unitId));
  const bars: ReportBar[] = balanceByParagraph(analysis).map(({ unit, label, governance, capability }) => ({
    ...range(unit.unit.start, unit.unit.end),
    label,
    governance,
    capability,
    drift: driftUnits.has(unit.unit.id),
  }));

  const counts: Record<CoverageStatus, number> = { addressed: 0, partly: 0, 'not-addressed': 0, 'not-applicable': 0 };
  for (const item of items) counts[item.status]++;
  const title = analysis.model.title ? text.slice(analysis.model.title.contentStart, analysis.model.title.end).replace(/^#+\s*/, '').trim() : undefined;
  return {
    filePath,
    title: title || undefined,
    docType: analysis.docType,
    docTypeSource: result.docTypeSource,
    items,
    bars,
    findings: result.findings.map(toFinding).sort((a, b) => a.line - b.line || a.column - b.column),
    counts,
    sourceLines: text.length <= MAX_SOURCE_CHARS ? text.split(/\r\n|\r|\n/) : undefined,
  };
}
