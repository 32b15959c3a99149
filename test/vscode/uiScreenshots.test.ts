import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { installVsix, launchBrowser, repoRoot, sampleWorkspace, startCodeServer, tempFolder, type CodeServer, type Workbench } from './harness';
import { openFile, runCommand, screenshotOf } from './workbench';

// The README's screenshots, in a light and a dark theme, taken from the packaged VSIX in the
// workbench: the colours of every kind, a hover card, the quick-fix menu and the Problems panel.
// Each also checks what it shows.

const vsix = path.join(repoRoot, 'biolens.vsix');
let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace: string;

const coloursNote =
  '# Colours in a note\n\n' +
  'In MCF-7 cells, letrozole lowered ESR1 signalling through the PI3K/AKT/mTOR pathway, and the Ki-67 index fell.\n' +
  'In PALOMA-2, adding palbociclib to letrozole improved PFS.\n';

before(async () => {
  assert.ok(fs.existsSync(vsix), 'npm run package first');
  workspace = sampleWorkspace();
  fs.writeFileSync(path.join(workspace, 'colours.md'), coloursNote);
  const home = tempFolder('biolens-shots-');
  const extensionsDir = path.join(home, 'extensions');
  await installVsix(vsix, extensionsDir, home);
  // No minimap or breadcrumbs: the crops show the note and what biolens adds to it.
  server = await startCodeServer({ home, extensionsDir, settings: { 'editor.minimap.enabled': false, 'breadcrumbs.enabled': false } });
  workbench = await launchBrowser(home);
  await workbench.page.goto(server.url(workspace));
  await workbench.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

/** The page's window, as far as this file needs it (the tests are type-checked without the DOM library). */
interface BrowserWindow {
  getComputedStyle(element: unknown): { color: string };
}

/** The colour of each coloured word on the editor's first lines, by its text. */
async function wordColours(page: Page): Promise<Map<string, string>> {
  const spans = page.locator('.editor-instance .view-lines .view-line span span');
  const colours = new Map<string, string>();
  for (const span of await spans.all()) {
    // The editor draws spaces as no-break spaces.
    const text = (await span.innerText()).replace(/\u00a0/g, ' ').trim();
    if (text) colours.set(text, await span.evaluate((element) => (globalThis as unknown as BrowserWindow).getComputedStyle(element).color));
  }
  return colours;
}

async function shoot(page: Page, theme: 'light' | 'dark'): Promise<void> {
  // Colours: one per kind, none in the heading.
  await openFile(page, 'colours.md');
  const pfs = page.locator('.editor-instance .view-lines span', { hasText: /^PFS$/ }).first();
  await pfs.waitFor({ timeout: 90_000 }); // the first note: the server may still be starting
  const colours = await wordColours(page);
  // The grammar may split a mention into spans ('Ki-67', ' index'): each kind by its mention's first span.
  const colourOf = (word: string): string | undefined => [...colours].find(([text]) => word.startsWith(text))?.[1];
  const kinds = ['letrozole', 'ESR1', 'Ki-67 index', 'PI3K/AKT/mTOR pathway', 'MCF-7', 'PALOMA-2', 'PFS'].map(colourOf);
  assert.equal(new Set(kinds).size, 7, `seven kinds, seven colours: ${JSON.stringify(Object.fromEntries(colours))}`);
  const heading = page.locator('.editor-instance .view-line', { hasText: 'Colours in a note' });
  assert.equal(await heading.locator('span span', { hasText: /^ESR1$|^letrozole$/ }).count(), 0);
  const lines = page.locator('.editor-instance .view-line');
  await screenshotOf(page, `colours-${theme}`, [lines.filter({ hasText: 'Colours in a note' }), lines.filter({ hasText: 'PALOMA-2' })], 6);

  // A hover card.
  await openFile(page, 'endocrine-resistance-review.md');
  const word = page.locator('.editor-instance .view-lines span', { hasText: /^Letrozole$/ }).first();
  await word.waitFor({ timeout: 30_000 });
  const box = await word.boundingBox();
  assert.ok(box);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /aromatase/i });
  await hover.waitFor({ timeout: 15_000 });
  await screenshotOf(page, `hover-${theme}`, [word, hover]);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await hover.waitFor({ state: 'hidden' });

  // The quick-fix menu on a misspelling.
  await openFile(page, 'seed-mixups.md');
  await page.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
  // A misspelling is no token of its own (only a squiggle), so the cursor goes there by line and column.
  const seedLines = fs.readFileSync(path.join(workspace, 'seed-mixups.md'), 'utf8').split('\n');
  const line = seedLines.findIndex((l) => l.includes('letrazole'));
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(`${line + 1}:${seedLines[line].indexOf('letrazole') + 3}`);
  await page.keyboard.press('Enter');
  const misspelt = page.locator('.editor-instance .view-line', { hasText: 'letrazole' }).first();
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  await menu.locator('.monaco-list-row', { hasText: "Replace 'letrazole' with 'letrozole'" }).waitFor({ timeout: 15_000 });
  await screenshotOf(page, `quick-fix-${theme}`, [misspelt, menu]);
  await page.keyboard.press('Escape');

  // The Problems panel.
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel');
  await problems.locator('.monaco-list-row', { hasText: 'drug-lookalike' }).first().waitFor({ timeout: 15_000 });
  const rows = problems.locator('.monaco-list-row');
  await screenshotOf(page, `problems-${theme}`, [rows.first(), rows.last()], 4);
  await page.keyboard.press('Control+Shift+M');
}

test('screenshots in a light theme: seven kinds in seven colours, a hover card, the quick-fix menu, the Problems panel', async () => {
  await shoot(workbench!.page, 'light');
});

test('screenshots in a dark theme: the same, with the dark colours', async () => {
  const { page } = workbench!;
  await page.keyboard.press('Escape');
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Light Modern' }).first().waitFor();
  await page.keyboard.type('Dark Modern');
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: /^Dark Modern/ })
    .first()
    .click();
  await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+K');
  await page.keyboard.press('W'); // close all editors, so each note opens afresh in the new theme
  await shoot(page, 'dark');
});
