/// <reference lib="dom" />
/**
 * Issue 13's "Done when": a drafter writes a Kalindor mandate in a new, empty *.mandate.md using only clause
 * completions (a prefix typed, the suggestion accepted, the tab stops typed into) and quick fixes (Ctrl+. and the
 * fix chosen by its title). After every step the saved text is read back and its numbering and references
 * checked; the end is compared with test/vscode/suite/from-empty.expected.md, and the CLI must find none of the
 * findings the quick fixes answered. The story is test/helpers/from-empty.ts (replayed in the core by
 * test/unit/from-empty.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { quickOpen } from './quick-open';
import { EXPECTED_FILE, FIXED_RULES, numberingProblems, STORY, type FixStep, type SnippetStep } from '../../test/helpers/from-empty';

const ROOT = resolve(__dirname, '..', '..');
const FILE = 'kalindor-from-empty.mandate.md';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The 1-based number of the line that starts with `start`. */
function lineNumber(text: string, start: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(start));
  if (index < 0) throw new Error(`no line starts with "${start}" in:\n${text}`);
  return index + 1;
}

async function goTo(page: Page, line: number, column = 1): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([l, c]) => Array.from(document.querySelectorAll('.statusbar-item')).some((el) => new RegExp(`Ln ${l}, Col ${c}\\b`).test((el as HTMLElement).innerText)),
    [line, column],
    { timeout: 15000 },
  );
}

export async function writeDraftFromEmpty(page: Page, workspace: string, shots: string, log: (message: string) => void): Promise<void> {
  const path = join(workspace, FILE);
  writeFileSync(path, '');
  let text = '';

  /** Saves the draft and reads it back once it has changed; then checks its numbering and references. */
  const saved = async (name: string): Promise<void> => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      await page.keyboard.press('Control+S');
      for (let i = 0; i < 20; i++) {
        await wait(150);
        const now = readFileSync(path, 'utf8');
        if (now !== text) {
          text = now;
          const problems = numberingProblems(text);
          if (problems.length) throw new Error(`after ${name}: ${problems.join('; ')}\n${text}`);
          log(`ui:   ${name}: ${text.split('\n').length} lines, numbering and references right`);
          return;
        }
      }
      if (Date.now() - started > 15000) throw new Error(`after ${name}: the draft did not change`);
    }
  };

  const completion = async (step: SnippetStep): Promise<void> => {
    if (step.after !== undefined) {
      // A new line after the paragraph with a blank line on either side: from the blank line after it.
      await goTo(page, lineNumber(text, step.after) + 1);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowUp');
    }
    await page.keyboard.type(step.typed);
    // The server answers once it has read the new text: ask again if the list comes without the clause.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+Space');
      const shown = await page
        .waitForFunction((title) => Array.from(document.querySelectorAll('.suggest-widget .monaco-list-row')).some((el) => (el as HTMLElement).innerText.includes(title)), step.title, { timeout: 8000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (attempt >= 4) throw new Error(`no "${step.title}" among the suggestions for ${step.typed}`);
      await page.keyboard.press('Escape');
      await wait(1000);
    }
    const focused = await page.$eval('.suggest-widget .monaco-list-row.focused', (el) => (el as HTMLElement).innerText).catch(() => '');
    if (!focused.includes(step.title)) throw new Error(`the first suggestion for "${step.typed}" is not "${step.title}": ${focused}`);
    if (step === STORY[0]) await page.screenshot({ path: join(shots, 'empty-1-frame-suggested.png') });
    await page.keyboard.press('Enter');
    for (const stop of step.stops ?? []) {
      await page.keyboard.type(stop);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Escape');
    await saved(step.name);
  };

  const quickFix = async (step: FixStep): Promise<void> => {
    const line = lineNumber(text, step.line);
    const lineText = text.split('\n')[line - 1];
    await goTo(page, line, lineText.indexOf(step.cursorAt) + 1);
    // The draft's findings come a moment after the text: ask again until the fix is in the menu.
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+.');
      const shown = await page
        .waitForFunction((title) => Array.from(document.querySelectorAll('.action-widget .monaco-list-row')).some((el) => (el as HTMLElement).innerText.includes(title)), step.title, { timeout: 8000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
      if (attempt >= 5) throw new Error(`no quick fix "${step.title}" at line ${line}`);
      await page.keyboard.press('Escape');
      await wait(1500);
    }
    if (step === STORY.find((s) => s.kind === 'fix')) await page.screenshot({ path: join(shots, 'empty-2-quick-fix-menu.png') });
    // Chosen with the keyboard, as a drafter would (the menu blocks the pointer while it opens).
    for (let moves = 0; ; moves++) {
      const focused = await page.$eval('.action-widget .monaco-list-row.focused', (el) => (el as HTMLElement).getAttribute('aria-label') ?? (el as HTMLElement).innerText).catch(() => '');
      if (focused.includes(step.title)) break;
      if (moves >= 20) throw new Error(`"${step.title}" could not be selected in the quick-fix menu`);
      await page.keyboard.press('ArrowDown');
      await wait(100);
    }
    await page.keyboard.press('Enter');
    await saved(step.name);
  };

  // A clean editor area, then the new, empty draft.
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
  await page.keyboard.type('View: Close All Editors');
  await page.waitForFunction(() => /Close All Editors/.test((document.querySelector('.quick-input-list') as HTMLElement | null)?.innerText ?? ''), undefined, { timeout: 15000 });
  await page.keyboard.press('Enter');
  await wait(500);
  await quickOpen(page, FILE);
  await page.waitForFunction((name) => Array.from(document.querySelectorAll('.tab.active')).some((el) => ((el as HTMLElement).getAttribute('aria-label') ?? '').includes(name)), FILE, { timeout: 15000 });
  await page.waitForSelector('.editor-instance .view-lines', { timeout: 15000 });

  for (const step of STORY) {
    if (step.kind === 'snippet') await completion(step);
    else await quickFix(step);
    if (step.kind === 'fix' && step === STORY.filter((s) => s.kind === 'fix')[0]) {
      await page.mouse.move(5, 5);
      await wait(300);
      await page.screenshot({ path: join(shots, 'empty-3-after-first-fix.png') });
    }
  }

  const expected = readFileSync(EXPECTED_FILE, 'utf8');
  if (text !== expected) throw new Error(`the draft written from an empty file is not test/vscode/suite/from-empty.expected.md:\n${text}`);
  // The CLI on the saved draft: none of the findings the quick fixes answered.
  const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', FILE], { cwd: workspace, encoding: 'utf8' });
  const messages = (JSON.parse(cli.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0].messages;
  const left = messages.filter((m) => FIXED_RULES.includes(m.ruleId));
  if (left.length) throw new Error(`the final draft still has findings the quick fixes answered: ${left.map((m) => m.ruleId).join(', ')}`);
  log(`ui:   the final draft is the expected one; the CLI finds ${messages.length} finding(s), none of ${FIXED_RULES.join(', ')}`);
  // The Problems panel (empty) under the operative part of the draft.
  await page.keyboard.press('Control+Shift+M');
  await wait(500);
  await goTo(page, lineNumber(text, '(c) to support'));
  await page.mouse.move(5, 5);
  await wait(1500);
  await page.screenshot({ path: join(shots, 'empty-4-final-draft.png') });
}
