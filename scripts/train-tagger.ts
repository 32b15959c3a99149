/**
 * Trains the tagger models (data/tagger/<kind>.bin) from the annotated corpora and records how
 * (data/tagger/training.json): genes on BC2GM's training sentences minus its development split,
 * chemicals on BC5CDR's 500 training abstracts. Deterministic: the same inputs, vocabulary and
 * settings (scripts/tagger/settings.json) give the same bytes.
 *
 *   tsx scripts/train-tagger.ts <corpora dir>        (npm run train:tagger -- ../shared/data/corpora)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { taggerModelToBytes, type TaggedKind } from '../src/core/tagger/model';
import { featureTemplatesVersion } from '../src/core/tagger/features';
import { dataFiles } from '../src/core/vocabulary/lexicon';
import { loadVocabulary } from '../src/node/vocabulary';
import { bc2gmSplitDocuments, bc5cdrSplitDocuments, type EvalDocument } from './eval/corpora';
import { quantise, trainPerceptron } from './tagger/perceptron';
import { readTrainingSettings, recordFile, root, sha256, taggerDataDir, trainingSourcesDigest, type TrainingRecord } from './tagger/record';
import { trainingSequence } from './tagger/sequences';

const corpusFiles = ['bc2gm/train_train.in.gz', 'bc2gm/train_GENE.eval.gz', 'bc2gm/train_ALTGENE.eval.gz', 'bc5cdr/CDR_TrainingSet.PubTator.txt.gz'] as const;

function main(): void {
  const corpusDir = process.argv[2];
  if (!corpusDir || !fs.existsSync(corpusDir)) {
    console.error('usage: tsx scripts/train-tagger.ts <corpora dir>  (holding bc2gm/ and bc5cdr/)');
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
  fs.mkdirSync(taggerDataDir, { recursive: true });
  const models = {} as TrainingRecord['models'];
  for (const kind of ['gene', 'chemical'] as const) {
    const kindStarted = performance.now();
    const sequences = corpora[kind].map((document) => trainingSequence(document, vocabulary, settings.bucketCount));
    const averaged = trainPerceptron(sequences, settings, (epoch, errors) =>
      console.log(`${kind}: epoch ${epoch}, ${errors} of ${sequences.length} sequences mistagged`),
    );
    const bytes = taggerModelToBytes(quantise(kind, averaged, settings));
    const file = `${kind}.bin`;
    fs.writeFileSync(path.join(taggerDataDir, file), bytes);
    models[kind] = { file, sha256: sha256(bytes), bytes: bytes.length, trainingSequences: sequences.length };
    console.log(`${kind}: ${sequences.length} sequences, ${(bytes.length / 1e6).toFixed(1)} MB, ${((performance.now() - kindStarted) / 1000).toFixed(0)} s`);
  }
  const record: TrainingRecord = {
    settings,
    sourcesDigest: trainingSourcesDigest(),
    inputs: Object.fromEntries(corpusFiles.map((file) => [file, sha256(fs.readFileSync(path.join(corpusDir, file)))])),
    vocabulary: { file: `data/${dataFiles.packed}`, sha256: sha256(fs.readFileSync(path.join(dataDir, dataFiles.packed))) },
    models,
  };
  fs.writeFileSync(recordFile, JSON.stringify(record, null, 2) + '\n');
  console.log(`trained in ${((performance.now() - started) / 1000).toFixed(0)} s; measure with npm run eval -- ${corpusDir}`);
}

main();
