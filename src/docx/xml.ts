/**
 * XML for the Word reader: saxes (a streaming, non-validating parser that never reads a DTD, never expands an
 * entity beyond the five XML ones and character references, and never touches the network), with a size cap, a
 * refusal of any DOCTYPE (Word never writes one; it is how entity bombs and external entities get in), and the
 * raw offsets of every tag so that the annotator can edit the part as text around the elements it reads.
 */
import { SaxesParser } from 'saxes';

/** A one-line reason why a Word file cannot be read; the CLI prints it after the file name. */
export class DocxError extends Error {}

export interface XmlOpen {
  /** The qualified name as written ("w:p"). */
  name: string;
  attributes: Record<string, string>;
  /** Raw offsets in the part's text: from "<" to just after ">" (or "/>"). */
  start: number;
  end: number;
  selfClosing: boolean;
}

export interface XmlClose {
  name: string;
  /** Raw offsets of the closing tag ("</w:p>"); for a self-closing element, those of the whole element. */
  start: number;
  end: number;
  selfClosing: boolean;
}

export interface XmlHandlers {
  open?(tag: XmlOpen): void;
  close?(tag: XmlClose): void;
  /** Decoded character data (entities resolved), with no offsets: text elements record their content range. */
  text?(text: string): void;
}

/** Parses `xml` (the text of the part named `part`), calling the handlers in document order. Throws DocxError. */
export function parseXml(xml: string, part: string, handlers: XmlHandlers, maxChars: number): void {
  if (xml.length > maxChars) throw new DocxError(`has a part (${part}) too large to read (${Math.round(xml.length / 1024 / 1024)} MB of XML; the limit is ${Math.round(maxChars / 1024 / 1024)} MB)`);
  const parser = new SaxesParser({ xmlns: false, position: true });
  let tagStart = 0;
  let pendingOpen: XmlOpen | undefined;
  parser.on('doctype', () => {
    throw new DocxError(`has a part (${part}) that declares a DTD (<!DOCTYPE>), which Word never writes: refused, since it could hide entity expansion or external entities`);
  });
  parser.on('opentagstart', (tag) => {
    // The parser has just read "<name" and the character after it: the tag starts at the last "<".
    tagStart = xml.lastIndexOf('<', parser.position - tag.name.length - 1);
  });
  parser.on('opentag', (tag) => {
    const open: XmlOpen = { name: tag.name, attributes: tag.attributes as Record<string, string>, start: tagStart, end: parser.position, selfClosing: !!tag.isSelfClosing };
    if (open.selfClosing) pendingOpen = open;
    handlers.open?.(open);
  });
  parser.on('closetag', (tag) => {
    const end = parser.position;
    if (tag.isSelfClosing && pendingOpen) {
      const { start } = pendingOpen;
      pendingOpen = undefined;
      handlers.close?.({ name: tag.name, start, end, selfClosing: true });
      return;
    }
    handlers.close?.({ name: tag.name, start: xml.lastIndexOf('<', end - 1), end, selfClosing: false });
  });
  if (handlers.text) parser.on('text', handlers.text);
  parser.on('error', (error) => {
    throw error;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof DocxError) throw error;
    const message = String((error as Error).message ?? error).replace(/^(?:[^:]*:)?(\d+):(\d+): /, 'line $1, column $2: ');
    throw new DocxError(`has a part (${part}) that is not well-formed XML (${message.replace(/\s+/g, ' ').trim()})`);
  }
}

/** Namespaces of WordprocessingML: transitional (what Word writes) and strict ISO 29500. */
export const W_NAMESPACES = ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'];

/** The prefix a root element binds to WordprocessingML ("w" almost always), or "" for the default namespace. */
export function wordPrefix(attributes: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(attributes)) {
    if (!W_NAMESPACES.includes(value)) continue;
    if (name === 'xmlns') return '';
    if (name.startsWith('xmlns:')) return name.slice(6);
  }
  return undefined;
}

/** The local name of a qualified name ("w:p" → "p"). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by local name (w:val, val, or any prefix), as WordprocessingML writers vary little but some. */
export function attr(attributes: Record<string, string>, local: string): string | undefined {
  for (const [name, value] of Object.entries(attributes)) if (name === local || localName(name) === local) return value;
  return undefined;
}

/** An on/off property (w:b, w:i, w:vanish ...): present means on unless its val says otherwise. */
export function onOff(attributes: Record<string, string>): boolean {
  const value = attr(attributes, 'val');
  return value === undefined || !/^(?:0|false|off|none)$/i.test(value);
}

/** Text for XML content and attribute values; characters XML 1.0 cannot carry are dropped. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * The raw index, in `raw` (the undecoded content of a text element), of the character `count` decoded characters
 * in: entity and character references count as what they decode to, a CR LF pair as one character.
 */
export function rawIndexOf(raw: string, count: number): number {
  let i = 0;
  let seen = 0;
  while (i < raw.length && seen < count) {
    const c = raw.charCodeAt(i);
    if (c === 38 /* & */) {
      const semi = raw.indexOf(';', i);
      const ref = semi > i ? raw.slice(i + 1, semi) : '';
      // A character reference beyond the BMP decodes to two UTF-16 code units.
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : ref.startsWith('#') ? parseInt(ref.slice(1), 10) : 0;
      seen += code > 0xffff ? 2 : 1;
      i = semi > i ? semi + 1 : i + 1;
    } else if (c === 13 && raw.charCodeAt(i + 1) === 10) {
      seen++;
      i += 2;
    } else {
      seen++;
      i++;
    }
  }
  return i;
}
