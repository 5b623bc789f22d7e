/**
 * Word's automatic numbering (word/numbering.xml), turned into the text a reader sees ("5.", "(b)", "(iii)").
 *
 * - Definitions: abstract numberings (w:abstractNum) hold up to nine levels (start, format, level text such as
 *   "(%2)", restart rule, legal numbering, a linked paragraph style); numbering instances (w:num) point to one and
 *   may override a level's start (w:startOverride) or the whole level. A numbering style (w:numStyleLink) is
 *   followed to the numbering it stands for.
 * - Counting: paragraphs of instances of the same abstract numbering share one list and number on from each other
 *   (a "continued list"); an instance that overrides a start restarts the list where it is first used (how Word
 *   and LibreOffice write "restart numbering"). Using a level restarts the levels below it, unless w:lvlRestart
 *   says otherwise (0: never).
 * - Formats: decimal, decimalZero, lower/upper letter (a … z, aa …), lower/upper roman, ordinal, bullet (written
 *   "-") and none; other formats are written as decimals.
 */
import { attr, localName, onOff, parseXml } from './xml';
import type { Styles } from './styles';

export interface Level {
  start: number;
  format: string;
  text: string;
  /** w:lvlRestart: 0 never restarts; n restarts when level n (1-based) or above is used; undefined: any level above. */
  restart?: number;
  legal: boolean;
  /** The paragraph style linked to this level (w:pStyle). */
  style?: string;
}

interface Abstract {
  levels: Map<number, Level>;
  numStyleLink?: string;
}

interface Instance {
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, Level>;
}

export class NumberingDefinitions {
  readonly abstracts = new Map<string, Abstract>();
  readonly instances = new Map<string, Instance>();

  static parse(xml: string | undefined, maxChars: number): NumberingDefinitions {
    const defs = new NumberingDefinitions();
    if (!xml) return defs;
    let abstract: Abstract | undefined;
    let instance: Instance | undefined;
    let overrideLevel: number | undefined;
    let level: Level | undefined;
    let levelIndex = 0;
    parseXml(
      xml,
      'word/numbering.xml',
      {
        open(tag) {
          const name = localName(tag.name);
          const val = attr(tag.attributes, 'val');
          switch (name) {
            case 'abstractNum': {
              abstract = { levels: new Map() };
              const id = attr(tag.attributes, 'abstractNumId') ?? '';
              if (!defs.abstracts.has(id)) defs.abstracts.set(id, abstract);
              break;
            }
            case 'num':
              if (!abstract) {
                instance = { abstractId: '', startOverrides: new Map(), levelOverrides: new Map() };
                const id = attr(tag.attributes, 'numId') ?? '';
                if (!defs.instances.has(id)) defs.instances.set(id, instance);
              }
              break;
            case 'abstractNumId':
              if (instance && !abstract) instance.abstractId = val ?? '';
              break;
            case 'numStyleLink':
              if (abstract) abstract.numStyleLink = val;
              break;
            case 'lvlOverride':
              overrideLevel = Number(attr(tag.attributes, 'ilvl') ?? 0);
              break;
            case 'startOverride':
              if (instance && overrideLevel !== undefined) instance.startOverrides.set(overrideLevel, Number(val ?? 0) || 0);
              break;
            case 'lvl':
              levelIndex = Number(attr(tag.attributes, 'ilvl') ?? 0);
              level = { start: 0, format: 'decimal', text: '', legal: false };
              break;
            case 'start':
              if (level) level.start = Number(val ?? 0) || 0;
              break;
            case 'numFmt':
              if (level) level.format = val ?? 'decimal';
              break;
            case 'lvlText':
              if (level) level.text = val ?? '';
              break;
            case 'lvlRestart':
              if (level) level.restart = Number(val ?? 0);
              break;
            case 'isLgl':
              if (level) level.legal = onOff(tag.attributes);
              break;
            case 'pStyle':
              if (level) level.style = val;
              break;
          }
        },
        close(tag) {
          const name = localName(tag.name);
          if (name === 'lvl' && level) {
            if (abstract && !abstract.levels.has(levelIndex)) abstract.levels.set(levelIndex, level);
            else if (!abstract && instance && overrideLevel !== undefined) instance.levelOverrides.set(overrideLevel, level);
            level = undefined;
          } else if (name === 'abstractNum') abstract = undefined;
          else if (name === 'num') instance = undefined;
          else if (name === 'lvlOverride') overrideLevel = undefined;
        },
      },
      maxChars,
    );
    return defs;
  }
}

const ROMAN: Array<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  let out = '';
  for (const [value, digits] of ROMAN) {
    while (n >= value) {
      out += digits;
      n -= value;
    }
  }
  return out;
}

/** Word's letters: a … z, then aa … zz, aaa … (the letter repeated), as Word and LibreOffice number them. */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'ordinal':
      return ordinal(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** The numbering of one paragraph: its text ("5.", "(b)") and the level it sits at. */
export interface ParagraphNumber {
  text: string;
  level: number;
  bullet: boolean;
}

/** Counts the numbered paragraphs of a document in order, as Word displays them. */
export class NumberingCounter {
  /** Counters per abstract numbering (a list), by level; undefined until the level is used or after a restart. */
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly started = new Set<string>();

  constructor(
    private readonly defs: NumberingDefinitions,
    private readonly styles: Styles,
  ) {}

  /** The abstract numbering an instance uses, through numbering styles (w:numStyleLink) if need be. */
  private resolve(numId: string): { abstractId: string; abstract: Abstract; instance: Instance } | undefined {
    let instance = this.defs.instances.get(numId);
    for (let hops = 0; instance && hops < 5; hops++) {
      const abstract = this.defs.abstracts.get(instance.abstractId);
      if (!abstract) return undefined;
      if (!abstract.numStyleLink) return { abstractId: instance.abstractId, abstract, instance };
      const linked = this.styles.numberingStyleNumId(abstract.numStyleLink);
      const next = linked !== undefined ? this.defs.instances.get(linked) : undefined;
      if (!next || next === instance) return { abstractId: instance.abstractId, abstract, instance };
      // The instance's own overrides still apply; the levels come from the linked numbering.
      instance = { abstractId: next.abstractId, startOverrides: instance.startOverrides.size ? instance.startOverrides : next.startOverrides, levelOverrides: instance.levelOverrides.size ? instance.levelOverrides : next.levelOverrides };
    }
    return undefined;
  }

  /** The level a paragraph style is linked to in a numbering (w:pStyle in a w:lvl), if any. */
  levelForStyle(numId: string, styleId: string | undefined): number | undefined {
    if (!styleId) return undefined;
    const resolved = this.resolve(numId);
    if (!resolved) return undefined;
    for (const [index, level] of resolved.abstract.levels) if (level.style === styleId) return index;
    return undefined;
  }

  /** Counts a paragraph numbered with `numId` at `ilvl` and returns its number, or undefined for none. */
  next(numId: string, ilvl: number): ParagraphNumber | undefined {
    if (numId === '0') return undefined;
    const resolved = this.resolve(numId);
    if (!resolved) return undefined;
    const { abstractId, abstract, instance } = resolved;
    const levelOf = (index: number): Level | undefined => instance.levelOverrides.get(index) ?? abstract.levels.get(index);
    const startOf = (index: number): number => instance.startOverrides.get(index) ?? levelOf(index)?.start ?? 1;
    const level = Math.max(0, Math.min(8, Number.isFinite(ilvl) ? ilvl : 0));
    const definition = levelOf(level);
    if (!definition) return undefined;
    let counters = this.counters.get(abstractId);
    if (!counters) this.counters.set(abstractId, (counters = new Array(9).fill(undefined)));
    if (!this.started.has(numId)) {
      this.started.add(numId);
      // An instance that sets its own start restarts the list where it is first used.
      for (const index of instance.startOverrides.keys()) if (index >= 0 && index < 9) counters[index] = undefined;
      for (const index of instance.levelOverrides.keys()) if (index >= 0 && index < 9) counters[index] = undefined;
    }
    counters[level] = counters[level] === undefined ? startOf(level) : counters[level]! + 1;
    for (let deeper = level + 1; deeper < 9; deeper++) {
      const restart = levelOf(deeper)?.restart;
      if (restart === 0) continue;
      if (restart === undefined || level <= restart - 1) counters[deeper] = undefined;
    }
    if (definition.format === 'bullet') return { text: '-', level, bullet: true };
    const text = definition.text.replace(/%([1-9])/g, (_, digit: string) => {
      const index = Number(digit) - 1;
      const value = counters![index] ?? startOf(index);
      return formatNumber(value, definition.legal ? 'decimal' : levelOf(index)?.format ?? 'decimal');
    });
    return { text: text.trim(), level, bullet: false };
  }
}
