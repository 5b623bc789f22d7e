/**
 * Block segmentation: turns the original text into front matter, headings, paragraphs and comments with exact
 * offsets. Markdown chunks go through unified + remark; plain text uses the same chunking without remark.
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
    let end = start;
    while (end < len && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let next = end;
    if (next < len) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    lines.push({ start, end, next });
    if (end >= len) break;
    start = next;
  }
  return lines;
}

/** YAML front matter: a first line of `---` and a closing `---` or `...` line. */
export function findFrontMatter(text: string): FrontMatterBlock | undefined {
  const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!/^---[ \t]*(\r?\n|\r)/.test(text.slice(offset, offset + 8))) return undefined;
  const lines = splitLines(text, offset);
  for (let i = 1; i < lines.length && i < 2000; i++) {
    const line = text.slice(lines[i].start, lines[i].end);
    if (/^(---|\.\.\.)[ \t]*$/.test(line)) {
      return { start: offset, end: lines[i].end, bodyStart: lines[1].start, bodyEnd: lines[i].start };
    }
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
 * a chunk; past a budget the chunk (or the rest of the document) is read as plain text instead, so that no
 * input can make a lint take seconds. Real drafts stay far below the budget.
 */
export function markdownCost(chunk: string): number {
  let cost = chunk.length;
  let atLineStart = true;
  let prefix = 0;
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
        // spaces, tabs and ">" before the text: nesting
        prefix++;
        if (prefix > 48) return Infinity;
        continue;
      }
      // "- - - x" or "1. 1. 1. x" on one line nests lists as deeply as there are markers
      const marker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t])/.exec(chunk.slice(i, i + 11));
      if (marker) {
        prefix += 4;
        if (prefix > 48) return Infinity;
        i += marker[0].length - 1;
        continue;
      }
      atLineStart = false;
    }
    // [ ! \ & < ` * _ : the characters that start constructs micromark must resolve
    if (c === 91 || c === 33 || c === 92 || c === 38 || c === 60 || c === 96) cost += 24;
    else if (c === 42 || c === 95) cost += 4;
  }
  return cost;
}

/** Past this estimated cost for one chunk, or for a whole document, chunks are read as plain text. */
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
 * The common shapes of a draft read without remark, with the offsets remark gives them: a prose paragraph, a
 * one-line ATX heading ("## Operative paragraphs"), and one list item whose text runs on over plain lines
 * ("1. *Requests* the Mission ...", "- to support ..."). Anything else returns undefined and goes to remark;
 * test/unit/blocks.test.ts checks that both agree on every chunk of the corpora.
 */
export function directChunkBlocks(chunk: string): Block[] | undefined {
  const lines = chunkLines(chunk);
  // A blank line inside the chunk (kept before an indented line) ends a paragraph: remark sorts that out.
  for (const line of lines) if (BLANK.test(chunk.slice(line.start, line.end))) return undefined;
  const first = chunk.slice(lines[0].start, lines[0].end);
  const lastEnd = trimmedEnd(chunk, lines[lines.length - 1].end, 0);
  if (LONE_TAG.test(first)) return undefined;
  if (!BLOCK_LINE.test(first)) {
    // A line indented by four columns or more cannot open a block, and indented code cannot interrupt a
    // paragraph: it continues the paragraph ("Framework<tab>Action", then "<tab>Recruit more experts ...").
    for (let i = 1; i < lines.length; i++) if (!indentedFourColumns(chunk, lines[i].start) && BLOCK_LINE.test(chunk.slice(lines[i].start, lines[i].end))) return undefined;
    const start = chunk.search(/\S/);
    return start < 0 ? [] : [{ kind: 'paragraph', start, end: lastEnd, contentStart: start, listDepth: 0 }];
  }
  const heading = HEADING_LINE.exec(first);
  if (heading && lines.length === 1) {
    // A closing sequence ("## Title ##") or trailing spaces change where remark ends the heading: leave those to it.
    if (/[# \t]$/.test(first)) return undefined;
    return [{ kind: 'heading', start: 0, end: first.length, contentStart: heading[0].length, headingDepth: heading[1].length, listDepth: 0 }];
  }
  // An HTML block that runs to the next blank line ("<table>", "<p>", "<div>" ...): nothing for the model.
  if (HTML_BLOCK_START.test(first)) return [];
  // A thematic break on its own ("---", "* * *") separates sections and holds no text.
  if (lines.length === 1 && /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(first)) return [];
  return listBlocks(chunk, lines);
}

/**
 * A tight list, nested lists included, each item one paragraph whose text may run on over plain lines: one
 * block per item, at its nesting depth, as remark reads it. Tabs, code or quotes inside items, a marker right
 * after a marker ("- 8. ...") and an ordered sub-list that does not start at 1 are left to remark.
 */
function listBlocks(chunk: string, lines: Line[]): Block[] | undefined {
  const blocks: Block[] = [];
  // Open items, innermost last: the column their text starts at, their depth, the marker kind of their list.
  const open: Array<{ contentCol: number; depth: number; kind: string }> = [];
  let lastKindAtDepth: string[] = [];
  for (const line of lines) {
    const text = chunk.slice(line.start, line.end);
    const indent = text.length - text.trimStart().length;
    // Tabs in the indentation count to the next tab stop: leave those to remark.
    if (text.slice(0, indent).includes('\t')) return undefined;
    const body = text.slice(indent);
    const item = LIST_ITEM.exec(body);
    if (!item) {
      // A continuation of the innermost item's paragraph: plain text only.
      if (!blocks.length || BLOCK_LINE.test(body)) return undefined;
      blocks[blocks.length - 1].end = trimmedEnd(chunk, line.end, line.start);
      continue;
    }
    while (open.length && open[open.length - 1].contentCol > indent) open.pop();
    const parent = open[open.length - 1];
    if (indent - (parent ? parent.contentCol : 0) > 3) return undefined;
    const depth = parent ? parent.depth + 1 : 1;
    const ordered = /\d/.test(item[1]);
    const kind = ordered ? item[1].slice(-1) : item[1];
    const previousKind = lastKindAtDepth[depth];
    // A new list opened under an item's paragraph may interrupt it only if it is a bullet list or starts at 1.
    if (previousKind !== kind && ordered && !/^0*1[.)]$/.test(item[1]) && blocks.length) return undefined;
    const rest = body.slice(item[0].length);
    // The item's text must itself be text: "- - x", "1. # x", "* * *" and "- [x]" are other constructs.
    if (BLOCK_LINE.test(rest) || /^(?:[-*_][ \t]*){3,}$/.test(body)) return undefined;
    lastKindAtDepth = lastKindAtDepth.slice(0, depth);
    lastKindAtDepth[depth] = kind;
    const start = line.start + indent;
    const marker: ListMarker = { start, end: start + item[1].length, text: item[1], ordered };
    blocks.push({ kind: 'paragraph', start, end: trimmedEnd(chunk, line.end, start), contentStart: start + item[0].length, listMarker: marker, listDepth: depth });
    open.push({ contentCol: indent + item[0].length, depth, kind });
  }
  return blocks.length ? blocks : undefined;
}

function markdownChunkBlocks(chunk: string): Block[] {
  return directChunkBlocks(chunk) ?? markdownChunkBlocksWithRemark(chunk);
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
    if (/^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/.test(content)) {
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
  const from = frontMatter ? frontMatter.end : 0;
  const blocks: Block[] = [];
  if (frontMatter) blocks.push({ kind: 'frontmatter', start: frontMatter.start, end: frontMatter.end, contentStart: frontMatter.bodyStart, listDepth: 0 });
  let spent = 0;
  for (const chunk of chunkText(text, from)) {
    const chunkText_ = text.slice(chunk.start, chunk.end);
    let markdown = format === 'markdown';
    if (markdown) {
      const cost = markdownCost(chunkText_);
      if (cost > CHUNK_COST_LIMIT || spent + cost > DOCUMENT_COST_LIMIT) markdown = false;
      else spent += cost;
    }
    const cache = markdown ? markdownChunkCache : plainChunkCache;
    let relative = useCache ? cache.get(chunkText_) : undefined;
    if (!relative) {
      relative = markdown ? markdownChunkBlocks(chunkText_) : plainChunkBlocks(chunkText_);
      if (useCache) cache.set(detach(chunkText_), relative);
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
