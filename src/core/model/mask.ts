/**
 * A same-length copy of the text with inline markup blanked out, so that word matching sees "Decides" in
 * "*Decides*" while every offset still points into the original text.
 */
const WORD = /[\p{L}\p{N}]/u;

function blank(chars: Uint16Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    if (chars[i] !== 10 && chars[i] !== 13) chars[i] = 32;
  }
}

const MARKUP_CHARS = /[<[\\*_`>#]/;

/** Rebuilds the string from the original, copying untouched stretches as slices (blanks are sparse). */
function decode(text: string, chars: Uint16Array): string {
  const parts: string[] = [];
  let from = 0;
  let i = 0;
  while (i < chars.length) {
    if (chars[i] === text.charCodeAt(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && chars[j] !== text.charCodeAt(j)) j++;
    parts.push(text.slice(from, i));
    let run = '';
    for (let k = i; k < j; k++) run += chars[k] === 32 ? ' ' : String.fromCharCode(chars[k]);
    parts.push(run);
    from = j;
    i = j;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** What JavaScript's multiline ^ counts as the end of a line. */
const LINE_BREAK = /[\n\r\u2028\u2029]/g;

export function maskMarkup(text: string): string {
  if (!MARKUP_CHARS.test(text)) return text;
  const chars = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) chars[i] = text.charCodeAt(i);
  let match: RegExpExecArray | null;

  const comment = /<!--[\s\S]*?(?:-->|$)/g;
  while ((match = comment.exec(text))) blank(chars, match.index, match.index + match[0].length);

  // Label and target are bounded and cannot contain "[" or "(", so every attempt is short.
  const link = /!?\[([^\][\n]{0,200})\]\(([^()\n]{0,300})\)/g;
  while ((match = link.exec(text))) {
    const openEnd = match.index + (match[0].startsWith('!') ? 2 : 1);
    blank(chars, match.index, openEnd);
    const closeStart = openEnd + match[1].length;
    blank(chars, closeStart, match.index + match[0].length);
  }

  const escape = /\\(?=[!-/:-@[-`{-~])/g;
  while ((match = escape.exec(text))) blank(chars, match.index, match.index + 1);

  const emphasis = /[*_`]+/g;
  while ((match = emphasis.exec(text))) {
    const before = match.index > 0 ? text[match.index - 1] : ' ';
    const after = match.index + match[0].length < text.length ? text[match.index + match[0].length] : ' ';
    // snake_case and 2*3 stay; markers at a word edge are markup.
    if (WORD.test(before) && WORD.test(after)) continue;
    blank(chars, match.index, match.index + match[0].length);
  }

  // Tried at each line start only (a multiline ^ is tried at every position of the text).
  const lineStartMarkup = /(?:[ \t]{0,3}>)+|[ \t]{0,3}#{1,6}(?=[ \t])/y;
  for (let start = 0; start < text.length; ) {
    lineStartMarkup.lastIndex = start;
    if ((match = lineStartMarkup.exec(text))) blank(chars, start, start + match[0].length);
    LINE_BREAK.lastIndex = start;
    if (!LINE_BREAK.exec(text)) break;
    start = LINE_BREAK.lastIndex;
  }
  return decode(text, chars);
}
