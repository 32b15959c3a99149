/**
 * The averaged structured perceptron that trains a tagger model: for each training sequence,
 * decode with the current weights and, where the best path differs from the gold one, add the
 * gold path's features and subtract the predicted path's. The model keeps the average of the
 * weights over all steps (the lazy-average trick: w − u / c), which generalises far better than
 * the last weights. The visiting order is a seeded shuffle, so training is deterministic.
 *
 * Which of several equally good models one shuffle gives is chance: a small change to the
 * vocabulary (whose matches are features) moved development F1 by a few tenths of a point. So the
 * model is the mean of `runs` such averaged perceptrons, each visiting in its own order
 * (trainAveragedPerceptrons), which steadies it as bagging steadies a tree.
 */
import { emissionScores, viterbi } from '../../src/core/tagger/decode';
import type { TokenFeatures } from '../../src/core/tagger/features';
import { tagCount, type TaggedKind, type TaggerModel } from '../../src/core/tagger/model';
import type { WordClassTable } from '../../src/core/tagger/wordClasses';

export interface TrainingSequence {
  readonly tokenCount: number;
  readonly features: TokenFeatures;
  /** Gold BIOES tag per token. */
  readonly gold: Uint8Array;
}

export interface PerceptronSettings {
  readonly epochs: number;
  readonly seed: number;
  /** How many perceptrons, with seeds seed, seed + 1, …, the model averages. */
  readonly runs: number;
  readonly bucketCount: number;
  /** Weights beyond this quantile of magnitudes are clipped before quantising to 8 bits (1: none is). */
  readonly weightClipQuantile: number;
}

/** A small deterministic generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(count: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}

/** Float weights and transitions after averaging. */
export interface AveragedWeights {
  readonly weights: Float64Array;
  readonly transitions: Float64Array;
}

/** The mean of `settings.runs` averaged perceptrons, the k-th trained with seed `settings.seed + k`. */
export function trainAveragedPerceptrons(
  sequences: readonly TrainingSequence[],
  settings: PerceptronSettings,
  onEpoch?: (run: number, epoch: number, errors: number) => void,
): AveragedWeights {
  const weights = new Float64Array(settings.bucketCount * tagCount);
  const transitions = new Float64Array((tagCount + 1) * tagCount);
  for (let run = 0; run < settings.runs; run++) {
    const one = trainPerceptron(sequences, settings.seed + run, settings.epochs, settings.bucketCount, (epoch, errors) => onEpoch?.(run + 1, epoch, errors));
    for (let i = 0; i < weights.length; i++) weights[i] += one.weights[i] / settings.runs;
    for (let i = 0; i < transitions.length; i++) transitions[i] += one.transitions[i] / settings.runs;
  }
  return { weights, transitions };
}

export function trainPerceptron(
  sequences: readonly TrainingSequence[],
  seed: number,
  epochs: number,
  bucketCount: number,
  onEpoch?: (epoch: number, errors: number) => void,
): AveragedWeights {
  const weights = new Float64Array(bucketCount * tagCount);
  const weightSums = new Float64Array(weights.length);
  const transitions = new Float64Array((tagCount + 1) * tagCount);
  const transitionSums = new Float64Array(transitions.length);
  const random = seededRandom(seed);
  let step = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    let errors = 0;
    for (const index of shuffled(sequences.length, random)) {
      const { tokenCount, features, gold } = sequences[index];
      const predicted = viterbi(emissionScores(features, weights, 1, tokenCount), transitions, tokenCount);
      let differs = false;
      for (let t = 0; t < tokenCount; t++) {
        const previousGold = t === 0 ? -1 : gold[t - 1];
        const previousPredicted = t === 0 ? -1 : predicted[t - 1];
        if (gold[t] !== predicted[t] || previousGold !== previousPredicted) {
          differs = true;
          const goldTransition = (previousGold + 1) * tagCount + gold[t];
          const predictedTransition = (previousPredicted + 1) * tagCount + predicted[t];
          transitions[goldTransition] += 1;
          transitionSums[goldTransition] += step;
          transitions[predictedTransition] -= 1;
          transitionSums[predictedTransition] -= step;
        }
        if (gold[t] === predicted[t]) continue;
        for (let f = features.offsets[t]; f < features.offsets[t + 1]; f++) {
          const base = features.buckets[f] * tagCount;
          weights[base + gold[t]] += 1;
          weightSums[base + gold[t]] += step;
          weights[base + predicted[t]] -= 1;
          weightSums[base + predicted[t]] -= step;
        }
      }
      if (differs) errors++;
      step++;
    }
    onEpoch?.(epoch + 1, errors);
  }
  for (let i = 0; i < weights.length; i++) weights[i] -= weightSums[i] / step;
  for (let i = 0; i < transitions.length; i++) transitions[i] -= transitionSums[i] / step;
  return { weights, transitions };
}

/** The averaged weights as a model: 8-bit weights with one scale, the largest few clipped. */
export function quantise(kind: TaggedKind, averaged: AveragedWeights, settings: PerceptronSettings, wordClasses: WordClassTable): TaggerModel {
  const magnitudes = Float64Array.from(averaged.weights, Math.abs)
    .filter((m) => m > 0)
    .sort();
  const clip = magnitudes.length === 0 ? 1 : magnitudes[Math.min(magnitudes.length - 1, Math.floor(settings.weightClipQuantile * magnitudes.length))];
  const scale = clip / 127;
  const weights = new Int8Array(averaged.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.max(-127, Math.min(127, Math.round(averaged.weights[i] / scale)));
  return { kind, bucketCount: settings.bucketCount, transitions: Float32Array.from(averaged.transitions), weights, scale: Math.fround(scale), wordClasses };
}
