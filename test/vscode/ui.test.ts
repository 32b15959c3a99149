import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import {
  installVsix,
  launchBrowser,
  repoRoot,
  sampleWorkspace,
  startCodeServer,
  tempFolder,
  testRoot,
  until,
  type CodeServer,
  type Workbench,
} from './harness';

// End-to-end in the workbench, as a person uses it: the packaged VSIX installed with
// code-server's CLI, then hover, squiggles and a keyboard quick fix in the browser.

const vsix = path.join(repoRoot, 'biolens.vsix');
let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace: string;
let installLog = '';
const figures: Record<string, number> = {};

before(async () => {
  assert.ok(fs.existsSync(vsix), 'npm run package first');
  workspace = sampleWorkspace();
  fs.writeFileSync(path.join(workspace, 'quick-fix.md'), 'Postmenopausal patients took anastrazole daily.\n');
  const home = tempFolder('biolens-ui-');
  const extensionsDir = path.join(home, 'extensions');
  installLog = await installVsix(vsix, extensionsDir, home);
  server = await startCodeServer({ home, extensionsDir });
  workbench = await launchBrowser(home);
  await workbench.page.goto(server.url(workspace));
  await workbench.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
});

afterEach(async (t) => {
  // A failed test leaves a screenshot of the workbench behind.
  if (workbench && (t as unknown as { passed?: boolean }).passed === false) {
    const name = t.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await workbench.page.screenshot({ path: path.join(testRoot, `ui-failure-${name}.png`) }).catch(() => undefined);
  }
});

after(async () => {
  fs.writeFileSync(path.join(testRoot, 'figures-ui.json'), JSON.stringify(figures));
  await workbench?.close();
  await server?.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

test('the packaged VSIX installs and activates: the status bar shows the server ready with the note’s findings', async () => {
  assert.match(installLog, /successfully installed/i);
  const { page } = workbench!;
  await openFile(page, 'seed-mixups.md');
  const status = page.locator('.statusbar-item', { hasText: /biolens: \d+/ });
  await status.waitFor({ timeout: 60_000 });
  assert.match(await status.innerText(), /biolens: [1-9]\d*/);
});

test('a mix-up gets a squiggle and a row in the Problems panel', async () => {
  const { page } = workbench!;
  await openFile(page, 'seed-mixups.md');
  await page.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
  assert.ok((await page.locator('.squiggly-warning').count()) >= 3);
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'anastrazole' }).first();
  await row.waitFor({ timeout: 15_000 });
  assert.match(await row.innerText(), /drug-misspelling/);
  await page.keyboard.press('Control+Shift+M');
});

test('hovering a drug in a note shows its card', async () => {
  const { page } = workbench!;
  await openFile(page, 'endocrine-resistance-review.md');
  // Semantic tokens give the drug a span of its own once the server has answered.
  const word = page.locator('.editor-instance .view-lines span', { hasText: /^Letrozole$/ }).first();
  await word.waitFor({ timeout: 30_000 });
  const box = await word.boundingBox();
  assert.ok(box);
  const started = performance.now();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: /aromatase/i });
  await hover.waitFor({ timeout: 15_000 });
  figures.uiHoverVisibleMs = performance.now() - started;
  const card = await hover.innerText();
  assert.match(card, /letrozole/i);
  const screenshot = path.join(repoRoot, 'docs', 'screenshot.png');
  if (!fs.existsSync(screenshot) || process.env.BIOLENS_UPDATE_SCREENSHOT) {
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, animations: 'disabled' });
  }
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
});

test('the quick fix is applied with the keyboard and the saved file holds the right spelling', async () => {
  const { page } = workbench!;
  await openFile(page, 'quick-fix.md');
  await page.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('1:32');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+.');
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  await focused.waitFor({ timeout: 15_000 });
  assert.match(await focused.innerText(), /Replace 'anastrazole' with 'anastrozole'/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+S');
  const file = path.join(workspace, 'quick-fix.md');
  const saved = await until(
    'the fixed file on disk',
    () => {
      const text = fs.readFileSync(file, 'utf8');
      return text.includes('anastrozole') ? text : undefined;
    },
    15_000,
  );
  assert.equal(saved, 'Postmenopausal patients took anastrozole daily.\n');
});
