/**
 * Findings and lint problems as LSP diagnostics: ranges from offsets, severities, the rule's docs link, the
 * evidence as related information, and the finding's index so that code actions find it again.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticTag } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult } from '../core/lint';
import type { ConfigProblem } from '../node/config';
import pkg from '../../package.json';

/** What a diagnostic of a finding carries in `data`. */
export interface FindingData {
  index: number;
  ruleId: string;
  version: number;
}

/** The rule's page: in the extension's docs folder when it is there, else on the project's site. */
export function docsLink(docsDir: string | undefined, ruleId: string): string {
  if (docsDir) {
    const file = join(docsDir, 'rules', `${ruleId}.md`);
    if (existsSync(file)) return pathToFileURL(file).toString();
  }
  return `${pkg.homepage}/blob/main/docs/rules/${ruleId}.md`;
}

export function toDiagnostics(doc: TextDocument, result: LintResult, docsDir: string | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  result.findings.forEach((finding, index) => {
    const href = docsLink(docsDir, finding.ruleId);
    const data: FindingData = { index, ruleId: finding.ruleId, version: doc.version };
    diagnostics.push({
      range: { start: doc.positionAt(finding.start), end: doc.positionAt(Math.max(finding.end, finding.start + 1)) },
      severity: finding.severity === 'error' ? DiagnosticSeverity.Error : finding.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      code: finding.ruleId,
      codeDescription: { href },
      source: 'mandate-lint',
      message: finding.message,
      data,
      relatedInformation: finding.evidence.slice(0, 5).map((e) => ({ location: { uri: doc.uri, range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) } }, message: e.message })),
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

/** Problems with the configuration that applies to a draft, on its first line. */
export function configDiagnostics(problems: readonly ConfigProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: 'mandate-lint',
    message: `Configuration ${basename(p.file)}:${p.line}:${p.column}: ${p.message}`,
  }));
}
