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

/** The tags each tag may follow, and whether it may start a text. */
const predecessors = Array.from({ length: tagCount }, (_, to) => Int8Array.from({ length: tagCount }, (_, from) => from).filter((from) => canFollow(from, to)));
const canStart = Array.from({ length: tagCount }, (_, to) => canFollow(-1, to));

/** The best tags; `transitions[(from + 1) × tagCount + to]`, from = -1 at the start. */
export function viterbi(emissions: Float64Array, transitions: ArrayLike<number>, tokenCount: number): Uint8Array {
  const path = new Uint8Array(tokenCount);
  if (tokenCount === 0) return path;
  const best = new Float64Array(tokenCount * tagCount);
  const back = new Uint8Array(tokenCount * tagCount);
  for (let to = 0; to < tagCount; to++) best[to] = canStart[to] ? transitions[to] + emissions[to] : -Infinity;
  for (let t = 1; t < tokenCount; t++) {
    for (let to = 0; to < tagCount; to++) {
      let top = -Infinity;
      let arg = 0;
      const froms = predecessors[to];
      for (let p = 0; p < froms.length; p++) {
        const from = froms[p];
        const score = best[(t - 1) * tagCount + from] + transitions[(from + 1) * tagCount + to];
        if (score > top) {
          top = score;
          arg = from;
        }
      }
      best[t * tagCount + to] = top + emissions[t * tagCount + to];
      back[t * tagCount + to] = arg;
    }
  }
  // The last token closes any mention: it cannot be 'B' or 'I'.
  let last = Tag.Outside;
  for (let to = 0; to < tagCount; to++) if (!insideMention(to) && best[(tokenCount - 1) * tagCount + to] > best[(tokenCount - 1) * tagCount + last]) last = to;
  for (let t = tokenCount - 1; t >= 0; t--) {
    path[t] = last;
    last = back[t * tagCount + last];
  }
  return path;
}
