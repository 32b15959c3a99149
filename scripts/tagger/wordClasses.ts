/**
 * Learns the word classes (src/core/tagger/wordClasses.ts) from unlabelled text: the training
 * corpora's text and the RefSeq gene summaries. Each token text seen at least `minCount` times is
 * described by the tokens around it (the `contextWords` most frequent texts, one and two places
 * either side, counts square-rooted and the vector normalised), and the texts are split in two by
 * spherical 2-means, then each half again, `classBits` times: a class's number is its path. A
 * split that leaves either side with less than a quarter is cut at the quarter instead, so the
 * tree stays bushy and the classes of use. Deterministic: no randomness, and every sum in a fixed order.
 */
import { tokenize } from '../../src/core/tagger/tokens';
import type { WordClassTable } from '../../src/core/tagger/wordClasses';

export interface WordClassSettings {
  readonly classBits: number;
  readonly minCount: number;
  readonly contextWords: number;
  readonly iterations: number;
}

/** The context positions each word's vector counts, in order. */
const contextOffsets = [-2, -1, 1, 2] as const;

interface SparseVector {
  readonly dims: Int32Array;
  readonly values: Float64Array;
}

/** Token texts of every text, in order. */
function tokenTexts(texts: readonly string[]): string[][] {
  return texts.map((text) => {
    const tokens = tokenize(text);
    return Array.from({ length: tokens.count }, (_, t) => text.slice(tokens.starts[t], tokens.ends[t]));
  });
}

function byCountThenText(counts: Map<string, number>): string[] {
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
}

/** Each classed word's context vector. */
function contextVectors(documents: readonly string[][], words: readonly string[], contextWords: readonly string[]): SparseVector[] {
  const wordIndex = new Map(words.map((word, i) => [word, i]));
  const contextIndex = new Map(contextWords.map((word, i) => [word, i]));
  // Per position: the context words, then one dimension for any other word and one for beyond the text.
  const span = contextWords.length + 2;
  const seen: number[][] = words.map(() => []);
  for (const tokens of documents)
    for (let t = 0; t < tokens.length; t++) {
      const w = wordIndex.get(tokens[t]);
      if (w === undefined) continue;
      contextOffsets.forEach((offset, p) => {
        const j = t + offset;
        const c = j < 0 || j >= tokens.length ? span - 1 : (contextIndex.get(tokens[j]) ?? span - 2);
        seen[w].push(p * span + c);
      });
    }
  return seen.map((dims) => {
    dims.sort((a, b) => a - b);
    const unique: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < dims.length;) {
      let j = i;
      while (j < dims.length && dims[j] === dims[i]) j++;
      unique.push(dims[i]);
      values.push(Math.sqrt(j - i));
      i = j;
    }
    const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0)) || 1;
    return { dims: Int32Array.from(unique), values: Float64Array.from(values, (v) => v / norm) };
  });
}

function dot(vector: SparseVector, dense: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < vector.dims.length; k++) sum += vector.values[k] * dense[vector.dims[k]];
  return sum;
}

/** The normalised sum of the members' vectors. */
function centroid(vectors: readonly SparseVector[], members: readonly number[], dimensions: number): Float64Array {
  const sum = new Float64Array(dimensions);
  for (const m of members) {
    const { dims, values } = vectors[m];
    for (let k = 0; k < dims.length; k++) sum[dims[k]] += values[k];
  }
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += sum[d] * sum[d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dimensions; d++) sum[d] /= norm;
  return sum;
}

/** The members split in two by spherical 2-means, each side at least a quarter. */
function bisect(vectors: readonly SparseVector[], members: readonly number[], dimensions: number, iterations: number): [number[], number[]] {
  const mean = centroid(vectors, members, dimensions);
  // Seeds: the member least like the mean, and the member least like that one.
  let first = members[0];
  for (const m of members) if (dot(vectors[m], mean) < dot(vectors[first], mean)) first = m;
  const firstDense = centroid(vectors, [first], dimensions);
  let second = members[0] === first ? members[1] : members[0];
  for (const m of members) if (m !== first && dot(vectors[m], firstDense) < dot(vectors[second], firstDense)) second = m;
  let a = firstDense;
  let b = centroid(vectors, [second], dimensions);
  let order: number[] = [...members];
  let cut = 0;
  for (let round = 0; round < iterations; round++) {
    const leaning = new Map(members.map((m) => [m, dot(vectors[m], a) - dot(vectors[m], b)]));
    order = [...members].sort((x, y) => leaning.get(y)! - leaning.get(x)! || x - y);
    cut = order.findIndex((m) => leaning.get(m)! < 0);
    if (cut < 0) cut = order.length;
    const quarter = Math.floor(order.length / 4);
    cut = Math.min(Math.max(cut, quarter), order.length - quarter);
    a = centroid(vectors, order.slice(0, cut), dimensions);
    b = centroid(vectors, order.slice(cut), dimensions);
  }
  return [order.slice(0, cut), order.slice(cut)];
}

/** The word class table of the texts (see the module's comment). */
export function learnWordClasses(texts: readonly string[], settings: WordClassSettings): WordClassTable {
  const documents = tokenTexts(texts);
  const counts = new Map<string, number>();
  for (const tokens of documents) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  const ranked = byCountThenText(counts);
  const words = ranked.filter((word) => counts.get(word)! >= settings.minCount);
  const vectors = contextVectors(documents, words, ranked.slice(0, settings.contextWords));
  const dimensions = contextOffsets.length * (settings.contextWords + 2);
  const classes = new Uint16Array(words.length);
  const split = (members: number[], depth: number, path: number) => {
    if (depth === settings.classBits) {
      for (const m of members) classes[m] = path;
      return;
    }
    if (members.length < 2) {
      split(members, depth + 1, path << 1);
      return;
    }
    const [left, right] = bisect(vectors, members, dimensions, settings.iterations);
    split(left, depth + 1, path << 1);
    split(right, depth + 1, (path << 1) | 1);
  };
  split(
    words.map((_, i) => i),
    0,
    0,
  );
  return { classBits: settings.classBits, words, classes };
}
