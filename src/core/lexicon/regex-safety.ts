/**
 * User lexicons may carry regular expressions, and JavaScript has no regex timeout: one exec() that backtracks
 * catastrophically blocks the server for as long as it runs. Every user pattern is therefore analysed before it
 * is compiled, on the pattern exactly as it will run (with the u flag, searched from every position):
 *
 * 1. The pattern is parsed (JS regex syntax, unicode mode) into character sets, assertions, alternations and
 *    repetitions. Back-references and lookbehind are refused outright.
 * 2. It becomes a position automaton (Glushkov) that keeps the multiplicity of its edges, so that "(a+)+" keeps
 *    both of its ways from one "a" to the next. The search loop of exec() is an extra state that reads any
 *    character before the match starts, and every state is split by whether the character it read is a word
 *    character, so that \b and \B are exact. Bounded repeats are expanded ({2,6} is six copies) unless that is
 *    too large, when they count as unbounded.
 * 3. A backtracking matcher explores every path of that automaton that agrees with the input until one
 *    reaches the end of the pattern. It is slow exactly when the automaton is ambiguous:
 *    - exponential: a cycle that can read the same text along two different paths — nested quantifiers such
 *      as (a+)+ or ([a-z]+)*$, or a repeated alternation whose branches can match the same text such as
 *      (a|aa)* or (?:a|a){1,30}. Checked on the automaton in which every counted repeat {n,m} with m > 1 is
 *      unbounded, so that the size of the bound cannot hide it. ((a|ab)* is not ambiguous: "ab" has one
 *      reading.)
 *    - polynomial: two distinct loops that can both read the same text, one after the other, before something
 *      that can fail — \w*a\w*X, .*.*=, or \w*X and (a|ab)*c, whose loop the search loop enters again at
 *      every start position. Only states from which the match can still fail count: once a path reaches a
 *      point where the rest of the pattern is optional, the match succeeds there, so "\d{1,3}(?:,\d{3})*" is
 *      fine.
 *    - bounded but large: more than MAX_WAYS paths alive at once for some input, such as eight overlapping
 *      optional groups in a row. Computed by running the automaton over classes of characters with path counts.
 * 4. Lookahead bodies are checked the same way, as patterns of their own; in the pattern around them a
 *    lookahead counts as an assertion that may fail and otherwise lets everything through (conservative).
 *
 * Every approximation errs towards refusing: case-insensitive sets are closed under case mapping, \p{…} is
 * any character, ^ and $ with the m flag may hold anywhere. The analysis has a step budget per pattern and per
 * lexicon; a pattern it cannot finish is refused, never run.
 *
 * What is accepted can still be slow through sheer volume (hundreds of patterns, a huge draft): the lexicon
 * runs user patterns on bounded segments of each paragraph under a time budget per document (see lexicon.ts).
 */
export type RegexRefusal =
  | 'length'
  | 'flags'
  | 'syntax'
  | 'unsupported'
  | 'backreference'
  | 'lookbehind'
  | 'nested-quantifiers'
  | 'overlapping-alternatives'
  | 'overlapping-repetitions'
  | 'ambiguity'
  | 'complexity'
  /** Not judged: the lexicon's share of analysis was used up by its other patterns. */
  | 'unchecked';

export interface RegexCheck {
  ok: boolean;
  reason?: string;
  /** Why the pattern was refused, for programs; `reason` is the sentence for people. */
  kind?: RegexRefusal;
}

const MAX_PATTERN_LENGTH = 500;
/** The most paths a backtracking matcher may have alive at one input position. */
export const MAX_WAYS = 256;
/** Automaton states (after expansion of bounded repeats) beyond which a pattern is too complex to check. */
const MAX_STATES = 3000;
/** A bounded repeat is expanded exactly when its copies hold at most this many positions. */
const MAX_EXPANSION = 400;
/** Elementary steps the analysis may take on one pattern (a step is well under a microsecond). */
const WORK_LIMIT = 1_000_000;
/** Steps the analysis may take on all the patterns of one lexicon, so that a hostile lexicon cannot stall loading. */
export const LEXICON_ANALYSIS_STEPS = 8_000_000;
/** Distinct sets of live paths explored when counting the ways to match. */
const MAX_VECTORS = 6000;

class Refusal extends Error {
  constructor(
    readonly kind: RegexRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** Counts the analysis' steps against its limit. */
class Work {
  steps = 0;
  constructor(readonly limit: number) {}
  tick(n = 1): void {
    if ((this.steps += n) > this.limit) throw tooComplex();
  }
}

const tooComplex = () => new Refusal('complexity', 'too complex to check for catastrophic backtracking (simplify the pattern or split it into several terms)');

// ---------------------------------------------------------------------------------------------------------------
// Character sets: sorted, disjoint, non-adjacent inclusive code point ranges [lo0, hi0, lo1, hi1, ...].

type CharSet = number[];
const MAX_CP = 0x10ffff;

function normalize(ranges: Array<[number, number]>): CharSet {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of ranges) {
    if (lo > hi) continue;
    const n = out.length;
    if (n && lo <= out[n - 1] + 1) {
      if (hi > out[n - 1]) out[n - 1] = hi;
    } else out.push(lo, hi);
  }
  return out;
}

function rangesOf(set: CharSet): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < set.length; i += 2) out.push([set[i], set[i + 1]]);
  return out;
}

function complement(a: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < a.length; i += 2) {
    if (a[i] > next) out.push(next, a[i] - 1);
    next = a[i + 1] + 1;
  }
  if (next <= MAX_CP) out.push(next, MAX_CP);
  return out;
}

function intersect(a: CharSet, b: CharSet): CharSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i], b[j]);
    const hi = Math.min(a[i + 1], b[j + 1]);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

function contains(set: CharSet, cp: number): boolean {
  let lo = 0;
  let hi = set.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < set[2 * mid]) hi = mid - 1;
    else if (cp > set[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const single = (cp: number): CharSet => [cp, cp];
const ALL: CharSet = [0, MAX_CP];
const DIGIT: CharSet = [0x30, 0x39];
const WORD: CharSet = normalize([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
const SPACE: CharSet = normalize([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
const LINE_TERMINATORS: CharSet = normalize([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]);

/** Classes of code points that match each other case-insensitively (an over-approximation of case folding). */
let caseClasses: number[][] | undefined;

function getCaseClasses(): number[][] {
  if (caseClasses) return caseClasses;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    return root;
  };
  const unite = (a: number, b: number) => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    for (const t of [s.toLowerCase(), s.toUpperCase()]) {
      if (t === s) continue;
      const other = t.codePointAt(0)!;
      if (t.length === (other > 0xffff ? 2 : 1)) unite(cp, other);
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const root = find(cp);
    const group = groups.get(root);
    if (group) group.push(cp);
    else groups.set(root, [cp]);
  }
  caseClasses = [...groups.values()].filter((g) => g.length > 1);
  return caseClasses;
}

function caseClosure(set: CharSet): CharSet {
  const extra: Array<[number, number]> = [];
  for (const group of getCaseClasses()) {
    if (group.some((cp) => contains(set, cp))) for (const cp of group) if (!contains(set, cp)) extra.push([cp, cp]);
  }
  return extra.length ? normalize([...rangesOf(set), ...extra]) : set;
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing (unicode-mode syntax; the pattern has already been compiled by the engine, so it is valid).

type Node =
  | { t: 'char'; set: CharSet }
  | { t: 'assert'; kind: 'bol' | 'eol' | 'b' | 'B' }
  | { t: 'look'; body: Node }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; body: Node; min: number; max: number; start: number; end: number };

interface Flags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

class Parser {
  private i = 0;
  readonly lookaheads: Node[] = [];
  readonly word: CharSet;

  constructor(
    private readonly src: string,
    private readonly flags: Flags,
  ) {
    this.word = flags.ignoreCase ? caseClosure(WORD) : WORD;
  }

  parse(): Node {
    const node = this.disjunction();
    if (this.i < this.src.length) throw new Refusal('syntax', `unexpected "${this.src[this.i]}" at ${this.i}`);
    return node;
  }

  private disjunction(): Node {
    const alts = [this.alternative()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.alternative());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }

  private alternative(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') items.push(this.term());
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  private expect(ch: string): void {
    if (this.src[this.i] !== ch) throw new Refusal('syntax', `expected "${ch}" at ${this.i}`);
    this.i++;
  }

  private char(set: CharSet): Node {
    return { t: 'char', set: this.flags.ignoreCase ? caseClosure(set) : set };
  }

  private term(): Node {
    const src = this.src;
    const start = this.i;
    const c = src[this.i];
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert', kind: c === '^' ? 'bol' : 'eol' };
    }
    if (c === '\\' && (src[this.i + 1] === 'b' || src[this.i + 1] === 'B')) {
      this.i += 2;
      return { t: 'assert', kind: src[this.i - 1] === 'b' ? 'b' : 'B' };
    }
    if (src.startsWith('(?<=', this.i) || src.startsWith('(?<!', this.i)) throw new Refusal('lookbehind', 'lookbehind is not allowed');
    if (src.startsWith('(?=', this.i) || src.startsWith('(?!', this.i)) {
      this.i += 3;
      const body = this.disjunction();
      this.expect(')');
      this.lookaheads.push(body);
      return { t: 'look', body };
    }
    let atom: Node;
    if (c === '(') {
      if (src.startsWith('(?:', this.i)) this.i += 3;
      else if (src.startsWith('(?<', this.i)) this.i = src.indexOf('>', this.i) + 1;
      else if (src[this.i + 1] === '?') throw new Refusal('unsupported', `unsupported group syntax at ${this.i}`);
      else this.i++;
      atom = this.disjunction();
      this.expect(')');
    } else if (c === '.') {
      this.i++;
      atom = this.char(this.flags.dotAll ? ALL : complement(LINE_TERMINATORS));
    } else if (c === '[') {
      atom = this.char(this.charClass());
    } else if (c === '\\') {
      atom = this.char(this.atomEscape());
    } else {
      const cp = src.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      atom = this.char(single(cp));
    }
    return this.quantifier(atom, start);
  }

  private quantifier(atom: Node, start: number): Node {
    const src = this.src;
    let min: number;
    let max: number;
    const c = src[this.i];
    if (c === '*' || c === '+' || c === '?') {
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Infinity;
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.i, this.i + 40));
      if (!m) throw new Refusal('syntax', `bad quantifier at ${this.i}`);
      min = Math.min(Number(m[1]), 1e9);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Math.min(Number(m[3]), 1e9);
      this.i += m[0].length;
    } else return atom;
    if (src[this.i] === '?') this.i++;
    return { t: 'rep', body: atom, min, max, start, end: this.i };
  }

  /** After a backslash outside a class: a class escape or one character. */
  private atomEscape(): CharSet {
    const c = this.src[this.i + 1];
    if (c === 'k') throw new Refusal('backreference', 'back-references are not allowed');
    if (c >= '1' && c <= '9') throw new Refusal('backreference', 'back-references are not allowed');
    const set = this.classEscape();
    if (set) return set;
    return single(this.characterEscape());
  }

  /** \d \D \s \S \w \W \p{…} \P{…} at this.i (the backslash); undefined for anything else. */
  private classEscape(): CharSet | undefined {
    const c = this.src[this.i + 1];
    switch (c) {
      case 'd':
      case 'D':
      case 's':
      case 'S':
      case 'w':
      case 'W': {
        this.i += 2;
        const base = c.toLowerCase() === 'd' ? DIGIT : c.toLowerCase() === 's' ? SPACE : this.word;
        return c === c.toUpperCase() ? complement(base) : base;
      }
      case 'p':
      case 'P': {
        // Unicode properties: any character, as far as overlap is concerned.
        const close = this.src.indexOf('}', this.i);
        if (close < 0) throw new Refusal('syntax', 'bad property escape');
        this.i = close + 1;
        return ALL;
      }
      default:
        return undefined;
    }
  }

  /** One escaped character at this.i (the backslash). */
  private characterEscape(): number {
    const src = this.src;
    const c = src[this.i + 1];
    this.i += 2;
    switch (c) {
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'v':
        return 11;
      case 'f':
        return 12;
      case 'r':
        return 13;
      case '0':
        return 0;
      case 'c':
        this.i++;
        return src.charCodeAt(this.i - 1) % 32;
      case 'x': {
        this.i += 2;
        return parseInt(src.slice(this.i - 2, this.i), 16);
      }
      case 'u': {
        if (src[this.i] === '{') {
          const close = src.indexOf('}', this.i);
          const cp = parseInt(src.slice(this.i + 1, close), 16);
          this.i = close + 1;
          return cp;
        }
        const unit = parseInt(src.slice(this.i, this.i + 4), 16);
        this.i += 4;
        if (unit >= 0xd800 && unit <= 0xdbff && src.startsWith('\\u', this.i)) {
          const trail = parseInt(src.slice(this.i + 2, this.i + 6), 16);
          if (trail >= 0xdc00 && trail <= 0xdfff) {
            this.i += 6;
            return 0x10000 + ((unit - 0xd800) << 10) + (trail - 0xdc00);
          }
        }
        return unit;
      }
      default: {
        // An identity escape (\. \/ \- ...): the character itself.
        const cp = src.codePointAt(this.i - 1)!;
        if (cp > 0xffff) this.i++;
        return cp;
      }
    }
  }

  private charClass(): CharSet {
    const src = this.src;
    this.i++;
    const negate = src[this.i] === '^';
    if (negate) this.i++;
    const ranges: Array<[number, number]> = [];
    const atom = (): CharSet | number => {
      if (src[this.i] === '\\') {
        const set = this.classEscape();
        if (set) return set;
        if (src[this.i + 1] === 'b') {
          this.i += 2;
          return 8;
        }
        if (src[this.i + 1] === '-') {
          this.i += 2;
          return 0x2d;
        }
        return this.characterEscape();
      }
      const cp = src.codePointAt(this.i)!;
      this.i += cp > 0xffff ? 2 : 1;
      return cp;
    };
    while (this.i < src.length && src[this.i] !== ']') {
      const a = atom();
      if (typeof a === 'number' && src[this.i] === '-' && src[this.i + 1] !== ']') {
        this.i++;
        const b = atom();
        if (typeof b !== 'number') throw new Refusal('syntax', 'bad class range');
        ranges.push([a, b]);
      } else if (typeof a === 'number') ranges.push([a, a]);
      else ranges.push(...rangesOf(a));
    }
    this.expect(']');
    const set = normalize(ranges);
    return negate ? complement(set) : set;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The position automaton.

/** A repetition around a position, and whether it loops in the automaton being built. */
interface Enclosing {
  node: Node;
  loops: boolean;
}

interface Position {
  set?: CharSet;
  assert?: 'bol' | 'eol' | 'b' | 'B' | 'look';
  enclosing: Enclosing[];
}

type Weights = Map<number, number>;

interface Fragment {
  first: Weights;
  last: Weights;
  /** Number of ways to match the empty string (capped). */
  nullable: number;
}

const CAP = 1 << 20;
const capped = (n: number) => (n > CAP ? CAP : n);

function addWeights(into: Weights, from: Weights, scale = 1): Weights {
  if (!scale) return into;
  for (const [k, v] of from) into.set(k, capped((into.get(k) ?? 0) + v * scale));
  return into;
}

type Mode = 'exact' | 'unbounded';

class Builder {
  readonly positions: Position[] = [];
  readonly follow: Weights[] = [];

  constructor(private readonly mode: Mode) {}

  private add(position: Position): number {
    if (this.positions.length >= MAX_STATES) throw tooComplex();
    this.positions.push(position);
    this.follow.push(new Map());
    return this.positions.length - 1;
  }

  private link(last: Weights, first: Weights): void {
    for (const [a, wa] of last) {
      const out = this.follow[a];
      for (const [b, wb] of first) out.set(b, capped((out.get(b) ?? 0) + wa * wb));
    }
  }

  private concat(a: Fragment, b: Fragment): Fragment {
    this.link(a.last, b.first);
    return {
      first: addWeights(new Map(a.first), b.first, a.nullable),
      last: addWeights(new Map(b.last), a.last, b.nullable),
      nullable: capped(a.nullable * b.nullable),
    };
  }

  build(node: Node, enclosing: Enclosing[]): Fragment {
    switch (node.t) {
      case 'char':
      case 'assert':
      case 'look': {
        const p = this.add(node.t === 'char' ? { set: node.set, enclosing } : { assert: node.t === 'look' ? 'look' : node.kind, enclosing });
        return { first: new Map([[p, 1]]), last: new Map([[p, 1]]), nullable: 0 };
      }
      case 'seq': {
        let fragment: Fragment = { first: new Map(), last: new Map(), nullable: 1 };
        for (const item of node.items) fragment = this.concat(fragment, this.build(item, enclosing));
        return fragment;
      }
      case 'alt': {
        const out: Fragment = { first: new Map(), last: new Map(), nullable: 0 };
        for (const alt of node.alts) {
          const f = this.build(alt, enclosing);
          addWeights(out.first, f.first);
          addWeights(out.last, f.last);
          out.nullable = capped(out.nullable + f.nullable);
        }
        return out;
      }
      case 'rep':
        return this.repeat(node, enclosing);
    }
  }

  private repeat(node: Extract<Node, { t: 'rep' }>, enclosing: Enclosing[]): Fragment {
    const { body, min, max } = node;
    const empty: Fragment = { first: new Map(), last: new Map(), nullable: 1 };
    if (max === 0) return empty;
    const exact = this.mode === 'exact' ? max !== Infinity && size(body) * max <= MAX_EXPANSION : max <= 1;
    if (exact) {
      const inside = [...enclosing, { node, loops: false }];
      // X{2,4} = X X (X (X)?)? : the optional copies nest, as the counter of a backtracking matcher does.
      let optional = empty;
      for (let k = 0; k < max - min; k++) {
        const more = this.concat(this.build(body, inside), optional);
        optional = { first: more.first, last: more.last, nullable: 1 };
      }
      let fragment = empty;
      for (let k = 0; k < min; k++) fragment = this.concat(fragment, this.build(body, inside));
      return this.concat(fragment, optional);
    }
    // Unbounded, or too large to expand: X{n,} = X^(n-1) X+ with at most a few mandatory copies.
    const inside = [...enclosing, { node, loops: true }];
    let fragment = empty;
    const mandatory = this.mode === 'exact' ? Math.min(min, Math.max(1, Math.floor(MAX_EXPANSION / Math.max(1, size(body))))) : Math.min(min, 1);
    for (let k = 1; k < mandatory; k++) fragment = this.concat(fragment, this.build(body, inside));
    const loop = this.build(body, inside);
    this.link(loop.last, loop.first);
    const plus: Fragment = { first: loop.first, last: loop.last, nullable: mandatory >= 1 ? loop.nullable : 1 };
    return this.concat(fragment, plus);
  }
}

/** Positions one copy of a node creates in the exact automaton (capped). */
function size(node: Node): number {
  switch (node.t) {
    case 'char':
    case 'assert':
    case 'look':
      return 1;
    case 'seq':
      return Math.min(CAP, node.items.reduce((n, item) => n + size(item), 0));
    case 'alt':
      return Math.min(CAP, node.alts.reduce((n, alt) => n + size(alt), 0));
    case 'rep': {
      const inner = size(node.body);
      if (node.max !== Infinity && inner * node.max <= MAX_EXPANSION) return Math.max(1, inner * node.max);
      return Math.min(CAP, inner * Math.max(1, Math.min(node.min, Math.floor(MAX_EXPANSION / Math.max(1, inner)))));
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// From positions to the automaton the analyses run on: assertions folded into edges, states split by word-ness.

interface State {
  /** Index into positions; -1 for the start of input, -2 for the search loop that skips characters. */
  position: number;
  word: boolean;
  set: CharSet;
  out: Array<{ to: number; weight: number }>;
  /** The match certainly succeeds once a path gets here (the rest of the pattern is optional). */
  final: boolean;
  mask: Uint32Array;
}

interface Automaton {
  states: State[];
  positions: Position[];
  atoms: number;
  /** A character of each atom (for examples in messages). */
  samples: number[];
}

const START = -1;
const SEARCH = -2;

interface Route {
  to: number; // a position, or END
  weight: number;
  b: number;
  B: number;
  bol: boolean;
  eol: boolean;
  look: boolean;
}
const END = -3;

function buildAutomaton(root: Node, mode: Mode, flags: Flags, word: CharSet, work: Work): Automaton {
  const builder = new Builder(mode);
  const fragment = builder.build(root, []);
  const { positions, follow } = builder;
  const isLast = fragment.last;

  // Every way from one consuming position (or the start) to the next, through zero-width assertions.
  const successors = (p: number): Array<[number, number]> => {
    const out: Array<[number, number]> = [...(p < 0 ? fragment.first : follow[p])];
    const toEnd = p < 0 ? fragment.nullable : isLast.get(p) ?? 0;
    if (toEnd) out.push([END, toEnd]);
    return out;
  };
  const routesFrom = (p: number): Route[] => {
    const routes: Route[] = [];
    const walk = (at: number, weight: number, c: Omit<Route, 'to' | 'weight'>, seen: Set<number>) => {
      for (const [next, w] of successors(at)) {
        work.tick();
        const total = capped(weight * w);
        if (next === END || positions[next].set) {
          routes.push({ to: next, weight: total, ...c });
          continue;
        }
        if (seen.has(next)) continue;
        const kind = positions[next].assert!;
        const d = { ...c };
        if (kind === 'b') d.b++;
        else if (kind === 'B') d.B++;
        else if (kind === 'bol') d.bol = true;
        else if (kind === 'eol') d.eol = true;
        else d.look = true;
        seen.add(next);
        walk(next, total, d, seen);
        seen.delete(next);
      }
    };
    walk(p, 1, { b: 0, B: 0, bol: false, eol: false, look: false }, new Set());
    return routes;
  };

  // States: the start, the search loop (split), and each consuming position split into word / non-word.
  const nonWord = complement(word);
  const states: State[] = [];
  const idOf = new Map<string, number>();
  const addState = (position: number, isWord: boolean, set: CharSet) => {
    if (!set.length && position !== START) return;
    idOf.set(`${position}/${isWord}`, states.length);
    states.push({ position, word: isWord, set, out: [], final: false, mask: new Uint32Array(0) });
  };
  addState(START, false, []);
  addState(SEARCH, true, word);
  addState(SEARCH, false, nonWord);
  positions.forEach((pos, p) => {
    if (!pos.set) return;
    addState(p, true, intersect(pos.set, word));
    addState(p, false, intersect(pos.set, nonWord));
  });
  if (states.length > MAX_STATES) throw tooComplex();
  const variants = (p: number) => [idOf.get(`${p}/true`), idOf.get(`${p}/false`)].filter((id): id is number => id !== undefined);

  const routeCache = new Map<number, Route[]>();
  for (const state of states) {
    const base = state.position === SEARCH ? START : state.position;
    let routes = routeCache.get(base);
    if (!routes) routeCache.set(base, (routes = routesFrom(base)));
    const out = new Map<number, number>();
    if (state.position === START || state.position === SEARCH) for (const id of variants(SEARCH)) out.set(id, 1);
    for (const r of routes) {
      if (r.to === END) {
        const conditional = r.B > 0 || r.bol || r.eol || r.look || r.b > 1;
        if (!conditional && r.b === 0) state.final = true;
        // "\w+\b": the loop reads every word character, so when it stops the boundary holds.
        else if (!conditional && state.word && state.position >= 0 && follow[state.position].has(state.position) && !intersect(word, complement(positions[state.position].set!)).length) state.final = true;
        continue;
      }
      if (r.bol && !flags.multiline && state.position !== START) continue;
      if (r.eol && !flags.multiline) continue;
      if (r.b && r.B) continue;
      for (const id of variants(r.to)) {
        const target = states[id];
        if (r.b && target.word === state.word) continue;
        if (r.B && target.word !== state.word) continue;
        out.set(id, capped((out.get(id) ?? 0) + r.weight));
      }
    }
    state.final = state.final && state.position !== SEARCH;
    state.out = [...out].map(([to, weight]) => ({ to, weight }));
  }

  // Atoms: the coarsest partition of the characters that every state's set is a union of.
  const unique = new Map<string, CharSet>();
  for (const s of states) unique.set(s.set.join(','), s.set);
  const sets = [...unique.values()];
  const cuts = new Set<number>([0]);
  for (const set of sets) for (let i = 0; i < set.length; i += 2) cuts.add(set[i]).add(set[i + 1] + 1);
  const bounds = [...cuts].filter((c) => c <= MAX_CP).sort((a, b) => a - b);
  const atomOf = new Map<string, number>();
  const samples: number[] = [];
  const intervalAtoms: number[] = [];
  for (let k = 0; k < bounds.length; k++) {
    work.tick(sets.length);
    const lo = bounds[k];
    const hi = k + 1 < bounds.length ? bounds[k + 1] - 1 : MAX_CP;
    const signature = sets.map((s) => (contains(s, lo) ? '1' : '0')).join('');
    let atom = atomOf.get(signature);
    if (atom === undefined) {
      atom = samples.length;
      atomOf.set(signature, atom);
      samples.push(lo);
    }
    // A readable example: prefer a lower-case letter, then a capital, a digit, any printable ASCII character.
    for (const [from, to] of READABLE) {
      if (readability(samples[atom]) <= readability(from)) break;
      const cp = Math.max(lo, from);
      if (cp <= Math.min(hi, to)) {
        samples[atom] = cp;
        break;
      }
    }
    intervalAtoms.push(atom);
  }
  const words = Math.ceil(samples.length / 32) || 1;
  const maskOf = new Map<string, Uint32Array>();
  for (const [key, set] of unique) {
    const mask = new Uint32Array(words);
    for (let k = 0; k < bounds.length; k++) {
      if (contains(set, bounds[k])) mask[intervalAtoms[k] >> 5] |= 1 << (intervalAtoms[k] & 31);
    }
    maskOf.set(key, mask);
  }
  for (const s of states) s.mask = maskOf.get(s.set.join(','))!;
  return { states, positions, atoms: samples.length, samples };
}

const READABLE: Array<[number, number]> = [
  [0x61, 0x7a],
  [0x41, 0x5a],
  [0x30, 0x39],
  [0x21, 0x7e],
];

/** 0 for a lower-case letter ... 4 for anything outside printable ASCII. */
function readability(cp: number): number {
  const k = READABLE.findIndex(([from, to]) => cp >= from && cp <= to);
  return k < 0 ? READABLE.length : k;
}

function overlaps(a: Uint32Array, b: Uint32Array, c?: Uint32Array): number {
  for (let i = 0; i < a.length; i++) {
    const both = c ? a[i] & b[i] & c[i] : a[i] & b[i];
    if (both) return i * 32 + 31 - Math.clz32(both & -both);
  }
  return -1;
}

/** Strongly connected components (iterative Tarjan) of the states allowed by `keep`. */
function components(states: State[], keep: (id: number) => boolean): { comp: Int32Array; cyclic: boolean[] } {
  const n = states.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const cyclic: boolean[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0 || !keep(root)) continue;
    const frames: Array<[number, number]> = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const [v, k] = frame;
      const out = states[v].out;
      if (k < out.length) {
        frame[1]++;
        const w = out[k].to;
        if (!keep(w)) continue;
        if (index[w] < 0) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          frames.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], index[w]);
        continue;
      }
      frames.pop();
      if (frames.length) low[frames[frames.length - 1][0]] = Math.min(low[frames[frames.length - 1][0]], low[v]);
      if (low[v] === index[v]) {
        const id = cyclic.length;
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = id;
          members.push(w);
        } while (w !== v);
        cyclic.push(members.length > 1 || states[v].out.some((e) => e.to === v));
      }
    }
  }
  return { comp, cyclic };
}

// ---------------------------------------------------------------------------------------------------------------
// The three ambiguity checks.

/** A cycle that reads the same text along two different paths (exponential backtracking). */
function findExponential(a: Automaton, work: Work): number[] | undefined {
  const { states } = a;
  const n = states.length;
  const { comp, cyclic } = components(states, () => true);
  const members = new Map<number, number[]>();
  for (let v = 0; v < n; v++) if (cyclic[comp[v]]) (members.get(comp[v]) ?? members.set(comp[v], []).get(comp[v])!).push(v);
  for (const [c, scc] of members) {
    // Two parallel edges inside the cycle: two ways to read the same character and come back.
    for (const v of scc) if (states[v].out.some((e) => comp[e.to] === c && e.weight > 1)) return scc;
    // Pairs of states read by the same text: a pair of different states reachable from (p, p) and back.
    const inside = (v: number) => comp[v] === c;
    const local = new Map<number, number>();
    scc.forEach((v, i) => local.set(v, i));
    const m = scc.length;
    const incoming: number[][] = scc.map(() => []);
    for (const v of scc) for (const e of states[v].out) if (inside(e.to)) incoming[local.get(e.to)!].push(v);
    const explore = (next: (v: number) => number[]): Uint8Array => {
      const seen = new Uint8Array(m * m);
      const queue: number[] = [];
      for (let i = 0; i < m; i++) {
        seen[i * m + i] = 1;
        queue.push(i * m + i);
      }
      while (queue.length) {
        const key = queue.pop()!;
        const x = scc[Math.floor(key / m)];
        const y = scc[key % m];
        for (const x2 of next(x)) {
          for (const y2 of next(y)) {
            work.tick();
            const k2 = local.get(x2)! * m + local.get(y2)!;
            if (seen[k2]) continue;
            // Forward, the pair reads a character both targets accept; backward, both sources do.
            const [u, w] = next === forward ? [x2, y2] : [x, y];
            if (overlaps(states[u].mask, states[w].mask) < 0) continue;
            seen[k2] = 1;
            queue.push(k2);
          }
        }
      }
      return seen;
    };
    const forward = (v: number) => states[v].out.filter((e) => inside(e.to)).map((e) => e.to);
    const backward = (v: number) => incoming[local.get(v)!];
    const from = explore(forward);
    const to = explore(backward);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j && from[i * m + j] && to[i * m + j]) return scc;
  }
  return undefined;
}

/**
 * Two different loops p and q, with a text w that goes round p, from p to q and round q, through states from
 * which the match can still fail (polynomial backtracking). Returns the two states and w as atoms.
 */
function findPolynomial(a: Automaton, work: Work): { p: number; q: number; pump: number[] } | undefined {
  const { states } = a;
  const n = states.length;
  const open = (v: number) => !states[v].final;
  const { comp, cyclic } = components(states, open);
  const loops = [...states.keys()].filter((v) => open(v) && cyclic[comp[v]]);
  if (loops.length < 2) return undefined;
  const edges = (v: number) => states[v].out.filter((e) => open(e.to)).map((e) => e.to);
  const reach = (from: number, next: (v: number) => number[]): Uint8Array => {
    const seen = new Uint8Array(n);
    const queue = [from];
    seen[from] = 1;
    while (queue.length) {
      const v = queue.pop()!;
      for (const w of next(v)) {
        work.tick();
        if (!seen[w]) {
          seen[w] = 1;
          queue.push(w);
        }
      }
    }
    return seen;
  };
  const incoming: number[][] = states.map(() => []);
  for (let v = 0; v < n; v++) if (open(v)) for (const w of edges(v)) incoming[w].push(v);
  // Loops inside the pattern first: the search loop pairs make a less specific message.
  const ordered = [...loops.filter((v) => states[v].position >= 0), ...loops.filter((v) => states[v].position < 0)];
  const reachFrom = new Map<number, Uint8Array>();
  const reachTo = new Map<number, Uint8Array>();
  for (const p of ordered) {
    const fromP = reachFrom.get(p) ?? reachFrom.set(p, reach(p, edges)).get(p)!;
    for (const q of loops) {
      if (q === p || comp[q] === comp[p] || !fromP[q]) continue;
      const toQ = reachTo.get(q) ?? reachTo.set(q, reach(q, (v) => incoming[v])).get(q)!;
      const found = searchTriple(states, comp, p, q, (v) => fromP[v] === 1 && toQ[v] === 1, work);
      if (found) return { p, q, pump: found };
    }
  }
  return undefined;
}

function searchTriple(states: State[], comp: Int32Array, p: number, q: number, between: (v: number) => boolean, work: Work): number[] | undefined {
  const n = states.length;
  const key = (x: number, y: number, z: number) => (x * n + y) * n + z;
  const start = key(p, p, q);
  const goal = key(p, q, q);
  const parent = new Map<number, [number, number]>();
  const queue = [start];
  const outIn = (v: number, c: number) => states[v].out.filter((e) => comp[e.to] === c).map((e) => e.to);
  const outBetween = (v: number) => states[v].out.filter((e) => between(e.to)).map((e) => e.to);
  for (let head = 0; head < queue.length; head++) {
    const k = queue[head];
    const z = k % n;
    const y = Math.floor(k / n) % n;
    const x = Math.floor(k / n / n);
    for (const x2 of outIn(x, comp[p])) {
      for (const y2 of outBetween(y)) {
        if (overlaps(states[x2].mask, states[y2].mask) < 0) continue;
        for (const z2 of outIn(z, comp[q])) {
          work.tick();
          const atom = overlaps(states[x2].mask, states[y2].mask, states[z2].mask);
          if (atom < 0) continue;
          const k2 = key(x2, y2, z2);
          if (k2 === goal) {
            const pump = [atom];
            for (let at = k; at !== start; at = parent.get(at)![0]) pump.unshift(parent.get(at)![1]);
            return pump;
          }
          if (parent.has(k2) || k2 === start) continue;
          parent.set(k2, [k, atom]);
          queue.push(k2);
        }
      }
    }
  }
  return undefined;
}

/**
 * The most paths alive at one input position, over every input (capped just above MAX_WAYS): the automaton
 * run on every string of atoms at once, with a count of paths per state. Every step is monotone in the counts,
 * so a set of counts that another one over the same states dominates leads nowhere higher and is dropped.
 */
function maxWays(a: Automaton, work: Work): number {
  const { states, atoms } = a;
  const n = states.length;
  const limit = MAX_WAYS + 1;
  const accepts = Array.from({ length: atoms }, (_, atom) => Uint8Array.from(states, (s) => (s.mask[atom >> 5] >>> (atom & 31)) & 1));
  const final = Uint8Array.from(states, (s) => (s.final ? 1 : 0));
  const acc = new Float64Array(n);
  const touched: number[] = [];
  interface Vector {
    ids: number[];
    counts: number[];
    dead: boolean;
  }
  const bySupport = new Map<string, Vector[]>();
  const queue: Vector[] = [{ ids: [0], counts: [1], dead: false }];
  let most = 1;
  for (let head = 0; head < queue.length; head++) {
    const vector = queue[head];
    if (vector.dead) continue;
    for (let atom = 0; atom < atoms; atom++) {
      const ok = accepts[atom];
      for (let i = 0; i < vector.ids.length; i++) {
        const count = vector.counts[i];
        const out = states[vector.ids[i]].out;
        work.tick(out.length);
        for (const e of out) {
          if (!ok[e.to]) continue;
          if (acc[e.to] === 0) touched.push(e.to);
          acc[e.to] = Math.min(limit, acc[e.to] + count * e.weight);
        }
      }
      touched.sort((x, y) => x - y);
      const ids = touched.slice();
      // The first path to reach a point where the rest is optional ends the search there.
      const counts = ids.map((v) => (final[v] ? 1 : acc[v]));
      for (const v of touched) acc[v] = 0;
      touched.length = 0;
      const total = counts.reduce((sum, c) => sum + c, 0);
      if (total > most) most = total;
      if (most > MAX_WAYS) return most;
      const support = ids.join(',');
      const same = bySupport.get(support) ?? [];
      work.tick(same.length * ids.length);
      if (same.some((o) => o.counts.every((c, i) => c >= counts[i]))) continue;
      for (const o of same) if (o.counts.every((c, i) => c <= counts[i])) o.dead = true;
      const fresh: Vector = { ids, counts, dead: false };
      bySupport.set(support, [...same.filter((o) => !o.dead), fresh]);
      if (queue.length >= MAX_VECTORS) throw tooComplex();
      queue.push(fresh);
    }
  }
  return most;
}

// ---------------------------------------------------------------------------------------------------------------
// Messages.

function innermostLoop(a: Automaton, state: number): Enclosing | undefined {
  const position = a.states[state].position;
  if (position < 0) return undefined;
  const chain = a.positions[position].enclosing;
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i].loops) return chain[i];
  return undefined;
}

function quoteSpan(source: string, node: Node | undefined): string {
  if (!node || node.t !== 'rep') return 'a repetition';
  const text = source.slice(node.start, node.end);
  return `"${text.length > 40 ? text.slice(0, 37) + '…' : text}"`;
}

function describeExponential(source: string, a: Automaton, scc: number[]): Refusal {
  const chains = scc.filter((v) => a.states[v].position >= 0).map((v) => a.positions[a.states[v].position].enclosing);
  let common = chains[0] ?? [];
  for (const chain of chains) {
    let k = 0;
    while (k < common.length && k < chain.length && common[k].node === chain[k].node) k++;
    common = common.slice(0, k);
  }
  // A loop around a state takes its whole body into the state's component: the outermost loop is the one
  // whose repetitions go wrong, and any loop inside it is the nested quantifier.
  const depth = common.findIndex((e) => e.loops);
  const outer = depth >= 0 ? common[depth].node : undefined;
  const nested = chains.some((chain) => chain.slice(depth + 1).some((e) => e.node.t === 'rep' && e.node.max > 1));
  const span = quoteSpan(source, outer);
  return nested
    ? new Refusal('nested-quantifiers', `nested quantifiers: ${span} repeats a group that itself repeats, so the same text can be split between the two repetitions in exponentially many ways (catastrophic backtracking)`)
    : new Refusal('overlapping-alternatives', `overlapping alternatives in a repetition: the alternatives of ${span} can match the same text, so every repetition multiplies the ways to try (catastrophic backtracking)`);
}

function describePolynomial(source: string, a: Automaton, found: { p: number; q: number; pump: number[] }): Refusal {
  let example = '';
  for (const atom of found.pump) example += String.fromCodePoint(a.samples[atom]);
  while (example.length < 6) example += example;
  example = JSON.stringify(example.slice(0, 12) + '…');
  const q = quoteSpan(source, innermostLoop(a, found.q)?.node);
  if (a.states[found.p].position < 0) {
    return new Refusal(
      'overlapping-repetitions',
      `unanchored repetition: ${q} can start at every position of a text such as ${example} and reads the rest of it again from each one before the pattern fails (quadratic backtracking); bound it (for example {1,5}) or anchor it so that it cannot start inside the text it repeats over (for example with \\b)`,
    );
  }
  const p = quoteSpan(source, innermostLoop(a, found.p)?.node);
  const which = p === q ? `two repetitions of ${p}` : `${p} and ${q}`;
  return new Refusal(
    'overlapping-repetitions',
    `overlapping repetitions: ${which} can both match the same text, such as ${example}, and the pattern can still fail after them, so the work grows with a power of the paragraph's length (polynomial backtracking)`,
  );
}

// ---------------------------------------------------------------------------------------------------------------

function analyse(source: string, root: Node, flags: Flags, word: CharSet, work: Work): void {
  // Exponential ambiguity, with every counted repeat unbounded: (?:a|a){1,30} is (?:a|a)+.
  const unbounded = buildAutomaton(root, 'unbounded', flags, word, work);
  const cycle = findExponential(unbounded, work);
  if (cycle) throw describeExponential(source, unbounded, cycle);
  const exact = buildAutomaton(root, 'exact', flags, word, work);
  const cycle2 = findExponential(exact, work);
  if (cycle2) throw describeExponential(source, exact, cycle2);
  const polynomial = findPolynomial(exact, work);
  if (polynomial) throw describePolynomial(source, exact, polynomial);
  const ways = maxWays(exact, work);
  if (ways > MAX_WAYS) {
    throw new Refusal('ambiguity', `too many ways to match: the pattern can match the same text in more than ${MAX_WAYS} ways at once (overlapping optional or bounded parts one after the other); simplify it`);
  }
}

const memo = new Map<string, RegexCheck>();

/**
 * Whether a pattern may run. `budget`, shared by the patterns of one lexicon, is the number of analysis steps
 * left for them (see LEXICON_ANALYSIS_STEPS); each check takes what it uses from it.
 */
const UNCHECKED: RegexCheck = {
  ok: false,
  kind: 'unchecked',
  reason: 'not checked: the patterns of this lexicon together take too long to check (simplify them, or split them over several lexicons)',
};

export function checkRegexSafety(source: string, flags = '', budget?: { steps: number }): RegexCheck {
  const key = flags + '/' + source;
  const known = memo.get(key);
  if (known) return known;
  // With the lexicon's share spent, a pattern is not even parsed: thousands of them must not stall loading.
  if (budget && budget.steps <= 0) return UNCHECKED;
  const work = new Work(Math.max(0, Math.min(WORK_LIMIT, budget?.steps ?? WORK_LIMIT)));
  const result = check(source, flags, work);
  if (budget) budget.steps -= Math.min(work.steps, work.limit);
  // Refused for want of what was left of the lexicon's budget, not on its own merits: say so, and do not remember it.
  if (result.kind === 'complexity' && work.limit < WORK_LIMIT) return UNCHECKED;
  if (memo.size > 2000) memo.clear();
  memo.set(key, result);
  return result;
}

function check(source: string, flags: string, work: Work): RegexCheck {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, kind: 'length', reason: `pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  if (/[^gimsuy]/.test(flags)) return { ok: false, kind: 'flags', reason: `unsupported flags "${flags}" (use i, m, s or u)` };
  // Lexicon patterns always run in unicode mode: check them as they will run.
  try {
    new RegExp(source, [...new Set(flags + 'u')].join(''));
  } catch (error) {
    return { ok: false, kind: 'syntax', reason: `not a valid regular expression: ${(error as Error).message}` };
  }
  const f: Flags = { ignoreCase: flags.includes('i'), multiline: flags.includes('m'), dotAll: flags.includes('s') };
  try {
    const parser = new Parser(source, f);
    const root = parser.parse();
    analyse(source, root, f, parser.word, work);
    for (const body of parser.lookaheads) {
      try {
        analyse(source, body, f, parser.word, work);
      } catch (error) {
        if (error instanceof Refusal) throw new Refusal(error.kind, `inside a lookahead: ${error.message}`);
        throw error;
      }
    }
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, kind: error.kind, reason: error.message };
    if (error instanceof RangeError) return { ok: false, kind: 'complexity', reason: tooComplex().message };
    // A pattern the analysis cannot handle is not run: refuse it rather than fail the whole lexicon.
    return { ok: false, kind: 'unsupported', reason: `could not be checked (${(error as Error).message})` };
  }
  return { ok: true };
}
