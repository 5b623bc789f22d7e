/**
 * The web build (issue 14) without a browser: the memory file system and POSIX paths that stand in for node:fs and
 * node:path there, the URIs of VS Code for the Web mapped into it, the review page's logic against the CLI's
 * engine, the built page's Content-Security-Policy, and `mandate-lint serve`. The page and the web worker server
 * in Chromium are checked by npm run test:e2e (scripts/e2e/web.ts).
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import * as nodePath from 'node:path';
import { join } from 'node:path';
import { ConfigResolver } from '../src/node/config';
import { lintPath } from '../src/node/engine';
import { runServeCli } from '../src/cli/serve';
import * as webFs from '../src/web/fs';
import * as webPath from '../src/web/path';
import { webUriToPath } from '../src/web/uris';
import { reviewDraft, sarif, safeName, suggestions } from '../src/review/review';
import { startWebWorkerServer, type WebWorkerServer } from './helpers/web-worker-server';

const ROOT = join(__dirname, '..');

describe('web build: the memory file system', () => {
  afterEach(() => webFs.clearMemoryFiles());

  it('holds the files it is given, with their folders, and nothing else', () => {
    webFs.writeMemoryFile('/ws/team/.mandatelintrc.json', '{"rules":{}}');
    webFs.writeMemoryFile('/ws/team/.mandate-lint/snippets/a.json', '{}');
    assert.ok(webFs.existsSync('/ws/team') && webFs.statSync('/ws/team').isDirectory());
    assert.ok(webFs.statSync('/ws/team/.mandatelintrc.json').isFile());
    assert.equal(webFs.existsSync('/ws/other.json'), false);
    assert.throws(() => webFs.statSync('/ws/other.json'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
    assert.deepEqual(webFs.readdirSync('/ws/team'), ['.mandate-lint', '.mandatelintrc.json']);
    const entries = webFs.readdirSync('/ws/team', { withFileTypes: true }) as webFs.Dirent[];
    assert.deepEqual(entries.map((e) => [e.name, e.isDirectory()]), [['.mandate-lint', true], ['.mandatelintrc.json', false]]);
    assert.equal(webFs.readFileSync('/ws/team/.mandatelintrc.json', 'utf8'), '{"rules":{}}');
  });

  it('reads in bounded chunks through descriptors, as the bounded reader does', () => {
    webFs.writeMemoryFile('/a.md', 'abcdefghij');
    const fd = webFs.openSync('/a.md');
    const chunk = new Uint8Array(4);
    const read: string[] = [];
    for (let n; (n = webFs.readSync(fd, chunk, 0, 4, null)) > 0; ) read.push(new TextDecoder().decode(chunk.subarray(0, n)));
    webFs.closeSync(fd);
    assert.deepEqual(read, ['abcd', 'efgh', 'ij']);
    assert.throws(() => webFs.fstatSync(fd));
  });

  it('writes nowhere', () => {
    assert.throws(() => webFs.writeFileSync('/x'), (e: NodeJS.ErrnoException) => e.code === 'EROFS');
  });
});

describe('web build: POSIX paths', () => {
  const cases: Array<[string, string]> = [
    ['/ws/a', '/ws/a/b/c.md'],
    ['/ws/a/b', '/ws/c'],
    ['/', '/x'],
    ['/ws', '/ws'],
  ];
  it('relative, resolve, join, dirname, basename and extname as node:path.posix', () => {
    for (const [from, to] of cases) assert.equal(webPath.relative(from, to), nodePath.posix.relative(from, to), `${from} -> ${to}`);
    for (const parts of [['/ws', 'a', '../b'], ['/ws', '/abs', 'c'], ['a/b', '..', 'c']]) assert.equal(webPath.join(...parts), nodePath.posix.join(...parts));
    for (const parts of [['/ws', 'a', '../b'], ['/ws', '/abs', 'c']]) assert.equal(webPath.resolve(...parts), nodePath.posix.resolve(...parts));
    for (const p of ['/ws/a/b.md', '/ws/', '/', 'a', '/ws/.mandatelintrc', '/ws/x.tar.gz']) {
      assert.equal(webPath.dirname(p), nodePath.posix.dirname(p), `dirname ${p}`);
      assert.equal(webPath.basename(p), nodePath.posix.basename(p), `basename ${p}`);
      assert.equal(webPath.extname(p), nodePath.posix.extname(p), `extname ${p}`);
    }
  });
});

describe('web build: document URIs of VS Code for the Web', () => {
  it('keeps a draft and the configuration of its folder side by side', () => {
    assert.equal(webUriToPath('vscode-vfs://github/un/drafts/mandates/draft%201.md'), '/vscode-vfs/github/un/drafts/mandates/draft 1.md');
    assert.equal(webUriToPath('file:///home/me/draft.md'), '/home/me/draft.md');
    assert.equal(webUriToPath('untitled:Untitled-1'), undefined);
    assert.equal(webUriToPath('vscode-vfs://github/un/%E0%A4%A'), undefined);
  });
});

describe('review page logic', () => {
  it('reports what the CLI reports for every Markdown example', () => {
    for (const name of ['weak-mandate.md', 'strong-mandate.md', 'strategy-excerpt.md', 'peace-agreement-excerpt.md']) {
      const path = join(ROOT, 'examples', name);
      const cli = lintPath(path, { resolver: new ConfigResolver(undefined, false) }).file;
      const outcome = reviewDraft({ name, text: readFileSync(path, 'utf8'), docType: 'auto' });
      assert.ok(outcome.ok);
      assert.deepEqual(outcome.review.file.messages, cli.messages, name);
      assert.equal(outcome.review.file.docType, cli.docType);
    }
  });

  it('reports what the CLI reports for a Word example', function () {
    const path = join(ROOT, 'examples', 'weak-mandate.docx');
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return this.skip();
    }
    const outcome = reviewDraft({ name: 'weak-mandate.docx', bytes: new Uint8Array(bytes), docType: 'auto' });
    assert.ok(outcome.ok);
    assert.equal(outcome.review.file.errorCount, reviewDraft({ name: 'weak-mandate.md', text: readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8'), docType: 'auto' }).ok ? 13 : -1);
  });

  it('says why a file cannot be read, and never throws on one', () => {
    const broken = reviewDraft({ name: 'broken.docx', bytes: new Uint8Array([1, 2, 3, 4]), docType: 'auto' });
    assert.equal(broken.ok, false);
    assert.match(!broken.ok ? broken.error : '', /^The (file|Word file)/);
    assert.equal(reviewDraft({ name: 'x.docx', docType: 'auto' }).ok, false);
  });

  it('honours the document type chosen, and writes SARIF', () => {
    const text = readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8');
    const outcome = reviewDraft({ name: 'draft.md', text, docType: 'strategy' });
    assert.ok(outcome.ok);
    assert.equal(outcome.review.result.docType, 'strategy');
    const log = JSON.parse(sarif(outcome.review));
    assert.equal(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'draft.md');
    // The page links to no web site (the project has none): the rules' help is in the log, as the CLI writes it.
    assert.ok(log.runs[0].tool.driver.rules.every((r: { help: { markdown: string }; helpUri?: string }) => r.help.markdown.length > 100 && r.helpUri === undefined));
    assert.doesNotMatch(JSON.stringify(log.runs[0].tool), /https?:\/\//);
  });

  it('offers the clauses the quick fixes would insert, a loaded team library first', () => {
    const text = readFileSync(join(ROOT, 'examples', 'weak-mandate.md'), 'utf8');
    const outcome = reviewDraft({ name: 'weak-mandate.md', text, docType: 'auto' });
    assert.ok(outcome.ok);
    const index = outcome.review.result.findings.findIndex((f) => f.ruleId === 'missing-benchmarks');
    const clauses = suggestions(outcome.review, index);
    assert.ok(clauses.length > 0);
    assert.ok(clauses.every((c) => c.title && c.text.length > 20), JSON.stringify(clauses));
  });

  it('keeps file names to a name', () => {
    assert.equal(safeName('../../etc/passwd'), 'passwd');
    assert.equal(safeName('C:\\drafts\\a.md'), 'a.md');
    assert.equal(safeName('..'), 'draft.md');
  });
});

describe('the built review page', () => {
  const html = readFileSync(join(ROOT, 'dist', 'review', 'index.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

  it('forbids every request and allows only its own script and style', () => {
    for (const directive of ["default-src 'none'", "connect-src 'none'", "form-action 'none'", "base-uri 'none'"]) assert.ok(csp.includes(directive), directive);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    for (const [name, values] of Object.entries(directives)) {
      assert.ok(!values.some((v) => /unsafe-eval|^https?:|^\*|^'self'$/.test(v)), `${name} ${values.join(' ')}`);
      // Only the coverage chart's style attributes are allowed inline.
      if (name !== 'style-src-attr') assert.ok(!values.includes("'unsafe-inline'"), name);
    }
    const script = /<script>([\s\S]*)<\/script>\s*<\/body>/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    assert.ok(csp.includes(hash(script)), 'the script is allowed by its hash');
    assert.ok(csp.includes(hash(style)), 'the style is allowed by its hash');
  });

  it('loads nothing from anywhere', () => {
    assert.doesNotMatch(html, /<(?:script|link|img|iframe)[^>]+(?:src|href)=["']?(?:https?:)?\/\//i);
    assert.doesNotMatch(html, /\bnew Function\(|\beval\(/, 'no code generation at run time (the CSP forbids it)');
  });

  it('has web bundles that ask for no Node module', () => {
    for (const file of ['dist/web/server.js', 'dist/web/extension.js']) {
      const code = readFileSync(join(ROOT, file), 'utf8');
      assert.doesNotMatch(code, /require\(["'](?:node:)?(?:fs|path|url|child_process|os|v8|vm|crypto|util|net|http)["']\)/, file);
    }
  });
});

describe('web build: the language server in a web worker, as a client talks to it', function () {
  this.timeout(30000);
  const INITIALIZE = { processId: null, rootUri: null, capabilities: {} };
  let server: WebWorkerServer;
  afterEach(() => server.stop());

  it('follows the lifecycle as the desktop server does: nothing before initialize, initialize once, nothing after shutdown', async () => {
    server = startWebWorkerServer();
    const hover = { textDocument: { uri: 'file:///ws/a.md' }, position: { line: 0, character: 0 } };
    assert.equal((await server.request(1, 'textDocument/hover', hover)).error?.code, -32002);
    const unreadable = await server.request(2, 'initialize', null);
    assert.equal(unreadable.error?.code, -32602);
    assert.doesNotMatch(unreadable.error!.message, /Cannot read|TypeError/, 'no exception text goes to the client');
    assert.ok((await server.request(3, 'initialize', INITIALIZE)).result, 'a readable initialize is still taken');
    assert.equal((await server.request(4, 'initialize', INITIALIZE)).error?.code, -32600);
    assert.equal((await server.request(5, 'shutdown', null)).error, undefined);
    assert.equal((await server.request(6, 'textDocument/hover', hover)).error?.code, -32600);
    assert.deepEqual(server.uncaught, []);
  });

  it('takes an initialize whose workspace files are not a list of files, as the desktop server does', async () => {
    for (const workspaceFiles of [5, {}, [null], [{ uri: 7, text: 'x' }]]) {
      server = startWebWorkerServer();
      const answer = await server.request(1, 'initialize', { ...INITIALIZE, initializationOptions: { workspaceFiles } });
      assert.equal(answer.error, undefined, `${JSON.stringify(workspaceFiles)}: ${JSON.stringify(answer.error)}`);
      assert.ok(answer.result);
      await server.stop();
    }
    server = startWebWorkerServer();
  });

  it('logs and skips what is not a message it can take, and goes on answering', async () => {
    server = startWebWorkerServer();
    assert.ok((await server.request(1, 'initialize', INITIALIZE)).result);
    for (const junk of [null, 'garbage', 42, [], {}, { jsonrpc: '2.0', id: 9 }, { method: 5 }]) server.post(junk);
    const cancels = [undefined, null, 5, [], { id: null }];
    for (const params of cancels) server.post({ jsonrpc: '2.0', method: '$/cancelRequest', params });
    const symbols = await server.request(2, 'textDocument/documentSymbol', { textDocument: { uri: 'file:///ws/none.md' } });
    assert.deepEqual(symbols.result, []);
    assert.deepEqual(server.uncaught, [], 'nothing was thrown out of the worker');
    assert.equal(server.logs().filter((m) => /ignored a "\$\/cancelRequest" notification the connection could not take/.test(m)).length, cancels.length);
  });
});

describe('mandate-lint serve', () => {
  const io = () => {
    const out: string[] = [];
    return { out, io: { cwd: ROOT, stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t), readStdin: async () => '', stdoutIsTTY: false, env: {} } };
  };
  const get = (port: number, path: string, host = `127.0.0.1:${port}`) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the review page on 127.0.0.1 only, with its CSP, and nothing else', async () => {
    const { out, io: cliIO } = io();
    const abort = new AbortController();
    const done = runServeCli(['--port', '0'], cliIO, abort.signal);
    for (let i = 0; i < 100 && !out.join('').includes('http://'); i++) await new Promise((r) => setTimeout(r, 20));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(out.join(''))?.[1]);
    try {
      const page = await get(port, '/');
      assert.equal(page.status, 200);
      assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
      assert.match(page.body, /Mandate Lint/);
      assert.equal((await get(port, '/../package.json')).status, 404);
      assert.equal((await get(port, '/', 'attacker.example:80')).status, 403);
    } finally {
      abort.abort();
    }
    assert.equal(await done, 0);
  });

  it('refuses a port that is not one', async () => {
    const { out, io: cliIO } = io();
    assert.equal(await runServeCli(['--port', 'x'], cliIO), 2);
    assert.match(out.join(''), /--port needs a port number/);
  });
});
