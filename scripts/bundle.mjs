// Bundles the CLI, the language server and the VS Code extension with esbuild (CommonJS, `vscode`
// external; minified without source maps for production, source maps otherwise).
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

await Promise.all([
  build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: { server: 'src/server/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: { extension: 'src/client/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
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
