/**
 * The learned tagger's facade: the gene/protein and chemical mentions of a run of prose, one
 * model per kind, each an averaged perceptron over hashed features (features.ts) decoded with
 * Viterbi (decode.ts). The models share their features' buckets, so one pass of the scorer
 * (scorer.ts) scores a run for every model.
 */
import type { OffsetRange } from '../types';
import { viterbi } from './decode';
import type { DictionaryMatch } from './features';
import { Tag, tagCount, taggerModelFromBytes, TaggerModelLoadError, type TaggedKind, type TaggerModel } from './model';
import { EmissionScorer } from './scorer';
import { tokenize, type Tokens } from './tokens';
import { withBalancedBrackets } from './brackets';
import { sameWordClasses, WordClasses } from './wordClasses';

export interface TaggedSpan extends OffsetRange {
  readonly kind: TaggedKind;
}

/** The spans a BIOES tag path spells, as offsets into the tokenised text. */
export function spansOfTags(tokens: Tokens, path: Uint8Array): OffsetRange[] {
  const spans: OffsetRange[] = [];
  let open = -1;
  for (let t = 0; t < tokens.count; t++) {
    const tag = path[t];
    if (tag === Tag.Begin || tag === Tag.Single) open = t;
    if (tag === Tag.End || tag === Tag.Single) spans.push({ start: tokens.starts[open], end: tokens.ends[t] });
  }
  return spans;
}

/**
 * The mentions of one kind a tag path spells, with their brackets balanced (see brackets.ts): a
 * span whose brackets then reach into the next one's is one span with it.
 */
export function kindSpans(text: string, tokens: Tokens, path: Uint8Array, kind: TaggedKind): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  for (const tagged of spansOfTags(tokens, path)) {
    const span = withBalancedBrackets(text, tagged);
    if (!span) continue;
    const last = spans[spans.length - 1];
    if (last && span.start < last.end) spans[spans.length - 1] = { start: Math.min(last.start, span.start), end: Math.max(last.end, span.end), kind };
    else spans.push({ start: span.start, end: span.end, kind });
  }
  return spans;
}

export class Tagger {
  readonly kinds: readonly TaggedKind[];
  /** The models' word classes (one table, as they were trained together). */
  readonly wordClasses: WordClasses;
  private readonly scorer: EmissionScorer;
  /** Viterbi's arrays, kept between calls (grown to the longest run): allocating them per run cost more than decoding it. */
  private path = new Uint8Array(256);
  private back = new Uint8Array(256 * tagCount);

  constructor(private readonly models: readonly TaggerModel[]) {
    this.kinds = models.map((model) => model.kind);
    const bucketCount = models[0]?.bucketCount;
    const other = models.find((model) => model.bucketCount !== bucketCount);
    if (other)
      throw new TaggerModelLoadError(
        `the ${other.kind} tagger model has ${other.bucketCount} feature buckets, the ${models[0].kind} model ${bucketCount}: train them together`,
      );
    const apart = models.find((model) => !sameWordClasses(model.wordClasses, models[0].wordClasses));
    if (apart) throw new TaggerModelLoadError(`the ${apart.kind} tagger model has other word classes than the ${models[0].kind} model: train them together`);
    this.wordClasses = new WordClasses(models[0]?.wordClasses ?? { classBits: 1, words: [], classes: new Uint16Array(0) });
    this.scorer = new EmissionScorer(models, this.wordClasses);
  }

  /** The mentions in `text`, given the vocabulary's matches in it (offsets into `text`), in text order. */
  tag(text: string, matches: readonly DictionaryMatch[]): TaggedSpan[] {
    const tokens = tokenize(text);
    if (tokens.count === 0 || this.models.length === 0) return [];
    const emissions = this.scorer.emissions(text, tokens, matches);
    const spans: TaggedSpan[] = [];
    if (tokens.count > this.path.length) {
      this.path = new Uint8Array(2 * tokens.count);
      this.back = new Uint8Array(2 * tokens.count * tagCount);
    }
    this.models.forEach((model, m) => {
      const path = viterbi(emissions[m], model.transitions, tokens.count, this.path, this.back);
      for (const span of kindSpans(text, tokens, path, model.kind)) spans.push(span);
    });
    return spans.sort((a, b) => a.start - b.start || a.end - b.end);
  }
}

/** A tagger of the models' bytes, one file per kind; throws TaggerModelLoadError for a bad one. */
export function taggerFromBytes(files: readonly { bytes: Uint8Array; source: string }[]): Tagger {
  return new Tagger(files.map(({ bytes, source }) => taggerModelFromBytes(bytes, source)));
}
