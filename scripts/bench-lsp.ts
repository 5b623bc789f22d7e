/**
 * npm run bench:lsp: replays typing into the independent review (../shared/seeds/000_*.txt, 264 KB) opened as
 * a strategy document in the bundled language server, and prints p50/p95/max of the time from each change to
 * the diagnostics for that version. The editor's typing debounce (150 ms by default) is set to 0 here so that
 * the figure is the server's own work; a drafter sees it plus the debounce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startClient } from '../test/lsp/client';

const SEEDS = resolve(__dirname, '..', '..', 'shared', 'seeds');

/**
 * The test client keeps every publication it receives; an editor keeps only the latest per document. Kept here,
 * 492 publications of 560 diagnostics (about 150 MB of objects) would make the measuring process itself collect
 * garbage in the middle of measurements, and its pauses would be counted as the server's.
 */
function keepLatest<T>(published: T[]): void {
  published.splice(0, published.length - 1);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const seed = readdirSync(SEEDS).find((f) => f.startsWith('000_'));
  if (!seed) throw new Error(`no 000_*.txt in ${SEEDS}`);
  const original = readFileSync(join(SEEDS, seed), 'utf8');
  const text = `---\nmandate-lint: strategy\n---\n${original}`;
  const client = await startClient({ settings: { debounce: 0 } });
  const uri = 'file:///bench/000-review.txt';
  const doc = TextDocument.create(uri, 'plaintext', 1, text);
  const openedAt = performance.now();
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  await client.waitFor(() => client.diagnostics.find((d) => d.uri === uri && d.version === 1), 60000);
  const firstMs = performance.now() - openedAt;

  // Typing at several places: in the middle of long paragraphs, new paragraphs, deletions.
  const sentence = 'The mission will support the national police through training and mentoring. ';
  const anchors = [0.1, 0.35, 0.6, 0.85].map((f) => doc.getText().indexOf('. ', Math.floor(text.length * f)) + 2);
  const latencies: number[] = [];
  let version = 1;
  for (const anchor of anchors) {
    let offset = anchor;
    for (const ch of sentence + '\n\n- Deliver equipment to the army.\n\n') {
      version++;
      const position = doc.positionAt(offset);
      TextDocument.update(doc, [{ range: { start: position, end: position }, text: ch }], version);
      const sentAt = performance.now();
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: ch }] });
      const target = version;
      await client.waitFor(() => client.diagnostics.find((d) => d.uri === uri && d.version === target), 10000);
      latencies.push(performance.now() - sentAt);
      keepLatest(client.diagnostics);
      offset += ch.length;
    }
    for (let i = 0; i < 10; i++) {
      version++;
      const start = doc.positionAt(offset - 1);
      const end = doc.positionAt(offset);
      TextDocument.update(doc, [{ range: { start, end }, text: '' }], version);
      const sentAt = performance.now();
      client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text: '' }] });
      const target = version;
      await client.waitFor(() => client.diagnostics.find((d) => d.uri === uri && d.version === target), 10000);
      latencies.push(performance.now() - sentAt);
      keepLatest(client.diagnostics);
      offset--;
    }
  }
  await client.stop();
  const sorted = [...latencies].sort((a, b) => a - b);
  const final = client.diagnostics.filter((d) => d.uri === uri).pop()!;
  console.log(`Document: ${seed} as a strategy, ${(text.length / 1024).toFixed(0)} KB; first lint after open ${firstMs.toFixed(0)} ms`);
  console.log(`${latencies.length} edits (typing, new paragraphs, deletions), each waited for before the next; debounce 0 ms`);
  console.log(`change → diagnostics: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (target p95 <= 50 ms)`);
  console.log(`diagnostics on the final version: ${final.diagnostics.length}`);
  await manyPlaces(text);
}

/**
 * One didChange that edits 50,000 places of a 4 MB draft, last place first (how VS Code sends a multi-cursor edit
 * or Replace All): how long until the server answers the next request. Applied a change at a time, this took
 * minutes; the server applies such a batch in one pass.
 */
async function manyPlaces(seedText: string): Promise<void> {
  const client = await startClient({ settings: { debounce: 0 } });
  const uri = 'file:///bench/many-places.md';
  let text = seedText;
  while (text.length < 4 * 1024 * 1024) text += '\n\n' + seedText;
  client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await client.waitFor(() => client.diagnostics.find((d) => d.uri === uri && d.version === 1), 120000);
  const doc = TextDocument.create(uri, 'markdown', 1, text);
  const changes = Array.from({ length: 50_000 }, (_, i) => {
    const at = doc.positionAt(text.length - 1 - i * 80);
    return { range: { start: at, end: at }, text: ' ' };
  });
  const sentAt = performance.now();
  client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: changes });
  await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///bench/not-open.md' } });
  const ms = performance.now() - sentAt;
  await client.stop();
  console.log(`one didChange of 50,000 edits, last place first, on a ${(text.length / 1024 / 1024).toFixed(1)} MB draft: the next request answered after ${ms.toFixed(0)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
