/**
 * Reading a .docx: the package opened (package.ts), styles, numbering and the main document read, and the
 * Markdown rendering the core lints (render.ts), with the map back to document.xml.
 */
import { readDocumentPart, type ChangesMode, type DocumentPart, type TrackedChange } from './document';
import { NumberingCounter, NumberingDefinitions } from './numbering';
import { DEFAULT_DOCX_LIMITS, docTypeFromProperties, openPackage, readProperties, RELATIONSHIP_TYPES, relationshipsPartOf, resolveTarget, type DocxDocType, type DocxLimits } from './package';
import { changesIn, paragraphAt, render, type Rendering } from './render';
import { Styles } from './styles';

export type { DocxDocType } from './package';

export interface DocxReadOptions {
  /** Which text tracked changes leave: `accepted` (default) or `original`. */
  changes?: ChangesMode;
  limits?: Partial<DocxLimits>;
}

export interface DocxReading extends Rendering {
  changes: ChangesMode;
  /** The document type the document's properties give (a `mandate-lint: strategy` keyword or custom property). */
  docType?: DocxDocType;
  /** The title in the document's properties, if any. */
  title?: string;
  /** One line each: things the reading left out on purpose (external links, ...). */
  warnings: string[];
  /** The main document part, as read: its name in the package, its XML and what was found in it. */
  part: { name: string; relationships: string } & DocumentPart;
  /** Word paragraphs in the document (body and tables), tracked-change mode aside. */
  wordParagraphs: number;
  /** Pieces of text of tracked changes the mode left out. */
  hiddenChanges: number;
}

/** Reads a .docx: its Markdown rendering and the map back to document.xml. Throws DocxError with a one-line reason. */
export function readDocx(bytes: Uint8Array, options: DocxReadOptions = {}): DocxReading {
  const limits: DocxLimits = { ...DEFAULT_DOCX_LIMITS, ...(options.limits ?? {}) };
  const changes: ChangesMode = options.changes ?? 'accepted';
  const pkg = openPackage(bytes, limits);
  const partOf = (type: RegExp): string | undefined => {
    const rel = pkg.mainRelationships.find((r) => type.test(r.type) && !r.external);
    return rel ? resolveTarget(pkg.mainPart, rel.target) : undefined;
  };
  const warnings: string[] = [];
  const external = pkg.mainRelationships.filter((r) => r.external && !RELATIONSHIP_TYPES.hyperlink.test(r.type));
  if (external.length) {
    const kinds = [...new Set(external.map((r) => r.type.slice(r.type.lastIndexOf('/') + 1)))].join(', ');
    warnings.push(`The document links to ${external.length} outside resource${external.length === 1 ? '' : 's'} (${kinds}); Mandate Lint never follows them and read only the text in the file.`);
  }
  const styles = Styles.parse(pkg.text.get(partOf(RELATIONSHIP_TYPES.styles) ?? 'word/styles.xml'), limits.maxXmlChars);
  const numbering = NumberingDefinitions.parse(pkg.text.get(partOf(RELATIONSHIP_TYPES.numbering) ?? 'word/numbering.xml'), limits.maxXmlChars);
  const part = readDocumentPart(pkg.text.get(pkg.mainPart)!, pkg.mainPart, styles, changes, limits.maxXmlChars);
  const core = readProperties(pkg.text.get('docProps/core.xml'), 'docProps/core.xml', limits.maxXmlChars);
  const custom = readProperties(pkg.text.get('docProps/custom.xml'), 'docProps/custom.xml', limits.maxXmlChars);
  const docType = docTypeFromProperties(core, custom);
  const title = core.get('title')?.trim() || undefined;
  // Word has no front matter: a document type from the properties is written as front matter, which the core reads.
  const prelude = docType ? `---\nmandate-lint: ${docType}\n---\n\n` : '';
  const rendering = render(part.paragraphs, styles, new NumberingCounter(numbering, styles), changes, prelude);
  return {
    ...rendering,
    changes,
    docType,
    title,
    warnings,
    part: { name: pkg.mainPart, relationships: relationshipsPartOf(pkg.mainPart), ...part },
    wordParagraphs: part.paragraphs.length,
    hiddenChanges: part.hiddenChanges,
  };
}

/** The Word paragraph (1-based, as counted in the document) an offset of the rendering falls in. */
export function wordParagraphAt(reading: DocxReading, offset: number): number | undefined {
  const paragraph = paragraphAt(reading, offset);
  return paragraph ? paragraph.word[0] + 1 : undefined;
}

/** "in text inserted by Jane Doe" for a range inside tracked insertions, else undefined. */
export function insertionNote(reading: DocxReading, start: number, end: number): string | undefined {
  const found: TrackedChange[] = changesIn(reading, start, end);
  if (!found.length) return undefined;
  const authors = found.map((c) => c.author?.trim() || 'an unnamed author');
  return `in text inserted by ${authors.length > 1 ? `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}` : authors[0]}`;
}
