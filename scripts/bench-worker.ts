/** One benchmark run in its own process: prints {ms, maxRssMb} as JSON on the last line. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { compareResults } from '../src/core/compare';
import { annotateDocx, insertionNote, readDocx, wordParagraphAt } from '../src/docx';
import { analyzeDocument } from '../src/core/analysis';
import { fixAllOfRule } from '../src/core/fix-all';
import type { Snippet } from '../src/core/snippets';
import coreSnippets from '../data/snippets/core.json';
import { clearFactsCache, computeFacts, type UnitFacts } from '../src/core/facts';
import { getDefaultLexicon, lintText } from '../src/core/lint';
import { tokenize } from '../src/core/lexicon/tokenize';
import { groupByConcept, readUnit } from '../src/core/reading';
import { tuneV8ForFolderRun } from '../src/node/memory';
import { clearBlockCaches } from '../src/core/model/blocks';
import { buildModel, clearTraitsCache } from '../src/core/model/model';
import { runCli, type CliIO } from '../src/cli/run';

const [mode, dir, other] = process.argv.slice(2);

// "cli <dir>": the command line on the folder as a user runs it (configuration, discovery, reading, stylish output
// to a sink), in this fresh process with no warm-up; only loading the bundle is not counted. A folder run awaits
// nothing (only standard input is awaited), so the whole run is done when runCli returns.
if (mode === 'cli') {
  let printed = 0;
  const io: CliIO = { cwd: process.cwd(), stdout: (text) => void (printed += text.length), stderr: () => undefined, readStdin: async () => '', stdoutIsTTY: false, env: {} };
  const started = performance.now();
  void runCli([dir], io);
  console.log(JSON.stringify({ ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, printed }));
  process.exit(0);
}

/** Stands for a paragraph already read, in the stages that do not keep its facts. */
const NO_FACTS = {} as UnitFacts;
const BUILT_IN_SNIPPETS = coreSnippets.snippets as Snippet[];
// "single <file>": one draft linted again and again (caches cleared), the median time of one lint.
const files = mode === 'single' || mode === 'fix-all' || mode === 'compare' || mode === 'docx' ? [dir] : readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => join(dir, f));
const processor = unified().use(remarkParse);
// As the CLI does for a run over several drafts, before it reads any ("lint-default-heap" shows V8's default heap
// instead): set before the warm-up, since the young generation stays at the size it has when growth stops.
if (mode === 'lint' || mode === 'lint-warm' || mode.startsWith('stage-')) tuneV8ForFolderRun();
// Warm up the JIT and the lexicon on a small text so that both modes are measured hot.
lintText('# Warm-up\n\n1. Requests the Mission to support the police;\n', { format: 'markdown' });
processor.parse('# Warm-up\n\n1. text\n');
clearCaches();

/** Every cache that would let one measured lint reuse the work of another. */
function clearCaches(): void {
  clearBlockCaches();
  clearTraitsCache();
  clearFactsCache();
}

// "compare <previous> <draft>": both texts linted (caches cleared) and compared, the median time of one comparison.
if (mode === 'compare') {
  const before = readFileSync(dir, 'utf8');
  const after = readFileSync(other, 'utf8');
  const times: number[] = [];
  let summary = '';
  for (let i = 0; i < 9; i++) {
    clearCaches();
    const t0 = performance.now();
    const comparison = compareResults(lintText(before, { format: 'markdown', cacheFacts: false }), lintText(after, { format: 'markdown', cacheFacts: false }));
    times.push(performance.now() - t0);
    summary = comparison.summary.text;
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ ms: times[Math.floor(times.length / 2)], maxRssMb: process.resourceUsage().maxRSS / 1024, summary }));
  process.exit(0);
}

// "docx <file.docx>": a Word draft read (unzip, XML, numbering, tracked changes, rendering) and linted, then the
// findings written back as comments; the median time of each, caches cleared. "docx-hostile <dir>": the slowest
// refusal among the hostile files of the folder.
if (mode === 'docx') {
  const bytes = readFileSync(dir);
  const read: number[] = [];
  const annotate: number[] = [];
  let summary = '';
  for (let i = 0; i < 9; i++) {
    clearCaches();
    const t0 = performance.now();
    const reading = readDocx(bytes);
    const result = lintText(reading.text, { format: 'markdown', cacheFacts: false });
    const notes = result.findings.filter((f) => insertionNote(reading, f.start, f.end)).length;
    for (const f of result.findings) wordParagraphAt(reading, f.start);
    const t1 = performance.now();
    const out = annotateDocx(bytes, reading, result.findings.map((f) => ({ start: f.start, end: f.end, paragraphs: [f.message, f.ruleId] })));
    const t2 = performance.now();
    read.push(t1 - t0);
    annotate.push(t2 - t1);
    summary = `${reading.wordParagraphs} Word paragraphs, ${Math.round(reading.text.length / 1024)} KB of text, ${result.findings.length} findings (${notes} in tracked insertions), ${out.comments} comments`;
  }
  const mid = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(JSON.stringify({ ms: mid(read), annotateMs: mid(annotate), maxRssMb: process.resourceUsage().maxRSS / 1024, summary }));
  process.exit(0);
}
if (mode === 'docx-hostile') {
  let worst = { ms: 0, name: '' };
  for (const name of readdirSync(dir).sort()) {
    const bytes = readFileSync(join(dir, name));
    const t0 = performance.now();
    try {
      readDocx(bytes);
    } catch {
      // refused, as it should be
    }
    const ms = performance.now() - t0;
    if (ms > worst.ms) worst = { ms, name };
  }
  console.log(JSON.stringify({ ms: worst.ms, maxRssMb: process.resourceUsage().maxRSS / 1024, summary: worst.name }));
  process.exit(0);
}

// "fix-all <file>": the quick fixes of every finding of the draft's most frequent paragraph rule, as one "Fix all"
// code action builds them (the lint itself not counted); the median of 5.
if (mode === 'fix-all') {
  const text = readFileSync(dir, 'utf8');
  const times: number[] = [];
  let summary = '';
  for (let i = 0; i < 5; i++) {
    clearCaches();
    const result = lintText(text, { format: 'markdown', cacheFacts: false });
    const counts = new Map<string, number>();
    for (const f of result.findings) if (f.level === 'paragraph') counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    const [ruleId] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const t0 = performance.now();
    const all = fixAllOfRule(result, ruleId, BUILT_IN_SNIPPETS);
    times.push(performance.now() - t0);
    summary = `${all.count} ${ruleId} findings`;
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ ms: times[2], maxRssMb: process.resourceUsage().maxRSS / 1024, summary }));
  process.exit(0);
}

if (mode === 'single') {
  const text = readFileSync(dir, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    clearCaches();
    const t0 = performance.now();
    lintText(text, { format: 'markdown' });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ ms: times[Math.floor(times.length / 2)], maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

// "stage-<name> <dir>": a lint of every file of the folder cut short after one stage, with the CLI's V8 settings.
// Each stage does what the one before it does and more, in the order lintText runs them (the model, then each
// distinct paragraph's facts, then the analysis), so that the differences say what each stage costs.
if (mode.startsWith('stage-')) {
  const lexicon = getDefaultLexicon();
  const stage = mode.slice('stage-'.length);
  // The full lint reads the corpus as strategies, whose paragraphs' facts are computed as a national text's.
  const NATIONAL = true;
  const texts = files.map((file) => readFileSync(file, 'utf8'));
  const started = performance.now();
  let count = 0;
  for (const text of texts) {
    clearCaches();
    const model = buildModel(text, 'markdown', false);
    if (stage === 'model') continue;
    // Kept until the document is done, as a lint keeps its facts ("facts-kept", "analysis"), or let go at once.
    const facts = new Map<string, UnitFacts>();
    for (const unit of model.units) {
      const paragraph = model.masked.slice(unit.contentStart, unit.end);
      if (facts.has(paragraph)) continue;
      if (stage === 'tokens') count += tokenize(paragraph).length;
      else if (stage === 'match') count += lexicon.match(paragraph, tokenize(paragraph)).length;
      else if (stage === 'reading') {
        const tokens = tokenize(paragraph);
        const raw = lexicon.match(paragraph, tokens);
        count += readUnit(paragraph, tokens, raw, groupByConcept(raw)).clauses.length;
      } else if (stage === 'facts') count += computeFacts(paragraph, lexicon, false, NATIONAL).hits.length;
      else {
        facts.set(paragraph, computeFacts(paragraph, lexicon, false, NATIONAL));
        continue;
      }
      facts.set(paragraph, NO_FACTS);
    }
    if (stage === 'analysis') {
      const unitFacts = model.units.map((unit) => facts.get(model.masked.slice(unit.contentStart, unit.end))!);
      count += analyzeDocument(model, unitFacts, 'strategy').units.length;
    }
  }
  console.log(JSON.stringify({ ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024, count }));
  process.exit(0);
}

const started = performance.now();
let findings = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (mode === 'remark') {
    processor.parse(text);
  } else {
    if (mode === 'lint' || mode === 'lint-default-heap') {
      clearCaches();
    }
    findings += lintText(text, { format: 'markdown', docType: 'strategy', cacheFacts: mode === 'lint-warm' }).findings.length;
  }
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, findings }));
