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

/**
 * Every decision below reads the original text, so the stretches to blank are collected first and the copy is
 * built once from slices: a long draft has few markup characters, and the editor masks it at every keystroke.
 */
export function maskMarkup(text: string): string {
  if (!MARKUP_CHARS.test(text)) return text;
  // [start, end) pairs, in any order, possibly overlapping.
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
  return withBlanks(text, blanks);
}

/** The text with the stretches blanked: spaces for every character but line feeds and carriage returns. */
function withBlanks(text: string, blanks: number[]): string {
  if (!blanks.length) return text;
  const order = Array.from({ length: blanks.length >> 1 }, (_, k) => k << 1).sort((a, b) => blanks[a] - blanks[b]);
  const parts: string[] = [];
  let from = 0;
  for (const k of order) {
    const start = Math.max(blanks[k], from);
    const end = blanks[k + 1];
    if (end <= start) continue;
    parts.push(text.slice(from, start), text.slice(start, end).replace(/[^\n\r]/g, ' '));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
