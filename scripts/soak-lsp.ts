/**
 * npm run soak:lsp: does the language server's memory stay flat while a drafter types? Spawns the bundled server
 * (dist/server.js, over stdio, as test/lsp/client.ts does) and, for each of two drafts, opens it, applies 2,000
 * small edits (typing runs and backspaces at places spread over the text), waits for the diagnostics every few
 * edits, and reads the server's resident memory (VmRSS in /proc/<pid>/status) every 100 edits:
 *
 *   (a) the 264 KB independent review (../shared/seeds/000_*.txt) as a strategy, with its paragraphs separated by
 *       single line breaks instead of blank lines (so the whole text is one chunk for the document model);
 *   (b) a 500 KB single paragraph made of the same text with its line breaks removed.
 *
 * Each draft gets a fresh server. The first plateau is the highest RSS over edits 300 to 800, once the caches
 * have filled; growth is the highest RSS over the last 500 edits minus that. Both are highs of windows of the
 * same length: RSS swings by tens of megabytes between full collections, and a single reading at edit 300 may
 * fall at the bottom of a swing, which would count the swing as growth. The script exits with 1 if either draft
 * grows by more than 50 MB. Options: --edits <n> (default 2000), --only a|b, --limit <MB> (default 50). Linux
 * only (reads /proc).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient } from '../test/lsp/client';

const SEEDS = resolve(__dirname, '..', '..', 'shared', 'seeds');
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const EDITS = Number(option('edits') ?? 2000);
const LIMIT_MB = Number(option('limit') ?? 50);
const ONLY = option('only');
const SAMPLE_EVERY = 100;
const WAIT_EVERY = 5;
const PLATEAU_AT = 300;
/** Edits in each window whose highest RSS is compared: the first plateau's and the last. */
const TAIL = 500;

interface Sample {
  edits: number;
  rssMb: number;
  hwmMb: number;
  msPerEdit: number;
}

function memory(pid: number): { rssMb: number; hwmMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** A small deterministic generator, so that every run makes the same edits. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function soak(name: string, text: string): Promise<{ samples: Sample[]; growthMb: number; plateauMb: number; tailMaxMb: number }> {
  const client = await startClient({ settings: { debounce: 0 } });
  const pid = client.process.pid!;
  const uri = `file:///soak/${name}.txt`;
  const doc = TextDocument.create(uri, 'plaintext', 1, text);
  let version = 1;
  const published = (v: number) => client.waitFor(() => client.diagnostics.find((d) => d.uri === uri && d.version === v), 120000);
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text } });
  await published(version);
  // Only the latest report matters; keeping every one would make the soak script itself the leak.
  const keepLast = () => client.diagnostics.splice(0, Math.max(0, client.diagnostics.length - 1));

  const samples: Sample[] = [{ edits: 0, ...memory(pid), msPerEdit: 0 }];
  const next = random(9);
  const typed = 'The mission will support the national police through training and mentoring, with civilian oversight. ';
  let anchor = 0;
  let runLeft = 0;
  let typedAt = 0;
  let windowStart = performance.now();
  for (let edit = 1; edit <= EDITS; edit++) {
    // Runs of ten edits at one place: seven characters typed, three backspaced; then another place in the text.
    if (runLeft === 0) {
      anchor = Math.floor(next() * (doc.getText().length - 200)) + 100;
      runLeft = 10;
    }
    const insert = runLeft > 3;
    runLeft--;
    version++;
    const change = insert
      ? { range: { start: doc.positionAt(anchor), end: doc.positionAt(anchor) }, text: typed[typedAt++ % typed.length] }
      : { range: { start: doc.positionAt(anchor - 1), end: doc.positionAt(anchor) }, text: '' };
    TextDocument.update(doc, [change], version);
    anchor += insert ? 1 : -1;
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    if (edit % WAIT_EVERY === 0) {
      await published(version);
      keepLast();
    }
    if (edit % SAMPLE_EVERY === 0) {
      const now = performance.now();
      samples.push({ edits: edit, ...memory(pid), msPerEdit: (now - windowStart) / SAMPLE_EVERY });
      windowStart = now;
      process.stderr.write(`\r${name}: ${edit}/${EDITS} edits, RSS ${samples[samples.length - 1].rssMb.toFixed(0)} MB   `);
    }
    if (client.process.exitCode !== null) throw new Error(`the server exited during the soak:\n${client.stderr()}`);
  }
  process.stderr.write('\n');
  await client.stop();
  const from = Math.min(PLATEAU_AT, EDITS);
  const first = samples.filter((s) => s.edits >= from && s.edits <= from + TAIL);
  const plateauMb = Math.max(...first.map((s) => s.rssMb));
  const tail = samples.filter((s) => s.edits >= EDITS - TAIL);
  const tailMaxMb = Math.max(...tail.map((s) => s.rssMb));
  return { samples, growthMb: tailMaxMb - plateauMb, plateauMb, tailMaxMb };
}

async function main(): Promise<void> {
  const seed = readdirSync(SEEDS).find((f) => f.startsWith('000_'));
  if (!seed) throw new Error(`no 000_*.txt in ${SEEDS}`);
  const original = readFileSync(join(SEEDS, seed), 'utf8');
  const frontMatter = '---\nmandate-lint: strategy\n---\n';
  // (a) The review with single line breaks between its paragraphs.
  const review = frontMatter + original.replace(/\r\n?/g, '\n').replace(/\n[ \t]*(?:\n[ \t]*)+/g, '\n').trim() + '\n';
  // (b) One 500 KB paragraph: the same words with no line breaks, repeated.
  const words = original.replace(/\s+/g, ' ').trim();
  let paragraph = '';
  while (paragraph.length < 500 * 1024) paragraph += (paragraph ? ' ' : '') + words;
  paragraph = paragraph.slice(0, paragraph.lastIndexOf(' ', 500 * 1024));
  const drafts: Array<[string, string, string]> = [
    ['a', 'review-single-breaks', review],
    ['b', 'single-paragraph-500k', frontMatter + paragraph + '\n'],
  ];

  let failed = false;
  const summaries: string[] = [];
  for (const [key, name, text] of drafts) {
    if (ONLY && ONLY !== key) continue;
    const started = performance.now();
    const { samples, growthMb, plateauMb, tailMaxMb } = await soak(name, text);
    const seconds = (performance.now() - started) / 1000;
    const lines = text.split('\n').length;
    console.log(`\n(${key}) ${name}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, ${lines} lines, ${EDITS} edits in ${seconds.toFixed(0)} s (diagnostics awaited every ${WAIT_EVERY} edits, debounce 0 ms)`);
    console.log('| edits | RSS (MB) | vs first plateau (MB) | peak RSS so far (MB) | ms per edit |');
    console.log('|---:|---:|---:|---:|---:|');
    for (const s of samples) {
      console.log(`| ${s.edits} | ${s.rssMb.toFixed(1)} | ${s.edits >= PLATEAU_AT ? (s.rssMb - plateauMb >= 0 ? '+' : '') + (s.rssMb - plateauMb).toFixed(1) : ''} | ${s.hwmMb.toFixed(1)} | ${s.edits ? s.msPerEdit.toFixed(1) : ''} |`);
    }
    const ok = growthMb <= LIMIT_MB;
    failed ||= !ok;
    const summary = `(${key}) ${name}: first plateau (highest RSS over edits ${PLATEAU_AT}-${PLATEAU_AT + TAIL}) ${plateauMb.toFixed(1)} MB, highest over the last ${TAIL} edits ${tailMaxMb.toFixed(1)} MB: growth ${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB (limit ${LIMIT_MB} MB) ${ok ? 'ok' : 'FAILED'}`;
    console.log(summary);
    summaries.push(summary);
  }
  console.log(`\n${summaries.join('\n')}`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
