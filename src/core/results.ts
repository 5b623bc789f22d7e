/** ESLint-compatible result shapes shared by the formatters. */
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
}

export interface FileResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fatalErrorCount: number;
  docType?: string;
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
