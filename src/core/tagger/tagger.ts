/**
 * The learned tagger's facade: the gene/protein and chemical mentions of a run of prose, one
 * model per kind, each an averaged perceptron over hashed features (features.ts) decoded with
 * Viterbi (decode.ts). The models share their features' buckets, so features are computed once.
 */
import type { OffsetRange } from '../types';
import { viterbi } from './decode';
import { tokenFeatures, type DictionaryMatch, type TokenFeatures } from './features';
import { tagCount, taggerModelFromBytes, TaggerModelLoadError, type TaggedKind, type TaggerModel } from './model';
import { tokenize, type Tokens } from './tokens';

export interface TaggedSpan extends OffsetRange {
  readonly kind: TaggedKind;
}

/** The spans a BIO tag path spells, as offsets into the tokenised text. */
export function spansOfTags(tokens: Tokens, path: Uint8Array): OffsetRange[] {
  const spans: OffsetRange[] = [];
  let open = -1;
  for (let t = 0; t <= tokens.count; t++) {
    const tag = t < tokens.count ? path[t] : 0;
    if (open >= 0 && tag !== 2) {
      spans.push({ start: tokens.starts[open], end: tokens.ends[t - 1] });
      open = -1;
    }
    if (tag === 1) open = t;
  }
  return spans;
}

export class Tagger {
  readonly kinds: readonly TaggedKind[];
  private readonly bucketCount: number;
  /**
   * The models' weights side by side, bucket by bucket (`bucket × width + model × tagCount + tag`):
   * one memory read per feature serves every model, which halves the cost of scoring two.
   */
  private readonly interleaved: Int8Array;
  private readonly width: number;

  constructor(private readonly models: readonly TaggerModel[]) {
    this.kinds = models.map((model) => model.kind);
    this.bucketCount = models[0]?.bucketCount ?? 1;
    const other = models.find((model) => model.bucketCount !== this.bucketCount);
    if (other)
      throw new TaggerModelLoadError(
        `the ${other.kind} tagger model has ${other.bucketCount} feature buckets, the ${models[0].kind} model ${this.bucketCount}: train them together`,
      );
    this.width = models.length * tagCount;
    this.interleaved = new Int8Array(this.bucketCount * this.width);
    models.forEach((model, m) => {
      for (let bucket = 0; bucket < this.bucketCount; bucket++) {
        for (let tag = 0; tag < tagCount; tag++) this.interleaved[bucket * this.width + m * tagCount + tag] = model.weights[bucket * tagCount + tag];
      }
    });
  }

  /** The mentions in `text`, given the vocabulary's matches in it (offsets into `text`), in text order. */
  tag(text: string, matches: readonly DictionaryMatch[]): TaggedSpan[] {
    const tokens = tokenize(text);
    if (tokens.count === 0 || this.models.length === 0) return [];
    const emissions = this.emissions(tokenFeatures(text, tokens, matches, this.bucketCount), tokens.count);
    const spans: TaggedSpan[] = [];
    this.models.forEach((model, m) => {
      const path = viterbi(emissions[m], model.transitions, tokens.count);
      for (const span of spansOfTags(tokens, path)) spans.push({ ...span, kind: model.kind });
    });
    return spans.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Each model's score of each tag at each token. */
  private emissions(features: TokenFeatures, tokenCount: number): Float64Array[] {
    const { width, interleaved } = this;
    const sums = new Int32Array(width);
    const scores = this.models.map(() => new Float64Array(tokenCount * tagCount));
    for (let t = 0; t < tokenCount; t++) {
      sums.fill(0);
      for (let f = features.offsets[t]; f < features.offsets[t + 1]; f++) {
        const base = features.buckets[f] * width;
        for (let k = 0; k < width; k++) sums[k] += interleaved[base + k];
      }
      this.models.forEach((model, m) => {
        for (let tag = 0; tag < tagCount; tag++) scores[m][t * tagCount + tag] = sums[m * tagCount + tag] * model.scale;
      });
    }
    return scores;
  }
}

/** A tagger of the models' bytes, one file per kind; throws TaggerModelLoadError for a bad one. */
export function taggerFromBytes(files: readonly { bytes: Uint8Array; source: string }[]): Tagger {
  return new Tagger(files.map(({ bytes, source }) => taggerModelFromBytes(bytes, source)));
}
