import type { Page } from 'playwright-core';

/**
 * Opens a workspace file through Quick Open (Ctrl+P) as a user does: types its path, and presses Enter once the
 * highlighted entry is that file. Waiting only for the name to show somewhere in the list raced with the list's
 * filtering, and Enter then opened whichever entry was highlighted (team/package.json, once).
 */
export async function quickOpen(page: Page, path: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 15000 });
  await page.keyboard.type(path);
  const parts = path.split('/');
  const name = parts.pop()!;
  await page.waitForFunction(
    ({ name, folders }) => {
      const row = document.querySelector('.quick-input-list .monaco-list-row.focused') as HTMLElement | null;
      if (!row || (row.querySelector('.label-name')?.textContent ?? '').trim() !== name) return false;
      return folders.every((folder) => row.innerText.includes(folder));
    },
    { name, folders: parts },
    { timeout: 15000 },
  );
  await page.keyboard.press('Enter');
}
