/**
 * Result shapes: what lintText returns (LintResult, for coverage and reports, kept here so that modules below
 * lint.ts can name it without importing it), and the ESLint-compatible shapes shared by the formatters.
 */
import type { DocType, DocumentAnalysis } from './analysis';
import type { Finding, Severity } from './rules/types';

export type DocTypeSource = 'option' | 'front-matter' | 'config' | 'file-name' | 'detected';

/** A problem with the document or the run rather than a finding of a rule (an unknown rule in a comment). */
export interface Problem {
  severity: Severity;
  message: string;
  start: number;
  end: number;
}

export interface LintResult {
  findings: Finding[];
  problems: Problem[];
  docType: DocType;
  docTypeSource: DocTypeSource;
  analysis: DocumentAnalysis;
}

export interface LintMessage {
  ruleId: string | null;
  /** 2 error, 1 warning or info (see severityName). */
  severity: 1 | 2;
  severityName: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: boolean;
  level?: 'paragraph' | 'document';
  lessons?: string[];
  /** Identifies the finding across versions of the text (rule, paragraph wording, quoted words): what --baseline matches on. */
  fingerprint?: FindingFingerprint;
  /** With --baseline: whether the finding is new, unchanged, updated or gone since the baseline (SARIF's baselineState). */
  baselineState?: BaselineState;
  /** Word drafts: the paragraph of the document (1-based, in document order, table cells included) it sits in. */
  wordParagraph?: number;
}

/** A finding recognised across versions of a text, never by its line (src/core/compare/fingerprint.ts). */
export interface FindingFingerprint {
  ruleId: string;
  level: 'paragraph' | 'document';
  /** Exact key of the paragraph's content words ("" for document findings). */
  paragraph: string;
  /** 64-bit SimHash of the paragraph's content words, 16 hex digits ("" for document findings). */
  sketch: string;
  /** The words the finding points at, lower-cased content words. */
  quote: string;
}

/** SARIF's baselineState values. */
export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

export interface FileResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fatalErrorCount: number;
  docType?: string;
}

/**
 * What is wrong with a value read back as a finding (a --format json output given as a baseline, a cache entry),
 * or undefined when it has the fields every formatter and the baseline matching read.
 */
export function lintMessageProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'it is not an object';
  const m = value as Record<string, unknown>;
  if (m.ruleId !== null && typeof m.ruleId !== 'string') return 'ruleId is neither a string nor null';
  if (m.severity !== 1 && m.severity !== 2) return 'severity is not 1 or 2';
  if (m.severityName !== undefined && m.severityName !== 'error' && m.severityName !== 'warning' && m.severityName !== 'info') return 'severityName is not error, warning or info';
  if (typeof m.message !== 'string') return 'message is not a string';
  for (const key of ['line', 'column', 'endLine', 'endColumn'] as const) {
    if (m[key] === undefined && (key === 'endLine' || key === 'endColumn')) continue;
    if (!Number.isSafeInteger(m[key]) || (m[key] as number) < 1) return `${key} is not a positive whole number`;
  }
  const f = m.fingerprint as Record<string, unknown> | undefined;
  if (f !== undefined && (!f || typeof f !== 'object' || ['ruleId', 'level', 'paragraph', 'sketch', 'quote'].some((k) => typeof f[k] !== 'string'))) return 'fingerprint is not one mandate-lint writes';
  return undefined;
}

/** The same for a file's result: its path, its findings and their counts. */
export function fileResultProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'it is not an object';
  const r = value as Record<string, unknown>;
  if (typeof r.filePath !== 'string') return 'filePath is not a string';
  if (!Array.isArray(r.messages)) return 'messages is not a list';
  for (const [i, m] of r.messages.entries()) {
    const problem = lintMessageProblem(m);
    if (problem) return `messages[${i}]: ${problem}`;
  }
  return undefined;
}

export interface FormatContext {
  cwd: string;
  color: boolean;
}

export function countMessages(messages: LintMessage[]): Pick<FileResult, 'errorCount' | 'warningCount' | 'infoCount' | 'fatalErrorCount'> {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  let fatalErrorCount = 0;
  for (const m of messages) {
    if (m.severityName === 'error') errorCount++;
    else if (m.severityName === 'warning') warningCount++;
    else infoCount++;
    if (m.fatal) fatalErrorCount++;
  }
  return { errorCount, warningCount, infoCount, fatalErrorCount };
}
