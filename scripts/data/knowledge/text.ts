import type { KnowledgeReference } from '../../../src/core/vocabulary/knowledge';

/** Words after which a full stop does not end a sentence. */
const abbreviations = new Set(['e.g', 'i.e', 'al', 'approx', 'vs', 'cf', 'ca', 'dr', 'st', 'no', 'fig', 'figs', 'ref', 'sp', 'spp', 'etc', 'resp', 'viz', 'incl', 'mr', 'prof']);

/** Splits running text into sentences: at '.', '!' or '?' followed by a space and a capital, digit or bracket. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /[.!?](?=\s+[A-Z0-9(["'])/g;
  let start = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const before = text.slice(start, match.index);
    const lastWord = /([A-Za-z.]+)$/.exec(before)?.[1]?.toLowerCase() ?? '';
    // 'et al. Smith' and 'e.g. TP53' do not end a sentence ('protein kinase C. It' does).
    if (abbreviations.has(lastWord)) continue;
    sentences.push(text.slice(start, match.index + 1).trim());
    start = match.index + 1;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

export const wordCount = (text: string): number => text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;

/**
 * Sentences about transcripts rather than what the gene does: true of thousands of genes, and
 * what a reader of a hover least needs.
 */
const boilerplate = /alternative(ly)? spliced|alternative splicing|transcript variants?|alternate (transcriptional|splice|in-frame)|pseudogenes? (of this gene|ha(s|ve) been)|readthrough|\[provided by/i;

export interface LeadOptions {
  maxSentences: number;
  /** Stop after two sentences once this many words are taken. */
  enoughWords: number;
  /** Add no sentence that would go past this many words, once there are enough to say what the gene is. */
  maxWords: number;
}

/**
 * Inline citations a hover cannot follow ('(Fink et al., 1995)', '(PubMed: 19208651)'), and one
 * the source cut off at its end ('(Luerssen et al., 1990.'): the RefSeq record linked beside the
 * summary has them.
 */
function withoutInlineCitations(text: string): string {
  return text
    .replace(/\s*\((?:[^()]*\bet al\b[^()]*|[^()]*\bPubMed\b[^()]*|[^()]*\bPMID\b[^()]*)\)/g, '')
    .replace(/\s*\([^()]*\bet al\.?,?\s*\d{4}\.?$/, '.');
}

/** The first two or three sentences of a RefSeq summary that say what the gene does. */
export function leadSentences(summary: string, options: LeadOptions): string {
  const kept: string[] = [];
  let words = 0;
  for (const sentence of splitSentences(withoutInlineCitations(summary.replace(/\s+/g, ' ').trim()))) {
    if (boilerplate.test(sentence) && kept.length > 0) continue;
    const count = wordCount(sentence);
    if (kept.length > 0 && words >= minimumWords && words + count > options.maxWords) break;
    kept.push(sentence);
    words += count;
    if (kept.length >= options.maxSentences || (kept.length >= 2 && words >= options.enoughWords)) break;
  }
  return kept.join(' ');
}

/** What a description needs at least to say what something is (the card evaluation counts the same). */
export const minimumWords = 25;

/** Endings of Latin and medical words that follow a lower-cased word in lower case too ('diabetes mellitus', 'Escherichia coli'). */
const latinEnding = /(us|is|ae|um|a|i|ic|al|itis|emia|osis|oma|ea|ia)$/;

/**
 * Title Case as the indication sources write it ('Mild to Moderate Alzheimer's Type Dementia')
 * in sentence case ('mild to moderate Alzheimer's type dementia'): an everyday word is written in
 * lower case, and so is a Latin word after a lower-case one; names of people, places and
 * organisms keep their capitals, and so does the first word when it is no everyday word.
 */
export function sentenceCase(text: string, isEnglishWord: (lowerCase: string) => boolean): string {
  let previousLowered = false;
  let first = true;
  return text.replace(/[A-Za-z][A-Za-z'’-]*/g, (word) => {
    const wasFirst = first;
    first = false;
    // 'Non-Small' → 'non-small', when every part is an everyday word; 'Zollinger-Ellison' stays.
    if (/^[A-Z][a-z]+(-[A-Z][a-z]+)+$/.test(word) && word.split('-').every((part) => isEnglishWord(part.toLowerCase()))) {
      previousLowered = true;
      return word.toLowerCase();
    }
    if (!/^[A-Z][a-z]+$/.test(word)) {
      previousLowered = word === word.toLowerCase();
      return word;
    }
    const lower = word.toLowerCase();
    if (isEnglishWord(lower) || (!wasFirst && previousLowered && latinEnding.test(lower))) {
      previousLowered = true;
      return lower;
    }
    previousLowered = false;
    return word;
  });
}

/**
 * A reference from a DrugCentral REFERENCE cell, as an https link with its source named; undefined
 * for a citation in words, or a host the card does not link to.
 */
export function drugcentralReference(reference: string): KnowledgeReference | undefined {
  const ref = reference.trim();
  let m = /^https?:\/\/www\.ncbi\.nlm\.nih\.gov\/pubmed\/(\d{1,9})\/?$/.exec(ref);
  if (m) return { source: 'PubMed', label: `PMID ${m[1]}`, url: `https://pubmed.ncbi.nlm.nih.gov/${m[1]}/` };
  m = /^https?:\/\/www\.ebi\.ac\.uk\/chembl\/compound\/inspect\/(CHEMBL\d+)$/.exec(ref);
  if (m) return { source: 'ChEMBL', label: 'ChEMBL mechanism', url: `https://www.ebi.ac.uk/chembl/compound_report_card/${m[1]}/` };
  m = /^https?:\/\/www\.guidetopharmacology\.org\/GRAC\/(LigandDisplayForward\?ligandId=\d+|FamilyDisplayForward\?familyId=\d+)$/.exec(ref);
  if (m) return { source: 'IUPHAR/BPS Guide to Pharmacology', label: 'Guide to Pharmacology', url: `https://www.guidetopharmacology.org/GRAC/${m[1]}` };
  m = /^https?:\/\/www\.accessdata\.fda\.gov\/(drugsatfda_docs\/label\/[A-Za-z0-9_./-]+\.pdf)$/.exec(ref);
  if (m) return { source: 'FDA label', label: 'FDA label', url: `https://www.accessdata.fda.gov/${m[1]}` };
  m = /^https?:\/\/www\.kegg\.jp\/entry\/(D\d{5})$/.exec(ref);
  if (m) return { source: 'KEGG DRUG', label: `KEGG ${m[1]}`, url: `https://www.kegg.jp/entry/${m[1]}` };
  m = /^https?:\/\/www\.ema\.europa\.eu\/(docs\/[A-Za-z0-9_./-]+\.pdf)$/.exec(ref);
  if (m) return { source: 'EMA', label: 'EMA assessment', url: `https://www.ema.europa.eu/${m[1]}` };
  m = /^https?:\/\/dx\.doi\.org\/(10\.\d{4,9}\/[A-Za-z0-9._;()/:-]+)$/.exec(ref);
  if (m) return { source: 'DOI', label: `doi:${m[1]}`, url: `https://doi.org/${m[1].replace(/\(/g, '%28').replace(/\)/g, '%29')}` };
  return undefined;
}
