/**
 * The language server's layout: one small module per concern in src/lsp/, and the custom protocol declared once
 * in src/protocol.ts (types and constants only, so the client bundle carries none of the core).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MAX_LINES = 250;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

describe('language server modules', () => {
  it(`keeps every module in src/lsp/ under ${MAX_LINES} lines`, () => {
    const files = sources('src/lsp');
    assert.ok(files.length >= 8, files.join(', '));
    const long = files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8').split('\n').length] as const).filter(([, lines]) => lines >= MAX_LINES);
    assert.deepEqual(long.map(([f, lines]) => `${f}: ${lines} lines`), []);
  });

  it('declares the custom protocol once: src/protocol.ts imports types only, and nobody else spells the names', () => {
    const protocol = readFileSync(join(ROOT, 'src/protocol.ts'), 'utf8');
    for (const line of protocol.split('\n').filter((l) => /^import\b/.test(l))) assert.match(line, /^import type /, line);
    for (const file of [...sources('src/lsp'), ...sources('client/src')]) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      assert.doesNotMatch(text, /['"`]mandateLint\/[A-Za-z]+['"`]|['"`]mandateLint\.server\./, `${file} names a custom method itself; use src/protocol.ts`);
    }
  });
});
