import type { EntityRecord, TermRecord, TermRole } from '../vocabulary/model';

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
  'ISH',
  'MRI',
  'NCBI',
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

/** Whether a word is one of those abbreviations ('NCBI', 'PCR', 'FDA'): never a gene, even where the tagger spans it ('NCBI Gene'). */
export function isAbbreviationThatIsNotAGene(word: string): boolean {
  return abbreviationsThatAreNotGenes.has(word.replace(/[-\s/]/g, ''));
}

/**
 * Build time: whether a term is indexed. The English word list is broad (it has 'morphine' and
 * 'paracetamol' as well as 'date' and 'water'), so:
 * - an alias, previous symbol, brand or code that is an English word ('Era', 'MAP', 'Focus') is not
 *   indexed: such a word in prose almost never means the gene or product;
 * - a drug's generic name or synonym that is an English word is indexed only when longer than
 *   five letters: 'lithium' and 'paracetamol' are the drugs, 'water', 'date' and 'same' are not;
 *   and only when a second source names the drug so, the word is formed like a chemical's name,
 *   or the record shows a medicine (see isMedicine, isSubstance): 'MONITOR' (a pesticide) and
 *   'Chicken' (an allergen extract) are not;
 * - a term without a letter is never indexed, and a family named by one English word neither;
 * - approved gene symbols stay, flagged as common words, and prose asks more of them (below).
 * Case-insensitive names shorter than four letters ('com') are too easily words, and so are
 * aliases of two characters or three letters ('ABC', 'NEU'): they name many things. Curated terms
 * and a curator's short forms (CuratedCard.taggedSynonyms) always stay: a person decided them.
 */
export function termIsIndexed(term: TermRecord, entity: EntityRecord, isEnglish: boolean): boolean {
  if (term.role === 'curated' || term.curatedShortForm) return true;
  if (term.text.length < 2) return false;
  if (!term.caseSensitive && term.text.length < 4) return false;
  // '225' (EGR1), '2-19' (FAM3A): a number in prose is a count, a dose or a page, never a gene.
  if (!/\p{L}/u.test(term.text)) return false;
  if (entity.kind === 'gene' && isAbbreviationThatIsNotAGene(term.text)) return false;
  if ((term.role === 'alias' || term.role === 'previous') && (term.text.length <= 2 || /^[A-Za-z]{3}$/.test(term.text))) return false;
  if (!isEnglish) return true;
  // 'Histones', 'Keratins': a family named by one English word is that word in prose.
  if (entity.kind === 'family') return /\s/.test(term.text);
  if (term.role === 'symbol' || term.role === 'name') return true;
  if (entity.kind === 'drug' && (term.role === 'generic' || term.role === 'synonym')) {
    if (term.text.length <= 5) return false;
    if (term.attested === true || chemicalWord.test(term.text)) return true;
    return term.role === 'generic' ? isSubstance(entity) : isMedicine(entity);
  }
  return false;
}

/**
 * A word formed like a chemical's name ('phosphate', 'lipopolysaccharide', 'pentylenetetrazol',
 * 'benzodiazepines') names the chemical even when the word list has it. None of the everyday-word
 * trade names the sources list ('MONITOR', 'CAPTURE', 'Balance', 'DIMENSION') ends so; '-ane' is
 * left out, as it ends plant names ('Sugarcane', 'Purslane').
 */
const chemicalWord = /(?:ate|ide|ol|ium|azole|azepine|amine|ene|yl)s?$/i;

/**
 * Whether a drug record shows it is used as a medicine: a target, a pharmacological class, a
 * brand or a MeSH heading. The databases also list pesticides and other products under trade
 * names that are English words ('MONITOR' for methamidophos, 'CASCADE' for flufenoxuron,
 * 'Balance' for isoxaflutole); such a record has none of these, no second source gives the
 * word as its name (TermRecord.attested: 'ecstasy', 'marijuana' are), and prose using the word
 * means the word.
 */
export function isMedicine(entity: EntityRecord): boolean {
  return !!(entity.targets?.length || entity.classes?.length || entity.brands?.length || entity.xrefs?.MeSH);
}

/**
 * Whether a drug record names a defined substance: a medicine, or a chemical with a CAS number.
 * Allergen extracts and foods ('Chicken', 'Rabbit') and a trial's or programme's name listed as a
 * drug ('ENABLE') have neither, and their English-word names stay words.
 */
function isSubstance(entity: EntityRecord): boolean {
  return isMedicine(entity) || !!entity.xrefs?.CAS;
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
  /** How the matched term names the gene: an approved symbol, an alias, a previous symbol. */
  readonly role: TermRole;
}

/**
 * 'BIG 1-98', 'Phase 2', 'Study 3': a word and a number apart are a trial's, a study's or a
 * section's name, even when the two joined are some gene's alias ('BIG1' is ARFGEF1). A symbol is
 * written joined.
 */
function isWordAndNumber(surface: string, isEnglishWord: (lowerCaseWord: string) => boolean): boolean {
  const parts = /^([A-Za-z]+)\s+\d+$/.exec(surface);
  return parts !== null && isEnglishWord(parts[1].toLowerCase());
}

/**
 * 'PC3 cells', 'H9 cell line': an alias or previous symbol followed by 'cells' or 'cell line'
 * names a cell line there (the cell lines' names are not in the vocabulary). An approved symbol
 * keeps its reading: 'CD4 cells' are cells carrying CD4.
 */
const cellLineNoun = /^[\s-]+cell(?:s\b|\s+lines?\b)/i;

/**
 * Prose: whether an indexed gene symbol or alias is meant as the gene here. A statistic
 * followed by its value is not; a symbol that is also an everyday word ('SET', 'MET', 'CAT') is not
 * in all-capitals prose ('THE CAT SAT'). Case has already kept 'met' and 'Set' out.
 */
export function isGeneReading(surface: string, isCommonWord: boolean, around: SymbolSurroundings): boolean {
  if (statisticSymbols.has(surface) && statisticValue.test(around.after)) return false;
  if (isWordAndNumber(surface, around.isEnglishWord)) return false;
  if (around.role !== 'symbol' && cellLineNoun.test(around.after)) return false;
  if (isCommonWord && (shouted(around.wordBefore, around.isEnglishWord) || shouted(around.wordAfter, around.isEnglishWord))) return false;
  return true;
}

function shouted(word: string | undefined, isEnglishWord: (lowerCaseWord: string) => boolean): boolean {
  return word !== undefined && word.length >= 2 && /^[A-Z]+$/.test(word) && isEnglishWord(word.toLowerCase());
}

/**
 * Words before a protein's name that say it is given as a drug: 'recombinant TNF-alpha',
 * 'patients received interferon'.
 */
const givenBefore = new Set([
  'recombinant',
  'pegylated',
  'intravenous',
  'subcutaneous',
  'intramuscular',
  'inhaled',
  'received',
  'receiving',
  'given',
  'administered',
]);
/** What follows a protein's name when it is given as a drug: 'interferon therapy', 'interferon was given', 'TNF-alpha 50 µg'. */
const givenAfter =
  /^[\s-]*(?:therapy|treatment|injections?|infusions?|doses?|dosing|administration|(?:was|were) (?:given|administered|infused|injected)|\(?\d+(?:\.\d+)?\s*(?:mg|µg|μg|mcg|ng|IU|MU|units?)\b)/i;

/**
 * Prose: whether a term that names both a protein drug and its gene or family is meant as the
 * drug here. The protein is the default: 'TNF-alpha levels rose', 'NF-κB activation'.
 */
export function isDrugReading(around: Pick<SymbolSurroundings, 'after' | 'wordBefore'>): boolean {
  const before = around.wordBefore?.toLowerCase();
  return (before !== undefined && givenBefore.has(before)) || givenAfter.test(around.after);
}

/**
 * Whether a drug is a protein, an enzyme or an extract rather than a defined compound: DrugBank
 * lists them by name ('protein C', 'trypsin', 'thyrotropin'), but no compound database (ChEMBL,
 * MeSH) does. Where the gene tagger claims such a name, the prose means the protein unless it
 * gives it as a drug (see recognize/tagged.ts).
 */
export function isProteinDrug(entity: EntityRecord): boolean {
  return entity.kind === 'drug' && entity.xrefs?.ChEMBL === undefined && entity.xrefs?.MeSH === undefined;
}
