/**
 * What the UI tests do in the workbench, as a person does it: open a file with Ctrl+P, run a
 * command from the palette, and take cropped screenshots for the README.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot, testRoot } from './harness';

export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Clicked, not Enter: the recently opened files are listed (and focused) until the filter applies.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().click();
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

/** Runs a command by its title from the Command Palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click();
}

/**
 * Chooses the action titled `title` in the open quick-fix menu with the arrow keys, as a
 * keyboard user does (a click is taken by the menu's pointer block while it settles).
 */
export async function chooseAction(page: Page, title: string): Promise<void> {
  const rows = page.locator('.action-widget .monaco-list-row.action');
  await rows.filter({ hasText: title }).waitFor({ timeout: 15_000 });
  const count = await rows.count();
  for (let i = 0; i <= count; i++) {
    if (((await page.locator('.action-widget .monaco-list-row.focused').textContent()) ?? '').includes(title)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no action '${title}' in the quick-fix menu`);
}

/** The rows of the open quick pick, as their text. */
export async function quickPickRows(page: Page): Promise<string[]> {
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
  return page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
}

/**
 * Saves a screenshot of the part of the page the elements cover (with a margin), for the README:
 * to docs/images/ when it is missing or BIOLENS_UPDATE_SCREENSHOTS is set, else to
 * .vscode-test/screenshots/, so each run still takes it and can be looked at.
 */
export async function screenshotOf(page: Page, name: string, parts: Locator[], margin = 12): Promise<string> {
  const boxes = [];
  for (const part of parts) {
    const box = await part.boundingBox();
    if (box) boxes.push(box);
  }
  if (boxes.length === 0) throw new Error(`nothing to take a screenshot of for ${name}`);
  const viewport = page.viewportSize() ?? { width: 1400, height: 850 };
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...boxes.map((b) => b.y + b.height)) + margin);
  const committed = path.join(repoRoot, 'docs', 'images', `${name}.png`);
  const file = !fs.existsSync(committed) || process.env.BIOLENS_UPDATE_SCREENSHOTS ? committed : path.join(testRoot, 'screenshots', `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, clip: { x, y, width: right - x, height: bottom - y }, animations: 'disabled' });
  return file;
}
