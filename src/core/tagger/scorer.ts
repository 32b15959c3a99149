/**
 * The tagger's emission scores at run time: the same numbers as summing every feature's weight
 * token by token (decode.ts's emissionScores, which training uses), at a fraction of the cost.
 * Most features read only one token's text, its own (wordFeatures) or a neighbour's at a fixed
 * offset (neighbourFeatures), and prose repeats its words; others read only a token's few-valued
 * situation (situationFeatures: spacing, classes, dictionary codes). Their summed weights are
 * kept per distinct token text and per situation, for every model and tag at once, so only the
 * pair features (bigrams, shape with spacing) are hashed per token. Weights stay integers until
 * the final scaling, so the order of summing cannot change a score.

 */
import {
  afterLast,
  beforeFirst,
  dictionaryCodes,
  edgeClass,
  maxContextFeatures,
  maxNeighbourFeatures,
  maxWordFeatures,
  neighbourFeatures,
  neighbourOffsets,
  pairFeatures,
  situationFeatures,
  situationOf,
  wordFeatures,
  wordHashes,
  type DictionaryMatch,
  type TokenContext,
} from './features';
import { tagCount, type TaggerModel } from './model';
import type { Tokens } from './tokens';
import type { WordClasses } from './wordClasses';

/** Distinct token texts (and situations) kept between calls; past this the cache starts afresh. */
const defaultMaxEntries = 1 << 15;
const initialEntries = 1 << 10;
const initialTokens = 1 << 8;
/** situationOf's numbers are below 2^44: the situation table keys them by their high and low 22 bits. */
const situationLowSpan = 1 << 22;

/** Where the situation table starts looking for a situation (its high and low 22 bits). */
function situationSlot(high: number, low: number, slotMask: number): number {
  return Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) & slotMask;
}

export class EmissionScorer {
  private readonly mask: number;
  /**
   * Sums per entry or bucket, packed two models to a 32-bit word: model 2p's sum for tag t in the
   * low 16 bits of word `p × tagCount + t`, model 2p + 1's in the high 16 bits. A token has at most
   * maxTokenFeatures features of 8-bit weights, so every sum fits in 16 bits; packed sums add as
   * one integer modulo 2^32 and unpack exactly (see unpacked), halving the additions.
   */
  private readonly stride: number;
  /** Each model's weights, read in place (copying them at load would cost more than it saves). */
  private readonly weights: readonly Int8Array[];
  private readonly scales: number[];
  private readonly buckets = new Int32Array(Math.max(maxWordFeatures, maxContextFeatures, maxNeighbourFeatures));

  /** Each word entry's text, its hash, and its lower-case and short-shape hashes (two per entry). */
  private readonly keys: string[] = [];
  private keyHashes = new Int32Array(initialEntries);
  private wordHashes = new Int32Array(2 * initialEntries);
  private entryClasses = new Int32Array(initialEntries);
  /** An open-addressing table of entry + 1 by key hash. */
  private slots = new Int32Array(2 * initialEntries);
  /**
   * Per word entry, `stride × (1 + neighbourOffsets.length)` sums: its word features', then its
   * features as the neighbour at each offset.
   */
  private wordSums: Int32Array;
  private readonly wordSumsSize: number;
  /** The neighbour features' sums where the neighbour is beyond either end, per offset. */
  private readonly outsideSums: Int32Array;

  /**
   * An open-addressing table of the situations seen (situationOf's number, below 2^44, as its
   * high and low 22 bits; -1: an empty slot) and where each one's sums start in `situationSums`.
   * A Map keyed by such numbers would box every key it is asked for.
   */
  private situationHighs = new Int32Array(2 * initialEntries).fill(-1);
  private situationLows = new Int32Array(2 * initialEntries);
  private situationStarts = new Int32Array(2 * initialEntries);
  private situationCount = 0;
  private situationSums: Int32Array;

  /**
   * Per-call arrays, kept between calls and grown to the longest run seen: allocating a dozen
   * typed arrays per run of prose cost more than scoring its tokens.
   */
  private entries = new Int32Array(initialTokens);
  private lowerHashes = new Int32Array(initialTokens);
  private shortShapeHashes = new Int32Array(initialTokens);
  private tokenClasses = new Int32Array(initialTokens);
  private codes = new Uint8Array(initialTokens);
  private roles = new Uint8Array(initialTokens);
  /** Every token's packed sums, `token × stride + word`. */
  private sums: Int32Array;
  private scores: Float64Array[];

  constructor(
    private readonly models: readonly TaggerModel[],
    private readonly wordClasses: WordClasses,
    private readonly maxEntries = defaultMaxEntries,
  ) {
    const bucketCount = models[0]?.bucketCount ?? 1;
    this.mask = bucketCount - 1;
    this.stride = Math.ceil(models.length / 2) * tagCount;
    this.scales = models.map((model) => model.scale);
    this.weights = models.map((model) => model.weights);
    this.wordSumsSize = this.stride * (1 + neighbourOffsets.length);
    this.wordSums = new Int32Array(initialEntries * this.wordSumsSize);
    this.situationSums = new Int32Array(initialEntries * this.stride);
    this.outsideSums = new Int32Array(this.stride * neighbourOffsets.length);
    this.sums = new Int32Array(initialTokens * this.stride);
    this.scores = models.map(() => new Float64Array(initialTokens * tagCount));
    const { classBits } = wordClasses;
    neighbourOffsets.forEach((offset, k) => {
      const hash = offset < 0 ? beforeFirst : afterLast;
      const outside = neighbourFeatures(offset, hash, hash, edgeClass(classBits, offset < 0), classBits, '', 0, 0, this.mask, this.buckets, 0);
      this.addWeights(outside, this.outsideSums, k * this.stride);
    });
  }

  /** Adds the weights of `this.buckets[0, count)` to the packed `sums[at, at + stride)`. */
  private addWeights(count: number, sums: Int32Array, at: number): void {
    const { weights, buckets } = this;
    for (let f = 0; f < count; f++) {
      const base = buckets[f] * tagCount;
      for (let m = 0, into = at; m < weights.length; m += 2, into += tagCount) {
        const low = weights[m];
        const high = m + 1 < weights.length ? weights[m + 1] : undefined;
        if (high) for (let t = 0; t < tagCount; t++) sums[into + t] += low[base + t] + (high[base + t] << 16);
        else for (let t = 0; t < tagCount; t++) sums[into + t] += low[base + t];
      }
    }
  }

  /** The word entry of the token `text[start, end)`, made on first sight. */
  private entryOf(text: string, start: number, end: number, tokenClass: number): number {
    let hash = 0x811c9dc5 | 0;
    for (let c = start; c < end; c++) hash = Math.imul(hash ^ text.charCodeAt(c), 16777619);
    const slots = this.slots;
    const slotMask = slots.length - 1;
    for (let slot = hash & slotMask; slots[slot] !== 0; slot = (slot + 1) & slotMask) {
      const entry = slots[slot] - 1;
      if (this.keyHashes[entry] === hash && sameText(this.keys[entry], text, start, end)) return entry;
    }
    return this.addEntry(text, start, end, tokenClass, hash);
  }

  private addEntry(text: string, start: number, end: number, tokenClass: number, hash: number): number {
    const entry = this.keys.length;
    const key = text.slice(start, end);
    this.keys.push(key);
    if (entry === this.keyHashes.length) {
      this.keyHashes = grown(this.keyHashes);
      this.wordHashes = grown(this.wordHashes);
      this.entryClasses = grown(this.entryClasses);
      this.wordSums = grown(this.wordSums);
    }
    this.keyHashes[entry] = hash;
    if (2 * this.keys.length > this.slots.length) {
      this.slots = new Int32Array(2 * this.slots.length);
      for (let known = 0; known < this.keys.length; known++) this.place(known);
    } else this.place(entry);
    const { lower, shortShape } = wordHashes(text, start, end);
    this.wordHashes[2 * entry] = lower;
    this.wordHashes[2 * entry + 1] = shortShape;
    const at = entry * this.wordSumsSize;
    this.wordSums.fill(0, at, at + this.wordSumsSize);
    const { classBits } = this.wordClasses;
    const wordClass = this.wordClasses.classOf(key);
    this.entryClasses[entry] = wordClass;
    this.addWeights(wordFeatures(text, start, end, tokenClass, lower, shortShape, wordClass, classBits, this.mask, this.buckets, 0), this.wordSums, at);
    for (let k = 0; k < neighbourOffsets.length; k++) {
      const count = neighbourFeatures(neighbourOffsets[k], lower, shortShape, wordClass, classBits, text, start, end, this.mask, this.buckets, 0);
      this.addWeights(count, this.wordSums, at + (1 + k) * this.stride);
    }
    return entry;
  }

  private place(entry: number): void {
    const slotMask = this.slots.length - 1;
    let slot = this.keyHashes[entry] & slotMask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & slotMask;
    this.slots[slot] = entry + 1;
  }

  /** Where the sums of a situation's features start in `situationSums`, computed on first sight. */
  private situationAt(situation: number): number {
    const high = Math.floor(situation / situationLowSpan);
    const low = situation - high * situationLowSpan;
    const highs = this.situationHighs;
    const slotMask = highs.length - 1;
    let slot = situationSlot(high, low, slotMask);
    for (; highs[slot] !== -1; slot = (slot + 1) & slotMask) if (highs[slot] === high && this.situationLows[slot] === low) return this.situationStarts[slot];
    const at = this.situationCount * this.stride;
    if (at === this.situationSums.length) this.situationSums = grown(this.situationSums);
    this.addWeights(situationFeatures(situation, this.mask, this.buckets, 0), this.situationSums, at);
    this.situationCount++;
    if (2 * this.situationCount > highs.length) this.growSituations();
    this.placeSituation(high, low, at);
    return at;
  }

  /** Doubles the situation table. */
  private growSituations(): void {
    const oldHighs = this.situationHighs;
    const oldLows = this.situationLows;
    const oldStarts = this.situationStarts;
    this.situationHighs = new Int32Array(2 * oldHighs.length).fill(-1);
    this.situationLows = new Int32Array(2 * oldHighs.length);
    this.situationStarts = new Int32Array(2 * oldHighs.length);
    for (let slot = 0; slot < oldHighs.length; slot++) if (oldHighs[slot] !== -1) this.placeSituation(oldHighs[slot], oldLows[slot], oldStarts[slot]);
  }

  private placeSituation(high: number, low: number, at: number): void {
    const highs = this.situationHighs;
    const slotMask = highs.length - 1;
    let slot = situationSlot(high, low, slotMask);
    while (highs[slot] !== -1) slot = (slot + 1) & slotMask;
    highs[slot] = high;
    this.situationLows[slot] = low;
    this.situationStarts[slot] = at;
  }

  /** Forgets every entry and situation. */
  private clear(): void {
    this.keys.length = 0;
    this.slots.fill(0);
    this.situationHighs.fill(-1);
    this.situationCount = 0;
    this.situationSums.fill(0);
  }

  /**
   * Each model's score per token and tag (`token × tagCount + tag`), as emissionScores gives them:
   * views of arrays the next call overwrites.
   */
  emissions(text: string, tokens: Tokens, matches: readonly DictionaryMatch[]): Float64Array[] {
    const { count, starts, ends, classes } = tokens;
    if (this.keys.length + count > this.maxEntries || this.situationCount + count > this.maxEntries) this.clear();
    this.reserve(count);
    const { entries, lowerHashes, shortShapeHashes, tokenClasses } = this;
    for (let t = 0; t < count; t++) {
      const entry = this.entryOf(text, starts[t], ends[t], classes[t]);
      entries[t] = entry;
      lowerHashes[t] = this.wordHashes[2 * entry];
      shortShapeHashes[t] = this.wordHashes[2 * entry + 1];
      tokenClasses[t] = this.entryClasses[entry];
    }
    const context: TokenContext = {
      tokens,
      lowerHashes,
      shortShapeHashes,
      ...dictionaryCodes(tokens, matches, this.codes, this.roles),
      wordClasses: tokenClasses,
      classBits: this.wordClasses.classBits,
    };
    const { stride, wordSumsSize, outsideSums, scales, buckets, mask } = this;
    // Every token's integer sums, side by side; read after addEntry and situationAt, which may grow the tables.
    const sums = this.sums;
    sums.fill(0, 0, count * stride);
    for (let i = 0; i < count; i++) {
      const situation = situationOf(context, i);
      const situationAt = this.situationAt(situation);
      const row = i * stride;
      this.addWeights(pairFeatures(context, i, situation, mask, buckets, 0), sums, row);
      const situationSums = this.situationSums;
      for (let s = 0; s < stride; s++) sums[row + s] += situationSums[situationAt + s];
    }
    // Each token's own sums and its sums as every neighbour, added where they land: one token's
    // block is read whole (a few cache lines) rather than a slice of six neighbours' blocks each.
    const wordSums = this.wordSums;
    for (let j = 0; j < count; j++) {
      const own = entries[j] * wordSumsSize;
      for (let s = 0, row = j * stride; s < stride; s++) sums[row + s] += wordSums[own + s];
      for (let k = 0; k < neighbourOffsets.length; k++) {
        const i = j - neighbourOffsets[k];
        if (i < 0 || i >= count) continue;
        const at = own + (1 + k) * stride;
        for (let s = 0, row = i * stride; s < stride; s++) sums[row + s] += wordSums[at + s];
      }
    }
    // The neighbours beyond either end.
    for (let k = 0; k < neighbourOffsets.length; k++) {
      const offset = neighbourOffsets[k];
      const from = offset < 0 ? 0 : Math.max(0, count - offset);
      const to = offset < 0 ? Math.min(count, -offset) : count;
      for (let i = from; i < to; i++) for (let s = 0, row = i * stride; s < stride; s++) sums[row + s] += outsideSums[k * stride + s];
    }
    return this.scores.map((buffer, m) => {
      const scale = scales[m];
      const high = m % 2 === 1;
      for (let i = 0, row = (m >> 1) * tagCount; i < count; i++, row += stride)
        for (let t = 0; t < tagCount; t++) buffer[i * tagCount + t] = unpacked(sums[row + t], high) * scale;
      return buffer.subarray(0, count * tagCount);
    });
  }

  /** Makes the per-call arrays hold `count` tokens. */
  private reserve(count: number): void {
    if (count <= this.entries.length) return;
    let capacity = this.entries.length;
    while (capacity < count) capacity *= 2;
    this.entries = new Int32Array(capacity);
    this.lowerHashes = new Int32Array(capacity);
    this.shortShapeHashes = new Int32Array(capacity);
    this.tokenClasses = new Int32Array(capacity);
    this.codes = new Uint8Array(capacity);
    this.roles = new Uint8Array(capacity);
    this.sums = new Int32Array(capacity * this.stride);
    this.scores = this.models.map(() => new Float64Array(capacity * tagCount));
  }
}

/**
 * The low or high 16-bit sum of a packed word (see EmissionScorer's stride): the low one is the
 * word's low 16 bits, sign-extended; the high one is what remains, shifted down.
 */
function unpacked(word: number, high: boolean): number {
  const low = (word << 16) >> 16;
  return high ? (word - low) >> 16 : low;
}

function grown<T extends Int32Array>(array: T): T {
  const copy = new (array.constructor as new (length: number) => T)(array.length * 2);
  copy.set(array);
  return copy;
}

function sameText(key: string, text: string, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let c = 0; c < key.length; c++) if (key.charCodeAt(c) !== text.charCodeAt(start + c)) return false;
  return true;
}
