// Bundles the CLI (and later the language server and the extension) with esbuild.
// Vocabulary files stay in data/ and are read at run time: a large JSON inlined into the
// bundle costs seconds and hundreds of MB to load.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
// The benchmark measures the engine as it ships: bundled, not transpiled on the fly.
const bench = process.argv.includes('--bench');

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
});

if (bench) {
  await build({
    entryPoints: { bench: 'scripts/bench.ts', 'bench/load-vocabulary': 'scripts/bench/load-vocabulary.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
}
