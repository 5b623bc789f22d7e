/**
 * What the Mandate Lint language server and its clients say to each other beyond the LSP: the names of the custom
 * notification, request and command, their parameters and results, the settings section and the initialization
 * options. Types and constants only, so the VS Code client (bundled on its own) imports it at no cost.
 */
import type { DocType } from './core/analysis';
import type { DocTypeSource } from './core/lint';

/** Server → client, after every lint of an open document: whether it is a draft, why, and its counts. */
export const STATUS_NOTIFICATION = 'mandateLint/status';

export interface DraftStatus {
  uri: string;
  version: number;
  /** Whether the server lints this document (see decideDraft in src/core/drafts.ts). */
  handled: boolean;
  /** Why or why not: "front matter", "detected resolution draft", "not a draft", "disabled in settings" ... */
  reason: string;
  docType?: DocType;
  docTypeSource?: DocTypeSource;
  errors: number;
  warnings: number;
  infos: number;
}

/** Client → server: the lessons coverage report of an open draft, as a webview page and as Markdown. */
export const COVERAGE_REPORT_REQUEST = 'mandateLint/coverageReport';

export interface CoverageReportParams {
  uri: string;
  /** The webview's script nonce (letters, digits, + / =; anything else is dropped). */
  nonce: string;
  /** The webview's CSP source. */
  cspSource: string;
}

/** The report, or `error` saying why there is none (the document is not open, not a draft ...). */
export interface CoverageReportResult {
  version?: number;
  html?: string;
  markdown?: string;
  counts?: Record<string, number>;
  error?: string;
}

/** workspace/executeCommand: lint every draft in the workspace folders and publish their diagnostics. */
export const LINT_WORKSPACE_COMMAND = 'mandateLint.server.lintWorkspace';

export interface WorkspaceLintSummary {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Set when the run stopped on an error. */
  failed?: string;
}

/** The settings section the server reads with workspace/configuration (package.json contributes it). */
export const SETTINGS_SECTION = 'mandateLint';

/** initializationOptions the client sends. */
export interface InitializationOptions {
  /** False in an untrusted workspace: workspace lexicons' regular expressions are left out. */
  trusted?: boolean;
  /** The extension's docs folder, for rule links that open locally. */
  docsDir?: string;
}

/** The code action kind of "fix all" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.mandateLint';
