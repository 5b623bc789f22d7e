/**
 * Word drafts (.docx) for Mandate Lint: bytes in, Markdown text out (readDocx), and findings back in as Word
 * comments (annotateDocx). Pure: no Node, VS Code or DOM APIs, so that the CLI, the editor client and a browser
 * build can all use it. The zip container is fflate's, the XML saxes'; see docs/word.md.
 *
 * - zip.ts: the package, listed and inflated within limits; written back with untouched entries copied as stored
 * - xml.ts: saxes with a size cap, no DTD, raw offsets of every tag
 * - package.ts: content types, relationships, properties, and the refusals (encrypted, .doc, macros, damaged)
 * - styles.ts, numbering.ts: headings, bold and italic from styles; automatic numbering as displayed
 * - document.ts: document.xml's paragraphs and text pieces, tracked changes applied one way or the other
 * - render.ts: the Markdown rendering and its map back to pieces
 * - read.ts: readDocx; annotate.ts: annotateDocx
 */
export { DocxError } from './xml';
export { readDocx, wordParagraphAt, insertionNote, type DocxReading, type DocxReadOptions, type DocxDocType } from './read';
export { annotateDocx, type AnnotateOptions, type AnnotateResult, type DocxComment } from './annotate';
export { DEFAULT_DOCX_LIMITS, type DocxLimits } from './package';
export { changesIn, paragraphAt, type Rendering, type RenderedParagraph, type Segment } from './render';
export type { ChangesMode, TrackedChange } from './document';
