import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { repoRoot } from './harness';

// The web extension's bundles run in a browser (the web worker extension host and the server's
// own worker), where no Node built-in exists: a `require('fs')` left in them fails at start-up
// on vscode.dev. Checked on what `node scripts/bundle.mjs` wrote (as built for the VSIX by
// run-tests.ts).

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Every module name a bundle requires (`require("x")`, as esbuild writes it, minified or not). */
function requiredModules(source: string): string[] {
  return [...source.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((match) => match[2]);
}

const bundles: { file: string; allowed: readonly string[] }[] = [
  // The extension is CommonJS: the host provides `vscode`, and nothing else.
  { file: 'dist/web/extension.js', allowed: ['vscode'] },
  // The server is a self-contained worker script.
  { file: 'dist/web/server.js', allowed: [] },
];

for (const { file, allowed } of bundles) {
  test(`${file} requires no Node built-in (only ${allowed.length ? allowed.join(', ') : 'nothing'})`, () => {
    const bundle = path.join(repoRoot, file);
    assert.ok(fs.existsSync(bundle), `${file} exists: run node scripts/bundle.mjs first`);
    const source = fs.readFileSync(bundle, 'utf8');
    const required = [...new Set(requiredModules(source))];
    assert.deepEqual(
      required.filter((name) => nodeBuiltins.has(name)),
      [],
      `Node built-ins required by ${file}`,
    );
    assert.deepEqual(
      required.filter((name) => !allowed.includes(name)),
      [],
      `modules ${file} requires at run time`,
    );
    // process, Buffer, __dirname and setImmediate do not exist in a worker: only guarded uses may remain.
    assert.doesNotMatch(source, /\b__dirname\b|\b__filename\b/, `${file} uses __dirname`);
    // A call, not a method of that name (`setImmediate(callback, ...args) {` in vscode-jsonrpc's browser runtime).
    assert.doesNotMatch(source, /(?<![.\w$])setImmediate\((?![^)]*\)\s*\{)/, `${file} calls setImmediate`);
    assert.doesNotMatch(source, /(?<![.\w$])Buffer\.(from|alloc|concat|isBuffer)\(/, `${file} uses Buffer`);
  });
}

test('the manifest’s browser entry is the web extension bundle, and the VSIX ships the web bundles', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { browser?: string; main?: string };
  assert.equal(manifest.browser, './dist/web/extension.js');
  assert.equal(manifest.main, './dist/extension.js');
  const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
  for (const file of ['dist/web/extension.js', 'dist/web/server.js']) assert.ok(ignore.includes(`!${file}`), `.vscodeignore keeps ${file}`);
});
