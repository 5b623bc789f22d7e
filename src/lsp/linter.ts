/**
 * Linting open documents: after a pause in typing (debounced), under the configuration generation current when
 * the lint started; results for a version or generation that has moved on are never published. Requests wait
 * for the result of the document's current version (freshState).
 */
import { basename, isAbsolute, join } from 'node:path';
import type { CancellationToken, Connection, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { decideDraft, type DraftDecision } from '../core/drafts';
import type { LintResult } from '../core/lint';
import type { Snippet } from '../core/snippets';
import { lintSourceResult } from '../node/engine';
import { BUILT_IN_LIBRARY, libraryFor } from '../node/libraries';
import { releaseMemory } from '../node/memory';
import { STATUS_NOTIFICATION, type DraftStatus } from '../protocol';
import { configDiagnostics, configFileDiagnostics, isDraftNote, toDiagnostics } from './diagnostics';
import { renewalDiagnostics } from './renewal';
import type { DocumentStore } from './documents';
import { refreshDiagnostics, uriToPath, workspaceFolderOf, type Log, type ServerEnvironment } from './environment';
import { isWordUri, noteWordInsertions, wordSourcePath } from './word-readings';
import { defaultDocType, draftSettings, ruleOverrides, type ServerSettings, type SettingsStore } from './settings';

export interface DocumentState {
  version: number;
  /** The configuration generation the result was computed under (see relintAll). */
  generation: number;
  /** Which opening of the document it was (DocumentStore.opening): a reopened draft may repeat a version. */
  opening: number;
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

export class Linter {
  private readonly states = new Map<string, DocumentState>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly reportedConflicts = new Set<string>();
  /** Configuration files with problems published on them, and what was published. */
  private readonly configPublished = new Map<string, string>();
  private generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly env: ServerEnvironment,
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly log: Log,
  ) {}

  /** The core's draft decision for a document of the editor (or a file of the workspace), with its configuration. */
  decide(uri: string, languageId: string, text: string, settings: ServerSettings, path: string | undefined): DraftDecision {
    const configDocType = path ? this.env.resolver.resolve(path).docType : undefined;
    return decideDraft({ fileName: path ?? uri, languageId, text, settings: draftSettings(settings), configDocType });
  }

  private async lintNow(doc: TextDocument): Promise<DocumentState> {
    const settings = await this.settings.get(doc.uri);
    const text = doc.getText();
    // A Word draft's rendering (src/lsp/word.ts) takes the configuration of the Word file's folder.
    const path = uriToPath(doc.uri) ?? wordSourcePath(doc.uri);
    const decision = this.decide(doc.uri, doc.languageId, text, settings, path);
    const state: DocumentState = { version: doc.version, generation: this.generation, opening: this.documents.opening(doc.uri), handled: decision.handled, reason: decision.reason, diagnostics: [], library: () => BUILT_IN_LIBRARY.snippets };
    if (!decision.handled) return state;
    const resolver = this.env.resolver;
    try {
      let library: Snippet[] | undefined;
      state.library = () => (library ??= this.draftLibrary(doc.uri, path, settings));
      const filePath = path ?? `/untitled/${basename(doc.uri)}${doc.languageId === 'plaintext' ? '.txt' : '.md'}`;
      const result = lintSourceResult(text, filePath, { resolver, ruleOverrides: ruleOverrides(settings), cacheFacts: true, defaultDocType: defaultDocType(settings) });
      if (isWordUri(doc.uri)) noteWordInsertions(doc.uri, text, result);
      state.result = result;
      // Configuration problems go to the files that hold them; the draft keeps only the note on left-out patterns.
      const problems = path ? resolver.problemsFor(path) : [];
      this.publishConfigProblems(problems.filter((p) => !isDraftNote(p)));
      state.diagnostics = [...toDiagnostics(doc, result, this.env.docsDir, this.env.docsCommand), ...configDiagnostics(problems.filter(isDraftNote)), ...renewalDiagnostics(doc, result, path, settings, this.env)];
    } catch (error) {
      this.log(`lint failed for ${doc.uri}: ${(error as Error).stack ?? error}`);
      state.diagnostics = [];
    }
    return state;
  }

  /**
   * Publishes configuration problems in the configuration, lexicon and library files themselves, and clears the
   * files whose problems are gone (they are read again on every change to them).
   */
  private publishConfigProblems(problems: Parameters<typeof configFileDiagnostics>[0]): void {
    const byFile = configFileDiagnostics(problems);
    for (const uri of [...this.configPublished.keys()]) {
      if (byFile.has(uri)) continue;
      this.configPublished.delete(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    for (const [uri, diagnostics] of byFile) {
      const key = JSON.stringify(diagnostics);
      if (this.configPublished.get(uri) === key) continue;
      this.configPublished.set(uri, key);
      void this.connection.sendDiagnostics({ uri, diagnostics });
    }
  }

  /** Built-in, configured, workspace and settings libraries for a draft; a broken library never loses the rest. */
  private draftLibrary(uri: string, path: string | undefined, settings: ServerSettings): Snippet[] {
    const folders = this.env.workspaceFolders;
    // A draft on a virtual file system (a vscode-vfs: workspace) has no folder on this disk to read libraries from.
    if (!path && !uri.startsWith('untitled:') && !folders.length) return BUILT_IN_LIBRARY.snippets;
    const folder = workspaceFolderOf(path, folders) ?? folders[0] ?? process.cwd();
    const extra = settings.snippetLibraries.map((p) => (isAbsolute(p) ? p : join(folder, p)));
    const drafted = libraryFor(this.env.resolver, path ?? join(folder, basename(uri)), extra);
    for (const p of drafted.problems) this.log(`snippet library ${p.file}:${p.line}:${p.column}: ${p.message}`);
    for (const c of drafted.conflicts) {
      const key = `${c.id}|${c.winner}|${c.overridden}`;
      if (this.reportedConflicts.has(key)) continue;
      this.reportedConflicts.add(key);
      this.log(`snippet "${c.id}" from ${c.winner} overrides the one from ${c.overridden}`);
    }
    return drafted.snippets;
  }

  private sendStatus(doc: TextDocument, state: DocumentState): void {
    // Counted from the diagnostics the Problems panel shows (findings, configuration and lint problems, renewals), so
    // that the two always agree.
    const count = (severity: number) => state.diagnostics.filter((d) => (d.severity ?? 1) === severity).length;
    const status: DraftStatus = {
      uri: doc.uri,
      version: state.version,
      handled: state.handled,
      reason: state.reason,
      docType: state.result?.docType,
      docTypeSource: state.result?.docTypeSource,
      errors: count(1),
      warnings: count(2),
      infos: count(3) + count(4),
      empty: state.handled && !doc.getText().trim() ? true : undefined,
      untrusted: this.env.trusted ? undefined : true,
    };
    void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  private async validate(uri: string): Promise<void> {
    this.timers.delete(uri);
    const doc = this.documents.get(uri);
    if (!doc) return;
    const state = await this.lintNow(doc);
    const current = this.documents.get(uri);
    // A newer version or configuration arrived while we linted: its own run will publish; never show stale results.
    if (!current || current.version !== state.version || state.generation !== this.generation) return;
    this.states.set(uri, state);
    if (!this.env.pullDiagnostics) void this.connection.sendDiagnostics({ uri, version: state.version, diagnostics: state.diagnostics });
    this.sendStatus(current, state);
    const pending = this.waiters.get(uri) ?? [];
    this.waiters.delete(uri);
    for (const w of pending) w.resolve(state);
    // The collection a long draft's lints call for runs once the diagnostics are on their way, not before them.
    setTimeout(releaseMemory, 0);
  }

  /** Lints the document after `delay` ms, or after the debounce of its settings. */
  schedule(uri: string, delay?: number): void {
    const existing = this.timers.get(uri);
    if (existing) clearTimeout(existing);
    void this.settings.get(uri).then((settings) => {
      const again = this.timers.get(uri);
      if (again) clearTimeout(again);
      this.timers.set(
        uri,
        setTimeout(() => void this.validate(uri).catch((e) => this.log(`validate failed: ${(e as Error).stack ?? e}`)), delay ?? settings.debounce),
      );
    });
  }

  /** The lint state for the document's current version, waiting for the debounce to settle. */
  freshState(uri: string, token?: CancellationToken): Promise<DocumentState | undefined> {
    const doc = this.documents.get(uri);
    if (!doc) return Promise.resolve(undefined);
    const state = this.states.get(uri);
    if (state && state.version === doc.version && state.generation === this.generation) return Promise.resolve(state);
    if (!this.timers.has(uri)) this.schedule(uri, 0);
    return new Promise((resolve) => {
      const list = this.waiters.get(uri) ?? [];
      const waiter: Waiter = { version: doc.version, resolve };
      list.push(waiter);
      this.waiters.set(uri, list);
      token?.onCancellationRequested(() => {
        // A cancelled request lets go of its waiter at once rather than when the next lint lands.
        const pending = this.waiters.get(uri);
        const at = pending?.indexOf(waiter) ?? -1;
        if (pending && at >= 0) pending.splice(at, 1);
        if (pending && !pending.length) this.waiters.delete(uri);
        resolve(undefined);
      });
    });
  }

  /** Settings or configuration files changed: every result so far is stale, even for unchanged text. */
  relintAll(): void {
    this.generation++;
    this.settings.clear();
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
    refreshDiagnostics(this.connection, this.env);
  }

  /** A (re)opened document starts again: nothing computed for an earlier opening applies to it. */
  opened(uri: string): void {
    this.states.delete(uri);
    this.schedule(uri, 0);
  }

  /** A closed document: its timer, result, settings and waiters go. */
  closed(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    this.states.delete(uri);
    this.settings.forget(uri);
    for (const w of this.waiters.get(uri) ?? []) w.resolve(undefined);
    this.waiters.delete(uri);
  }
}
