import type { AnalyzedUnit, DocType, DocumentAnalysis } from '../analysis';

export type Severity = 'error' | 'warning' | 'info';

export interface Evidence {
  start: number;
  end: number;
  message: string;
}

/** A clause the editor can offer to insert, by snippet id, after a unit. */
export interface FixSuggestion {
  snippet: string;
  title: string;
  /** Insert as a new paragraph after this unit. */
  afterUnit: number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** found + missing + why, one short sentence each. */
  message: string;
  found: string;
  missing: string;
  why: string;
  start: number;
  end: number;
  level: 'paragraph' | 'document';
  lessons: string[];
  unitId?: number;
  evidence: Evidence[];
  fixes: FixSuggestion[];
}

export interface ReportInput {
  level: 'paragraph' | 'document';
  start: number;
  end: number;
  found: string;
  missing: string;
  /** Why it matters, without the citation: the rule's lessons are cited after it. */
  why: string;
  unit?: AnalyzedUnit;
  evidence?: Evidence[];
  fixes?: FixSuggestion[];
  /** Lessons for this finding when they differ from the rule's. */
  lessons?: string[];
}

export interface RuleContext {
  analysis: DocumentAnalysis;
  options: Record<string, unknown>;
  report(input: ReportInput): void;
  /** The units that paragraph rules judge (SSR content, in scope for the document type). */
  judgedUnits(): AnalyzedUnit[];
  /** Text of a hit or range, for quoting in messages (shortened). */
  quote(start: number, end: number): string;
}

export interface RuleDocs {
  /** One line for rule lists, SARIF and hovers. */
  summary: string;
  /** What good language looks like, for hovers and help text. */
  goodPractice: string;
}

export interface Rule {
  id: string;
  title: string;
  defaultSeverity: Severity | 'off';
  docTypes: DocType[];
  lessons: string[];
  docs: RuleDocs;
  check(context: RuleContext): void;
}
