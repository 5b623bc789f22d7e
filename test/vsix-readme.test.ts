/**
 * The README packed in the .vsix (scripts/vsix-readme.mjs, issue 13 point 8): VS Code's extension details page
 * shows no relative image, so the packaged README carries its images as data: URLs, and nothing else changes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

describe('the README packed in the .vsix', () => {
  let dir = '';
  let packed = '';
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'vsix-readme-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'vsix-readme.mjs'), join(dir, 'README.md')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    packed = readFileSync(join(dir, 'README.md'), 'utf8');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('carries each image of README.md from images/ as a data: URL of the file itself', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\((images\/[^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.includes('images/screenshot.png'), 'README.md shows the screenshot');
    for (const image of images) {
      const data = `data:image/png;base64,${readFileSync(join(ROOT, image)).toString('base64')}`;
      assert.ok(packed.includes(`](${data})`), image);
    }
    assert.doesNotMatch(packed, /!\[[^\]]*\]\(images\//);
  });

  it('changes nothing else: links stay relative and the text is the same', () => {
    let restored = packed;
    for (const [, image] of readme.matchAll(/!\[[^\]]*\]\((images\/[^)\s]+)\)/g)) restored = restored.replace(`](data:image/png;base64,${readFileSync(join(ROOT, image)).toString('base64')})`, `](${image})`);
    assert.equal(restored, readme);
    assert.match(packed, /\]\(docs\/coverage-report\.md\)/);
  });
});
