import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tuneV8ForFolderRun, releaseMemory } from '../../src/node/memory';

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

  it('sets the V8 settings of folder runs (heap growth, inlining) without a word on stderr, on this Node and in the CLI', () => {
    tuneV8ForFolderRun();
    const root = join(__dirname, '..', '..');
    const run = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), '--format', 'json', 'examples/'], { cwd: root, encoding: 'utf8' });
    assert.equal(run.status, 1, 'the weak example has errors');
    assert.doesNotMatch(run.stderr, /flag|V8/i);
    assert.ok(JSON.parse(run.stdout).length >= 2, 'a folder run over several drafts');
  });
});
