/// <reference lib="dom" />
/**
 * The browser checks of npm run test:e2e (issue 14), in Debian's Chromium through playwright-core:
 *  1. The review page (dist/review/index.html) from file://, offline: each example draft chosen, dropped or
 *     pasted; the findings, the coverage report, keyboard navigation, the three downloads; no request at all.
 *  2. The web worker language server (dist/web/server.js) in Chromium over the browser transport, driven by a
 *     small JSON-RPC client in the page, as the web extension's client drives it.
 *  3. Agreement: for every example draft, the CLI (--format json), the Node server (dist/server.js over stdio),
 *     the web worker server and the page report the same findings (rule, line, column, severity, message).
 *  4. Under npm run test:e2e, the packaged extension in code-server's web worker extension host.
 * Screenshots go to test-results/e2e/ (30-... onwards). Runs alone with `tsx scripts/e2e/web.ts` after a build.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FileResult } from '../../src/core/results';
import { startClient } from '../../test/lsp/client';
import { cleanWorkspaces, makeWorkspace } from '../../test/helpers/workspace';

const ROOT = resolve(__dirname, '..', '..');
const SHOTS = join(ROOT, 'test-results', 'e2e');
const PAGE = join(ROOT, 'dist', 'review', 'index.html');
const WORKER = join(ROOT, 'dist', 'web', 'server.js');
const CLI = join(ROOT, 'dist', 'cli.js');
const EXAMPLES = join(ROOT, 'examples');

interface Row {
  rule: string | null;
  line: number;
  column: number;
  severity: string;
  message: string;
}

const SEVERITIES = ['', 'error', 'warning', 'info', 'hint'];

function key(r: Row): string {
  return `${String(r.line).padStart(6, '0')}:${String(r.column).padStart(6, '0')}:${r.rule}:${r.severity}:${r.message}`;
}

function sorted(rows: Row[]): string[] {
  return rows.map(key).sort();
}

function fromMessages(file: FileResult): Row[] {
  return file.messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, severity: m.severityName ?? (m.severity === 2 ? 'error' : 'warning'), message: m.message }));
}

function fromDiagnostics(diagnostics: Array<{ code?: unknown; range: { start: { line: number; character: number } }; severity?: number; message: string }>): Row[] {
  return diagnostics.map((d) => ({ rule: typeof d.code === 'string' ? d.code : null, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: SEVERITIES[d.severity ?? 1], message: d.message }));
}

function log(message: string): void {
  console.log(`[e2e:web] ${message}`);
}

/** One step: its failure is logged with a screenshot and the run goes on to the next. */
async function step(page: Page | undefined, name: string, run: () => Promise<void>, failures: string[]): Promise<void> {
  try {
    await run();
    log(`ok   ${name}`);
  } catch (error) {
    failures.push(name);
    log(`FAIL ${name}: ${(error as Error).stack ?? error}`);
    await page?.screenshot({ path: join(SHOTS, `failed-web-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
  }
}

/** The example drafts (Markdown and Word) and the CLI's findings for them, linted in a clean folder. */
function examples(): { md: Record<string, string>; docx: string[]; cli: Map<string, FileResult> } {
  const names = readdirSync(EXAMPLES).filter((n) => /\.(md|docx)$/.test(n));
  const md = Object.fromEntries(names.filter((n) => n.endsWith('.md')).map((n) => [n, readFileSync(join(EXAMPLES, n), 'utf8')]));
  const ws = makeWorkspace(Object.fromEntries(names.map((n) => [n, readFileSync(join(EXAMPLES, n))])));
  const run = spawnSync(process.execPath, [CLI, '--format', 'json', '.'], { cwd: ws, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(run.status === 0 || run.status === 1, `the CLI exited with ${run.status}: ${run.stderr}`);
  const cli = new Map((JSON.parse(run.stdout) as FileResult[]).map((f) => [f.filePath.slice(ws.length + 1), f]));
  return { md, docx: names.filter((n) => n.endsWith('.docx')), cli };
}

/**
 * Waits for the page to show a draft's results. Locators only: the page's Content-Security-Policy forbids the
 * string evaluation that waitForFunction would need.
 */
async function shown(page: Page, name: string): Promise<void> {
  await page.locator('#summary', { hasText: `${name} — ` }).waitFor({ timeout: 15000 });
}

/** The page's findings for the draft it shows, as the CLI would print them. */
async function pageFindings(page: Page): Promise<Row[]> {
  return page.evaluate(() => (window as unknown as { mandateLintReview: () => { messages: Row[] } }).mandateLintReview().messages);
}

/** What scripts/e2e/run.ts lends for the web extension in code-server's web worker extension host. */
export interface CodeServerHost {
  codeServer: string;
  vsix: string;
  makeProfile(name: string): { userDataDir: string; extensionsDir: string; workspace: string };
  startCodeServer(profile: { userDataDir: string; extensionsDir: string; workspace: string }): Promise<{ port: number; stop(): Promise<void> }>;
  waitForWorkbench(page: Page): Promise<void>;
}

/**
 * The packaged extension in code-server's web worker extension host (extensions.webWorker, and the extension's
 * kind set to "web" for this profile): its client in the browser, its server in a web worker started from the
 * script's bytes, the folder's .mandatelintrc.json read through vscode.workspace.fs. The Problems panel must show
 * what the CLI reports with that configuration, and no Node server may run.
 */
async function runWebWorkerHost(browser: Browser, host: CodeServerHost, failures: string[]): Promise<void> {
  const profile = host.makeProfile('web-worker');
  const settingsFile = join(profile.userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8'));
  writeFileSync(settingsFile, JSON.stringify({ ...settings, 'extensions.webWorker': true, 'remote.extensionKind': { 'mandate-lint.mandate-lint': ['web'] } }, null, 2));
  const folder = join(profile.workspace, 'web-check');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'weak-mandate.md'), readFileSync(join(EXAMPLES, 'weak-mandate.md')));
  writeFileSync(join(folder, '.mandatelintrc.json'), JSON.stringify({ root: true, rules: { 'missing-gender': 'off' } }, null, 2));
  const run = spawnSync(process.execPath, [CLI, '--format', 'json', 'weak-mandate.md'], { cwd: folder, encoding: 'utf8' });
  const expected = (JSON.parse(run.stdout) as FileResult[])[0];
  execFileSync(process.execPath, [host.codeServer, '--install-extension', host.vsix, '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir], { stdio: 'pipe' });
  const server = await host.startCodeServer(profile);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && /mandate/i.test(m.text()) && consoleErrors.push(m.text()));
  try {
    await step(page, 'web extension: code-server web worker extension host, the folder configuration applied', async () => {
      await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}`);
      await host.waitForWorkbench(page);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'weak-mandate.md' }).first().click();
      await page.locator('.monaco-editor .view-lines', { hasText: 'Draft resolution' }).first().waitFor({ timeout: 30000 });
      await page.keyboard.press('Control+Shift+M');
      const badge = page.locator('.panel .composite-bar .badge-content, .panel .action-item .badge-content').first();
      const total = expected.messages.length;
      const started = Date.now();
      while (Number((await badge.textContent().catch(() => '')) ?? '') !== total && Date.now() - started < 60000) await page.waitForTimeout(500);
      await page.locator('.markers-panel', { hasText: 'train-and-equip-drift' }).waitFor({ timeout: 30000 });
      const markers = (await page.locator('.markers-panel').innerText()) ?? '';
      // The status bar says what the built-in counts do not: the document type, as on the desktop.
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.statusbar-item')).some((el) => /^mandate$/.test((el as HTMLElement).innerText.trim())), undefined, { timeout: 15000 });
      await page.screenshot({ path: join(SHOTS, '34-web-worker-extension-host.png') });
      assert.equal(Number(await badge.textContent()), total, `the Problems panel counts what the CLI reports (${total}); console: ${consoleErrors.join(' | ')}`);
      assert.ok(expected.messages.every((m) => m.ruleId !== 'missing-gender'), 'the configuration turned missing-gender off for the CLI');
      assert.doesNotMatch(markers, /missing-gender/, 'and for the web extension, which read it through vscode.workspace.fs');
      assert.match(markers, /train-and-equip-drift/);
      const nodeServers = execFileSync('ps', ['-eo', 'args']).toString().split('\n').filter((l) => l.includes(profile.extensionsDir) && l.includes('server.js'));
      assert.deepEqual(nodeServers, [], 'no Node language server runs: the server is the web worker');
      assert.deepEqual(consoleErrors, []);
    }, failures);
    await step(page, "web extension: the title's hover shows its paragraphs and its \"Disable a rule…\" fix edits the draft", async () => {
      // Both run commands of the client (the shared server's hover link and grouped fix): the web client has them too.
      const title = page.locator('.editor-instance .view-line').filter({ hasText: 'Draft resolution: The situation' }).first();
      const box = await title.boundingBox();
      if (!box) throw new Error('the title line is not on screen');
      await page.mouse.move(box.x + 120, box.y + box.height / 2);
      const link = page.locator('.monaco-hover a', { hasText: /show the \d+ paragraphs/ }).first();
      await link.waitFor({ timeout: 20000 });
      await link.click();
      await page.locator('.peekview-widget, .zone-widget .reference-zone-widget').first().waitFor({ timeout: 20000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(SHOTS, '35a-web-evidence-peek.png') });
      await page.keyboard.press('Escape');
      await page.mouse.click(box.x + 60, box.y + box.height / 2);
      await page.keyboard.press('Control+.');
      await page.waitForFunction(() => /Disable a rule…/.test((document.querySelector('.action-widget') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 20000 });
      // Down to the entry (the menu takes the keyboard; a click may land before it is ready).
      for (let i = 0; i < 15; i++) {
        const focused = await page.locator('.action-widget .monaco-list-row.focused').innerText().catch(() => '');
        if (/Disable a rule…/.test(focused)) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ timeout: 20000 });
      // (A document rule: the rule link of the next step stays in the Problems panel.)
      await page.keyboard.type('missing-benchmarks');
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, '35b-web-disable-a-rule.png') });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+S');
      const started = Date.now();
      let saved = '';
      while (!/mandate-lint-disable/.test(saved) && Date.now() - started < 20000) {
        await page.waitForTimeout(300);
        saved = readFileSync(join(folder, 'weak-mandate.md'), 'utf8');
      }
      assert.match(saved, /<!-- mandate-lint-disable[^>]*missing-benchmarks[^>]*-->/, 'the chosen disable comment is in the saved draft');
      assert.deepEqual(consoleErrors, []);
    }, failures);
    await step(page, 'web extension: a rule link opens the page the extension carries, rendered (no web site)', async () => {
      // The rule id in the Problems panel is the diagnostic's codeDescription: the client's command.
      const code = page.locator('.markers-panel .monaco-link, .markers-panel a', { hasText: 'train-and-equip-drift' }).first();
      await code.waitFor({ timeout: 20000 });
      await code.click();
      const rulePage = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
      await rulePage.locator('h1', { hasText: 'train-and-equip-drift' }).first().waitFor({ timeout: 30000 });
      await rulePage.locator('h2', { hasText: 'How to fix' }).first().waitFor({ timeout: 15000 });
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.tab')).some((el) => /Preview train-and-equip-drift\.md/.test((el as HTMLElement).getAttribute('aria-label') ?? (el as HTMLElement).innerText)), undefined, { timeout: 15000 });
      await page.waitForTimeout(700);
      await page.screenshot({ path: join(SHOTS, '36-web-rule-page.png') });
      assert.deepEqual(consoleErrors, []);
    }, failures);
  } finally {
    await page.close();
    await server.stop();
  }
}

export async function runWebChecks(browser: Browser, host?: CodeServerHost): Promise<boolean> {
  mkdirSync(SHOTS, { recursive: true });
  const failures: string[] = [];
  const { md, docx, cli } = examples();
  const names = [...Object.keys(md), ...docx];
  const sides = new Map<string, Map<string, string[]>>(); // side -> file -> rows
  const record = (side: string, name: string, rows: Row[]) => {
    if (!sides.has(side)) sides.set(side, new Map());
    sides.get(side)!.set(name, sorted(rows));
  };
  for (const [name, file] of cli) record('CLI', name, fromMessages(file));

  // 1. The review page, from file://, with the network off.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, colorScheme: 'light' });
  await context.setOffline(true);
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const pageUrl = pathToFileURL(PAGE).toString();
  await step(page, 'review page: loads from file:// offline', async () => {
    await page.goto(pageUrl);
    await page.waitForSelector('html[data-ready="true"]');
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp ?? '', /default-src 'none'/);
    assert.match(csp ?? '', /connect-src 'none'/);
  }, failures);

  for (const name of names) {
    await step(page, `review page: ${name} chosen, findings as the CLI's`, async () => {
      await page.setInputFiles('#file', join(EXAMPLES, name));
      await shown(page, name);
      const rows = await pageFindings(page);
      record('page', name, rows);
      const expected = cli.get(name)!;
      assert.deepEqual(sorted(rows), sorted(fromMessages(expected)));
      const summary = (await page.textContent('#summary')) ?? '';
      assert.ok(summary.includes(`${expected.errorCount} error`) && summary.includes(`${expected.warningCount} warning`), summary);
      log(`     ${name}: ${summary} (${await page.textContent('#timing')} ms)`);
    }, failures);
  }

  await step(page, 'review page: the weak mandate, findings highlighted and explained, keyboard navigation', async () => {
    await page.setInputFiles('#file', join(EXAMPLES, 'weak-mandate.md'));
    await shown(page, 'weak-mandate.md');
    const marks = await page.locator('#draft-text mark').count();
    assert.ok(marks > 5, `${marks} highlights`);
    await page.screenshot({ path: join(SHOTS, '30-review-page.png') });
    const first = page.locator('button.finding').first();
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.index);
    const selected = await page.locator('button.finding.selected').getAttribute('data-index');
    assert.equal(focused, selected);
    const explain = page.locator(`#explain-${selected}`);
    assert.ok(await explain.isVisible(), 'the explanation of the selected finding shows');
    const text = (await explain.textContent()) ?? '';
    assert.match(text, /Why it matters/);
    assert.match(text, /Lessons/);
    assert.ok(await page.locator('#draft-text mark.selected').count(), 'the finding is marked in the draft');
    assert.ok(await explain.locator('.clause pre').count(), 'the clauses that answer it are offered');
    await page.evaluate(() => document.getElementById('summary')!.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, '31-review-finding-selected.png') });
  }, failures);

  await step(page, 'review page: dark colour scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.evaluate(() => document.getElementById('summary')!.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, '31a-review-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  }, failures);

  await step(page, 'review page: the lessons coverage report', async () => {
    await page.locator('#report').scrollIntoViewIfNeeded();
    const frame = page.frameLocator('#report');
    await frame.locator('svg.chart').waitFor();
    assert.match((await frame.locator('body').textContent()) ?? '', /not addressed/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, '32-review-coverage.png') });
  }, failures);

  await step(page, 'review page: downloads (Markdown report, SARIF)', async () => {
    const [markdown] = await Promise.all([page.waitForEvent('download'), page.click('#download-md')]);
    assert.equal(markdown.suggestedFilename(), 'weak-mandate.mandate-lint.md');
    const reportText = readFileSync((await markdown.path())!, 'utf8');
    assert.match(reportText, /weak-mandate\.md/);
    const [sarifDownload] = await Promise.all([page.waitForEvent('download'), page.click('#download-sarif')]);
    const sarif = JSON.parse(readFileSync((await sarifDownload.path())!, 'utf8'));
    const ruleFindings = cli.get('weak-mandate.md')!.messages.filter((m) => m.ruleId).length;
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].results.length, ruleFindings);
    assert.equal(await page.isVisible('#download-docx'), false, 'no Word copy for a Markdown draft');
  }, failures);

  if (docx.includes('weak-mandate.docx')) {
    await step(page, 'review page: a Word draft dropped, its commented copy downloaded', async () => {
      const bytes = [...readFileSync(join(EXAMPLES, 'weak-mandate.docx'))];
      await page.evaluate((data) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(data)], 'weak-mandate.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
        document.getElementById('drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, bytes);
      await shown(page, 'weak-mandate.docx');
      assert.deepEqual(sorted(await pageFindings(page)), sorted(fromMessages(cli.get('weak-mandate.docx')!)));
      await page.screenshot({ path: join(SHOTS, '33-review-word-draft.png') });
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-docx')]);
      assert.equal(download.suggestedFilename(), 'weak-mandate.commented.docx');
      const entries = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
      const comments = new TextDecoder().decode(entries['word/comments.xml']);
      const count = (comments.match(/<w:comment /g) ?? []).length;
      assert.equal(count, cli.get('weak-mandate.docx')!.messages.filter((m) => m.ruleId).length, 'one comment per finding');
    }, failures);
  }

  await step(page, 'review page: pasted text, and the document type chosen', async () => {
    await page.click('summary:has-text("Paste text instead")');
    await page.fill('#paste', md['strategy-excerpt.md'].replace(/^---[\s\S]*?---\n/, ''));
    await page.click('#check-paste');
    await shown(page, 'pasted-draft.md');
    await page.selectOption('#doc-type', 'strategy');
    await page.locator('#summary', { hasText: 'strategy (from option)' }).waitFor();
    await page.selectOption('#doc-type', 'auto');
  }, failures);

  await step(page, 'review page: a 100 KB draft (time printed, not judged)', async () => {
    const paragraphs = md['weak-mandate.md'].split('\n\n').slice(2);
    let text = '# Draft resolution: a long renewal\n\nThe Security Council,\n\n';
    for (let i = 0; text.length < 100 * 1024; i++) text += paragraphs[i % paragraphs.length] + '\n\n';
    await page.setInputFiles('#file', { name: 'long-draft.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
    await shown(page, 'long-draft.md');
    log(`     a ${Math.round(text.length / 1024)} KB draft: findings in ${await page.textContent('#timing')} ms after the file was read`);
  }, failures);

  await step(page, 'review page: a team configuration loaded from a file applies', async () => {
    await page.setInputFiles('#file', join(EXAMPLES, 'weak-mandate.md'));
    await shown(page, 'weak-mandate.md');
    const before = (await pageFindings(page)).filter((r) => r.rule === 'missing-gender').length;
    assert.ok(before > 0, 'the weak mandate has a missing-gender finding');
    await page.click('summary:has-text("Team configuration")');
    await page.setInputFiles('#team', { name: '.mandatelintrc.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ rules: { 'missing-gender': 'off' } })) });
    await page.locator('#team-files', { hasText: '.mandatelintrc.json' }).waitFor();
    const after = (await pageFindings(page)).filter((r) => r.rule === 'missing-gender').length;
    assert.equal(after, 0);
    // A team snippet library loaded from a file: its clause answers a due diligence finding first.
    await page.setInputFiles('#team', join(EXAMPLES, 'team-package', 'snippets', 'kalindor-clauses.json'));
    await page.locator('#team-files', { hasText: 'kalindor-clauses.json' }).waitFor();
    await page.locator('section.rule', { hasText: 'missing-hrddp' }).locator('button.finding').first().click();
    const first = page.locator('.explain:not([hidden]) .clause-title').first();
    await first.waitFor();
    assert.match((await first.textContent()) ?? '', /Kalindor wording/);
    await page.evaluate(() => document.querySelector('.explain:not([hidden])')!.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: join(SHOTS, '35-review-team-clause.png') });
    await page.click('#clear-team');
  }, failures);

  await step(page, 'review page: no network request at all', async () => {
    assert.deepEqual(errors, [], 'no script errors');
    const outside = requests.filter((u) => u !== pageUrl);
    assert.deepEqual(outside, []);
  }, failures);
  await context.close();

  // 2. The web worker server, in Chromium, over the browser transport.
  const workerContext = await browser.newContext();
  await workerContext.setOffline(true);
  // Scripts compiled by tsx name their functions with a helper the page must have.
  await workerContext.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const workerPage = await workerContext.newPage();
  await step(workerPage, 'web worker server: the example drafts linted in a web worker', async () => {
    await workerPage.setContent('<!DOCTYPE html><title>Mandate Lint web worker server</title><p>Web worker server test</p>');
    const results = await workerPage.evaluate(
      async ({ source, drafts }) => {
        const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
        let id = 0;
        const pending = new Map<number, (v: unknown) => void>();
        const published = new Map<string, unknown[]>();
        const statuses = new Map<string, { handled: boolean; docType?: string }>();
        worker.onmessage = (e: MessageEvent) => {
          const m = e.data;
          if (m.id !== undefined && m.method) worker.postMessage({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? m.params.items.map(() => null) : null });
          else if (m.id !== undefined) pending.get(m.id)?.(m.result ?? m.error);
          else if (m.method === 'textDocument/publishDiagnostics') published.set(m.params.uri, m.params.diagnostics);
          else if (m.method === 'mandateLint/status') statuses.set(m.params.uri, m.params);
        };
        const request = (method: string, params: unknown) =>
          new Promise((resolveRequest) => {
            const n = ++id;
            pending.set(n, resolveRequest);
            worker.postMessage({ jsonrpc: '2.0', id: n, method, params });
          });
        const notify = (method: string, params: unknown) => worker.postMessage({ jsonrpc: '2.0', method, params });
        const init = (await request('initialize', { processId: null, rootUri: 'vscode-vfs://github/un/drafts', workspaceFolders: [{ uri: 'vscode-vfs://github/un/drafts', name: 'drafts' }], capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } }, initializationOptions: { trusted: true, workspaceFiles: [] } })) as { serverInfo?: { name: string } };
        notify('initialized', {});
        for (const [name, text] of Object.entries(drafts)) notify('textDocument/didOpen', { textDocument: { uri: `vscode-vfs://github/un/drafts/${name}`, languageId: 'markdown', version: 1, text } });
        const uris = Object.keys(drafts).map((n) => `vscode-vfs://github/un/drafts/${n}`);
        const started = Date.now();
        while (!uris.every((u) => published.has(u) && statuses.has(u)) && Date.now() - started < 60000) await new Promise((r) => setTimeout(r, 20));
        const hover = await request('textDocument/hover', { textDocument: { uri: uris[0] }, position: (published.get(uris[0])![0] as { range: { start: unknown } }).range.start });
        await request('shutdown', null);
        worker.terminate();
        return { server: init.serverInfo?.name, hover, diagnostics: Object.fromEntries(uris.map((u) => [u.split('/').pop()!, published.get(u)])), statuses: Object.fromEntries(uris.map((u) => [u.split('/').pop()!, statuses.get(u)])) };
      },
      { source: readFileSync(WORKER, 'utf8'), drafts: md },
    );
    assert.equal(results.server, 'mandate-lint');
    assert.match(JSON.stringify(results.hover), /"kind":"markdown"/);
    assert.match(JSON.stringify(results.hover), new RegExp(String((results.diagnostics[Object.keys(md)[0]] as Array<{ code: string }>)[0].code)));
    for (const name of Object.keys(md)) {
      assert.ok(results.statuses[name]?.handled, `${name} is linted`);
      record('web worker server', name, fromDiagnostics(results.diagnostics[name] as never));
    }
  }, failures);
  await workerContext.close();

  // 3. The Node server over stdio, and the agreement of all four.
  await step(undefined, 'Node server: the example drafts', async () => {
    const ws = makeWorkspace(md);
    const client = await startClient({ workspace: ws });
    // The server ends on shutdown: a reply still queued for it must not end this process with an unhandled error.
    client.process.stdin?.on('error', () => undefined);
    try {
      for (const name of Object.keys(md)) client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileURL(join(ws, name)).toString(), languageId: 'markdown', version: 1, text: md[name] } });
      const uri = (n: string) => pathToFileURL(join(ws, n)).toString();
      await client.waitFor(() => Object.keys(md).every((n) => client.diagnostics.some((d) => d.uri === uri(n)) && client.notifications.some((s) => (s.params as { uri: string }).uri === uri(n))), 60000);
      for (const name of Object.keys(md)) record('Node server', name, fromDiagnostics(client.diagnostics.find((d) => d.uri === pathToFileURL(join(ws, name)).toString())!.diagnostics));
    } finally {
      // Not client.stop(): its exit notification, unawaited, can fail once the server has gone, which would end
      // this whole run with an unhandled rejection.
      await Promise.race([client.connection.sendRequest('shutdown', undefined).catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
      await client.connection.sendNotification('exit').catch(() => undefined);
      client.connection.dispose();
      client.process.kill();
    }
  }, failures);

  // The editor shows a document-wide finding with a compact message (src/core/hover.ts, diagnosticMessage), so the
  // two servers are compared with each other in full, the page with the CLI in full, and all four on where each
  // finding is, its rule and its severity.
  await step(undefined, 'the CLI, the Node server, the web worker server and the page agree on every example', async () => {
    const wrong: string[] = [];
    const compare = (name: string, side: string, other: string, strip: boolean) => {
      const norm = (rows: string[] | undefined) => rows && (strip ? rows.map((r) => r.split(':').slice(0, 4).join(':')).sort() : rows);
      const a = norm(sides.get(side)?.get(name));
      const b = norm(sides.get(other)?.get(name));
      if (!a || !b) return void wrong.push(`${name}: no result from the ${!a ? side : other}`);
      if (JSON.stringify(a) === JSON.stringify(b)) return;
      const at = a.findIndex((r, i) => r !== b[i]);
      wrong.push(`${name}: the ${side} and the ${other} differ at #${at}: ${a[at]} / ${b[at]}`);
    };
    for (const name of names) {
      const word = name.endsWith('.docx');
      compare(name, 'page', 'CLI', false);
      if (!word) {
        compare(name, 'web worker server', 'Node server', false);
        compare(name, 'web worker server', 'CLI', true);
        compare(name, 'Node server', 'CLI', true);
      }
      log(`     ${name}: ${sides.get('CLI')?.get(name)?.length} findings from the CLI; the same from ${word ? 'the page' : 'the Node server, the web worker server and the page'}`);
    }
    assert.deepEqual(wrong, []);
  }, failures);

  // 4. The packaged extension in code-server's web worker extension host (only under npm run test:e2e).
  if (host) await runWebWorkerHost(browser, host, failures);
  else log('code-server web worker extension host: not run (run.ts provides code-server)');

  cleanWorkspaces();
  log(failures.length ? `${failures.length} failed: ${failures.join('; ')}` : 'all passed');
  return failures.length === 0;
}

if (require.main === module) {
  if (!existsSync(PAGE) || !existsSync(WORKER)) throw new Error('build first: node esbuild.mjs');
  void (async () => {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
    let ok = false;
    try {
      ok = await runWebChecks(browser);
    } finally {
      await browser.close();
    }
    process.exit(ok ? 0 : 1);
  })();
}
