import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, repoRoot, sampleWorkspace, startCodeServer, testRoot, type CodeServer, type Workbench } from './harness';

// Runs test/vscode/suite (bundled to out/test/suite.js) inside the extension host of a real
// VS Code, loading the extension from this repository as a development extension.

let server: CodeServer | undefined;
let workbench: Workbench | undefined;
let workspace: string;

before(async () => {
  assert.ok(fs.existsSync(path.join(repoRoot, 'out', 'test', 'suite.js')), 'run node scripts/bundle.mjs --tests first');
  workspace = sampleWorkspace();
  server = await startCodeServer();
  workbench = await launchBrowser(server.home);
});

after(async () => {
  await workbench?.close();
  await server?.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('the in-host suite passes inside VS Code', async (t) => {
  const { page } = workbench!;
  const lines: string[] = [];
  let exitCode!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (exitCode = resolve));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    lines.push(text);
    if (process.env.BIOLENS_VSCODE_VERBOSE || /biolens-|in-host suite|Error/.test(text)) process.stdout.write(`  [${type}] ${text.slice(0, 2000)}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => exitCode(code));
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', server!.remoteUri(repoRoot)],
    ['extensionTestsPath', server!.remoteUri(path.join(repoRoot, 'out', 'test', 'suite.js'))],
  ];
  await page.goto(server!.url(workspace, payload));
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([
    exited,
    new Promise<number>((_, reject) => (timer = setTimeout(() => reject(new Error(`the in-host suite did not finish in 240 s; last output:\n${lines.slice(-20).join('\n')}`)), 240_000))),
  ]).finally(() => clearTimeout(timer));
  if (code !== 0) await page.screenshot({ path: path.join(testRoot, 'inhost-failure.png') }).catch(() => undefined);

  const results = lines.flatMap((line) => {
    const match = /biolens-result (\{.*\})/.exec(line);
    return match ? [JSON.parse(match[1]) as { name: string; ok: boolean; error?: string }] : [];
  });
  const figureLine = lines.map((line) => /biolens-figure (\{.*\})/.exec(line)).find(Boolean);
  if (figureLine) fs.writeFileSync(path.join(testRoot, 'figures-inhost.json'), figureLine[1]);
  // One subtest per in-host test, so the runner's counts are the suite's.
  for (const result of results) {
    await t.test(result.name, () => {
      if (!result.ok) assert.fail(result.error);
    });
  }
  assert.ok(results.length > 0, `the suite reported no results (exit ${code}); output:\n${lines.slice(-30).join('\n')}`);
  assert.equal(code, 0, 'the extension host reports the suite passed');
});
