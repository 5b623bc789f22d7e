/**
 * Block segmentation: turns the original text into front matter, headings, paragraphs and comments with exact
 * offsets. Markdown chunks of the shapes drafts use are read directly (directChunkBlocks), the others by unified +
 * remark; plain text uses the same chunking without remark.
 * Chunks are cut at blank lines (outside fences and front matter) so that each chunk can be parsed and cached
 * on its own: an edit re-parses only the chunks it touches.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent, ListItem, List } from 'mdast';
import { detach, LruCache } from '../text';

export type DocumentFormat = 'markdown' | 'plaintext';

export interface ListMarker {
  start: number;
  end: number;
  text: string;
  ordered: boolean;
}

export interface Block {
  kind: 'heading' | 'paragraph' | 'comment' | 'frontmatter' | 'code';
  start: number;
  end: number;
  /** Where the block's own text starts (after heading hashes or a list marker). */
  contentStart: number;
  headingDepth?: number;
  listMarker?: ListMarker;
  /** Nesting depth of the list the block sits in (0 outside lists). */
  listDepth: number;
}

export interface Chunk {
  start: number;
  end: number;
}

export interface FrontMatterBlock {
  start: number;
  end: number;
  /** Offsets of the YAML body inside the fences. */
  bodyStart: number;
  bodyEnd: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;

interface Line {
  start: number;
  end: number; // excludes the line break
  next: number; // start of the following line
}

export function splitLines(text: string, from = 0): Line[] {
  const lines: Line[] = [];
  let start = from;
  const len = text.length;
  // Without carriage returns, indexOf finds each line end far faster than a loop over the characters.
  if (text.indexOf('\r', from) < 0) {
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) {
        lines.push({ start, end: len, next: len });
        return lines;
      }
      lines.push({ start, end, next: end + 1 });
      start = end + 1;
    }
  }
  while (start <= len) {
    const end = lineEnd(text, start);
    const next = afterLineBreak(text, end);
    lines.push({ start, end, next });
    if (end >= len) break;
    start = next;
  }
  return lines;
}

/** Where the line that starts at `start` ends (before its line break), as splitLines reads it. */
function lineEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return end;
}

/** Where the next line starts, given where a line ends: past its LF, CRLF or CR; the text's length after the last line. */
function afterLineBreak(text: string, end: number): number {
  if (end >= text.length) return text.length;
  return end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
}

/** YAML front matter: a first line of `---` and a closing `---` or `...` line. */
export function findFrontMatter(text: string): FrontMatterBlock | undefined {
  const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!/^---[ \t]*(\r?\n|\r)/.test(text.slice(offset, offset + 8))) return undefined;
  // Line by line from the top, not the whole text split first: the editor asks on every keystroke.
  const bodyStart = afterLineBreak(text, lineEnd(text, offset));
  for (let start = bodyStart, i = 1; start < text.length && i < 2000; i++) {
    const end = lineEnd(text, start);
    if (/^(---|\.\.\.)[ \t]*$/.test(text.slice(start, end))) return { start: offset, end, bodyStart, bodyEnd: start };
    start = afterLineBreak(text, end);
  }
  return undefined;
}

/**
 * Cuts the text (after any front matter) into chunks separated by blank lines. A blank line does not cut when
 * it sits inside a fenced block or when the next line is indented (a list continuation or nested item).
 */
export function chunkText(text: string, from: number): Chunk[] {
  const chunks: Chunk[] = [];
  const lines = splitLines(text, from);
  let fence: string | undefined;
  let chunkStart = -1;
  let chunkEnd = -1;
  let pendingBlank = false;
  for (const line of lines) {
    const content = text.slice(line.start, line.end);
    const blank = BLANK.test(content);
    if (fence) {
      chunkEnd = line.end;
      const close = FENCE.exec(content);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length && content.trim() === close[1]) fence = undefined;
      continue;
    }
    if (blank) {
      if (chunkStart >= 0) pendingBlank = true;
      continue;
    }
    const indented = /^[ \t]/.test(content);
    if (pendingBlank && !indented && chunkStart >= 0) {
      chunks.push({ start: chunkStart, end: chunkEnd });
      chunkStart = -1;
    }
    pendingBlank = false;
    if (chunkStart < 0) chunkStart = line.start;
    chunkEnd = line.end;
    const open = FENCE.exec(content);
    if (open && !(open[1][0] === '`' && content.slice(open[0].length).includes('`'))) fence = open[1];
  }
  if (chunkStart >= 0) chunks.push({ start: chunkStart, end: chunkEnd });
  return chunks;
}

/**
 * The model needs remark's block structure (headings, paragraphs, lists, quotes, code, comments) with exact
 * offsets; inline markup is blanked by maskMarkup instead. Turning micromark's inline constructs off skips the
 * work of resolving emphasis, links and escapes that nothing downstream reads.
 */
const INLINE_CONSTRUCTS = ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelEnd', 'labelStartImage', 'labelStartLink'];

function blockStructureOnly(this: { data(key: string): unknown; data(key: string, value: unknown): void }): void {
  const existing = (this.data('micromarkExtensions') as unknown[] | undefined) ?? [];
  this.data('micromarkExtensions', [...existing, { disable: { null: INLINE_CONSTRUCTS } }]);
}

const markdownProcessor = unified().use(remarkParse).use(blockStructureOnly as never);

/** Blocks of one chunk, with offsets relative to the chunk start; cached by chunk text. */
const blocksWeight = (chunk: string, blocks: Block[]) => 2 * chunk.length + 120 * blocks.length + 100;
/** At most this much memory for each of the two chunk caches. */
export const BLOCK_CACHE_BYTES = 16 * 1024 * 1024;
const markdownChunkCache = new LruCache<string, Block[]>(20000, BLOCK_CACHE_BYTES, blocksWeight);
const plainChunkCache = new LruCache<string, Block[]>(20000, BLOCK_CACHE_BYTES, blocksWeight);

/** Estimated bytes held by the chunk caches. */
export function blockCacheBytes(): number {
  return markdownChunkCache.bytes + plainChunkCache.bytes;
}

export function clearBlockCaches(): void {
  markdownChunkCache.clear();
  plainChunkCache.clear();
}

function offsetOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, which: 'start' | 'end'): number {
  return node.position?.[which].offset ?? 0;
}

/**
 * micromark is fast on prose but slow on some constructs: deep nesting (cost grows with depth times length),
 * dense link labels, escapes and entities, and very long runs of short lines. This estimates the parse cost of
 * a chunk; past a budget the chunk (and every later one remark would read) is read as plain text, so that no
 * input can make a lint take seconds. Real drafts stay far below the budget.
 */
export function markdownCost(chunk: string): number {
  let cost = chunk.length;
  let atLineStart = true;
  let prefix = 0;
  let underlines = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === 10 || (c === 13 && chunk.charCodeAt(i + 1) !== 10)) {
      cost += 20;
      atLineStart = true;
      prefix = 0;
      continue;
    }
    if (atLineStart) {
      if (c === 32 || c === 9 || c === 62) {
        // spaces, tabs and ">" before the text: nesting; micromark spends on each ">" what a line of prose costs
        prefix++;
        if (prefix > 48) return Infinity;
        if (c === 62) cost += QUOTE_MARKER_COST;
        continue;
      }
      // a heading costs micromark what three or four lines of prose do
      if (c === 35) cost += HEADING_COST;
      // "- - - x" or "1. 1. 1. x" on one line nests lists as deeply as there are markers
      const marker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t])/.exec(chunk.slice(i, i + 11));
      if (marker) {
        prefix += 4;
        if (prefix > 48) return Infinity;
        i += marker[0].length - 1;
        continue;
      }
      // A line of "=" or "-" under text makes a heading of it; micromark's time grows with the cube of the
      // number of these in one chunk (2,000 take seconds), so each costs more than the one before it.
      if ((c === 61 || c === 45) && i > 0) {
        UNDERLINE_REST.lastIndex = i;
        if (UNDERLINE_REST.test(chunk)) cost += ++underlines;
      }
      atLineStart = false;
    }
    // [ ! \ & < ` * _ : the characters that start constructs micromark must resolve
    if (c === 91 || c === 33 || c === 92 || c === 38 || c === 60 || c === 96) cost += 24;
    else if (c === 42 || c === 95) cost += 4;
  }
  return cost;
}

/** What micromark spends on a ">" and on an ATX heading, over their characters, in the units of markdownCost. */
const QUOTE_MARKER_COST = 80;
const HEADING_COST = 150;

/** The rest of a setext heading's underline, from its first "=" or "-" to the end of the line. */
const UNDERLINE_REST = /(?:=+|-+)[ \t]*(?:\r|\n|$)/y;

/** Past this estimated cost for one chunk, or for a whole document, chunks remark would read are read as plain text. */
export const CHUNK_COST_LIMIT = 400_000;
export const DOCUMENT_COST_LIMIT = 12_000_000;

/**
 * Lines that may open a block construct in CommonMark: a heading, quote, list item, thematic break, setext
 * underline, fence, HTML, link definition or indented code. A line that matches none of these is paragraph
 * text; "*Requests* the Mission" and "#5 of the list" are text. The test is conservative: a line it flags may
 * still be text, and then remark decides.
 */
const HTML_TAGS_TYPE_6 =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
// "<" opens an HTML block only before a comment, a declaration, script/pre/style/textarea or a block-level
// tag; "<i>Organization</i> ..... 27" is text with inline HTML.
const BLOCK_LINE = new RegExp(
  `^(?: {4}|\\t| {0,3}(?:#{1,6}(?:[ \\t]|$)|>|[-*+](?:[ \\t]|$)|(?:[-*_][ \\t]*){3,}$|=+[ \\t]*$|-+[ \\t]*$|\`{3,}|~{3,}|<(?:[!?]|(?:script|pre|style|textarea)(?:[\\s>]|$)|\\/?(?:${HTML_TAGS_TYPE_6})(?:[\\s>]|\\/>|$))|\\[|\\d{1,9}[.)](?:[ \\t]|$)))`,
  'i',
);
/** An HTML block of CommonMark's type 7: a complete tag alone on the first line of a chunk. */
const LONE_TAG = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>[ \t]*$/;
const LIST_ITEM = /^(\d{1,9}[.)]|[-*+])(?: {1,4}|\t)(?=\S)/;
const HEADING_LINE = /^(#{1,6}) +(?=\S)/;
/** CommonMark's HTML blocks of type 6: a block-level tag opens a block that ends at a blank line. */
const HTML_BLOCK_START = new RegExp(`^ {0,3}<\\/?(?:${HTML_TAGS_TYPE_6})(?:[ \\t>]|\\/>|$)`, 'i');

function chunkLines(chunk: string): Line[] {
  return splitLines(chunk);
}

/** True when no line of the chunk can open a block: the chunk is exactly one paragraph. */
export function isPlainParagraph(chunk: string): boolean {
  for (const line of chunkLines(chunk)) if (BLOCK_LINE.test(chunk.slice(line.start, line.end))) return false;
  return true;
}

/** The line starting at `start` is indented by four columns or more (tabs stop at multiples of four). */
function indentedFourColumns(chunk: string, start: number): boolean {
  let column = 0;
  for (let i = start; column < 4; i++) {
    const c = chunk.charCodeAt(i);
    if (c === 32) column++;
    else if (c === 9) column += 4 - (column % 4);
    else return false;
  }
  return true;
}

function trimmedEnd(chunk: string, end: number, start: number): number {
  while (end > start && (chunk.charCodeAt(end - 1) === 32 || chunk.charCodeAt(end - 1) === 9)) end--;
  return end;
}

/**
 * The common shapes of a draft read without remark, with the offsets remark gives them: prose paragraphs, ATX
 * headings ("## Operative paragraphs"), tight lists ("1. *Requests* the Mission ...", "- to support ..."), a
 * paragraph cut short by an HTML block or a rule, and the tables pasted from Word that indent their cells with
 * tabs after a blank line (indented code to CommonMark, read as paragraphs). Anything else returns undefined and
 * goes to remark; test/unit/blocks.test.ts checks that both agree on every chunk of the corpora and on generated
 * chunks.
 */
export function directChunkBlocks(chunk: string): Block[] | undefined {
  const lines = chunkLines(chunk);
  for (const line of lines) if (BLANK.test(chunk.slice(line.start, line.end))) return blocksAcrossBlankLines(chunk, lines);
  return runBlocks(chunk, lines);
}

/** Constructs that may run on over a blank line: HTML comments, processing instructions, scripts, fences. */
const RUNS_OVER_BLANK_LINES = /^ {0,3}(?:<(?:[!?]|(?:script|pre|style|textarea)(?:[\s>]|$))|`{3,}|~{3,})/i;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** A line that would underline the paragraph above it as a heading instead of being a rule. */
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;

/**
 * A chunk with blank lines inside it (chunkText keeps one only before an indented line). After a paragraph, a
 * heading or an HTML block, a line indented by four columns opens indented code, which runs on over blank lines
 * while its lines stay indented; any other line opens blocks as at the start of a chunk. After a list item the
 * indented line would continue the item: that is left to remark.
 */
function blocksAcrossBlankLines(chunk: string, lines: Line[]): Block[] | undefined {
  const runs: Line[][] = [];
  let run: Line[] = [];
  for (const line of lines) {
    const text = chunk.slice(line.start, line.end);
    if (RUNS_OVER_BLANK_LINES.test(text)) return undefined;
    if (!BLANK.test(text)) run.push(line);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  const blocks: Block[] = [];
  // The indented code block that reached the end of the previous run, which a next indented line continues.
  let openCode: Block | undefined;
  for (let r = 0; r < runs.length; r++) {
    const lines_ = runs[r];
    let k = 0;
    if (openCode) while (k < lines_.length && indentedFourColumns(chunk, lines_[k].start)) k++;
    if (k > 0) openCode!.end = trimmedEnd(chunk, lines_[k - 1].end, lines_[k - 1].start);
    if (k === lines_.length) continue;
    // micromark reads a list after indented code as interrupting it, even past a blank line.
    const rest = runBlocks(chunk, k ? lines_.slice(k) : lines_, !!openCode);
    if (!rest) return undefined;
    // A blank line and an indented line after a list item (an empty one too) belong to the list: remark's business.
    if (r < runs.length - 1 && lines_.some((line) => LIST_START.test(chunk.slice(line.start, line.end)))) return undefined;
    blocks.push(...rest);
    const last = rest[rest.length - 1];
    const lastLine = lines_[lines_.length - 1];
    // Code starts at its line's indentation (a paragraph or an item at its first word) and must reach the last line.
    openCode = last && indentedFourColumns(chunk, last.start) && last.end === trimmedEnd(chunk, lastLine.end, lastLine.start) ? last : undefined;
  }
  return blocks;
}

/**
 * The blocks of lines with no blank line among them; undefined when remark must decide. `interrupting`: the lines
 * follow another block directly, so a list that opens them obeys the rules for interrupting one. Read in a loop,
 * block after block, not by recursion: an outline of thousands of headings on consecutive lines is one run.
 */
function runBlocks(chunk: string, lines: Line[], interrupting = false): Block[] | undefined {
  const blocks: Block[] = [];
  for (let from = 0; from < lines.length; interrupting = true) {
    const step = blocksFrom(chunk, lines, from, interrupting);
    if (!step) return undefined;
    for (const block of step.blocks) blocks.push(block);
    from = step.next;
  }
  return blocks;
}

/**
 * The blocks that open at line `from` of a run, and the index of the line after them (the run's length when they
 * reach its end); undefined when remark must decide.
 */
function blocksFrom(chunk: string, lines: Line[], from: number, interrupting: boolean): { blocks: Block[]; next: number } | undefined {
  const end = lines.length;
  if (indentedFourColumns(chunk, lines[from].start)) {
    let k = from + 1;
    while (k < end && indentedFourColumns(chunk, lines[k].start)) k++;
    return { blocks: [codeBlock(chunk, lines[from], lines[k - 1])], next: k };
  }
  const first = chunk.slice(lines[from].start, lines[from].end);
  if (LONE_TAG.test(first)) return undefined;
  if (!BLOCK_LINE.test(first)) {
    // A line indented by four columns or more cannot open a block, and indented code cannot interrupt a
    // paragraph: it continues the paragraph ("Framework<tab>Action", then "<tab>Recruit more experts ...").
    for (let i = from + 1; i < end; i++) {
      if (indentedFourColumns(chunk, lines[i].start)) continue;
      const text = chunk.slice(lines[i].start, lines[i].end);
      if (!BLOCK_LINE.test(text)) continue;
      // What may cut a paragraph short and can be read here: an HTML block (to the end of the run: a Word
      // table's "<p>" cells), a rule ("-----<tab>-----" under a table's header), an ATX heading, or a line of
      // "=" or "-" that makes the paragraph a heading (remark takes time cubic in the number of these in a run).
      const paragraph = paragraphOf(chunk, lines[from], lines[i - 1]);
      if (SETEXT_UNDERLINE.test(text)) {
        const heading: Block = { kind: 'heading', start: paragraph.start, end: lines[i].end, contentStart: paragraph.start, headingDepth: text.trimStart()[0] === '=' ? 1 : 2, listDepth: 0 };
        return { blocks: [heading], next: i + 1 };
      }
      if (HTML_BLOCK_START.test(text)) return { blocks: [paragraph], next: end };
      if (THEMATIC_BREAK.test(text)) return { blocks: [paragraph], next: i + 1 };
      if (/^ {0,3}#/.test(text)) {
        const heading = headingOf(chunk, lines[i]);
        return heading ? { blocks: [paragraph, heading], next: i + 1 } : undefined;
      }
      return undefined;
    }
    return { blocks: [paragraphOf(chunk, lines[from], lines[end - 1])], next: end };
  }
  if (/^ {0,3}#/.test(first)) {
    const heading = headingOf(chunk, lines[from]);
    return heading ? { blocks: [heading], next: from + 1 } : undefined;
  }
  // An HTML block that runs to the next blank line ("<table>", "<p>", "<div>" ...): nothing for the model.
  if (HTML_BLOCK_START.test(first)) return { blocks: [], next: end };
  // A thematic break ("---", "* * *") separates sections and holds no text.
  if (THEMATIC_BREAK.test(first)) return { blocks: [], next: from + 1 };
  // A list runs to the end of the run (or leaves it to remark).
  const list = listBlocks(chunk, from ? lines.slice(from) : lines, interrupting);
  return list && { blocks: list, next: end };
}

/** Indented code: in a draft, an indented paragraph (a table's cells after a tab), from its first line's start. */
function codeBlock(chunk: string, first: Line, last: Line): Block {
  return { kind: 'paragraph', start: first.start, end: trimmedEnd(chunk, last.end, first.start), contentStart: first.start, listDepth: 0 };
}

function paragraphOf(chunk: string, first: Line, last: Line): Block {
  let start = first.start;
  while (chunk.charCodeAt(start) === 32 || chunk.charCodeAt(start) === 9) start++;
  return { kind: 'paragraph', start, end: trimmedEnd(chunk, last.end, start), contentStart: start, listDepth: 0 };
}

/**
 * A one-line ATX heading ("## Title"), or undefined for what remark ends elsewhere (a closing "##", trailing
 * spaces, indentation).
 */
function headingOf(chunk: string, line: Line): Block | undefined {
  const text = chunk.slice(line.start, line.end);
  const heading = HEADING_LINE.exec(text);
  if (!heading || /[# \t]$/.test(text)) return undefined;
  return { kind: 'heading', start: line.start, end: line.end, contentStart: line.start + heading[0].length, headingDepth: heading[1].length, listDepth: 0 };
}

/** A line that opens a list item, empty or not. */
const LIST_START = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
/** A list marker alone on its line: an item that starts empty. */
const EMPTY_ITEM = /^(\d{1,9}[.)]|[-*+])[ \t]*$/;

/** The column after a list marker and what follows it: the next tab stop for a tab, else one per space. */
function contentColumn(markerEndCol: number, separator: string): number {
  return separator === '\t' ? markerEndCol + 4 - (markerEndCol % 4) : markerEndCol + separator.length;
}

/**
 * A tight list, nested lists included, each item one paragraph whose text may run on over plain lines: one
 * block per item, at its nesting depth, as remark reads it. A marker right after a marker ("- 2) ...", "- 8. ...")
 * opens a list inside the item, at any number. Tabs in the indentation, code or quotes inside items, an empty
 * item after the first line and an ordered sub-list that interrupts a paragraph at a number other than 1 are left
 * to remark.
 */
function listBlocks(chunk: string, lines: Line[], interrupting: boolean): Block[] | undefined {
  const blocks: Block[] = [];
  // Open items, innermost last: the column their text starts at, their depth, the marker kind of their list.
  const open: Array<{ contentCol: number; depth: number; kind: string }> = [];
  let lastKindAtDepth: string[] = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    const text = chunk.slice(line.start, line.end);
    // Spaces and tabs only: a no-break space is text (trimStart would count it).
    const indent = /^[ \t]*/.exec(text)![0].length;
    // Tabs in the indentation count to the next tab stop: leave those to remark.
    if (text.slice(0, indent).includes('\t')) return undefined;
    const body = text.slice(indent);
    let item = LIST_ITEM.exec(body);
    if (!item) {
      const empty = l === 0 && !interrupting ? EMPTY_ITEM.exec(body) : null;
      if (empty) {
        // "-" alone on the first line, its list's first item: the next line must be an item of its own.
        const kind = /\d/.test(empty[1]) ? empty[1].slice(-1) : empty[1];
        lastKindAtDepth = [];
        lastKindAtDepth[1] = kind;
        open.push({ contentCol: indent + empty[1].length + 1, depth: 1, kind });
        continue;
      }
      // A continuation of the innermost item's paragraph: plain text only.
      if (!blocks.length || BLOCK_LINE.test(body)) return undefined;
      blocks[blocks.length - 1].end = trimmedEnd(chunk, line.end, line.start);
      continue;
    }
    while (open.length && open[open.length - 1].contentCol > indent) open.pop();
    const parent = open[open.length - 1];
    if (indent - (parent ? parent.contentCol : 0) > 3) return undefined;
    let depth = parent ? parent.depth + 1 : 1;
    let markerAt = indent;
    let markerCol = indent;
    // Whether the line's outermost list cuts short the text before it (a paragraph, indented code).
    let interrupts = false;
    // The markers that open the line: one, or one inside another's item ("- 2) ..."), outermost first.
    for (let nested = false; ; nested = true) {
      const ordered = /\d/.test(item[1]);
      const kind = ordered ? item[1].slice(-1) : item[1];
      if (!nested) interrupts = (l === 0 && interrupting) || (lastKindAtDepth[depth] !== kind && blocks.length > 0);
      // A list that interrupts text may only be a bullet list or start at 1, and micromark holds a list opened
      // inside such an item's text to the same rule; a list that opens an item's own text may start anywhere.
      if (interrupts && ordered && !/^0*1[.)]$/.test(item[1])) return undefined;
      lastKindAtDepth = lastKindAtDepth.slice(0, depth);
      lastKindAtDepth[depth] = kind;
      const contentCol = contentColumn(markerCol + item[1].length, item[0].slice(item[1].length));
      open.push({ contentCol, depth, kind });
      const restAt = markerAt + item[0].length;
      const rest = body.slice(restAt - indent);
      const inner = LIST_ITEM.exec(rest);
      if (inner && !/^(?:[-*_][ \t]*){3,}$/.test(rest)) {
        markerAt = restAt;
        markerCol = contentCol;
        depth++;
        item = inner;
        continue;
      }
      // The item's text must itself be text: "1. # x", "* * *" and "- [x]" are other constructs.
      if (BLOCK_LINE.test(rest) || /^(?:[-*_][ \t]*){3,}$/.test(body)) return undefined;
      const start = line.start + markerAt;
      const marker: ListMarker = { start, end: start + item[1].length, text: item[1], ordered };
      blocks.push({ kind: 'paragraph', start, end: trimmedEnd(chunk, line.end, start), contentStart: line.start + restAt, listMarker: marker, listDepth: depth });
      break;
    }
  }
  // Only an empty item ("4." alone): an empty list, nothing for the model.
  return blocks.length || open.length ? blocks : undefined;
}

/** What remark was estimated to cost for the blocks of a chunk it read (the direct reader's blocks cost nothing). */
const remarkCostOf = new WeakMap<Block[], number>();

/**
 * The blocks of a Markdown chunk: read directly when it has the common shapes (in linear time, whatever its
 * size), else by remark when its estimated cost fits both the chunk limit and what is left of the document's
 * budget; undefined when it does not (the caller reads it as plain text). A cached chunk spends its cost again.
 */
function markdownBlocksWithinBudget(chunk: string, budgetLeft: number, useCache: boolean): Block[] | undefined {
  const cached = useCache ? markdownChunkCache.get(chunk) : undefined;
  if (cached) return (remarkCostOf.get(cached) ?? 0) <= budgetLeft ? cached : undefined;
  let blocks = directChunkBlocks(chunk);
  if (!blocks) {
    const cost = markdownCost(chunk);
    if (cost > CHUNK_COST_LIMIT || cost > budgetLeft) return undefined;
    blocks = markdownChunkBlocksWithRemark(chunk);
    remarkCostOf.set(blocks, cost);
  }
  if (useCache) markdownChunkCache.set(detach(chunk), blocks);
  return blocks;
}

export function markdownChunkBlocksWithRemark(chunk: string): Block[] {
  let tree: Root;
  try {
    tree = markdownProcessor.parse(chunk) as Root;
  } catch {
    // Pathological input (for example nesting deep enough to exhaust the stack): fall back to plain text.
    return plainChunkBlocks(chunk);
  }
  const blocks: Block[] = [];
  // An explicit stack instead of recursion: pathological nesting (thousands of "> ") must not overflow.
  const stack: Array<{ node: RootContent; listDepth: number; marker?: ListMarker }> = [];
  const pushChildren = (children: RootContent[], listDepth: number) => {
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], listDepth });
  };
  pushChildren(tree.children, 0);
  while (stack.length) {
    const { node, listDepth, marker } = stack.pop()!;
    const start = offsetOf(node, 'start');
    const end = offsetOf(node, 'end');
    switch (node.type) {
      case 'heading': {
        const firstChild = node.children[0];
        const contentStart = firstChild ? offsetOf(firstChild, 'start') : end;
        blocks.push({ kind: 'heading', start, end, contentStart, headingDepth: node.depth, listDepth });
        break;
      }
      case 'paragraph':
        blocks.push({ kind: 'paragraph', start: marker ? marker.start : start, end, contentStart: start, listMarker: marker, listDepth });
        break;
      case 'code': {
        // Indented "code" in a draft is an indented paragraph, not code: drafts contain no code.
        const fenced = /^ {0,3}(`{3,}|~{3,})/.test(chunk.slice(start, start + 10));
        blocks.push({ kind: fenced ? 'code' : 'paragraph', start, end, contentStart: start, listDepth });
        break;
      }
      case 'html':
        if (chunk.slice(start, start + 4) === '<!--') blocks.push({ kind: 'comment', start, end, contentStart: start, listDepth });
        break;
      case 'blockquote':
        pushChildren(node.children, listDepth);
        break;
      case 'list': {
        const list = node as List;
        const items: Array<{ node: RootContent; listDepth: number; marker?: ListMarker }> = [];
        for (const item of list.children as ListItem[]) {
          const itemStart = offsetOf(item, 'start');
          const first = item.children[0];
          const firstStart = first ? offsetOf(first, 'start') : offsetOf(item, 'end');
          const markerText = chunk.slice(itemStart, firstStart).trimEnd();
          const itemMarker: ListMarker = { start: itemStart, end: itemStart + markerText.length, text: markerText, ordered: !!list.ordered };
          item.children.forEach((child, index) => items.push({ node: child, listDepth: listDepth + 1, marker: index === 0 && child.type === 'paragraph' ? itemMarker : undefined }));
        }
        for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
        break;
      }
      default:
        break;
    }
  }
  return blocks;
}

const COMMENT_LINE = /^\s*<!--[\s\S]*?-->\s*$/;

function plainChunkBlocks(chunk: string): Block[] {
  const blocks: Block[] = [];
  let paragraphStart = -1;
  let paragraphEnd = -1;
  const flush = () => {
    if (paragraphStart >= 0) blocks.push({ kind: 'paragraph', start: paragraphStart, end: paragraphEnd, contentStart: paragraphStart, listDepth: 0 });
    paragraphStart = -1;
  };
  for (const line of splitLines(chunk)) {
    const content = chunk.slice(line.start, line.end);
    if (BLANK.test(content)) continue;
    if (COMMENT_LINE.test(content)) {
      flush();
      const offset = content.indexOf('<!--');
      blocks.push({ kind: 'comment', start: line.start + offset, end: line.end, contentStart: line.start + offset, listDepth: 0 });
      continue;
    }
    const heading = /^(#{1,6})[ \t]+\S/.exec(content);
    if (heading) {
      flush();
      const contentStart = line.start + heading[1].length + (content.slice(heading[1].length).length - content.slice(heading[1].length).trimStart().length);
      blocks.push({ kind: 'heading', start: line.start, end: line.end, contentStart, headingDepth: heading[1].length, listDepth: 0 });
      continue;
    }
    if (THEMATIC_BREAK.test(content)) {
      flush();
      continue;
    }
    if (paragraphStart < 0) paragraphStart = line.start;
    paragraphEnd = line.end;
  }
  flush();
  return blocks;
}

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/;

/**
 * A pipe table (a workplan, a results framework) as one block per row: the header row as a small heading, each
 * other row as a paragraph of its own, so that "| Train 200 prison officers | ... |" reads as an activity.
 */
function splitTable(text: string, block: Block): Block[] | undefined {
  if (block.kind !== 'paragraph' || block.listMarker) return undefined;
  const body = text.slice(block.start, block.end);
  if (!body.includes('|') || !body.includes('-')) return undefined;
  const lines = splitLines(body);
  if (lines.length < 2 || !TABLE_SEPARATOR.test(body.slice(lines[1].start, lines[1].end))) return undefined;
  if (!lines.every((l) => (body.slice(l.start, l.end).match(/\|/g) ?? []).length >= 1)) return undefined;
  const rows: Block[] = [];
  lines.forEach((line, index) => {
    if (index === 1) return;
    const content = body.slice(line.start, line.end);
    const lead = /^\s*\|?\s*/.exec(content)![0].length;
    const trimmedEnd = content.replace(/\s*\|?\s*$/, '').length;
    if (trimmedEnd <= lead) return;
    const start = block.start + line.start;
    rows.push({
      kind: index === 0 ? 'heading' : 'paragraph',
      start,
      end: start + trimmedEnd,
      contentStart: start + lead,
      headingDepth: index === 0 ? 6 : undefined,
      listDepth: block.listDepth,
    });
  });
  return rows;
}

/** All blocks of a document in order, with absolute offsets. */
export function segmentDocument(text: string, format: DocumentFormat, useCache = true): { frontMatter?: FrontMatterBlock; blocks: Block[] } {
  const frontMatter = findFrontMatter(text);
  // A byte-order mark (a client may send it) is no part of the first line: "# Title" after it is still a heading.
  const from = frontMatter ? frontMatter.end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const blocks: Block[] = [];
  if (frontMatter) blocks.push({ kind: 'frontmatter', start: frontMatter.start, end: frontMatter.end, contentStart: frontMatter.bodyStart, listDepth: 0 });
  let spent = 0;
  for (const chunk of chunkText(text, from)) {
    const chunkText_ = text.slice(chunk.start, chunk.end);
    let relative = format === 'markdown' ? markdownBlocksWithinBudget(chunkText_, DOCUMENT_COST_LIMIT - spent, useCache) : undefined;
    if (relative) spent += remarkCostOf.get(relative) ?? 0;
    else {
      relative = useCache ? plainChunkCache.get(chunkText_) : undefined;
      if (!relative) {
        relative = plainChunkBlocks(chunkText_);
        if (useCache) plainChunkCache.set(detach(chunkText_), relative);
      }
    }
    for (const block of relative) {
      const absolute: Block = {
        ...block,
        start: block.start + chunk.start,
        end: block.end + chunk.start,
        contentStart: block.contentStart + chunk.start,
        listMarker: block.listMarker && { ...block.listMarker, start: block.listMarker.start + chunk.start, end: block.listMarker.end + chunk.start },
      };
      const rows = splitTable(text, absolute);
      if (rows) blocks.push(...rows);
      else blocks.push(absolute);
    }
  }
  return { frontMatter, blocks };
}
