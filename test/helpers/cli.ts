import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Helpers for the tests that run the bundled CLI, dist/cli.js, over the vocabulary in data/. */

export const repoRoot = path.resolve(__dirname, '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

/** The newest modification time of a source file under src/. */
function newestSourceMs(dir = path.join(repoRoot, 'src')): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * Fails unless the bundles exist and are newer than every source file. `npm run test:slow`
 * bundles once before these tests, so a test file does not bundle again; run alone after an
 * edit, it says so instead of testing the old bundle.
 */
export function assertBundled(...bundles: string[]): void {
  const sources = newestSourceMs();
  for (const bundle of bundles) {
    const file = path.join(repoRoot, 'dist', bundle);
    const built = fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
    if (built < sources) throw new Error(`dist/${bundle} is ${built < 0 ? 'missing' : 'older than src/'}: run node scripts/bundle.mjs`);
  }
}

export function makeTempDir(prefix = 'biolens-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

export interface RunOptions {
  /** Run as this user and group (the tests run as root, where permissions stop nothing). */
  readonly uid?: number;
  readonly gid?: number;
}

/**
 * Runs dist/cli.js and waits for it. A run that hangs (a FIFO read without a writer, /dev/zero
 * read to the end) is killed after two minutes and fails its test instead of hanging the suite.
 */
export function runBiolens(args: readonly string[], cwd = repoRoot, options: RunOptions = {}): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 120_000,
    ...options,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  return result;
}

/** Makes a FIFO with mkfifo(1); Node has no call for it. */
export function makeFifo(file: string): void {
  const made = spawnSync('mkfifo', [file], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`mkfifo ${file} failed: ${made.stderr}`);
}
