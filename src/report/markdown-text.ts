/**
 * Text from a draft, a file name or a lexicon in the Markdown reports: shown as written, never as Markdown or HTML
 * of its own (a draft's "<img onerror=…>", a heading's "*", a name with a backtick or "|").
 */

/** HTML in the text shown as text: a Markdown viewer renders no element from it. */
export function mdText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text inline, with the characters that would start Markdown emphasis, code, links or tables escaped too. */
export function mdInline(text: string): string {
  return mdText(text)
    .replace(/[\\`*_[\]|~!#]/g, '\\$&')
    .replace(/\r\n?|\n/g, ' ');
}

/** The text in a table cell: inline, line breaks kept as <br>. */
export function mdCell(text: string): string {
  return mdText(text).replace(/[\\|]/g, '\\$&').replace(/\r\n?|\n/g, '<br>');
}

/** The text as a code span, whatever backticks it holds (CommonMark: a longer run of backticks around it). */
export function mdCode(text: string): string {
  const flat = text.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
