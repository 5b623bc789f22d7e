/**
 * word/styles.xml, as far as the reading needs it: which paragraph styles are headings (Title, Heading 1–6, an
 * outline level), which carry automatic numbering, and which make text bold or italic (paragraph and character
 * styles, with basedOn inheritance, over the document defaults).
 */
import { attr, localName, onOff, parseXml } from './xml';

interface RawStyle {
  id: string;
  type: string;
  name?: string;
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  outlineLvl?: number;
  bold?: boolean;
  italic?: boolean;
  vanish?: boolean;
}

export interface ParagraphStyle {
  id: string;
  /** Markdown heading level (1 for Title and Heading 1), if the style makes a heading. */
  heading?: number;
  numId?: string;
  ilvl?: number;
  bold?: boolean;
  italic?: boolean;
}

export interface CharacterStyle {
  bold?: boolean;
  italic?: boolean;
  vanish?: boolean;
}

export class Styles {
  private readonly raw = new Map<string, RawStyle>();
  private readonly resolvedParagraphs = new Map<string, ParagraphStyle>();
  defaultBold = false;
  defaultItalic = false;
  /** The paragraph style of paragraphs that name none (w:default="1"). */
  defaultParagraphStyle?: string;

  static parse(xml: string | undefined, maxChars: number): Styles {
    const styles = new Styles();
    if (!xml) return styles;
    let current: RawStyle | undefined;
    let inDefaults = false;
    const path: string[] = [];
    parseXml(
      xml,
      'word/styles.xml',
      {
        open(tag) {
          const name = localName(tag.name);
          const parent = path[path.length - 1];
          if (!tag.selfClosing) path.push(name);
          if (name === 'docDefaults') inDefaults = true;
          else if (name === 'style') {
            const id = attr(tag.attributes, 'styleId') ?? '';
            current = { id, type: attr(tag.attributes, 'type') ?? 'paragraph' };
            if (current.type === 'paragraph' && attr(tag.attributes, 'default') && onOff({ val: attr(tag.attributes, 'default')! })) styles.defaultParagraphStyle = id;
          } else if (current && parent === 'style' && name === 'name') current.name = attr(tag.attributes, 'val');
          else if (current && parent === 'style' && name === 'basedOn') current.basedOn = attr(tag.attributes, 'val');
          else if (current && parent === 'numPr' && name === 'numId') current.numId = attr(tag.attributes, 'val');
          else if (current && parent === 'numPr' && name === 'ilvl') current.ilvl = Number(attr(tag.attributes, 'val'));
          else if (current && parent === 'pPr' && name === 'outlineLvl') current.outlineLvl = Number(attr(tag.attributes, 'val'));
          else if (parent === 'rPr' && (name === 'b' || name === 'i' || name === 'vanish')) {
            const on = onOff(tag.attributes);
            if (current && !inDefaults) {
              if (name === 'b') current.bold = on;
              else if (name === 'i') current.italic = on;
              else current.vanish = on;
            } else if (inDefaults && path.includes('rPrDefault')) {
              if (name === 'b') styles.defaultBold = on;
              else if (name === 'i') styles.defaultItalic = on;
            }
          }
        },
        close(tag) {
          const name = localName(tag.name);
          if (!tag.selfClosing) path.pop();
          if (name === 'docDefaults') inDefaults = false;
          if (name === 'style' && current) {
            if (current.id && !styles.raw.has(current.id)) styles.raw.set(current.id, current);
            current = undefined;
          }
        },
      },
      maxChars,
    );
    return styles;
  }

  /** A style and the styles it is based on, nearest first (cycles and runaway chains cut). */
  private chain(id: string | undefined): RawStyle[] {
    const out: RawStyle[] = [];
    const seen = new Set<string>();
    while (id && !seen.has(id) && out.length < 20) {
      seen.add(id);
      const style = this.raw.get(id);
      if (!style) break;
      out.push(style);
      id = style.basedOn;
    }
    return out;
  }

  paragraph(id: string | undefined): ParagraphStyle | undefined {
    const styleId = id ?? this.defaultParagraphStyle;
    if (!styleId) return undefined;
    const cached = this.resolvedParagraphs.get(styleId);
    if (cached) return cached;
    const chain = this.chain(styleId);
    if (!chain.length) return undefined;
    const first = <K extends keyof RawStyle>(key: K) => chain.find((s) => s[key] !== undefined)?.[key];
    const resolved: ParagraphStyle = { id: styleId, bold: first('bold') as boolean | undefined, italic: first('italic') as boolean | undefined };
    const withNumbering = chain.find((s) => s.numId !== undefined);
    if (withNumbering) {
      resolved.numId = withNumbering.numId;
      resolved.ilvl = withNumbering.ilvl ?? (first('ilvl') as number | undefined);
    }
    resolved.heading = headingLevel(chain);
    this.resolvedParagraphs.set(styleId, resolved);
    return resolved;
  }

  character(id: string | undefined): CharacterStyle | undefined {
    if (!id) return undefined;
    const chain = this.chain(id);
    if (!chain.length) return undefined;
    const first = <K extends keyof RawStyle>(key: K) => chain.find((s) => s[key] !== undefined)?.[key] as boolean | undefined;
    return { bold: first('bold'), italic: first('italic'), vanish: first('vanish') };
  }

  /** The numbering a numbering style (w:type="numbering") links to, for w:numStyleLink. */
  numberingStyleNumId(id: string): string | undefined {
    return this.chain(id).find((s) => s.numId !== undefined)?.numId;
  }
}

function headingLevel(chain: RawStyle[]): number | undefined {
  for (const style of chain) {
    const name = (style.name ?? '').trim().toLowerCase();
    if (name === 'title') return 1;
    const heading = /^heading\s*([1-9])$/.exec(name);
    if (heading) return Math.min(6, Number(heading[1]));
    if (style.outlineLvl !== undefined && style.outlineLvl >= 0 && style.outlineLvl < 9) return Math.min(6, style.outlineLvl + 1);
  }
  return undefined;
}
