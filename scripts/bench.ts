/**
 * Performance figures of the language service and the CLI on generated notes of 100 KB, 1 MB
 * and 10 MB, and of the bundled language server (dist/server.js over stdio, see
 * scripts/bench/server.ts), printed beside their targets. It never fails on time: machines
 * differ, and a benchmark that asserts becomes a flaky test. Run through `npm run bench` (which
 * builds the CLI and the server and passes --expose-gc so that memory figures are taken after a
 * collection).
 *
 *   npm run bench [-- options]                       (bundled, as the CLI and the server ship)
 *   node --expose-gc --import tsx scripts/bench.ts … (from source; the server is still dist/server.js)
 *
 * Options:
 *   --sizes 100KB,1MB,10MB   note sizes of the engine and CLI figures
 *   --seed N                 seed of the generated notes and edits
 *   --only engine|server     just the engine, CLI and cspell figures, or just the language-server ones
 *   --server-runs N          runs of each language-server figure, each in a fresh server (default 3)
 *   --edits N                edits of the rapid-edit figure (default 1000)
 *   --edit-note-size 1MB     the note the rapid edits go to (default 1 MB)
 *   --hover-note-size 10MB   the large note analysed while another one is hovered (default 10 MB)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLanguageService, type LanguageService, type TextDocumentInput } from '../src/core/index';
import { loadVocabulary } from '../src/node/vocabulary';
import { loadTagger } from '../src/node/tagger';
import type { Tagger } from '../src/core/tagger/tagger';
import { generateNote, SeededRandom } from './bench/generate';
import type { VocabularyLoadFigures } from './bench/load-vocabulary';
import { benchServer } from './bench/server';
import { againstTarget, formatBytes, formatMs, formatTable, median, quantile, timed } from './bench/stats';
import { neverCancelled } from '../src/core/types';

const repoRoot = path.resolve(__dirname, '..');
const dataDir = path.join(repoRoot, 'data');
const cliPath = path.join(repoRoot, 'dist', 'cli.js');
const serverPath = path.join(repoRoot, 'dist', 'server.js');

const KB = 1024;
const MB = 1024 * 1024;

const targets = {
  coldMs: new Map([
    [MB, 300],
    [10 * MB, 3000],
  ]),
  editMs: new Map([[MB, 30]]),
  hoverMs: 5,
  vocabularyLoadMs: 250,
  vocabularyBytes: 80 * MB,
  taggerLoadMs: 60,
  /** The tagger's share of a cold analysis (issue 12). */
  taggerShare: 0.2,
};

/** Repetitions per size: enough for a stable median, few enough that 10 MB stays bearable. */
function repetitions(size: number): { cold: number; edits: number } {
  if (size <= 100 * KB) return { cold: 7, edits: 21 };
  if (size <= MB) return { cold: 5, edits: 11 };
  return { cold: 3, edits: 5 };
}

type Section = 'engine' | 'server';

interface Options {
  sizes: number[];
  seed: number;
  sections: Set<Section>;
  serverRuns: number;
  edits: number;
  editNoteSize: number;
  hoverNoteSize: number;
}

const usage =
  'usage: bench.ts [--sizes 100KB,1MB,10MB] [--seed N] [--only engine|server] [--server-runs N] [--edits N] [--edit-note-size 1MB] [--hover-note-size 10MB]';

function parseCount(text: string | undefined, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a whole number >= 1, not '${text}'; ${usage}`);
  return value;
}

function parseSection(text: string | undefined): Section {
  if (text === 'engine' || text === 'server') return text;
  throw new Error(`--only takes engine or server, not '${text}'; ${usage}`);
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(KB|MB)$/i.exec(text.trim());
  if (!match) throw new Error(`size '${text}' is not like 100KB or 1MB`);
  return Math.round(Number(match[1]) * (match[2].toUpperCase() === 'KB' ? KB : MB));
}

function parseArguments(argv: readonly string[]): Options {
  const options: Options = {
    sizes: [100 * KB, MB, 10 * MB],
    seed: 20260611,
    sections: new Set<Section>(['engine', 'server']),
    serverRuns: 3,
    edits: 1000,
    editNoteSize: MB,
    hoverNoteSize: 10 * MB,
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes' && argv[i + 1]) options.sizes = argv[++i].split(',').map(parseSize);
    else if (argv[i] === '--seed' && argv[i + 1]) options.seed = Number(argv[++i]);
    else if (argv[i] === '--only') options.sections = new Set([parseSection(argv[++i])]);
    else if (argv[i] === '--server-runs') options.serverRuns = parseCount(argv[++i], '--server-runs');
    else if (argv[i] === '--edits') options.edits = parseCount(argv[++i], '--edits');
    else if (argv[i] === '--edit-note-size' && argv[i + 1]) options.editNoteSize = parseSize(argv[++i]);
    else if (argv[i] === '--hover-note-size' && argv[i + 1]) options.hoverNoteSize = parseSize(argv[++i]);
    else throw new Error(`unexpected argument '${argv[i]}'; ${usage}`);
  }
  return options;
}

const sizeLabel = (size: number) => (size >= MB ? `${+(size / MB).toFixed(1)} MB` : `${Math.round(size / KB)} KB`);

/** Tracks the largest resident set seen, sampled between steps and on a timer. */
class PeakMemory {
  rss = process.memoryUsage().rss;
  private readonly timer = setInterval(() => this.sample(), 10);

  constructor() {
    this.timer.unref();
  }

  sample(): void {
    this.rss = Math.max(this.rss, process.memoryUsage().rss);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

// ---------------------------------------------------------------------------------------------

function measureVocabularyLoad(runs: number): { figures: VocabularyLoadFigures[]; error?: string } {
  const figures: VocabularyLoadFigures[] = [];
  for (let run = 0; run < runs; run++) {
    const child = spawnSync(
      process.execPath,
      // Bundled (npm run bench) the child is plain JS; run from source it goes through tsx.
      __filename.endsWith('.js')
        ? ['--expose-gc', path.join(__dirname, 'bench', 'load-vocabulary.js'), dataDir]
        : ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'bench', 'load-vocabulary.ts'), dataDir],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    if (child.status !== 0) return { figures, error: (child.stderr || child.error?.message || `exit ${child.status}`).trim() };
    figures.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as VocabularyLoadFigures);
  }
  return { figures };
}

interface SizeFigures {
  size: number;
  bytes: number;
  entities: number;
  findings: number;
  coldMs: number[];
  /** Cold analyses with the vocabulary alone (notes up to 1 MB): the tagger's cost is the difference. */
  coldWithoutTaggerMs: number[];
  editMs: number[];
  hoverMs: number[];
  hoverMisses: number;
}

/** A copy of the document with one character inserted in (or, every other time, removed from) the middle. */
function editedInTheMiddle(document: TextDocumentInput, editNumber: number, originalLength: number): TextDocumentInput {
  const middle = Math.floor(originalLength / 2);
  const text =
    editNumber % 2 === 1
      ? document.text.slice(0, middle) + 'x' + document.text.slice(middle)
      : document.text.slice(0, middle) + document.text.slice(middle + 1);
  return { uri: document.uri, version: document.version + 1, text };
}

async function measureSize(
  vocabulary: ReturnType<typeof loadVocabulary>,
  tagger: Tagger | undefined,
  size: number,
  text: string,
  seed: number,
  memory: PeakMemory,
): Promise<SizeFigures> {
  const runs = repetitions(size);
  const uri = `file:///bench/note-${sizeLabel(size).replace(' ', '')}.md`;
  let document: TextDocumentInput = { uri, version: 1, text };
  const coldMs: number[] = [];
  let service: LanguageService | undefined;
  let entities = 0;
  let findings = 0;
  for (let run = 0; run < runs.cold; run++) {
    collectGarbage();
    service = createLanguageService({ vocabulary, tagger });
    const fresh = service;
    const { ms, value } = await timed(() => fresh.analyze(document, neverCancelled));
    coldMs.push(ms);
    entities = value.entities.length;
    findings = value.findings.length;
    memory.sample();
  }
  const coldWithoutTaggerMs: number[] = [];
  for (let run = 0; tagger && size <= MB && run < runs.cold; run++) {
    collectGarbage();
    const plain = createLanguageService({ vocabulary });
    coldWithoutTaggerMs.push((await timed(() => plain.analyze(document, neverCancelled))).ms);
  }
  const editMs: number[] = [];
  for (let edit = 1; edit <= runs.edits; edit++) {
    document = editedInTheMiddle(document, edit, text.length);
    const current = document;
    const { ms } = await timed(() => service!.analyze(current, neverCancelled));
    editMs.push(ms);
    memory.sample();
  }
  const analysis = await service!.analyze(document, neverCancelled);
  const random = new SeededRandom(seed + size);
  const hoverMs: number[] = [];
  let hoverMisses = 0;
  if (analysis.entities.length > 0) {
    for (let i = 0; i < 1000; i++) {
      const entity = random.pick(analysis.entities);
      const offset = entity.start + Math.floor(random.next() * (entity.end - entity.start));
      const { ms, value } = await timed(() => service!.hover(document, offset, neverCancelled));
      hoverMs.push(ms);
      if (value === undefined) hoverMisses++;
    }
  }
  memory.sample();
  return { size, bytes: Buffer.byteLength(text), entities, findings, coldMs, coldWithoutTaggerMs, editMs, hoverMs, hoverMisses };
}

function timeCommand(command: string, args: readonly string[], cwd: string, runs: number): { ms: number[]; status: number | null; stderr: string } {
  const ms: number[] = [];
  let status: number | null = null;
  let stderr = '';
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const child = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * MB });
    ms.push(performance.now() - started);
    status = child.status;
    stderr = child.stderr ?? child.error?.message ?? '';
  }
  return { ms, status, stderr };
}

/**
 * The cspell executable, if a developer has one: BIOLENS_BENCH_CSPELL, this project's
 * node_modules or PATH. It is not a dependency: looking it up locally keeps npx from asking the
 * registry for it.
 */
function findCspell(): string | undefined {
  const given = process.env.BIOLENS_BENCH_CSPELL;
  if (given) return existsSync(given) ? given : undefined;
  const names = process.platform === 'win32' ? ['cspell.cmd', 'cspell.exe'] : ['cspell'];
  const folders = [path.join(repoRoot, 'node_modules', '.bin'), ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const folder of folders) {
    for (const name of names) {
      const candidate = path.join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/** Vocabulary load, the language service in this process, the CLI, cspell, and this process's memory. */
async function benchEngine(options: Options, workDir: string): Promise<void> {
  const memory = new PeakMemory();
  try {
    const notes = options.sizes.map((size) => {
      const text = generateNote({ size, seed: options.seed });
      const file = path.join(workDir, `note-${sizeLabel(size).replace(' ', '')}.md`);
      writeFileSync(file, text);
      return { size, text, file };
    });

    // Vocabulary, cold, in fresh processes.
    const load = measureVocabularyLoad(5);
    console.log('\nVocabulary load (fresh process each run, median of ' + load.figures.length + ')');
    if (load.error) console.log(`  failed: ${load.error}`);
    if (load.figures.length > 0) {
      const pick = (key: keyof VocabularyLoadFigures) => median(load.figures.map((figure) => figure[key]));
      console.log(
        formatTable(
          ['figure', 'value', 'verdict'],
          [
            ['load time', formatMs(pick('loadMs')), againstTarget(pick('loadMs'), targets.vocabularyLoadMs, formatMs)],
            ['tagger models load time', formatMs(pick('taggerLoadMs')), againstTarget(pick('taggerLoadMs'), targets.taggerLoadMs, formatMs)],
            [
              'retained memory (heap + buffers)',
              formatBytes(pick('retainedBytes')),
              againstTarget(pick('retainedBytes'), targets.vocabularyBytes, formatBytes),
            ],
            ['RSS growth', formatBytes(pick('rssDeltaBytes')), ''],
            ['first analyze of a short note', formatMs(pick('firstAnalyzeMs')), ''],
            ['child process peak RSS', formatBytes(pick('peakRssBytes')), ''],
          ],
        ),
      );
    }

    // The language service, in this process.
    const vocabulary = loadVocabulary(dataDir);
    const { tagger, note: taggerNote } = loadTagger(dataDir);
    if (taggerNote) console.log(`\n${taggerNote}`);
    const sizeFigures: SizeFigures[] = [];
    for (const note of notes) {
      sizeFigures.push(await measureSize(vocabulary, tagger, note.size, note.text, options.seed, memory));
    }
    console.log('\nLanguage service (median; min-max over the runs)');
    const rows: string[][] = [];
    const spread = (samples: readonly number[]) => (samples.length === 0 ? '' : `${formatMs(Math.min(...samples))} - ${formatMs(Math.max(...samples))}`);
    for (const figures of sizeFigures) {
      const label = `${sizeLabel(figures.size)} (${formatBytes(figures.bytes)}, ${figures.entities} entities, ${figures.findings} findings)`;
      rows.push([
        label,
        `analyze cold x${figures.coldMs.length}`,
        formatMs(median(figures.coldMs)),
        spread(figures.coldMs),
        againstTarget(median(figures.coldMs), targets.coldMs.get(figures.size), formatMs),
      ]);
      if (figures.coldWithoutTaggerMs.length > 0) {
        const withTagger = median(figures.coldMs);
        const without = median(figures.coldWithoutTaggerMs);
        const share = Math.max(0, withTagger - without) / withTagger;
        rows.push(['', `analyze cold, vocabulary alone x${figures.coldWithoutTaggerMs.length}`, formatMs(without), spread(figures.coldWithoutTaggerMs), '']);
        rows.push([
          '',
          'tagger share of cold analyze',
          `${(100 * share).toFixed(0)}%`,
          '',
          againstTarget(share, targets.taggerShare, (v) => `${(100 * v).toFixed(0)}%`),
        ]);
      }
      rows.push([
        '',
        `analyze after 1-char edit x${figures.editMs.length}`,
        formatMs(median(figures.editMs)),
        spread(figures.editMs),
        againstTarget(median(figures.editMs), targets.editMs.get(figures.size), formatMs),
      ]);
      if (figures.hoverMs.length === 0) rows.push(['', 'hover', 'n/a', 'no entities to hover', '']);
      else {
        const misses = figures.hoverMisses > 0 ? `, ${figures.hoverMisses} without a card` : '';
        rows.push([
          '',
          `hover median x${figures.hoverMs.length}${misses}`,
          formatMs(median(figures.hoverMs)),
          spread(figures.hoverMs),
          againstTarget(median(figures.hoverMs), targets.hoverMs, formatMs),
        ]);
        rows.push(['', 'hover p95', formatMs(quantile(figures.hoverMs, 0.95)), '', againstTarget(quantile(figures.hoverMs, 0.95), targets.hoverMs, formatMs)]);
      }
    }
    console.log(formatTable(['note', 'measure', 'median', 'min - max', 'verdict'], rows, 2));

    // The CLI, as a user starts it.
    console.log('\nCLI start-up (node dist/cli.js check <file>, wall time, median of 5)');
    if (!existsSync(cliPath)) console.log(`  skipped: ${path.relative(repoRoot, cliPath)} is missing; run npm run build`);
    else {
      const empty = path.join(workDir, 'empty.md');
      writeFileSync(empty, '');
      const cliNotes: { label: string; file: string }[] = [{ label: 'empty file', file: empty }];
      const oneMb = notes.find((note) => note.size === MB);
      if (oneMb) cliNotes.push({ label: '1 MB note', file: oneMb.file });
      const cliRows = cliNotes.map(({ label, file }) => {
        const result = timeCommand(process.execPath, [cliPath, 'check', file], workDir, 5);
        // Exit 1 only means something was flagged; 2 or a signal means the CLI itself failed.
        const failed = result.status === null || result.status > 1;
        return [
          label,
          formatMs(median(result.ms)),
          spread(result.ms),
          failed ? `FAILED (exit ${result.status}): ${result.stderr.trim().split('\n')[0]}` : `exit ${result.status}`,
        ];
      });
      console.log(formatTable(['input', 'median', 'min - max', 'outcome'], cliRows));
    }

    // cspell on the same notes, for scale.
    console.log('\ncspell comparison');
    const cspell = findCspell();
    if (!cspell) console.log('  skipped: cspell is not installed (it is not a dependency of biolens)');
    else {
      // With its medical dictionary when that is installed beside cspell, as a writer would use it.
      const medical = path.join(path.dirname(path.dirname(cspell)), '@cspell', 'dict-medicalterms', 'cspell-ext.json');
      const config = path.join(workDir, 'cspell.json');
      writeFileSync(config, JSON.stringify({ version: '0.2', language: 'en', import: existsSync(medical) ? [medical] : [] }));
      console.log(`  ${existsSync(medical) ? 'with' : 'without'} @cspell/dict-medicalterms`);
      const empty = path.join(workDir, 'empty.md');
      writeFileSync(empty, '');
      const inputs = [{ label: 'empty file', file: empty }, ...notes.map((note) => ({ label: sizeLabel(note.size), file: note.file, size: note.size }))];
      const cspellRows = inputs.map((input) => {
        const result = timeCommand(
          cspell,
          ['--no-progress', '--no-summary', '--config', config, input.file],
          workDir,
          'size' in input && input.size! >= 10 * MB ? 1 : 3,
        );
        // cspell exits 1 when it reports unknown words, which these notes always have.
        const failed = result.status === null || result.status > 1;
        return [input.label, formatMs(median(result.ms)), failed ? `FAILED (exit ${result.status})` : `exit ${result.status}`];
      });
      console.log(formatTable(['note', `${path.basename(cspell)} (median)`, 'outcome'], cspellRows));
    }

    memory.stop();
    console.log('\nMemory of this process');
    console.log(
      formatTable(
        ['figure', 'value'],
        [
          ['peak RSS (sampled memoryUsage().rss)', formatBytes(memory.rss)],
          ['peak RSS (resourceUsage().maxRSS)', formatBytes(process.resourceUsage().maxRSS * 1024)],
        ],
      ),
    );
  } finally {
    memory.stop();
  }
}

/** The language-server figures, through dist/server.js (scripts/bench/server.ts). */
async function benchBundledServer(options: Options, workDir: string): Promise<void> {
  if (!existsSync(serverPath)) {
    console.log(`\nLanguage server: skipped, ${path.relative(repoRoot, serverPath)} is missing; run npm run build`);
    return;
  }
  const note = (size: number) => ({ label: sizeLabel(size), text: generateNote({ size, seed: options.seed }) });
  await benchServer({
    repoRoot,
    workDir,
    seed: options.seed,
    runs: options.serverRuns,
    editNote: note(options.editNoteSize),
    edits: options.edits,
    requestEvery: 10,
    slowNote: note(options.hoverNoteSize),
    hoverIntervalMs: 20,
    timeoutMs: 180_000,
  });
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (!existsSync(dataDir)) throw new Error(`no vocabulary in ${dataDir}; run npm run build:data first`);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'biolens-bench-'));
  try {
    console.log(`biolens benchmark: node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'}, seed ${options.seed}`);
    if (options.sections.has('engine')) {
      if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for memory figures taken after a collection)');
      await benchEngine(options, workDir);
    }
    // Last, so that its notes and child processes do not count in this process's memory figures.
    if (options.sections.has('server')) await benchBundledServer(options, workDir);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
