// Bundles the CLI, the language server and the VS Code extension with esbuild (CommonJS, `vscode`
// external; minified without source maps for production, source maps otherwise), and the web
// extension: dist/web/extension.js (the `browser` entry, for the web worker extension host) and
// dist/web/server.js (the language server as a web worker script; it gets the vocabulary from
// data/ through the extension). The web bundles hold no Node built-in;
// test/vscode/webBundles.test.ts checks it.
// Vocabulary files stay in data/ and are read at run time: a large JSON inlined into the
// bundle costs seconds and hundreds of MB to load.
//   --production  minified, no source maps (what the VSIX ships)
//   --bench       also the benchmark and soak bundles (dist/bench.js, dist/soak.js)
//   --tests       also the in-editor test suites (out/test/, never shipped)
import { build } from 'esbuild';

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

await Promise.all([
  build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  // The worker threads of `biolens annotate --jobs N`; the CLI starts them from beside itself.
  build({ ...common, entryPoints: { annotateWorker: 'src/cli/annotateWorker.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  // The Node entry (`main`); the extension's logic, shared with the browser entry, is src/client/extension.ts.
  build({ ...common, entryPoints: { extension: 'src/client/nodeExtension.ts' }, outdir: 'dist', external: ['vscode'] }),
  // The web worker extension host loads the browser entry as CommonJS with `vscode` provided.
  build({ ...web, format: 'cjs', entryPoints: { extension: 'src/client/browserExtension.ts' }, outdir: 'dist/web', external: ['vscode'] }),
  // The server worker is started from a blob of this script: one self-contained IIFE.
  build({ ...web, format: 'iife', entryPoints: { server: 'src/server/browserMain.ts' }, outdir: 'dist/web' }),
]);

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
