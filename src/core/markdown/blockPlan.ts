/**
 * Incremental block splitting: after an edit, the blocks of the new note are found by re-splitting
 * only from just before the edit until the split points line up with the old ones again.
 */
import { splitBlocks, type TailOracle } from './blocks';

/** What the plan needs of the previous version of a note. */
export interface PreviousSplit {
  readonly text: string;
  readonly poison: string;
  readonly starts: readonly number[];
}

export interface BlockPlan {
  readonly starts: number[];
  /** For block i of the new note, the index of the identical block of the previous note, if any. */
  readonly reuse: ((i: number) => number | undefined) | undefined;
  /** Indices of previous blocks that the new note does not carry over. */
  readonly replacedOld: readonly number[];
}

/**
 * Splits `text` into blocks, reusing the split of the previous note where the two agree: the blocks
 * before the edit (all but the last of them, whose first line may have changed) and, once a split
 * point after the edit coincides with an old one, every block after it.
 */
export function planBlocks(previous: PreviousSplit | undefined, text: string, poison: string, tailOf: TailOracle): BlockPlan {
  const full = (): BlockPlan => ({ starts: splitBlocks(text, tailOf).starts, reuse: undefined, replacedOld: [] });
  if (!previous || previous.poison !== poison) return full();
  const old = previous.text;
  const oldStarts = previous.starts;
  const shortest = Math.min(old.length, text.length);
  const prefix = commonPrefixLength(old, text, shortest);
  if (prefix === old.length && prefix === text.length) {
    return { starts: oldStarts.slice(), reuse: (i) => i, replacedOld: [] };
  }
  const suffix = commonSuffixLength(old, text, shortest - prefix);

  // Restart one block before the one the edit begins in: a block's first line decides whether the
  // split before it happens at all.
  const restart = lastIndexAtOrBefore(oldStarts, prefix) - 1;
  if (restart < 1) return full();
  const delta = text.length - old.length;
  const changeEnd = text.length - suffix;
  let resumeOld = -1;
  const split = splitBlocks(text, tailOf, {
    from: oldStarts[restart],
    stopAt: (offset) => {
      if (offset < changeEnd) return false;
      const k = lastIndexAtOrBefore(oldStarts, offset - delta);
      if (k <= restart || oldStarts[k] !== offset - delta) return false;
      resumeOld = k;
      return true;
    },
  });
  const starts = oldStarts.slice(0, restart).concat(split.starts);
  const firstNew = restart;
  const firstResumed = starts.length;
  const replacedOld: number[] = [];
  if (resumeOld >= 0) {
    for (let k = resumeOld; k < oldStarts.length; k++) starts.push(oldStarts[k] + delta);
    for (let k = restart; k < resumeOld; k++) replacedOld.push(k);
  } else {
    for (let k = restart; k < oldStarts.length; k++) replacedOld.push(k);
  }
  const shift = resumeOld - firstResumed;
  return {
    starts,
    reuse: (i) => (i < firstNew ? i : resumeOld >= 0 && i >= firstResumed ? i + shift : undefined),
    replacedOld,
  };
}

/**
 * Strides of the prefix and suffix comparison: comparing two substrings of this length is one
 * native string comparison, far cheaper than as many charCodeAt calls on a 1 MB note.
 */
const compareStride = 4096;

/** How many leading characters `a` and `b` share, at most `limit`. */
function commonPrefixLength(a: string, b: string, limit: number): number {
  let at = 0;
  while (at + compareStride <= limit && a.substring(at, at + compareStride) === b.substring(at, at + compareStride)) at += compareStride;
  while (at < limit && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** How many trailing characters `a` and `b` share, at most `limit`. */
function commonSuffixLength(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + compareStride <= limit && a.substring(a.length - n - compareStride, a.length - n) === b.substring(b.length - n - compareStride, b.length - n)) {
    n += compareStride;
  }
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Index of the last element of the ascending `values` that is ≤ `target` (-1 if none). */
function lastIndexAtOrBefore(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
