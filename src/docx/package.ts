/**
 * The package around a Word document: the zip (zip.ts), its content types and relationships, and the refusals
 * that come before any XML is read: encrypted files, old binary .doc files, macro-enabled documents, packages
 * that are not zips or have no main document.
 */
import { strFromU8 } from 'fflate';
import { attr, DocxError, localName, parseXml } from './xml';
import { DEFAULT_ZIP_LIMITS, listEntries, readEntries, type ZipEntryInfo, type ZipLimits } from './zip';

export type DocxDocType = 'mandate' | 'strategy' | 'peace-agreement';

export interface DocxLimits extends ZipLimits {
  /** Characters of XML parsed in one part. */
  maxXmlChars: number;
}

export const DEFAULT_DOCX_LIMITS: DocxLimits = { ...DEFAULT_ZIP_LIMITS, maxXmlChars: 48 * 1024 * 1024 };

export const RELATIONSHIP_TYPES = {
  officeDocument: /\/officeDocument$/,
  styles: /\/styles$/,
  numbering: /\/numbering$/,
  comments: /\/comments$/,
  hyperlink: /\/hyperlink$/,
};

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRelationships(xml: string | undefined, part: string, maxChars: number): Relationship[] {
  const out: Relationship[] = [];
  if (!xml) return out;
  parseXml(
    xml,
    part,
    {
      open(tag) {
        if (localName(tag.name) !== 'Relationship') return;
        out.push({ id: attr(tag.attributes, 'Id') ?? '', type: attr(tag.attributes, 'Type') ?? '', target: attr(tag.attributes, 'Target') ?? '', external: /^external$/i.test(attr(tag.attributes, 'TargetMode') ?? '') });
      },
    },
    maxChars,
  );
  return out;
}

/** A relationship target as a part name: relative to the folder of the part that holds it, or absolute. */
export function resolveTarget(fromPart: string, target: string): string {
  const base = target.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const segment of target.replace(/^\//, '').split('/')) {
    if (segment === '..') base.pop();
    else if (segment && segment !== '.') base.push(segment);
  }
  return base.join('/');
}

/** The relationships part of a part ("word/document.xml" → "word/_rels/document.xml.rels"). */
export function relationshipsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

const DOC_TYPE = /mandate[-_ ]?lint\s*[:=]\s*(mandate|strategy|peace-agreement)\b/i;

/** Text of the elements of a properties part, by local name (custom properties by their name attribute). */
export function readProperties(xml: string | undefined, part: string, maxChars: number): Map<string, string> {
  const values = new Map<string, string>();
  if (!xml) return values;
  let current: string | undefined;
  let property: string | undefined;
  parseXml(
    xml,
    part,
    {
      open(tag) {
        const name = localName(tag.name);
        if (name === 'property') property = attr(tag.attributes, 'name');
        current = property ? `custom:${property.toLowerCase()}` : name;
      },
      text(value) {
        if (current) values.set(current, (values.get(current) ?? '') + value);
      },
      close(tag) {
        if (localName(tag.name) === 'property') property = undefined;
        current = undefined;
      },
    },
    maxChars,
  );
  return values;
}

export function docTypeFromProperties(core: Map<string, string>, custom: Map<string, string>): DocxDocType | undefined {
  for (const key of ['custom:mandate-lint', 'custom:mandate_lint', 'custom:doctype', 'custom:doc-type']) {
    const value = custom.get(key)?.trim().toLowerCase();
    if (value === 'mandate' || value === 'strategy' || value === 'peace-agreement') return value;
  }
  for (const key of ['keywords', 'category', 'subject', 'description', 'contentStatus']) {
    const match = DOC_TYPE.exec(core.get(key) ?? '');
    if (match) return match[1].toLowerCase() as DocxDocType;
  }
  return undefined;
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** "EncryptionInfo" in UTF-16LE: the stream an encrypted OOXML file keeps in its compound file. */
function mentionsEncryption(bytes: Uint8Array): boolean {
  const needle = 'EncryptionInfo';
  outer: for (let i = 0; i + needle.length * 2 <= bytes.length && i < 4 * 1024 * 1024; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + 2 * k] !== needle.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

/** Why bytes are not a .docx package at all (encrypted, an old .doc, not a zip), or undefined. */
function containerProblem(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b)) {
    return mentionsEncryption(bytes)
      ? 'is encrypted (protected with a password): Mandate Lint cannot read it; save a copy without a password'
      : 'is a Word 97–2003 document (.doc) or another compound file, not a .docx: save it as a Word document (.docx)';
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return 'is not a Word document: a .docx file is a zip package, and this one is not (was it renamed, or cut short?)';
  return undefined;
}

export function decodePart(data: Uint8Array | undefined): string | undefined {
  if (!data) return undefined;
  // UTF-8 (with or without a BOM) is what Word writes; a UTF-16 part is honoured too.
  const little = data[0] === 0xff && data[1] === 0xfe;
  if (little || (data[0] === 0xfe && data[1] === 0xff)) {
    let out = '';
    for (let i = 2; i + 1 < data.length; i += 2) out += String.fromCharCode(little ? data[i] | (data[i + 1] << 8) : (data[i] << 8) | data[i + 1]);
    return out;
  }
  return strFromU8(data);
}

export interface PackageParts {
  entries: ZipEntryInfo[];
  text: Map<string, string>;
  mainPart: string;
  mainRelationships: Relationship[];
}

/** Lists the package, refuses what it must, and reads its XML parts (not its images and other media). */
export function openPackage(bytes: Uint8Array, limits: DocxLimits): PackageParts {
  const problem = containerProblem(bytes);
  if (problem) throw new DocxError(problem);
  const entries = listEntries(bytes, limits);
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) throw new DocxError('is macro-enabled (it carries a VBA project): Mandate Lint does not open documents with macros; save a copy as a Word document (.docx)');
  const xmlParts = new Set(entries.filter((e) => /\.(?:xml|rels)$/i.test(e.name)).map((e) => e.name));
  const read = readEntries(bytes, entries, xmlParts, { limits });
  const text = new Map<string, string>();
  for (const entry of read) if (entry.data && xmlParts.has(entry.name)) text.set(entry.name, decodePart(entry.data)!);
  const contentTypes = text.get('[Content_Types].xml') ?? '';
  if (/macroEnabled/i.test(contentTypes)) throw new DocxError('is macro-enabled (.docm): Mandate Lint does not open documents with macros; save a copy as a Word document (.docx)');
  const root = parseRelationships(text.get('_rels/.rels'), '_rels/.rels', limits.maxXmlChars);
  const office = root.find((r) => RELATIONSHIP_TYPES.officeDocument.test(r.type) && !r.external);
  const mainPart = office ? resolveTarget('', office.target) : 'word/document.xml';
  if (!text.has(mainPart)) throw new DocxError(entries.length ? `is damaged or not a Word document: it has no main document part (${mainPart})` : 'is an empty zip package, not a Word document');
  const mainRelationships = parseRelationships(text.get(relationshipsPartOf(mainPart)), relationshipsPartOf(mainPart), limits.maxXmlChars);
  return { entries, text, mainPart, mainRelationships };
}

