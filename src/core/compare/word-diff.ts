/** Word-level differences between two versions of a paragraph, for the side-by-side view (jsdiff's diffWords). */
import { diffWords, diffWordsWithSpace, type Change } from 'diff';

export interface WordSegment {
  /** same: in both; removed: only in the previous text; added: only in the draft. */
  op: 'same' | 'removed' | 'added';
  text: string;
}

/** Paragraphs longer than this are shown whole, without word highlighting (the diff is quadratic at worst). */
const MAX_DIFF_CHARS = 20_000;

export function wordDiff(before: string, after: string): WordSegment[] {
  if (before === after) return [{ op: 'same', text: before }];
  if (before.length + after.length > MAX_DIFF_CHARS) return [...(before ? [{ op: 'removed' as const, text: before }] : []), ...(after ? [{ op: 'added' as const, text: after }] : [])];
  const segments = merged(diffWords(before, after));
  // jsdiff gives the space between a kept word and an inserted or deleted phrase to the phrase, so the side
  // without the phrase would read "UNSMOto advise": spaces at the edges of a change go to the text both share.
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.op === 'same') continue;
    const next = segments[i + 1];
    // trimEnd, not /\s+$/: the expression tries every start in a long run of blanks (quadratic on hostile text).
    const trailing = s.text.slice(s.text.trimEnd().length);
    if (trailing && trailing.length < s.text.length && next?.op === 'same' && !/^\s/.test(next.text)) {
      s.text = s.text.slice(0, -trailing.length);
      next.text = trailing + next.text;
    }
    const previous = segments[i - 1];
    const leading = /^\s+/.exec(s.text)?.[0];
    if (leading && leading.length < s.text.length && previous?.op === 'same' && !/\s$/.test(previous.text)) {
      s.text = s.text.slice(leading.length);
      previous.text += leading;
    }
  }
  // diffWords places spaces as it sees fit ("evacuation;" could come back as "evacuation ;"): when either side,
  // rebuilt from what it keeps, is not the text as written, spaces become words of their own, which cuts both
  // texts exactly, in more pieces.
  if (rebuilt(segments, 'added') === before && rebuilt(segments, 'removed') === after) return segments;
  return merged(diffWordsWithSpace(before, after));
}

/** jsdiff's changes as segments, neighbours of one kind joined. */
function merged(changes: Change[]): WordSegment[] {
  const segments: WordSegment[] = [];
  for (const change of changes) {
    const op = change.added ? 'added' : change.removed ? 'removed' : 'same';
    const last = segments[segments.length - 1];
    if (last && last.op === op) last.text += change.value;
    else segments.push({ op, text: change.value });
  }
  return segments;
}

/** One side of the diff: every segment but those of the other side. */
function rebuilt(segments: WordSegment[], without: 'added' | 'removed'): string {
  return segments
    .filter((s) => s.op !== without)
    .map((s) => s.text)
    .join('');
}
