/**
 * What data/tagger/training.json records of a training run, and the checks `npm test` makes
 * against it (scripts/check-generated.ts): the models were trained with the committed settings
 * and the committed training sources, and are the bytes the record names.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { taggerModelFromBytes, taggedKinds, type TaggedKind } from '../../src/core/tagger/model';
import type { PerceptronSettings } from './perceptron';
import type { WordClassSettings } from './wordClasses';

export interface TrainingSettings extends PerceptronSettings {
  readonly featureTemplatesVersion: number;
  /** One BC2GM sentence in this many is held out for development (see isBc2gmDevelopmentSentence). */
  readonly bc2gmDevelopmentEvery: number;
  readonly wordClasses: WordClassSettings;
}

export interface TrainingRecord {
  readonly settings: TrainingSettings;
  /** sha256 of the training-side sources: what the models are a function of besides inputs and settings. */
  readonly sourcesDigest: string;
  /** sha256 of each corpus file read, relative to the corpora folder (the gene summaries the word classes read beside them too). */
  readonly inputs: Record<string, string>;
  /** How many token texts got a word class, and how many of the classes they fill. */
  readonly wordClasses: { readonly words: number; readonly classesUsed: number };
  /** sha256 of the vocabulary whose matches were the dictionary features. */
  readonly vocabulary: { readonly file: string; readonly sha256: string };
  readonly models: Record<TaggedKind, { readonly file: string; readonly sha256: string; readonly bytes: number; readonly trainingSequences: number }>;
}

export const root = path.resolve(__dirname, '..', '..');
export const taggerDataDir = path.join(root, 'data', 'tagger');
export const settingsFile = path.join(root, 'scripts', 'tagger', 'settings.json');
export const recordFile = path.join(taggerDataDir, 'training.json');

/**
 * The sources a model is a function of: the tagger (tokens, features, format), the training
 * scripts and the corpus readers with the development split. The recogniser that gives the
 * dictionary features is not among them, as the vocabulary is not: a change there shifts the
 * features a little without invalidating the model (its digest is recorded, for retraining).
 */
function trainingSources(): string[] {
  const inFolder = (folder: string) =>
    fs
      .readdirSync(path.join(root, folder))
      .filter((name) => name.endsWith('.ts') || name.endsWith('.json'))
      .map((name) => `${folder}/${name}`);
  return [...inFolder('src/core/tagger'), ...inFolder('scripts/tagger'), 'scripts/train-tagger.ts', 'scripts/eval/corpora.ts'].sort();
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function trainingSourcesDigest(): string {
  const hash = createHash('sha256');
  for (const file of trainingSources())
    hash
      .update(file)
      .update('\0')
      .update(fs.readFileSync(path.join(root, file)))
      .update('\0');
  return hash.digest('hex');
}

export function readTrainingSettings(): TrainingSettings {
  return JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as TrainingSettings;
}

/** Problems of the committed models against their record, settings and sources; empty when all agree. */
export function trainingRecordProblems(): string[] {
  const retrain = 'run `npm run train:tagger -- <corpora dir>` and commit data/tagger/';
  if (!fs.existsSync(recordFile)) return [`data/tagger/training.json is missing: ${retrain}`];
  const record = JSON.parse(fs.readFileSync(recordFile, 'utf8')) as TrainingRecord;
  const problems: string[] = [];
  if (JSON.stringify(record.settings) !== JSON.stringify(readTrainingSettings()))
    problems.push(`scripts/tagger/settings.json changed since the tagger was trained: ${retrain}`);
  if (record.sourcesDigest !== trainingSourcesDigest())
    problems.push(
      `the tagger's sources (src/core/tagger/, scripts/tagger/, scripts/train-tagger.ts, scripts/eval/corpora.ts) changed since it was trained: ${retrain}`,
    );
  for (const kind of taggedKinds) {
    const model = record.models[kind];
    const file = path.join(taggerDataDir, model?.file ?? `${kind}.bin`);
    if (!model || !fs.existsSync(file)) {
      problems.push(`the ${kind} tagger model is missing: ${retrain}`);
      continue;
    }
    const bytes = fs.readFileSync(file);
    if (sha256(bytes) !== model.sha256) problems.push(`data/tagger/${model.file} is not the model training.json records: ${retrain}`);
    try {
      taggerModelFromBytes(bytes, `data/tagger/${model.file}`);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}
