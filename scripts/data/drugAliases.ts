import { abbreviatedStart } from '../../src/core/text/abbreviation';
/**
 * Deciding which raw drug aliases are worth matching. pharmOncoX concatenates two kinds of
 * alias lists: NCI Thesaurus synonyms, which it writes all in lower case ('pd-0332991',
 * 'lee011', 'kisqali'), and depositor synonyms from PubChem/ChEMBL in their original case,
 * which are mostly catalogue and registry numbers of vendors and screening collections
 * ('HMS3265M09', 'AKOS022205241', 'SCHEMBL462630'). Real development codes appear in both.
 */

export type CodeDropReason =
  | 'length' // too short or too long to be a code
  | 'punctuation' // characters no code uses: IUPAC names, regimens, lists, 'CHEBI:…', 'Tox21_…'
  | 'phrase' // words around a code ('serd azd9833', 'compound 13', 'e5501 maleate')
  | 'shape' // no letter prefix, too few digits, or letters and digits interleaved like a UNII or a formula
  | 'registry' // a registry or catalogue number, not a sponsor's code
  | 'catalogue' // a vendor catalogue id in a depositor synonym
  | 'unknown-prefix'; // a depositor synonym whose prefix no NCI-listed code has

export type CodeVerdict = { code: string } | { dropped: CodeDropReason };

/**
 * Prefixes of registry numbers that are not development codes, in any case. NSC numbers are
 * the NCI compound repository's accession numbers: every screened compound and each of its
 * salts has one, so they crowd a card without telling a reader anything; WHO numbers are INN
 * request numbers; the others are database accessions.
 */
const registryPrefixes = new Set([
  'NSC', 'WHO', 'CAS', 'UNII', 'EINECS', 'EC', 'CCRIS', 'HSDB', 'BRN', 'BMSE', 'REGID', 'CHEBI', 'CHEMBL',
  'SCHEMBL', 'ZINC', 'AKOS', 'DTXSID', 'DTXCID', 'GTPL', 'BDBM', 'KEGG', 'MFCD', 'NCGC', 'SMR', 'MLS',
]);

/**
 * Prefixes of vendor catalogues and screening collections among depositor synonyms. They are
 * only applied to aliases in their original case: several are also sponsor prefixes that NCI
 * lists in lower case ('cs-3005', 'sr16234', 'ab-011', 'ft-819' are real codes).
 */
const cataloguePrefixes = new Set([
  'AB', 'AC', 'ACN', 'ACT', 'AI', 'AK', 'ALBB', 'AM', 'AMY', 'AN', 'AOB', 'API', 'AS', 'BA', 'BB', 'BBL', 'BCP',
  'BCPP', 'BIDD', 'BL', 'BP', 'BPBIO', 'BRD', 'BS', 'BSPBIO', 'CA', 'CCG', 'CPD', 'CS', 'DA', 'DB', 'DIVK', 'EN',
  'EU', 'EX', 'FT', 'HMS', 'HY', 'IDI', 'KBIO', 'KBIOGR', 'KBIOSS', 'KS', 'LMST', 'LOPAC', 'LP', 'LS', 'MCULE',
  'NC', 'NCI', 'PHARMAKON', 'PRESTWICK', 'QC', 'QCR', 'SAM', 'SB', 'SBI', 'SPBIO', 'SPECTRUM', 'SR', 'STK', 'STL',
  'SW', 'SY', 'SYN', 'TOX', 'TRA', 'VS', 'ZB',
]);

/** The letter prefix of a code, upper-cased: 'PD-0332991' → 'PD'. */
export function codePrefix(code: string): string {
  return (code.match(/^[A-Za-z]+/)?.[0] ?? '').toUpperCase();
}

/**
 * The sponsor prefixes of the development codes among NCI Thesaurus synonyms (the all-lower-case
 * aliases), for judging the codes among depositor synonyms.
 */
export function sponsorPrefixesOf(aliases: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const alias of aliases) {
    if (alias !== alias.toLowerCase()) continue;
    const verdict = classifyDevelopmentCode(alias);
    if ('code' in verdict) prefixes.add(codePrefix(verdict.code));
  }
  return prefixes;
}

/**
 * Whether an NCI Thesaurus concept is a treatment regimen or procedure rather than a drug
 * ('Carboplatin/Cyclophosphamide Regimen', 'Methoxsalen with Ultraviolet A Therapy',
 * 'Cyclophosphamide/Epirubicin', 'Chemotherapy', 'Immunotherapy', 'Nephrectomy'): those are not
 * entities of their own.
 */
export function isRegimenName(displayName: string): boolean {
  return (
    /\b(?:regimen|\w*therap(?:y|ies)|retreatment)\b/i.test(displayName) ||
    /(?:ectomy|otomy|surgery|irradiation|radiation)$/i.test(displayName) ||
    /^[A-Za-z-]+(?:\/[A-Za-z-]+)+$/.test(displayName)
  );
}

/**
 * Whether a drug's all-capitals synonym ('NMDA', 'DMSO', 'ATRA') abbreviates one of its names: the
 * Schwartz–Hearst test against each. 'DMSO' abbreviates dimethyl sulfoxide and 'ATRA' all-trans
 * retinoic acid; 'NMDA', which DrugBank lists for ketamine, abbreviates none of ketamine's names (it is
 * N-methyl-D-aspartate, the receptor's agonist) and so is not a name of the drug.
 */
export function acronymFitsNames(acronym: string, names: readonly string[]): boolean {
  return names.some((name) => name !== acronym && name.length > acronym.length && abbreviatedStart(acronym, name) >= 0);
}

/** An all-capitals synonym of two to six letters, read as an acronym. */
export const isAcronym = (synonym: string): boolean => /^[A-Z]{2,6}$/.test(synonym);

/** Letter-digit runs within one token: 'G1T38' has four (G, 1, T, 38). */
function runCount(token: string): number {
  return token.match(/[A-Za-z]+|\d+/g)?.length ?? 0;
}

/**
 * Decides whether a raw alias is a drug development code ('PD-0332991', 'LEE011', 'NVP-BEZ235',
 * 'G1T38', 'RAD 001') and returns it as it should be matched, or why it was dropped.
 *
 * Kept: a letter prefix with digits, in at most three parts joined by hyphens or spaces, where
 * a part after a space starts with a digit ('PD 0332991', 'BAY 80-6946').
 * Dropped: chemical names and regimens (punctuation), phrases ('serd azd9833'), UNIIs and
 * formulas (letters and digits interleaved more than twice per part), registry numbers
 * (NSC, WHO, CAS, UNII, CHEMBL…), vendor catalogue ids among depositor synonyms ('HMS3265M09',
 * 'BCP09274', single letters with a number such as 'X7379'), and Selleck catalogue numbers
 * ('s4482').
 *
 * NCI writes codes in lower case; they are upper-cased, as sponsors write them. Codes among
 * depositor synonyms (original case) are kept only when their letter prefix is in
 * `sponsorPrefixes`, when given: the prefixes of codes NCI lists ('PD', 'LY', 'AZD', 'GDC'),
 * since the many vendors' prefixes never occur there.
 */
export function classifyDevelopmentCode(alias: string, sponsorPrefixes?: ReadonlySet<string>): CodeVerdict {
  const text = alias.trim().replace(/\s+/g, ' ');
  if (text.length < 4 || text.length > 20) return { dropped: 'length' };
  if (!/^[A-Za-z0-9 -]+$/.test(text)) return { dropped: 'punctuation' };

  const parts = text.split(/[- ]/);
  const separators = text.match(/[- ]/g) ?? [];
  if (parts.length > 3 || parts.some((part) => part === '')) return { dropped: 'shape' };
  for (let i = 1; i < parts.length; i++) {
    if (separators[i - 1] === ' ' && !/^\d/.test(parts[i]!)) return { dropped: 'phrase' };
  }
  if (parts.some((part) => /^[A-Za-z]{5,}$/.test(part))) return { dropped: 'phrase' };

  if (!/^[A-Za-z]/.test(text)) return { dropped: 'shape' };
  if ((text.match(/\d/g) ?? []).length < 2) return { dropped: 'shape' };
  if (parts.some((part) => runCount(part) > 4)) return { dropped: 'shape' };

  const prefix = codePrefix(text);
  if (registryPrefixes.has(prefix)) return { dropped: 'registry' };

  const isNciStyle = text === text.toLowerCase();
  if (isNciStyle) {
    // Selleck catalogue numbers are the one lower-case catalogue id among depositor synonyms.
    if (/^s\d{3,5}$/.test(text)) return { dropped: 'catalogue' };
    return { code: text.toUpperCase() };
  }
  if (cataloguePrefixes.has(prefix)) return { dropped: 'catalogue' };
  // A single letter and a number ('X7379', 'A14427', 'D10372', 'W-60273') is a catalogue or
  // KEGG id among depositor synonyms; NCI's lower-case ones ('r428', 'e7080') are kept above.
  if (/^[A-Za-z][- ]?\d+(?:[- ]\d+)*$/.test(text)) return { dropped: 'catalogue' };
  // Two letters run into five or six digits ('BT164176', 'FD12063', 'AT22885') is the shape of
  // several vendors' catalogues; sponsors' codes of that shape are listed by NCI as well.
  if (/^[A-Za-z]{2}\d{5,6}$/.test(text)) return { dropped: 'catalogue' };
  if (sponsorPrefixes && !sponsorPrefixes.has(prefix)) return { dropped: 'unknown-prefix' };
  return { code: text };
}

/**
 * A brand name marked as a KEGG trade name in a depositor synonym: 'Femara (TN)',
 * 'Femara (TN) (Novartis)' → 'Femara'. Undefined when the alias carries no such mark.
 */
export function markedTradeName(alias: string): string | undefined {
  const match = /^([A-Za-z][A-Za-z-]*[A-Za-z](?: [A-Za-z][A-Za-z-]*[A-Za-z])?) \(TN\)(?: \([^()]*\))?$/.exec(alias.trim());
  return match ? match[1] : undefined;
}

/** Whether a name could be a brand: one word of ASCII letters (a hyphen allowed), 4+ letters. */
export function isBrandShaped(name: string): boolean {
  return /^[A-Za-z][A-Za-z-]{2,}[A-Za-z]$/.test(name) && !name.includes('--');
}

/** 'femara' → 'Femara': the brand sources that lower-case everything lose the capital. */
export function capitaliseBrand(name: string): string {
  return name === name.toLowerCase() ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/**
 * Whether a synonym is a systematic chemical name ('6-acetyl-8-cyclopentyl-5-methyl-2-…',
 * 'α,α,α′,α′-tetramethyl-…'): nobody writes those in prose, and they only bloat the index.
 */
export function isSystematicChemicalName(name: string): boolean {
  const locants = name.match(/\d+[,'′]\d*|\(\d|\d\)|\d-[A-Za-z]|[[\]{}]/g)?.length ?? 0;
  return locants >= 2 || (name.length > 40 && locants >= 1) || name.length > 80;
}

