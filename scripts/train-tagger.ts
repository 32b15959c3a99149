/**
 * Trains the tagger models (data/tagger/<kind>.bin) from the annotated corpora and records how
 * (data/tagger/training.json): genes on BC2GM's training sentences minus its development split,
 * chemicals on BC5CDR's 500 training abstracts, both with word classes learned from the text of
 * those training documents and the RefSeq gene summaries (scripts/tagger/wordClasses.ts; by
 * default the summaries are `<corpora dir>/../knowledge/refseq_human_gene_summaries.tsv.gz`).
 * Deterministic: the same inputs, vocabulary and settings (scripts/tagger/settings.json) give the same bytes.
 *
 *   tsx scripts/train-tagger.ts <corpora dir> [--summaries <file>]     (npm run train:tagger -- ../shared/data/corpora)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { taggerModelToBytes, type TaggedKind } from '../src/core/tagger/model';
import { featureTemplatesVersion } from '../src/core/tagger/features';
import { dataFiles } from '../src/core/vocabulary/lexicon';
import { loadVocabulary } from '../src/node/vocabulary';
import { bc2gmSplitDocuments, bc5cdrSplitDocuments, type EvalDocument } from './eval/corpora';
import { readTable } from './data/table';
import { quantise, trainAveragedPerceptrons } from './tagger/perceptron';
import { readTrainingSettings, recordFile, root, sha256, taggerDataDir, trainingSourcesDigest, type TrainingRecord } from './tagger/record';
import { trainingSequence } from './tagger/sequences';
import { learnWordClasses } from './tagger/wordClasses';
import { WordClasses } from '../src/core/tagger/wordClasses';
import { takeFlag } from './flags';

const corpusFiles = ['bc2gm/train_train.in.gz', 'bc2gm/train_GENE.eval.gz', 'bc2gm/train_ALTGENE.eval.gz', 'bc5cdr/CDR_TrainingSet.PubTator.txt.gz'] as const;

/** Where the gene summaries are by default, relative to the corpora folder (as training.json records it). */
const defaultSummaries = '../knowledge/refseq_human_gene_summaries.tsv.gz';

/** The summaries' text, one per gene that has one. */
async function geneSummaries(file: string): Promise<string[]> {
  const table = await readTable(file, { delimiter: '\t', quoted: false });
  const summary = table.reader('summary');
  return table.rows.map(summary).filter((text) => text.length > 0);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const summariesFlag = takeFlag(args, '--summaries');
  const corpusDir = args[0];
  if (!corpusDir || !fs.existsSync(corpusDir)) {
    console.error('usage: tsx scripts/train-tagger.ts <corpora dir> [--summaries <file>]  (holding bc2gm/ and bc5cdr/)');
    process.exitCode = 1;
    return;
  }
  const summariesFile = summariesFlag ?? path.join(corpusDir, defaultSummaries);
  if (!fs.existsSync(summariesFile)) {
    console.error(`the RefSeq gene summaries are not at ${summariesFile}: pass --summaries <file>`);
    process.exitCode = 1;
    return;
  }
  const settings = readTrainingSettings();
  if (settings.featureTemplatesVersion !== featureTemplatesVersion) {
    console.error(
      `scripts/tagger/settings.json names feature templates version ${settings.featureTemplatesVersion}, src/core/tagger/features.ts computes ${featureTemplatesVersion}`,
    );
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  const dataDir = path.join(root, 'data');
  const vocabulary = loadVocabulary(dataDir);
  const corpora: Record<TaggedKind, EvalDocument[]> = {
    gene: bc2gmSplitDocuments(corpusDir, settings.bc2gmDevelopmentEvery).train,
    chemical: bc5cdrSplitDocuments(corpusDir, 'Chemical').train,
  };
  const classesStarted = performance.now();
  const unlabelled = [...corpora.gene, ...corpora.chemical].map((document) => document.text).concat(await geneSummaries(summariesFile));
  const table = learnWordClasses(unlabelled, settings.wordClasses);
  const wordClasses = new WordClasses(table);
  const classesUsed = new Set(table.classes).size;
  console.log(
    `word classes: ${table.words.length} token texts in ${classesUsed} classes, from ${unlabelled.length} texts, ${((performance.now() - classesStarted) / 1000).toFixed(0)} s`,
  );
  fs.mkdirSync(taggerDataDir, { recursive: true });
  const models = {} as TrainingRecord['models'];
  for (const kind of ['gene', 'chemical'] as const) {
    const kindStarted = performance.now();
    const sequences = corpora[kind].map((document) => trainingSequence(document, vocabulary, settings.bucketCount, wordClasses));
    const averaged = trainAveragedPerceptrons(sequences, settings, (run, epoch, errors) =>
      console.log(`${kind}: run ${run} of ${settings.runs}, epoch ${epoch}, ${errors} of ${sequences.length} sequences mistagged`),
    );
    const bytes = taggerModelToBytes(quantise(kind, averaged, settings, table));
    const file = `${kind}.bin`;
    fs.writeFileSync(path.join(taggerDataDir, file), bytes);
    models[kind] = { file, sha256: sha256(bytes), bytes: bytes.length, trainingSequences: sequences.length };
    console.log(`${kind}: ${sequences.length} sequences, ${(bytes.length / 1e6).toFixed(1)} MB, ${((performance.now() - kindStarted) / 1000).toFixed(0)} s`);
  }
  const record: TrainingRecord = {
    settings,
    sourcesDigest: trainingSourcesDigest(),
    inputs: {
      ...Object.fromEntries(corpusFiles.map((file) => [file, sha256(fs.readFileSync(path.join(corpusDir, file)))])),
      [summariesFlag === undefined ? defaultSummaries : path.basename(summariesFile)]: sha256(fs.readFileSync(summariesFile)),
    },
    wordClasses: { words: table.words.length, classesUsed },
    vocabulary: { file: `data/${dataFiles.packed}`, sha256: sha256(fs.readFileSync(path.join(dataDir, dataFiles.packed))) },
    models,
  };
  fs.writeFileSync(recordFile, JSON.stringify(record, null, 2) + '\n');
  console.log(`trained in ${((performance.now() - started) / 1000).toFixed(0)} s; measure with npm run eval -- ${corpusDir}`);
}

main().catch((error: unknown) => {
  console.error(`train:tagger: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
