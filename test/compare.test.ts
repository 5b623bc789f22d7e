/**
 * Mandate renewals: the paragraph alignment, `mandate-lint compare` on the invented renewal pairs in
 * test/fixtures/renewal/ (their JSON output checked exactly against expected.json), bad input, and `--baseline`
 * against a previous JSON output and against a git ref in a repository made for the test.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import fc from 'fast-check';
import addFormats from 'ajv-formats';
import structure from '../data/structure.json';
import { CONCEPT_IDS } from '../src/core/concepts';
import { alignParagraphs, compareResults, contentWords, longestIncreasing, matchFindings, paragraphSketch, sketchDistance, wordDiff } from '../src/core/compare';
import { Vocabulary } from '../src/core/compare/words';
import { lintText } from '../src/core/lint';
import { renderComparisonMarkdown } from '../src/report/compare';
import { cleanWorkspaces, makeWorkspace } from './helpers/workspace';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = 'test/fixtures/renewal';

function run(args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lint(text: string) {
  return lintText(text, { format: 'markdown' });
}

const DRAFT = (paragraphs: string[]) => ['# Draft resolution', '', 'The Security Council,', '', ...paragraphs.flatMap((p, i) => [`${i + 1}. ${p}`, ''])].join('\n');
const EXTEND = '*Decides* to extend the mandate of the United Nations Mission in Kalindor (MINUKAL) until 31 March 2027;';
const POLICE = '*Requests* MINUKAL to support the reform of the Kalindorian National Police, including the vetting of senior officers and civilian oversight by the National Assembly;';
const ARMY = '*Requests* MINUKAL to provide training and equipment to the Kalindorian army battalions deployed in the north;';
const JUSTICE = '*Requests* MINUKAL to support the military courts so that crimes committed by soldiers are investigated and prosecuted;';
const SEIZED = '*Decides* to remain actively seized of the matter.';

describe('renewals: paragraph alignment', () => {
  const vectors = (texts: string[][]) => {
    const vocabulary = new Vocabulary();
    const tfs = texts.map((side) => side.map((t) => vocabulary.add(contentWords(t))));
    return { sides: tfs.map((side) => side.map((tf) => vocabulary.vector(tf))), idf: (id: number) => vocabulary.idf(id) };
  };

  it('finds the longest increasing run (moves are what falls outside it)', () => {
    assert.deepEqual([...longestIncreasing([0, 1, 5, 2, 3, 4])].sort(), [0, 1, 3, 4, 5]);
    assert.deepEqual([...longestIncreasing([])], []);
  });

  it('aligns by content across renumbering, moves, splits and additions', () => {
    const before = ['to extend the mandate of the mission in Kalindor', 'to support police reform and vetting of senior officers by the inspectorate', 'to report every ninety days on progress and present a transition plan with the country team', 'to support military courts prosecuting soldiers'];
    const after = ['to extend the mandate of the mission in Kalindor', 'to support military courts prosecuting soldiers', 'to build barracks for the gendarmerie in the east', 'to support police reform and vetting of senior officers by the inspectorate', 'to report every ninety days on progress', 'to present a transition plan with the country team'];
    const { sides, idf } = vectors([before, after]);
    const a = alignParagraphs(sides[0], sides[1], idf);
    assert.deepEqual(a.forward, [[0], [3], [4, 5], [1]]);
    assert.deepEqual(a.backward[2], [], 'the new paragraph has no source');
    assert.equal(a.moved.filter(Boolean).length, 1, 'one paragraph moved');
    assert.ok(a.strength > 0.8);
  });

  it('sketches paragraphs so that an edit stays close and another paragraph does not', () => {
    const a = paragraphSketch(contentWords(POLICE));
    const edited = paragraphSketch(contentWords(POLICE.replace('senior officers', 'all senior officers and commanders')));
    const other = paragraphSketch(contentWords(JUSTICE));
    assert.ok(sketchDistance(a, edited) < sketchDistance(a, other), `${sketchDistance(a, edited)} vs ${sketchDistance(a, other)}`);
    assert.equal(sketchDistance(a, a), 0);
  });

  it('highlights words with jsdiff', () => {
    const segments = wordDiff('Requests UNMIVER to support the commission', 'Encourages UNMIVER to support the commission');
    assert.deepEqual(segments.filter((s) => s.op !== 'same').map((s) => [s.op, s.text.trim()]), [
      ['removed', 'Requests'],
      ['added', 'Encourages'],
    ]);
    // Each side, rebuilt from what it keeps, reads with its spaces: no "UNSMOto advise" where a phrase was inserted.
    const before = 'Requests UNSMO to advise the ODF on a force structure that the State can sustain;';
    const after = 'Requests UNSMO, within existing resources, to advise the ODF on a force structure for the ODF;';
    const diff = wordDiff(before, after);
    assert.equal(diff.filter((x) => x.op !== 'added').map((x) => x.text).join(''), before);
    assert.equal(diff.filter((x) => x.op !== 'removed').map((x) => x.text).join(''), after);
    assert.deepEqual(diff.find((x) => x.op === 'added'), { op: 'added', text: ', within existing resources,' });
  });

  it('rebuilds each side exactly from what it keeps, words added or removed before punctuation too', () => {
    const pairs: Array<[string, string]> = [
      ['casualty evacuation;', 'casualty evacuation and armoured vehicles;'],
      ['casualty evacuation and armoured vehicles;', 'casualty evacuation;'],
      ['to train the army.', 'to train and equip the army, with oversight.'],
      ['Requests UNSMO to advise (the ODF);', 'Requests UNSMO urgently to advise (the ODF and police);'],
      ['support the police, the gendarmerie and the army', 'support the police and the army'],
      ['as set out in paragraph 3', 'as set out in paragraph 3 above'],
    ];
    for (const [before, after] of pairs) {
      const diff = wordDiff(before, after);
      assert.equal(diff.filter((x) => x.op !== 'added').map((x) => x.text).join(''), before, `${before} → ${after}`);
      assert.equal(diff.filter((x) => x.op !== 'removed').map((x) => x.text).join(''), after, `${before} → ${after}`);
    }
    // The same for sentences of words and punctuation, as drafts write them, and any words added or removed.
    const token = fc.constantFrom('the', 'army', 'police', 'train', 'and', 'equip', 'oversight', ',', ';', '.', '(', ')', ':');
    const sentence = (tokens: string[]) => tokens.reduce((text, t) => (!text ? t : /^[,;.:)]$/.test(t) || text.endsWith('(') ? text + t : `${text} ${t}`), '');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), fc.array(fc.tuple(fc.nat(14), fc.boolean(), token), { maxLength: 4 }), (words, edits) => {
        const changed = [...words];
        for (const [at, remove, t] of edits) {
          if (remove) changed.splice(at % (changed.length + 1), 1);
          else changed.splice(at % (changed.length + 1), 0, t);
        }
        const [before, after] = [sentence(words), sentence(changed)];
        const diff = wordDiff(before, after);
        return diff.filter((x) => x.op !== 'added').map((x) => x.text).join('') === before && diff.filter((x) => x.op !== 'removed').map((x) => x.text).join('') === after;
      }),
      { numRuns: 3000 },
    );
  });

  it('treats a renumbered text as unchanged: numbering alone is not a change', () => {
    const before = lint(DRAFT([EXTEND, POLICE, ARMY, SEIZED]));
    const after = lint(DRAFT([EXTEND, '*Welcomes* the report of the Secretary-General on Kalindor;', POLICE, ARMY, SEIZED]));
    const c = compareResults(before, after);
    assert.ok(c.comparable);
    assert.equal(c.summary.text, '0 safeguards lost, 0 tasks weakened, 0 new findings, 0 resolved');
    assert.equal(c.alignment.renumbered, 3);
    assert.ok(c.paragraphs.filter((p) => p.previous.length).every((p) => p.relation === 'unchanged'));
  });

  it('matches findings by rule, paragraph wording and quoted words, not by line', () => {
    const before = lint(DRAFT([EXTEND, ARMY, SEIZED]));
    const after = lint(DRAFT([EXTEND, JUSTICE, ARMY, POLICE.replace(', including the vetting of senior officers and civilian oversight by the National Assembly', ' and to deliver equipment to its units'), SEIZED]));
    const c = compareResults(before, after);
    const drift = (list: Array<{ ruleId: string }>) => list.filter((f) => f.ruleId === 'train-and-equip-drift').length;
    assert.equal(drift(c.paragraphs.flatMap((p) => p.findings.unchanged)), 1, 'the army paragraph keeps its finding, two lines lower');
    assert.equal(drift(c.paragraphs.flatMap((p) => p.findings.new)), 1, 'the police paragraph now has one');
    assert.deepEqual(matchFindings([], []), { current: [], absent: [] });
  });

  it('keeps its grammar words in data/structure.json, and its safeguards are lexicon concepts', () => {
    for (const concepts of Object.values(structure.renewal.safeguards)) for (const c of concepts) assert.ok((CONCEPT_IDS as readonly string[]).includes(c), c);
    assert.ok(structure.renewal.verbForce.binding.includes('requests') && structure.renewal.verbForce.inviting.includes('encourages'));
    assert.ok(structure.renewal.qualifiers.includes('within existing resources'));
  });
});

describe('renewals: mandate-lint compare', () => {
  after(cleanWorkspaces);

  for (const [pair, args] of [
    ['veradia', [`${FIXTURES}/veradia/S-RES-2709-2023.md`, `${FIXTURES}/veradia/draft-2024.md`]],
    ['orvenia', [`${FIXTURES}/orvenia/draft-2025.md`]],
  ] as const) {
    it(`reports exactly the expected changes for the ${pair} renewal`, () => {
      const r = run(['compare', '--format', 'json', ...args]);
      assert.equal(r.code, 1, r.stderr);
      const expected = JSON.parse(readFileSync(join(ROOT, FIXTURES, pair, 'expected.json'), 'utf8'));
      assert.deepEqual(JSON.parse(r.stdout), expected);
    });
  }

  it('finds in the Veradia renewal the dropped HRDDP sub-paragraph, the verb downgrade, the benchmarks that went, the split and the moved task', () => {
    const c = JSON.parse(run(['compare', '-f', 'json', `${FIXTURES}/veradia/S-RES-2709-2023.md`, `${FIXTURES}/veradia/draft-2024.md`]).stdout);
    const at = (label: string) => c.paragraphs.find((p: { previous: Array<{ label: string }> }) => p.previous.some((r) => r.label === label));
    assert.equal(c.summary.text, '2 safeguards lost, 2 tasks weakened, 1 task added, 1 task removed, 4 new findings, 1 resolved');
    assert.deepEqual(at('OP2(e)').safeguardsLost, [{ family: 'hrddp', words: ['human rights due diligence policy', 'HRDDP'] }]);
    assert.deepEqual(at('OP3').changes, [{ direction: 'weakened', kind: 'verb', from: 'Requests', to: 'Encourages' }]);
    assert.equal(at('OP5').relation, 'removed');
    assert.equal(at('OP5').safeguardsLost[0].family, 'benchmark');
    assert.deepEqual(at('OP6').draft.map((r: { label: string }) => r.label), ['OP6', 'OP7']);
    assert.equal(at('OP2(d)').relation, 'moved');
    assert.equal(at('OP2(d)').changes[0].kind, 'priority');
  });

  it('prints a stylish report grouped by paragraph with the summary line', () => {
    const r = run(['compare', `${FIXTURES}/veradia/S-RES-2709-2023.md`, `${FIXTURES}/veradia/draft-2024.md`]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^OP3 → OP4 {2}test\/fixtures\/renewal\/veradia\/draft-2024\.md:31:1\n {2}weakened {2}operative verb "Requests" → "Encourages"$/m);
    assert.match(r.stdout, /safeguard lost {2}human rights due diligence: "human rights due diligence policy", "HRDDP"/);
    assert.match(r.stdout, /✖ 2 safeguards lost, 2 tasks weakened, 1 task added, 1 task removed, 4 new findings, 1 resolved\n$/);
  });

  it('the README quotes the compare output on the Veradia renewal as it is today', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = /## Mandate renewals\n[\s\S]*?```sh\nnpx mandate-lint (compare [^\n]+)\n```\n\n```text\n([\s\S]*?)```/.exec(readme);
    assert.ok(section, 'README has the renewal example: the command, then its output');
    const r = run(section[1].split(' '));
    assert.equal(r.code, 1, 'safeguards were lost, so it exits with 1');
    // Every quoted line is in the output, in the same order ("..." stands for lines left out).
    const actual = r.stdout.split('\n').map((l) => l.trimEnd());
    let at = 0;
    for (const line of section[2].split('\n').map((l) => l.trimEnd()).filter((l) => l && l !== '...')) {
      const found = actual.indexOf(line, at);
      assert.ok(found >= 0, `README line is not in the output (or not in this order):\n${line}\n\noutput:\n${r.stdout}`);
      at = found + 1;
    }
  });

  it('writes the Markdown report and an HTML page with each changed paragraph side by side', () => {
    const ws = makeWorkspace({});
    const r = run(['compare', '-f', 'report', '-o', join(ws, 'renewal.md'), `${FIXTURES}/veradia/S-RES-2709-2023.md`, `${FIXTURES}/veradia/draft-2024.md`]);
    assert.equal(r.code, 1, r.stderr);
    const md = readFileSync(join(ws, 'renewal.md'), 'utf8');
    assert.match(md, /^\*\*2 safeguards lost, 2 tasks weakened, 1 task added, 1 task removed, 4 new findings, 1 resolved\.\*\*$/m);
    assert.match(md, /\| ~~Requests~~ UNMIVER to support/);
    assert.match(md, /\| \*\*Encourages\*\* UNMIVER to support/);
    const html = readFileSync(join(ws, 'renewal.html'), 'utf8');
    assert.match(html, /<del>Requests<\/del>/);
    assert.match(html, /<ins>Encourages<\/ins>/);
    assert.match(html, /class="side"/);
    assert.doesNotMatch(html, /<script/);
    // A qualifier inserted after a word, between commas: CommonMark would not read ** there, so it is <ins>.
    const orvenia = run(['compare', '-f', 'report', `${FIXTURES}/orvenia/draft-2025.md`]).stdout;
    assert.match(orvenia, /\| Requests UNSMO to advise the ODF .*\| Requests UNSMO<ins>, within existing resources,<\/ins> to advise the ODF/);
  });

  it('shows HTML written in a draft as text in the Markdown report, never as markup', () => {
    const before = DRAFT([EXTEND, POLICE, ARMY, JUSTICE, SEIZED]);
    const after = DRAFT([EXTEND, POLICE.replace('civilian oversight', '<img src=x onerror=alert(1)> civilian oversight'), ARMY, JUSTICE, SEIZED]);
    const md = renderComparisonMarkdown({ previous: 'before.md', draft: 'after.md', comparison: compareResults(lint(before), lint(after)) });
    assert.match(md, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(md, /<img/);
  });

  it('says that two unrelated texts do not compare instead of reporting everything as changed', () => {
    const r = run(['compare', `${FIXTURES}/veradia/S-RES-2709-2023.md`, 'examples/peace-agreement-excerpt.md']);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /The two texts do not compare: only \d+% of what they say could be aligned/);
    const json = JSON.parse(run(['compare', '-f', 'json', `${FIXTURES}/veradia/S-RES-2709-2023.md`, 'examples/strong-mandate.md']).stdout);
    assert.equal(json.comparable, false);
    assert.deepEqual(json.paragraphs, []);
  });

  it('gives clear messages for empty, binary, missing and very different texts', () => {
    const veradia = readFileSync(join(ROOT, FIXTURES, 'veradia/S-RES-2709-2023.md'), 'utf8');
    const ws = makeWorkspace({
      'empty.md': '',
      'binary.md': Buffer.from([0, 1, 2, 3, 0, 0, 255, 7, 0]),
      'prev.md': veradia,
      'short.md': veradia.split('\n\n').slice(0, 4).join('\n\n') + '\n',
    });
    const empty = run(['compare', 'empty.md', 'prev.md'], ws);
    assert.equal(empty.code, 2);
    assert.match(empty.stdout, /empty\.md is empty: there is nothing to compare the draft with/);
    const binary = run(['compare', 'prev.md', 'binary.md'], ws);
    assert.equal(binary.code, 2);
    assert.match(binary.stderr, /cannot compare: binary\.md: binary file/);
    const missing = run(['compare', 'prev.md', 'nothing.md'], ws);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot compare: nothing\.md: no such file or directory/);
    const short = run(['compare', 'prev.md', 'short.md'], ws);
    assert.match(short.stdout, /note: short\.md is much shorter than prev\.md/);
    // One paragraph that repeats itself is long in text though its words weigh little: the note follows the text.
    const paragraph = veradia.split('\n\n').find((p) => p.length > 300)!;
    writeFileSync(join(ws, 'repeated.md'), Array.from({ length: 400 }, () => paragraph.replace(/\s+/g, ' ')).join(' ') + '\n');
    const repeated = run(['compare', 'repeated.md', 'short.md'], ws);
    assert.match(repeated.stdout, /note: short\.md is much shorter than repeated\.md/);
    assert.doesNotMatch(repeated.stdout, /much longer/);
    assert.equal(run(['compare', 'prev.md'], ws).code, 2, 'one path needs previous: in front matter');
    assert.match(run(['compare', '--help']).stdout, /Usage: mandate-lint compare/);
  });

  it('reads a Word draft (.docx) through the Word reader: the same text in Word and in Markdown compares as unchanged', () => {
    // examples/weak-mandate.docx is the Word version of examples/weak-mandate.md (scripts/make-docx-examples.ts).
    const r = run(['compare', '-f', 'json', 'examples/weak-mandate.md', 'examples/weak-mandate.docx']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.comparable, true);
    assert.equal(json.alignment.matched, json.alignment.previousParagraphs);
    assert.equal(json.summary.text, '0 safeguards lost, 0 tasks weakened, 0 new findings, 0 resolved');
    const unrelated = run(['compare', 'examples/weak-mandate.docx', 'examples/strong-mandate.docx']);
    assert.equal(unrelated.code, 2);
    assert.match(unrelated.stdout, /The two texts do not compare/);
  });

  it('on real Council excerpts of successive years of one mission: disjoint excerpts do not compare, an edited one does', function () {
    const docs = join(ROOT, '..', 'shared', 'corpus', 'docs');
    if (!existsSync(docs)) this.skip();
    // The corpus holds excerpts, not whole resolutions: the two years of each mission quote different paragraphs
    // (MINUSCA 2016 quotes DDR tasks, 2018 protection of civilians), so the honest answer is that they do not compare.
    const pairs = [
      ['minusca-2301-2016-1.md', 'minusca-2448-2018-2.md'],
      ['monusco-2198-2015-1.md', 'monusco-2765-2024-1.md'],
      ['monusco-pressstatement-2011-1.md', 'monusco-pressstatement-2021-1.md'],
    ].filter((pair) => pair.every((name) => existsSync(join(docs, name))));
    if (!pairs.length) this.skip();
    for (const [a, b] of pairs) {
      const r = run(['compare', '-f', 'json', join(docs, a), join(docs, b)]);
      assert.equal(r.code, 2, `${a} → ${b}: ${r.stderr}`);
      const json = JSON.parse(r.stdout);
      assert.equal(json.comparable, false);
      assert.match(json.reason, /do not compare/);
    }
    // The later excerpt against a renewal of itself (its longest paragraph dropped, the last moved first, one task downgraded
    // to "as appropriate"): real Council wording aligns.
    for (const [, b] of pairs) {
      const text = readFileSync(join(docs, b), 'utf8');
      const blocks = text.trimEnd().split(/\n\s*\n/);
      if (blocks.length < 5) continue;
      const [title, ...body] = blocks;
      const longest = body.slice(0, -1).reduce((best, p, i, all) => (p.length > all[best].length ? i : best), 0);
      const edited = [title, body[body.length - 1], ...body.slice(0, -1).filter((_, i) => i !== longest)].map((p, i) => (i === 2 ? p.replace(/;\s*$/, ', as appropriate;') : p)).join('\n\n') + '\n';
      const ws = makeWorkspace({ 'previous.md': text, 'draft.md': edited });
      const r = run(['compare', '-f', 'json', 'previous.md', 'draft.md'], ws);
      assert.ok([0, 1].includes(r.code ?? -1), `${b}: ${r.stderr}${r.stdout}`);
      const json = JSON.parse(r.stdout);
      assert.equal(json.comparable, true, b);
      assert.ok(json.alignment.removed >= 1 && json.alignment.added === 0 && json.alignment.matched === json.alignment.draftParagraphs, `${b}: ${JSON.stringify(json.alignment)}`);
    }
  });
});

describe('renewals: --baseline', () => {
  after(cleanWorkspaces);
  const before = DRAFT([EXTEND, ARMY, JUSTICE, SEIZED]);
  // Renumbered (a paragraph inserted before the old finding), an edit elsewhere, and one new drift finding.
  const after_ = DRAFT([EXTEND, '*Welcomes* the report of the Secretary-General on Kalindor;', ARMY, JUSTICE.replace('investigated', 'promptly investigated'), '*Requests* MINUKAL to provide fuel and rations to the Kalindorian gendarmerie in the east;', SEIZED]);

  function repository(): string {
    const ws = makeWorkspace({ 'drafts/kalindor.md': before, 'drafts/other.md': DRAFT([EXTEND, ARMY, SEIZED]) });
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: ws, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'the 2023 drafts');
    writeFileSync(join(ws, 'drafts/kalindor.md'), after_);
    git('commit', '-q', '-am', 'the 2024 renewal');
    return ws;
  }

  it('fails only on findings introduced since a git ref', () => {
    const ws = repository();
    const plain = run(['--format', 'json', 'drafts/'], ws);
    const all = JSON.parse(plain.stdout).flatMap((f: { messages: Array<{ ruleId: string }> }) => f.messages);
    assert.ok(all.filter((m: { ruleId: string }) => m.ruleId === 'train-and-equip-drift').length >= 3, 'without a baseline, old findings are reported too');
    const r = run(['--baseline', 'HEAD~1', '--format', 'json', 'drafts/'], ws);
    assert.equal(r.code, 1, r.stderr);
    const shown = JSON.parse(r.stdout).flatMap((f: { filePath: string; messages: Array<{ ruleId: string; line: number; baselineState: string }> }) => f.messages.map((m) => ({ ...m, file: f.filePath })));
    // New: the gendarmerie paragraph's two findings, and the document's drift balance it tipped. The army
    // paragraph's findings, now two lines lower (line 9), and the edited justice paragraph's are not reported.
    assert.deepEqual(shown.map((m: { ruleId: string; line: number; baselineState: string }) => [m.ruleId, m.line, m.baselineState]), [
      ['train-and-equip-drift', 1, 'new'],
      ['missing-gender', 13, 'new'],
      ['train-and-equip-drift', 13, 'new'],
    ]);
    assert.match(r.stderr, /against git ref HEAD~1: 3 new, \d+ already there \(\d+ updated\), 1 gone/);
    // At HEAD, nothing is new: renumbering and the edit elsewhere bring no old finding back.
    const same = run(['--baseline', 'HEAD', 'drafts/'], ws);
    assert.equal(same.code, 0, same.stdout + same.stderr);
    assert.equal(same.stdout, '');
    assert.equal(run(['--baseline', 'no-such-ref', 'drafts/'], ws).code, 2);
  });

  it('reads the Word drafts of a git ref with the tracked changes the run shows (--docx-changes)', () => {
    const ws = makeWorkspace({});
    writeFileSync(join(ws, 'w.docx'), readFileSync(join(__dirname, '..', 'examples', 'weak-mandate.docx')));
    const git = (...args: string[]) => assert.equal(spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: ws, encoding: 'utf8' }).status, 0);
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'the draft');
    for (const mode of ['accepted', 'original']) {
      const r = run(['--baseline', 'HEAD', '--docx-changes', mode, 'w.docx'], ws);
      assert.equal(r.code, 0, `${mode}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /against git ref HEAD: 0 new, \d+ already there \(0 updated\), 0 gone/, mode);
    }
  });

  it('takes a previous --format json output as the baseline, wherever it was written', () => {
    const ws = makeWorkspace({ 'drafts/kalindor.md': before });
    const base = run(['--format', 'json', 'drafts/'], ws);
    // The baseline was made in another checkout: its paths differ but end the same.
    writeFileSync(join(ws, 'base.json'), base.stdout.split(ws).join('/ci/checkout'));
    writeFileSync(join(ws, 'drafts/kalindor.md'), after_);
    const r = run(['--baseline', 'base.json', 'drafts/'], ws);
    assert.equal(r.code, 1);
    assert.equal(r.stdout.match(/train-and-equip-drift/g)?.length, 2, r.stdout);
    assert.match(r.stdout, /^drafts\/kalindor\.md:13:34 .*train-and-equip-drift$/m);
    assert.doesNotMatch(r.stdout, /^drafts\/kalindor\.md:(9|11):/m);
    writeFileSync(join(ws, 'broken.json'), '{"not": "a result"}');
    const broken = run(['--baseline', 'broken.json', 'drafts/'], ws);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /is not a mandate-lint --format json output/);
  });

  it('marks baselineState in SARIF 2.1.0 (new, unchanged, updated, absent) and validates against the schema', () => {
    const ws = repository();
    writeFileSync(join(ws, 'drafts/other.md'), DRAFT([EXTEND, SEIZED]));
    // The army paragraph of kalindor.md reworded: the same paragraph, its finding now quoting other words.
    writeFileSync(join(ws, 'drafts/kalindor.md'), after_.replace(ARMY, ARMY.replace('training and equipment', 'equipment, rations and training')));
    const r = run(['--baseline', 'HEAD~1', '-f', 'sarif', 'drafts/'], ws);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv as never);
    const validate = ajv.compile(schema);
    assert.ok((validate as (data: unknown) => boolean)(log), JSON.stringify(validate.errors?.slice(0, 5)));
    const states = log.runs[0].results.map((x: { baselineState: string }) => x.baselineState);
    assert.ok(states.includes('new') && states.includes('unchanged') && states.includes('updated') && states.includes('absent'), states.join(', '));
    // Updated: the reworded army paragraph's drift finding, and the document findings whose counts changed.
    type Result = { ruleId: string; baselineState: string; properties: { level: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> };
    const updated = (log.runs[0].results as Result[]).filter((x) => x.baselineState === 'updated');
    const where = (x: Result) => `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`;
    assert.deepEqual(updated.filter((x) => x.properties.level === 'paragraph').map((x) => `${x.ruleId} ${where(x)}`), ['train-and-equip-drift drafts/kalindor.md:9']);
    const absent = log.runs[0].results.filter((x: { baselineState: string }) => x.baselineState === 'absent');
    assert.ok(absent.some((x: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.ruleId === 'train-and-equip-drift' && x.locations[0].physicalLocation.artifactLocation.uri === 'drafts/other.md'));
  });

  it('the GitHub Action takes baseline: a ref, for its annotations, its SARIF file and its exit code', () => {
    const ws = repository();
    const action = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    assert.match(action, /^ {2}baseline:\n {4}description: .*origin\/main/m);
    assert.match(action, /MANDATE_LINT_BASELINE: \$\{\{ inputs\.baseline \}\}/);
    const env = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: join(ws, 'out.txt'), MANDATE_LINT_PATHS: 'drafts', MANDATE_LINT_FORMAT: 'github', MANDATE_LINT_SARIF: 'lint.sarif', MANDATE_LINT_ARGS: '', MANDATE_LINT_CONFIG: '', MANDATE_LINT_MAX_WARNINGS: '-1', MANDATE_LINT_BASELINE: 'HEAD~1' };
    const r = spawnSync('bash', [join(ROOT, 'scripts', 'action', 'run.sh')], { cwd: ws, env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout.match(/^::(error|warning)/gm)?.length, 3, r.stdout);
    assert.ok(JSON.parse(readFileSync(join(ws, 'lint.sarif'), 'utf8')).runs[0].results.every((x: { baselineState?: string }) => x.baselineState));
    const same = spawnSync('bash', [join(ROOT, 'scripts', 'action', 'run.sh')], { cwd: ws, env: { ...env, MANDATE_LINT_BASELINE: 'HEAD', MANDATE_LINT_SARIF: '' }, encoding: 'utf8' });
    assert.equal(same.status, 0, same.stdout);
  });
});
