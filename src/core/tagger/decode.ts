/**
 * First-order Viterbi over BIOES tags: the best tag sequence given each token's tag scores and
 * the transition scores. A mention is one 'S' token, or 'B', any 'I's and an 'E'; the decoder
 * allows only the transitions that keep to that, so every path spells whole mentions.
 */
import { Tag, tagCount } from './model';
import type { TokenFeatures } from './features';

/** Each token's score per tag, from weights indexed `bucket × tagCount + tag`, times a scale. */
export function emissionScores(features: TokenFeatures, weights: ArrayLike<number>, scale: number, tokenCount: number): Float64Array {
  const scores = new Float64Array(tokenCount * tagCount);
  const { offsets, buckets } = features;
  for (let t = 0; t < tokenCount; t++) {
    const row = t * tagCount;
    for (let f = offsets[t]; f < offsets[t + 1]; f++) {
      const base = buckets[f] * tagCount;
      for (let tag = 0; tag < tagCount; tag++) scores[row + tag] += weights[base + tag];
    }
    for (let tag = 0; tag < tagCount; tag++) scores[row + tag] *= scale;
  }
  return scores;
}

/** Inside a mention: the next tag continues it ('I' or 'E'); outside, the next starts or skips one. */
const insideMention = (tag: number) => tag === Tag.Begin || tag === Tag.Inside;

/** Whether `to` may follow `from` (-1: the start). */
export function canFollow(from: number, to: number): boolean {
  const continues = to === Tag.Inside || to === Tag.End;
  return from >= 0 && insideMention(from) ? continues : !continues;
}

/**
 * The best tags; `transitions[(from + 1) × tagCount + to]`, from = -1 at the start. Written out
 * per tag, with the allowed predecessors of each ('O', 'B' and 'S' follow 'O', 'E' or 'S'; 'I' and
 * 'E' follow 'B' or 'I'), comparing them in the same order and with the same sums as a loop over
 * canFollow would, so the result is the same to the bit. `path` and `back` (at least `tokenCount`
 * and `tokenCount × tagCount` long) may be arrays kept between calls: every entry read is written first.
 */
export function viterbi(
  emissions: Float64Array,
  transitions: ArrayLike<number>,
  tokenCount: number,
  path = new Uint8Array(tokenCount),
  back = new Uint8Array(tokenCount * tagCount),
): Uint8Array {
  if (tokenCount === 0) return path;
  const at = (from: number, to: number) => transitions[(from + 1) * tagCount + to];
  const [oo, eo, so, ob, eb, sb, os, es, ss] = [at(0, 0), at(3, 0), at(4, 0), at(0, 1), at(3, 1), at(4, 1), at(0, 4), at(3, 4), at(4, 4)];
  const [bi, ii, be, ie] = [at(1, 2), at(2, 2), at(1, 3), at(2, 3)];
  let o = transitions[Tag.Outside] + emissions[Tag.Outside];
  let b = transitions[Tag.Begin] + emissions[Tag.Begin];
  let i = -Infinity;
  let e = -Infinity;
  let s = transitions[Tag.Single] + emissions[Tag.Single];
  for (let t = 1; t < tokenCount; t++) {
    const row = t * tagCount;
    // Best of 'O', 'E', 'S' before, for each tag that starts or skips a mention.
    let toO = o + oo;
    let fromO = Tag.Outside;
    if (e + eo > toO) {
      toO = e + eo;
      fromO = Tag.End;
    }
    if (s + so > toO) {
      toO = s + so;
      fromO = Tag.Single;
    }
    let toB = o + ob;
    let fromB = Tag.Outside;
    if (e + eb > toB) {
      toB = e + eb;
      fromB = Tag.End;
    }
    if (s + sb > toB) {
      toB = s + sb;
      fromB = Tag.Single;
    }
    let toS = o + os;
    let fromS = Tag.Outside;
    if (e + es > toS) {
      toS = e + es;
      fromS = Tag.End;
    }
    if (s + ss > toS) {
      toS = s + ss;
      fromS = Tag.Single;
    }
    // Best of 'B', 'I' before, for each tag that continues one.
    let toI = b + bi;
    let fromI = Tag.Begin;
    if (i + ii > toI) {
      toI = i + ii;
      fromI = Tag.Inside;
    }
    let toE = b + be;
    let fromE = Tag.Begin;
    if (i + ie > toE) {
      toE = i + ie;
      fromE = Tag.Inside;
    }
    o = toO + emissions[row + Tag.Outside];
    b = toB + emissions[row + Tag.Begin];
    i = toI + emissions[row + Tag.Inside];
    e = toE + emissions[row + Tag.End];
    s = toS + emissions[row + Tag.Single];
    back[row + Tag.Outside] = fromO;
    back[row + Tag.Begin] = fromB;
    back[row + Tag.Inside] = fromI;
    back[row + Tag.End] = fromE;
    back[row + Tag.Single] = fromS;
  }
  // The last token closes any mention: it cannot be 'B' or 'I'.
  let last: number = Tag.Outside;
  let top = o;
  if (e > top) {
    top = e;
    last = Tag.End;
  }
  if (s > top) last = Tag.Single;
  for (let t = tokenCount - 1; t >= 0; t--) {
    path[t] = last;
    last = back[t * tagCount + last];
  }
  return path;
}
