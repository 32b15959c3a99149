/**
 * Soak run of the bundled language server (dist/server.js over stdio, started as VS Code starts
 * it): opens a few notes (one of about 1 MB) and for the given minutes drives the server with a
 * steady mix of edits, hovers, code actions, semantic tokens, document symbols, short pauses and
 * an occasional close and reopen. It prints the server's resident set once a minute and at the
 * end its growth after the first minute against the target. Like the benchmark it never fails on
 * a figure; it exits 1 only when the server itself dies. Only stdio: no network.
 *
 *   npm run soak [-- options]            (bundles the server and this script, then runs dist/soak.js)
 *   npx tsx scripts/soak.ts [options]    (from source; the server is still dist/server.js)
 *
 * Options:
 *   --minutes M    how long to drive the server (default 10; fractions such as 0.5 are fine)
 *   --rate N       at most N actions per second (default 200); requests are awaited one at a
 *                  time as well, so a slow server slows the driver down instead of being flooded
 *   --seed N       seed of the generated notes and of the mix
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EditableNote } from './bench/edits';
import { generateNote, SeededRandom } from './bench/generate';
import {
  codeActionRequest,
  debounceDescription,
  delay,
  documentSymbolRequest,
  hoverRequest,
  noteUri,
  processMemory,
  semanticTokensRequest,
  startBundledServer,
  stopServer,
  withTimeout,
  type TestClient,
} from './bench/lsp';
import { againstTarget, formatBytes, formatMs, formatTable, median, quantile } from './bench/stats';

const repoRoot = path.resolve(__dirname, '..');
const serverPath = path.join(repoRoot, 'dist', 'server.js');

const KB = 1024;
const MB = 1024 * 1024;

/** RSS growth allowed after the first minute, in per cent. */
const rssGrowthTargetPercent = 20;
/** A request that takes longer than this is counted as timed out, and the soak goes on. */
const requestTimeoutMs = 60_000;
/** A close and reopen of one note about this often. */
const reopenEveryMs = 30_000;
/** A writer's pause: long enough for the server's debounce to run out and publish diagnostics. */
const pauseMs = 300;

interface Options {
  minutes: number;
  rate: number;
  seed: number;
}

const usage = 'usage: soak.ts [--minutes 10] [--rate 200] [--seed N]';

function parsePositive(text: string | undefined, flag: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${flag} takes a number > 0, not '${text}'; ${usage}`);
  return value;
}

function parseArguments(argv: readonly string[]): Options {
  const options: Options = { minutes: 10, rate: 200, seed: 20260611 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--minutes') options.minutes = parsePositive(argv[++i], '--minutes');
    else if (argv[i] === '--rate') options.rate = parsePositive(argv[++i], '--rate');
    else if (argv[i] === '--seed') options.seed = parsePositive(argv[++i], '--seed');
    else throw new Error(`unexpected argument '${argv[i]}'; ${usage}`);
  }
  return options;
}

// --- the mix ----------------------------------------------------------------------------------

type ActionKind = 'edit' | 'hover' | 'codeAction' | 'semanticTokens' | 'documentSymbol' | 'pause' | 'reopen';

/** Relative weights of the steady mix (reopen is time-driven instead, see reopenEveryMs). */
const weights: readonly [ActionKind, number][] = [
  ['edit', 45],
  ['hover', 25],
  ['codeAction', 10],
  ['semanticTokens', 10],
  ['documentSymbol', 8],
  ['pause', 2],
];

function pickWeighted(random: SeededRandom): ActionKind {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [kind, weight] of weights) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return weights[0][0];
}

/** Per kind of action: how many, how long the awaited ones took, and how many failed or timed out. */
class ActionStats {
  private readonly byKind = new Map<ActionKind, { count: number; ms: number[]; failed: number }>();

  record(kind: ActionKind, ms: number | undefined, failed = false): void {
    let entry = this.byKind.get(kind);
    if (!entry) this.byKind.set(kind, (entry = { count: 0, ms: [], failed: 0 }));
    entry.count++;
    if (ms !== undefined) entry.ms.push(ms);
    if (failed) entry.failed++;
  }

  get total(): number {
    return [...this.byKind.values()].reduce((sum, entry) => sum + entry.count, 0);
  }

  rows(): string[][] {
    const order: readonly ActionKind[] = [...weights.map(([kind]) => kind), 'reopen'];
    const entries = [...this.byKind.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
    return entries.map(([kind, { count, ms, failed }]) => [
      kind,
      String(count),
      ms.length ? formatMs(median(ms)) : '',
      ms.length ? formatMs(quantile(ms, 0.95)) : '',
      ms.length ? formatMs(Math.max(...ms)) : '',
      failed ? `${failed} failed or timed out` : '',
    ]);
  }
}

/** The notes the soak edits: one of about 1 MB, as the issue asks, and two shorter ones. */
function makeNotes(folder: string, seed: number): EditableNote[] {
  return [
    { name: 'soak-1MB.md', size: MB },
    { name: 'soak-100KB.md', size: 100 * KB },
    { name: 'soak-10KB.md', size: 10 * KB },
  ].map(({ name, size }, index) => new EditableNote(noteUri(folder, name), generateNote({ size, seed: seed + index })));
}

async function openNote(client: TestClient, note: EditableNote): Promise<void> {
  // By version: on a reopen, the empty publish that answers the close (it has none) must not count.
  const version = note.version;
  const published = client.diagnostics(note.uri, (p) => p.version === version, requestTimeoutMs);
  await client.connection.sendNotification('textDocument/didOpen', note.didOpen());
  await published;
}

/** Closes a note and opens it again, as an editor does with a fresh model: the version starts over at 1. */
async function reopenNote(client: TestClient, note: EditableNote): Promise<void> {
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: note.uri } });
  note.version = 1;
  await openNote(client, note);
}

/** Runs one action; requests are awaited (with a timeout), edits are notifications and are not. */
async function perform(kind: ActionKind, client: TestClient, note: EditableNote, random: SeededRandom): Promise<void> {
  switch (kind) {
    case 'edit':
      return client.connection.sendNotification('textDocument/didChange', note.randomEdit(random));
    case 'hover':
      await hoverRequest(client, note.uri, note.randomLetter(random));
      return;
    case 'codeAction':
      await codeActionRequest(client, note.uri, note.randomLetter(random));
      return;
    case 'semanticTokens':
      await semanticTokensRequest(client, note.uri);
      return;
    case 'documentSymbol':
      await documentSymbolRequest(client, note.uri);
      return;
    case 'pause':
      return delay(pauseMs);
    case 'reopen':
      return reopenNote(client, note);
  }
}

// --- memory -----------------------------------------------------------------------------------

interface MemorySample {
  atMs: number;
  rss: number;
  peak?: number;
}

const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;

function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(1)} %` : 'n/a';
}

function sampleLine(sample: MemorySample, label: string, actions: number, publishes: number): string {
  const peak = sample.peak === undefined ? '' : ` (peak ${formatBytes(sample.peak)})`;
  return `  ${label.padEnd(6)} server RSS ${formatBytes(sample.rss)}${peak}; ${actions} actions, ${publishes} publishes so far`;
}

/**
 * The growth figure: from the sample at the end of the first minute (the caches and the JIT have
 * settled by then) to the last one. A run too short to leave at least 30 s after that sample
 * measures from the start instead, and says so.
 */
function rssGrowth(samples: readonly MemorySample[]): { percent: number; from: string } {
  const last = samples[samples.length - 1];
  const firstMinute = samples.find((s) => s.atMs >= 60_000 && last.atMs - s.atMs >= 30_000);
  const base = firstMinute ?? samples[0];
  return {
    percent: (last.rss / base.rss - 1) * 100,
    from: firstMinute ? 'after the first minute' : 'from the start (run too short for a first-minute baseline)',
  };
}

// --- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (!existsSync(serverPath)) throw new Error(`${path.relative(repoRoot, serverPath)} is missing; run npm run build`);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'biolens-soak-'));
  const client = await startBundledServer(repoRoot, workDir);
  const pid = client.child.pid!;
  let serverExit: string | undefined;
  client.child.once('exit', (code, signal) => (serverExit = `the server exited (${signal ?? `code ${code}`})`));
  let publishes = 0;
  client.onPublish(() => publishes++);
  const stats = new ActionStats();
  const samples: MemorySample[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    console.log(`biolens soak: node ${process.version}, server pid ${pid}, ${options.minutes} min, at most ${options.rate} actions/s, seed ${options.seed}`);
    console.log(`  debounce: ${debounceDescription}`);
    const random = new SeededRandom(options.seed);
    const notes = makeNotes(workDir, options.seed);
    for (const note of notes) await openNote(client, note);
    console.log(`  opened ${notes.length} notes (${notes.map((n) => formatBytes(n.text.length)).join(', ')}) and got their diagnostics`);

    const started = performance.now();
    const take = (): MemorySample => ({ atMs: performance.now() - started, ...processMemory(pid) });
    samples.push(take());
    console.log(sampleLine(samples[0], 'start', 0, publishes));
    // On a timer rather than in the loop, so that a stuck request cannot delay the figure.
    sampler = setInterval(() => {
      if (serverExit) return;
      const sample = take();
      samples.push(sample);
      console.log(sampleLine(sample, clock(sample.atMs), stats.total, publishes));
    }, 60_000);

    const endAt = started + options.minutes * 60_000;
    const minimumGapMs = 1000 / options.rate;
    let nextReopenAt = started + reopenEveryMs;
    while (performance.now() < endAt && !serverExit) {
      const actionStarted = performance.now();
      const kind: ActionKind = actionStarted >= nextReopenAt ? 'reopen' : pickWeighted(random);
      if (kind === 'reopen') nextReopenAt = actionStarted + reopenEveryMs;
      const note = random.pick(notes);
      try {
        await withTimeout(perform(kind, client, note, random), requestTimeoutMs, `${kind} timed out`);
        stats.record(kind, kind === 'edit' || kind === 'pause' ? undefined : performance.now() - actionStarted);
      } catch {
        stats.record(kind, undefined, true);
      }
      // The driver keeps no history of publishes: a 1 MB note's would pile up over the minutes.
      client.forgetPublished();
      const rest = minimumGapMs - (performance.now() - actionStarted);
      if (rest > 0) await delay(rest);
    }
    clearInterval(sampler);

    if (!serverExit) {
      const last = take();
      samples.push(last);
      console.log(sampleLine(last, 'end', stats.total, publishes));
    }
    printSummary(samples, stats, serverExit);
    if (serverExit) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    if (!serverExit) await stopServer(client);
    rmSync(workDir, { recursive: true, force: true });
  }
}

function printSummary(samples: readonly MemorySample[], stats: ActionStats, serverExit: string | undefined): void {
  console.log('\nActions (awaited ones: time to the response)');
  console.log(formatTable(['action', 'count', 'median', 'p95', 'max', 'outcome'], stats.rows()));
  console.log('\nServer memory');
  if (serverExit) {
    console.log(`  FAILED: ${serverExit} before the end of the soak`);
    return;
  }
  const growth = rssGrowth(samples);
  const rows = [
    ...samples.map((s, i) => [
      i === 0 ? 'RSS at the start' : i === samples.length - 1 ? `RSS at the end (${clock(s.atMs)})` : `RSS at ${clock(s.atMs)}`,
      formatBytes(s.rss),
      '',
    ]),
    [`RSS growth ${growth.from}`, formatPercent(growth.percent), againstTarget(growth.percent, rssGrowthTargetPercent, formatPercent)],
  ];
  const peak = samples[samples.length - 1].peak;
  if (peak !== undefined) rows.push(['peak RSS (VmHWM)', formatBytes(peak), '']);
  console.log(formatTable(['figure', 'value', 'verdict'], rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
