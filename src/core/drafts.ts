/**
 * Which files are drafts, and why: the one decision every adapter makes before linting. The editor asks it for
 * each open document (and for each file of "Lint all drafts in the workspace"), the CLI for each file its folder
 * and glob search finds; the inputs are the same everywhere: a file name, a language id (or the file name's
 * extension), the text when it has been read, and settings. The reason is what the status bar and the log show.
 *
 * Front matter is read as the core reads it (findFrontMatter, parseFrontMatter and the keys of FRONT_MATTER_KEYS),
 * so a draft whose front matter gives its document type is a draft for the editor exactly when the lint honours
 * that type.
 */
import { DOC_TYPES, type DocType } from './analysis';
import { findFrontMatter, type DocumentFormat } from './model/blocks';
import { parseFrontMatter } from './model/model';

/**
 * Project files that are never drafts, whatever their content says: skipped in folders and globs (the CLI), left
 * alone when opened (the editor), still linted when named on the command line. A name matches when it is one of
 * these, alone or with one extension ("README.md", "license.txt"); "readme.mandate.md" or "security.md" are drafts.
 */
export const README_LIKE_NAMES = ['README', 'CHANGELOG', 'CHANGES', 'LICENSE', 'LICENCE', 'CONTRIBUTING', 'CODE_OF_CONDUCT', 'AUTHORS'];

/** README_LIKE_NAMES as a test on a file name (CODE-OF-CONDUCT with hyphens too). */
export const NOT_DRAFTS = new RegExp(`^(?:${README_LIKE_NAMES.map((n) => n.replace(/_/g, '[_-]')).join('|')})(?:\\.[a-z0-9]+)?$`, 'i');

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkd', '.mdx'];

/**
 * Files in the Mandate draft language whatever the editor calls them: the naming convention "*.mandate.md",
 * "*.strategy.md", "*.agreement.md" (and ".txt"). The last two also give the document type (docTypeOfFileName).
 */
const MANDATE_FILE = /\.(?:mandate|strategy|agreement)\.(?:md|txt)$/i;

/** The document type a file's name gives by convention: "*.strategy.md" a strategy, "*.agreement.md" a peace agreement. */
export function docTypeOfFileName(pathOrName: string): DocType | undefined {
  const kind = /\.(strategy|agreement)\.(?:md|txt)$/i.exec(fileNameOf(pathOrName))?.[1].toLowerCase();
  return kind === 'strategy' ? 'strategy' : kind === 'agreement' ? 'peace-agreement' : undefined;
}

/**
 * The type a "*.mandate.md" (or ".txt") draft takes while its text shows no sign of being a mandate or an
 * agreement: an empty file, or the first lines of one, is a mandate being written, not a strategy.
 */
export function undecidedDocTypeOfFileName(pathOrName: string): DocType | undefined {
  return /\.mandate\.(?:md|txt)$/i.test(fileNameOf(pathOrName)) ? 'mandate' : undefined;
}

/** Front matter keys that give the document type, in the order the lint reads them. */
export const FRONT_MATTER_KEYS = ['mandate-lint', 'mandate_lint', 'doc-type', 'docType'];
/** The keys that are Mandate Lint's own: their presence makes a file a draft even with a value the lint ignores. */
const OWN_KEYS = ['mandate-lint', 'mandate_lint'];

/** The last segment of a path or URI ("weak.mandate.md"), with either separator. */
export function fileNameOf(pathOrUri: string): string {
  return pathOrUri.slice(Math.max(pathOrUri.lastIndexOf('/'), pathOrUri.lastIndexOf('\\')) + 1);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** How a file's text is parsed, by its extension: Markdown unless it is plain text (.txt, .text). */
export function documentFormatOf(pathOrName: string): DocumentFormat {
  const ext = extensionOf(fileNameOf(pathOrName));
  if (MARKDOWN_EXTENSIONS.includes(ext)) return 'markdown';
  if (ext === '.txt' || ext === '.text') return 'plaintext';
  return 'markdown';
}

/** The editor language a file opens in: the Mandate draft language for *.mandate.md, *.strategy.md, *.agreement.md (and .txt). */
export function languageOfFile(pathOrName: string): 'mandate' | DocumentFormat {
  return MANDATE_FILE.test(fileNameOf(pathOrName)) ? 'mandate' : documentFormatOf(pathOrName);
}

/** What a front-matter key gives as the document type: its value, or its nested `docType` (`doc-type`). */
function docTypeValue(data: Record<string, unknown>, key: string): unknown {
  const value = data[key];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const nested = value as Record<string, unknown>;
  return nested.docType ?? nested['doc-type'];
}

/** The document type front matter data gives (`mandate-lint: strategy`, `docType: mandate`, ...), if any. */
export function declaredDocType(data: Record<string, unknown>): DocType | undefined {
  for (const key of FRONT_MATTER_KEYS) {
    const value = docTypeValue(data, key);
    if (typeof value === 'string' && (DOC_TYPES as string[]).includes(value)) return value as DocType;
  }
  return undefined;
}

/**
 * What is wrong with a document type Mandate Lint's own front-matter key gives but the lint cannot read
 * ("mandate-lint: stratgy"), or undefined: said, so that a typo does not silently hand the type to detection.
 * ("doc-type" and "docType" may be another tool's, with values of its own: those are left alone.)
 */
export function unreadDocType(data: Record<string, unknown>): string | undefined {
  if (declaredDocType(data) !== undefined) return undefined;
  for (const key of OWN_KEYS) {
    if (!(key in data)) continue;
    const own = data[key];
    // A mapping under the key that gives no type at all is about something else.
    if (own && typeof own === 'object' && !Array.isArray(own) && !('docType' in own) && !('doc-type' in own)) continue;
    const value = docTypeValue(data, key);
    const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value) : Array.isArray(value) ? 'a list' : value === null ? 'empty' : value && typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
    return `"${key}" in the front matter is ${shown}, not a document type (${DOC_TYPES.join(', ')}): the type was taken from elsewhere`;
  }
  return undefined;
}

/**
 * Whether the text's front matter declares it a draft: it gives a document type the lint reads, or it has a
 * `mandate-lint` key at all (with a value the lint ignores, or in front matter that is not valid YAML: the lint
 * then says why on the first line, which is more use than silence).
 */
export function declaresDraft(text: string): boolean {
  const block = findFrontMatter(text);
  if (!block) return false;
  const body = text.slice(block.bodyStart, block.bodyEnd);
  // Every key that counts is spelled out in the body: most front matter is never parsed here.
  if (!/mandate[-_]lint|doc-?type/i.test(body)) return false;
  const { data, error } = parseFrontMatter(text, block.start, block.end, block.bodyStart, block.bodyEnd);
  if (error) return /^[ \t]*["']?mandate[-_]lint["']?[ \t]*:/m.test(body);
  return declaredDocType(data) !== undefined || OWN_KEYS.some((key) => key in data);
}

/** A Markdown or plain-text file that reads like a Council resolution or statement. */
export function looksLikeResolution(text: string): boolean {
  const head = text.slice(0, 20000);
  if (/^\s*(?:\*\*|\*|_)?The Security Council(?:\*\*|\*|_)?\s*,\s*$/m.test(head)) return true;
  const operative = head.match(/^\s*(?:\d{1,3}[.)]\s*)?(?:\*\*|\*|_)?(?:Decides|Requests|Urges|Calls upon|Authorizes|Encourages|Demands)(?:\*\*|\*|_)?\s/gm)?.length ?? 0;
  const preambular = head.match(/^\s*(?:\*\*|\*|_)?(?:Recalling|Reaffirming|Stressing|Emphasizing|Recognizing|Welcoming|Expressing|Noting|Condemning|Underlining)(?:\*\*|\*|_)?\s/gm)?.length ?? 0;
  return operative + preambular >= 3 || (/\bSecurity Council\b/.test(head) && operative >= 1);
}

/**
 * Which Markdown and plain-text files that neither declare themselves (front matter, the Mandate draft language)
 * nor get a type from `.mandatelintrc.json` are drafts:
 * - `detect`: those that read like a Council text (the editor, `mandateLint.detect` on);
 * - `declared`: none (the editor, `mandateLint.detect` off);
 * - `found`: all but README-like files (the CLI's folder and glob search; files named on the command line are
 *   linted without asking).
 */
export type DraftScope = 'detect' | 'declared' | 'found';

export interface DraftSettings {
  /** `mandateLint.enable`: false leaves every file alone. */
  enable: boolean;
  scope: DraftScope;
  /** Texts longer than this (in characters) are not linted. */
  maxFileSize: number;
}

export interface DraftQuestion {
  /** A path or URI; its last segment is the file name. */
  fileName: string;
  /** The editor's language id ("mandate", "markdown", "plaintext", ...); from the file name when absent. */
  languageId?: string;
  /** The text, when it has been read (a folder search decides on names alone). */
  text?: string;
  settings: DraftSettings;
  /** The document type configuration gives the file (`.mandatelintrc.json`), if any. */
  configDocType?: DocType | 'auto';
}

/** What decided: stable names for code, next to the reason shown to people. */
export type DraftBasis = 'disabled' | 'too-large' | 'mandate-language' | 'other-language' | 'front-matter' | 'readme-like' | 'config' | 'found' | 'detected' | 'unrecognised';

export interface DraftDecision {
  handled: boolean;
  basis: DraftBasis;
  /** For the status bar and the log: "front matter", "not a draft", "larger than 4 MB" ... */
  reason: string;
}

const yes = (basis: DraftBasis, reason: string): DraftDecision => ({ handled: true, basis, reason });
const no = (basis: DraftBasis, reason: string): DraftDecision => ({ handled: false, basis, reason });

/** Whether a file is a draft to lint, and why. The steps run in order; the first that applies decides. */
export function decideDraft(question: DraftQuestion): DraftDecision {
  const { settings, text } = question;
  const name = fileNameOf(question.fileName);
  if (!settings.enable) return no('disabled', 'disabled in settings');
  if (text !== undefined && text.length > settings.maxFileSize) return no('too-large', `larger than ${Math.round(settings.maxFileSize / 1024 / 1024)} MB`);
  const language = question.languageId ?? languageOfFile(name);
  if (language === 'mandate' || MANDATE_FILE.test(name)) return yes('mandate-language', 'mandate file');
  if (language !== 'markdown' && language !== 'plaintext') return no('other-language', `language ${language}`);
  if (text !== undefined && declaresDraft(text)) return yes('front-matter', 'front matter');
  if (NOT_DRAFTS.test(name)) return no('readme-like', 'not a draft');
  if (question.configDocType && question.configDocType !== 'auto') return yes('config', '.mandatelintrc.json');
  if (settings.scope === 'found') return yes('found', 'found in a folder or by a glob');
  if (settings.scope === 'detect' && text !== undefined && looksLikeResolution(text)) return yes('detected', 'detected resolution draft');
  return no('unrecognised', 'not recognised as a draft');
}
