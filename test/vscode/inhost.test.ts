import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, repoRoot, sampleWorkspace, startCodeServer, testRoot } from './harness';

// Runs test/vscode/suite inside the extension hosts of a real VS Code, loading the extension from
// this repository as a development extension: once in the Node extension host (out/test/suite.js,
// the extension's `main`), once in the browser's web worker extension host (out/test/suite-web.js,
// the extension's `browser` entry with its server in a web worker).

interface HostRun {
  /** The suite bundle, inside the extension folder. */
  readonly suite: string;
  /** Where the suite's figures are written for run-tests.ts. */
  readonly figures: string;
  /** User settings of the code-server profile. */
  readonly settings?: Record<string, unknown>;
  /** Prefix of the subtest names, so the two runs' results are told apart. */
  readonly label: string;
}

const suiteTimeoutMs = 240_000;

async function runInHost(t: test.TestContext, run: HostRun): Promise<void> {
  const suite = path.join(repoRoot, 'out', 'test', run.suite);
  assert.ok(fs.existsSync(suite), 'run node scripts/bundle.mjs --tests first');
  const workspace = sampleWorkspace();
  const server = await startCodeServer({ settings: run.settings });
  try {
    const workbench = await launchBrowser(server.home);
    try {
      const { page } = workbench;
      const lines: string[] = [];
      let exitCode!: (code: number) => void;
      const exited = new Promise<number>((resolve) => (exitCode = resolve));
      await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
        lines.push(text);
        if (process.env.BIOLENS_VSCODE_VERBOSE || /biolens-|in-host suite|Error/.test(text))
          process.stdout.write(`  [${run.label} ${type}] ${text.slice(0, 2000)}\n`);
      });
      await page.exposeFunction('codeAutomationExit', (code: number) => exitCode(code));
      const payload: [string, string][] = [
        ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
        ['extensionTestsPath', server.remoteUri(suite)],
      ];
      await page.goto(server.url(workspace, payload));
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        exited,
        new Promise<number>(
          (_, reject) =>
            (timer = setTimeout(
              () =>
                reject(
                  new Error(`the in-host suite (${run.label}) did not finish in ${suiteTimeoutMs / 1000} s; last output:\n${lines.slice(-20).join('\n')}`),
                ),
              suiteTimeoutMs,
            )),
        ),
      ]).finally(() => clearTimeout(timer));
      if (code !== 0) await page.screenshot({ path: path.join(testRoot, `inhost-${run.label}-failure.png`) }).catch(() => undefined);

      const results = lines.flatMap((line) => {
        const match = /biolens-result (\{.*\})/.exec(line);
        return match ? [JSON.parse(match[1]) as { name: string; ok: boolean; error?: string }] : [];
      });
      const figureLine = lines.map((line) => /biolens-figure (\{.*\})/.exec(line)).find(Boolean);
      if (figureLine) fs.writeFileSync(path.join(testRoot, run.figures), figureLine[1]);
      // One subtest per in-host test, so the runner's counts are the suite's.
      for (const result of results) {
        await t.test(`${run.label}: ${result.name}`, () => {
          if (!result.ok) assert.fail(result.error);
        });
      }
      assert.ok(results.length > 0, `the suite reported no results (exit ${code}); output:\n${lines.slice(-30).join('\n')}`);
      assert.equal(code, 0, 'the extension host reports the suite passed');
    } finally {
      await workbench.close();
    }
  } finally {
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

test('the in-host suite passes inside VS Code (Node extension host)', (t) =>
  runInHost(t, { suite: 'suite.js', figures: 'figures-inhost.json', label: 'node host' }));

// With both `main` and `browser` in the manifest, VS Code picks the Node host; this setting makes
// it run the extension in the web worker, as vscode.dev and github.dev do (they have no Node host).
test('the in-host suite passes inside VS Code (web worker extension host)', (t) =>
  runInHost(t, {
    suite: 'suite-web.js',
    figures: 'figures-inhost-web.json',
    label: 'web worker host',
    settings: { 'remote.extensionKind': { 'biolens.biolens': ['web'] } },
  }));
