/**
 * npm run bench:shapes: lints each of about forty shapes of odd text (runs of replacement characters, unclosed
 * brackets, thousands of headings or underlined headings on consecutive lines, lone surrogates, pasted tables ...)
 * at 200 KB and at 400 KB, in this process, with the code actions of the first findings, and prints the times and
 * their ratio. Linear work doubles; a ratio above 3, or a lint past two seconds, marks a path to read ("<<<").
 * Short times are noisy, so each shape is linted once before it is measured, the heap is collected before each
 * lint, each time is the median of three lints, and only ratios past 250 ms are marked. It found the stack overflow
 * on 11,000 headings and remark's cubic time on underlined headings.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lintText } from '../src/core/lint';
import { clearBlockCaches } from '../src/core/model/blocks';
import { clearTraitsCache } from '../src/core/model/model';
import { clearFactsCache } from '../src/core/facts';
import { fixesFor } from '../src/core/fixes';
import type { Snippet } from '../src/core/snippets';
import core from '../data/snippets/core.json';

const SHAPES: Record<string, string> = {
  'replacement characters': '\uFFFD'.repeat(50) + ' police ',
  'one long word': 'a'.repeat(5000) + ' ',
  commas: 'police, army, gendarmerie, ',
  'nested brackets': '(the police (and the army (and the gendarmerie))) ',
  'unclosed brackets': '( police ',
  'unopened brackets': ') police ',
  'items on single lines': '- Requests the Mission to train the police;\n',
  'numbers inside a line': '1. train 2. equip 3. the army ',
  'table rows': '| police | army | train | equip |\n',
  'no full stop': 'requests the Mission to support the training and equipping of the national police and army and ',
  'short sentences': 'Train the police. ',
  'headings on consecutive lines': '# Police\n',
  'underlined headings': 'Police\n---\n',
  'underlined headings and a quote': 'Police\n===\n> army\n',
  emphasis: '**Requests** the Mission *to train* the army ',
  'unbalanced emphasis': '** _ * __ police ',
  backticks: '` police `` army ',
  'inline HTML': '<div><span>police</span></div> ',
  citations: 'paragraphs 8 and 9 of resolution 2100 (2013), ',
  acronyms: 'Armed Forces of Liberia (AFL) and the LNP (Liberia National Police) ',
  quotes: '"police" \u201Carmy\u201D \'gendarmerie\' ',
  semicolons: 'to train the army; ',
  colons: 'the army: the police: ',
  digits: '1234567890 ',
  bullets: '\u2022 train the police \u2022 equip the army ',
  'CRLF paragraphs': 'Requests the Mission to train the police;\r\n\r\n',
  'no-break spaces': 'police\u00A0army\u00A0',
  'zero-width characters': 'po\u200Blice\u200D army ',
  'combining marks': 'pol\u0301ice a\u0300rmy ',
  'right-to-left text': '\u0627\u0644\u0634\u0631\u0637\u0629 police ',
  emoji: '\uD83D\uDE00 police ',
  'lone surrogates': '\uD800 police \uDC00 ',
  slashes: 'police/army/gendarmerie/',
  hyphens: 'police-army-gendarmerie-',
  'numbered paragraphs': '1. Requests the Mission to train and equip the army;\n\n',
  'lettered sub-paragraphs': '(a) to train the police;\n',
  footnotes: 'police[^1] army[^2] ',
  links: '[police](http://x.org/a) ',
  'nested quotes': '> > > train the army\n',
  'indented lines': '    train the army\n',
  'a mandate sentence': 'Decides that the Mission shall support the reform of the security sector, including the training of the police, ',
  // Each public-order phrase once looked at every institution before it: 46 s for 400 KB.
  'law and order beside a mission': 'UNMIKA shall maintain law and order and the police ',
  // Each force once looked at every withdrawal in the paragraph: 10 s for 400 KB of an agreement.
  'withdrawals beside forces': 'the withdrawal of the Ruvanian forces and the army shall be withdrawn from ',
  'capacities of others': 'building the capacity of the Government, the defence capability of the country, the army ',
  // Each governance named as missing looks for the forces right after it (a binary search, not a scan of all forces).
  'governance lacking over forces': 'deplores the lack of civilian oversight and control of the armed forces and the police ',
  'joint operations with forces': 'the Mission conducts joint operations with the army and the police and ',
  // Each reform looks for where the paper sets it out by position (a binary search, not a scan of all descriptions).
  'reforms set out in the strategy': 'the reform agenda set out in this Strategy and the restructuring described in the plan, ',
  // A clause that opens with an actor and a past tense looks for a present verb to the end of its own clause only.
  'histories told by actors': 'the Armed Forces embarked on programmes, built garrisons and reorganised units, and the police ',
};
const SNIPPETS = core.snippets as Snippet[];
const SIZE = Number(process.env.BENCH_SHAPE_BYTES ?? 200_000);
/** BENCH_SHAPES="commas,emoji" measures only those shapes. */
const ONLY = process.env.BENCH_SHAPES?.split(',');

// A full collection before each lint, so that no lint pays for the garbage of the one before it.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function lintOnce(text: string): { lintMs: number; fixMs: number; findings: number } {
  collectGarbage();
  clearBlockCaches();
  clearTraitsCache();
  clearFactsCache();
  const started = performance.now();
  const result = lintText(text, { format: 'markdown', docType: 'mandate', cacheFacts: false });
  const lintMs = performance.now() - started;
  const fixStarted = performance.now();
  for (const finding of result.findings.slice(0, 50)) fixesFor(result.analysis, finding, SNIPPETS);
  return { lintMs, fixMs: performance.now() - fixStarted, findings: result.findings.length };
}

function median(text: string): { lintMs: number; fixMs: number; findings: number } {
  const runs = [lintOnce(text), lintOnce(text), lintOnce(text)];
  const mid = (values: number[]) => values.sort((a, b) => a - b)[1];
  return { lintMs: mid(runs.map((r) => r.lintMs)), fixMs: mid(runs.map((r) => r.fixMs)), findings: runs[0].findings };
}

lintOnce('# Warm-up\n\n1. Requests the Mission to support the police;\n');
console.log(`Each shape repeated to ${SIZE / 1000} KB and to ${(2 * SIZE) / 1000} KB, linted as a mandate (median of three lints), then the code actions of its first 50 findings.\n`);
console.log(`${'shape'.padEnd(34)} ${'lint'.padStart(8)} ${'2x'.padStart(8)}  ratio  ${'fixes'.padStart(7)} ${'2x'.padStart(7)}  findings`);
let marked = 0;
for (const [name, fragment] of Object.entries(SHAPES)) {
  if (ONLY && !ONLY.includes(name)) continue;
  const make = (bytes: number) => fragment.repeat(Math.ceil(bytes / fragment.length)).slice(0, bytes);
  // A lint of the larger text first, so that neither measure pays for compiling what this shape reaches.
  lintOnce(make(2 * SIZE));
  const one = median(make(SIZE));
  const two = median(make(2 * SIZE));
  const ratio = two.lintMs / Math.max(one.lintMs, 1);
  const slow = (ratio > 3 && two.lintMs > 250) || two.lintMs > 2000 || (two.fixMs > 50 && two.fixMs / Math.max(one.fixMs, 1) > 3);
  if (slow) marked++;
  console.log(`${name.padEnd(34)} ${one.lintMs.toFixed(0).padStart(5)} ms ${two.lintMs.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2).padStart(5)}  ${one.fixMs.toFixed(0).padStart(4)} ms ${two.fixMs.toFixed(0).padStart(4)} ms  ${String(one.findings).padStart(5)} ${String(two.findings).padStart(5)}${slow ? '  <<<' : ''}`);
}
console.log(`\n${marked} shape(s) marked (a ratio above 3 past 250 ms, or a lint past two seconds, or fixes growing faster than the draft).`);
