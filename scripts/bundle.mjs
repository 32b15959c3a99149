// Bundles the CLI, the language server and the VS Code extension with esbuild (CommonJS, `vscode`
// external; minified without source maps for production, source maps otherwise), and the web
// extension: dist/web/extension.js (the `browser` entry, for the web worker extension host) and
// dist/web/server.js (the language server as a web worker script, bundled into the extension as
// text: the extension starts its worker from it). The web bundles hold no Node built-in;
// test/vscode/webBundles.test.ts checks it.
// Vocabulary files stay in data/ and are read at run time: a large JSON inlined into the
// bundle costs seconds and hundreds of MB to load. The web extension's worker fetches gzipped
// copies of them (dist/web/data/<file>.gz, written here; the list is webDataCopies in
// src/server/protocol.ts): code-server brotli-compresses every response on the fly, which costs
// seconds of its CPU at start-up, but leaves an already compressed file almost as it is.
//   --production  minified, no source maps (what the VSIX ships)
//   --bench       also the benchmark and soak bundles (dist/bench.js, dist/soak.js)
//   --tests       also the in-editor test suites (out/test/, never shipped)
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const production = process.argv.includes('--production');
// The benchmark measures the engine as it ships: bundled, not transpiled on the fly.
const bench = process.argv.includes('--bench');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
};

// For a web worker: browser versions of dependencies ("browser" fields), and the `worker` export
// condition first, so that e.g. decode-named-character-reference takes its table, not its DOM
// version (a worker has no document).
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  conditions: ['worker', 'browser'],
};

// The web server's bundle as text, for the web extension's bundle (import 'biolens-web-server-script'):
// the extension starts the server's worker from it at once, without fetching it first.
const webServerScript = {
  name: 'web-server-script',
  setup(build) {
    build.onResolve({ filter: /^biolens-web-server-script$/ }, () => ({ path: path.resolve('dist/web/server.js'), namespace: 'web-server-script' }));
    build.onLoad({ filter: /.*/, namespace: 'web-server-script' }, (args) => ({
      // Without its source map comment: a worker started from a blob cannot find the map beside it.
      contents: fs.readFileSync(args.path, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'),
      loader: 'text',
    }));
  },
};

// The server worker is started from a blob of this script: one self-contained IIFE.
const webServer = build({ ...web, format: 'iife', entryPoints: { server: 'src/server/browserMain.ts' }, outdir: 'dist/web' });

await Promise.all([
  webServer,
  build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  // The worker threads of `biolens annotate --jobs N`; the CLI starts them from beside itself.
  build({ ...common, entryPoints: { annotateWorker: 'src/cli/annotateWorker.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  // The Node entry (`main`); the extension's logic, shared with the browser entry, is src/client/extension.ts.
  build({ ...common, entryPoints: { extension: 'src/client/nodeExtension.ts' }, outdir: 'dist', external: ['vscode'] }),
  // The web worker extension host loads the browser entry as CommonJS with `vscode` provided.
  webServer.then(() =>
    build({
      ...web,
      format: 'cjs',
      entryPoints: { extension: 'src/client/browserExtension.ts' },
      outdir: 'dist/web',
      external: ['vscode'],
      plugins: [webServerScript],
    }),
  ),
]);

// The gzipped copies the web worker fetches (src/server/protocol.ts webDataCopies; the essential
// records are shipped gzipped already). Rewritten only when the file in data/ is newer, since
// gzipping 40 MB takes a second; test/vscode/webBundles.test.ts checks each copy inflates to its file.
const webDataCopies = ['vocabulary.bin', 'vocabulary-keys.txt', 'drug-names.txt', 'entities.jsonl', 'knowledge.bin', 'tagger/gene.bin', 'tagger/chemical.bin'];
for (const name of webDataCopies) {
  const source = path.join('data', name);
  const copy = path.join('dist', 'web', 'data', `${name}.gz`);
  if (!fs.existsSync(source)) continue;
  if (fs.existsSync(copy) && fs.statSync(copy).mtimeMs >= fs.statSync(source).mtimeMs) continue;
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  // Node's gzip writes no timestamp: the same file gives the same copy.
  fs.writeFileSync(copy, gzipSync(fs.readFileSync(source)));
}

if (tests) {
  await build({
    ...common,
    minify: false,
    sourcemap: true,
    entryPoints: { suite: 'test/vscode/suite/index.ts' },
    outdir: 'out/test',
    external: ['vscode'],
  });
  // The same suite for the web worker extension host (it must live inside the extension folder).
  await build({
    ...web,
    format: 'cjs',
    minify: false,
    sourcemap: true,
    entryPoints: { 'suite-web': 'test/vscode/suite/web.ts' },
    outdir: 'out/test',
    external: ['vscode'],
  });
}

if (bench) {
  await build({
    entryPoints: { bench: 'scripts/bench.ts', 'bench/load-vocabulary': 'scripts/bench/load-vocabulary.ts', soak: 'scripts/soak.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}
