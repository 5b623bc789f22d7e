/**
 * Paragraph alignment: which paragraph of the draft each paragraph of the previous text became, by what they say
 * rather than by their numbers. Linear in the number of paragraphs (times a bounded candidate window), plus one
 * sort of the candidate pairs: O(n · C · L + n·C · log(n·C)) for n paragraphs, C ≤ 32 candidates each and L
 * words a paragraph.
 *
 * 1. Candidates. Each paragraph is paired with the paragraphs of the other text that share its rarest words
 *    (an inverted index; words found in more than 32 paragraphs are skipped) and with those around the same
 *    relative position; at most 32 per paragraph, scored by the cosine of their IDF-weighted word vectors.
 * 2. One to one. Candidate pairs scoring at least MATCH are taken best first (ties: the pair nearer the
 *    diagonal), each paragraph at most once.
 * 3. Splits and merges. A paragraph left over whose words lie mostly (CONTAINED) inside a paragraph of the other
 *    text next to that paragraph's counterpart (or one left over too) is a part of it: one paragraph split in two,
 *    or two merged into one.
 * 4. Moves. Pairs outside the longest increasing run of counterparts (by previous order) moved.
 */
import { containment, cosine, type WordVector } from './words';

/** Cosine a pair needs to be taken as the same paragraph. */
export const MATCH = 0.45;
/** Share of a left-over paragraph's words that must lie in another for it to be a split or merged part. */
export const CONTAINED = 0.72;
const MAX_CANDIDATES = 32;
const RARE_WORDS = 8;
const MAX_POSTINGS = 32;
const WINDOW = 4;

export interface Alignment {
  /** For each paragraph of the previous text, the draft paragraphs it became (none: removed; two or more: split). */
  forward: number[][];
  /** For each draft paragraph, the previous paragraphs it came from (none: added; two or more: merged). */
  backward: number[][];
  /** For each previous paragraph with a counterpart, how close it is (cosine with its first counterpart, or containment for a part). */
  similarity: number[];
  /** For each previous paragraph, whether it moved out of the order of the others. */
  moved: boolean[];
  /** Share of the text (by what the paragraphs say) that found a counterpart, the larger of the two sides' shares. */
  strength: number;
}

type Index = Map<number, number[]>;

function invertedIndex(vectors: readonly WordVector[]): Index {
  const index: Index = new Map();
  vectors.forEach((v, i) => {
    for (const id of v.ids) {
      let list = index.get(id);
      if (!list) index.set(id, (list = []));
      list.push(i);
    }
  });
  return index;
}

/** Paragraphs of `other` worth scoring against paragraph `i` of `side`: shared rare words, then position. */
function candidates(i: number, side: readonly WordVector[], otherIndex: Index, otherCount: number, idf: (id: number) => number, shared: Int32Array): number[] {
  // shared[j]: how many of the rare words paragraph j of the other text has (all zero again on return).
  const touched: number[] = [];
  for (const id of rarest(side[i], idf)) {
    const postings = otherIndex.get(id);
    if (!postings || postings.length > MAX_POSTINGS) continue;
    for (const j of postings) if (shared[j]++ === 0) touched.push(j);
  }
  touched.sort((a, b) => shared[b] - shared[a] || a - b);
  for (const j of touched) shared[j] = 0;
  const chosen = touched.slice(0, MAX_CANDIDATES - (2 * WINDOW + 1));
  const expected = side.length > 1 ? Math.round((i * (otherCount - 1)) / (side.length - 1)) : 0;
  for (let j = Math.max(0, expected - WINDOW); j <= Math.min(otherCount - 1, expected + WINDOW); j++) {
    if (chosen.indexOf(j) < 0) chosen.push(j);
  }
  return chosen;
}

/** A paragraph's RARE_WORDS rarest words (highest IDF first), in one pass without sorting all its words. */
function rarest(vector: WordVector, idf: (id: number) => number): number[] {
  const top: Array<[number, number]> = [];
  for (const id of vector.ids) {
    const weight = idf(id);
    if (top.length === RARE_WORDS && (weight < top[RARE_WORDS - 1][1] || (weight === top[RARE_WORDS - 1][1] && id > top[RARE_WORDS - 1][0]))) continue;
    let k = top.length;
    while (k > 0 && (top[k - 1][1] < weight || (top[k - 1][1] === weight && top[k - 1][0] > id))) k--;
    top.splice(k, 0, [id, weight]);
    if (top.length > RARE_WORDS) top.pop();
  }
  return top.map(([id]) => id);
}

/** Indices of the longest strictly increasing subsequence of `values` (patience sorting, n log n). */
export function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] < values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1] : -1; k >= 0; k = previous[k]) kept.add(k);
  return kept;
}

export function alignParagraphs(prev: readonly WordVector[], draft: readonly WordVector[], idf: (id: number) => number): Alignment {
  const n = prev.length;
  const m = draft.length;
  const forward: number[][] = Array.from({ length: n }, () => []);
  const backward: number[][] = Array.from({ length: m }, () => []);
  const similarity = new Array<number>(n).fill(0);
  const draftSimilarity = new Array<number>(m).fill(0);
  if (!n || !m) return { forward, backward, similarity, moved: new Array<boolean>(n).fill(false), strength: 0 };
  const prevIndex = invertedIndex(prev);
  const draftIndex = invertedIndex(draft);
  // Each paragraph's candidates are looked up once and reused by the split and merge passes.
  const idfs = new Map<number, number>();
  const idfOf = (id: number) => {
    let value = idfs.get(id);
    if (value === undefined) idfs.set(id, (value = idf(id)));
    return value;
  };
  const prevCandidates: number[][] = [];
  const draftCandidates: number[][] = [];
  const sharedDraft = new Int32Array(m);
  const sharedPrev = new Int32Array(n);
  const candidatesOfPrev = (i: number) => (prevCandidates[i] ??= candidates(i, prev, draftIndex, m, idfOf, sharedDraft));
  const candidatesOfDraft = (j: number) => (draftCandidates[j] ??= candidates(j, draft, prevIndex, n, idfOf, sharedPrev));

  // 1. Scored candidate pairs, from both sides (a pair found from either side counts once).
  const pairs: Array<{ i: number; j: number; score: number; off: number }> = [];
  const seen = new Set<number>();
  const consider = (i: number, j: number) => {
    const key = i * m + j;
    if (seen.has(key)) return;
    seen.add(key);
    const score = cosine(prev[i], draft[j]);
    if (score >= MATCH) pairs.push({ i, j, score, off: Math.abs(i / n - j / m) });
  };
  for (let i = 0; i < n; i++) for (const j of candidatesOfPrev(i)) consider(i, j);
  for (let j = 0; j < m; j++) for (const i of candidatesOfDraft(j)) consider(i, j);

  // 2. Best pairs first, each paragraph once.
  pairs.sort((a, b) => b.score - a.score || a.off - b.off || a.i - b.i || a.j - b.j);
  for (const { i, j, score } of pairs) {
    if (forward[i].length || backward[j].length) continue;
    forward[i].push(j);
    backward[j].push(i);
    similarity[i] = score;
    draftSimilarity[j] = score;
  }

  // 3. Split parts: a draft paragraph left over that lies inside a previous paragraph next to its counterpart.
  for (let j = 0; j < m; j++) {
    if (backward[j].length) continue;
    let best = -1;
    let bestShare = 0;
    for (const i of candidatesOfDraft(j)) {
      const near = !forward[i].length || forward[i].some((k) => Math.abs(k - j) <= 2);
      if (!near || cosine(prev[i], draft[j]) < 0.2) continue;
      const share = containment(draft[j], prev[i], idfOf);
      if (share > bestShare || (share === bestShare && best >= 0 && i < best)) {
        best = i;
        bestShare = share;
      }
    }
    if (best >= 0 && bestShare >= CONTAINED) {
      forward[best].push(j);
      forward[best].sort((a, b) => a - b);
      backward[j].push(best);
      draftSimilarity[j] = bestShare;
      if (!similarity[best]) similarity[best] = bestShare;
    }
  }
  // Merged parts: a previous paragraph left over that lies inside a draft paragraph next to that one's source.
  for (let i = 0; i < n; i++) {
    if (forward[i].length) continue;
    let best = -1;
    let bestShare = 0;
    for (const j of candidatesOfPrev(i)) {
      const near = !backward[j].length || backward[j].some((k) => Math.abs(k - i) <= 2);
      if (!near || cosine(prev[i], draft[j]) < 0.2) continue;
      const share = containment(prev[i], draft[j], idfOf);
      if (share > bestShare) {
        best = j;
        bestShare = share;
      }
    }
    if (best >= 0 && bestShare >= CONTAINED) {
      forward[i].push(best);
      backward[best].push(i);
      backward[best].sort((a, b) => a - b);
      similarity[i] = bestShare;
      if (!draftSimilarity[best]) draftSimilarity[best] = bestShare;
    }
  }

  // 4. Moves: out of the longest run in which counterparts keep their order.
  const matched: number[] = [];
  for (let i = 0; i < n; i++) if (forward[i].length) matched.push(i);
  const inOrder = longestIncreasing(matched.map((i) => forward[i][0]));
  const moved = new Array<boolean>(n).fill(false);
  matched.forEach((i, k) => (moved[i] = !inOrder.has(k)));

  const cover = (vectors: readonly WordVector[], sims: number[]) => {
    let total = 0;
    let covered = 0;
    vectors.forEach((v, i) => {
      total += v.mass;
      covered += v.mass * Math.min(1, sims[i]);
    });
    return total ? covered / total : 0;
  };
  return { forward, backward, similarity, moved, strength: Math.max(cover(prev, similarity), cover(draft, draftSimilarity)) };
}
