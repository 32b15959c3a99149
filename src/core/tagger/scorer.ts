/**
 * The tagger's emission scores at run time: the same numbers as summing every feature's weight
 * token by token (decode.ts's emissionScores, which training uses), at a fraction of the cost.
 * Most features read only one token's text, its own (wordFeatures) or a neighbour's at a fixed
 * offset (neighbourFeatures), and prose repeats its words; others read only a token's few-valued
 * situation (situationFeatures: spacing, classes, dictionary codes). Their summed weights are
 * kept per distinct token text and per situation, for every model and tag at once. The rest read
 * two tokens' texts (their bigrams) or a token's text with its spacing and dictionary code
 * (shapeFeatures); their sums are kept per pair of neighbouring entries and per entry, spacing
 * and code, as prose repeats those too. Weights stay integers until the final scaling, so the
 * order of summing cannot change a score.
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
  nextPairFeatures,
  previousPairFeatures,
  shapeFeatures,
  situationFeatures,
  situationOf,
  spacingOf,
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
/** Pairs of neighbouring entries, and shapes, kept per entry the cache may hold. */
const pairsPerEntry = 4;
/** Stands for the entry before the first token or after the last in a pair's key. */
const beyond = -2;
/** The dictionary codes a shape key distinguishes (dictionaryCodes' are below 1 + 2 × entityKinds.length). */
const shapeCodes = 32;
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
   * Per pair of neighbouring entries (`beyond` for what lies before the first token or after the
   * last), where its sums start in `pairSums`: the left token's features from the right one
   * (nextPairFeatures), then the right token's from the left one.
   */
  private readonly pairs = new PairTable(2 * initialEntries);
  private pairSums: Int32Array;
  /** Per entry and spacing × shapeCodes + dictionary code, where its shapeFeatures' sums start in `shapeSums`. */
  private readonly shapes = new PairTable(2 * initialEntries);
  private shapeSums: Int32Array;

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
    this.pairSums = new Int32Array(2 * initialEntries * this.stride);
    this.shapeSums = new Int32Array(initialEntries * this.stride);
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

  /** Where the sums of the pair of neighbouring entries `left`, `right` start in `pairSums` (see `pairs`), computed on first sight. */
  private pairAt(left: number, right: number): number {
    const known = this.pairs.get(left, right);
    if (known >= 0) return known;
    const { classBits } = this.wordClasses;
    const [leftLower, leftClass] = left === beyond ? [beforeFirst, edgeClass(classBits, true)] : [this.wordHashes[2 * left], this.entryClasses[left]];
    const [rightLower, rightClass] = right === beyond ? [afterLast, edgeClass(classBits, false)] : [this.wordHashes[2 * right], this.entryClasses[right]];
    const at = 2 * this.pairs.size * this.stride;
    if (at === this.pairSums.length) this.pairSums = grown(this.pairSums);
    this.pairSums.fill(0, at, at + 2 * this.stride);
    this.addWeights(nextPairFeatures(leftLower, leftClass, rightLower, rightClass, this.mask, this.buckets, 0), this.pairSums, at);
    this.addWeights(previousPairFeatures(leftLower, leftClass, rightLower, rightClass, this.mask, this.buckets, 0), this.pairSums, at + this.stride);
    this.pairs.set(left, right, at);
    return at;
  }

  /** Where the sums of an entry's shape features with a spacing and a dictionary code start in `shapeSums`, computed on first sight. */
  private shapeAt(entry: number, spacing: number, code: number): number {
    const known = this.shapes.get(entry, spacing * shapeCodes + code);
    if (known >= 0) return known;
    const at = this.shapes.size * this.stride;
    if (at === this.shapeSums.length) this.shapeSums = grown(this.shapeSums);
    this.shapeSums.fill(0, at, at + this.stride);
    this.addWeights(shapeFeatures(spacing, code, this.wordHashes[2 * entry + 1], this.mask, this.buckets, 0), this.shapeSums, at);
    this.shapes.set(entry, spacing * shapeCodes + code, at);
    return at;
  }

  /** Forgets every entry, situation, pair and shape. */
  private clear(): void {
    this.keys.length = 0;
    this.slots.fill(0);
    this.situationHighs.fill(-1);
    this.situationCount = 0;
    this.situationSums.fill(0);
    this.pairs.clear();
    this.shapes.clear();
  }

  /**
   * Each model's score per token and tag (`token × tagCount + tag`), as emissionScores gives them:
   * views of arrays the next call overwrites.
   */
  emissions(text: string, tokens: Tokens, matches: readonly DictionaryMatch[]): Float64Array[] {
    const { count, starts, ends, classes } = tokens;
    const maxPairs = pairsPerEntry * this.maxEntries;
    if (
      this.keys.length + count > this.maxEntries ||
      this.situationCount + count > this.maxEntries ||
      this.pairs.size + count + 1 > maxPairs ||
      this.shapes.size + count > maxPairs
    )
      this.clear();
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
    const { stride, wordSumsSize, outsideSums, scales, codes } = this;
    // Every token's integer sums, side by side; the tables are read after each lookup, which may grow them.
    const sums = this.sums;
    sums.fill(0, 0, count * stride);
    for (let i = 0; i < count; i++) {
      const situation = situationOf(context, i);
      const situationAt = this.situationAt(situation);
      const shapeAt = this.shapeAt(entries[i], spacingOf(situation), codes[i]);
      const { situationSums, shapeSums } = this;
      for (let s = 0, row = i * stride; s < stride; s++) sums[row + s] += situationSums[situationAt + s] + shapeSums[shapeAt + s];
    }
    // Each pair of neighbours, and the first and last token with what lies beyond them.
    for (let right = 0; right <= count; right++) {
      const left = right - 1;
      const pairAt = this.pairAt(left >= 0 ? entries[left] : beyond, right < count ? entries[right] : beyond);
      const pairSums = this.pairSums;
      if (left >= 0) for (let s = 0, row = left * stride; s < stride; s++) sums[row + s] += pairSums[pairAt + s];
      if (right < count) for (let s = 0, row = right * stride; s < stride; s++) sums[row + s] += pairSums[pairAt + stride + s];
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

/** Where a PairTable starts looking for a key: its two parts' bits mixed (murmur3's finaliser). */
function pairSlot(first: number, second: number, slotMask: number): number {
  let hash = Math.imul(first, 0x9e3779b1) ^ second;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) & slotMask;
}

/**
 * An open-addressing table from keys of two integers (the first at least -2) to non-negative
 * values, growing as it fills. A slot's key and value lie side by side, three to a slot, so a
 * lookup reads one cache line.
 */
class PairTable {
  private slots: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.slots = new Int32Array(3 * capacity).fill(empty);
  }

  /** The key's value, or -1. */
  get(first: number, second: number): number {
    const { slots } = this;
    const slotMask = slots.length / 3 - 1;
    for (let slot = pairSlot(first, second, slotMask); ; slot = (slot + 1) & slotMask) {
      const at = 3 * slot;
      if (slots[at] === empty) return -1;
      if (slots[at] === first && slots[at + 1] === second) return slots[at + 2];
    }
  }

  /** Adds a key that is not in the table. */
  set(first: number, second: number, value: number): void {
    if (2 * (this.size + 1) > this.slots.length / 3) this.rehash(2 * (this.slots.length / 3));
    this.place(first, second, value);
    this.size++;
  }

  clear(): void {
    this.slots.fill(empty);
    this.size = 0;
  }

  private place(first: number, second: number, value: number): void {
    const { slots } = this;
    const slotMask = slots.length / 3 - 1;
    let slot = pairSlot(first, second, slotMask);
    while (slots[3 * slot] !== empty) slot = (slot + 1) & slotMask;
    slots[3 * slot] = first;
    slots[3 * slot + 1] = second;
    slots[3 * slot + 2] = value;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(3 * capacity).fill(empty);
    for (let at = 0; at < old.length; at += 3) if (old[at] !== empty) this.place(old[at], old[at + 1], old[at + 2]);
  }
}

/** A PairTable's empty slot. */
const empty = -3;

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
