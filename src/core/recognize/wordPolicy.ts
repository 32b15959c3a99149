import type { EntityRecord, TermRecord } from '../vocabulary/model';

/**
 * When a word that some gene or product is named is that gene or product, and when it is just a
 * word. One policy, applied in two places: at build time (which terms are indexed at all,
 * `termIsIndexed`) and in prose (which indexed symbols a sentence really means, `isGeneReading`).
 *
 * Why 'HR 0.45' is not the hairless gene: HR is a statistic followed by its value. Why 'CI' is
 * never NDUFB6: it is an abbreviation prose uses constantly. Why 'met' and 'Set' are not genes:
 * case (symbols count in capitals), and 'SET' in a shouted heading is not one either.
 */

/**
 * Abbreviations of methods, statistics, trial endpoints and institutions that biomedical prose
 * uses constantly and that some gene happens to have as a symbol or alias ('CI' is an alias of
 * NDUFB6, 'EMT' of SLC22A3, 'PDF' the peptide deformylase symbol). In prose they are never the gene.
 */
const abbreviationsThatAreNotGenes = new Set([
  'ANOVA',
  'AUC',
  'BMI',
  'CBR',
  'CI',
  'CT',
  'DCR',
  'DNA',
  'ELISA',
  'EMT',
  'FDA',
  'FISH',
  'ICU',
  'IHC',
  'IQR',
  'MRI',
  'NCI',
  'NGS',
  'NIH',
  'OR',
  'ORR',
  'OS',
  'PCR',
  'PDF',
  'PET',
  'PFS',
  'RNA',
  'RR',
  'SD',
  'SE',
  'SEM',
  'SNP',
  'TTP',
  'WHO',
]);

/**
 * Build time: whether a term is indexed. The English word list is broad (it has 'morphine' and
 * 'paracetamol' as well as 'date' and 'water'), so:
 * - an alias, previous symbol, brand or code that is an English word ('Era', 'MAP', 'Focus') is not
 *   indexed: such a word in prose almost never means the gene or product;
 * - a drug's generic name or synonym that is an English word is indexed only when longer than
 *   five letters: 'lithium' and 'paracetamol' are the drugs, 'water', 'date' and 'same' are not;
 * - approved gene symbols stay, flagged as common words, and prose asks more of them (below).
 * Case-insensitive names shorter than four letters ('com') are too easily words, and so are
 * aliases of two characters or three letters ('ABC', 'NEU'): they name many things. Curated terms
 * always stay: a person decided them.
 */
export function termIsIndexed(term: TermRecord, entity: EntityRecord, isEnglish: boolean): boolean {
  if (term.role === 'curated') return true;
  if (term.text.length < 2) return false;
  if (!term.caseSensitive && term.text.length < 4) return false;
  if (entity.kind === 'gene' && abbreviationsThatAreNotGenes.has(term.text.replace(/[-\s/]/g, ''))) return false;
  if ((term.role === 'alias' || term.role === 'previous') && (term.text.length <= 2 || /^[A-Za-z]{3}$/.test(term.text))) return false;
  if (!isEnglish) return true;
  if (term.role === 'symbol' || term.role === 'name') return true;
  if (entity.kind === 'drug' && (term.role === 'generic' || term.role === 'synonym')) return term.text.length > 5;
  return false;
}

/**
 * Abbreviations of statistics that are also approved gene symbols ('HR' is the hairless gene,
 * 'OR' is not indexed at all, see above). Followed by a number they are statistics: 'HR 0.45',
 * 'HR = 1.2', 'HR: 0.3'.
 */
const statisticSymbols = new Set(['HR']);
const statisticValue = /^\s{0,2}[=:,(]?\s{0,2}[<>≤≥]?\s{0,2}\d/;

/** The words of the prose around a symbol, as the recogniser has them. */
export interface SymbolSurroundings {
  /** The text right after the symbol (a few characters are enough). */
  readonly after: string;
  /** The word before and the word after, if any. */
  readonly wordBefore: string | undefined;
  readonly wordAfter: string | undefined;
  readonly isEnglishWord: (lowerCaseWord: string) => boolean;
}

/**
 * Prose: whether an indexed gene symbol or alias is meant as the gene here. A statistic
 * followed by its value is not; a symbol that is also an everyday word ('SET', 'MET', 'CAT') is not
 * in all-capitals prose ('THE CAT SAT'). Case has already kept 'met' and 'Set' out.
 */
export function isGeneReading(surface: string, isCommonWord: boolean, around: SymbolSurroundings): boolean {
  if (statisticSymbols.has(surface) && statisticValue.test(around.after)) return false;
  if (isCommonWord && (shouted(around.wordBefore, around.isEnglishWord) || shouted(around.wordAfter, around.isEnglishWord))) return false;
  return true;
}

function shouted(word: string | undefined, isEnglishWord: (lowerCaseWord: string) => boolean): boolean {
  return word !== undefined && word.length >= 2 && /^[A-Z]+$/.test(word) && isEnglishWord(word.toLowerCase());
}
