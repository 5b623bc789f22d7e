/**
 * Files in a repository must not freeze or exhaust mandate-lint (issue 9): FIFOs, devices and endless files
 * wherever a file is read, hostile input on --stdin, hostile file names, folders full of links, negated ignore
 * patterns and a reader that goes away. Every run has a time limit, so a hang fails the test instead of mocha,
 * and a run that finished did not grow its memory without limit (the old reader aborted with bad_alloc).
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, existsSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDraft, escapeControl, MAX_TEXT_BYTES, readBounded } from '../src/node/files';
import { NOT_DRAFTS } from '../src/node/discover';
import { runCli } from '../src/cli/run';
import { cleanWorkspaces, makeWorkspace } from './helpers/workspace';
import core from '../data/snippets/core.json';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const LIMIT_MS = 20000;

const DRIFT = '# Draft\n\nThe Security Council,\n\n3. *Requests* the Mission to provide training and equipment to the national army;\n';
const CLEAN = '# Note\n\nThe mission will hold a staff retreat in June.\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, options: SpawnSyncOptions = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: LIMIT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, ...options });
  assert.equal(result.error, undefined, `mandate-lint ${args.join(' ')} did not finish within ${LIMIT_MS / 1000} s (or could not run): ${result.error?.message}`);
  assert.equal(result.signal, null, `mandate-lint ${args.join(' ')} was killed by ${result.signal}; stderr:\n${result.stderr}`);
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function json(r: Run): Array<{ filePath: string; messages: Array<{ ruleId: string | null; message: string; fatal?: boolean }> }> {
  return JSON.parse(r.stdout);
}

const posix = process.platform !== 'win32';
const hasDevZero = posix && existsSync('/dev/zero');

/** Replaces `path` (inside a workspace) with a hostile file: a symbolic link to /dev/zero, or a FIFO. */
function hostile(kind: 'device' | 'fifo', path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  if (kind === 'device') symlinkSync('/dev/zero', path);
  else {
    const made = spawnSync('mkfifo', [path]);
    assert.equal(made.status, 0, `mkfifo failed: ${made.stderr}`);
  }
}

const REASON = { device: /is a character device \(a symbolic link to \/dev\/zero\), not a regular file/, fifo: /is a FIFO \(named pipe\), not a regular file/ };

describe('hostile files', function () {
  this.timeout(60000);
  after(cleanWorkspaces);
  before(function () {
    if (!hasDevZero) this.skip();
  });

  for (const kind of ['device', 'fifo'] as const) {
    describe(kind === 'device' ? 'a symbolic link to /dev/zero' : 'a FIFO', () => {
      it('as a team lexicon: refused with one line naming it, and the draft is still linted', () => {
        const ws = makeWorkspace({ 'a.md': DRIFT, '.mandatelintrc.json': JSON.stringify({ root: true, lexicons: ['./team.mandate-lexicon.json'] }) });
        hostile(kind, join(ws, 'team.mandate-lexicon.json'));
        const r = run(['a.md'], ws);
        assert.equal(r.code, 2, 'a configuration error');
        const lines = r.stderr.trim().split('\n');
        assert.equal(lines.length, 1, r.stderr);
        assert.match(lines[0], /\.mandatelintrc\.json:1:1: lexicon \.\/team\.mandate-lexicon\.json: /);
        assert.match(lines[0], REASON[kind]);
        assert.match(r.stdout, /train-and-equip-drift/, 'the draft is still linted');
      });

      it('as a snippet library in .mandate-lint/snippets/: refused, the other libraries and the lint still work', () => {
        const ws = makeWorkspace({ 'a.md': DRIFT });
        hostile(kind, join(ws, '.mandate-lint', 'snippets', 'team.json'));
        const r = run(['a.md'], ws);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /snippets[/\\]team\.json:1:1: snippet library: /);
        assert.match(r.stderr, REASON[kind]);
        assert.match(r.stdout, /train-and-equip-drift/);
        const list = run(['snippets', 'list', '--for', 'a.md', '--format', 'json'], ws);
        assert.match(list.stderr, REASON[kind]);
        assert.equal(JSON.parse(list.stdout).libraries[0].snippets, core.snippets.length, 'the built-in clauses are still there');
        const validate = run(['snippets', 'validate', join('.mandate-lint', 'snippets', 'team.json')], ws);
        assert.equal(validate.code, 1);
        assert.match(validate.stdout, REASON[kind]);
      });

      it('as --config: a configuration error naming the file, and the draft is linted with the rest', () => {
        const ws = makeWorkspace({ 'a.md': DRIFT });
        hostile(kind, join(ws, 'team.json'));
        const r = run(['--config', 'team.json', 'a.md'], ws);
        assert.equal(r.code, 2);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, /team\.json:1:1: /);
        assert.match(r.stderr, REASON[kind]);
        assert.match(r.stdout, /train-and-equip-drift/);
      });

      it('as --ignore-path: refused with one line, nothing is ignored, the draft is linted', () => {
        const ws = makeWorkspace({ 'a.md': DRIFT });
        hostile(kind, join(ws, 'ignore'));
        const r = run(['--ignore-path', 'ignore', 'a.md'], ws);
        assert.equal(r.code, 2);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, /^mandate-lint: ignore file ignore not used: it /);
        assert.match(r.stderr, REASON[kind]);
        assert.match(r.stdout, /train-and-equip-drift/);
      });

      it('as --cache-location: refused with one line, left as it is, and the run works without a cache', () => {
        const ws = makeWorkspace({ 'a.md': DRIFT });
        hostile(kind, join(ws, 'cache'));
        const r = run(['--cache', '--cache-location', 'cache', 'a.md'], ws);
        assert.equal(r.code, 2);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.match(r.stderr, /^mandate-lint: cache cache not used: it /);
        assert.match(r.stderr, REASON[kind]);
        assert.match(r.stdout, /train-and-equip-drift/);
        assert.equal(run(['--cache', '--cache-location', 'cache', 'a.md'], ws).code, 2, 'still refused: it was not overwritten');
      });

      it('as .mandatelintrc.json: reported, not silently passed over', () => {
        const ws = makeWorkspace({ 'a.md': DRIFT });
        hostile(kind, join(ws, '.mandatelintrc.json'));
        const r = run(['a.md'], ws);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /\.mandatelintrc\.json:1:1: /);
        assert.match(r.stderr, REASON[kind]);
        assert.match(r.stdout, /train-and-equip-drift/);
      });

      it('named on the command line as a draft: "Not linted" with the reason, the other drafts are linted', () => {
        const ws = makeWorkspace({ 'a.md': DRIFT });
        hostile(kind, join(ws, 'b.md'));
        const results = json(run(['--format', 'json', 'a.md', 'b.md'], ws));
        const b = results.find((x) => x.filePath.endsWith('b.md'))!;
        assert.ok(b.messages[0].fatal);
        assert.match(b.messages[0].message, /^Not linted: /);
        assert.match(b.messages[0].message, REASON[kind]);
        assert.ok(results.find((x) => x.filePath.endsWith('a.md'))!.messages.length > 0);
      });
    });
  }

  it('a lexicon whose size the file system reports as 0 but that never ends is cut off at the limit', function () {
    if (!existsSync('/proc/self/pagemap')) this.skip();
    const ws = makeWorkspace({ 'a.md': DRIFT, '.mandatelintrc.json': JSON.stringify({ root: true, lexicons: ['./endless.json'] }) });
    symlinkSync('/proc/self/pagemap', join(ws, 'endless.json'));
    const r = run(['a.md'], ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /lexicon \.\/endless\.json: file is larger than 5 MB/);
    assert.match(r.stdout, /train-and-equip-drift/);
  });

  it('the bounded reader refuses FIFOs at once, stops just past the limit and never trusts stat.size', () => {
    const ws = makeWorkspace({ 'ten.txt': '0123456789', 'eleven.txt': '0123456789A' });
    assert.equal(readBounded(join(ws, 'ten.txt'), 10).ok, true);
    const over = readBounded(join(ws, 'eleven.txt'), 10);
    assert.ok(!over.ok && over.kind === 'too-large' && /larger than/.test(over.error));
    hostile('fifo', join(ws, 'pipe'));
    const fifo = readBounded(join(ws, 'pipe'), 10);
    assert.ok(!fifo.ok && fifo.kind === 'not-regular' && /FIFO/.test(fifo.error));
    const directory = readBounded(ws, 10);
    assert.ok(!directory.ok && /is a directory/.test(directory.error));
    if (existsSync('/proc/self/status')) {
      const proc = readBounded('/proc/self/status', 1024 * 1024);
      assert.ok(proc.ok && proc.bytes.length > 0, 'a file reported as empty is read to its end');
    }
  });

  describe('folders', () => {
    it('lints security.md, support.md, history.mandate.md, notice.txt and linked drafts; skips README-like files, FIFOs, devices and link loops, and says so', () => {
      const ws = makeWorkspace({
        'drafts/security.md': DRIFT,
        'drafts/support.md': DRIFT,
        'drafts/history.mandate.md': DRIFT,
        'drafts/notice.txt': DRIFT,
        'drafts/README.md': DRIFT,
        'drafts/CHANGELOG.md': DRIFT,
        'drafts/sub/deep.md': CLEAN,
        'elsewhere/linked-target.md': DRIFT,
      });
      const drafts = join(ws, 'drafts');
      symlinkSync(join('..', 'elsewhere', 'linked-target.md'), join(drafts, 'linked.md'));
      symlinkSync('loop-b.md', join(drafts, 'loop-a.md'));
      symlinkSync('loop-a.md', join(drafts, 'loop-b.md'));
      symlinkSync('..', join(drafts, 'sub', 'up')); // a folder link back to drafts/
      symlinkSync('security.md', join(drafts, 'same-as-security.md')); // linted once
      hostile('device', join(drafts, 'zero.md'));
      hostile('fifo', join(drafts, 'pipe.md'));

      const r = run(['--format', 'json', 'drafts'], ws);
      assert.equal(r.code, 1);
      const linted = json(r)
        .map((x) => x.filePath.slice(drafts.length + 1).split('\\').join('/'))
        .sort();
      assert.deepEqual(linted, ['history.mandate.md', 'linked.md', 'notice.txt', 'security.md', 'sub/deep.md', 'support.md']);
      assert.match(r.stderr, /^mandate-lint: 6 files skipped: 2 README-like, 2 not a regular file, 2 symbolic link loops$/m);
      assert.match(r.stderr, /drafts[/\\]pipe\.md: skipped: is a FIFO/);
      assert.match(r.stderr, /drafts[/\\]zero\.md: skipped: is a character device/);
      assert.match(r.stderr, /drafts[/\\]sub[/\\]up: skipped: a symbolic link loop/);
      assert.doesNotMatch(r.stdout, /skipped/, 'the summary stays out of machine output');

      const glob = run(['--format', 'json', 'drafts/**/*.md'], ws);
      assert.deepEqual(
        json(glob)
          .map((x) => x.filePath.slice(drafts.length + 1).split('\\').join('/'))
          .sort(),
        ['history.mandate.md', 'linked.md', 'security.md', 'sub/deep.md', 'support.md'],
        'globs follow the same rules',
      );
    });

    it('README-like files are an explicit short list; drafts with those words in longer names are linted', () => {
      for (const name of ['README.md', 'readme.txt', 'CHANGELOG.md', 'LICENSE', 'license.md', 'CONTRIBUTING.md', 'CODE_OF_CONDUCT.md', 'AUTHORS.txt']) assert.ok(NOT_DRAFTS.test(name), name);
      for (const name of ['security.md', 'support.md', 'history.mandate.md', 'notice.txt', 'readme.mandate.md', 'changelog-resolution.md']) assert.ok(!NOT_DRAFTS.test(name), name);
    });

    it('a linked folder that leads outside the folder searched is not followed', () => {
      const ws = makeWorkspace({ 'drafts/a.md': CLEAN, 'outside/b.md': DRIFT });
      symlinkSync(join('..', 'outside'), join(ws, 'drafts', 'out'));
      const r = run(['--format', 'json', 'drafts'], ws);
      assert.equal(r.code, 0);
      assert.deepEqual(json(r).map((x) => x.filePath), [join(ws, 'drafts', 'a.md')]);
      assert.match(r.stderr, /drafts[/\\]out: skipped: a symbolic link to a folder outside drafts/);
    });
  });

  describe('ignore patterns', () => {
    it('a negated ignorePatterns entry re-includes its file and ignores nothing else', () => {
      const ws = makeWorkspace({
        '.mandatelintrc.json': JSON.stringify({ root: true, ignorePatterns: ['!archive/keep.md'] }),
        'archive/keep.md': DRIFT,
        'archive/old.md': DRIFT,
        'drafts/a.md': DRIFT,
      });
      const all = run(['--format', 'json', '.'], ws);
      assert.deepEqual(json(all).map((x) => x.filePath).sort(), [join(ws, 'archive/keep.md'), join(ws, 'archive/old.md'), join(ws, 'drafts/a.md')]);
      writeFileSync(join(ws, '.mandatelintrc.json'), JSON.stringify({ root: true, ignorePatterns: ['archive/**', '!archive/keep.md'] }));
      const some = run(['--format', 'json', '.'], ws);
      assert.deepEqual(json(some).map((x) => x.filePath).sort(), [join(ws, 'archive/keep.md'), join(ws, 'drafts/a.md')]);
      assert.match(some.stderr, /1 file skipped: 1 ignored/);
    });

    it('a nearer configuration can re-include what a farther one ignores; .mandatelintignore negation works too', () => {
      const ws = makeWorkspace({
        '.mandatelintrc.json': JSON.stringify({ root: true, ignorePatterns: ['*.txt'] }),
        'notes/.mandatelintrc.json': JSON.stringify({ ignorePatterns: ['!keep.txt'] }),
        'notes/keep.txt': DRIFT,
        'notes/skip.txt': DRIFT,
        '.mandatelintignore': 'old/*\n!old/current.md\n',
        'old/current.md': DRIFT,
        'old/stale.md': DRIFT,
      });
      const r = run(['--format', 'json', '.'], ws);
      assert.deepEqual(json(r).map((x) => x.filePath).sort(), [join(ws, 'notes/keep.txt'), join(ws, 'old/current.md')]);
    });
  });

  describe('--stdin', () => {
    const findings = (r: Run) => json(r)[0].messages.map((m) => `${m.ruleId}:${m.message}`);

    it('decodes UTF-16 with a BOM like the path reader', () => {
      const ws = makeWorkspace({ 'a.md': DRIFT });
      const byPath = run(['--format', 'json', 'a.md'], ws);
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRIFT, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      for (const input of [le, be, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRIFT)])]) {
        const r = run(['--stdin', '--format', 'json'], ws, { input });
        assert.equal(r.code, 1, r.stderr);
        assert.deepEqual(findings(r), findings(byPath));
      }
    });

    it('refuses binary input with exit code 2 and a clear message', () => {
      const ws = makeWorkspace({});
      const r = run(['--stdin'], ws, { input: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0xff, 0x00]) });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^mandate-lint: standard input not linted: it is binary data/);
    });

    it('stops reading an endless standard input at the draft limit', () => {
      const ws = makeWorkspace({});
      const zero = openSync('/dev/zero', 'r');
      try {
        const r = run(['--stdin', '--max-file-size', '1'], ws, { stdio: [zero, 'pipe', 'pipe'] });
        assert.equal(r.code, 2);
        assert.match(r.stderr, /standard input not linted: it is larger than 1 MB/);
      } finally {
        closeSync(zero);
      }
    });
  });

  describe('output', () => {
    it('escapes control characters in file names in the terminal format, and keeps them in JSON', () => {
      const name = 'draft\u001b[31m.md';
      const ws = makeWorkspace({ [name]: DRIFT, [join('drafts', name)]: DRIFT });
      hostile('fifo', join(ws, 'drafts', 'pipe\u001b[2J.md'));
      const r = run([name, 'drafts'], ws);
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.stdout, /\u001b/, 'no raw ESC on standard output');
      assert.doesNotMatch(r.stderr, /\u001b/, 'no raw ESC on standard error');
      assert.match(r.stdout, /^draft\\x1b\[31m\.md:5:\d+\s+error/m);
      assert.match(r.stderr, /pipe\\x1b\[2J\.md: skipped/);
      const coloured = run(['--color', name], ws);
      assert.match(coloured.stdout, /^draft\\x1b\[31m\.md:5:/m, 'escaped in colour too; only mandate-lint\'s own colours are raw');
      assert.equal(json(run(['--format', 'json', name], ws))[0].filePath, join(ws, name), 'machine formats keep the real name');
      assert.equal(escapeControl('a\u001bb\u009bc\u007f\td'), 'a\\x1bb\\x9bc\\x7f\\td');
    });

    it('--print-config on a missing file exits 2 with a clear message', () => {
      const ws = makeWorkspace({ '.mandatelintrc.json': JSON.stringify({ root: true }) });
      const r = run(['--print-config', 'missing.md'], ws);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^mandate-lint: --print-config: no such file or directory: missing\.md$/m);
    });

    it('a reader that goes away (EPIPE) ends the run quietly with its normal exit code', async () => {
      const child = spawn(process.execPath, [CLI, 'examples/'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      const code = await new Promise<number | null>((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          child.kill();
          reject(new Error('mandate-lint did not end after its reader went away'));
        }, LIMIT_MS);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolvePromise(status);
        });
      });
      assert.doesNotMatch(stderr, /EPIPE|Unhandled|\n\s+at /, stderr);
      assert.equal(code, 1, 'the examples have errors: the normal exit code');
    });

    it('`mandate-lint examples/ | head -1` prints one line and no error', function () {
      const shell = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" examples/ | head -1; echo "status \${PIPESTATUS[0]}" >&2`], { cwd: ROOT, encoding: 'utf8', timeout: LIMIT_MS, env: { ...process.env, NO_COLOR: '1' } });
      if (shell.error) this.skip(); // no bash
      assert.equal(shell.stdout.trim().split('\n').length, 1);
      assert.doesNotMatch(shell.stderr, /EPIPE|Unhandled|\n\s+at /, shell.stderr);
      assert.match(shell.stderr, /status [01]$/m);
    });
  });

  it('a draft that says it is empty but never ends is cut off at the draft limit, with or without --cache', function () {
    if (!existsSync('/proc/self/pagemap')) this.skip();
    const ws = makeWorkspace({ 'drafts/a.md': DRIFT });
    symlinkSync('/proc/self/pagemap', join(ws, 'drafts', 'endless.md'));
    for (const args of [['drafts'], ['--cache', 'drafts'], ['--cache', 'drafts/endless.md', 'drafts/a.md']]) {
      const r = run(['--format', 'json', '--max-file-size', '1', ...args], ws);
      assert.equal(r.code, 1, r.stderr);
      const results = json(r);
      const endless = results.find((x) => x.filePath.endsWith('endless.md'))!;
      assert.match(endless.messages[0].message, /^Not linted: file is too large to lint \(more than 1 MB/);
      assert.ok(results.find((x) => x.filePath.endsWith('a.md'))!.messages.length > 0, 'the other draft is linted');
    }
  });

  describe('found by a second sweep', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

    it('deeply nested JSON in a configuration, a lexicon, a snippet library or --config is one problem, and the rest is linted', () => {
      const ws = makeWorkspace({
        'a/.mandatelintrc.json': `{"root": true, "x": ${deep(3000)}}`,
        'a/draft.md': DRIFT,
        'b/.mandatelintrc.json': JSON.stringify({ root: true, lexicons: ['./deep-lexicon.json'], snippets: ['./deep-library.json'] }),
        'b/deep-lexicon.json': `{"concepts": ${deep(5000)}}`,
        'b/deep-library.json': `{"name": "x", "snippets": ${deep(5000)}}`,
        'b/draft.md': DRIFT,
        'c/draft.md': DRIFT,
        'deep.json': `{"rules": {"x": ${deep(4000)}}}`,
      });
      const r = run(['--format', 'json', 'a', 'b', 'c'], ws);
      assert.equal(r.code, 2, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error|Maximum call stack|\n\s+at /, r.stderr);
      for (const file of ['a/.mandatelintrc.json', 'b/deep-lexicon.json', 'b/deep-library.json']) {
        assert.match(r.stderr, new RegExp(`${file.replace(/[./]/g, '\\$&')}:1:\\d+: .*nested more than 100 deep`), file);
      }
      assert.deepEqual(json(r).map((x) => x.filePath.slice(ws.length + 1)).sort(), ['a/draft.md', 'b/draft.md', 'c/draft.md']);
      const explicit = run(['--config', 'deep.json', 'c/draft.md'], ws);
      assert.equal(explicit.code, 2);
      assert.match(explicit.stderr, /deep\.json:1:\d+: .*nested more than 100 deep/);
      assert.doesNotMatch(explicit.stderr, /internal error|\n\s+at /);
      const validate = run(['snippets', 'validate', 'b/deep-library.json'], ws);
      assert.equal(validate.code, 1, 'a library with errors, as any other');
      assert.match(validate.stdout, /^b\/deep-library\.json:1:\d+ {2}error {2}objects and arrays nested more than 100 deep/m);
    });

    it('--annotate and -o never write over a draft the run linted, through a symbolic or a hard link either', () => {
      const docx = readFileSync(join(ROOT, 'examples', 'weak-mandate.docx'));
      const ws = makeWorkspace({ 'a.md': DRIFT });
      writeFileSync(join(ws, 'w.docx'), docx);
      symlinkSync('w.docx', join(ws, 'symlink.docx'));
      linkSync(join(ws, 'w.docx'), join(ws, 'hardlink.docx'));
      for (const target of ['symlink.docx', 'hardlink.docx', './w.docx']) {
        const r = run(['w.docx', '--annotate', target], ws);
        assert.equal(r.code, 2, `${target}: ${r.stderr}`);
        assert.match(r.stderr, /--annotate would overwrite the draft itself/);
        assert.ok(readFileSync(join(ws, 'w.docx')).equals(docx), `${target}: the draft is unchanged`);
      }
      symlinkSync('a.md', join(ws, 'a-link.md'));
      for (const [args, name] of [[['a.md', '-o', 'a.md'], 'a.md'], [['a.md', '-o', 'a-link.md'], 'a.md'], [['a.md', '-f', 'report', '-o', 'a.html'], 'a.md']] as const) {
        const r = run([...args], ws);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, new RegExp(`-o would overwrite ${name.replace('.', '\\.')}, a draft this run linted`));
        assert.equal(readFileSync(join(ws, 'a.md'), 'utf8'), DRIFT, `${args.join(' ')}: the draft is unchanged`);
      }
      const dash = run(['a.md', '-f', 'json', '-o', '-'], ws);
      assert.equal(dash.code, 1);
      assert.equal(json(dash)[0].filePath, join(ws, 'a.md'), '-o - is standard output');
      assert.ok(!existsSync(join(ws, '-')), 'no file named "-"');
    });

    it('-o never writes over the configuration, ignore file, cache, annotated copy or snippet library the run uses, nor compare over its texts', () => {
      const docx = readFileSync(join(ROOT, 'examples', 'weak-mandate.docx'));
      const library = JSON.stringify({ snippets: [] });
      const config = JSON.stringify({ root: true, rules: { 'missing-gender': 'off' }, snippets: ['./lib.json'] });
      const ws = makeWorkspace({ 'a.md': DRIFT, 'b.md': DRIFT, 'team.json': config, '.mandatelintrc.json': config, '.mandatelintignore': 'archive/\n', 'lib.json': library, 'other.ignore': 'x/\n' });
      writeFileSync(join(ws, 'w.docx'), docx);
      const cases: Array<[string[], RegExp, string]> = [
        [['a.md', '-c', 'team.json', '-o', 'team.json'], /-o would overwrite team\.json, the configuration file of this run/, 'team.json'],
        [['a.md', '-o', '.mandatelintignore'], /-o would overwrite \.mandatelintignore, the ignore file of this run/, '.mandatelintignore'],
        [['a.md', '--ignore-path', 'other.ignore', '-o', 'other.ignore'], /-o would overwrite other\.ignore, the ignore file of this run/, 'other.ignore'],
        [['a.md', '--cache', '-f', 'json', '-o', 'report.json', '--cache-location', 'report.json'], /-o would overwrite report\.json, the cache of this run/, ''],
        [['w.docx', '--annotate', 'out.docx', '-o', 'out.docx'], /-o would overwrite out\.docx, the annotated copy this run writes/, ''],
        [['a.md', '-o', '.mandatelintrc.json'], /-o would overwrite \.mandatelintrc\.json, a configuration file this run read/, '.mandatelintrc.json'],
        [['a.md', '-o', 'lib.json'], /-o would overwrite lib\.json, a configuration file this run read/, 'lib.json'],
        [['compare', 'a.md', 'b.md', '-o', 'b.md'], /-o would overwrite b\.md, the draft of this comparison/, 'b.md'],
        [['compare', 'a.md', 'b.md', '-f', 'report', '-o', 'a.html'], /-o would overwrite a\.md, the previous text of this comparison/, 'a.md'],
      ];
      for (const [args, message, kept] of cases) {
        const before = kept ? readFileSync(join(ws, kept)) : undefined;
        const r = run(args, ws);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message, args.join(' '));
        if (kept) assert.ok(readFileSync(join(ws, kept)).equals(before!), `${args.join(' ')}: ${kept} is unchanged`);
      }
      assert.ok(!existsSync(join(ws, 'report.json')) && !existsSync(join(ws, 'out.docx')), 'nothing written');
    });

    it('says which entry of a hand-edited baseline file is not a finding, and lints a hand-edited cache entry again', () => {
      const ws = makeWorkspace({ 'a.md': DRIFT });
      for (const [baseline, problem] of [
        ['[{"filePath":"a.md","messages":[null]}]', /entry 1: messages\[0\]: it is not an object/],
        ['[{"filePath":"a.md","messages":[{"ruleId":"missing-gender"}]}]', /entry 1: messages\[0\]: severity is not 1 or 2/],
        ['[{"filePath":"a.md","messages":[{"ruleId":"missing-gender","severity":1,"message":"x","line":0,"column":1}]}]', /line is not a positive whole number/],
        ['[{"filePath":5,"messages":[]}]', /entry 1: filePath is not a string/],
      ] as const) {
        writeFileSync(join(ws, 'base.json'), baseline);
        const r = run(['--baseline', 'base.json', '-f', 'sarif', 'a.md'], ws);
        assert.equal(r.code, 2, `${baseline}: ${r.stderr}`);
        assert.match(r.stderr, /baseline file base\.json is not a mandate-lint --format json output/);
        assert.match(r.stderr, problem);
        assert.doesNotMatch(r.stderr, /internal error|TypeError/);
      }
      const first = run(['--cache', '-f', 'json', 'a.md'], ws);
      const cache = JSON.parse(readFileSync(join(ws, '.mandatelintcache'), 'utf8'));
      for (const entry of Object.values(cache.entries) as Array<{ result: { messages: unknown[] } }>) entry.result.messages = [null];
      writeFileSync(join(ws, '.mandatelintcache'), JSON.stringify(cache));
      const again = run(['--cache', '-f', 'json', 'a.md'], ws);
      assert.equal(again.code, first.code, again.stderr);
      assert.deepEqual(json(again)[0].messages, json(first)[0].messages, 'linted again, not taken from the broken entry');
      const rewritten = JSON.parse(readFileSync(join(ws, '.mandatelintcache'), 'utf8'));
      assert.ok((Object.values(rewritten.entries) as Array<{ result: { messages: unknown[] } }>).every((e) => e.result.messages.every((m) => m !== null)), 'the entry is replaced');
    });

    it('compare says what is wrong with the configuration, and exits with 2 as the main command does', () => {
      const ws = makeWorkspace({ 'a.md': DRIFT, 'b.md': DRIFT, '.mandatelintrc.json': '{ "root": true, "rules": { "no-such-rule": "error" } }' });
      const broken = run(['compare', 'a.md', 'b.md'], ws);
      assert.equal(broken.code, 2, broken.stderr);
      assert.match(broken.stderr, /configuration error in .*\.mandatelintrc\.json:1:\d+: unknown rule "no-such-rule"/);
      assert.equal(broken.stderr.match(/unknown rule/g)?.length, 1, 'once, though both texts use it');
      const missing = run(['compare', 'a.md', 'b.md', '-c', 'absent.json'], ws);
      assert.equal(missing.code, 2, missing.stderr);
      assert.match(missing.stderr, /absent\.json/);
      const escaped = run(['compare', 'a.md', 'b.md', '--format', 'x\u001b[2J'], ws);
      assert.equal(escaped.code, 2);
      assert.doesNotMatch(escaped.stderr, /\u001b/, 'no raw escape on standard error');
    });

    it('bytes that start with a UTF-16 byte-order mark are read as text only if they are UTF-16 text', () => {
      const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      let seed = 7;
      const random = Buffer.alloc(64 * 1024, 0).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16);
      const ws = makeWorkspace({
        'drafts/utf32.md': Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), ...[...DRIFT].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0]))]),
        'drafts/noise.md': Buffer.concat([Buffer.from([0xff, 0xfe]), random]),
        'drafts/lone-surrogate.md': Buffer.concat([utf16(DRIFT), Buffer.from([0x00, 0xd8]), utf16('\n').subarray(2)]),
        'drafts/no-bom.md': Buffer.from(DRIFT, 'utf16le'),
        'drafts/fine.md': utf16(DRIFT),
        'drafts/utf8.md': DRIFT,
      });
      const r = run(['--format', 'json', 'drafts'], ws);
      const byName = new Map(json(r).map((x) => [x.filePath.slice(join(ws, 'drafts').length + 1), x.messages]));
      for (const name of ['utf32.md', 'noise.md']) {
        assert.equal(byName.get(name)!.length, 1, name);
        assert.match(byName.get(name)![0].message, /binary file/, name);
      }
      assert.match(byName.get('no-bom.md')![0].message, /UTF-16 text without a byte-order mark/);
      assert.ok(byName.get('lone-surrogate.md')!.some((m) => m.ruleId === null && /not valid UTF-16/.test(m.message)), 'warned, as broken UTF-8 is');
      assert.ok(byName.get('lone-surrogate.md')!.some((m) => m.ruleId === 'train-and-equip-drift'), 'and still linted');
      assert.deepEqual(byName.get('fine.md')!.map((m) => m.message), byName.get('utf8.md')!.map((m) => m.message), 'real UTF-16 reads as the same text in UTF-8');
      const stdin = run(['--stdin'], ws, { input: Buffer.concat([Buffer.from([0xff, 0xfe]), random]) });
      assert.equal(stdin.code, 2);
      assert.match(stdin.stderr, /standard input not linted: it is binary data/);
    });

    it('an ignore pattern too long for a regular expression is one problem, and the drafts are still linted', () => {
      const long = 'a'.repeat(40000);
      const ws = makeWorkspace({ '.mandatelintignore': `old/*\n${long}\n`, 'drafts/a.md': DRIFT });
      const file = run(['--format', 'json', 'drafts'], ws);
      assert.equal(file.code, 2, file.stderr);
      assert.match(file.stderr, /^mandate-lint: ignore file \.mandatelintignore not used: it has a pattern of 40,000 characters \(at most 4,096\) on line 2$/m);
      assert.doesNotMatch(file.stderr, /internal error|\n\s+at /);
      assert.deepEqual(json(file).map((x) => x.filePath), [join(ws, 'drafts/a.md')]);
      writeFileSync(join(ws, '.mandatelintignore'), '');
      writeFileSync(join(ws, '.mandatelintrc.json'), JSON.stringify({ root: true, ignorePatterns: ['old/**', long] }, null, 2));
      const config = run(['--format', 'json', 'drafts'], ws);
      assert.equal(config.code, 2, config.stderr);
      assert.match(config.stderr, /\.mandatelintrc\.json:5:\d+: ignorePatterns: a pattern of 40,000 characters \(at most 4,096\): left out/);
      assert.deepEqual(json(config).map((x) => x.filePath), [join(ws, 'drafts/a.md')]);
    });

    it('YAML warnings about the front matter stay off standard error, with the terminal codes they would carry', () => {
      const ws = makeWorkspace({ 'a.md': '---\ntitle: !!\u001b]0;pwned\u0007\u001b[31mRED "x"\na: !foo 1\n---\nThe mission will hold a staff retreat in June.\n' });
      const r = run(['a.md'], ws);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /YAMLWarning|TAG_RESOLVE_FAILED|\u001b|--trace-warnings/, r.stderr);
    });

    it('a line break in a file name is shown escaped, so that it cannot print a line of its own', () => {
      const ws = makeWorkspace({ 'nl/a.md': DRIFT });
      symlinkSync('/nonexistent', join(ws, 'nl', 'x\nmandate-lint: all good.md'));
      const folder = run(['nl'], ws);
      assert.match(folder.stderr, /nl\/x\\nmandate-lint: all good\.md: skipped/);
      assert.doesNotMatch(folder.stderr, /^mandate-lint: all good/m);
      for (const args of [['--print-config', 'a\nmandate-lint: fine'], ['--config', 'c\nmandate-lint: fine', 'nl/a.md'], ['a\nmandate-lint: fine.md']]) {
        const r = run(args, ws);
        assert.equal(r.code, 2, r.stderr);
        assert.doesNotMatch(r.stderr, /^mandate-lint: fine/m, r.stderr);
        assert.match(r.stderr, /\\nmandate-lint: fine/, r.stderr);
      }
    });

    it('a draft whose name is not UTF-8 is named and counted as skipped, not passed over', () => {
      const ws = makeWorkspace({ 'n/a.md': DRIFT });
      writeFileSync(Buffer.concat([Buffer.from(join(ws, 'n', 'bad')), Buffer.from([0xff]), Buffer.from('.md')]), DRIFT);
      const r = run(['--format', 'json', 'n'], ws);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(json(r).map((x) => x.filePath), [join(ws, 'n', 'a.md')]);
      assert.match(r.stderr, /n\/bad\uFFFD\.md: skipped: its name is not valid UTF-8 \(rename it to lint it\)/);
      assert.match(r.stderr, /1 file skipped: 1 with a name not in UTF-8/);
    });

    it('a draft too large to be one JavaScript string is refused with a message, not a crash', () => {
      // V8's longest string (2^29 - 24 characters); a UTF-8 byte is at most one character.
      assert.ok(MAX_TEXT_BYTES < 2 ** 29 - 24);
      assert.deepEqual(decodeDraft(Buffer.from('abcd'), 3), { ok: false, error: 'file is too large to read as one text (more than 3 bytes)' });
      assert.equal(decodeDraft(Buffer.from('abc'), 3).ok, true);
    });

    it('--stdin refuses --annotate, and a standard input that cannot be read is one line, not an internal error', async () => {
      const ws = makeWorkspace({});
      const annotate = run(['--stdin', '--annotate', 'a.docx'], ws, { input: DRIFT });
      assert.equal(annotate.code, 2);
      assert.match(annotate.stderr, /^mandate-lint: --annotate needs a Word draft \(\.docx\) named on the command line, not --stdin$/m);
      const out: string[] = [];
      const code = await runCli(['--stdin'], {
        cwd: ws,
        stdout: (t) => void out.push(t),
        stderr: (t) => void out.push(t),
        readStdin: () => Promise.reject(new Error('EBADF: bad file descriptor, read')),
        stdoutIsTTY: false,
        env: {},
      });
      assert.equal(code, 2);
      assert.deepEqual(out, ['mandate-lint: standard input could not be read: EBADF: bad file descriptor, read\n']);
    });

    it('a folder tree 1,500 levels deep is searched to 100 levels, with a warning, without running out of time or stack', () => {
      const ws = makeWorkspace({ 'tree/a.md': DRIFT });
      const deepest = join(ws, 'tree', ...Array.from({ length: 1500 }, () => 'd'));
      mkdirSync(deepest, { recursive: true });
      writeFileSync(join(ws, 'tree', 'd', 'd', 'b.md'), DRIFT);
      writeFileSync(join(deepest, 'lost.md'), DRIFT);
      const r = run(['--format', 'json', 'tree'], ws);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(json(r).map((x) => x.filePath.slice(ws.length + 1)), ['tree/a.md', 'tree/d/d/b.md']);
      assert.match(r.stderr, /: skipped: more than 100 folders deep, not searched/);
      assert.doesNotMatch(r.stderr, /internal error|Maximum call stack/);
    });

    it('a report sent to a device writes no HTML page beside it', function () {
      if (!existsSync('/dev/null')) this.skip();
      const ws = makeWorkspace({ 'a.md': DRIFT });
      try {
        const r = run(['a.md', '-f', 'report', '-o', '/dev/null'], ws);
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stderr, /the report's HTML page is not written: \/dev\/null is not a regular file to put it beside/);
        assert.ok(!existsSync('/dev/null.html'));
      } finally {
        rmSync('/dev/null.html', { force: true });
      }
    });
  });
});
