/// <reference lib="dom" />
/**
 * npm run test:e2e: the extension in a real VS Code (code-server 4.100.3, VS Code 1.100.3) driven by Debian's
 * Chromium through playwright-core.
 *  1. The extension-host suite (test/vscode/suite) runs through code-server's payload URL; its results come
 *     back through a file.
 *  2. The packaged .vsix is installed and a user-level test opens an example draft and checks what a drafter
 *     sees: the Problems panel, a hover with the lesson, a quick fix that changes the text, a snippet that
 *     completes. Screenshots go to test-results/e2e/.
 * Everything talks to 127.0.0.1 only.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { prepareWorkspace } from '../../test/vscode/workspace';

const ROOT = resolve(__dirname, '..', '..');
const TOOLS = process.env.E2E_TOOLS ?? join(homedir(), '.cache', 'mandate-lint', 'e2e-tools');
const CODE_SERVER = join(TOOLS, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const SHOTS = join(ROOT, 'test-results', 'e2e');
const VSIX = join(ROOT, 'dist', 'mandate-lint.vsix');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'editor.hover.delay': 200,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'git.enabled': false,
  'chat.disableAIFeatures': true,
};

function log(message: string): void {
  console.log(`[e2e] ${message}`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

function makeProfile(name: string): { userDataDir: string; extensionsDir: string; workspace: string } {
  const base = mkdtempSync(join(tmpdir(), `mandate-lint-e2e-${name}-`));
  const userDataDir = join(base, 'user-data');
  const extensionsDir = join(base, 'extensions');
  const workspace = join(base, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  prepareWorkspace(ROOT, workspace);
  return { userDataDir, extensionsDir, workspace };
}

interface RunningServer {
  port: number;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

async function startCodeServer(profile: ReturnType<typeof makeProfile>, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const child = spawn(
    process.execPath,
    [CODE_SERVER, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, profile.workspace],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', (d) => (output += d.toString()));
  child.stderr!.on('data', (d) => (output += d.toString()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited:\n${output}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60000) throw new Error(`code-server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    process: child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await page.waitForSelector('.explorer-folders-view, .monaco-workbench .part.sidebar', { timeout: 90000 });
}

/** Part 1: the extension-host suite through the payload URL; results come back through a file. */
async function runExtensionHostSuite(browser: Browser): Promise<boolean> {
  const profile = makeProfile('suite');
  const results = join(profile.userDataDir, 'suite-results.json');
  const server = await startCodeServer(profile, { MANDATE_LINT_VSCODE_RESULTS: results, MANDATE_LINT_SERVER_LOG: join(SHOTS, 'suite-server.log'), ...(process.env.MANDATE_LINT_VSCODE_GREP ? { MANDATE_LINT_VSCODE_GREP: process.env.MANDATE_LINT_VSCODE_GREP } : {}) });
  const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(join(ROOT, 'out', 'vscode-suite', 'index.js'))],
    ['skipWelcome', 'true'],
  ];
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(profile.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    log(`extension-host suite: ${url.slice(0, 80)}…`);
    await page.goto(url);
    await waitForWorkbench(page);
    const started = Date.now();
    while (!existsSync(results)) {
      if (Date.now() - started > 240000) throw new Error(`the suite wrote no results in 4 minutes; code-server output:\n${server.output().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 300));
    const report = JSON.parse(readFileSync(results, 'utf8')) as { passes: number; failures: number; vscodeVersion: string; metrics?: object; tests: Array<{ title: string; state: string; durationMs: number; error?: string }> };
    log(`extension-host suite in VS Code ${report.vscodeVersion}: ${report.passes} passed, ${report.failures} failed; ${JSON.stringify(report.metrics ?? {})}`);
    for (const t of report.tests) log(`  ${t.state === 'passed' ? '✔' : '✘'} ${t.title} (${t.durationMs} ms)${t.error ? `\n      ${t.error.split('\n').slice(0, 6).join('\n      ')}` : ''}`);
    await page.screenshot({ path: join(SHOTS, '0-extension-host-suite.png') });
    return report.failures === 0 && report.passes > 0;
  } finally {
    await page.close();
    await server.stop();
  }
}

async function editorText(page: Page): Promise<string> {
  return page.$eval('.editor-instance .view-lines', (el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' '));
}

/** Part 2: what a drafter sees, with the packaged .vsix installed. */
async function runUiTest(browser: Browser): Promise<boolean> {
  const profile = makeProfile('ui');
  execFileSync(process.execPath, [CODE_SERVER, '--install-extension', VSIX, '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir], { stdio: 'pipe' });
  const server = await startCodeServer(profile);
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  const step = async (name: string, body: () => Promise<void>) => {
    log(`ui: ${name}`);
    try {
      await body();
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
      throw error;
    }
  };
  try {
    await page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(profile.workspace)}`);
    await waitForWorkbench(page);

    await step('open the weak draft', async () => {
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
      await page.keyboard.type('weak-mandate.md');
      await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
      await page.keyboard.press('Enter');
      await page.waitForSelector('.editor-instance .view-lines', { timeout: 15000 });
      await page.waitForSelector('.editor-instance .squiggly-error', { timeout: 60000 });
    });

    await step('problems panel lists the findings', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 20000 });
      // The list is virtualised: check the rows on screen name our rules, and the badge counts all findings.
      await page.waitForFunction(() => {
        const text = (document.querySelector('.markers-panel') as HTMLElement | null)?.innerText ?? '';
        const rules = ['missing-governance', 'missing-benchmarks', 'missing-gender', 'train-and-equip-drift'].filter((rule) => text.includes(rule));
        return text.includes('mandate-lint') && rules.length >= 2;
      }, undefined, { timeout: 20000 });
      await page.screenshot({ path: join(SHOTS, '1-problems-panel.png') });
    });

    await step('a hover explains the lesson', async () => {
      await page.click('.editor-instance .view-lines');
      await page.keyboard.press('Escape');
      const squiggle = page.locator('.editor-instance .squiggly-error').nth(1);
      const box = await squiggle.boundingBox();
      if (!box) throw new Error('no visible squiggle');
      await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
      await page.waitForFunction(() => Array.from(document.querySelectorAll('.monaco-hover')).some((el) => /review, lesson/.test((el as HTMLElement).innerText)), undefined, { timeout: 20000 });
      await page.waitForTimeout(700); // let the hover finish fading in
      await page.screenshot({ path: join(SHOTS, '2-hover.png') });
      await page.mouse.move(5, 5);
    });

    const problemCount = () => page.$eval('.panel .composite-bar .badge-content, .panel .badge .badge-content', (el) => Number((el as HTMLElement).innerText.trim()) || 0).catch(() => 0);

    await step('a quick fix changes the text', async () => {
      const before = await editorText(page);
      const findingsBefore = await problemCount();
      const squiggle = page.locator('.editor-instance .squiggly-error').nth(1);
      const box = await squiggle.boundingBox();
      if (!box) throw new Error('no visible squiggle');
      await page.mouse.click(box.x + Math.min(10, box.width / 2), box.y + box.height / 2);
      await page.keyboard.press('Control+.');
      await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 20000 });
      await page.screenshot({ path: join(SHOTS, '3-quick-fix-menu.png') });
      // The preferred fix ("Add to this paragraph: ...") is first and selected: accept it as a user would.
      await page.waitForFunction(() => /Add to this paragraph/.test((document.querySelector('.action-widget') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 10000 });
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (old) => {
          const text = ((document.querySelector('.editor-instance .view-lines') as HTMLElement | null)?.innerText ?? '').replace(/\u00a0/g, ' ');
          return text !== old && /in strict compliance with the human rights due diligence policy/.test(text);
        },
        before,
        { timeout: 20000 },
      );
      // The draft is linted again after the pause: one finding fewer in the Problems badge.
      await page.waitForFunction(
        (count) => {
          const badge = document.querySelector('.panel .composite-bar .badge-content, .panel .badge .badge-content') as HTMLElement | null;
          return !!badge && Number(badge.innerText.trim()) < count;
        },
        findingsBefore,
        { timeout: 20000 },
      );
      await page.mouse.move(5, 5);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(SHOTS, '4-after-quick-fix.png') });
    });

    await step('a snippet completes', async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('ml-hrddp');
      await page.keyboard.press('Control+Space');
      await page.waitForSelector('.suggest-widget .monaco-list-row', { timeout: 20000 });
      await page.screenshot({ path: join(SHOTS, '5-snippet-suggestions.png') });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /ensure that all support/.test(((document.querySelector('.editor-instance .view-lines') as HTMLElement | null)?.innerText ?? '').replace(/\u00a0/g, ' ')), undefined, { timeout: 20000 });
      await page.screenshot({ path: join(SHOTS, '6-snippet-inserted.png') });
    });

    await step('the coverage report opens beside the draft and a click jumps to the text', async () => {
      await page.keyboard.press('Control+Shift+P');
      await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
      await page.keyboard.type('Mandate Lint: Show lessons coverage report');
      await page.waitForFunction(() => /Show lessons coverage report/.test((document.querySelector('.quick-input-list') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 15000 });
      await page.keyboard.press('Enter');
      // A webview is an iframe inside an iframe.
      const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await report.locator('h1', { hasText: 'Lessons coverage report' }).waitFor({ timeout: 30000 });
      await report.locator('svg.chart').waitFor({ timeout: 10000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(SHOTS, '7-coverage-report.png') });
      const link = report.locator('ul.finding-list a.jump').filter({ hasText: /^line (?:[2-9]|\d\d)/ }).first();
      const target = Number(/\d+/.exec((await link.innerText()) ?? '')?.[0]);
      await link.click();
      await page.waitForFunction((line) => Array.from(document.querySelectorAll('.statusbar-item')).some((el) => new RegExp(`Ln ${line},`).test((el as HTMLElement).innerText)), target, { timeout: 15000 });
      await page.screenshot({ path: join(SHOTS, '8-report-jump.png') });
    });

    await step('a team package installed in the workspace offers its own clauses', async () => {
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
      await page.keyboard.type('team/draft.mandate.md');
      await page.waitForFunction(() => /draft\.mandate\.md/.test((document.querySelector('.quick-input-list') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 15000 });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /mission: MINUKAL/.test(((document.querySelector('.editor-instance .view-lines') as HTMLElement | null)?.innerText ?? '').replace(/\u00a0/g, ' ')), undefined, { timeout: 20000 });
      await page.waitForSelector('.editor-instance .squiggly-error', { timeout: 60000 });
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('14. kal-pay');
      await page.keyboard.press('Control+Space');
      await page.waitForFunction(() => /Payroll verification and a costed plan for the KDSF/.test((document.querySelector('.suggest-widget') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 20000 });
      await page.screenshot({ path: join(SHOTS, '9-team-snippet.png') });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /MINUKAL to support the Government of Kalindor, together with the World Bank/.test(((document.querySelector('.editor-instance .view-lines') as HTMLElement | null)?.innerText ?? '').replace(/\u00a0/g, ' ')), undefined, { timeout: 20000 });
      await page.screenshot({ path: join(SHOTS, '10-team-snippet-inserted.png') });
    });
    return true;
  } catch (error) {
    log(`ui test failed: ${(error as Error).message}\ncode-server output:\n${server.output().slice(-3000)}`);
    return false;
  } finally {
    await page.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed at ${CODE_SERVER}; run scripts/e2e/setup.sh`);
  if (!existsSync(VSIX)) throw new Error(`no ${VSIX}; run npm run package`);
  if (!existsSync(join(ROOT, 'out', 'vscode-suite', 'index.js'))) throw new Error('the extension-host suite is not built; run node esbuild.mjs --tests');
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  const browser = await launch();
  let ok = false;
  try {
    // MANDATE_LINT_E2E_ONLY=suite|ui runs one part (for debugging).
    const only = process.env.MANDATE_LINT_E2E_ONLY;
    const suite = only === 'ui' ? true : await runExtensionHostSuite(browser);
    const ui = only === 'suite' ? true : await runUiTest(browser);
    ok = suite && ui;
    log(`extension-host suite: ${suite ? 'passed' : 'FAILED'}; user-level test: ${ui ? 'passed' : 'FAILED'}; screenshots in ${SHOTS}`);
  } finally {
    await browser.close();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(`[e2e] ${(error as Error).stack ?? error}`);
  process.exit(1);
});
