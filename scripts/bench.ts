/**
 * Performance figures of the language service, the CLI and the bundled language server, on
 * generated notes of 100 KB, 1 MB and 10 MB and, with --corpus, on notes of the same sizes made
 * of real abstracts and sentences (scripts/bench/corpusNotes.ts), side by side and beside their
 * targets; and a CPU profile summary of the 1 MB real note. It never fails on time: machines
 * differ, and a benchmark that asserts becomes a flaky test. Run through `npm run bench` (which
 * builds the CLI and the server and passes --expose-gc so that memory figures are taken after a
 * collection).
 *
 *   npm run bench [-- options]                       (bundled, as the CLI and the server ship)
 *   node --expose-gc --import tsx scripts/bench.ts … (from source; the server is still dist/server.js)
 *
 * Options:
 *   --corpus DIR             the corpora folder (../shared/data/corpora): real-prose notes too
 *   --cspell PATH            cspell to compare `biolens check` with (or BIOLENS_BENCH_CSPELL);
 *                            it is no dependency: install it outside the project, e.g.
 *                            npm install --prefix /tmp/cspell-bench cspell@9 @cspell/dict-medicalterms
 *                            and pass --cspell /tmp/cspell-bench/node_modules/.bin/cspell
 *   --sizes 100KB,1MB,10MB   note sizes of the engine and CLI figures
 *   --seed N                 seed of the generated notes and edits
 *   --only engine|server     just the engine, profile, CLI and cspell figures, or just the language-server ones
 *   --server-runs N          runs of each language-server figure, each in a fresh server (default 3)
 *   --edits N                edits of the rapid-edit figure (default 1000)
 *   --edit-note-size 1MB     the note the rapid edits go to (default 1 MB)
 *   --hover-note-size 10MB   the large note analysed while another one is hovered (default 10 MB)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLanguageService } from '../src/core/index';
import { neverCancelled } from '../src/core/types';
import { loadVocabulary } from '../src/node/vocabulary';
import { loadTagger } from '../src/node/tagger';
import { benchCommands, findCspell } from './bench/commands';
import { corpusNote, missingCorpusFiles, readCorpus } from './bench/corpusNotes';
import {
  KB,
  MB,
  measureNote,
  measureVocabularyLoad,
  PeakMemory,
  printLanguageService,
  printVocabularyLoad,
  sizeLabel,
  type BenchNote,
  type SizeFigures,
} from './bench/engine';
import { generateNote } from './bench/generate';
import { cpuProfile, printProfile } from './bench/profile';
import { benchServer } from './bench/server';
import { benchServerLatency } from './bench/serverLatency';
import { formatBytes, formatTable } from './bench/stats';

const repoRoot = path.resolve(__dirname, '..');
const dataDir = path.join(repoRoot, 'data');
const cliPath = path.join(repoRoot, 'dist', 'cli.js');

type Section = 'engine' | 'server';

interface Options {
  corpus?: string;
  cspell?: string;
  sizes: number[];
  seed: number;
  sections: Set<Section>;
  serverRuns: number;
  edits: number;
  editNoteSize: number;
  hoverNoteSize: number;
}

const usage =
  'usage: bench.ts [--corpus DIR] [--cspell PATH] [--sizes 100KB,1MB,10MB] [--seed N] [--only engine|server] [--server-runs N] [--edits N] [--edit-note-size 1MB] [--hover-note-size 10MB]';

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
    if (argv[i] === '--corpus' && argv[i + 1]) options.corpus = path.resolve(argv[++i]);
    else if (argv[i] === '--cspell' && argv[i + 1]) options.cspell = path.resolve(argv[++i]);
    else if (argv[i] === '--sizes' && argv[i + 1]) options.sizes = argv[++i].split(',').map(parseSize);
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

/** The benchmark's notes: generated ones always, real-prose ones when the corpus is there. */
interface Notes {
  generated: BenchNote[];
  real: BenchNote[];
}

function writeNotes(options: Options, workDir: string): Notes {
  const write = (kind: string, size: number, text: string): BenchNote => {
    const file = path.join(workDir, `${kind}-${sizeLabel(size).replace(' ', '')}.md`);
    writeFileSync(file, text);
    return { size, text, file };
  };
  const generated = options.sizes.map((size) => write('generated', size, generateNote({ size, seed: options.seed })));
  if (!options.corpus) {
    console.log('real prose: no --corpus given, so generated notes only (npm run bench -- --corpus ../shared/data/corpora)');
    return { generated, real: [] };
  }
  const missing = missingCorpusFiles(options.corpus);
  if (missing.length > 0) {
    console.log(`real prose: ${options.corpus} lacks ${missing.join(', ')}, so generated notes only`);
    return { generated, real: [] };
  }
  const corpus = readCorpus(options.corpus);
  console.log(`real prose: ${corpus.abstracts.length} BC5CDR abstracts and ${corpus.sentences.length} BC2GM sentences from ${options.corpus}`);
  return { generated, real: options.sizes.map((size) => write('real', size, corpusNote(corpus, size, options.seed))) };
}

/** Vocabulary load, the language service in this process (with a profile of the 1 MB real note), the CLI and cspell. */
async function benchEngine(options: Options, notes: Notes, workDir: string): Promise<void> {
  const memory = new PeakMemory();
  try {
    printVocabularyLoad(measureVocabularyLoad(dataDir, repoRoot, 5));
    const vocabulary = loadVocabulary(dataDir);
    const { tagger, note: taggerNote } = loadTagger(dataDir);
    if (taggerNote) console.log(`\n${taggerNote}`);
    const measure = async (list: readonly BenchNote[]) => {
      const figures: SizeFigures[] = [];
      for (const note of list) figures.push(await measureNote(vocabulary, tagger, note, options.seed, memory));
      return figures;
    };
    printLanguageService(await measure(notes.generated), await measure(notes.real));

    const profiled = notes.real.find((note) => note.size === MB) ?? notes.generated.find((note) => note.size === MB);
    if (profiled) {
      const service = createLanguageService({ vocabulary, tagger });
      const document = { uri: `file://${profiled.file}`, version: 1, text: profiled.text };
      const kind = notes.real.includes(profiled) ? 'real prose' : 'generated';
      printProfile(`Cold analysis of the 1 MB ${kind} note`, await cpuProfile(() => service.analyze(document, neverCancelled)), repoRoot);
      const edited = {
        ...document,
        version: 2,
        // Joined into a flat string, as the hosts give it (see editedInTheMiddle).
        text: [document.text.slice(0, document.text.length >> 1), 'x', document.text.slice(document.text.length >> 1)].join(''),
      };
      printProfile(`Re-analysis of it after a 1-char edit`, await cpuProfile(() => service.analyze(edited, neverCancelled)), repoRoot);
    }

    benchCommands({ cliPath, workDir, repoRoot, cspell: findCspell(repoRoot, options.cspell), generated: notes.generated, real: notes.real });
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

/** The language-server figures, through dist/server.js: latency with the debounce off, then the editor-like load. */
async function benchBundledServer(options: Options, notes: Notes, workDir: string): Promise<void> {
  const oneMb = [...notes.generated, ...notes.real].filter((note) => note.size === MB);
  const label = (note: BenchNote) => `${notes.real.includes(note) ? 'real prose' : 'generated'} ${sizeLabel(note.size)}`;
  if (oneMb.length > 0) {
    await benchServerLatency({
      repoRoot,
      workDir,
      seed: options.seed,
      runs: options.serverRuns,
      editsPerRun: 10,
      notes: oneMb.map((note) => ({ label: label(note), text: note.text })),
      timeoutMs: 180_000,
    });
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
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'biolens-bench-'));
  try {
    console.log(`biolens benchmark: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown cpu'}, seed ${options.seed}`);
    const notes = writeNotes(options, workDir);
    if (options.sections.has('engine')) {
      if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for memory figures taken after a collection)');
      await benchEngine(options, notes, workDir);
    }
    // Last, so that its notes and child processes do not count in this process's memory figures.
    if (options.sections.has('server')) await benchBundledServer(options, notes, workDir);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
