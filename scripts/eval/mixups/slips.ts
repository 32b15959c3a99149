import { qwertyNeighbours } from '../../../src/core/text/similarity';

/**
 * The slips the mix-up evaluation makes of drug names, in the proportions typing studies report
 * them: most misspellings are one dropped, doubled or swapped letter, a neighbouring key, or a
 * vowel written for another; a few are other letters. The first letter is kept: writers rarely
 * mistype it, and readers notice when they do.
 */

/** A small deterministic pseudo-random generator (mulberry32), so the set is the same every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vowels = 'aeiou';

/** Each kind of slip with its share of all slips (they sum to 1). */
const slipShares: Array<[kind: 'drop' | 'double' | 'undouble' | 'swap' | 'keyboard' | 'vowel' | 'other', share: number]> = [
  ['drop', 0.24],
  ['double', 0.1],
  ['undouble', 0.08],
  ['swap', 0.14],
  ['keyboard', 0.22],
  ['vowel', 0.17],
  ['other', 0.05],
];

function pick<T>(items: string | readonly T[], rand: () => number): T | string {
  return items[Math.floor(rand() * items.length)];
}

/** One slip a writer makes (never of the first letter); the word itself when the slip drawn does not apply. */
export function oneSlip(word: string, rand: () => number): string {
  const i = 1 + Math.floor(rand() * (word.length - 1));
  let r = rand();
  const kind = slipShares.find(([, share]) => (r -= share) < 0)?.[0] ?? 'other';
  const replace = (c: string) => word.slice(0, i) + c + word.slice(i + 1);
  switch (kind) {
    case 'drop':
      return word.slice(0, i) + word.slice(i + 1);
    case 'double':
      return word.slice(0, i) + word[i] + word.slice(i);
    case 'undouble': {
      const doubled = word.slice(1).search(/(.)\1/);
      return doubled < 0 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, doubled + 1) + word.slice(doubled + 2);
    }
    case 'swap':
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word;
    case 'keyboard': {
      const near = qwertyNeighbours[word[i]];
      return near ? replace(pick(near, rand)) : word;
    }
    case 'vowel':
      return vowels.includes(word[i]) ? replace(pick(vowels.replace(word[i], ''), rand)) : word;
    default:
      return replace(pick('abcdefghijklmnopqrstuvwxyz'.replace(word[i], ''), rand));
  }
}

/** Spellings by ear: the respellings a phonetic key should see through. */
export function respell(word: string): string {
  return word
    .replace(/ph/g, 'f')
    .replace(/y/g, 'i')
    .replace(/c(?=[aou])/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/([aeiou])\1/g, '$1');
}
