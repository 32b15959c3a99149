/**
 * Scoring of predicted spans against gold spans, one-to-one: each gold mention is credited to
 * at most one prediction and each prediction to at most one gold mention, so that a span
 * predicted twice, or two predictions inside one gold mention, cannot inflate the scores.
 */
import type { GoldSpan } from './corpora';

export interface PredictedSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** 'exact': same start and end; 'overlap': sharing at least one character. */
export type MatchMode = 'exact' | 'overlap';

export interface DocumentScore {
  readonly truePositives: number;
  /** Predictions credited to no gold mention. */
  readonly falsePositives: readonly PredictedSpan[];
  /** Gold mentions no prediction was credited to. */
  readonly falseNegatives: readonly GoldSpan[];
}

function spanMatches(mode: MatchMode, predicted: PredictedSpan, span: { start: number; end: number }): boolean {
  return mode === 'exact' ? predicted.start === span.start && predicted.end === span.end : predicted.start < span.end && span.start < predicted.end;
}

function goldMatches(mode: MatchMode, predicted: PredictedSpan, gold: GoldSpan): boolean {
  return spanMatches(mode, predicted, gold) || gold.alternatives.some((span) => spanMatches(mode, predicted, span));
}

/** Drops repeated predictions of one span (an entity recognised under two kinds counts once). */
export function distinctSpans(predicted: readonly PredictedSpan[]): PredictedSpan[] {
  const seen = new Set<string>();
  const out: PredictedSpan[] = [];
  for (const span of [...predicted].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const key = `${span.start}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(span);
  }
  return out;
}

/**
 * Scores one document. Exact matches are credited first, so that in overlap mode a prediction
 * that is exactly right is never spent on a neighbouring gold mention it merely touches.
 */
export function scoreDocument(mode: MatchMode, gold: readonly GoldSpan[], predicted: readonly PredictedSpan[]): DocumentScore {
  const spans = distinctSpans(predicted);
  const predictionUsed = new Array<boolean>(spans.length).fill(false);
  const goldUsed = new Array<boolean>(gold.length).fill(false);
  const passes: MatchMode[] = mode === 'exact' ? ['exact'] : ['exact', 'overlap'];
  let truePositives = 0;
  for (const pass of passes) {
    for (let g = 0; g < gold.length; g++) {
      if (goldUsed[g]) continue;
      const p = spans.findIndex((span, index) => !predictionUsed[index] && goldMatches(pass, span, gold[g]));
      if (p < 0) continue;
      goldUsed[g] = true;
      predictionUsed[p] = true;
      truePositives++;
    }
  }
  return {
    truePositives,
    falsePositives: spans.filter((_, index) => !predictionUsed[index]),
    falseNegatives: gold.filter((_, index) => !goldUsed[index]),
  };
}

/** Counts summed over documents, and the texts of the errors for the tuning lists. */
export class ScoreTally {
  documents = 0;
  gold = 0;
  predicted = 0;
  truePositives = 0;
  readonly falsePositiveTexts = new Map<string, number>();
  readonly falseNegativeTexts = new Map<string, number>();

  add(gold: readonly GoldSpan[], score: DocumentScore): void {
    this.documents++;
    this.gold += gold.length;
    this.predicted += score.truePositives + score.falsePositives.length;
    this.truePositives += score.truePositives;
    for (const span of score.falsePositives) increment(this.falsePositiveTexts, span.text);
    for (const span of score.falseNegatives) increment(this.falseNegativeTexts, span.text);
  }

  get precision(): number {
    return this.predicted === 0 ? 0 : this.truePositives / this.predicted;
  }

  get recall(): number {
    return this.gold === 0 ? 0 : this.truePositives / this.gold;
  }

  get f1(): number {
    const { precision, recall } = this;
    return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The most frequent entries, most frequent first, ties in alphabetical order. */
export function mostFrequent(counts: ReadonlyMap<string, number>, limit: number): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}
