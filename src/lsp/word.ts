/**
 * Word drafts in the editor. The client sends a .docx's bytes (READ_WORD_REQUEST) and shows the rendering as a
 * read-only virtual document (WORD_SCHEME, the Word file's path) in the Mandate draft language; the linter lints
 * it like any draft, with the configuration of the Word file's folder, and findings in tracked insertions say who
 * inserted the text. The virtual document's button asks for the commented copy (WRITE_WORD_COMMENTS_REQUEST), as
 * `mandate-lint draft.docx --annotate` writes it; the client writes it next to the original. The server reads and
 * writes no Word file itself; the reading is src/docx (pure) through src/node/word.ts, as for the CLI.
 */
import { basename } from 'node:path';
import { annotateDocx, type DocxReading } from '../docx';
import { DEFAULT_MAX_FILE_BYTES } from '../node/files';
import { commentParagraphs, readWordBytes } from '../node/word';
import { READ_WORD_REQUEST, WRITE_WORD_COMMENTS_REQUEST, type ReadWordParams, type ReadWordResult, type WriteWordCommentsParams, type WriteWordCommentsResult } from '../protocol';
import { guarded, type ServerContext } from './context';
import { isWordUri, keepReading, wordSourcePath } from './word-readings';

function fromBase64(text: unknown): Uint8Array | undefined {
  if (typeof text !== 'string' || text.length > Math.ceil((DEFAULT_MAX_FILE_BYTES * 4) / 3) + 4) return undefined;
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function read(uri: string, data: unknown): { ok: true; reading: DocxReading; bytes: Uint8Array } | { ok: false; error: string } {
  const path = wordSourcePath(uri);
  const name = path ? basename(path) : 'The Word draft';
  const bytes = fromBase64(data);
  if (!path) return { ok: false, error: `Not a Word draft's document: ${uri}` };
  if (!bytes) return { ok: false, error: `${name}: larger than ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024} MB, or not sent whole` };
  const outcome = readWordBytes(bytes, path);
  if (!outcome.ok) return { ok: false, error: `${name}: ${outcome.error}` };
  return { ok: true, reading: outcome.reading, bytes };
}

export function registerWordDrafts(ctx: ServerContext): void {
  ctx.connection.onRequest(READ_WORD_REQUEST, (params: ReadWordParams) =>
    guarded<ReadWordResult>(ctx, 'reading a Word draft', { error: 'The Word draft could not be read (see the Mandate Lint output).' }, async () => {
      const outcome = read(String(params?.uri ?? ''), params?.bytes);
      if (!outcome.ok) return { error: outcome.error };
      keepReading(params.uri, outcome.reading, (uri) => !!ctx.documents.get(uri) || ctx.documents.isLost(uri));
      return { text: outcome.reading.text, warnings: outcome.reading.warnings, paragraphs: outcome.reading.wordParagraphs };
    }),
  );

  ctx.connection.onRequest(WRITE_WORD_COMMENTS_REQUEST, (params: WriteWordCommentsParams, token) =>
    guarded<WriteWordCommentsResult>(ctx, 'writing a Word draft with comments', { error: 'The commented copy could not be written (see the Mandate Lint output).' }, async () => {
      const doc = ctx.documents.get(String(params?.uri ?? ''));
      if (!doc || !isWordUri(doc.uri)) return { error: 'Open a Word draft with "Mandate Lint: Review a Word draft…" first.' };
      const state = await ctx.linter.freshState(doc.uri, token);
      if (!state?.result) return { error: `Mandate Lint does not check this document (${state?.reason ?? 'not a draft'}).` };
      // The file as it is now: it must still read as the document shown, or the comments would land on other words.
      const outcome = read(doc.uri, params.bytes);
      if (!outcome.ok) return { error: outcome.error };
      if (outcome.reading.text !== doc.getText()) return { error: `${basename(wordSourcePath(doc.uri) ?? '')} has changed since it was opened: review it again before writing comments.` };
      const comments = state.result.findings.map((f) => ({ start: f.start, end: f.end, paragraphs: commentParagraphs(f) }));
      const annotated = annotateDocx(outcome.bytes, outcome.reading, comments);
      return { bytes: toBase64(annotated.bytes), comments: annotated.comments, replaced: annotated.replaced };
    }),
  );
}
