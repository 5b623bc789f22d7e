/**
 * The words a paragraph is compared by: its content words (no numbers, no function words, plurals folded), the
 * hashes that identify a paragraph's wording (exactly, and as a 64-bit similarity sketch), and the IDF-weighted
 * vectors the alignment scores pairs with. Pure and linear in the length of the text.
 */
import { tokenize } from '../lexicon/tokenize';

/** Function words and the Council's connective words: they say nothing about what a paragraph is about. */
const STOP = new Set(
  (
    'a an the of and or but nor to in on at by for with from into onto upon as than that this these those such its it their them they ' +
    'his her he she we our us you your be is are was were been being has have had do does did not no so if then thereof therein ' +
    'which who whom whose what when where while within without between among under over after before during through throughout ' +
    'also further furthermore including include includes all any each every other both either more most some same own ' +
    'shall will may should must can could would might'
  ).split(' '),
);

/** Lower-cased content words of a text, in order: numbers, function words and one-letter words left out, plurals folded. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const w = token.norm;
    if (w.length < 2 || STOP.has(w) || /\d/.test(w)) continue;
    out.push(fold(w));
  }
  return out;
}

/** "forces" and "force", "benchmarks" and "benchmark" compare as one word. */
function fold(word: string): string {
  if (word.length > 4 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) {
    return word.endsWith('ies') && word.length > 5 ? word.slice(0, -3) + 'y' : word.slice(0, -1);
  }
  return word;
}

/** 32-bit FNV-1a of a string (seeded), as an unsigned number. */
export function hash32(value: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** An exact key of a paragraph's wording: its content words, whatever its number, markup or spacing. */
export function paragraphKey(words: readonly string[]): string {
  const joined = words.join(' ');
  return hash32(joined).toString(16).padStart(8, '0') + hash32(joined, 0x01000193).toString(16).padStart(8, '0');
}

/**
 * A 64-bit SimHash of the content words, as 16 hex digits: paragraphs that share most of their words have sketches
 * that differ in few bits, so a finding's paragraph can be recognised after an edit from the sketch alone.
 */
export function paragraphSketch(words: readonly string[]): string {
  const counts = new Int32Array(64);
  for (const word of words) {
    const lo = hash32(word);
    const hi = hash32(word, 0x9747b28c);
    for (let bit = 0; bit < 32; bit++) {
      counts[bit] += lo & (1 << bit) ? 1 : -1;
      counts[bit + 32] += hi & (1 << bit) ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (counts[bit] > 0) lo |= 1 << bit;
    if (counts[bit + 32] > 0) hi |= 1 << bit;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** Bits that differ between two sketches (0 to 64); 64 when either is not a sketch. */
export function sketchDistance(a: string, b: string): number {
  if (!/^[0-9a-f]{16}$/.test(a) || !/^[0-9a-f]{16}$/.test(b)) return 64;
  let bits = 0;
  for (const [from, to] of [
    [0, 8],
    [8, 16],
  ]) {
    let x = (parseInt(a.slice(from, to), 16) ^ parseInt(b.slice(from, to), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      bits++;
    }
  }
  return bits;
}

/** A paragraph as a sparse vector over word ids. */
export interface WordVector {
  /** The paragraph's distinct word ids, ascending. */
  ids: Int32Array;
  /** Their weights, (1 + log tf) × idf. */
  values: Float64Array;
  norm: number;
  /** Sum of the idf of its distinct words: how much the paragraph says. */
  mass: number;
}

/** Interns words of both documents and weighs them by how rare they are across all paragraphs of both. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly df: number[] = [];
  private paragraphs = 0;

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.df.length;
      this.ids.set(word, id);
      this.df.push(0);
    }
    return id;
  }

  /** Counts a paragraph's words for document frequencies; returns its term counts. */
  add(words: readonly string[]): Map<number, number> {
    const tf = new Map<number, number>();
    for (const w of words) {
      const id = this.id(w);
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const id of tf.keys()) this.df[id]++;
    this.paragraphs++;
    return tf;
  }

  idf(id: number): number {
    return Math.log(1 + this.paragraphs / Math.max(1, this.df[id]));
  }

  documentFrequency(id: number): number {
    return this.df[id];
  }

  vector(tf: Map<number, number>): WordVector {
    const ids = Int32Array.from(tf.keys()).sort();
    const values = new Float64Array(ids.length);
    let squares = 0;
    let mass = 0;
    for (let k = 0; k < ids.length; k++) {
      const idf = this.idf(ids[k]);
      const weight = (1 + Math.log(tf.get(ids[k])!)) * idf;
      values[k] = weight;
      squares += weight * weight;
      mass += idf;
    }
    return { ids, values, norm: Math.sqrt(squares), mass };
  }
}

/** Cosine similarity of two vectors (0 to 1). */
export function cosine(a: WordVector, b: WordVector): number {
  if (!a.norm || !b.norm) return 0;
  // Both id lists are sorted: one merge walk, no lookups.
  const x = a.ids;
  const y = b.ids;
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) dot += a.values[i++] * b.values[j++];
    else if (x[i] < y[j]) i++;
    else j++;
  }
  return dot / (a.norm * b.norm);
}

/** Share of what `part` says (idf mass of its words) that `whole` also says: 1 when part's words are all in whole. */
export function containment(part: WordVector, whole: WordVector, idf: (id: number) => number): number {
  if (!part.mass) return 0;
  const x = part.ids;
  const y = whole.ids;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      shared += idf(x[i++]);
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  return shared / part.mass;
}
