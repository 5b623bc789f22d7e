/**
 * Findings and lint problems as LSP diagnostics: ranges from offsets, severities, the rule's docs link, the
 * evidence as related information, and the finding's index so that code actions find it again.
 */
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticTag } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnosticMessage } from '../core/hover';
import type { LintResult } from '../core/lint';
import type { ConfigProblem } from '../node/config';
import { isRecord } from './values';
import { ruleDocsFileUrl } from '../node/rule-docs';

/** What a diagnostic of a finding carries in `data`. */
export interface FindingData {
  index: number;
  ruleId: string;
  version: number;
  /** A finding on the whole document (its message is the compact one, see diagnosticMessage). */
  level: 'paragraph' | 'document';
}

/**
 * The rule's page: the client's command that shows it when it has one (VS Code renders it read-only), else the file
 * in the extension's docs folder when it is there, else none (the project has no web site to send anyone to).
 */
export function docsLink(docsDir: string | undefined, ruleId: string, command?: string): string | undefined {
  if (command) return `command:${command}?${encodeURIComponent(JSON.stringify([ruleId]))}`;
  return ruleDocsFileUrl(docsDir && join(docsDir, 'rules'), ruleId);
}

export function toDiagnostics(doc: TextDocument, result: LintResult, docsDir: string | undefined, docsCommand?: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // One link per rule, not per finding: a long draft has hundreds of findings of a dozen rules, on every keystroke.
  const links = new Map<string, string | undefined>();
  result.findings.forEach((finding, index) => {
    let href = links.get(finding.ruleId);
    if (!links.has(finding.ruleId)) links.set(finding.ruleId, (href = docsLink(docsDir, finding.ruleId, docsCommand)));
    const data: FindingData = { index, ruleId: finding.ruleId, version: doc.version, level: finding.level };
    diagnostics.push({
      range: { start: doc.positionAt(finding.start), end: doc.positionAt(Math.max(finding.end, finding.start + 1)) },
      severity: finding.severity === 'error' ? DiagnosticSeverity.Error : finding.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      code: finding.ruleId,
      ...(href ? { codeDescription: { href } } : {}),
      source: 'mandate-lint',
      message: diagnosticMessage(finding),
      data,
      // The first pieces of evidence as related locations (the Problems panel and the editor's hover list them under
      // the finding): one for a document finding, whose hover links to all of them ("show the N paragraphs").
      relatedInformation: finding.evidence.slice(0, finding.level === 'document' ? 1 : 5).map((e) => ({ location: { uri: doc.uri, range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) } }, message: e.message })),
    });
  });
  for (const problem of result.problems) {
    diagnostics.push({
      range: { start: doc.positionAt(problem.start), end: doc.positionAt(problem.end) },
      severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: 'mandate-lint',
      message: problem.message,
      tags: [] as DiagnosticTag[],
    });
  }
  return diagnostics;
}

/** What stays on the draft of its configuration's problems: the note that team patterns were left out (untrusted). */
export function isDraftNote(problem: ConfigProblem): boolean {
  return /not trusted/.test(problem.message);
}

/**
 * Problems with a configuration, lexicon or snippet library, in that file itself at their line and column (1-based
 * in the problem): one list of diagnostics per file URI.
 */
export function configFileDiagnostics(problems: readonly ConfigProblem[]): Map<string, Diagnostic[]> {
  const byFile = new Map<string, Diagnostic[]>();
  for (const p of problems) {
    const uri = pathToFileURL(p.file).toString();
    const at = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
    const list = byFile.get(uri) ?? [];
    if (!list.some((d) => d.message === p.message && d.range.start.line === at.line)) {
      list.push({ range: { start: at, end: { line: at.line, character: at.character + 1 } }, severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, source: 'mandate-lint', message: p.message });
    }
    byFile.set(uri, list);
  }
  return byFile;
}

/** Problems with the configuration that applies to a draft, on its first line. */
export function configDiagnostics(problems: readonly ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: 'mandate-lint',
    message: `Configuration ${basename(p.file)}:${p.line}:${p.column}: ${p.message}`,
  }));
}

/**
 * The diagnostic as the server published it, to name in an action: its range, message, severity, code, source and
 * the server's own data, not whatever else the client sent with it (a value nested 20,000 deep could not be
 * written back as JSON, and the answer would never go).
 */
export function echoedDiagnostic(d: Diagnostic): Diagnostic {
  const position = (p: unknown) => {
    const { line, character } = (isRecord(p) ? p : {}) as { line?: unknown; character?: unknown };
    return { line: typeof line === 'number' ? line : 0, character: typeof character === 'number' ? character : 0 };
  };
  const range = (isRecord(d.range) ? d.range : {}) as { start?: unknown; end?: unknown };
  const data = isRecord(d.data) ? (d.data as Partial<FindingData>) : undefined;
  const ours = data && Number.isSafeInteger(data.index) && typeof data.ruleId === 'string' && Number.isSafeInteger(data.version) && (data.level === 'paragraph' || data.level === 'document');
  return {
    range: { start: position(range.start), end: position(range.end) },
    message: typeof d.message === 'string' ? d.message : '',
    ...(typeof d.severity === 'number' ? { severity: d.severity } : {}),
    ...(typeof d.code === 'string' || typeof d.code === 'number' ? { code: d.code } : {}),
    ...(typeof d.source === 'string' ? { source: d.source } : {}),
    ...(ours ? { data: { index: data.index, ruleId: data.ruleId, version: data.version, level: data.level } } : {}),
  };
}
