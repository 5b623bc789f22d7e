/**
 * How the stdio server writes its messages. The library's encoder makes one JSON string of the whole message and
 * then its UTF-8 bytes: for the diagnostics of a long draft (hundreds of findings, 300 KB on every keystroke) V8
 * builds that string in parts and joins them in a large-object allocation when it is encoded, which on some
 * machines costs more than the lint of the keystroke itself. A message with a long list of diagnostics is
 * written in groups of items instead, joined in one buffer: the same bytes, with no string of the whole message.
 */
import type { Message } from 'vscode-languageserver/node';

/** Lists shorter than this are written as one string, as the library does. */
const PIECEWISE_FROM = 64;
/** Characters of JSON per encoded group of items. */
const GROUP_CHARS = 16_000;

export const pieceByPieceJson = {
  name: 'application/json',
  encode(message: Message): Promise<Uint8Array> {
    try {
      return Promise.resolve(encodeMessage(message));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

/** The UTF-8 bytes of JSON.stringify(message). */
export function encodeMessage(message: Message): Buffer {
  const items = (message as { params?: { diagnostics?: unknown } }).params?.diagnostics;
  if (!Array.isArray(items) || items.length < PIECEWISE_FROM) return Buffer.from(JSON.stringify(message), 'utf8');
  // The list is marked by a string no message holds, then written where the marker stands.
  const marker = `mandate-lint:items:${Math.random().toString(36).slice(2)}`;
  const quoted = JSON.stringify(marker);
  const outer = JSON.stringify(message, (_key, value: unknown) => (value === items ? marker : value));
  const at = outer.indexOf(quoted);
  if (at < 0 || outer.indexOf(quoted, at + 1) >= 0) return Buffer.from(JSON.stringify(message), 'utf8');
  // Items are joined in groups well below the size V8 allocates apart (a string of a few KB each), and each
  // group encoded on its own.
  const pieces: Buffer[] = [Buffer.from(outer.slice(0, at) + '[', 'utf8')];
  let group: string[] = [];
  let groupLength = 0;
  const flush = () => {
    pieces.push(Buffer.from((pieces.length > 1 ? ',' : '') + group.join(','), 'utf8'));
    group = [];
    groupLength = 0;
  };
  // for...of, not forEach: a hole in the list is written as null, as JSON.stringify writes it.
  for (const item of items as unknown[]) {
    // As JSON.stringify writes an array: what has no JSON form (undefined, a function) is null.
    const json = JSON.stringify(item) ?? 'null';
    group.push(json);
    groupLength += json.length;
    if (groupLength >= GROUP_CHARS) flush();
  }
  if (group.length) flush();
  pieces.push(Buffer.from(']' + outer.slice(at + quoted.length), 'utf8'));
  return Buffer.concat(pieces);
}
