/**
 * First-order Viterbi over BIO tags: the best tag sequence given each token's tag scores and the
 * transition scores. 'I' may follow only 'B' or 'I', so every path spells whole mentions.
 */
import { tagCount } from './model';
import type { TokenFeatures } from './features';

const O = 0;
const I = 2;

/** Each token's score per tag, from weights indexed `bucket × tagCount + tag`, times a scale. */
export function emissionScores(features: TokenFeatures, weights: ArrayLike<number>, scale: number, tokenCount: number): Float64Array {
  const scores = new Float64Array(tokenCount * tagCount);
  const { offsets, buckets } = features;
  for (let t = 0; t < tokenCount; t++) {
    let o = 0;
    let b = 0;
    let i = 0;
    for (let f = offsets[t]; f < offsets[t + 1]; f++) {
      const base = buckets[f] * tagCount;
      o += weights[base];
      b += weights[base + 1];
      i += weights[base + 2];
    }
    scores[t * tagCount] = o * scale;
    scores[t * tagCount + 1] = b * scale;
    scores[t * tagCount + 2] = i * scale;
  }
  return scores;
}

/** The best tags; `transitions[(from + 1) × tagCount + to]`, from = -1 at the start. */
export function viterbi(emissions: Float64Array, transitions: ArrayLike<number>, tokenCount: number): Uint8Array {
  const path = new Uint8Array(tokenCount);
  if (tokenCount === 0) return path;
  const best = new Float64Array(tokenCount * tagCount);
  const back = new Uint8Array(tokenCount * tagCount);
  for (let to = 0; to < tagCount; to++) best[to] = to === I ? -Infinity : transitions[to] + emissions[to];
  for (let t = 1; t < tokenCount; t++) {
    for (let to = 0; to < tagCount; to++) {
      let top = -Infinity;
      let arg = 0;
      for (let from = 0; from < tagCount; from++) {
        if (to === I && from === O) continue;
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
  let last = 0;
  for (let to = 1; to < tagCount; to++) if (best[(tokenCount - 1) * tagCount + to] > best[(tokenCount - 1) * tagCount + last]) last = to;
  for (let t = tokenCount - 1; t >= 0; t--) {
    path[t] = last;
    last = back[t * tagCount + last];
  }
  return path;
}
