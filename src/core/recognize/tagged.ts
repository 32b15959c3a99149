/**
 * Spans from the tagger, identities from the vocabulary. The learned tagger (src/core/tagger/)
 * says where gene/protein and chemical mentions are in a run of prose; the vocabulary says what
 * each one is:
 * - a tagged span the dictionary matched exactly keeps the dictionary's mention;
 * - a tagged span whose text the vocabulary resolves on its own becomes a mention of that entity;
 * - a gene or drug term that a span of the other kind covers gives way to it ('mitogen' in
 *   'mitogen-activated protein kinase'), unless the other tagger agrees with the term; a protein
 *   drug the gene tagger claims is the protein unless the prose gives it as a drug (drugHolds),
 *   and a drug's name with gene words beside it is the gene ('somatostatin gene');
 * - a gene term and a bare number is that gene in the span's bounds ('ROR alpha 1'), unless a unit follows;
 * - otherwise it is an unresolved mention, even over shorter terms ('puromycin aminonucleoside'
 *   is not puromycin): shown, with a card that says so, and never a finding; where the two
 *   taggers' unresolved spans overlap the longer is shown, unless it is a chemical made of genes.
 * A dictionary gene, family or drug that no tagged span confirms is dropped ('signaling cascade',
 * 'Monitor the cells'), unless it is a strong hit (see isStrongHit).
 */
import type { EntityKind, OffsetRange } from '../types';
import type { TaggedKind } from '../tagger/model';
import type { TaggedSpan } from '../tagger/tagger';
import type { Recognition, UnmatchedWord } from './recognizer';
import type { AbbreviationDefinition } from './abbreviations';
import { isAbbreviationThatIsNotAGene, isDrugReading } from './wordPolicy';
import { abbreviatedStart, longFormWindow } from '../text/abbreviation';

/** A mention the tagger found and the vocabulary does not know: a gene family, a complex, a chemical outside the drug sources. */
export interface UnresolvedMention extends OffsetRange {
  readonly text: string;
  readonly tagged: TaggedKind;
  /** A short form the note defines by such a mention: its card is the long form's (see abbreviations.ts). */
  readonly definition?: AbbreviationDefinition;
}

/** The dictionary kinds each tagger kind confirms: gene-named biomarkers (HER2, Ki-67) are gene products. */
const confirmedKinds: Record<TaggedKind, readonly EntityKind[]> = {
  gene: ['gene', 'biomarker', 'family'],
  chemical: ['drug'],
};

/**
 * The dictionary kinds a tagger kind may drop when it does not confirm them: a gene group's name
 * is also a class of enzymes ('endoribonuclease', 'DNA glycosylase', 'general transcription
 * factors'), a family only where the gene tagger sees a mention (the curated families are strong hits).
 */
const droppableKind: Partial<Record<EntityKind, TaggedKind>> = { gene: 'gene', drug: 'chemical', family: 'gene' };

/**
 * A dictionary hit kept even where the tagger sees no mention: a curated term, a form that is
 * itself a finding (a recorded misspelling, a foreign spelling), a distinctive approved gene
 * symbol (isDistinctiveSymbol), and a drug's generic or brand name that is not an English word ('Lasix' in a clinic note, where the tagger, trained on
 * abstracts, is unsure of brands). Synonyms, codes and English words ('Monitor', 'cascade',
 * 'enable', 'chemotherapy') need the tagger's agreement. On the development splits the dropped
 * hits are mostly wrong: npm run eval prints how many of them were gold mentions, per role.
 */
function isStrongHit(mention: Recognition, lookups: MergeLookups): boolean {
  if (mention.role === 'curated' || isFindingForm(mention) || isDistinctiveSymbol(mention, lookups)) return true;
  if (mention.kind !== 'drug' || (mention.role !== 'generic' && mention.role !== 'brand')) return false;
  return !lookups.isEnglishWord(mention.text.toLowerCase()) || isMedicineByName(mention, lookups);
}

/**
 * The word list behind isEnglishWord is broad: it holds 'tamoxifen', 'metformin' and 'rituximab'
 * beside 'iron' and 'opium'. A medicine's generic name of seven letters or more is no everyday
 * word, so it stands without the tagger ('Rituximab depletes CD20+ B cells', a sentence the
 * chemical tagger, trained on abstracts that seldom name antibodies, leaves untagged).
 */
function isMedicineByName(mention: Recognition, lookups: MergeLookups): boolean {
  return mention.role === 'generic' && mention.text.length >= 7 && lookups.isMedicine(mention);
}

/**
 * An approved gene symbol written alone in parentheses that does not abbreviate the words before
 * it: the writer gives a gene's symbol after its common name ('tau (MAPT)', 'survivin (BIRC5)'),
 * where the tagger, trained on sentences that seldom do, often sees no mention. A symbol that does
 * abbreviate them ('prostaglandins F (PGF)') is that phrase's abbreviation, and needs the tagger.
 */
function isSymbolGivenInParentheses(text: string, m: Recognition): boolean {
  if (m.kind !== 'gene' || m.role !== 'symbol' || text.charCodeAt(m.start - 1) !== 0x28 || text.charCodeAt(m.end) !== 0x29) return false;
  return abbreviatedStart(m.text, longFormWindow(m.text, text.slice(Math.max(0, m.start - 160), m.start - 1))) < 0;
}

/**
 * An approved gene symbol of four or more capitals and digits that is no English word ('COMT',
 * 'HCN4', 'SCN1A'): a writer means that gene, where the tagger, trained on sentences whose genes
 * are mostly named in words, often sees no mention. The short and the word-like symbols ('GC',
 * 'CP', 'REST') still need the tagger.
 */
function isDistinctiveSymbol(m: Recognition, lookups: MergeLookups): boolean {
  return m.kind === 'gene' && m.role === 'symbol' && distinctiveSymbol.test(m.text) && !lookups.isEnglishWord(m.text.toLowerCase());
}
const distinctiveSymbol = /^[A-Z][A-Z0-9]{3,}$/;

/** What the merge asks of the vocabulary. */
export interface MergeLookups {
  /** The entity a whole text names, preferring the given kinds, if any. */
  resolve(text: string, kinds: readonly EntityKind[]): Recognition | undefined;
  isEnglishWord(word: string): boolean;
  /** Whether a drug is a protein or an extract rather than a defined compound (see wordPolicy.ts). */
  isProteinDrug(mention: Recognition): boolean;
  /** Whether a drug's record shows a medicine: a target, a class, a brand or a MeSH heading (see wordPolicy.ts). */
  isMedicine(mention: Recognition): boolean;
}

/** Whether the prose gives a drug as a drug: 'patients received interferon', 'protein C concentrate was infused' (see isDrugReading). */
function givenAsDrug(text: string, m: Recognition): boolean {
  const wordBefore = /(\p{L}+)[^\p{L}\n]*$/u.exec(text.slice(Math.max(0, m.start - 32), m.start))?.[1];
  return isDrugReading({ after: text.slice(m.end, m.end + 32), wordBefore });
}

/**
 * How a drug term the gene tagger claims is read. Both taggers claim a protein drug's name, since
 * both see the vocabulary's match, so the vocabulary and the words around decide: a drug given
 * as one stays the drug ('received recombinant interleukin-2'); otherwise a protein drug is the
 * protein ('protein C deficiency', 'trypsin inhibitors') and any other drug the chemical tagger
 * agrees on stays the drug ('dopamine'). An antibody's or a fusion protein's generic name that the
 * tagger spans exactly stays the drug too ('Ocrelizumab depletes CD20+ B cells'; see isEngineeredProtein).
 */
function drugHolds(text: string, m: Recognition, span: TaggedSpan, chemicalAgrees: boolean, lookups: MergeLookups): boolean {
  if (givenAsDrug(text, m)) return true;
  if (isEngineeredProtein(m, span, lookups)) return true;
  return chemicalAgrees && !lookups.isProteinDrug(m);
}

/** The INN stems of monoclonal antibodies and receptor fusion proteins. */
const engineeredProteinStem = /(?:mab|cept)$/i;

/**
 * A drug the gene tagger rightly sees as a protein, but one made for the clinic, with no gene of
 * its name: a monoclonal antibody or a fusion protein, by its INN stem. Natural protein drugs
 * (trypsin, erythropoietin, somatostatin) are their proteins too, and the prose decides (drugHolds).
 */
function isEngineeredProtein(m: Recognition, span: TaggedSpan, lookups: MergeLookups): boolean {
  if (m.start !== span.start || m.end !== span.end || m.role !== 'generic' || !engineeredProteinStem.test(m.text)) return false;
  const named = lookups.resolve(m.text, confirmedKinds.gene);
  return named === undefined || !confirmedKinds.gene.includes(named.kind);
}

/** A recorded misspelling or a foreign spelling: the misspelling and variant rules report it. */
function isFindingForm(mention: Recognition): boolean {
  return mention.role === 'misspelling' || mention.role === 'variant';
}

/**
 * Words that make a gene or drug name a longer span without naming something else: 'HER2 gene',
 * 'p53 protein', 'wild-type BRCA1', 'recombinant TNF-alpha 10' (a dose), a protein change and its
 * carriers ('KRAS G12C', 'LRRK2 G2019S carriers'). There the vocabulary's term keeps its identity and bounds.
 * ('IL-2 receptor' is another protein, so 'receptor' is not among them.)
 */
const modifierWords =
  /^(?:[\s\-/()]|gene|genes|protein|proteins|mRNA|mRNAs|cDNA|transcripts?|promoters?|locus|loci|alleles?|products?|expression|mutations?|mutants?|variants?|human|wild-type|wild|type|isoforms?|levels?|recombinant|carriers?|(?:p\.)?[ACDEFGHIKLMNPQRSTVWY]\d{1,4}(?:[ACDEFGHIKLMNPQRSTVWY*]|fs|del)\b|\d+(?:\.\d+)?)*$/i;

/** The words a span adds beside the terms it holds, joined by spaces. */
function wordsBeside(text: string, span: OffsetRange, terms: readonly Recognition[]): string {
  let rest = '';
  let at = span.start;
  for (const term of [...terms].sort((a, b) => a.start - b.start)) {
    rest += text.slice(at, Math.max(at, term.start)) + ' ';
    at = Math.max(at, term.end);
  }
  return rest + text.slice(at, span.end);
}

/** Words that name a gene's own parts and products, never a chemical's: 'somatostatin gene', 'c-fos mRNA'. */
const genePartWords = 'genes?|mRNAs?|cDNAs?|transcripts?|promoters?|locus|loci|alleles?|isoforms?';

/** Modifiers that speak of a gene or its product: a drug has none ('somatostatin gene', 'urokinase promoter'). */
const geneticWord = new RegExp(`\\b(?:${genePartWords}|proteins?|expression|mutations?|mutants?)\\b`, 'i');

/**
 * The gene a span names when it is a gene term with only lower-case English words before it:
 * 'see ESR1', 'written ER-alpha', 'mouse metallothionein' are that gene (or family), in the
 * tagger's bounds. Not a previous symbol, whose finding's fix would rewrite the words before it.
 */
function prefixedGene(text: string, covered: readonly Recognition[], span: OffsetRange, lookups: MergeLookups): Recognition | undefined {
  if (covered.length !== 1) return undefined;
  const [term] = covered;
  if (term.end !== span.end || term.start === span.start || term.kind === 'drug' || term.role === 'previous') return undefined;
  const words = text.slice(span.start, term.start).trim().split(/\s+/);
  return words.every((w) => /^[a-z]+$/.test(w) && lookups.isEnglishWord(w)) ? term : undefined;
}

/** A unit after a number: the number is a dose or a measure ('TNF-alpha 10 ng/mL', 'IL-2 100 U'), not part of a name. */
const unitAfter = /^\s*(?:[nµμumkp]?g\b|[nµμump]?mol\b|[nµμump]?M\b|[µμumd]?[lL]\b|I?U\b|units?\b|%|\/|x\b|×)/;

/**
 * The gene a span names when it is a gene term and a bare number: an isoform or a member of it
 * ('ROR alpha 1', 'DSK2-1'), in the tagger's bounds. Not before a unit ('TNF-alpha 10 ng/mL'),
 * nor a previous symbol, whose finding's fix would rewrite the number too.
 */
function numberedGene(text: string, overlapping: readonly Recognition[], span: OffsetRange): Recognition | undefined {
  if (overlapping.length !== 1) return undefined;
  const [term] = overlapping;
  if (term.kind !== 'gene' || term.role === 'previous' || term.start !== span.start || term.end >= span.end) return undefined;
  if (!/^[\s-]?\d+$/.test(text.slice(term.end, span.end))) return undefined;
  return unitAfter.test(text.slice(span.end, span.end + 16)) ? undefined : term;
}

/**
 * 'NCBI Gene', 'ISH', 'PCR product': abbreviations of methods and institutions that are never genes
 * (see wordPolicy.ts), nor chemicals, with at most words beside them that alone name nothing; or
 * such words only ('mutant receptors').
 */
function namesNoEntity(surface: string): boolean {
  const words = surface.split(/[\s/]+/).filter((w) => w !== '' && !saysNoName(w));
  return words.every(isAbbreviationThatIsNotAGene);
}

/** Whether a text is made only of words that alone name nothing (see saysNoName): 'mRNA', 'mutant receptors'. */
export function namesNothing(text: string): boolean {
  return text.split(/[\s/]+/).every((w) => w === '' || saysNoName(w));
}

/** A protein change ('G12C', 'p.V600E'): beside a name it is a modifier; alone it may be a name ('E2F', 'C3a'). */
const proteinChange = /^(?:p\.)?[ACDEFGHIKLMNPQRSTVWY]\d{1,4}(?:[ACDEFGHIKLMNPQRSTVWY*]|fs|del)$/i;

/** What a molecule is, never which one: 'receptors', 'synthetase', 'cytokine receptors'. */
const genericMoleculeWord = /^(?:receptors?|synthe[st]ases?|enzymes?|isoenzymes?|isozymes?|subunits?|cytokines?|chemokines?|hormones?)$/i;

/**
 * A word that alone names nothing: a modifier word ('mRNA', 'mutant', '219') or a generic word
 * for a molecule. A span made only of such words ('mutant receptors', 'mRNA', 'synthetase') is
 * not shown as a mention the vocabulary does not know.
 */
function saysNoName(word: string): boolean {
  const bare = word.replace(/[()]/g, '');
  return (modifierWords.test(word) && !proteinChange.test(bare)) || genericMoleculeWord.test(bare);
}

/** Plural words for proteins, which a class of them ends with. */
const proteinsWord = /^(?:proteins|receptors|antibodies|enzymes)$/i;
/** An English adjective: 'retinal', 'synaptic', 'chimeric', 'regulatory'. */
const adjectiveEnding = /(?:al|ic|ar|ous|ive|ary|ory)$/;

/**
 * English adjectives before a plural word for proteins name a class of them, not a protein:
 * 'synaptic proteins', 'chimeric receptors', 'acidic proteins'.
 */
function isClassOfProteins(surface: string, lookups: MergeLookups): boolean {
  const words = surface.split(/\s+/);
  if (words.length < 2 || !proteinsWord.test(words[words.length - 1])) return false;
  return words.slice(0, -1).every((word) => /^\p{Ll}+$/u.test(word) && adjectiveEnding.test(word) && lookups.isEnglishWord(word));
}

/** The last word of a name of something that is no molecule: a virus, cells, a structure, a method, a disease, a measure. */
const noMoleculeNameEnd =
  /\b(?:virus(?:es)?|cells?|lattices?|assays?|methods?|techniques?|chromatography|spectrometry|microscopy|syndromes?|diseases?|disorders?|scales?|scores?|tests?)(?:[- ]?\d+)?$/i;

/**
 * A span the vocabulary cannot name that names something other than a molecule, whatever a
 * tagger made of it: a name ending as such a thing's does ('collagen lattices', 'herpes simplex
 * virus'), or a short form in parentheses after one ('herpes simplex virus-1 (HSV-1)').
 */
function namesNoMolecule(text: string, span: OffsetRange): boolean {
  if (noMoleculeNameEnd.test(text.slice(span.start, span.end))) return true;
  return text.charCodeAt(span.end) === 0x29 && noMoleculeNameEnd.test(text.slice(Math.max(0, span.start - 48), span.start).replace(/\s*\($/, ''));
}

/**
 * Whether a span the vocabulary cannot name is no mention to show: its words name nothing or no
 * molecule, or a class of proteins (see namesNoEntity, namesNoMolecule, isClassOfProteins).
 */
function namesNoUnknownMention(text: string, span: TaggedSpan, lookups: MergeLookups): boolean {
  const surface = text.slice(span.start, span.end);
  return namesNoEntity(surface) || namesNoMolecule(text, span) || (span.kind === 'gene' && isClassOfProteins(surface, lookups));
}

function strictlyInside(inner: OffsetRange, outer: OffsetRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end && inner.end - inner.start < outer.end - outer.start;
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Words of grammar, which no gene or chemical name begins or ends with: the tagger sometimes takes
 * a heading's or a sentence's first word in ('Why aromatase', 'The ESR1'). Not 'a', which starts
 * names ('A kinase anchor protein').
 */
const grammarWords = new Set([
  'an', 'the', 'this', 'that', 'these', 'those', 'why', 'how', 'what', 'when', 'where', 'which', 'who', 'whose',
  'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'to', 'into', 'as', 'than',
  'is', 'are', 'was', 'were', 'be', 'been', 'do', 'does', 'did', 'not', 'no', 'its', 'their', 'our', 'we', 'it',
  'they', 'both', 'each', 'every', 'see', 'if', 'so',
]); // prettier-ignore
/** Possessives that are words of grammar only in lower case: 'His' is histidine, 'HER' a gene's start. */
const lowerCaseGrammarWords = new Set(['his', 'her', 'my', 'your']);

const leadingWord = /^(\p{L}+)\s+/u;
const trailingWord = /\s+(\p{L}+)$/u;

/** The span without the words of grammar it starts or ends with; undefined when nothing else is left. */
function withoutGrammarWords<S extends OffsetRange>(text: string, span: S): S | undefined {
  let { start, end } = span;
  const grammarWordAt = (pattern: RegExp) => {
    const word = pattern.exec(text.slice(start, end));
    return word && (grammarWords.has(word[1].toLowerCase()) || lowerCaseGrammarWords.has(word[1])) ? word[0].length : 0;
  };
  for (let length = grammarWordAt(leadingWord); length > 0; length = grammarWordAt(leadingWord)) start += length;
  for (let length = grammarWordAt(trailingWord); length > 0; length = grammarWordAt(trailingWord)) end -= length;
  if (start === span.start && end === span.end) return span;
  return end > start ? { ...span, start, end } : undefined;
}

/**
 * A sentence's first word, an English one, set off by a comma and tagged as a gene: 'Later, APP
 * rose', 'Rats, …'. It opens the sentence; unless the vocabulary names it, it names nothing,
 * whatever the gene tagger made of its capital. (Chemical classes do open sentences: 'Estrogens, …'.)
 */
function isSentenceAdverb(text: string, span: TaggedSpan, lookups: MergeLookups): boolean {
  if (span.kind !== 'gene' || text.charCodeAt(span.end) !== 0x2c) return false;
  const word = text.slice(span.start, span.end);
  if (!/^\p{Lu}\p{Ll}+$/u.test(word) || !lookups.isEnglishWord(word.toLowerCase())) return false;
  return /(?:^|[.!?:]\s+|\n)\s*$/.test(text.slice(Math.max(0, span.start - 8), span.start));
}

/** The words that end a gene's name and never a chemical's: 'somatostatin gene', 'c-fos mRNA', 'urokinase promoter'. */
const geneEnding = new RegExp(`[\\s-](?:${genePartWords})$`, 'i');

/**
 * A chemical span that ends as a gene's name does: the chemical tagger, which reads the
 * vocabulary's drug match inside ('somatostatin'), sometimes takes the gene word in with it.
 */
function isChemicalOfGene(text: string, span: TaggedSpan): boolean {
  return span.kind === 'chemical' && geneEnding.test(text.slice(span.start, span.end));
}

/** A sentence's end: '.', '!' or '?', a space and a capital ('TNF. Loss'); not 'E. coli', not 'Fig. 2'. */
const sentenceEnd = /[.!?]\s+(?=\p{Lu})/gu;

/**
 * The span cut at the sentence ends inside it: no name runs from one sentence into the next, yet
 * the tagger, which reads abstracts whole, sometimes joins a sentence's last name to the next one's
 * first word ('TNF. Loss of RelA').
 */
function sentencePieces<S extends OffsetRange>(text: string, span: S): S[] {
  const surface = text.slice(span.start, span.end);
  if (!/[.!?]\s/.test(surface)) return [span];
  const pieces: S[] = [];
  let from = 0;
  const cutAt = (to: number) => {
    if (to > from) pieces.push({ ...span, start: span.start + from, end: span.start + to });
  };
  for (const end of surface.matchAll(sentenceEnd)) {
    cutAt(end.index);
    from = end.index + end[0].length;
  }
  cutAt(surface.length);
  return pieces;
}

/**
 * Words that may stand beside a name in one tagged span without making it a longer name: a salt,
 * a form, a dose, or the numeral or letter of a member ('angiotensin II', 'actinomycin D').
 */
const wordsBesideAName =
  /^(?:[\s\-/(),.]|hydrochloride|hcl|sodium|potassium|acetate|citrate|tartrate|maleate|mesylate|besylate|succinate|fumarate|bromide|tablets?|capsules?|injection|\d+(?:\.\d+)?|mg|g|mcg|µg|ml|mL|I{1,3}|IV|V|[A-Z](?![a-z]))*$/i;

/**
 * The unmatched words of a run, each marked where the tagger read it as a piece of a longer
 * name, of a gene ('gamma-glutamyl transpeptidase') or a chemical ('heparan sulfate',
 * '3,4-dichlorophenyl'): such a word is no drug's name on its own, so drug-misspelling leaves it
 * alone. A salt or a dose beside it ('nalozone hydrochloride 0.4 mg') does not make a name
 * longer. (Sulfate and phosphate are left out of those: 'heparan sulfate' and 'pyridoxal
 * phosphate' are names of their own.) One walk over words and spans, both in text order: a run
 * of prose may hold a hundred thousand of each.
 */
export function markedInsideLongerNames(text: string, words: readonly UnmatchedWord[], spans: readonly TaggedSpan[]): UnmatchedWord[] {
  // Spans of one kind do not overlap; each kind is walked with its own cursor.
  const byKind = [...new Set(spans.map((span) => span.kind))].map((kind) => spans.filter((span) => span.kind === kind).sort((a, b) => a.start - b.start));
  const cursors = byKind.map(() => 0);
  return words.map((word) => {
    for (let k = 0; k < byKind.length; k++) {
      const ofKind = byKind[k];
      while (cursors[k] < ofKind.length && ofKind[cursors[k]].end < word.end) cursors[k]++;
      const span = ofKind[cursors[k]];
      if (span && span.start <= word.start && !wordsBesideAName.test(text.slice(span.start, word.start) + ' ' + text.slice(word.end, span.end)))
        return { ...word, insideLongerName: true as const };
    }
    return word;
  });
}

/**
 * A gene span that runs two or more of the vocabulary's terms together with nothing but spaces
 * and modifiers between them names one thing, the last term's ('p21 Ras' is Ras, 'PI3K p85' the
 * p85 subunit): that term in the tagger's bounds. Not where a slash lists several ('MEK/ERK').
 */
function headOfTerms(text: string, span: TaggedSpan, overlapping: readonly Recognition[]): Recognition | undefined {
  if (span.kind !== 'gene' || overlapping.length < 2 || text.slice(span.start, span.end).includes('/')) return undefined;
  const last = [...overlapping].sort((a, b) => b.end - a.end || a.start - b.start)[0];
  return confirmedKinds.gene.includes(last.kind) && last.role !== 'previous' && !isFindingForm(last) ? last : undefined;
}

/** Merges the dictionary's mentions of one run of prose with the tagger's spans in it. */
export function mergeTaggedSpans(
  text: string,
  dictionary: readonly Recognition[],
  taggerSpans: readonly TaggedSpan[],
  taggedKinds: readonly TaggedKind[],
  lookups: MergeLookups,
): { mentions: Recognition[]; unresolved: UnresolvedMention[] } {
  const spans = taggerSpans
    .flatMap((span) => sentencePieces(text, span))
    .map((span) => withoutGrammarWords(text, span))
    .filter(
      (span): span is TaggedSpan =>
        span !== undefined && !(isSentenceAdverb(text, span, lookups) && !dictionary.some((m) => overlaps(m, span))) && !isChemicalOfGene(text, span),
    );
  // Whether a span of the mention's own kind overlaps it and is not strictly inside `within`:
  // that tagger agrees on what the mention is ('dopamine' inside 'D2 dopamine receptor' does not count).
  const agreed = (m: Recognition, within: TaggedSpan) =>
    spans.some((span) => span !== within && overlaps(m, span) && confirmedKinds[span.kind].includes(m.kind) && !strictlyInside(span, within));
  const confirmed = new Set<Recognition>();
  const replaced = new Set<Recognition>();
  const resolved: Recognition[] = [];
  const unresolved: UnresolvedMention[] = [];
  for (const span of spans) {
    const kinds = confirmedKinds[span.kind];
    const overlapping = dictionary.filter((m) => overlaps(m, span));
    // 'HER2 gene', 'recombinant TNF-alpha 10' (ng/mL): the terms inside are the name, of
    // whichever kind the prose made them. A term with the span's own bounds is judged below, by its kind.
    const longer = !overlapping.some((m) => m.start === span.start && m.end === span.end);
    const beside = overlapping.length > 0 && longer ? wordsBeside(text, span, overlapping) : undefined;
    // A drug's name with gene words beside it names the gene: the span is judged below, as a gene's.
    const geneOfDrug = span.kind === 'gene' && beside !== undefined && geneticWord.test(beside) && overlapping.some((m) => m.kind === 'drug');
    const numbered = span.kind === 'gene' ? numberedGene(text, overlapping, span) : undefined;
    if (numbered) {
      replaced.add(numbered);
      resolved.push({ ...numbered, start: span.start, end: span.end, text: text.slice(span.start, span.end) });
      continue;
    }
    const head = beside !== undefined && modifierWords.test(beside) && !geneOfDrug ? headOfTerms(text, span, overlapping) : undefined;
    if (head) {
      for (const m of overlapping) replaced.add(m);
      resolved.push({ ...head, start: span.start, end: span.end, text: text.slice(span.start, span.end) });
      continue;
    }
    if (beside !== undefined && modifierWords.test(beside) && !geneOfDrug) {
      for (const m of overlapping) confirmed.add(m);
      continue;
    }
    // A term of another kind the tagger does not claim for that kind wins ('MAPK pathway', a trial
    // name); a gene or drug term only where the other tagger agrees it is one ('insulin' tagged both ways).
    const other = overlapping.filter((m) => !kinds.includes(m.kind));
    const keepsOther = (m: Recognition) =>
      (span.kind === 'gene' && m.kind === 'drug' ? drugHolds(text, m, span, agreed(m, span), lookups) : agreed(m, span)) ||
      droppableKind[m.kind] === undefined ||
      !taggedKinds.includes(droppableKind[m.kind]!) ||
      isFindingForm(m);
    if (other.some(keepsOther)) continue;
    const covered = overlapping.filter((m) => kinds.includes(m.kind));
    // A term that the span does not strictly contain keeps its bounds: names in the vocabulary
    // are spelled out whole ('NT-proBNP', where the tagger saw 'proBNP').
    const holding = covered.filter((m) => !strictlyInside(m, span));
    for (const m of other) replaced.add(m);
    if (holding.length > 0) {
      for (const m of holding) confirmed.add(m);
      continue;
    }
    const surface = text.slice(span.start, span.end);
    // The tagger's span wins over the shorter terms inside it ('puromycin aminonucleoside' is
    // not puromycin), except a form that is itself a finding.
    for (const m of covered) if (!isFindingForm(m)) replaced.add(m);
    const named = lookups.resolve(surface, kinds) ?? prefixedGene(text, covered, span, lookups);
    if (named && kinds.includes(named.kind)) resolved.push({ ...named, start: span.start, end: span.end, text: surface });
    else if (!namesNoUnknownMention(text, span, lookups)) unresolved.push({ start: span.start, end: span.end, text: surface, tagged: span.kind });
  }
  const kept = dictionary.filter((m) => {
    if (replaced.has(m)) return false;
    const tagger = droppableKind[m.kind];
    if (tagger === undefined || !taggedKinds.includes(tagger)) return true;
    return confirmed.has(m) || isStrongHit(m, lookups) || isSymbolGivenInParentheses(text, m);
  });
  const mentions = [...resolved, ...kept.filter((m) => !resolved.some((r) => overlaps(r, m)))].sort((a, b) => a.start - b.start);
  // Where the two taggers' spans overlap ('NMDA' a chemical, 'NMDA receptor' a protein), the longer is
  // shown, except a chemical the vocabulary does not know made of genes ('psbB-psbH-petB-petD',
  // 'GST-Src-SH2'): there the genes are.
  const open = unresolved.filter((u) => !mentions.some((m) => overlaps(m, u)));
  const holdsGenes = (u: UnresolvedMention) => u.tagged === 'chemical' && open.some((g) => g.tagged === 'gene' && strictlyInside(g, u));
  const longestFirst = open.filter((u) => !holdsGenes(u)).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const shown: UnresolvedMention[] = [];
  for (const u of longestFirst) if (!shown.some((s) => overlaps(s, u))) shown.push(u);
  return namedBySymbolAfter(
    text,
    mentions,
    shown.sort((a, b) => a.start - b.start),
  );
}

/**
 * A gene the vocabulary cannot name, followed by a gene's symbol or alias in parentheses, is that
 * gene: 'Tau (MAPT)', 'amyloid precursor protein (APP)' — the writer gives its name and its symbol.
 */
function namedBySymbolAfter(
  text: string,
  mentions: Recognition[],
  unresolved: UnresolvedMention[],
): { mentions: Recognition[]; unresolved: UnresolvedMention[] } {
  const named: Recognition[] = [];
  const open = unresolved.filter((u) => {
    if (u.tagged !== 'gene') return true;
    const opening = /^\s*\(/.exec(text.slice(u.end, u.end + 4));
    const symbolStart = opening ? u.end + opening[0].length : -1;
    const symbol = mentions.find((m) => m.start === symbolStart && text.charCodeAt(m.end) === 0x29);
    if (!symbol || symbol.kind !== 'gene' || (symbol.role !== 'symbol' && symbol.role !== 'alias')) return true;
    named.push({ ...symbol, start: u.start, end: u.end, text: u.text, role: 'synonym' });
    return false;
  });
  if (named.length === 0) return { mentions, unresolved };
  return { mentions: [...mentions, ...named].sort((a, b) => a.start - b.start), unresolved: open };
}
