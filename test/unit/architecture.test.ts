import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

// Invariants of ARCHITECTURE.md that a reader can check by grep, checked here so they stay true.

const srcDir = path.join(__dirname, '..', '..', 'src');

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourcesUnder(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Module specifiers a file imports (import … from, export … from, import(), require()). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) out.push(m[1]);
  return out;
}

test('src/core imports no Node built-in and nothing of VS Code or LSP: it is a pure library', () => {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const offences: string[] = [];
  for (const file of sourcesUnder(path.join(srcDir, 'core'))) {
    for (const specifier of importsOf(file)) {
      const base = specifier.startsWith('node:') ? specifier : specifier.split('/')[0];
      if (builtins.has(base) || builtins.has(specifier) || /^vscode/.test(specifier)) offences.push(`${path.relative(srcDir, file)} imports '${specifier}'`);
    }
  }
  assert.deepEqual(offences, []);
});

test('the adapters do not reach into each other: the CLI, the server and the client share only core, node and protocol code', () => {
  const offences: string[] = [];
  const allowed: Record<string, RegExp> = {
    cli: /^\.\.\/(core|node)\b|^\.\.\/\.\.\/package\.json$/,
    server: /^\.\.\/(core|node)\b/,
    client: /^\.\.\/(core|server\/protocol)\b/,
    node: /^\.\.\/core\b/,
  };
  for (const [folder, pattern] of Object.entries(allowed)) {
    for (const file of sourcesUnder(path.join(srcDir, folder))) {
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('../') && !pattern.test(specifier)) offences.push(`${path.relative(srcDir, file)} imports '${specifier}'`);
      }
    }
  }
  assert.deepEqual(offences, []);
});
