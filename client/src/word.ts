/**
 * Word drafts in VS Code. "Mandate Lint: Review a Word draft…" reads a .docx (picked from the workspace, the
 * Explorer's context menu or an open dialog), asks the server for its rendering and opens it read-only as a
 * virtual document (WORD_SCHEME) in the Mandate draft language, so that the server's diagnostics, hovers and the
 * coverage report work on it as on any draft; the coverage report opens beside it. The button in the virtual
 * document's title bar, "Write the Word draft with comments", writes `<name>.reviewed.docx` next to the original
 * with each finding as a Word comment. The server reads the bytes it is sent and writes nothing itself.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  READ_WORD_REQUEST,
  WORD_SCHEME,
  WRITE_WORD_COMMENTS_REQUEST,
  type ReadWordParams,
  type ReadWordResult,
  type WriteWordCommentsParams,
  type WriteWordCommentsResult,
} from '../../src/protocol';

/** The largest Word file sent to the server (as the CLI's default --max-file-size). */
const MAX_WORD_BYTES = 16 * 1024 * 1024;

/** What the commands return, for the extension-host tests. */
export interface WordReview {
  /** The virtual document's URI. */
  uri?: string;
  paragraphs?: number;
  warnings?: string[];
  error?: string;
}

export interface WordComments {
  /** The file written. */
  target?: string;
  comments?: number;
  replaced?: number;
  error?: string;
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const nameOf = (uri: vscode.Uri) => uri.path.split('/').pop() ?? uri.path;

/** The Word file behind a virtual document. */
export function wordSource(uri: vscode.Uri): vscode.Uri {
  return uri.with({ scheme: 'file' });
}

async function readBytes(uri: vscode.Uri): Promise<{ bytes?: Uint8Array; error?: string }> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_WORD_BYTES) return { error: `${nameOf(uri)} is larger than ${MAX_WORD_BYTES / 1024 / 1024} MB: not read` };
    return { bytes: await vscode.workspace.fs.readFile(uri) };
  } catch (error) {
    return { error: `${nameOf(uri)} cannot be read: ${(error as Error).message}` };
  }
}

/** A .docx of the workspace, or one chosen in an open dialog. */
async function pickWordFile(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/*.docx', '**/{node_modules,.git}/**', 200);
  const files = found.filter((u) => !/^~\$/.test(nameOf(u)) && !/\.reviewed\.docx$/i.test(u.path)).sort((a, b) => a.path.localeCompare(b.path));
  const browse: vscode.QuickPickItem & { uri?: vscode.Uri } = { label: '$(folder-opened) Browse…', description: 'choose a .docx file on this computer' };
  const items: Array<vscode.QuickPickItem & { uri?: vscode.Uri }> = [...files.map((uri) => ({ label: nameOf(uri), description: vscode.workspace.asRelativePath(uri), uri })), browse];
  const chosen = files.length ? await vscode.window.showQuickPick(items, { placeHolder: 'Review a Word draft: which .docx?', matchOnDescription: true }) : browse;
  if (!chosen) return undefined;
  if (chosen.uri) return chosen.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Word documents': ['docx'] }, openLabel: 'Review' });
  return picked?.[0];
}

export function registerWordCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, ready: () => Promise<void>): void {
  const texts = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const provider: vscode.TextDocumentContentProvider = { onDidChange: changed.event, provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '' };

  const review = async (arg?: vscode.Uri): Promise<WordReview> => {
    const languageClient = client();
    if (!languageClient) return { error: 'the Mandate Lint server is not running' };
    const source = arg instanceof vscode.Uri ? (arg.scheme === WORD_SCHEME ? wordSource(arg) : arg) : await pickWordFile();
    if (!source) return { error: 'no Word draft chosen' };
    const fail = (error: string): WordReview => {
      void vscode.window.showErrorMessage(`Mandate Lint: ${error}`);
      return { error };
    };
    if (!/\.docx$/i.test(source.path)) return fail(/\.docm$/i.test(source.path) ? `${nameOf(source)}: macro-enabled Word documents (.docm) are not opened; save a copy as a Word document (.docx)` : `${nameOf(source)} is not a Word document (.docx)`);
    const { bytes, error } = await readBytes(source);
    if (!bytes) return fail(error ?? `${nameOf(source)} cannot be read`);
    await ready();
    const uri = source.with({ scheme: WORD_SCHEME });
    const result = await languageClient.sendRequest<ReadWordResult>(READ_WORD_REQUEST, { uri: uri.toString(), bytes: toBase64(bytes) } satisfies ReadWordParams);
    if (result.error || result.text === undefined) return fail(result.error ?? `${nameOf(source)} could not be read`);
    texts.set(uri.toString(), result.text);
    changed.fire(uri);
    let document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'mandate') document = await vscode.languages.setTextDocumentLanguage(document, 'mandate');
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.One });
    for (const warning of result.warnings ?? []) void vscode.window.showWarningMessage(`Mandate Lint: ${nameOf(source)}: ${warning}`);
    await vscode.commands.executeCommand('mandateLint.showCoverageReport', uri);
    return { uri: uri.toString(), paragraphs: result.paragraphs, warnings: result.warnings };
  };

  const writeComments = async (arg?: vscode.Uri): Promise<WordComments> => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const languageClient = client();
    const fail = (error: string): WordComments => {
      void vscode.window.showErrorMessage(`Mandate Lint: ${error}`);
      return { error };
    };
    if (!languageClient || !uri || uri.scheme !== WORD_SCHEME) return fail('open a Word draft with "Mandate Lint: Review a Word draft…" first');
    const source = wordSource(uri);
    const { bytes, error } = await readBytes(source);
    if (!bytes) return fail(error ?? `${nameOf(source)} cannot be read`);
    await ready();
    const result = await languageClient.sendRequest<WriteWordCommentsResult>(WRITE_WORD_COMMENTS_REQUEST, { uri: uri.toString(), bytes: toBase64(bytes) } satisfies WriteWordCommentsParams);
    if (result.error || !result.bytes) return fail(result.error ?? 'no commented copy was made');
    const target = source.with({ path: source.path.replace(/(\.docx)?$/i, '.reviewed.docx') });
    try {
      await vscode.workspace.fs.writeFile(target, Buffer.from(result.bytes, 'base64'));
    } catch (writeError) {
      return fail(`${nameOf(target)} cannot be written: ${(writeError as Error).message}`);
    }
    const replaced = result.replaced ? ` (replacing ${result.replaced} from an earlier review)` : '';
    void vscode.window.showInformationMessage(`Mandate Lint: wrote ${vscode.workspace.asRelativePath(target)} with ${result.comments} comment${result.comments === 1 ? '' : 's'}${replaced}.`, 'Reveal in Explorer').then((choice) => {
      if (choice) void vscode.commands.executeCommand('revealInExplorer', target);
    });
    return { target: target.toString(), comments: result.comments, replaced: result.replaced };
  };

  // The command exists where this client runs (VS Code with Node), not in the web extension: menus ask for this key.
  void vscode.commands.executeCommand('setContext', 'mandateLint.wordDrafts', true);
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(WORD_SCHEME, provider),
    vscode.commands.registerCommand('mandateLint.reviewWordDraft', review),
    vscode.commands.registerCommand('mandateLint.writeWordComments', writeComments),
  );
}
