/**
 * Child process of the benchmark: loads the vocabulary once in a fresh process, so that the
 * figures are cold (no warm file cache in the JS heap, no JIT warm-up), and prints them as one
 * JSON line. Run with `node --expose-gc --import tsx scripts/bench/load-vocabulary.ts <data dir>`.
 */
import { performance } from 'node:perf_hooks';
import { createLanguageService } from '../../src/core/index';
import { loadVocabulary } from '../../src/node/vocabulary';
import { loadTagger } from '../../src/node/tagger';
import { neverCancelled } from '../../src/core/types';

export interface VocabularyLoadFigures {
  loadMs: number;
  /** Loading the tagger models (data/tagger/), after the vocabulary. */
  taggerLoadMs: number;
  /** Growth of the JS heap plus external and array-buffer memory, after a collection. */
  retainedBytes: number;
  rssDeltaBytes: number;
  /** The first analysis of a short note: it pays for whatever the vocabulary builds lazily. */
  firstAnalyzeMs: number;
  peakRssBytes: number;
}

function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function retained(): number {
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
}

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: load-vocabulary.ts <data dir>');
  collect();
  const retainedBefore = retained();
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const vocabulary = loadVocabulary(dataDir);
  const loadMs = performance.now() - started;
  collect();
  const retainedBytes = retained() - retainedBefore;
  const rssDeltaBytes = process.memoryUsage().rss - rssBefore;
  const taggerStarted = performance.now();
  const { tagger } = loadTagger(dataDir);
  const taggerLoadMs = performance.now() - taggerStarted;
  const service = createLanguageService({ vocabulary, tagger });
  const analyzeStarted = performance.now();
  await service.analyze(
    { uri: 'bench:first.md', version: 1, text: '# Note\n\nLetrozole and palbociclib in ESR1-mutant, HER2-negative disease.\n' },
    neverCancelled,
  );
  const firstAnalyzeMs = performance.now() - analyzeStarted;
  const figures: VocabularyLoadFigures = {
    loadMs,
    taggerLoadMs,
    retainedBytes,
    rssDeltaBytes,
    firstAnalyzeMs,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
