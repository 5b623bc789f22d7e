/**
 * npm run bench: builds a ~9 MB corpus of 100 Markdown files from ../shared/seeds (each seed copied 20 times),
 * then measures, each in a fresh process, remark parsing alone and a full lint of the same files, and prints
 * throughput (MB/s), peak resident memory and the ratio of lint time to parse time. Caches are cleared between
 * files so that copies of a seed do not lint for free.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { wordDraftBytes } from './make-docx-examples';
import { hostileDocxFiles } from '../test/helpers/docx';

const ROOT = resolve(__dirname, '..');
const SEEDS = resolve(ROOT, '..', 'shared', 'seeds');
const CORPUS = join(ROOT, '.bench', 'corpus');
const COPIES = 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Found by the robustness property test: each half was quadratic on one long paragraph (7 s for 1 MB). */
const RUN_ON_FRAGMENT = 'drawdown defence and security forces (KDSF) : 1. **Stressing** restructuring\t';

function buildCorpus(): { files: number; bytes: number } {
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(CORPUS, { recursive: true });
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
  let bytes = 0;
  let files = 0;
  for (const seed of seeds) {
    const text = readFileSync(join(SEEDS, seed), 'utf8');
    for (let copy = 1; copy <= COPIES; copy++) {
      const name = `${seed.replace(/\.txt$/, '')}-${String(copy).padStart(2, '0')}.md`;
      writeFileSync(join(CORPUS, name), text);
      bytes += Buffer.byteLength(text);
      files++;
    }
  }
  return { files, bytes };
}

interface Measurement {
  ms: number;
  maxRssMb: number;
}

type Stage = 'stage-model' | 'stage-tokens' | 'stage-match' | 'stage-reading' | 'stage-facts' | 'stage-facts-kept' | 'stage-analysis';

function measure(mode: 'remark' | 'lint' | 'lint-default-heap' | 'lint-warm' | 'cli' | 'single' | 'fix-all' | 'compare' | 'docx' | 'docx-hostile' | Stage, target = CORPUS, other?: string): Measurement {
  const out = execFileSync(process.execPath, [join(ROOT, 'dist', 'bench-worker.js'), mode, target, ...(other ? [other] : [])], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main(): void {
  if (!existsSync(SEEDS)) {
    console.error(`mandate-lint bench: no seeds at ${SEEDS}`);
    process.exit(2);
  }
  if (!existsSync(join(ROOT, 'dist', 'bench-worker.js'))) {
    console.error('mandate-lint bench: run "npm run build" first (dist/bench-worker.js is missing)');
    process.exit(2);
  }
  const { files, bytes } = buildCorpus();
  const mb = bytes / 1024 / 1024;
  console.log(`Corpus: ${files} Markdown files, ${mb.toFixed(2)} MB (${CORPUS})`);
  console.log(`Each figure is the median of ${RUNS} runs, each run in a fresh Node ${process.version} process.\n`);
  const results: Record<string, Measurement> = {};
  for (const mode of ['remark', 'lint', 'lint-default-heap', 'lint-warm', 'cli'] as const) {
    const runs = Array.from({ length: RUNS }, () => measure(mode));
    results[mode] = { ms: median(runs.map((r) => r.ms)), maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)) };
  }
  const row = (label: string, m: Measurement) =>
    console.log(`${label.padEnd(44)} ${(m.ms / 1000).toFixed(2).padStart(6)} s  ${(mb / (m.ms / 1000)).toFixed(2).padStart(6)} MB/s  peak RSS ${m.maxRssMb.toFixed(0).padStart(4)} MB`);
  row('remark parse alone (unified + remark-parse)', results.remark);
  row('mandate-lint, caches cleared per file (*)', results.lint);
  row('  the same with V8\'s default heap', results['lint-default-heap']);
  row('mandate-lint, caches kept across files (*)', results['lint-warm']);
  row('mandate-lint CLI on the folder (**)', results.cli);
  console.log('(*) a young generation grown to 16 MB and held there, an old generation grown by half between collections and a smaller inlining budget, as the CLI sets V8 for a folder run');
  console.log('(**) all the command does after loading (configuration, discovery, reading, linting, stylish output), no warm-up');
  const ratio = results.lint.ms / results.remark.ms;
  console.log(`\nLint time / remark parse time: ${ratio.toFixed(2)} (target <= 0.5)`);
  console.log(`Peak RSS while linting: ${results.lint.maxRssMb.toFixed(0)} MB (target <= 150 MB)`);
  printStages(results.lint.ms);

  // A long mandate of numbered operative paragraphs, linted in-process, and the same draft twice as long:
  // the time should double, not more (linear in the size of the draft).
  const { small, large } = buildNumberedDrafts();
  const one = median(Array.from({ length: RUNS }, () => measure('single', small.path).ms));
  const two = median(Array.from({ length: RUNS }, () => measure('single', large.path).ms));
  console.log(`\nNumbered draft of ${(small.bytes / 1024).toFixed(0)} KB, one lint in-process: ${one.toFixed(0)} ms (target <= 150 ms)`);
  console.log(`Twice as long (${(large.bytes / 1024).toFixed(0)} KB): ${two.toFixed(0)} ms, ${(two / one).toFixed(2)} times as long (linear: about 2)`);

  // One paragraph with no line break, of thousands of clauses and exits beside forces (a pasted table), at 500 KB
  // and 1 MB: each clause and each exit is read against its own neighbourhood, so the time should double, not more.
  const runOn = [500_000, 1_000_000].map((size) => {
    const path = join(ROOT, '.bench', `run-on-${size / 1000}k.md`);
    writeFileSync(path, RUN_ON_FRAGMENT.repeat(Math.ceil(size / RUN_ON_FRAGMENT.length)).slice(0, size));
    return median(Array.from({ length: RUNS }, () => measure('single', path).ms));
  });
  console.log(`\nOne run-on paragraph of 500 KB (clauses and exits repeated, no line break): ${runOn[0].toFixed(0)} ms; of 1 MB: ${runOn[1].toFixed(0)} ms, ${(runOn[1] / runOn[0]).toFixed(2)} times as long (linear: about 2)`);

  // "Fix all" of a rule (and the lightbulb's code action, which builds it) on a long draft and one twice as long: each
  // fix reads what it needs of the draft once per lint, so the time doubles, not more.
  const fixAll = buildRepeatedDrafts();
  const fixOne = median(Array.from({ length: RUNS }, () => measure('fix-all', fixAll.small.path).ms));
  const fixTwo = Array.from({ length: RUNS }, () => measure('fix-all', fixAll.large.path) as Measurement & { summary?: string });
  const fixTwoMs = median(fixTwo.map((r) => r.ms));
  console.log(`\nFix all of a rule on the weak example repeated to ${(fixAll.small.bytes / 1024).toFixed(0)} KB: ${fixOne.toFixed(0)} ms; at ${(fixAll.large.bytes / 1024).toFixed(0)} KB (${fixTwo[0].summary ?? ''}): ${fixTwoMs.toFixed(0)} ms, ${(fixTwoMs / fixOne).toFixed(2)} times as long (linear: about 2)`);

  // mandate-lint compare: a 100 KB resolution and its renewal (renumbered, verbs weakened, paragraphs dropped,
  // split and moved), both linted and aligned in-process.
  const renewal = buildRenewalPair();
  const runs = Array.from({ length: RUNS }, () => measure('compare', renewal.previous, renewal.draft) as Measurement & { summary?: string });
  const compareMs = median(runs.map((r) => r.ms));
  console.log(`\nCompare two ${(renewal.bytes / 1024).toFixed(0)} KB resolutions (lint both, align, compare): ${compareMs.toFixed(0)} ms (target <= 300 ms); ${runs[0].summary ?? ''}`);
}

/**
 * Where the time of the folder run goes: the same run cut short after each stage, in fresh processes with the
 * CLI's V8 settings; each stage does what the one before it does and more, so the differences are their costs.
 */
function printStages(lintMs: number): void {
  const stage = (mode: Stage) => median(Array.from({ length: RUNS }, () => measure(mode).ms));
  const times = { model: stage('stage-model'), tokens: stage('stage-tokens'), match: stage('stage-match'), reading: stage('stage-reading'), facts: stage('stage-facts'), kept: stage('stage-facts-kept'), analysis: stage('stage-analysis') };
  const row = (label: string, ms: number) => console.log(`  ${label.padEnd(64)} ${(ms / 1000).toFixed(2).padStart(5)} s`);
  console.log('\nWhere that time goes (the run cut short after each stage; each row is what its stage adds):');
  row('document model (blocks, masking, units, their traits)', times.model);
  row('paragraph facts: tokenizing', times.tokens - times.model);
  row('  lexicon matching', times.match - times.tokens);
  row('  clause reading', times.reading - times.match);
  row('  qualifying hits, acronyms, references', times.facts - times.reading);
  row("  keeping each document's facts until it is done (collection)", times.kept - times.facts);
  row('document analysis', times.analysis - times.kept);
  row('rules, findings and the rest (the full lint less the stages above)', lintMs - times.analysis);
}

/** The weak example repeated to about 360 KB and 720 KB: thousands of findings, each with its fixes. */
function buildRepeatedDrafts(): { small: { path: string; bytes: number }; large: { path: string; bytes: number } } {
  const weak = readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8') + '\n';
  const write = (name: string, copies: number) => {
    const path = join(ROOT, '.bench', name);
    const text = weak.repeat(copies);
    writeFileSync(path, text);
    return { path, bytes: Buffer.byteLength(text) };
  };
  return { small: write('weak-x80.md', 80), large: write('weak-x160.md', 160) };
}

/** A ~100 KB numbered resolution and a renewal of it: a paragraph inserted near the top (all renumbered), every tenth verb weakened, every fifteenth paragraph dropped, one split, one moved to the end. */
function buildRenewalPair(): { previous: string; draft: string; bytes: number } {
  const previous = readFileSync(join(ROOT, '.bench', 'numbered-92k.md'), 'utf8').split('\n\n');
  const head = previous.slice(0, 2);
  let body = previous.slice(2).filter((p) => /^\d+\. /.test(p));
  while (body.join('\n\n').length < 100 * 1024) body = [...body, ...body.slice(0, 40).map((p) => p.replace(/in district (\d+)/, (_, n) => `in region ${n}`))];
  const strip = (p: string) => p.replace(/^\d+\. /, '');
  const before = body.map(strip);
  const after: string[] = ['*Welcomes* the report of the Secretary-General and the recommendations it contains;'];
  before.forEach((p, i) => {
    if (i % 15 === 14 || i === 40) return;
    let q = i % 10 === 9 ? p.replace(/^\*?Requests\*?/, '*Encourages*').replace(/^\*?Decides\*?/, '*Invites*') : p;
    if (i === 20) {
      const cut = q.indexOf(', ', Math.floor(q.length / 2));
      if (cut > 0) {
        after.push(q.slice(0, cut) + ';', '*Further requests* ' + q.slice(cut + 2));
        return;
      }
    }
    if (i === 60) q = q.replace(/;$/, ', within existing resources;');
    after.push(q);
  });
  after.push(before[40]);
  const number = (list: string[]) => [...head, ...list.map((p, i) => `${i + 1}. ${p}`)].join('\n\n') + '\n';
  const dir = join(ROOT, '.bench');
  writeFileSync(join(dir, 'renewal-previous.md'), number(before));
  writeFileSync(join(dir, 'renewal-draft.md'), number(after));
  return { previous: join(dir, 'renewal-previous.md'), draft: join(dir, 'renewal-draft.md'), bytes: Buffer.byteLength(number(before)) };
}

/** Numbered operative paragraphs from the labelled corpus's mandate texts, renumbered, to about 92 KB and 184 KB. */
function buildNumberedDrafts(): { small: { path: string; bytes: number }; large: { path: string; bytes: number } } {
  const docs = resolve(ROOT, '..', 'shared', 'corpus', 'docs');
  const paragraphs: string[] = [];
  for (const file of existsSync(docs) ? readdirSync(docs).sort() : []) {
    for (const block of readFileSync(join(docs, file), 'utf8').split(/\n\s*\n/)) {
      const m = /^\s*\d{1,3}\.\s+(.+)/s.exec(block);
      if (m && m[1].length > 80) paragraphs.push(m[1].replace(/\s+/g, ' ').trim());
    }
  }
  if (!paragraphs.length) paragraphs.push('*Requests* the Mission to support the reform of the national police, in close coordination with partners;');
  const draft = (target: number) => {
    const out = ['# Draft resolution', '', 'The Security Council,', ''];
    let bytes = 0;
    for (let i = 0; bytes < target; i++) {
      // Each paragraph made unique, so that no paragraph's facts are shared with an earlier copy.
      const line = `${i + 1}. ${paragraphs[i % paragraphs.length].replace(/[;.,]?$/, `, in district ${i + 1};`)}`;
      out.push(line, '');
      bytes += line.length + 2;
    }
    return out.join('\n');
  };
  const write = (name: string, target: number) => {
    const path = join(ROOT, '.bench', name);
    const text = draft(target);
    writeFileSync(path, text);
    return { path, bytes: Buffer.byteLength(text) };
  };
  return { small: write('numbered-92k.md', 92 * 1024), large: write('numbered-184k.md', 184 * 1024) };
}

/**
 * Word drafts (issue 11): a 100-page .docx (about 300 KB of text, Word numbering, tracked insertions) read and
 * linted, then annotated; and the slowest refusal among the hostile files of the Word tests.
 */
async function benchWord(): Promise<void> {
  const numbered = readFileSync(join(ROOT, '.bench', 'numbered-184k.md'), 'utf8').split('\n\n').filter((p) => /^\d+\. /.test(p));
  // The draft and one twice as long: reading and annotating should double, not more (the rendering was once
  // quadratic, and a single size did not show it).
  const draft = async (pages: number) => {
    const paragraphs: string[] = [];
    // The length the paragraphs have once joined, kept as they are added (joining them each time was quadratic).
    for (let i = 0, joined = -2; joined < pages * 3 * 1024; i++) {
      paragraphs.push(`${i + 1}. ${numbered[i % numbered.length].replace(/^\d+\. /, '').replace(/in district \d+;$/, `in district ${i + 1};`)}`);
      joined += paragraphs[i].length + 2;
    }
    const markdown = ['# Draft resolution on the situation in the Republic of Kalindor', 'The Security Council,', ...paragraphs].join('\n\n') + '\n';
    const path = join(ROOT, '.bench', `draft-${pages}-pages.docx`);
    writeFileSync(path, await wordDraftBytes(markdown, 'Draft resolution'));
    const runs = Array.from({ length: RUNS }, () => measure('docx', path) as Measurement & { annotateMs: number; summary: string });
    return { path, readMs: median(runs.map((r) => r.ms)), annotateMs: median(runs.map((r) => r.annotateMs)), summary: runs[0].summary };
  };
  const one = await draft(100);
  const two = await draft(200);
  console.log(`\nWord draft of about 100 pages (${(statSync(one.path).size / 1024).toFixed(0)} KB .docx; ${one.summary})`);
  console.log(`  read and lint: ${one.readMs.toFixed(0)} ms (target <= 1000 ms); annotate with every finding as a comment: ${one.annotateMs.toFixed(0)} ms (target <= 500 ms)`);
  console.log(`  twice as long (200 pages): read and lint ${two.readMs.toFixed(0)} ms, ${(two.readMs / one.readMs).toFixed(2)} times as long; annotate ${two.annotateMs.toFixed(0)} ms, ${(two.annotateMs / one.annotateMs).toFixed(2)} times as long (linear: about 2)`);
  const hostile = join(ROOT, '.bench', 'hostile-docx');
  rmSync(hostile, { recursive: true, force: true });
  mkdirSync(hostile, { recursive: true });
  const files = hostileDocxFiles(readFileSync(join(ROOT, 'examples', 'weak-mandate.docx'))).filter((f) => f.name.endsWith('.docx') && f.name !== 'outside-links.docx');
  for (const f of files) writeFileSync(join(hostile, f.name), f.bytes);
  const worst = measure('docx-hostile', hostile) as Measurement & { summary: string };
  console.log(`  ${files.length} hostile or broken .docx files (zip bombs, 10,000 entries, DTDs, encrypted, truncated ...): the slowest refused in ${worst.ms.toFixed(0)} ms (${worst.summary}; target <= 1000 ms)`);
}

main();
benchWord().catch((error) => {
  console.error(error);
  process.exit(1);
});
