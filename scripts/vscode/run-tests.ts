/**
 * The real-VS-Code layers of `npm test`: installs chromium and code-server if missing, bundles the
 * in-host suites, packages the VSIX, then runs test/vscode/*.test.ts under node's test runner:
 * the web bundles' check (no Node built-ins), the in-host suite in the Node extension host and in
 * the web worker extension host, the UI tests and the README's screenshots (uiScreenshots.test.ts).
 * Writes the in-editor counts to .vscode-test/summary.txt ("N passed, N failed", printed last by
 * .ci/run) and prints the editor figures measured on the way.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const testRoot = path.join(root, '.vscode-test');
const run = (command: string, args: string[]): void => {
  execFileSync(command, args, { cwd: root, stdio: 'inherit' });
};

async function main(): Promise<number> {
  fs.mkdirSync(testRoot, { recursive: true });
  for (const stale of ['summary.txt', 'results.tap', 'figures-inhost.json', 'figures-inhost-web.json', 'figures-ui.json'])
    fs.rmSync(path.join(testRoot, stale), { force: true });
  run('bash', [path.join('scripts', 'vscode', 'install.sh')]);
  run(process.execPath, [path.join('scripts', 'bundle.mjs'), '--tests']);
  run('npm', ['run', '--silent', 'package']);
  const vsix = path.join(root, 'biolens.vsix');
  console.log(`VSIX: ${(fs.statSync(vsix).size / 1024 / 1024).toFixed(1)} MB`);

  const tap = path.join(testRoot, 'results.tap');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      'test/vscode/webBundles.test.ts',
      'test/vscode/inhost.test.ts',
      'test/vscode/ui.test.ts',
      'test/vscode/uiScreenshots.test.ts',
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));

  // Counts of the in-editor tests: each in-host test and each UI test (not the wrapper test).
  const results = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  let passed = 0;
  let failed = 0;
  for (const line of results.split('\n')) {
    const match = /^(\s*)(not ok|ok) \d+ - (.*)$/.exec(line);
    if (!match || match[3].startsWith('the in-host suite passes')) continue;
    if (match[2] === 'ok') passed++;
    else failed++;
  }
  if (code !== 0 && failed === 0) failed = 1; // the harness itself failed before any test ran
  const summary = `${passed} passed, ${failed} failed`;
  fs.writeFileSync(path.join(testRoot, 'summary.txt'), `${summary}\n`);

  const figures = { ...readJson('figures-inhost.json'), ...readJson('figures-ui.json') };
  const web = readJson('figures-inhost-web.json');
  const ms = (value: unknown): string => (typeof value === 'number' ? `${Math.round(value)} ms` : 'n/a');
  const size = (file: string): string => {
    const full = path.join(root, file);
    return fs.existsSync(full) ? `${(fs.statSync(full).size / 1024).toFixed(0)} KB` : 'n/a';
  };
  console.log('\nEditor figures (code-server 4.100.3, headless chromium):');
  console.log(`  extension activate():                ${ms(figures.activationMs)}`);
  console.log(`  server start (process, initialize):  ${ms(figures.serverStartMs)}`);
  console.log(`  activation to server ready:          ${ms(figures.activationToReadyMs)}`);
  console.log(`  note opened (or activation) to its findings: ${ms(figures.toFirstDiagnosticsMs)}`);
  console.log(`  1 MB note: open to first diagnostics: ${ms(figures.largeNoteFirstDiagnosticsMs)}`);
  console.log(`  hover through the server (median):   ${ms(figures.hoverMedianMs)}`);
  console.log(`  hover card visible in the UI:        ${ms(figures.uiHoverVisibleMs)} (editor.hover.delay 100 ms)`);
  console.log(`  VSIX size:                           ${(fs.statSync(vsix).size / 1024 / 1024).toFixed(1)} MB`);
  console.log('Web worker extension host (the `browser` entry, server in a web worker):');
  console.log(`  extension activate():                ${ms(web.activationMs)}`);
  console.log(`  server start (vocabulary, worker, initialize): ${ms(web.serverStartMs)}`);
  console.log(`  activation to server ready:          ${ms(web.activationToReadyMs)}`);
  console.log(`  note opened (or activation) to its findings: ${ms(web.toFirstDiagnosticsMs)}`);
  const steps = Object.entries(web).filter(([name, value]) => /(Read|worker.*)Ms$/.test(name) && typeof value === 'number');
  console.log(`  start-up steps (ms from creating the client): ${steps.map(([name, value]) => `${name} ${Math.round(value as number)}`).join(', ')}`);
  console.log(`  1 MB note: open to first diagnostics: ${ms(web.largeNoteFirstDiagnosticsMs)}`);
  console.log(`  hover through the server (median):   ${ms(web.hoverMedianMs)}`);
  console.log(`  bundles (minified): extension ${size('dist/web/extension.js')}, server ${size('dist/web/server.js')}`);
  console.log(`\nreal VS Code: ${summary}`);
  return code;
}

function readJson(name: string): Record<string, unknown> {
  const file = path.join(testRoot, name);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    fs.writeFileSync(path.join(testRoot, 'summary.txt'), '0 passed, 1 failed\n');
    console.error(error);
    process.exitCode = 1;
  },
);
