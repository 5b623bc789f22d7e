/**
 * A same-length copy of the text with inline markup blanked out, so that word matching sees "Decides" in
 * "*Decides*" while every offset still points into the original text.
 */
const WORD = /[\p{L}\p{N}]/u;

const MARKUP_CHARS = /[<[\\*_`>#]/;

/** What JavaScript's multiline ^ counts as the end of a line. */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** The whole text with its inline markup blanked. */
export function maskMarkup(text: string): string {
  return maskedText(text).toString();
}

/** The same, read a piece at a time where it is needed: see MaskedText. */
export function maskedText(text: string): MaskedText {
  return new MaskedText(text, markupStretches(text));
}

/**
 * The [start, end) pairs of markup to blank, in any order, possibly overlapping. Every decision reads the original
 * text, so the stretches are collected first and blanked only where a piece is read.
 */
function markupStretches(text: string): number[] {
  if (!MARKUP_CHARS.test(text)) return [];
  const blanks: number[] = [];
  let match: RegExpExecArray | null;

  const comment = /<!--[\s\S]*?(?:-->|$)/g;
  while ((match = comment.exec(text))) blanks.push(match.index, match.index + match[0].length);

  // Label and target are bounded and cannot contain "[" or "(", so every attempt is short.
  const link = /!?\[([^\][\n]{0,200})\]\(([^()\n]{0,300})\)/g;
  while ((match = link.exec(text))) {
    const openEnd = match.index + (match[0].startsWith('!') ? 2 : 1);
    blanks.push(match.index, openEnd, openEnd + match[1].length, match.index + match[0].length);
  }

  const escape = /\\(?=[!-/:-@[-`{-~])/g;
  while ((match = escape.exec(text))) blanks.push(match.index, match.index + 1);

  const emphasis = /[*_`]+/g;
  while ((match = emphasis.exec(text))) {
    const before = match.index > 0 ? text[match.index - 1] : ' ';
    const after = match.index + match[0].length < text.length ? text[match.index + match[0].length] : ' ';
    // snake_case and 2*3 stay; markers at a word edge are markup.
    if (WORD.test(before) && WORD.test(after)) continue;
    blanks.push(match.index, match.index + match[0].length);
  }

  // Tried at each line start only (a multiline ^ is tried at every position of the text), and only where the
  // line's first character after at most three blanks is ">" or "#".
  const lineStartMarkup = /(?:[ \t]{0,3}>)+|[ \t]{0,3}#{1,6}(?=[ \t])/y;
  const n = text.length;
  for (let start = 0; start < n; ) {
    let first = start;
    while (first < start + 3 && isBlank(text.charCodeAt(first))) first++;
    const c = text.charCodeAt(first);
    if (c === 62 || c === 35) {
      lineStartMarkup.lastIndex = start;
      if ((match = lineStartMarkup.exec(text))) blanks.push(start, start + match[0].length);
    }
    let end = first;
    while (end < n && !isLineBreak(text.charCodeAt(end))) end++;
    if (end >= n) break;
    start = end + 1;
  }
  return blanks;
}

/**
 * A draft with its inline markup blanked, read a piece at a time. A whole masked copy of a long draft is a large
 * allocation of its own on every keystroke (on some machines as slow as the rest of the keystroke's model), while
 * the lint reads it paragraph by paragraph: a piece with no markup in it is a slice of the draft itself, and only
 * the pieces with markup are built. `toString()` gives the whole masked text, built once, for readers that need it.
 */
export class MaskedText {
  readonly length: number;
  /** Sorted, disjoint [start, end) stretches to blank. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private whole: string | undefined;

  constructor(
    private readonly text: string,
    stretches: number[],
  ) {
    this.length = text.length;
    const order = Array.from({ length: stretches.length >> 1 }, (_, k) => k << 1).sort((a, b) => stretches[a] - stretches[b]);
    for (const k of order) {
      const start = stretches[k];
      const end = stretches[k + 1];
      if (end <= start) continue;
      const last = this.ends.length - 1;
      if (last >= 0 && start <= this.ends[last]) {
        if (end > this.ends[last]) this.ends[last] = end;
      } else {
        this.starts.push(start);
        this.ends.push(end);
      }
    }
  }

  /** As String.prototype.slice on the masked text. */
  slice(start = 0, end = this.length): string {
    const from = clampIndex(start, this.length);
    const to = clampIndex(end, this.length);
    if (to <= from) return '';
    let k = this.firstEndingAfter(from);
    if (k >= this.starts.length || this.starts[k] >= to) return this.text.slice(from, to);
    const parts: string[] = [];
    let at = from;
    for (; k < this.starts.length && this.starts[k] < to; k++) {
      const blankStart = Math.max(this.starts[k], at);
      const blankEnd = Math.min(this.ends[k], to);
      parts.push(this.text.slice(at, blankStart), blankOut(this.text.slice(blankStart, blankEnd)));
      at = blankEnd;
    }
    parts.push(this.text.slice(at, to));
    return parts.join('');
  }

  /** As String.prototype.charCodeAt on the masked text. */
  charCodeAt(index: number): number {
    const c = this.text.charCodeAt(index);
    if (c !== c || c === 10 || c === 13) return c;
    const k = this.firstEndingAfter(index);
    return k < this.starts.length && this.starts[k] <= index ? 32 : c;
  }

  toString(): string {
    return (this.whole ??= this.starts.length ? this.slice(0, this.length) : this.text);
  }

  /** The first stretch that ends after `index`. */
  private firstEndingAfter(index: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid] > index) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

function clampIndex(index: number, length: number): number {
  const whole = Math.trunc(index) || 0;
  return whole < 0 ? Math.max(0, length + whole) : Math.min(whole, length);
}

/** Spaces for every character but line feeds and carriage returns. */
function blankOut(stretch: string): string {
  return stretch.replace(/[^\n\r]/g, ' ');
}
