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
  /** Counts of the document's diagnostics as the Problems panel shows them. */
  errors: number;
  warnings: number;
  infos: number;
  /** A draft with no text yet: no document type to show. */
  empty?: boolean;
  /** The workspace is not trusted: workspace lexicons' regular expressions are left out. */
  untrusted?: boolean;
}

/** Client → server: the lessons coverage report of an open draft, as a webview page and as Markdown. */
export const COVERAGE_REPORT_REQUEST = 'mandateLint/coverageReport';

export interface CoverageReportParams {
  uri: string;
  /** The webview's script nonce (8 to 64 letters, digits, + / =); without a valid one the page has no script. */
  nonce: string;
  /** The webview's CSP source (`vscode-webview://…`, `https://*.vscode-cdn.net`); anything else is dropped. */
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

/** Client → server: the clauses that can start a paragraph at a position, written as completion would insert them. */
export const CLAUSE_REQUEST = 'mandateLint/clauses';

export interface ClauseParams {
  uri: string;
  position: { line: number; character: number };
  /** Only the clauses with this tag or answering this rule ("benchmark", "missing-benchmarks"). */
  tag?: string;
}

export interface LspRangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface ClauseResult {
  clauses: Array<{
    id: string;
    title: string;
    detail: string;
    description?: string;
    /** VS Code snippet syntax, replacing `range`. */
    snippet: string;
    range: LspRangeLike;
    /** Later paragraphs renumbered and references shifted: applied with the snippet. */
    additionalEdits: Array<{ range: LspRangeLike; newText: string }>;
  }>;
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
  /** Set when the client cancelled the run: the counts are those of the drafts linted until then. */
  cancelled?: boolean;
  /** Set when the search for drafts stopped at its limit of folders: what was left out, and what to do. */
  stopped?: string;
}

/** The settings section the server reads with workspace/configuration (package.json contributes it). */
export const SETTINGS_SECTION = 'mandateLint';

/** initializationOptions the client sends. */
export interface InitializationOptions {
  /** False in an untrusted workspace: workspace lexicons' regular expressions are left out. */
  trusted?: boolean;
  /** The extension's docs folder, for rule links that open locally. */
  docsDir?: string;
  /**
   * A client command that shows a rule's page (arguments: [ruleId]); rule links in diagnostics and hovers then run
   * it (VS Code: a read-only Markdown preview) instead of opening the page's file.
   */
  ruleDocsCommand?: string;
  /**
   * The web extension only (client/src/browser.ts): the workspace's configuration files, lexicons and snippet
   * libraries, read through vscode.workspace.fs, since a server in a web worker has no disk.
   */
  workspaceFiles?: Array<{ uri: string; text: string }>;
  /** The client answers DOCUMENT_TEXT_REQUEST (both Mandate Lint clients do). */
  resendsDocuments?: boolean;
}

/**
 * Server → client, when the server refused a change to an open document and so no longer knows its text: the
 * document's whole text and version as the editor has them, or null when it is not open. Until it has them, the
 * server shows nothing for the document (no findings, fixes or hovers placed by a text the editor no longer has).
 */
export const DOCUMENT_TEXT_REQUEST = 'mandateLint/documentText';

export interface DocumentTextParams {
  uri: string;
}

export type DocumentTextResult = { version: number; text: string } | null;

/** Client command that opens VS Code's workspace trust editor ("Trust workspace to use team lexicons"). */
export const TRUST_WORKSPACE_COMMAND = 'mandateLint.trustWorkspace';

/** Client command behind a hover's "show the N paragraphs" link: (uri, [[line, character, endLine, endCharacter], ...]) in a peek view. */
export const SHOW_EVIDENCE_COMMAND = 'mandateLint.showEvidence';

/** Client command behind a grouped "Disable a rule …" quick fix: (title, [{ label, edit }]) with LSP workspace edits, chosen in a quick pick. */
export const CHOOSE_FIX_COMMAND = 'mandateLint.chooseFix';

/** The code action kind of "fix all" (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.mandateLint';

/** Client → server: the renewal report of an open draft against its previous text (front matter `previous:`, or `mandateLint.previous`). */
export const COMPARE_REPORT_REQUEST = 'mandateLint/compareReport';

export interface CompareReportParams {
  uri: string;
  /** The previous text to compare with, when the user chose one; else the draft's own `previous:` or the setting. */
  previous?: string;
  /** The webview's CSP source. */
  cspSource: string;
}

/** The renewal report, or `error` saying why there is none (no previous text named, unreadable, texts that do not compare). */
export interface CompareReportResult {
  html?: string;
  markdown?: string;
  /** "2 safeguards lost, 1 task weakened, 3 new findings, 1 resolved". */
  summary?: string;
  previousUri?: string;
  error?: string;
}

/** What a renewal diagnostic (a safeguard lost, mandate language weakened) carries in `data`. */
export interface RenewalDiagnosticData {
  renewal: true;
  previousUri: string;
  /** 0-based lines of the paragraph in the previous text, and of its counterpart (or where it stood) in the draft. */
  previousLines: [number, number];
  draftLines: [number, number];
  /** "OP5", "OP2(e)". */
  label: string;
}

/** Client command that opens the previous text and the draft side by side in VS Code's diff editor, at the paragraph. */
export const OPEN_PREVIOUS_DIFF_COMMAND = 'mandateLint.openPreviousDiff';

/**
 * Word drafts (.docx) in the editor: the client opens the rendering of a Word file as a read-only virtual document
 * of this scheme, its path the Word file's own (`mandate-lint-word:/drafts/zero-draft.docx`), in the Mandate draft
 * language; the server lints it like any draft, with the Word file's configuration.
 */
export const WORD_SCHEME = 'mandate-lint-word';

/**
 * Client → server: the Markdown rendering of a Word file (what the virtual document shows). The client reads the
 * file (vscode.workspace.fs) and sends its bytes: the server reads and writes no Word file itself.
 */
export const READ_WORD_REQUEST = 'mandateLint/readWordDraft';

export interface ReadWordParams {
  /** The virtual document's URI (the Word file's URI with the scheme WORD_SCHEME). */
  uri: string;
  /** Its bytes, base64. */
  bytes: string;
}

export interface ReadWordResult {
  text?: string;
  /** Things the reading left out on purpose (outside links not followed), one line each. */
  warnings?: string[];
  /** Word paragraphs read, for the status message. */
  paragraphs?: number;
  /** Why the file could not be read, one line ("weak.docx: the file is encrypted …"). */
  error?: string;
}

/** Client → server: the Word file behind a virtual document with each finding as a Word comment (the client writes it). */
export const WRITE_WORD_COMMENTS_REQUEST = 'mandateLint/writeWordComments';

export interface WriteWordCommentsParams {
  /** The virtual document's URI (WORD_SCHEME). */
  uri: string;
  /** The Word file's bytes as they are now, base64: they must still read as the document shown. */
  bytes: string;
}

export interface WriteWordCommentsResult {
  /** The commented copy, base64. */
  bytes?: string;
  comments?: number;
  /** Comments of an earlier Mandate Lint run that were replaced. */
  replaced?: number;
  error?: string;
}

/**
 * Node options the server process starts with (the extension and the test client alike). Each lint of a long
 * draft leaves several megabytes of garbage that lives as long as the lint: with the default young generation
 * (16 MB at most) part of it outlives two scavenges and is promoted, so the old generation fills and full
 * collections follow every few edits. A larger young generation lets that garbage die young. V8 reads the
 * size only at start-up, hence a flag rather than a setting made by the server itself.
 */
export const SERVER_EXEC_ARGV = ['--max-semi-space-size=32'];
