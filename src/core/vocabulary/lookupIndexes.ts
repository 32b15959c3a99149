import { runToEnd, type Steps } from '../steps';
import { phoneticKey } from '../text/similarity';
import { nearMissMaxDistance, nearMissPrefixLength, phoneticMaxDistance } from './lexicon';

/**
 * The vocabulary's lookup indexes that follow from its keys and drug names alone: the key hash
 * table with each key's start, and the SymSpell deletion indexes of the drug names (spelling and
 * phonetic key). The build writes them to their own file (dataFiles.lookupIndexes), which the
 * Node hosts read as it is; a browser rebuilds them in its worker instead, from the files it
 * downloads anyway, since they are two thirds of the packed bytes and compress badly (hashes).
 * Both ways run this code, so both give the same arrays. The builds are steps (steps.ts) so that
 * a worker can run them in slices and keep answering meanwhile.
 */
export interface KeyIndex {
  /** Open addressing over the keys' hashes: entry index + 1, 0 for an empty slot. */
  readonly table: Uint32Array;
  /** Where each key starts in the keys text (one key a line), and, last, the text's length. */
  readonly keyStarts: Uint32Array;
}

export interface DrugNameIndexes {
  /** Hashes of the deletions of each drug name's first letters, sorted, beside the name each came from. */
  readonly nearMissHashes: Uint32Array;
  readonly nearMissNames: Uint32Array;
  /** The same over each name's phonetic key. */
  readonly phoneticHashes: Uint32Array;
  readonly phoneticNames: Uint32Array;
}

export type LookupIndexes = KeyIndex & DrugNameIndexes;

/** The sections of the lookup-index file. */
export const lookupIndexSections = ['table', 'keyStarts', 'nearMissHashes', 'nearMissNames', 'phoneticHashes', 'phoneticNames'] as const;

/**
 * How many keys or names a step of an index build handles before it yields: well under a
 * millisecond's work. Each step's loop is a plain function of its own: a loop in a generator's
 * body that runs once (as a worker runs these) stays unoptimised for longer, about twice as slow.
 */
const keysPerStep = 8192;
const namesPerStep = 1024;
const bucketsPerStep = 4096;

/** The hash table and key starts of a keys text (each key followed by a newline, in entry order). */
export function keyIndex(keysText: string): KeyIndex {
  return runToEnd(keyIndexSteps(keysText));
}

/** keyIndex as steps. */
export function* keyIndexSteps(keysText: string): Steps<KeyIndex> {
  const count = lineCount(keysText);
  const tableSize = 1 << Math.ceil(Math.log2(Math.max(2, count * 2)));
  const table = new Uint32Array(tableSize);
  const keyStarts = new Uint32Array(count + 1);
  let start = 0;
  for (let from = 0; from < count; from += keysPerStep) {
    yield;
    start = addKeys(keysText, from, Math.min(count, from + keysPerStep), start, table, keyStarts);
  }
  keyStarts[count] = start;
  return { table, keyStarts };
}

function lineCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Puts keys `from` to `to` (the first starting at `start`) in the table; returns where the next starts. */
function addKeys(keysText: string, from: number, to: number, start: number, table: Uint32Array, keyStarts: Uint32Array): number {
  const mask = table.length - 1;
  for (let index = from; index < to; index++) {
    const end = keysText.indexOf('\n', start);
    keyStarts[index] = start;
    // FNV-1a over the key's code units, as hashString computes it, without cutting the key out.
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) {
      h ^= keysText.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    let slot = (h >>> 0) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = index + 1;
    start = end + 1;
  }
  return start;
}

/** FNV-1a (hashString's) of `word` without the letters whose bits are set in `deleted`. */
function hashWithout(word: string, deleted: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if ((deleted >> i) & 1) continue;
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The masks of at most maxDistance of `length` letters, fewest first. */
function deletionMasks(length: number, maxDistance: number): number[] {
  const masks: number[] = [];
  for (let deleted = 0; deleted < 1 << length; deleted++) {
    let count = 0;
    for (let m = deleted; m !== 0; m &= m - 1) count++;
    if (count <= maxDistance) masks.push(deleted);
  }
  return masks;
}

/**
 * Sorted (hash, name) pairs of the deletions (similarity.ts deletions()) of each key's first
 * letters: the hash of every string left by deleting at most maxDistance letters, once per key.
 * Hashed without building the strings, and sorted stably by hash, so that equal hashes keep their
 * names in order: a browser rebuilds this at start-up.
 */
function* deletionIndex(keys: readonly string[], maxDistance: number): Steps<{ hashes: Uint32Array; names: Uint32Array }> {
  const masksOf = Array.from({ length: nearMissPrefixLength + 1 }, (_, length) => deletionMasks(length, maxDistance));
  const capacity = keys.length * masksOf[nearMissPrefixLength].length;
  const hashes = new Uint32Array(capacity);
  const names = new Uint32Array(capacity);
  let count = 0;
  for (let from = 0; from < keys.length; from += namesPerStep) {
    yield;
    count = addDeletions(keys, from, Math.min(keys.length, from + namesPerStep), masksOf, hashes, names, count);
  }
  return yield* sortByHash(hashes.subarray(0, count), names.subarray(0, count));
}

/** Adds the deletions of keys `from` to `to` after the first `count` pairs; returns the new count. */
function addDeletions(
  keys: readonly string[],
  from: number,
  to: number,
  masksOf: readonly number[][],
  hashes: Uint32Array,
  names: Uint32Array,
  count: number,
): number {
  for (let index = from; index < to; index++) {
    const key = keys[index];
    const prefix = key.length > nearMissPrefixLength ? key.slice(0, nearMissPrefixLength) : key;
    // Two deletions leave the same letters only when a letter repeats ('letrozole' without either o);
    // then they count once. Otherwise every deletion is another string (and almost always another hash).
    const repeats = hasRepeatedLetter(prefix);
    const first = count;
    for (const deleted of masksOf[prefix.length]) {
      const h = hashWithout(prefix, deleted);
      let seen = false;
      if (repeats) for (let i = first; i < count && !seen; i++) seen = hashes[i] === h;
      if (seen) continue;
      hashes[count] = h;
      names[count++] = index;
    }
  }
  return count;
}

function hasRepeatedLetter(word: string): boolean {
  for (let i = 1; i < word.length; i++) for (let j = 0; j < i; j++) if (word.charCodeAt(i) === word.charCodeAt(j)) return true;
  return false;
}

/**
 * Stable sort of (hash, name) pairs by hash: one counting pass on the high 16 bits, then an
 * insertion sort on the low ones within each bucket (a dozen pairs each). A second counting pass
 * would cost more: its scattered writes miss the cache where the insertion sort's runs do not.
 */
function* sortByHash(hashes: Uint32Array, names: Uint32Array): Steps<{ hashes: Uint32Array; names: Uint32Array }> {
  const starts = new Uint32Array(65537);
  for (let i = 0; i < hashes.length; i++) starts[(hashes[i] >>> 16) + 1]++;
  for (let b = 1; b < starts.length; b++) starts[b] += starts[b - 1];
  const sortedHashes = new Uint32Array(hashes.length);
  const sortedNames = new Uint32Array(names.length);
  yield;
  scatterByHighBits(hashes, names, starts, sortedHashes, sortedNames);
  for (let from = 0; from < 65536; from += bucketsPerStep) {
    yield;
    sortBuckets(starts, from, from + bucketsPerStep, sortedHashes, sortedNames);
  }
  return { hashes: sortedHashes, names: sortedNames };
}

/** The counting pass: each pair to the next place of its bucket (of the hash's high 16 bits). */
function scatterByHighBits(hashes: Uint32Array, names: Uint32Array, starts: Uint32Array, sortedHashes: Uint32Array, sortedNames: Uint32Array): void {
  const next = starts.slice(0, 65536);
  for (let i = 0; i < hashes.length; i++) {
    const at = next[hashes[i] >>> 16]++;
    sortedHashes[at] = hashes[i];
    sortedNames[at] = names[i];
  }
}

/** Insertion sort of buckets `from` to `to` on the low bits. */
function sortBuckets(starts: Uint32Array, from: number, to: number, sortedHashes: Uint32Array, sortedNames: Uint32Array): void {
  for (let b = from; b < to; b++) {
    const end = starts[b + 1];
    for (let i = starts[b] + 1; i < end; i++) {
      const h = sortedHashes[i];
      const name = sortedNames[i];
      let j = i - 1;
      // Strictly greater: equal hashes keep their order.
      for (; j >= starts[b] && sortedHashes[j] > h; j--) {
        sortedHashes[j + 1] = sortedHashes[j];
        sortedNames[j + 1] = sortedNames[j];
      }
      sortedHashes[j + 1] = h;
      sortedNames[j + 1] = name;
    }
  }
}

/** The near-miss and phonetic deletion indexes of the drug names (lower case, in name-index order). */
export function drugNameIndexes(names: readonly string[]): DrugNameIndexes {
  return runToEnd(drugNameIndexSteps(names));
}

/** drugNameIndexes as steps. */
export function* drugNameIndexSteps(names: readonly string[]): Steps<DrugNameIndexes> {
  const near = yield* deletionIndex(names, nearMissMaxDistance);
  const phoneticKeys: string[] = [];
  for (let from = 0; from < names.length; from += namesPerStep) {
    yield;
    for (let index = from; index < Math.min(names.length, from + namesPerStep); index++) phoneticKeys.push(phoneticKey(names[index]));
  }
  const phonetic = yield* deletionIndex(phoneticKeys, phoneticMaxDistance);
  return { nearMissHashes: near.hashes, nearMissNames: near.names, phoneticHashes: phonetic.hashes, phoneticNames: phonetic.names };
}
