/**
 * The lessons coverage report as data: what buildFileReport produces and the renderers read. Positions are
 * 1-based lines and columns, as in the CLI's other formats. Pure: no Node, no VS Code, no HTML.
 */
import type { CoverageEntry, CoverageStatus } from '../core/coverage';

export interface ReportRange {
  /** 1-based line and column, as in the CLI's other formats. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportItem {
  id: string;
  label: string;
  title: string;
  group: CoverageEntry['group'] | 'box2';
  status: CoverageStatus;
  note: string;
  evidence?: ReportRange & { text: string; context: { before: string; match: string; after: string } };
  findings: Array<ReportRange & { ruleId: string; severity: string; message: string }>;
}

export interface ReportBar extends ReportRange {
  label: string;
  governance: number;
  capability: number;
  /** The paragraph has a train-and-equip-drift finding. */
  drift: boolean;
}

export interface FileReport {
  filePath: string;
  title?: string;
  docType: string;
  docTypeSource: string;
  items: ReportItem[];
  bars: ReportBar[];
  findings: Array<ReportRange & { ruleId: string; severity: string; message: string }>;
  counts: Record<CoverageStatus, number>;
  /** Source lines for the HTML page's text view; left out for very large files. */
  sourceLines?: string[];
}

export const STATUS_LABELS: Record<CoverageStatus, string> = {
  addressed: 'Addressed',
  partly: 'Addressed, with findings',
  'not-addressed': 'Not addressed',
  'not-applicable': 'Not applicable',
};

export const GROUP_TITLES: Record<ReportItem['group'], string> = {
  lessons: "The review's 19 lessons",
  recommendations: 'Recommendation 1(b): benchmarks for SSR progress',
  principles: 'Box 1: principles of UN support to SSR',
  box2: 'Box 2: defence provisions for peace agreements',
};

/** Findings grouped by rule, in order of first appearance. */
export function byRule<T extends { ruleId: string; line: number }>(findings: T[]): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const f of findings) groups.set(f.ruleId, [...(groups.get(f.ruleId) ?? []), f]);
  return [...groups.entries()];
}
