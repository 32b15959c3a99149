import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { webDataCopies } from '../../src/server/protocol';
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

test('the manifest’s browser entry is the web extension bundle, and the VSIX ships it and the gzipped copies', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { browser?: string; main?: string };
  assert.equal(manifest.browser, './dist/web/extension.js');
  assert.equal(manifest.main, './dist/extension.js');
  const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
  // The server's worker starts from the script inside the extension's bundle: dist/web/server.js is not read at run time.
  for (const file of ['dist/web/extension.js', 'dist/web/data/*.gz', 'dist/web/data/tagger/*.gz'])
    assert.ok(ignore.includes(`!${file}`), `.vscodeignore keeps ${file}`);
});

test('the web extension bundle carries the web server script, which the worker starts from', () => {
  const extension = fs.readFileSync(path.join(repoRoot, 'dist/web/extension.js'), 'utf8');
  assert.ok(extension.includes('biolens language server'), 'the worker is started by the extension');
  // A string of the server's bundle alone (browserMain.ts names the worker it starts to fetch files).
  assert.ok(extension.includes('biolens file fetcher'), 'the server script is inside the extension bundle');
});

test('every gzipped copy the web worker fetches inflates to the file in data/ it copies', () => {
  for (const [file, copy] of Object.entries(webDataCopies)) {
    if (!copy.startsWith('dist/web/data/')) continue; // shipped gzipped in data/ itself
    const source = path.join(repoRoot, 'data', copy.slice('dist/web/data/'.length, -'.gz'.length));
    const copied = path.join(repoRoot, copy);
    assert.ok(fs.existsSync(copied), `${copy} (the ${file} copy) exists: run node scripts/bundle.mjs`);
    assert.ok(gunzipSync(fs.readFileSync(copied)).equals(fs.readFileSync(source)), `${copy} is ${path.relative(repoRoot, source)} gzipped`);
  }
});
