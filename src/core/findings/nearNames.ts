import { confusability, editDistance, phoneticKey } from '../text/similarity';
import type { NearMiss, Vocabulary } from '../vocabulary/vocabulary';
import { isOtherWordShape, substituentEndingOf } from './notDrugNames';

/**
 * Which drug names an unmatched word may be a slip of, found from the word and the vocabulary
 * alone: the part of drug-misspelling's judgement that no note changes, so that a service keeps
 * it per word and a verdict judged again after an edit (the note's context moved) reuses it.
 */

/** Edits a misspelling may be from a drug name: long names tolerate two slips, short ones one. */
function maxEditsFor(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

/**
 * Endings that mark a word as a drug name (INN stems and common drug-name endings). A word that
 * carries one may be further from the name it misspells than an ordinary word would be allowed.
 */
const drugStems = [
  'ozole',
  'ciclib',
  'lisib',
  'limus',
  'strant',
  'mab',
  'nib',
  'platin',
  'taxel',
  'rubicin',
  'parib',
  'zomib',
  'citabine',
  'tecan',
  'poside',
  'mustine',
  'domide',
  'lutamide',
  'relix',
  'relin',
  'ifene',
  'oxifen',
  'mestane',
  'vir',
  'cillin',
  'mycin',
  'floxacin',
  'cycline',
  'statin',
  'sartan',
  'pril',
  'olol',
  'dipine',
  'prazole',
  'tidine',
  'setron',
  'triptan',
  'dronate',
  'gliptin',
  'glitazone',
  'afil',
  'oxetine',
  'azepam',
  'azolam',
  'profen',
  'coxib',
  'parin',
  'xaban',
  'gatran',
  'semide',
  'thiazide',
  'clax',
  'lukast',
  'sertib',
  'degib',
];

/** The drug stem a word ends with, if any. */
function drugStemOf(word: string): string | undefined {
  return drugStems.find((stem) => word.length > stem.length + 2 && word.endsWith(stem));
}

/** How confusable a candidate found only by stem or sound must be to be offered. */
const farCandidateConfusability = 0.6;

/**
 * Whether a word is one edit from an everyday English word that is not a drug name: such a word
 * is more likely an English typo, which spell checkers handle, than a drug-name slip.
 */
function nearEnglishWord(word: string, vocabulary: Vocabulary): boolean {
  const english = (w: string) => w.length >= 3 && vocabulary.isEnglishWord(w) && vocabulary.drugNameIndex(w) < 0;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    if (i < word.length) {
      const after = word.slice(i + 1);
      if (english(before + after)) return true;
      if (i + 1 < word.length && english(before + word[i + 1] + word[i] + word.slice(i + 2))) return true;
      for (const c of letters) if (c !== word[i] && english(before + c + after)) return true;
    }
    for (const c of letters) if (english(before + c + word.slice(i))) return true;
  }
  return false;
}

/** The drug names a word may be a slip of, with what the ranking asks of each, computed on first ask. */
export class NearDrugNames {
  private readonly similarities = new Map<number, number>();
  private readonly edits = new Map<number, number>();

  constructor(
    private readonly word: string,
    private readonly vocabulary: Vocabulary,
    /** The drug names (name indexes) found near the word, in the order found (near misses, then sound-alikes). */
    readonly nearest: readonly number[],
    private readonly maxEdits: number,
  ) {}

  /** How confusable the word is with a drug name (text/similarity.ts). */
  similarity(nameIndex: number): number {
    let similarity = this.similarities.get(nameIndex);
    if (similarity === undefined) this.similarities.set(nameIndex, (similarity = confusability(this.word, this.vocabulary.drugName(nameIndex))));
    return similarity;
  }

  /** Edits from the word to a drug name, counted up to two more than the word is allowed. */
  editsFrom(nameIndex: number): number {
    let edits = this.edits.get(nameIndex);
    if (edits === undefined) this.edits.set(nameIndex, (edits = editDistance(this.word, this.vocabulary.drugName(nameIndex), this.maxEdits + 2)));
    return edits;
  }
}

/** The drug names a lower-case word may be a slip of, or undefined when it is no drug-name slip. */
export function nearDrugNames(word: string, vocabulary: Vocabulary): NearDrugNames | undefined {
  if (isOtherWordShape(word, vocabulary)) return undefined;
  const stem = drugStemOf(word);
  const ending = substituentEndingOf(word);
  const maxEdits = maxEditsFor(word);
  const close = (m: NearMiss) => m.distance <= maxEdits && (m.distance === 1 || m.name[0] === word[0]);
  const far = (m: NearMiss) => !close(m) && phoneticKey(m.name)[0] === phoneticKey(word)[0] && confusability(word, m.name) >= farCandidateConfusability;
  // With a drug stem the word may be a slip further off ('lerocyclibe'); any word may be a respelling.
  const found = stem ? vocabulary.nearMisses(word, maxEdits + 1) : vocabulary.nearMisses(word, maxEdits);
  const misses = [...found, ...vocabulary.soundAlikes(word)].filter((m) => (close(m) || far(m)) && m.name.endsWith(ending));
  if (misses.length === 0) return undefined;
  // An English word closer than every drug name: the word is an English typo, not a drug slip.
  if (!stem && misses.every((m) => m.distance > 1) && nearEnglishWord(word, vocabulary)) return undefined;
  return new NearDrugNames(
    word,
    vocabulary,
    misses.map((m) => m.nameIndex),
    maxEdits,
  );
}
