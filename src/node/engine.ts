/**
 * Lints one file or one buffer with its resolved configuration and turns findings into ESLint-style messages.
 * Shared by the CLI and the language server so both report exactly the same thing.
 */
import type { DocType } from '../core/analysis';
import { withRuleOverrides, type RuleConfig } from '../core/config/types';
import { fingerprintFinding, type ParagraphPrints } from '../core/compare/fingerprint';
import { getLexicon, lintText, type LintResult } from '../core/lint';
import { docTypeOfFileName, documentFormatOf, MARKDOWN_EXTENSIONS, undecidedDocTypeOfFileName } from '../core/drafts';
import type { DocumentFormat } from '../core/model/blocks';
import type { LineIndex } from '../core/text';
import { countMessages, type FileResult, type LintMessage } from '../core/results';
import type { ConfigResolver } from './config';
import { readDraft, type ReadOutcome } from './files';

export interface EngineOptions {
  resolver: ConfigResolver;
  /** Rule settings that win over every configuration file (CLI --rule). */
  ruleOverrides?: Record<string, RuleConfig>;
  docType?: DocType;
  maxFileBytes?: number;
  cacheFacts?: boolean;
  /** Document type to assume when neither front matter nor configuration gives one (editor setting). */
  defaultDocType?: DocType;
  /**
   * Give each finding's message its baseline fingerprint (the default): JSON output, baselines and the cache need
   * them. A run that prints none leaves them out, since reading every paragraph again for its words costs a
   * folder run an eighth of its time.
   */
  fingerprints?: boolean;
}

export { MARKDOWN_EXTENSIONS };

/** How a file is parsed, by its extension (the same mapping the draft decision uses for languages). */
export function formatForPath(filePath: string): DocumentFormat {
  return documentFormatOf(filePath);
}

function severityNumber(name: 'error' | 'warning' | 'info'): 1 | 2 {
  return name === 'error' ? 2 : 1;
}

export function toMessages(result: LintResult, lines: LineIndex, fingerprints = true): LintMessage[] {
  const messages: LintMessage[] = [];
  for (const p of result.problems) {
    const s = lines.positionAt(p.start);
    const e = lines.positionAt(p.end);
    messages.push({ ruleId: null, severity: severityNumber(p.severity), severityName: p.severity, message: p.message, line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
  }
  const paragraphs: ParagraphPrints = new Map();
  for (const f of result.findings) {
    const s = lines.positionAt(f.start);
    const e = lines.positionAt(f.end);
    messages.push({
      ruleId: f.ruleId,
      severity: severityNumber(f.severity),
      severityName: f.severity,
      message: f.message,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      level: f.level,
      lessons: f.lessons,
      ...(fingerprints ? { fingerprint: fingerprintFinding(result, f, paragraphs) } : {}),
    });
  }
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Lints a file's text with the configuration that applies to its path: the result alone (the editor's need). */
export function lintSourceResult(text: string, filePath: string, options: EngineOptions): LintResult {
  const config = options.resolver.resolve(filePath);
  const rules = withRuleOverrides(config.rules, options.ruleOverrides);
  return lintText(text, {
    format: formatForPath(filePath),
    docType: options.docType,
    configDocType: config.docType !== 'auto' ? config.docType : docTypeOfFileName(filePath) ? 'auto' : options.defaultDocType ?? 'auto',
    fileDocType: docTypeOfFileName(filePath),
    undecidedDocType: undecidedDocTypeOfFileName(filePath),
    rules,
    preset: config.preset,
    lexicon: getLexicon(config.lexicons),
    cacheFacts: options.cacheFacts,
  });
}

/** The result and its messages with positions and baseline fingerprints (what the CLI prints and compares). */
export function lintSource(text: string, filePath: string, options: EngineOptions): { result: LintResult; messages: LintMessage[] } {
  const result = lintSourceResult(text, filePath, options);
  return { result, messages: toMessages(result, result.analysis.model.lines, options.fingerprints !== false) };
}

function fatal(filePath: string, message: string): FileResult {
  const messages: LintMessage[] = [{ ruleId: null, severity: 2, severityName: 'error', message, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }];
  return { filePath, messages, ...countMessages(messages) };
}

/** Reads and lints one file: its ESLint-style result, and the full lint result (absent when it could not be linted). */
export function lintPath(filePath: string, options: EngineOptions): { file: FileResult; result?: LintResult } {
  return lintRead(filePath, readDraft(filePath, options.maxFileBytes), options);
}

/** Lints a draft already read (and decoded) by the bounded reader, or reports why it could not be read. */
export function lintRead(filePath: string, read: ReadOutcome, options: EngineOptions): { file: FileResult; result?: LintResult } {
  if (!read.ok) return { file: fatal(filePath, `Not linted: ${read.error}.`) };
  try {
    const { result, messages } = lintSource(read.text, filePath, options);
    for (const warning of read.warnings) messages.unshift({ ruleId: null, severity: 1, severityName: 'warning', message: warning, line: 1, column: 1, endLine: 1, endColumn: 1 });
    return { file: { filePath, messages, ...countMessages(messages), docType: result.docType }, result };
  } catch (error) {
    // Last line of defence: one broken file must not stop the run.
    return { file: fatal(filePath, `Not linted: internal error (${(error as Error).message}). Please report this with the file.`) };
  }
}
