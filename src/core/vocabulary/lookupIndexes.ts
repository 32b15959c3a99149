import { phoneticKey } from '../text/similarity';
import { nearMissMaxDistance, nearMissPrefixLength, phoneticMaxDistance } from './lexicon';

/**
 * The vocabulary's lookup indexes that follow from its keys and drug names alone: the key hash
 * table with each key's start, and the SymSpell deletion indexes of the drug names (spelling and
 * phonetic key). The build writes them to their own file (dataFiles.lookupIndexes), which the
 * Node hosts read as it is; a browser rebuilds them in its worker instead, from the files it
 * downloads anyway, since they are two thirds of the packed bytes and compress badly (hashes).
 * Both ways run this code, so both give the same arrays.
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

/** The hash table and key starts of a keys text (each key followed by a newline, in entry order). */
export function keyIndex(keysText: string): KeyIndex {
  let count = 0;
  for (let i = keysText.indexOf('\n'); i >= 0; i = keysText.indexOf('\n', i + 1)) count++;
  const tableSize = 1 << Math.ceil(Math.log2(Math.max(2, count * 2)));
  const mask = tableSize - 1;
  const table = new Uint32Array(tableSize);
  const keyStarts = new Uint32Array(count + 1);
  let start = 0;
  for (let index = 0; index < count; index++) {
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
  keyStarts[count] = start;
  return { table, keyStarts };
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
 * Hashed without building the strings, and sorted by a stable radix sort on the hash, so that
 * equal hashes keep their names in order: a browser rebuilds this at start-up.
 */
function deletionIndex(keys: readonly string[], maxDistance: number): { hashes: Uint32Array; names: Uint32Array } {
  const masksOf = Array.from({ length: nearMissPrefixLength + 1 }, (_, length) => deletionMasks(length, maxDistance));
  const capacity = keys.length * masksOf[nearMissPrefixLength].length;
  const hashes = new Uint32Array(capacity);
  const names = new Uint32Array(capacity);
  let count = 0;
  keys.forEach((key, index) => {
    const prefix = key.length > nearMissPrefixLength ? key.slice(0, nearMissPrefixLength) : key;
    const first = count;
    for (const deleted of masksOf[prefix.length]) {
      const h = hashWithout(prefix, deleted);
      // Two deletions that leave the same letters ('letrozole' without either l) count once.
      let seen = false;
      for (let i = first; i < count && !seen; i++) seen = hashes[i] === h;
      if (seen) continue;
      hashes[count] = h;
      names[count++] = index;
    }
  });
  return radixSortByHash(hashes.subarray(0, count), names.subarray(0, count));
}

/** Stable sort of (hash, name) pairs by hash: two passes of 16 bits. */
function radixSortByHash(hashes: Uint32Array, names: Uint32Array): { hashes: Uint32Array; names: Uint32Array } {
  let fromHashes = hashes;
  let fromNames = names;
  for (const shift of [0, 16]) {
    const counts = new Uint32Array(65537);
    for (let i = 0; i < fromHashes.length; i++) counts[((fromHashes[i] >>> shift) & 0xffff) + 1]++;
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    const toHashes = new Uint32Array(fromHashes.length);
    const toNames = new Uint32Array(fromNames.length);
    for (let i = 0; i < fromHashes.length; i++) {
      const at = counts[(fromHashes[i] >>> shift) & 0xffff]++;
      toHashes[at] = fromHashes[i];
      toNames[at] = fromNames[i];
    }
    fromHashes = toHashes;
    fromNames = toNames;
  }
  return { hashes: fromHashes, names: fromNames };
}

/** The near-miss and phonetic deletion indexes of the drug names (lower case, in name-index order). */
export function drugNameIndexes(names: readonly string[]): DrugNameIndexes {
  const near = deletionIndex(names, nearMissMaxDistance);
  const phonetic = deletionIndex(names.map(phoneticKey), phoneticMaxDistance);
  return { nearMissHashes: near.hashes, nearMissNames: near.names, phoneticHashes: phonetic.hashes, phoneticNames: phonetic.names };
}
