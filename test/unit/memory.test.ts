import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FOLDER_RUN_GROWTH_BYTES, FOLDER_RUN_YOUNG_GENERATION, tuneV8ForFolderRun, releaseMemory } from '../../src/node/memory';

describe('server memory hygiene', () => {
  it('collects garbage after a lint once the heap has grown past the limit, and not before', () => {
    releaseMemory(0); // start from a collected heap
    assert.equal(releaseMemory(1024 * 1024 * 1024), false, 'no collection while the heap is within the limit');
    let garbage: string[] | undefined = Array.from({ length: 200_000 }, (_, i) => `paragraph ${i} `.repeat(4));
    assert.ok(garbage.length > 0);
    garbage = undefined;
    const before = process.memoryUsage().heapUsed;
    assert.equal(releaseMemory(1024 * 1024), true, 'the heap grew by more than 1 MB: collect');
    assert.ok(process.memoryUsage().heapUsed < before, 'the collection freed the garbage');
  });

  it('grows the young generation of a folder run to its size, and holds it there while drafts are linted', () => {
    // In a fresh process that has allocated little (a bundle, not the TypeScript loader): this one's young
    // generation has long grown as the tests allocate.
    const root = join(__dirname, '..', '..');
    const bundle = buildSync({
      stdin: {
        contents: `
          import { getHeapSpaceStatistics } from 'node:v8';
          import { readFileSync } from 'node:fs';
          import { tuneV8ForFolderRun } from './src/node/memory';
          import { lintText } from './src/core/lint';
          const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;
          const before = young();
          tuneV8ForFolderRun(Number(process.env.DRAFT_BYTES));
          const after = young();
          const draft = readFileSync('examples/weak-mandate.md', 'utf8').repeat(40);
          for (let i = 0; i < 5; i++) lintText(draft, { format: 'markdown', cacheFacts: false });
          console.log(JSON.stringify({ before, after, end: young() }));`,
        resolveDir: root,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    const script = join(mkdtempSync(join(tmpdir(), 'mandate-lint-young-')), 'young.js');
    writeFileSync(script, bundle.outputFiles[0].text);
    const sizes = (draftBytes: number) => {
      const run = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8', env: { ...process.env, DRAFT_BYTES: String(draftBytes) } });
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout.trim().split('\n').pop()!) as { before: number; after: number; end: number };
    };
    const { before, after, end } = sizes(9 * 1024 * 1024);
    assert.ok(before < FOLDER_RUN_YOUNG_GENERATION, `a fresh process starts smaller (${before})`);
    assert.ok(after >= FOLDER_RUN_YOUNG_GENERATION && after <= 2 * FOLDER_RUN_YOUNG_GENERATION, `grown to ${after}`);
    assert.equal(end, after, 'held at that size through the lints');
    // A few small drafts are done before growing it would pay: it is held where it is.
    const small = sizes(FOLDER_RUN_GROWTH_BYTES - 1);
    assert.equal(small.after, small.before);
    assert.equal(small.end, small.before);
    rmSync(dirname(script), { recursive: true, force: true });
  });

  it('sets the V8 settings of folder runs (heap growth, inlining) without a word on stderr, on this Node and in the CLI', () => {
    tuneV8ForFolderRun();
    const root = join(__dirname, '..', '..');
    const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', 'examples/'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 1, 'the weak example has errors');
    assert.doesNotMatch(run.stderr, /flag|V8/i);
    assert.ok(JSON.parse(run.stdout).length >= 2, 'a folder run over several drafts');
  });
});
