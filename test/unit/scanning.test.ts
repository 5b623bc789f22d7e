import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import builtinLexicon from '../../data/lexicon/core.json';
import { isAcronymShape } from '../../src/core/facts';
import { builtinRunFlags } from '../../src/core/lexicon/lexicon';
import { gapBreak, normalizeWord, tokenize, tokenSpans, TOKEN_RE } from '../../src/core/lexicon/tokenize';
import { splitLines } from '../../src/core/model/blocks';
import { wordCount } from '../../src/core/model/model';
import { leadingWords } from '../../src/core/model/structure';
import { fullStop, sentenceBreak } from '../../src/core/reading';

// The hand-written scanners that replaced regular expressions on the hot path must read text exactly as the
// expressions did: each is checked here against the expression it replaced, on generated and real text.

const SEEDS = join(__dirname, '..', '..', '..', 'shared', 'seeds');
const PIECES = ['a', 'Z', 'é', 'É', 'ß', '𝐀', '𝟙', '٣', '1', '0', ' ', '  ', '\t', '\n', '\r\n', '\r', '’', "'", '-', '.', ',', ';', '…', '—', '(', 'is', 'ation', 'isations', 'ise', 'ised', '\u00a0'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

function wordCountByExpression(value: string, limit = Infinity): number {
  const re = /[\p{L}\p{N}]+/gu;
  let count = 0;
  while (count < limit && re.exec(value)) count++;
  return count;
}

function linesByLoop(value: string, from = 0): Array<{ start: number; end: number; next: number }> {
  const lines: Array<{ start: number; end: number; next: number }> = [];
  let start = from;
  for (;;) {
    let end = start;
    while (end < value.length && value[end] !== '\n' && value[end] !== '\r') end++;
    let next = end;
    if (next < value.length) next += value[next] === '\r' && value[next + 1] === '\n' ? 2 : 1;
    lines.push({ start, end, next });
    if (end >= value.length) return lines;
    start = next;
  }
}

function tokenSpansByExpression(value: string): number[] {
  const re = new RegExp(TOKEN_RE.source, 'gu');
  const spans: number[] = [];
  for (let m = re.exec(value); m; m = re.exec(value)) spans.push(m.index, m.index + m[0].length);
  return spans;
}

function normalizeByExpression(word: string): string {
  let w = word.toLowerCase().replace(/’/g, "'");
  const ise = w.length > 3 ? /is(?:ation(s?)|(e|es|ed|ing))$/.exec(w) : null;
  if (ise) w = w.slice(0, ise.index) + (ise[1] !== undefined ? `ization${ise[1]}` : `iz${ise[2]}`);
  return w;
}

describe('hand-written scanners read text as the expressions they replaced', () => {
  it('counts words (runs of letters and digits, astral ones included) up to a limit', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 70 }), (value, limit) => {
        assert.equal(wordCount(value), wordCountByExpression(value));
        assert.equal(wordCount(value, limit), wordCountByExpression(value, limit));
      }),
      { numRuns: 2000 },
    );
  });

  it('splits lines at LF, CRLF and lone CR, with and without carriage returns in the text', () => {
    fc.assert(
      fc.property(text, fc.nat(), (value, seed) => {
        const from = value.length ? seed % (value.length + 1) : 0;
        assert.deepEqual(splitLines(value, from), linesByLoop(value, from));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same leading words whatever limits were asked for before on the same paragraph', () => {
    const fresh = (value: string, limit: number, from: number) => {
      const re = /[\p{L}][\p{L}'’-]*/gu;
      re.lastIndex = from;
      const out: string[] = [];
      let m: RegExpExecArray | null;
      while (out.length < limit && (m = re.exec(value))) out.push(`${m.index}:${m[0]}`);
      return out;
    };
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.integer({ min: 0, max: 45 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 6 }), (value, calls) => {
        for (const [limit, from] of calls) {
          const got = leadingWords(value, limit, Math.min(from, value.length));
          assert.deepEqual(got.map((w) => `${w.start}:${w.text}`), fresh(value, limit, Math.min(from, value.length)));
          // A caller may change the list it gets without changing what the next caller sees.
          got.length = 0;
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the leading words of real paragraphs as the expression did', () => {
    for (const seed of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
      for (const paragraph of readFileSync(join(SEEDS, seed), 'utf8').split(/\n\s*\n/)) {
        const re = /[\p{L}][\p{L}'’-]*/gu;
        const expected: string[] = [];
        let m: RegExpExecArray | null;
        while (expected.length < 40 && (m = re.exec(paragraph))) expected.push(`${m.index}:${m[0]}`);
        assert.deepEqual(leadingWords(paragraph, 40).map((w) => `${w.start}:${w.text}`), expected);
      }
    }
  });

  it('folds -ise spellings only where the expression did (the cheap test before it skips no word it matched)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'r', 'n', 'is', 'ation', 'ations', 'e', 'es', 'ed', 'ing', 's', 'D', '’'), { minLength: 1, maxLength: 8 }), (parts) => {
        const word = parts.join('');
        if (['defense', 'defenses', 'program', 'programs', 'center', 'centers', 'labor', 'counselor', 'advisor', 'advisors', 'judgement', 'fulfil', 'enrol', 'favor', 'behavior', 'behaviors'].includes(word.toLowerCase())) return;
        assert.equal(normalizeWord(word), normalizeByExpression(word));
      }),
      { numRuns: 3000 },
    );
  });

  it('runs the built-in case-insensitive patterns without Unicode mode only where they find the same matches', () => {
    const texts = [
      ...readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).slice(0, 6).map((f) => readFileSync(join(SEEDS, f), 'utf8')),
      'Regardless of their sex, ethnicity or religion; irrespective of gender; discrimination on the grounds of sex. By 31 March 2027, within six months. From 20% of women in 2019 to 30 per cent. ſex KELVIN K',
    ];
    let compared = 0;
    for (const concept of (builtinLexicon as { concepts: Array<{ terms?: unknown[] }> }).concepts) {
      for (const term of concept.terms ?? []) {
        if (typeof term !== 'object' || term === null || !('pattern' in term)) continue;
        const { pattern, flags = '' } = term as { pattern: string; flags?: string };
        const checked = [...new Set((flags + 'gu').split(''))].join('');
        const run = builtinRunFlags(pattern, flags, checked);
        if (run === checked) continue;
        compared++;
        for (const value of texts) {
          const all = (re: RegExp) => [...value.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
          assert.deepEqual(all(new RegExp(pattern, run)), all(new RegExp(pattern, checked)), pattern);
        }
      }
    }
    assert.ok(compared >= 3, `expected the case-insensitive built-in patterns to run without "u" (${compared})`);
  });

  it('finds the words the token expression finds: numbers with separators, joined words, closing apostrophes, any script', () => {
    const pieces = [...PIECES, '&', '9', '12', '.5', ',05', "s'", 'x'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join('')), (value) => {
        const expected = tokenSpansByExpression(value);
        assert.deepEqual(tokenSpans(value), expected);
        // tokenize() scans plain ASCII words itself, and hands the rest to the same scanner.
        assert.deepEqual(tokenize(value).flatMap((token) => [token.start, token.end]), expected);
      }),
      { numRuns: 20000 },
    );
    for (const seed of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
      const value = readFileSync(join(SEEDS, seed), 'utf8');
      const expected = tokenSpansByExpression(value);
      assert.deepEqual(tokenSpans(value), expected, seed);
      assert.deepEqual(tokenize(value).flatMap((token) => [token.start, token.end]), expected, seed);
    }
    // The cases where a number stops short of a letter: one digit back, or the last group dropped.
    assert.deepEqual(tokenSpans('1.23a'), [0, 3, 3, 5]);
    assert.deepEqual(tokenSpans('1.2.3a'), [0, 3, 4, 6]);
    assert.deepEqual(tokenSpans('1.5a'), [0, 1, 2, 4]);
  });

  it('gives each token the record of the word written there, shared by every token of that word', () => {
    const check = (value: string) => {
      const byRaw = new Map<string, unknown>();
      for (const token of tokenize(value)) {
        const written = value.slice(token.start, token.end);
        assert.equal(token.raw, written);
        assert.equal(token.norm, normalizeWord(written));
        const seen = byRaw.get(written);
        if (seen) assert.equal(token.word, seen, written);
        byRaw.set(written, token.word);
      }
    };
    fc.assert(fc.property(text, check), { numRuns: 5000 });
    // More distinct words than the table keeps (it is emptied and filled again), and words that differ in one
    // character, in case, or only by their length.
    const many = Array.from({ length: 300_000 }, (_, i) => `w${i.toString(36)}`);
    check(many.join(' '));
    check(`${many.slice(0, 1000).join(' ')} ${many.slice(0, 1000).reverse().join(' ')} W1 w1 w1x w w1`);
    check('Reform reform REFORM reforms reform’s reform\'s réform');
  });

  it('keeps the record of a word when the table of words grows (a vocabulary of tens of thousands of words)', () => {
    const first = tokenize('sentinel-word reform').map((token) => token.word);
    // Enough new words to double the table several times, not enough to empty it.
    tokenize(Array.from({ length: 40_000 }, (_, i) => `grow${i.toString(36)}`).join(' '));
    const again = tokenize('sentinel-word reform').map((token) => token.word);
    assert.equal(again.length, first.length);
    again.forEach((word, i) => assert.equal(word, first[i], word.raw));
  });

  it('reads the gap between two words as the expressions did: clause break, comma or nothing', () => {
    const byExpression = (between: string) => (/[;:!?()[\]]|\.(?:\s|$)|\.{3}|…/.test(between) || (/\./.test(between) && /\s/.test(between)) ? 2 : between.includes(',') ? 1 : 0);
    const gapPieces = ['.', '.', ',', ' ', '\u00a0', '\u2009', '\u3000', '\ufeff', '\t', '\n', ';', ':', '!', '?', '(', ')', '[', ']', '…', '-', '—', '"', '*', '_', '/', '\u200b'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...gapPieces), { maxLength: 12 }), fc.constantFrom('', 'x', 'xy'), fc.constantFrom('', 'z'), (parts, before, after) => {
        const gap = parts.join('');
        const value = `${before}${gap}${after}`;
        assert.equal(gapBreak(value, before.length, before.length + gap.length), byExpression(gap), JSON.stringify(gap));
      }),
      { numRuns: 30000 },
    );
  });

  it('ends no sentence or clause in a gap the tokenizer reads as less than a clause break (the clause reader skips those)', () => {
    const gapPieces = ['.', ',', ' ', '\u00a0', '\n', ';', ':', '!', '?', '(', ')', '…', '-', '"', '*'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...gapPieces), { maxLength: 10 }), (parts) => {
        const gap = parts.join('');
        const value = `a${gap}b`;
        const read = gapBreak(value, 1, 1 + gap.length);
        if (read < 2) {
          assert.equal(fullStop(gap), false, JSON.stringify(gap));
          assert.equal(sentenceBreak(gap), false, JSON.stringify(gap));
        }
        assert.equal(gap.includes(','), read === 1 || (read === 2 && gap.includes(',')));
      }),
      { numRuns: 20000 },
    );
  });

  it('tells acronym-shaped words as the two expressions did', () => {
    const byExpression = (w: string) => w.length <= 8 && w.length >= 2 && /^[A-Z][A-Za-z]{1,7}$/.test(w) && /[A-Z].*[A-Z]/.test(w);
    const letters = fc.constantFrom('A', 'Z', 'a', 'z', 'M', 'n', '1', 'É', '-', '@', '[', '`', '{');
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 10 }).map((l) => l.join('')), (word) => {
        assert.equal(isAcronymShape(word), byExpression(word), word);
      }),
      { numRuns: 20000 },
    );
    for (const word of ['UN', 'MINUSCA', 'FARDC', 'SSR', 'UNPOL', 'MoD', 'Un', 'U', 'ABCDEFGHI', 'A1']) assert.equal(isAcronymShape(word), byExpression(word), word);
  });
});
