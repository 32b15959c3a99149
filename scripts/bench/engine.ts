/**
 * The language service's figures in this process: cold analysis, analysis after a
 * one-character edit and hover, per note, for the generated notes and the real-prose notes
 * side by side; and the vocabulary's load figures, from fresh processes.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createLanguageService, type LanguageService, type TextDocumentInput } from '../../src/core/index';
import { neverCancelled } from '../../src/core/types';
import type { loadVocabulary } from '../../src/node/vocabulary';
import type { Tagger } from '../../src/core/tagger/tagger';
import { SeededRandom } from './generate';
import type { VocabularyLoadFigures } from './load-vocabulary';
import { againstTarget, formatBytes, formatMs, formatTable, median, quantile, timed } from './stats';

export const KB = 1024;
export const MB = 1024 * 1024;

export const engineTargets = {
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

export const sizeLabel = (size: number) => (size >= MB ? `${+(size / MB).toFixed(1)} MB` : `${Math.round(size / KB)} KB`);

/** A note the benchmark measures: its nominal size, text, and the file it was written to. */
export interface BenchNote {
  readonly size: number;
  readonly text: string;
  readonly file: string;
}

/** Tracks the largest resident set seen, sampled between steps and on a timer. */
export class PeakMemory {
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

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Repetitions per size: enough for a stable median, few enough that 10 MB stays bearable. */
function repetitions(size: number): { cold: number; edits: number } {
  if (size <= 100 * KB) return { cold: 7, edits: 21 };
  if (size <= MB) return { cold: 5, edits: 11 };
  return { cold: 3, edits: 5 };
}

export function measureVocabularyLoad(dataDir: string, repoRoot: string, runs: number): { figures: VocabularyLoadFigures[]; error?: string } {
  const figures: VocabularyLoadFigures[] = [];
  const bundled = __filename.endsWith('.js');
  for (let run = 0; run < runs; run++) {
    const child = spawnSync(
      process.execPath,
      // Bundled (npm run bench) the child is plain JS; run from source it goes through tsx.
      bundled
        ? ['--expose-gc', path.join(__dirname, 'bench', 'load-vocabulary.js'), dataDir]
        : ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'load-vocabulary.ts'), dataDir],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    if (child.status !== 0) return { figures, error: (child.stderr || child.error?.message || `exit ${child.status}`).trim() };
    figures.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as VocabularyLoadFigures);
  }
  return { figures };
}

export function printVocabularyLoad(load: ReturnType<typeof measureVocabularyLoad>): void {
  console.log('\nVocabulary load (fresh process each run, median of ' + load.figures.length + ')');
  if (load.error) console.log(`  failed: ${load.error}`);
  if (load.figures.length === 0) return;
  const pick = (key: keyof VocabularyLoadFigures) => median(load.figures.map((figure) => figure[key]));
  console.log(
    formatTable(
      ['figure', 'value', 'verdict'],
      [
        ['load time', formatMs(pick('loadMs')), againstTarget(pick('loadMs'), engineTargets.vocabularyLoadMs, formatMs)],
        ['tagger models load time', formatMs(pick('taggerLoadMs')), againstTarget(pick('taggerLoadMs'), engineTargets.taggerLoadMs, formatMs)],
        [
          'retained memory (heap + buffers)',
          formatBytes(pick('retainedBytes')),
          againstTarget(pick('retainedBytes'), engineTargets.vocabularyBytes, formatBytes),
        ],
        ['RSS growth', formatBytes(pick('rssDeltaBytes')), ''],
        ['first analyze of a short note', formatMs(pick('firstAnalyzeMs')), ''],
        ['child process peak RSS', formatBytes(pick('peakRssBytes')), ''],
      ],
    ),
  );
}

export interface SizeFigures {
  size: number;
  bytes: number;
  entities: number;
  findings: number;
  coldMs: number[];
  /** Cold analyses with the vocabulary alone (notes up to 1 MB): the tagger's cost is the difference. */
  coldWithoutTaggerMs: number[];
  editMs: number[];
  /** CPU time of this process (all its threads) over the same analyses: what other processes hardly move. */
  coldCpuMs: number[];
  editCpuMs: number[];
  hoverMs: number[];
  hoverMisses: number;
}

/** A copy of the document with one character inserted in (or, every other time, removed from) the middle. */
function editedInTheMiddle(document: TextDocumentInput, editNumber: number, originalLength: number): TextDocumentInput {
  const middle = Math.floor(originalLength / 2);
  // Joined, not concatenated: the hosts give the engine a flat string (the server joins its
  // ChunkedTextDocument's chunks, the CLI reads a file), while `a + b` makes a rope that the
  // engine's first read would flatten, a copy of the whole note charged to the analysis.
  const text =
    editNumber % 2 === 1
      ? [document.text.slice(0, middle), 'x', document.text.slice(middle)].join('')
      : [document.text.slice(0, middle), document.text.slice(middle + 1)].join('');
  return { uri: document.uri, version: document.version + 1, text };
}

export async function measureNote(
  vocabulary: ReturnType<typeof loadVocabulary>,
  tagger: Tagger | undefined,
  note: BenchNote,
  seed: number,
  memory: PeakMemory,
): Promise<SizeFigures> {
  const runs = repetitions(note.size);
  let document: TextDocumentInput = { uri: `file://${note.file}`, version: 1, text: note.text };
  const coldMs: number[] = [];
  const coldCpuMs: number[] = [];
  let service: LanguageService | undefined;
  let entities = 0;
  let findings = 0;
  for (let run = 0; run < runs.cold; run++) {
    collectGarbage();
    service = createLanguageService({ vocabulary, tagger });
    const fresh = service;
    const cpuBefore = cpuMs();
    const { ms, value } = await timed(() => fresh.analyze(document, neverCancelled));
    coldCpuMs.push(cpuMs() - cpuBefore);
    coldMs.push(ms);
    entities = value.entities.length;
    findings = value.findings.length;
    memory.sample();
  }
  const coldWithoutTaggerMs: number[] = [];
  for (let run = 0; tagger && note.size <= MB && run < runs.cold; run++) {
    collectGarbage();
    const plain = createLanguageService({ vocabulary });
    coldWithoutTaggerMs.push((await timed(() => plain.analyze(document, neverCancelled))).ms);
  }
  const editMs: number[] = [];
  const editCpuMs: number[] = [];
  for (let edit = 1; edit <= runs.edits; edit++) {
    document = editedInTheMiddle(document, edit, note.text.length);
    const current = document;
    const cpuBefore = cpuMs();
    const { ms } = await timed(() => service!.analyze(current, neverCancelled));
    editCpuMs.push(cpuMs() - cpuBefore);
    editMs.push(ms);
    memory.sample();
  }
  const analysis = await service!.analyze(document, neverCancelled);
  const random = new SeededRandom(seed + note.size);
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
  return {
    size: note.size,
    bytes: Buffer.byteLength(note.text),
    entities,
    findings,
    coldMs,
    coldWithoutTaggerMs,
    editMs,
    coldCpuMs,
    editCpuMs,
    hoverMs,
    hoverMisses,
  };
}

const spread = (samples: readonly number[]) => (samples.length === 0 ? '' : `${formatMs(Math.min(...samples))} - ${formatMs(Math.max(...samples))}`);

/** `median (min - max) ok|OVER, cpu median`: one measure of one note set, for a side-by-side cell. */
function cell(samples: readonly number[], target: number | undefined, pick = median, cpu?: readonly number[]): string {
  if (samples.length === 0) return 'n/a';
  const verdict = target === undefined ? '' : pick(samples) <= target ? ' ok' : ' OVER';
  return `${formatMs(pick(samples))} (${spread(samples)})${verdict}${cpu ? `, cpu ${formatMs(median(cpu))}` : ''}`;
}

/**
 * The language-service table: one row per note size and measure, the generated notes' figures
 * beside the real-prose ones (blank when there is no corpus).
 */
export function printLanguageService(generated: readonly SizeFigures[], real: readonly SizeFigures[]): void {
  console.log('\nLanguage service, generated notes beside real prose (wall median (min - max), verdict against the target; CPU median of this process)');
  const describe = (figures: SizeFigures | undefined) =>
    figures ? `${formatBytes(figures.bytes)}, ${figures.entities} entities, ${figures.findings} findings` : 'no corpus';
  const rows: string[][] = [];
  for (const figures of generated) {
    const prose = real.find((r) => r.size === figures.size);
    const target = (map: Map<number, number>) => map.get(figures.size);
    const targetText = (value: number | undefined) => (value === undefined ? '' : `<= ${formatMs(value)}`);
    /** One measure of both note sets: its samples and CPU times, a target, and how samples are summed up. */
    const measureRow = (
      label: string,
      samples: (f: SizeFigures) => readonly number[],
      targetValue: number | undefined,
      pick = median,
      cpu?: (f: SizeFigures) => readonly number[],
    ): string[] => [
      '',
      label,
      cell(samples(figures), targetValue, pick, cpu?.(figures)),
      prose ? cell(samples(prose), targetValue, pick, cpu?.(prose)) : '',
      targetText(targetValue),
    ];
    rows.push([sizeLabel(figures.size), 'note', describe(figures), describe(prose), '']);
    rows.push(
      measureRow(
        'analyze cold',
        (f) => f.coldMs,
        target(engineTargets.coldMs),
        median,
        (f) => f.coldCpuMs,
      ),
    );
    const share = (f: SizeFigures | undefined) => {
      if (!f || f.coldWithoutTaggerMs.length === 0) return '';
      const value = Math.max(0, median(f.coldMs) - median(f.coldWithoutTaggerMs)) / median(f.coldMs);
      return `${(100 * value).toFixed(0)}% (alone ${formatMs(median(f.coldWithoutTaggerMs))})${value <= engineTargets.taggerShare ? ' ok' : ' OVER'}`;
    };
    if (figures.coldWithoutTaggerMs.length > 0 || (prose?.coldWithoutTaggerMs.length ?? 0) > 0)
      rows.push(['', "tagger's share of cold", share(figures), share(prose), `<= ${100 * engineTargets.taggerShare}%`]);
    rows.push(
      measureRow(
        'after a 1-char edit',
        (f) => f.editMs,
        target(engineTargets.editMs),
        median,
        (f) => f.editCpuMs,
      ),
    );
    rows.push(
      measureRow(
        'hover p95 (x1000)',
        (f) => f.hoverMs,
        engineTargets.hoverMs,
        (samples) => quantile(samples, 0.95),
      ),
    );
  }
  console.log(formatTable(['note', 'measure', 'generated', 'real prose', 'target'], rows, 5));
}
