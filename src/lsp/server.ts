/**
 * The Mandate Lint language server: a thin adapter between the LSP and the core. It syncs documents
 * incrementally, lints after a pause in typing (debounced; stale results are never published over newer text),
 * answers pull or push diagnostics, hovers, quick fixes, clause completions, outline and folding, and lints
 * a whole workspace on request. Every didChange is checked before it is applied (checkChange); over stdio, a
 * stream it can no longer read (FrameGuard) ends the server with one line on stderr, so the client restarts it.
 */
import { appendFileSync, existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { basename, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import {
  CodeAction,
  CodeActionKind,
  CompletionItem,
  CompletionItemKind,
  createConnection,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  InsertTextFormat,
  MarkupKind,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  SymbolKind,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type DataCallback,
  type Disposable,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { DOC_TYPES, type DocType } from '../core/analysis';
import { normalizeRuleSetting, type RuleConfig, type RuleSetting } from '../core/config/types';
import { fixesFor, type Fix } from '../core/fixes';
import { getLesson } from '../core/lessons';
import type { LintResult } from '../core/lint';
import { buildFolds, buildOutline, type OutlineKind, type OutlineNode } from '../core/outline';
import { getRule, RULES } from '../core/rules/registry';
import type { Finding } from '../core/rules/types';
import { documentPlaceholders, renderSnippet, toVsCodeSnippetBody, type Snippet } from '../core/snippets';
import { ConfigResolver, CONFIG_FILE_NAMES } from '../node/config';
import { discoverFiles, IgnoreMatcher, NOT_DRAFTS } from '../node/discover';
import { lintSource, MARKDOWN_EXTENSIONS } from '../node/engine';
import { BUILT_IN_LIBRARY, libraryFor } from '../node/libraries';
import { buildFileReport, renderReportHtml, renderReportMarkdown } from '../core/report';
import { readDraft } from '../node/files';
import pkg from '../../package.json';
import { releaseMemory } from '../node/memory';

export interface ServerSettings {
  enable: boolean;
  detect: boolean;
  docType: DocType | 'auto';
  rules: Record<string, RuleSetting>;
  run: 'onType' | 'onSave';
  debounce: number;
  maxFileSize: number;
  /** Extra snippet libraries (paths, relative to the workspace folder), loaded after the configured ones. */
  snippetLibraries: string[];
}

const DEFAULT_SETTINGS: ServerSettings = { enable: true, detect: true, docType: 'auto', rules: {}, run: 'onType', debounce: 150, maxFileSize: 4 * 1024 * 1024, snippetLibraries: [] };


interface DocumentState {
  version: number;
  /** The configuration generation the result was computed under (see relintAll). */
  generation: number;
  handled: boolean;
  reason: string;
  result?: LintResult;
  diagnostics: Diagnostic[];
  /** The clauses this draft's completions and quick fixes draw from; found on first use, as diagnostics never need them. */
  library: () => Snippet[];
}

interface Waiter {
  version: number;
  resolve: (state: DocumentState | undefined) => void;
}

export function startServer(connection: Connection): void {
  // The open documents, kept by this server rather than by TextDocuments so that every change is checked before
  // it is applied (see checkChange).
  const openDocuments = new Map<string, TextDocument>();
  const documents = {
    get: (uri: unknown): TextDocument | undefined => (typeof uri === 'string' ? openDocuments.get(uri) : undefined),
    all: (): TextDocument[] => [...openDocuments.values()],
  };
  const states = new Map<string, DocumentState>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const waiters = new Map<string, Waiter[]>();
  const settingsCache = new Map<string, Promise<ServerSettings>>();
  let resolver = new ConfigResolver();
  let trusted = true;
  let pullDiagnostics = false;
  let configurationRequests = false;
  let docsDir: string | undefined;
  let workspaceFolders: string[] = [];
  const reportedConflicts = new Set<string>();
  let generation = 0;

  // MANDATE_LINT_SERVER_LOG=<file> also appends the log to a file (for end-to-end runs, where the output channel is out of reach).
  const logFile = process.env.MANDATE_LINT_SERVER_LOG;
  const log = (message: string) => {
    connection.console.log(`[mandate-lint] ${message}`);
    if (logFile) {
      try {
        appendFileSync(logFile, `${new Date().toISOString()} ${message}\n`);
      } catch {
        // logging must never break the server
      }
    }
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = !!capabilities.textDocument?.diagnostic;
    configurationRequests = !!capabilities.workspace?.configuration;
    const options = (params.initializationOptions ?? {}) as { trusted?: boolean; docsDir?: string };
    trusted = options.trusted !== false;
    docsDir = options.docsDir && existsSync(options.docsDir) ? options.docsDir : undefined;
    resolver = new ConfigResolver(undefined, true, { trusted });
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!workspaceFolders.length && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) workspaceFolders.push(root);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll + '.mandateLint'], resolveProvider: false },
        completionProvider: { triggerCharacters: [], resolveProvider: false },
        documentSymbolProvider: { label: 'Mandate Lint' },
        foldingRangeProvider: true,
        executeCommandProvider: { commands: ['mandateLint.server.lintWorkspace'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'mandate-lint', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'mandate-lint', version: pkg.version },
    };
  });

  connection.onInitialized(() => {
    if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mandateLint' }).catch(() => undefined);
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) workspaceFolders = workspaceFolders.filter((f) => f !== uriToPath(removed.uri));
      for (const added of event.added) {
        const path = uriToPath(added.uri);
        if (path) workspaceFolders.push(path);
      }
      relintAll();
    });
    log(`ready (${pullDiagnostics ? 'pull' : 'push'} diagnostics, ${trusted ? 'trusted' : 'untrusted'} workspace)`);
  });

  function getSettings(uri: string): Promise<ServerSettings> {
    if (!configurationRequests) return Promise.resolve(DEFAULT_SETTINGS);
    let cached = settingsCache.get(uri);
    if (!cached) {
      cached = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'mandateLint' })
        .then((value: Partial<ServerSettings> | null) => sanitizeSettings(value))
        .catch(() => DEFAULT_SETTINGS);
      settingsCache.set(uri, cached);
    }
    return cached;
  }

  function ruleOverrides(settings: ServerSettings): Record<string, RuleConfig> {
    const out: Record<string, RuleConfig> = {};
    for (const [id, setting] of Object.entries(settings.rules ?? {})) {
      const normalized = getRule(id) ? normalizeRuleSetting(setting) : undefined;
      if (normalized) out[id] = normalized;
    }
    return out;
  }

  /** Whether a document is a draft to lint, and why (shown in the status bar and the log). */
  function decide(uri: string, languageId: string, text: string, settings: ServerSettings, path: string | undefined): { handled: boolean; reason: string; docType?: DocType } {
    if (!settings.enable) return { handled: false, reason: 'disabled in settings' };
    if (text.length > settings.maxFileSize) return { handled: false, reason: `larger than ${Math.round(settings.maxFileSize / 1024 / 1024)} MB` };
    if (languageId === 'mandate' || /\.mandate\.(?:md|txt)$/i.test(uri)) return { handled: true, reason: 'mandate file' };
    if (languageId !== 'markdown' && languageId !== 'plaintext') return { handled: false, reason: `language ${languageId}` };
    if (/^---\s*\r?\n[\s\S]*?\bmandate-lint\s*:/.test(text.slice(0, 4000))) return { handled: true, reason: 'front matter' };
    const name = basename(path ?? uri);
    if (NOT_DRAFTS.test(name)) return { handled: false, reason: 'not a draft' };
    if (path && resolver.resolve(path).docType !== 'auto') return { handled: true, reason: '.mandatelintrc.json' };
    if (settings.detect && looksLikeResolution(text)) return { handled: true, reason: 'detected resolution draft' };
    return { handled: false, reason: 'not recognised as a draft' };
  }

  function toDiagnostics(doc: TextDocument, result: LintResult): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    result.findings.forEach((finding, index) => {
      const href = docsLink(finding.ruleId);
      diagnostics.push({
        range: { start: doc.positionAt(finding.start), end: doc.positionAt(Math.max(finding.end, finding.start + 1)) },
        severity: finding.severity === 'error' ? DiagnosticSeverity.Error : finding.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
        code: finding.ruleId,
        codeDescription: { href },
        source: 'mandate-lint',
        message: finding.message,
        data: { index, ruleId: finding.ruleId, version: doc.version },
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

  function docsLink(ruleId: string): string {
    if (docsDir) {
      const file = join(docsDir, 'rules', `${ruleId}.md`);
      if (existsSync(file)) return pathToFileURL(file).toString();
    }
    return `${pkg.homepage}/blob/main/docs/rules/${ruleId}.md`;
  }

  async function lintNow(doc: TextDocument): Promise<DocumentState> {
    const settings = await getSettings(doc.uri);
    const text = doc.getText();
    const path = uriToPath(doc.uri);
    const decision = decide(doc.uri, doc.languageId, text, settings, path);
    const state: DocumentState = { version: doc.version, generation, handled: decision.handled, reason: decision.reason, diagnostics: [], library: () => BUILT_IN_LIBRARY.snippets };
    if (decision.handled) {
      try {
        let library: Snippet[] | undefined;
        state.library = () => (library ??= draftLibrary(doc.uri, path, settings));
        const filePath = path ?? `/untitled/${basename(doc.uri)}${doc.languageId === 'plaintext' ? '.txt' : '.md'}`;
        const configDocType = settings.docType !== 'auto' ? settings.docType : undefined;
        const { result } = lintSource(text, filePath, { resolver, ruleOverrides: ruleOverrides(settings), cacheFacts: true, defaultDocType: configDocType });
        state.result = result;
        state.diagnostics = toDiagnostics(doc, result);
        for (const p of path ? resolver.problemsFor(path) : []) {
          state.diagnostics.push({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: 'mandate-lint', message: `Configuration ${basename(p.file)}:${p.line}:${p.column}: ${p.message}` });
        }
      } catch (error) {
        log(`lint failed for ${doc.uri}: ${(error as Error).stack ?? error}`);
        state.diagnostics = [];
      }
      releaseMemory();
    }
    return state;
  }

  /** Built-in, configured, workspace and settings libraries for a draft; a broken library never loses the rest. */
  function draftLibrary(uri: string, path: string | undefined, settings: ServerSettings): Snippet[] {
    // A draft on a virtual file system (a vscode-vfs: workspace) has no folder on this disk to read libraries from.
    if (!path && !uri.startsWith('untitled:') && !workspaceFolders.length) return BUILT_IN_LIBRARY.snippets;
    const folder = workspaceFolderOf(path, workspaceFolders) ?? workspaceFolders[0] ?? process.cwd();
    const extra = settings.snippetLibraries.map((p) => (isAbsolute(p) ? p : join(folder, p)));
    const drafted = libraryFor(resolver, path ?? join(folder, basename(uri)), extra);
    for (const p of drafted.problems) log(`snippet library ${p.file}:${p.line}:${p.column}: ${p.message}`);
    for (const c of drafted.conflicts) {
      const key = `${c.id}|${c.winner}|${c.overridden}`;
      if (reportedConflicts.has(key)) continue;
      reportedConflicts.add(key);
      log(`snippet "${c.id}" from ${c.winner} overrides the one from ${c.overridden}`);
    }
    return drafted.snippets;
  }

  function sendStatus(doc: TextDocument, state: DocumentState): void {
    const findings = state.result?.findings ?? [];
    void connection.sendNotification('mandateLint/status', {
      uri: doc.uri,
      version: state.version,
      handled: state.handled,
      reason: state.reason,
      docType: state.result?.docType,
      docTypeSource: state.result?.docTypeSource,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
    });
  }

  async function validate(uri: string): Promise<void> {
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) return;
    const state = await lintNow(doc);
    const current = documents.get(uri);
    // A newer version or configuration arrived while we linted: its own run will publish; never show stale results.
    if (!current || current.version !== state.version || state.generation !== generation) return;
    states.set(uri, state);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri, version: state.version, diagnostics: state.diagnostics });
    sendStatus(current, state);
    const pending = waiters.get(uri) ?? [];
    waiters.delete(uri);
    for (const w of pending) w.resolve(state);
  }

  function schedule(uri: string, delay?: number): void {
    const existing = timers.get(uri);
    if (existing) clearTimeout(existing);
    void getSettings(uri).then((settings) => {
      const again = timers.get(uri);
      if (again) clearTimeout(again);
      timers.set(
        uri,
        setTimeout(() => void validate(uri).catch((e) => log(`validate failed: ${(e as Error).stack ?? e}`)), delay ?? settings.debounce),
      );
    });
  }

  /** The lint state for the document's current version, waiting for the debounce to settle. */
  function freshState(uri: string, token?: CancellationToken): Promise<DocumentState | undefined> {
    const doc = documents.get(uri);
    if (!doc) return Promise.resolve(undefined);
    const state = states.get(uri);
    if (state && state.version === doc.version && state.generation === generation) return Promise.resolve(state);
    if (!timers.has(uri)) schedule(uri, 0);
    return new Promise((resolve) => {
      const list = waiters.get(uri) ?? [];
      const waiter: Waiter = { version: doc.version, resolve };
      list.push(waiter);
      waiters.set(uri, list);
      token?.onCancellationRequested(() => {
        // A cancelled request lets go of its waiter at once rather than when the next lint lands.
        const pending = waiters.get(uri);
        const at = pending?.indexOf(waiter) ?? -1;
        if (pending && at >= 0) pending.splice(at, 1);
        if (pending && !pending.length) waiters.delete(uri);
        resolve(undefined);
      });
    });
  }

  function relintAll(): void {
    // Settings or configuration files changed: every result so far is stale, even for unchanged text.
    generation++;
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
    if (pullDiagnostics) connection.languages.diagnostics.refresh();
  }

  connection.onDidOpenTextDocument((params) => {
    const td = (params as { textDocument?: Partial<Record<'uri' | 'languageId' | 'version' | 'text', unknown>> } | undefined)?.textDocument;
    const { uri, languageId, version, text } = td ?? {};
    if (typeof uri !== 'string' || typeof languageId !== 'string' || !Number.isSafeInteger(version) || typeof text !== 'string') {
      log(`didOpen ignored: it needs a string uri, languageId and text and an integer version (got uri ${describe(uri)}, languageId ${describe(languageId)}, version ${describe(version)}, text ${describe(text)})`);
      return;
    }
    openDocuments.set(uri, TextDocument.create(uri, languageId, version as number, text));
    // A reopened document starts again: nothing computed for an earlier opening applies to it.
    states.delete(uri);
    schedule(uri, 0);
  });
  connection.onDidChangeTextDocument((params) => {
    const { textDocument, contentChanges } = (params ?? {}) as { textDocument?: { uri?: unknown; version?: unknown }; contentChanges?: unknown };
    const doc = documents.get(textDocument?.uri);
    if (!doc) {
      log(`didChange ignored: ${describe(textDocument?.uri)} is not open`);
      return;
    }
    const checked = checkChange(doc, textDocument?.version, contentChanges);
    if ('problem' in checked) {
      log(`didChange for ${doc.uri} rejected: ${checked.problem}. The server keeps version ${doc.version} (${doc.getText().length} characters); reopen the document if the editor and the server disagree.`);
      return;
    }
    if (!checked.changes.length) return;
    openDocuments.set(doc.uri, checked.apply());
    void getSettings(doc.uri).then((settings) => {
      if (settings.run === 'onType') schedule(doc.uri);
    });
  });
  connection.onDidSaveTextDocument((params) => {
    const doc = documents.get(params?.textDocument?.uri);
    if (doc) schedule(doc.uri, 0);
  });
  connection.onDidCloseTextDocument((params) => {
    const uri = params?.textDocument?.uri;
    const doc = documents.get(uri);
    if (!doc) return;
    openDocuments.delete(doc.uri);
    const timer = timers.get(doc.uri);
    if (timer) clearTimeout(timer);
    timers.delete(doc.uri);
    states.delete(doc.uri);
    settingsCache.delete(doc.uri);
    for (const w of waiters.get(doc.uri) ?? []) w.resolve(undefined);
    waiters.delete(doc.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => relintAll());
  connection.onDidChangeWatchedFiles((params) => {
    const relevant = params.changes.some((c) => CONFIG_FILE_NAMES.some((n) => c.uri.endsWith('/' + n)) || c.uri.endsWith('.json') || c.uri.endsWith('.mandatelintignore'));
    if (!relevant) return;
    resolver.clear();
    log('configuration files changed: linting again');
    relintAll();
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    try {
      const state = await freshState(params.textDocument.uri, token);
      if (!state) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const resultId = `${state.generation}:${state.version}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items: state.diagnostics };
    } catch (error) {
      log(`diagnostics failed: ${(error as Error).stack ?? error}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  connection.onHover(async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      const state = doc && (await freshState(doc.uri));
      if (!doc || !state?.result) return null;
      const offset = doc.offsetAt(params.position);
      const here = state.result.findings.filter((f) => offset >= f.start && offset <= Math.max(f.end, f.start + 1));
      if (!here.length) return null;
      const first = here[0];
      return {
        contents: { kind: MarkupKind.Markdown, value: here.map((f) => hoverText(f, docsLink(f.ruleId))).join('\n\n---\n\n') },
        range: { start: doc.positionAt(first.start), end: doc.positionAt(Math.max(first.end, first.start + 1)) },
      };
    } catch (error) {
      log(`hover failed: ${(error as Error).stack ?? error}`);
      return null;
    }
  });

  function toLspEdits(doc: TextDocument, fix: Fix): LspTextEdit[] {
    return fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
  }

  connection.onCodeAction(async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      const state = doc && (await freshState(doc.uri));
      if (!doc || !state?.result || state.version !== doc.version) return [];
      const result = state.result;
      const actions: CodeAction[] = [];
      const only = params.context.only;
      const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
      const wantsFixAll = !!only && only.some((k) => k.startsWith(CodeActionKind.SourceFixAll) || CodeActionKind.SourceFixAll.startsWith(k));
      const ours = params.context.diagnostics.filter((d) => d.source === 'mandate-lint' && typeof d.code === 'string');
      const seenRules = new Set<string>();
      if (wantsQuickFix) {
        for (const diagnostic of ours) {
          const data = diagnostic.data as { index?: number } | undefined;
          const finding = data?.index !== undefined ? result.findings[data.index] : undefined;
          if (!finding || finding.ruleId !== diagnostic.code) continue;
          for (const fix of fixesFor(result.analysis, finding, state.library())) {
            actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: { changes: { [doc.uri]: toLspEdits(doc, fix) } } });
          }
          if (!seenRules.has(finding.ruleId)) {
            seenRules.add(finding.ruleId);
            const all = fixAllEdits(result, finding.ruleId, state.library());
            if (all.count > 1) {
              actions.push({ title: `Fix all ${finding.ruleId} findings in this document (${all.count})`, kind: CodeActionKind.QuickFix, edit: { changes: { [doc.uri]: all.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })) } } });
            }
          }
        }
      }
      if (wantsFixAll) {
        const edits = RULES.flatMap((rule) => fixAllEdits(result, rule.id, state.library()).edits);
        const merged = dropOverlaps(edits);
        if (merged.length) actions.push({ title: 'Fix all Mandate Lint findings that have an inline clause', kind: CodeActionKind.SourceFixAll + '.mandateLint', edit: { changes: { [doc.uri]: merged.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })) } } });
      }
      return actions;
    } catch (error) {
      log(`code action failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  function fixAllEdits(result: LintResult, ruleId: string, library: Snippet[]): { edits: Fix['edits']; count: number } {
    const edits: Fix['edits'] = [];
    let count = 0;
    const usedUnits = new Set<number>();
    for (const finding of result.findings) {
      if (finding.ruleId !== ruleId || finding.level !== 'paragraph' || finding.unitId === undefined || usedUnits.has(finding.unitId)) continue;
      const inline = fixesFor(result.analysis, finding, library).find((f) => f.kind === 'inline');
      if (!inline) continue;
      usedUnits.add(finding.unitId);
      edits.push(...inline.edits);
      count++;
    }
    return { edits, count };
  }

  connection.onCompletion(async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      const state = doc && (await freshState(doc.uri));
      if (!doc || !state?.handled) return [];
      const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
      return completionItems(line, state, params.position);
    } catch (error) {
      log(`completion failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  function completionItems(linePrefix: string, state: DocumentState, position: { line: number; character: number }): CompletionItem[] {
    const docType = state.result?.docType ?? 'mandate';
    const values = state.result ? documentPlaceholders(state.result.analysis) : {};
    // Only offer clauses where a paragraph or an item starts, or after what the drafter has typed of a prefix.
    const typed = /(?:^|\s)([A-Za-z-]*)$/.exec(linePrefix)?.[1] ?? '';
    const beforeTyped = linePrefix.slice(0, linePrefix.length - typed.length);
    const atStart = /^\s*(?:\(?[a-z]{1,4}\)|\(?[ivx]{1,6}\)|\d{1,3}[.)]|[-*+•])?\s*$/.test(beforeTyped);
    if (!atStart) return [];
    const marker = /^\s*(\(?[a-z]{1,4}\)|\(?[ivx]{1,6}\)|\d{1,3}[.)]|[-*+•])/.exec(beforeTyped)?.[1];
    const form = marker && /^[-*+•]$/.test(marker) ? 'activity' : marker && /^\(?[a-z]/.test(marker) ? 'subparagraph' : docType === 'strategy' ? 'activity' : 'operative';
    const replaceRange: Range = { start: { line: position.line, character: position.character - typed.length }, end: position };
    return state
      .library()
      .filter((s) => !s.docTypes || s.docTypes.includes(docType))
      .map((s, i) => {
        const snippetForm = s.kind === 'task' ? form : 'paragraph';
        const ending = s.kind === 'preambular' ? ',' : form === 'activity' ? '.' : s.kind === 'block' ? '' : ';';
        const body = toVsCodeSnippetBody(s, snippetForm, ending, values).join('\n');
        const lessons = (s.lessons ?? []).map((id) => getLesson(id)?.label ?? id).join('; ');
        return {
          label: s.title,
          kind: CompletionItemKind.Snippet,
          detail: `Mandate Lint clause${s.fixes?.length ? ` · answers ${s.fixes.join(', ')}` : ''}`,
          documentation: { kind: MarkupKind.Markdown, value: `${s.description ?? ''}\n\n*Lessons:* ${lessons}\n\n\`\`\`\n${renderSnippet(s, snippetForm, values)}\n\`\`\`` },
          filterText: `${s.prefix ?? s.id} ${s.title}`,
          sortText: `0${String(i).padStart(3, '0')}`,
          insertTextFormat: InsertTextFormat.Snippet,
          textEdit: { range: replaceRange, newText: body },
        } satisfies CompletionItem;
      });
  }

  connection.onDocumentSymbol(async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      const state = doc && (await freshState(doc.uri));
      if (!doc || !state?.result) return [];
      const toSymbol = (n: OutlineNode): DocumentSymbol => {
        const range = { start: doc.positionAt(n.start), end: doc.positionAt(n.end) };
        const selection = { start: doc.positionAt(n.selectionStart), end: doc.positionAt(Math.max(n.selectionEnd, n.selectionStart)) };
        return { name: n.name, detail: n.detail, kind: SYMBOL_KINDS[n.kind], range, selectionRange: selection, children: n.children.map(toSymbol) };
      };
      return buildOutline(state.result.analysis.model).map(toSymbol);
    } catch (error) {
      log(`symbols failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  connection.onFoldingRanges(async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      const state = doc && (await freshState(doc.uri));
      if (!doc || !state?.result) return [];
      return buildFolds(state.result.analysis.model)
        .map((f): FoldingRange => ({ startLine: doc.positionAt(f.start).line, endLine: doc.positionAt(f.end).line, kind: f.kind === 'region' ? FoldingRangeKind.Region : undefined }))
        .filter((f) => f.endLine > f.startLine);
    } catch (error) {
      log(`folding failed: ${(error as Error).stack ?? error}`);
      return [];
    }
  });

  /** The lessons coverage report of an open draft, as HTML for a webview (scripts allowed only with the nonce). */
  connection.onRequest('mandateLint/coverageReport', async (params: { uri: string; nonce: string; cspSource: string }, token) => {
    try {
      const doc = documents.get(params.uri);
      if (!doc) return { error: 'The document is not open.' };
      const state = await freshState(doc.uri, token);
      if (!state?.handled || !state.result) return { error: `Mandate Lint does not check this file (${state?.reason ?? 'not a draft'}).` };
      const path = uriToPath(doc.uri) ?? doc.uri;
      const report = buildFileReport(state.result, path);
      const nonce = /^[A-Za-z0-9+/=]{8,64}$/.test(params.nonce) ? params.nonce : '';
      const cspSource = /^[^;"<>]{1,300}$/.test(params.cspSource ?? '') ? params.cspSource : '';
      return {
        version: doc.version,
        html: renderReportHtml([report], { webview: { nonce, cspSource }, displayPath: (p) => basename(p) }),
        markdown: renderReportMarkdown([report], (p) => basename(p)),
        counts: report.counts,
      };
    } catch (error) {
      log(`coverage report failed: ${(error as Error).stack ?? error}`);
      return { error: `The report could not be built: ${(error as Error).message}` };
    }
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== 'mandateLint.server.lintWorkspace') return null;
    try {
      return await lintWorkspace();
    } catch (error) {
      log(`workspace lint failed: ${(error as Error).stack ?? error}`);
      return { files: 0, errors: 0, warnings: 0, infos: 0, failed: String(error) };
    }
  });

  /** Lints every draft in the workspace folders and publishes diagnostics for the files that are not open. */
  async function lintWorkspace(): Promise<{ files: number; errors: number; warnings: number; infos: number }> {
    let files = 0;
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const folder of workspaceFolders) {
      const matcher = new IgnoreMatcher(folder, join(folder, '.mandatelintignore'), resolver, true);
      const found = discoverFiles(['.'], folder, [...MARKDOWN_EXTENSIONS, '.txt'], matcher);
      for (const file of found.files) {
        const uri = pathToFileURL(file).toString();
        const open = documents.get(uri);
        if (open) {
          const state = await freshState(uri);
          if (state?.handled) files++;
          for (const f of state?.result?.findings ?? []) f.severity === 'error' ? errors++ : f.severity === 'warning' ? warnings++ : infos++;
          continue;
        }
        const read = readDraft(file);
        if (!read.ok) continue;
        const settings = await getSettings(uri);
        const languageId = /\.mandate\.(?:md|txt)$/i.test(file) ? 'mandate' : file.endsWith('.txt') ? 'plaintext' : 'markdown';
        if (!decide(uri, languageId, read.text, settings, file).handled) continue;
        const textDoc = TextDocument.create(uri, languageId, 0, read.text);
        const { result } = lintSource(read.text, file, { resolver, ruleOverrides: ruleOverrides(settings), cacheFacts: false, defaultDocType: settings.docType !== 'auto' ? settings.docType : undefined });
        files++;
        for (const f of result.findings) f.severity === 'error' ? errors++ : f.severity === 'warning' ? warnings++ : infos++;
        void connection.sendDiagnostics({ uri, diagnostics: toDiagnostics(textDoc, result) });
      }
    }
    log(`workspace: ${files} drafts, ${errors} errors, ${warnings} warnings`);
    return { files, errors, warnings, infos };
  }

  connection.onShutdown(() => {
    shutdownRequested = true;
  });
  connection.listen();
}

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  title: SymbolKind.File,
  section: SymbolKind.Namespace,
  'preamble-group': SymbolKind.Namespace,
  preamble: SymbolKind.Field,
  operative: SymbolKind.Function,
  subparagraph: SymbolKind.Method,
  paragraph: SymbolKind.String,
  item: SymbolKind.EnumMember,
};

function hoverText(f: Finding, docsUrl: string): string {
  const rule = getRule(f.ruleId);
  const lessons = f.lessons
    .map((id) => getLesson(id))
    .filter((l): l is NonNullable<typeof l> => !!l)
    .map((l) => `- **${l.label}** — ${l.title}: ${l.summary}`);
  return [
    `**${rule?.title ?? f.ruleId}** \`${f.ruleId}\` (${f.severity})`,
    '',
    `**Found:** ${f.found}`,
    '',
    `**Missing:** ${f.missing}`,
    '',
    `**Why it matters:** ${f.why}`,
    '',
    lessons.length ? `**Lessons**\n\n${lessons.join('\n')}` : '',
    '',
    rule ? `**What good language looks like:** ${rule.docs.goodPractice}` : '',
    '',
    `[Rule documentation](${docsUrl})`,
  ]
    .filter((line, i, all) => !(line === '' && all[i - 1] === ''))
    .join('\n');
}

function sanitizeSettings(value: Partial<ServerSettings> | null | undefined): ServerSettings {
  const v = value ?? {};
  return {
    enable: typeof v.enable === 'boolean' ? v.enable : DEFAULT_SETTINGS.enable,
    detect: typeof v.detect === 'boolean' ? v.detect : DEFAULT_SETTINGS.detect,
    docType: (DOC_TYPES as string[]).includes(v.docType as string) ? (v.docType as DocType) : 'auto',
    rules: v.rules && typeof v.rules === 'object' && !Array.isArray(v.rules) ? v.rules : {},
    run: v.run === 'onSave' ? 'onSave' : 'onType',
    debounce: typeof v.debounce === 'number' && v.debounce >= 0 && v.debounce <= 5000 ? v.debounce : DEFAULT_SETTINGS.debounce,
    maxFileSize: typeof v.maxFileSize === 'number' && v.maxFileSize > 0 ? v.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    snippetLibraries: Array.isArray(v.snippetLibraries) ? v.snippetLibraries.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length < 1000).slice(0, 50) : [],
  };
}

/** A Markdown or plain-text file that reads like a Council resolution or statement (never a README). */
export function looksLikeResolution(text: string): boolean {
  const head = text.slice(0, 20000);
  if (/^\s*(?:\*\*|\*|_)?The Security Council(?:\*\*|\*|_)?\s*,\s*$/m.test(head)) return true;
  const operative = head.match(/^\s*(?:\d{1,3}[.)]\s*)?(?:\*\*|\*|_)?(?:Decides|Requests|Urges|Calls upon|Authorizes|Encourages|Demands)(?:\*\*|\*|_)?\s/gm)?.length ?? 0;
  const preambular = head.match(/^\s*(?:\*\*|\*|_)?(?:Recalling|Reaffirming|Stressing|Emphasizing|Recognizing|Welcoming|Expressing|Noting|Condemning|Underlining)(?:\*\*|\*|_)?\s/gm)?.length ?? 0;
  return operative + preambular >= 3 || (/\bSecurity Council\b/.test(head) && operative >= 1);
}

function dropOverlaps(edits: Fix['edits']): Fix['edits'] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const out: Fix['edits'] = [];
  for (const e of sorted) if (!out.length || e.start >= out[out.length - 1].end) out.push(e);
  return out;
}

function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The workspace folder that holds a file: the deepest folder the path lies inside, compared with the platform's
 * own path rules (`\\` separators, drive letters and case on Windows), or undefined. `paths` is for tests.
 */
export function workspaceFolderOf(path: string | undefined, folders: readonly string[], paths: Pick<typeof nodePath, 'relative' | 'isAbsolute' | 'sep'> = nodePath): string | undefined {
  if (!path) return undefined;
  let best: string | undefined;
  for (const folder of folders) {
    const rel = paths.relative(folder, path);
    // Outside the folder: "..", "../x", or (another drive on Windows) an absolute path. "..x" is a name inside it.
    if (rel === '..' || rel.startsWith('..' + paths.sep) || paths.isAbsolute(rel)) continue;
    // Nested workspace folders: the innermost one holds the file.
    if (best === undefined || folder.length > best.length) best = folder;
  }
  return best;
}

/** Integers the protocol allows for versions, lines and characters. */
function isUInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A short, bounded description of a value for the log. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

export type CheckedChange = { changes: TextDocumentContentChangeEvent[]; apply: () => TextDocument } | { problem: string };

/**
 * Checks a didChange against the document it edits before anything is applied: the version must be an integer
 * above the current one; each change must be an object with string text and, for an incremental change, a range
 * whose lines and characters are non-negative integers, with lines inside the document as it stands after the
 * earlier changes of the batch (a character past the end of its line means the end of the line, as the
 * protocol says). A batch is applied whole or not at all.
 *
 * TextDocument.update trusts its input: a line that is not a number makes offsetAt return undefined, and
 * `text.substring(0, undefined) + change + text.substring(undefined)` is the whole text twice.
 */
export function checkChange(doc: TextDocument, version: unknown, contentChanges: unknown): CheckedChange {
  if (!isUInteger(version)) return { problem: `version ${describe(version)} is not a non-negative integer` };
  if (version <= doc.version) return { problem: `version ${version} does not come after version ${doc.version}` };
  if (!Array.isArray(contentChanges)) return { problem: `contentChanges is ${describe(contentChanges)}, not an array` };
  const changes: TextDocumentContentChangeEvent[] = [];
  // Later changes of a batch are positioned in the text the earlier ones produced: check them against a copy.
  let scratch = contentChanges.length > 1 ? TextDocument.create(doc.uri, doc.languageId, doc.version, doc.getText()) : doc;
  for (const [i, change] of contentChanges.entries()) {
    const where = contentChanges.length > 1 ? `change ${i + 1}: ` : '';
    if (!change || typeof change !== 'object' || Array.isArray(change)) return { problem: `${where}the change is ${describe(change)}, not an object` };
    const { text, range } = change as { text?: unknown; range?: unknown };
    if (typeof text !== 'string') return { problem: `${where}text is ${describe(text)}, not a string` };
    let checked: TextDocumentContentChangeEvent;
    if (range === undefined) {
      checked = { text };
    } else {
      const { start, end } = (range ?? {}) as { start?: unknown; end?: unknown };
      const positions: Array<[string, unknown]> = [
        ['start', start],
        ['end', end],
      ];
      for (const [name, position] of positions) {
        const { line, character } = (position ?? {}) as { line?: unknown; character?: unknown };
        if (!position || typeof position !== 'object' || !isUInteger(line) || !isUInteger(character)) {
          return { problem: `${where}range ${name} is ${position && typeof position === 'object' ? `{ line: ${describe(line)}, character: ${describe(character)} }` : describe(position)}; lines and characters must be non-negative integers` };
        }
        // One past the last line is accepted as the end of the text, as some clients send it.
        if (line > scratch.lineCount) return { problem: `${where}range ${name} is on line ${line}, but the document has ${scratch.lineCount} lines` };
      }
      const s = start as { line: number; character: number };
      const e = end as { line: number; character: number };
      checked = { range: { start: { line: s.line, character: s.character }, end: { line: e.line, character: e.character } }, text };
    }
    changes.push(checked);
    if (scratch !== doc) scratch = TextDocument.update(scratch, [checked], doc.version);
  }
  const copy = scratch;
  return {
    changes,
    apply: () => (copy !== doc ? TextDocument.update(copy, [], version) : TextDocument.update(doc, changes, version)),
  };
}

/**
 * Watches the bytes of the base protocol (`Content-Length: n\r\n\r\n` and n bytes of body) as they arrive, and
 * says what is wrong as soon as they cannot be a message: a header with a byte that is not printable ASCII, a
 * bare line feed, a line that is not `Name: value`, no or a non-numeric Content-Length, a header longer than
 * 8 KB, a body that does not start like JSON. vscode-jsonrpc's reader reports some of these and then carries
 * on with the stream out of step, so the server would never answer again; others it waits on for ever.
 */
export class FrameGuard {
  static readonly MAX_HEADER = 8192;
  static readonly MAX_CONTENT_LENGTH = 1 << 30;
  private header = '';
  private contentLength: number | undefined;
  private bodyLeft = -1;
  private bodyStarted = false;
  private failed: string | undefined;

  /** Whether part of a message has arrived and the rest has not. */
  get partial(): boolean {
    return this.bodyLeft >= 0 || this.header.length > 0;
  }

  /** What the bytes waited for are, for the log. */
  get waitingFor(): string {
    return this.bodyLeft >= 0 ? `the last ${this.bodyLeft} bytes of a ${this.contentLength}-byte message` : `the end of a header (${JSON.stringify(this.header.slice(0, 60))})`;
  }

  /** Takes the next bytes; returns the first framing error, if any (and the same error for every later call). */
  push(chunk: Uint8Array): string | undefined {
    let i = 0;
    while (i < chunk.length && !this.failed) {
      if (this.bodyLeft >= 0) {
        if (!this.bodyStarted) {
          // Skip whitespace, then JSON-RPC messages are objects (or batches).
          while (i < chunk.length && this.bodyLeft > 0 && (chunk[i] === 0x20 || chunk[i] === 0x09 || chunk[i] === 0x0a || chunk[i] === 0x0d)) {
            i++;
            this.bodyLeft--;
          }
          if (i < chunk.length && this.bodyLeft > 0) {
            if (chunk[i] !== 0x7b && chunk[i] !== 0x5b) return (this.failed = `the body of a ${this.contentLength}-byte message starts with ${byteName(chunk[i])}, not with a JSON object`);
            this.bodyStarted = true;
          }
        }
        const take = Math.min(this.bodyLeft, chunk.length - i);
        i += take;
        this.bodyLeft -= take;
        if (this.bodyLeft === 0) {
          this.bodyLeft = -1;
          this.contentLength = undefined;
        }
        continue;
      }
      const byte = chunk[i++];
      if (byte === 0x0a) {
        if (!this.header.endsWith('\r')) return (this.failed = `a header line ends with a bare line feed: ${JSON.stringify(this.header.slice(-60))}`);
        const line = this.header.slice(this.header.lastIndexOf('\n') + 1, -1);
        if (line === '') {
          if (this.contentLength === undefined) return (this.failed = `a header has no Content-Length: ${JSON.stringify(this.header.slice(0, 200))}`);
          this.header = '';
          this.bodyLeft = this.contentLength;
          this.bodyStarted = false;
          if (this.bodyLeft === 0) return (this.failed = 'a message has Content-Length 0');
          continue;
        }
        const match = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/.exec(line);
        if (!match) return (this.failed = `a header line is not "Name: value": ${JSON.stringify(line.slice(0, 200))}`);
        if (match[1].toLowerCase() === 'content-length') {
          if (!/^\d{1,10}$/.test(match[2]) || Number(match[2]) > FrameGuard.MAX_CONTENT_LENGTH) return (this.failed = `bad Content-Length ${JSON.stringify(match[2].slice(0, 60))}`);
          if (this.contentLength !== undefined && this.contentLength !== Number(match[2])) return (this.failed = 'a header has two different Content-Length values');
          this.contentLength = Number(match[2]);
        }
        this.header += '\n';
        continue;
      }
      if (byte !== 0x0d && byte !== 0x09 && (byte < 0x20 || byte > 0x7e)) {
        return (this.failed = `a message header holds ${byteName(byte)} after ${JSON.stringify(this.header.slice(-60))}`);
      }
      if (this.header.endsWith('\r') && byte !== 0x0a) return (this.failed = `a header line has a carriage return not followed by a line feed: ${JSON.stringify(this.header.slice(-60))}`);
      this.header += String.fromCharCode(byte);
      if (this.header.length > FrameGuard.MAX_HEADER) return (this.failed = `a header is longer than ${FrameGuard.MAX_HEADER} bytes: ${JSON.stringify(this.header.slice(0, 60))}…`);
    }
    return this.failed;
  }
}

function byteName(byte: number): string {
  return byte >= 0x20 && byte <= 0x7e ? JSON.stringify(String.fromCharCode(byte)) : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

let shutdownRequested = false;

/**
 * Ends the process on a stream the server cannot read any more: one line on stderr (and in the log file), and a
 * non-zero exit, so that the client sees the server die and restarts it instead of waiting on it for ever.
 */
function exitOnBrokenStream(reason: string): never {
  const line = `[mandate-lint] fatal: cannot read the protocol stream: ${reason}. Exiting so that the client restarts the server.`;
  try {
    process.stderr.write(line + '\n');
  } catch {
    // nothing left to tell
  }
  const logFile = process.env.MANDATE_LINT_SERVER_LOG;
  if (logFile) {
    try {
      appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
    } catch {
      // the exit matters more
    }
  }
  process.exit(2);
}

/**
 * The stdio transport with its framing checked: a FrameGuard sees every chunk before vscode-jsonrpc's reader does,
 * the reader's own errors (a body that is not JSON, an unknown charset) are fatal too, and a message left half
 * sent with nothing more arriving for `stallMs` (MANDATE_LINT_STALL_MS, 20 s by default) ends the server as well.
 */
class GuardedStdinReader extends StreamMessageReader {
  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly stallMs: number,
  ) {
    super(input);
    this.partialMessageTimeout = 0; // the guard's own stall timer replaces the reader's notice
  }

  override listen(callback: DataCallback): Disposable {
    const guard = new FrameGuard();
    let lastData = Date.now();
    // One stall check at a time: armed while a message is partly read, until it completes or the check fires.
    let armed = false;
    const idle = () => Date.now() - lastData;
    const checkStall = () => {
      if (!guard.partial) {
        armed = false;
        return;
      }
      if (idle() < this.stallMs) {
        setTimeout(checkStall, this.stallMs - idle());
        return;
      }
      // Timers run before pending input is read: after a long lint the rest may be waiting in the pipe. Look once
      // more after the next poll for input (setImmediate runs after it) before giving up.
      setImmediate(() => {
        if (guard.partial && idle() >= this.stallMs) exitOnBrokenStream(`nothing more arrived for ${(idle() / 1000).toFixed(1)} s while waiting for ${guard.waitingFor}`);
        checkStall();
      });
    };
    // Attached before the reader's own listener, so a broken chunk never reaches it.
    this.input.on('data', (chunk: Buffer | string) => {
      lastData = Date.now();
      const problem = guard.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      if (problem) exitOnBrokenStream(problem);
      if (guard.partial && !armed && this.stallMs > 0) {
        armed = true;
        setTimeout(checkStall, this.stallMs);
      }
    });
    this.onError((error) => exitOnBrokenStream((error as Error)?.message ?? String(error)));
    return super.listen(callback);
  }
}

function createStdioConnection(): Connection {
  const stallMs = Number(process.env.MANDATE_LINT_STALL_MS);
  const reader = new GuardedStdinReader(process.stdin, Number.isFinite(stallMs) && stallMs >= 0 ? stallMs : 20000);
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  // What createConnection does for `--stdio` when it gets the streams itself: stdout carries the protocol, so
  // console output goes to the client's log, and the end of stdin ends the server.
  const toClient = (send: (message: string) => void) => (...args: unknown[]) => send(format(...args));
  console.log = toClient((m) => connection.console.log(m));
  console.info = toClient((m) => connection.console.info(m));
  console.warn = toClient((m) => connection.console.warn(m));
  console.error = toClient((m) => connection.console.error(m));
  console.debug = toClient((m) => connection.console.log(m));
  const end = () => process.exit(shutdownRequested ? 0 : 1);
  process.stdin.on('end', end);
  process.stdin.on('close', end);
  return connection;
}

// Started as a program (stdio or node IPC, as the client chooses), not when imported by tests.
if (require.main === module) {
  startServer(process.argv.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all));
}
