/**
 * Renewals in the editor: a draft whose front matter says `previous: ./S-RES-2709-2023.md` (or whose folder sets
 * `mandateLint.previous`) is compared with that text after every lint. Lost safeguards and weakened mandate
 * language become information diagnostics on the draft, each with a code action that opens the two paragraphs in
 * VS Code's diff editor. The renewal report request is in renewal-report.ts.
 */
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { compareResults, type Comparison } from '../core/compare';
import type { LintResult } from '../core/results';
import { readAndLint, type LintedText } from '../node/compare';
import { OPEN_PREVIOUS_DIFF_COMMAND, type RenewalDiagnosticData } from '../protocol';
import { describeChange, describeLoss, reportable } from '../report/compare';
import { echoedDiagnostic } from './diagnostics';
import { workspaceFolderOf, type ServerEnvironment } from './environment';
import type { ServerSettings } from './settings';

export const RENEWAL_CODES = { lost: 'renewal-safeguard-lost', weakened: 'renewal-weakened', previous: 'renewal-previous' } as const;

/** The previous text a draft names: its front matter first, then the folder's `mandateLint.previous`. */
export function previousPathFor(result: LintResult, draftPath: string | undefined, settings: ServerSettings, folders: readonly string[]): string | undefined {
  const named = result.analysis.model.frontMatter?.data.previous;
  if (typeof named === 'string' && named.trim() && draftPath) return isAbsolute(named.trim()) ? named.trim() : resolve(dirname(draftPath), named.trim());
  if (!settings.previous) return undefined;
  if (isAbsolute(settings.previous)) return settings.previous;
  const folder = workspaceFolderOf(draftPath, folders) ?? folders[0];
  return folder ? join(folder, settings.previous) : undefined;
}

/** The previous text linted once per version of the file on disk (it rarely changes while a draft is edited). */
const previousCache = new Map<string, { stamp: string; text: LintedText }>();

function lintPrevious(path: string, env: ServerEnvironment): { ok: true; text: LintedText } | { ok: false; error: string } {
  let stamp: string;
  try {
    const stat = statSync(path);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return { ok: false, error: 'no such file' };
  }
  const cached = previousCache.get(path);
  if (cached && cached.stamp === stamp) return { ok: true, text: cached.text };
  const linted = readAndLint(path, { resolver: env.resolver, cacheFacts: true });
  if (!linted.ok) return linted;
  if (previousCache.size > 8) previousCache.clear();
  previousCache.set(path, { stamp, text: linted.text });
  return linted;
}

export function compareWithPrevious(result: LintResult, previousPath: string, env: ServerEnvironment, draftName: string): { ok: true; comparison: Comparison } | { ok: false; error: string } {
  const previous = lintPrevious(previousPath, env);
  if (!previous.ok) return { ok: false, error: `The previous text ${basename(previousPath)} cannot be read: ${previous.error}.` };
  return { ok: true, comparison: compareResults(previous.text.result, result, { previousName: basename(previousPath), draftName }) };
}

/** Information diagnostics on the draft for what its renewal lost or weakened. */
export function renewalDiagnostics(doc: TextDocument, result: LintResult, draftPath: string | undefined, settings: ServerSettings, env: ServerEnvironment): Diagnostic[] {
  const previousPath = previousPathFor(result, draftPath, settings, env.workspaceFolders);
  if (!previousPath) return [];
  const name = basename(previousPath);
  const compared = compareWithPrevious(result, previousPath, env, draftPath ? basename(draftPath) : 'the draft');
  const firstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (!compared.ok) return [{ range: firstLine, severity: DiagnosticSeverity.Information, source: 'mandate-lint', code: RENEWAL_CODES.previous, message: compared.error }];
  const c = compared.comparison;
  if (!c.comparable) return [{ range: firstLine, severity: DiagnosticSeverity.Information, source: 'mandate-lint', code: RENEWAL_CODES.previous, message: `Not compared with ${name}: ${c.reason}` }];
  const previousUri = pathToFileURL(previousPath).toString();
  const diagnostics: Diagnostic[] = [];
  for (const p of c.paragraphs.filter(reportable)) {
    const at = p.draft[0] ?? p.near;
    if (!at || !p.previous.length || (!p.safeguardsLost.length && !p.changes.some((ch) => ch.direction === 'weakened'))) continue;
    const startPos = doc.positionAt(at.start);
    const range = { start: startPos, end: doc.positionAt(Math.min(at.end, doc.offsetAt({ line: startPos.line + 1, character: 0 }) - 1, at.start + 200)) };
    if (range.end.line < range.start.line || (range.end.line === range.start.line && range.end.character <= range.start.character)) range.end = { line: startPos.line, character: startPos.character + 1 };
    const previousLabel = p.previous.map((r) => r.label).join(' + ');
    const last = p.draft[p.draft.length - 1] ?? at;
    const data: RenewalDiagnosticData = {
      renewal: true,
      previousUri,
      previousLines: [p.previous[0].line - 1, p.previous[p.previous.length - 1].endLine - 1],
      draftLines: [at.line - 1, last.endLine - 1],
      label: previousLabel,
    };
    const where = p.relation === 'removed' ? `${previousLabel} of ${name}, which the draft drops (it stood after what is now ${at.label})` : `${previousLabel} of ${name}`;
    for (const loss of p.safeguardsLost) {
      diagnostics.push({ range, severity: DiagnosticSeverity.Information, source: 'mandate-lint', code: RENEWAL_CODES.lost, message: `Safeguard lost since ${where}: ${describeLoss(loss)}.`, data });
    }
    const weakened = p.changes.filter((ch) => ch.direction === 'weakened');
    if (weakened.length) {
      diagnostics.push({ range, severity: DiagnosticSeverity.Information, source: 'mandate-lint', code: RENEWAL_CODES.weakened, message: `Weaker than ${where}: ${weakened.map(describeChange).join('; ')}.`, data });
    }
  }
  return diagnostics;
}

/**
 * The code action of a renewal diagnostic (the two paragraphs side by side in the diff editor), undefined for
 * another diagnostic, or what is wrong with the data of one the client sent back (a client can forge any).
 */
export function renewalAction(draftUri: string, diagnostic: Diagnostic): CodeAction | undefined | { problem: string } {
  const data = diagnostic.data as Partial<Record<keyof RenewalDiagnosticData, unknown>> | undefined;
  if (diagnostic.source !== 'mandate-lint' || !data || typeof data !== 'object' || !data.renewal) return undefined;
  const { previousUri, previousLines, draftLines, label } = data;
  if (typeof previousUri !== 'string' || !previousUri || !isLineSpan(previousLines) || !isLineSpan(draftLines) || typeof label !== 'string') {
    return { problem: 'a renewal diagnostic whose data lacks a string previousUri or label, or a [first, last] line pair' };
  }
  const name = fileNameOf(previousUri);
  if (name === undefined) return { problem: 'a renewal diagnostic whose previousUri has malformed %-escapes' };
  const title = `Compare with ${label} of ${name} side by side`;
  // Named by what the server published, not by whatever else the client sent with it (see code-actions.ts).
  const named: Diagnostic = { ...echoedDiagnostic(diagnostic), data: { renewal: true, previousUri, previousLines, draftLines, label } satisfies RenewalDiagnosticData };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [named], command: { title, command: OPEN_PREVIOUS_DIFF_COMMAND, arguments: [previousUri, draftUri, previousLines, draftLines] } };
}

function isLineSpan(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((n) => Number.isSafeInteger(n) && n >= 0);
}

/** The last segment of a uri, decoded; undefined when its %-escapes are malformed (decodeURIComponent throws). */
function fileNameOf(uri: string): string | undefined {
  try {
    return decodeURIComponent(uri.split('/').pop() ?? 'the previous text');
  } catch {
    return undefined;
  }
}
