import type { UnmatchedWord } from '../recognize/recognizer';
import type { Vocabulary } from '../vocabulary/vocabulary';

/**
 * Words that no vocabulary and no word list knows, that are near a drug's name, and that are
 * still no slip of one. Real abstracts are full of them, and drug-misspelling warned on each:
 * 'microg' (Microx?), 'American' (Americaine?), 'neuroprotective' (neuroprotection?), 'adeno-'
 * (Adenock?), 'glutamyl' (glutaral?), 'heparan sulfate' (heparin?). A writer stops trusting a
 * checker that does; a drug-name slip seldom has any of these shapes.
 */

/** Units written out: '4 microg/kg', '10 microM', '2 mequiv'. */
const unitWord = /^(?:(?:micro|nano|pico|femto|milli)(?:g|l|m|mol|molar|grams?|lit(?:er|re)s?|equiv|eq)|m?equiv|mosm)$/;

/** Prefixes that make an English word a longer one: 'neuroprotective', 'extrarenal', 'predose'. */
const englishPrefixes = [
  'extra', 'intra', 'inter', 'neuro', 'post', 'pre', 'pro', 'anti', 'non', 'sub', 'super', 'supra', 'hyper',
  'hypo', 'peri', 'trans', 'over', 'under', 'semi', 'multi', 'macro', 'immuno', 'cardio', 'hepato', 'nephro',
]; // prettier-ignore
/**
 * Suffixes that make an English word an adjective or noun: 'intronic', 'nociceptive'. Not '-al':
 * drug names end so ('phenobarbital', and 'Adderal' is Adderall's slip, not 'adder' + 'al').
 */
const englishSuffixes = ['ic', 'ive', 'ity', 'ness'];
/** The shortest English word a prefix or suffix may be added to: 'pre' + 'dose', not 'pro' + 'men'. */
const minimumStem = 4;

/**
 * What chemists add to a drug's name for its metabolites and analogues: 'norcocaine',
 * 'desmethyldiazepam', '4-hydroxytamoxifen', 'doxorubicinol', 'adriamycinone'. A slip changes a
 * name; it does not keep the whole name and add one of these.
 */
const derivativePrefixes = [
  'nor',
  'desmethyl',
  'demethyl',
  'didesmethyl',
  'hydroxy',
  'dihydro',
  'deoxy',
  'desoxy',
  'methyl',
  'epi',
  'iso',
  'dehydro',
  'desethyl',
  'oxo',
];
const derivativeSuffixes = ['ol', 'one', 'ate', 'ide'];

/** Whether a word is a stem `isStem` accepts with one of the prefixes before it or one of the suffixes after it. */
function isAffixed(word: string, prefixes: readonly string[], suffixes: readonly string[], isStem: (stem: string) => boolean): boolean {
  const stem = (text: string) => text.length >= minimumStem && isStem(text);
  return prefixes.some((p) => word.startsWith(p) && stem(word.slice(p.length))) || suffixes.some((s) => word.endsWith(s) && stem(word.slice(0, -s.length)));
}

/** Whether a lower-case word is a drug's whole name with a metabolite's or analogue's prefix or suffix. */
function isDrugDerivative(word: string, vocabulary: Vocabulary): boolean {
  return isAffixed(word, derivativePrefixes, derivativeSuffixes, (stem) => vocabulary.drugNameIndex(stem) >= 0);
}

/** Endings of a substituent in a chemical's systematic name, never of a drug's own name: 'glutamyl', 'trimethoxy'. */
const substituentEnding = /(?:yl|oxy)$/;

/** Whether a lower-case word is an English word (no drug's name) with an English prefix or suffix added. */
function isDerivedEnglishWord(word: string, vocabulary: Vocabulary): boolean {
  return isAffixed(word, englishPrefixes, englishSuffixes, (stem) => vocabulary.isEnglishWord(stem) && vocabulary.drugNameIndex(stem) < 0);
}

/** Whether a lower-case word, whatever its place, is of a shape no drug-name slip has: a unit, a derived English word, a drug's derivative. */
export function isOtherWordShape(word: string, vocabulary: Vocabulary): boolean {
  return unitWord.test(word) || isDerivedEnglishWord(word, vocabulary) || isDrugDerivative(word, vocabulary);
}

/**
 * The substituent ending a word has ('yl' of 'glutamyl'), which a drug name it slips from must
 * share ('Benedryl' is still Benadryl's slip); '' for none.
 */
export function substituentEndingOf(word: string): string {
  return substituentEnding.exec(word)?.[0] ?? '';
}

/** Demonyms and place names, capitalised: 'American', 'Romanian', 'Japanese', 'Maryland'. */
const demonymOrPlace = /^\p{Lu}\p{Ll}+(?:ian|ean|can|ese|land)$/u;

/**
 * Whether a word, where the note writes it, is no drug's name: a piece of a longer name the tagger
 * read ('heparan sulfate'), a combining form joined to the next word ('adeno-associated',
 * '2-chloro-4-', 'bicyclo[2.2.2]'), or a demonym or a place ('American', 'Maryland').
 */
export function isOtherWordInPlace(word: UnmatchedWord, text: string): boolean {
  if (word.insideLongerName) return true;
  const written = text.slice(word.start, word.end);
  if (written.endsWith('o') && /^[-[][\p{L}\d]/u.test(text.slice(word.end, word.end + 2))) return true;
  return demonymOrPlace.test(written);
}
