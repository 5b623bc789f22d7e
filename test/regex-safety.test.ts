/**
 * Regular expressions in team lexicons: the static analysis that refuses catastrophic backtracking, and the
 * time budget per document that bounds what the analysis lets through. No assertion here reads a clock: the
 * budget is observed through its own counters, a fake clock, and a spy on RegExp.prototype.exec.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkRegexSafety, type RegexRefusal } from '../src/core/lexicon/regex-safety';
import { compileLexicons, USER_PATTERN_BUDGET_MS, USER_PATTERN_SEGMENT, type LexiconSpec } from '../src/core/lexicon/lexicon';
import { tokenize } from '../src/core/lexicon/tokenize';
import { lintText } from '../src/core/lint';
import { clearFactsCache, factsCacheSize } from '../src/core/facts';
import coreLexicon from '../data/lexicon/core.json';

const ROOT = join(__dirname, '..');

function refused(pattern: string, kind: RegexRefusal, reason: RegExp, flags = ''): void {
  const check = checkRegexSafety(pattern, flags);
  assert.equal(check.ok, false, `${pattern} should be refused`);
  assert.equal(check.kind, kind, `${pattern}: ${check.reason}`);
  assert.match(check.reason!, reason, pattern);
}

function accepted(pattern: string, flags = ''): void {
  const check = checkRegexSafety(pattern, flags);
  assert.equal(check.ok, true, `${pattern} /${flags}: ${check.reason}`);
}

/** A fake clock: every reading is `step` ms after the previous one. */
function fakeClock(step = 1) {
  let t = 0;
  return () => (t += step);
}

/** Counts exec() calls made with regular expressions of the given source until `restore` is called. */
function spyExec(source: string): { calls: () => number; restore: () => void } {
  const original = RegExp.prototype.exec;
  let calls = 0;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    if (this.source === source) calls++;
    return original.call(this, input);
  };
  return { calls: () => calls, restore: () => (RegExp.prototype.exec = original) };
}

function team(patterns: Array<string | { pattern: string; flags?: string }>, extra: string[] = []): LexiconSpec {
  return { name: 'team', concepts: [{ id: 'security-institution', terms: [...patterns.map((p) => (typeof p === 'string' ? { pattern: p } : p)), ...extra] }] };
}

describe('regular expression safety analysis', () => {
  it('refuses the catastrophic patterns of issue 9, naming the reason', () => {
    refused('\\w*a\\w*X', 'overlapping-repetitions', /overlapping repetitions: two repetitions of "\\w\*" can both match the same text, such as "[a-z]+…"/);
    refused('(?:a|a){1,30}b', 'overlapping-alternatives', /alternatives of "\(\?:a\|a\)\{1,30\}" can match the same text/);
    refused('(.*a){20}', 'nested-quantifiers', /nested quantifiers: "\(\.\*a\)\{20\}"/);
  });

  it('refuses nested quantifiers, including bounded repeats around a repetition', () => {
    for (const pattern of ['(a+)+b', '([a-z]+)*$', '(\\d+\\s?)+x', '(x+x+)+y', '(a*)*b', '(.*a){2,}', '(?:\\w+\\s?)+$', '(?:[a-z]+,?){1,30}!', '(a+)+']) {
      refused(pattern, 'nested-quantifiers', /^nested quantifiers: ".+" repeats a group that itself repeats/);
    }
  });

  it('refuses repeated alternatives that can match the same text', () => {
    for (const pattern of ['(a|a)*', '(a|aa)+b', '(?:ab|a(?:b))*c', '(?:\\d|[0-9a])+x', '(?:colou?r|color)+!', '(?:a|a){2,3}X']) {
      refused(pattern, 'overlapping-alternatives', /^overlapping alternatives in a repetition: the alternatives of ".+" can match the same text/);
    }
  });

  it('refuses overlapping repetitions in sequence before something that can fail (polynomial)', () => {
    for (const pattern of ['.*.*=.*', '[\\s\\S]*a[\\s\\S]*b', '\\w+\\s*\\w+!', '\\d+1*\\d+X', '\\b\\w+ ?\\w+!', 'x[a-z]*\\s*[a-z]+y', '\\d+\\.?\\d+X']) {
      refused(pattern, 'overlapping-repetitions', /^overlapping repetitions: .* can both match the same text/);
    }
  });

  it('refuses a repetition that every start position reads again (quadratic search)', () => {
    // (a|ab)* has a single way to read any text, but exec() starts it at every "a" of "aaaa…" and each start
    // reads to the end of the run before "c" fails.
    for (const pattern of ['(a|ab)*c', '(x|xy)*z', '\\w*X', 'vet[a-z]*\\b', '[a-z]+\\d', '\\b(?:[A-Z][a-z]+\\s)+Act\\b', '(a|)*b']) {
      refused(pattern, 'overlapping-repetitions', /^unanchored repetition: ".+" can start at every position of a text such as ".+…"/);
    }
  });

  it('refuses too many ways to match, even without a loop', () => {
    refused('(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)X', 'ambiguity', /more than 256 ways/);
    refused('[a-z]{1,10}[a-z]{1,10}[a-z]{1,10}Z', 'ambiguity', /more than 256 ways/);
    refused('a{0,6}a{0,6}a{0,6}X', 'ambiguity', /too many ways to match/);
  });

  it('refuses back-references, lookbehind and catastrophic lookaheads', () => {
    refused('(\\w+)\\1', 'backreference', /back-references/);
    refused('(?<w>\\w+) \\k<w>', 'backreference', /back-references/);
    refused('(?<=x)y', 'lookbehind', /lookbehind/);
    refused('(?<!x)y', 'lookbehind', /lookbehind/);
    refused('\\bfoo(?=(a+)+b)', 'nested-quantifiers', /^inside a lookahead: nested quantifiers/);
    refused('(?!\\w*X)', 'overlapping-repetitions', /^inside a lookahead/);
  });

  it('checks patterns as they run: in unicode mode, case-insensitively when asked', () => {
    // Valid without the u flag, but lexicon patterns always run with it.
    refused('a{', 'syntax', /not a valid regular expression/);
    refused('\\-', 'syntax', /not a valid regular expression/);
    // [a-z] and [A-Z] only overlap when case is ignored.
    accepted('\\b[a-z]+[A-Z]+X');
    refused('\\b[a-z]+[A-Z]+X', 'overlapping-repetitions', /overlapping repetitions/, 'i');
    refused('x', 'flags', /unsupported flags/, 'v');
    refused('a'.repeat(501), 'length', /longer than 500/);
  });

  it('accepts real-world patterns', () => {
    for (const pattern of [
      '\\bFARDC\\b',
      '\\b(?:UNMISS|MINUSCA)\\b',
      '\\bS/RES/\\d{3,4}\\b',
      '(?:vet|screen)(?:ting|ing)?',
      '\\b[A-Z]{2,6}\\b',
      'colou?r',
      '\\d{1,3}(?:,\\d{3})*',
      '\\btrain(s|ed|ing)?\\b',
      '(foo|bar) baz',
      '\\bKDSF\\b',
      // \b is understood: these start only at the beginning of a word, and "\w+\b" cannot fail once it stops.
      '\\bvet\\w*\\b',
      'vet\\w*\\b',
      '\\b\\w*X',
      '\\b\\d+ troops\\b',
      '\\b(?:[A-Z][a-z]+\\s){1,5}Act\\b',
      '\\b(?:national|federal)\\s+(?:police|army|guard)\\b',
      '\\bS/PRST/\\d{4}/\\d{1,2}\\b',
      '^#+\\s',
      '\\bKDSF(?=\\s|$)',
    ]) {
      accepted(pattern);
    }
    accepted('\\b(?:unmiss|minusca)\\b', 'i');
    accepted('\\bcivilian\\s+review\\s+boards?\\b', 'i');
  });

  it('accepts every pattern of the built-in lexicons', () => {
    const found: Array<{ file: string; pattern: string; flags?: string }> = [];
    const walk = (file: string, value: unknown): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(file, v));
      else if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (typeof o.pattern === 'string') found.push({ file, pattern: o.pattern, flags: typeof o.flags === 'string' ? o.flags : undefined });
        Object.values(o).forEach((v) => walk(file, v));
      }
    };
    for (const dir of ['data', join('data', 'lexicon')]) {
      for (const file of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.json'))) walk(file, JSON.parse(readFileSync(join(ROOT, dir, file), 'utf8')));
    }
    assert.ok(found.length >= 10, `${found.length} built-in patterns`);
    for (const { file, pattern, flags } of found) {
      const check = checkRegexSafety(pattern, flags ?? '');
      assert.equal(check.ok, true, `${file}: ${pattern}: ${check.reason}`);
    }
  });
});

describe('time budget of team regular expressions', () => {
  it('stops the team patterns of a document once its budget is spent, and reports it once', () => {
    const lexicon = compileLexicons([{ name: 'kalindor.json', spec: team(['\\bdrone\\b']) }], { userPatternBudgetMs: 10, now: fakeClock() });
    const paragraph = 'a drone over the drone base. '.repeat(20);
    const run = lexicon.beginDocument();
    const first = lexicon.match(paragraph, tokenize(paragraph));
    assert.ok(first.some((h) => h.concept === 'security-institution'));
    // Each exec() reads as 1 ms on the fake clock: the tenth call spends the budget.
    assert.equal(run.exhausted, true);
    assert.equal(run.execCalls, 10);
    assert.deepEqual(run.stoppedAt, { execCalls: 10, charsScanned: run.charsScanned, lexicon: 'kalindor.json', concept: 'security-institution', term: '\\bdrone\\b' });
    assert.match(run.message!, /took more than 10 ms on this document and were not applied to the rest of it; the one running then was "\\\\bdrone\\\\b" \(concept "security-institution", kalindor\.json\)/);
    // The rest of the document: no exec() at all, no character scanned.
    const spy = spyExec('\\bdrone\\b');
    try {
      for (let k = 0; k < 5; k++) assert.deepEqual(lexicon.match(paragraph, tokenize(paragraph)).filter((h) => h.concept === 'security-institution'), []);
      assert.equal(spy.calls(), 0);
    } finally {
      spy.restore();
    }
    assert.equal(run.execCalls, run.stoppedAt!.execCalls);
    assert.equal(run.charsScanned, run.stoppedAt!.charsScanned);
    assert.equal(run.skipped, 5);
    // The next document has a budget of its own.
    const next = lexicon.beginDocument();
    assert.ok(lexicon.match(paragraph, tokenize(paragraph)).some((h) => h.concept === 'security-institution'));
    assert.ok(next.execCalls > 0 && next !== run);
  });

  it('does not budget the built-in patterns', () => {
    const lexicon = compileLexicons(
      [
        { name: 'core', spec: coreLexicon as LexiconSpec },
        { name: 'team.json', spec: team(['\\bKDSF\\b']) },
      ],
      { userPatternBudgetMs: 0, now: fakeClock() },
    );
    const text = 'support to the FARDC and the KDSF';
    const run = lexicon.beginDocument();
    lexicon.match(text, tokenize(text));
    const again = lexicon.match(text, tokenize(text));
    assert.equal(run.exhausted, true);
    assert.ok(again.some((h) => h.concept === 'national-force' && text.slice(h.start, h.end) === 'FARDC'), 'the built-in pattern still runs');
    assert.ok(!again.some((h) => text.slice(h.start, h.end) === 'KDSF'), 'the team pattern does not');
  });

  it('without beginDocument, one budget lasts for the current task', async () => {
    const lexicon = compileLexicons([{ name: 'team.json', spec: team(['\\bdrone\\b']) }], { userPatternBudgetMs: 10, now: fakeClock() });
    const paragraph = 'a drone over the drone base. '.repeat(20);
    const spy = spyExec('\\bdrone\\b');
    try {
      for (let k = 0; k < 4; k++) lexicon.match(paragraph, tokenize(paragraph));
      assert.equal(spy.calls(), 10, 'the budget covers all the paragraphs linted in one go');
      await new Promise((resolve) => setImmediate(resolve));
      lexicon.match(paragraph, tokenize(paragraph));
      assert.equal(spy.calls(), 20, 'a new task has a new budget');
    } finally {
      spy.restore();
    }
  });

  it('runs team patterns on pieces of long paragraphs, at the right offsets', () => {
    const lexicon = compileLexicons([{ name: 'team.json', spec: team(['\\bKDSF\\b']) }]);
    const filler = 'the quick brown fox jumps over the lazy dog ';
    const text = filler.repeat(200) + 'KDSF ' + filler.repeat(200) + 'KDSF';
    assert.ok(text.length > 4 * USER_PATTERN_SEGMENT);
    const run = lexicon.beginDocument();
    const found = lexicon.match(text, tokenize(text)).filter((h) => h.concept === 'security-institution');
    assert.deepEqual(
      found.map((h) => h.start),
      [filler.length * 200, text.length - 4],
    );
    assert.ok(found.every((h) => text.slice(h.start, h.end) === 'KDSF'));
    // Each piece is searched once (plus once more after each hit): linear in the paragraph.
    assert.ok(run.charsScanned <= 2 * text.length, `${run.charsScanned} characters scanned for ${text.length}`);
    assert.equal(run.exhausted, false);
  });

  it('bounds what the analysis of one lexicon may cost, and keeps the rest of the lexicon', () => {
    // Forty different patterns that each take many analysis steps: the first ones are judged, the others are
    // refused unchecked once the lexicon's share of analysis is used up.
    const costly = Array.from({ length: 40 }, (_, k) => `[${String.fromCharCode(97 + (k % 20))}-z]{1,5}[a-y]{1,5}[a-z]{1,5}Q${k}`);
    const lexicon = compileLexicons([{ name: 'costly.json', spec: team(costly, ['civilian review board']) }]);
    const unchecked = lexicon.problems.filter((p) => /not checked: the patterns of this lexicon together take too long to check/.test(p.message));
    // One problem for all of them, naming the first and counting the rest.
    assert.equal(unchecked.length, 1);
    const [problem] = unchecked;
    assert.ok(problem.lexicon === 'costly.json' && problem.message.startsWith('pattern refused: '));
    const rest = Number(/\(this one and the (\d+) after it\)$/.exec(problem.message)?.[1] ?? 0);
    assert.ok(rest > 0 && rest < costly.length - 1, problem.message);
    assert.equal(problem.term, costly[costly.length - 1 - rest], 'the first pattern left unchecked');
    const text = 'a civilian review board';
    assert.ok(lexicon.match(text, tokenize(text)).some((h) => h.phrase === 'civilian review board'));
  });

  it('says once, not once per pattern, that thousands of patterns were left unchecked, and does not parse them', () => {
    const many = Array.from({ length: 20000 }, (_, k) => `\\bq${k}z\\b`);
    const lexicon = compileLexicons([{ name: 'many.json', spec: team(many, ['civilian review board']) }]);
    const unchecked = lexicon.problems.filter((p) => /not checked/.test(p.message));
    assert.equal(unchecked.length, 1);
    assert.equal(lexicon.problems.length, 1, lexicon.problems.slice(0, 3).map((p) => p.message).join('\n'));
    assert.match(unchecked[0].message, /\(this one and the [\d,]+ after it\)$/);
    const text = 'a civilian review board';
    assert.ok(lexicon.match(text, tokenize(text)).some((h) => h.phrase === 'civilian review board'), 'the rest of the lexicon is used');
  });

  it('bounds a hostile lexicon that the analysis lets through on a 1 MB draft', () => {
    // Each of these is accepted (at most 256 ways to match at once), but on long runs of letters each costs
    // more than a second per megabyte: volume, not backtracking, and the budget is what stops it.
    const slow = ['X', 'Y', 'Z', 'Q'].map((end) => `[a-z]{1,5}[a-z]{1,5}[a-z]{1,5}${end}`);
    for (const pattern of slow) accepted(pattern);
    const lexicon = compileLexicons([{ name: 'hostile.json', spec: team(slow, ['civilian review board']) }]);
    const paragraphs = Array.from({ length: 256 }, (_, k) => (k % 16 === 0 ? 'a civilian review board ' : '') + 'a'.repeat(4000));
    assert.ok(paragraphs.join('\n\n').length > 1_000_000);
    const run = lexicon.beginDocument();
    let board = 0;
    for (const p of paragraphs) board += lexicon.match(p, tokenize(p)).filter((h) => h.phrase === 'civilian review board').length;
    assert.equal(board, 16, 'phrases are matched in every paragraph');
    assert.equal(run.budgetMs, USER_PATTERN_BUDGET_MS);
    assert.equal(run.exhausted, true, 'the budget stopped the team patterns');
    assert.equal(run.execCalls, run.stoppedAt!.execCalls, 'no exec() after the budget was spent');
    assert.equal(run.charsScanned, run.stoppedAt!.charsScanned, 'no character scanned after the budget was spent');
    assert.ok(run.skipped > 0);
    assert.ok(slow.includes(run.stoppedAt!.term) && run.stoppedAt!.lexicon === 'hostile.json');
  });

  it('tells the drafter when a document ran out of the team patterns budget, and does not cache what it read without them', () => {
    const lexicon = compileLexicons(
      [
        { name: 'core', spec: coreLexicon as LexiconSpec },
        { name: 'kalindor.json', spec: team(['\\bdrone\\b']) },
      ],
      { userPatternBudgetMs: 10, now: fakeClock() },
    );
    const draft = Array.from({ length: 12 }, (_, i) => `${i + 1}. *Requests* the Mission to support the drone unit number ${i + 1} of the national police;`).join('\n\n');
    clearFactsCache();
    const result = lintText(draft, { format: 'markdown', docType: 'mandate', lexicon, cacheFacts: true });
    const warning = result.problems.find((p) => /took more than 10 ms on this document/.test(p.message));
    assert.ok(warning, result.problems.map((p) => p.message).join('\n') || 'no problems');
    assert.equal(warning.severity, 'warning');
    // Paragraphs read after the budget ran out are not cached: fewer entries than paragraphs.
    assert.ok(factsCacheSize() < 12, `${factsCacheSize()} paragraphs cached`);
    clearFactsCache();
  });
});
