import type { EntityKind, EntityMention, OffsetRange } from '../types';
import { postingIsCommonWord, postingRank, postingRole, postingEntity } from '../vocabulary/lexicon';
import { exactNamespace, foldAtom, foldedAtom, foldedNamespace, maxTermAtoms, splitAtoms, type Atom } from '../vocabulary/normalize';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { TermRole } from '../vocabulary/model';
import { runToEnd, type Steps } from '../steps';
import { isDrugReading, isGeneReading, isMedicine, isProteinDrug, type SymbolSurroundings } from './wordPolicy';
import { detach } from '../text/strings';
import type { Tagger } from '../tagger/tagger';
import { markedInsideLongerNames, mergeTaggedSpans, type UnresolvedMention } from './tagged';
import { blankIdentifiers } from './identifiers';
import { KeptRuns, type NoteEdit } from './keptRuns';
import { greekSymbolForms } from './greekSymbol';

/** Prose runs scanned between pauses: a run takes microseconds, a pause costs a clock read. */
const stepEvery = 32;

/** A recognised mention, with the vocabulary index of its entity for later lookups. */
export interface Recognition extends EntityMention {
  readonly entity: number;
  /** How the written form names the entity: a 'variant' or 'misspelling' form is itself a finding. */
  readonly role: TermRole;
}

/** A word that no term matched and that is not an English word: the raw material of the misspelling finder. */
export interface UnmatchedWord extends OffsetRange {
  readonly word: string;
  /** Set when the tagger read the word as a piece of a longer name ('heparan sulfate', see tagged.ts). */
  readonly insideLongerName?: true;
}

export interface RecognitionResult {
  mentions: Recognition[];
  /** Mentions the tagger found that the vocabulary cannot name (see tagged.ts); empty without a tagger. */
  unresolved: UnresolvedMention[];
  unmatched: UnmatchedWord[];
  /** The cards' context phrases that the prose contains (see DocumentContext). */
  contextPhrases: Set<string>;
}

/** Shortest unmatched word the misspelling finder looks at: shorter ones are too ambiguous. */
export const minCandidateWordLength = 5;

/**
 * Finds vocabulary terms in the prose segments of a text in one pass: each atom starts a window
 * that grows atom by atom while the vocabulary says some term continues it (one hash look-up
 * per window), and the longest term wins.
 */
export function recognize(text: string, segments: readonly OffsetRange[], vocabulary: Vocabulary): RecognitionResult {
  const result: RecognitionResult = { mentions: [], unresolved: [], unmatched: [], contextPhrases: new Set() };
  for (const segment of segments) {
    const found = scanProse(blankIdentifiers(text.slice(segment.start, segment.end)), vocabulary, segment.start);
    append(result, found);
    for (const p of found.contextPhrases) result.contextPhrases.add(p);
  }
  return result;
}

/** A note's recognitions, with what each run of its prose holds (see CachingRecognizer.recognizeSteps). */
export interface RecognizedRuns extends RecognitionResult {
  readonly runs: readonly string[];
  readonly perRun: readonly RecognitionResult[];
}

/** A run's result with the note offsets of where the run was last seen. */
interface PlacedResult {
  readonly offset: number;
  readonly result: RecognitionResult;
}

/**
 * recognize() with memory: the result for each segment's text is kept from one call to the next,
 * so re-analysing a document after an edit scans only the segments that changed. What the last
 * call did not use is forgotten, which bounds the memory to one document's worth.
 */
export class CachingRecognizer {
  private readonly kept = new KeptRuns<PlacedResult>();
  /** Per context phrase of the runs last kept: how many of them hold it, so an edit counts only its runs' phrases in or out. */
  private readonly phraseCounts = new Map<string, number>();
  /** How the runs' atoms read on their own, by atom: a note repeats its words. */
  private readonly atomReadings = new AtomReadings();

  /** With a tagger, its spans decide which genes and chemicals a run of prose mentions (see tagged.ts). */
  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly tagger?: Tagger,
  ) {}

  recognize(text: string, segments: readonly OffsetRange[]): RecognitionResult {
    return runToEnd(this.recognizeSteps(text, segments));
  }

  /**
   * `recognize` as steps that pause between runs of prose; with the text of each run, in order, for
   * readers of the runs' words, and each run's own result, for readers of one run at a time.
   * `edit` says where the text differs from the previous call's, if the caller knows.
   */
  *recognizeSteps(text: string, segments: readonly OffsetRange[], edit?: NoteEdit): Steps<RecognizedRuns> {
    const result: RecognitionResult = { mentions: [], unresolved: [], unmatched: [], contextPhrases: new Set() };
    const runs: string[] = new Array(segments.length);
    const perRun: RecognitionResult[] = new Array(segments.length);
    const placedRuns: PlacedResult[] = new Array(segments.length);
    const match = this.kept.match(text, segments, edit);
    // Runs scanned in this call, by text: a note repeats some ('Results', a table's cells).
    let scanned: Map<string, PlacedResult> | undefined;
    /** The runs no run of the previous call's note is. */
    const fresh: number[] = [];
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const prose = text.slice(segment.start, segment.end);
      runs[i] = prose;
      const from = match.previous[i];
      let placed = from >= 0 ? match.kept[from] : scanned?.get(prose);
      // Scanned in a copy: the results outlive this version of the note (see detach).
      if (!placed) (scanned ??= new Map()).set(prose, (placed = { offset: segment.start, result: this.scan(detach(prose), segment.start) }));
      // A run that did not move (everything before an edit) is reused as it is, without a copy.
      else if (placed.offset !== segment.start) placed = { offset: segment.start, result: shifted(placed.result, segment.start - placed.offset) };
      placedRuns[i] = placed;
      perRun[i] = placed.result;
      if (from < 0) fresh.push(i);
      append(result, placed.result);
      if (i % stepEvery === stepEvery - 1) yield;
    }
    // Counted only now, with nothing left to pause at: an abandoned call leaves the counts as they
    // were. They are the counts of the runs last kept: when another call kept its runs meanwhile
    // (an older version analysed beside this one), they are counted again from all runs.
    const countPhrases = (phrases: ReadonlySet<string>, delta: number) => {
      for (const p of phrases) {
        const n = (this.phraseCounts.get(p) ?? 0) + delta;
        if (n > 0) this.phraseCounts.set(p, n);
        else this.phraseCounts.delete(p);
      }
    };
    if (this.kept.values === match.kept) {
      for (const k of match.gone) countPhrases(match.kept[k].result.contextPhrases, -1);
      for (const i of fresh) countPhrases(placedRuns[i].result.contextPhrases, 1);
    } else {
      this.phraseCounts.clear();
      for (const placed of placedRuns) countPhrases(placed.result.contextPhrases, 1);
    }
    this.kept.keep(text, segments, placedRuns);
    // A set of its own for each version: a note's context compares its phrases with the last version's.
    result.contextPhrases = new Set(this.phraseCounts.keys());
    return { ...result, runs, perRun };
  }

  /** One run of prose that starts at `offset` in the note. */
  private scan(written: string, offset: number): RecognitionResult {
    const prose = blankIdentifiers(written);
    if (!this.tagger) return scanProse(prose, this.vocabulary, offset, this.atomReadings);
    // The tagger and the merge work in the run's own offsets.
    const found = scanProse(prose, this.vocabulary, 0, this.atomReadings);
    const spans = this.tagger.tag(prose, found.mentions);
    const unmatched = markedInsideLongerNames(prose, found.unmatched, spans);
    const merged = mergeTaggedSpans(prose, found.mentions, spans, this.tagger.kinds, {
      resolve: (surface, kinds) => {
        const named = wholeMention(surface, kinds, this.vocabulary);
        return named && kinds.includes(named.kind) ? named : (greekSymbolMention(surface, kinds, this.vocabulary) ?? named);
      },
      isEnglishWord: (word) => this.vocabulary.isEnglishWord(word),
      isProteinDrug: (m) => isProteinDrug(this.vocabulary.entity(m.entity)),
      isMedicine: (m) => isMedicine(this.vocabulary.entity(m.entity)),
    });
    return shifted({ ...found, ...merged, unmatched }, offset);
  }
}

/**
 * The entity a whole text names, preferring one of the given kinds: the tagger has already said
 * what the words are ('TNF-alpha' tagged as a protein is the gene TNF, not the drug).
 */
function wholeMention(text: string, kinds: readonly EntityKind[], vocabulary: Vocabulary): Recognition | undefined {
  const atoms = splitAtoms(text);
  if (atoms.length === 0 || atoms[0].start !== 0) return undefined;
  const atomTexts = atoms.map((atom) => text.slice(atom.start, atom.end));
  const match = longestMatch(atoms, atomTexts, atomTexts.map(foldAtom), atomTexts.map(foldedAtom), 0, vocabulary, text);
  if (!match || match.end !== text.length) return undefined;
  const posting = match.postings.find((p) => kinds.includes(vocabulary.entity(postingEntity(p)).kind)) ?? match.postings[0];
  return accept(text, atoms, 0, { ...match, postings: [posting] }, vocabulary, 0);
}

/** The gene a name with a Greek letter is, by its symbol form (see greekSymbol.ts): an approved symbol or an alias, exactly. */
function greekSymbolMention(text: string, kinds: readonly EntityKind[], vocabulary: Vocabulary): Recognition | undefined {
  if (!kinds.includes('gene')) return undefined;
  for (const form of greekSymbolForms(text)) {
    const gene = wholeMention(form, ['gene'], vocabulary);
    if (gene?.kind === 'gene' && (gene.role === 'symbol' || gene.role === 'alias')) return gene;
  }
  return undefined;
}

/** A run's mentions, unresolved mentions and unmatched words added to the note's (its context phrases are the caller's). */
function append(into: RecognitionResult, found: RecognitionResult): void {
  for (const m of found.mentions) into.mentions.push(m);
  for (const u of found.unresolved) into.unresolved.push(u);
  for (const u of found.unmatched) into.unmatched.push(u);
}

/** A run's result moved by `delta` characters. */
function shifted(found: RecognitionResult, delta: number): RecognitionResult {
  const mentions = found.mentions.map((m) => ({
    start: m.start + delta,
    end: m.end + delta,
    text: m.text,
    kind: m.kind,
    id: m.id,
    canonical: m.canonical,
    entity: m.entity,
    role: m.role,
  }));
  const unresolved = found.unresolved.map((u) => ({ start: u.start + delta, end: u.end + delta, text: u.text, tagged: u.tagged }));
  const unmatched = found.unmatched.map((u) => ({
    start: u.start + delta,
    end: u.end + delta,
    word: u.word,
    ...(u.insideLongerName ? { insideLongerName: true as const } : {}),
  }));
  return { mentions, unresolved, unmatched, contextPhrases: found.contextPhrases };
}

const noPostings: number[] = [];

/** Whether a word is a letter and then lower-case letters (/^[A-Za-z][a-z]+$/, without a regular expression: every long unmatched atom is asked). */
function isCandidateWord(word: string): boolean {
  const first = word.charCodeAt(0);
  if (!((first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a)) || word.length < 2) return false;
  for (let i = 1; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0x61 || code > 0x7a) return false;
  }
  return true;
}

/** Recognises terms in one run of prose that starts at `offset` in the note. */
function scanProse(text: string, vocabulary: Vocabulary, offset: number, atomReadings?: AtomReadings): RecognitionResult {
  const mentions: Recognition[] = [];
  const unmatched: UnmatchedWord[] = [];
  const atoms = splitAtoms(text);
  // Each atom's text and folded form, computed once: windows starting at later atoms reuse them.
  const atomTexts = atoms.map((atom) => text.slice(atom.start, atom.end));
  const exactParts = atomTexts.map(foldAtom);
  const folded = atomTexts.map(foldedAtom);
  const contextPhrases = findContextPhrases(folded, vocabulary);
  let i = 0;
  while (i < atoms.length) {
    const match = longestMatch(atoms, atomTexts, exactParts, folded, i, vocabulary, text, atomReadings);
    if (match) {
      const mention = accept(text, atoms, i, match, vocabulary, offset);
      if (mention) {
        mentions.push(mention);
        i = match.lastAtom + 1;
        continue;
      }
    } else {
      const atom = atoms[i];
      if (atom.end - atom.start >= minCandidateWordLength) {
        const word = atomTexts[i];
        if (isCandidateWord(word)) {
          const lower = word.toLowerCase();
          if (!vocabulary.isEnglishWord(lower)) unmatched.push({ start: atom.start + offset, end: atom.end + offset, word: lower });
        }
      }
    }
    i++;
  }
  return { mentions, unresolved: [], unmatched, contextPhrases };
}

/**
 * The cards' context phrases ('breast cancer', 'ER-positive') in one run of prose, matched on
 * folded words so line breaks, hyphens and case do not matter.
 */
function findContextPhrases(folded: string[], vocabulary: Vocabulary): Set<string> {
  const found = new Set<string>();
  const words = folded.some((w) => w.includes(' ')) ? folded.flatMap((w) => w.split(' ')) : folded;
  for (let k = 0; k < words.length; k++) {
    const phrases = vocabulary.contextPhrasesStartingWith(words[k]);
    if (!phrases) continue;
    for (const { phrase, words: phraseWords } of phrases) {
      let n = 1;
      while (n < phraseWords.length && words[k + n] === phraseWords[n]) n++;
      if (n === phraseWords.length) found.add(phrase);
    }
  }
  return found;
}

/** Past this many atoms, AtomReadings starts again: a recogniser lives as long as its document. */
const keptAtoms = 1 << 17;

/** What a window of atoms reads as: its two keys' entries (-1 for none) and the postings of the term it is, if any. */
interface WindowReading {
  readonly exactEntry: number;
  readonly foldedEntry: number;
  readonly postings: number[];
}

/**
 * How each atom reads as a window of one atom, by the atom's text: the reading is a function of
 * the text alone, and most atoms of prose are words the note has already used, for which one
 * look-up in a map of the note's words is cheaper than two to four in the vocabulary's table.
 */
class AtomReadings {
  private readonly byText = new Map<string, WindowReading>();

  get(atomText: string): WindowReading | undefined {
    return this.byText.get(atomText);
  }

  set(atomText: string, reading: WindowReading): void {
    if (this.byText.size >= keptAtoms) this.byText.clear();
    // A copy: a long atom is a view into its run, which an edited note would otherwise keep alive.
    this.byText.set(detach(atomText), reading);
  }
}

interface Match {
  lastAtom: number;
  end: number;
  postings: number[];
}

/**
 * The longest term that starts at atom `first`. `exactParts` are the atoms' exact-case key parts
 * (foldAtom) and `foldedAtoms` their case-folded ones (foldedAtom); the window's keys are looked up
 * from them as they stand, never joined into strings.
 */
function longestMatch(
  atoms: Atom[],
  atomTexts: string[],
  exactParts: string[],
  foldedAtoms: string[],
  first: number,
  vocabulary: Vocabulary,
  text: string,
  atomReadings?: AtomReadings,
): Match | undefined {
  let best: Match | undefined;
  const last = Math.min(atoms.length, first + maxTermAtoms) - 1;
  for (let j = first; j <= last; j++) {
    let reading: WindowReading | undefined;
    if (j === first) {
      reading = atomReadings?.get(atomTexts[j]);
      if (!reading) {
        reading = windowReading(atomTexts, exactParts, foldedAtoms, first, j, vocabulary);
        atomReadings?.set(atomTexts[j], reading);
      }
    } else reading = windowReading(atomTexts, exactParts, foldedAtoms, first, j, vocabulary);
    const { exactEntry, foldedEntry, postings } = reading;
    if (postings.length > 0) best = { lastAtom: j, end: atoms[j].end, postings };
    const extends_ = (exactEntry >= 0 && vocabulary.isPrefix(exactEntry)) || (foldedEntry >= 0 && vocabulary.isPrefix(foldedEntry));
    if (!extends_ || !atoms[j].joinsNext) {
      // 'ER+' and 'HR+': a trailing plus may turn a symbol into a status term.
      if (text.charCodeAt(atoms[j].end) === 0x2b /* + */) {
        const plus = termPostings(
          vocabulary,
          vocabulary.lookupJoined(exactNamespace, exactParts, first, j, '', exactParts[j].length, '+'),
          vocabulary.lookupJoined(foldedNamespace, foldedAtoms, first, j, ' ', foldedAtoms[j].length, '+'),
        );
        if (plus.length > 0) best = { lastAtom: j, end: atoms[j].end + 1, postings: plus };
      }
      break;
    }
  }
  return best;
}

/** How the window of atoms `first` to `j` reads, without what follows it (a trailing '+'): a function of those atoms' texts. */
function windowReading(atomTexts: string[], exactParts: string[], foldedAtoms: string[], first: number, j: number, vocabulary: Vocabulary): WindowReading {
  const atomText = atomTexts[j];
  const exactEntry = vocabulary.lookupJoined(exactNamespace, exactParts, first, j, '');
  const foldedEntry = vocabulary.lookupJoined(foldedNamespace, foldedAtoms, first, j, ' ');
  let postings = termPostings(vocabulary, exactEntry, foldedEntry);
  // A protein written in its own style, when no term has these letters, or only one of another case
  // does: 'RelA' is RELA, not the brand Rela (carisoprodol), which 'Rela' as the brand writes it still is.
  // Both styles start with a capital: most atoms of prose are asked nothing more.
  const capital = atomText.charCodeAt(0) >= 0x41 && atomText.charCodeAt(0) <= 0x5a;
  if (j === first && capital && (postings.length === 0 || matchesOnlyInOtherCase(vocabulary, exactEntry, atomText)) && proteinStyle.test(atomText)) {
    const symbols = proteinStyleSymbol(vocabulary, atomText);
    if (symbols.length > 0) postings = symbols;
  }
  if (postings.length === 0 && atomText.length > 3 && atomText.charCodeAt(atomText.length - 1) === 0x73 /* s */) {
    // Plurals: 'aromatase inhibitors', 'taxanes'; for symbols only after a capital or digit: 'MAPKs'.
    // The atom ends in an ASCII 's', and so do both its key parts: the singular's keys are theirs less one character.
    const beforeS = atomText.charCodeAt(atomText.length - 2);
    const symbolPlural = (beforeS >= 0x41 && beforeS <= 0x5a) || (beforeS >= 0x30 && beforeS <= 0x39);
    // Not a brand's: a brand is not written in the plural, and 'Eliquiss' is Eliquis misspelt.
    postings = termPostings(
      vocabulary,
      symbolPlural ? vocabulary.lookupJoined(exactNamespace, exactParts, first, j, '', exactParts[j].length - 1) : -1,
      vocabulary.lookupJoined(foldedNamespace, foldedAtoms, first, j, ' ', foldedAtoms[j].length - 1),
    ).filter((posting) => postingRole(posting) !== 'brand');
  }
  return { exactEntry, foldedEntry, postings };
}

/**
 * Proteins and mouse genes are written in title case: 'Stat3', 'Mdm2', 'Sp1', 'RelA' for STAT3, MDM2, SP1, RELA.
 * A title-case word with a digit, or of four letters or more, may be such a spelling of an
 * approved symbol — never of an alias, and never of a symbol that is also a word ('Cat', 'Set').
 */
const proteinStyle = /^[A-Z][a-z]+[0-9]*[a-zA-Z]?$|^[A-Z][a-z]*[0-9]+[a-z]?$/;
const finalCapitalStyle = /^[A-Z][a-z]+[A-Z]$/;

/** Whether a word in a protein's own style ('RelA') matched terms only as letters, none as written. */
function matchesOnlyInOtherCase(vocabulary: Vocabulary, exactEntry: number, atomText: string): boolean {
  return (exactEntry < 0 || !vocabulary.isTerm(exactEntry)) && finalCapitalStyle.test(atomText);
}

function proteinStyleSymbol(vocabulary: Vocabulary, atomText: string): number[] {
  if (atomText.length < 4 && !/[0-9]/.test(atomText)) return noPostings;
  const entry = vocabulary.lookup(exactNamespace, atomText.toUpperCase());
  if (entry < 0 || !vocabulary.isTerm(entry)) return noPostings;
  const symbols = Array.from(vocabulary.postings(entry)).filter((p) => postingRole(p) === 'symbol' && !postingIsCommonWord(p));
  return symbols.length > 0 ? symbols : noPostings;
}

function termPostings(vocabulary: Vocabulary, exactEntry: number, foldedEntry: number): number[] {
  const exactIsTerm = exactEntry >= 0 && vocabulary.isTerm(exactEntry);
  const foldedIsTerm = foldedEntry >= 0 && vocabulary.isTerm(foldedEntry);
  if (!exactIsTerm && !foldedIsTerm) return noPostings;
  if (exactIsTerm !== foldedIsTerm) return Array.from(vocabulary.postings(exactIsTerm ? exactEntry : foldedEntry));
  const out: number[] = [];
  if (exactEntry >= 0 && vocabulary.isTerm(exactEntry)) for (const p of vocabulary.postings(exactEntry)) out.push(p);
  if (foldedEntry >= 0 && vocabulary.isTerm(foldedEntry)) for (const p of vocabulary.postings(foldedEntry)) out.push(p);
  return out.sort((a, b) => postingRank(a) - postingRank(b));
}

/** A match as a mention, unless the word policy says the gene symbol is just a word here (see wordPolicy.ts). */
function accept(text: string, atoms: Atom[], first: number, match: Match, vocabulary: Vocabulary, offset: number): Recognition | undefined {
  const start = atoms[first].start;
  const surface = text.slice(start, match.end);
  const wordAt = (index: number) => (atoms[index] ? text.slice(atoms[index].start, atoms[index].end) : undefined);
  let posting = match.postings[0];
  // Getters: most mentions need none of the surroundings.
  const around = {
    get after() {
      return text.slice(match.end, match.end + 16);
    },
    get wordBefore() {
      return wordAt(first - 1);
    },
    get wordAfter() {
      return wordAt(match.lastAtom + 1);
    },
    isEnglishWord: (w: string) => vocabulary.isEnglishWord(w),
    get role() {
      return postingRole(posting);
    },
  };
  if (match.postings.length > 1) posting = readingInContext(match.postings, vocabulary, around);
  const entity = vocabulary.entity(postingEntity(posting));
  if (entity.kind === 'gene' && postingRole(posting) !== 'curated') {
    if (!isGeneReading(surface, postingIsCommonWord(posting), around)) return undefined;
  }
  return {
    start: start + offset,
    end: match.end + offset,
    text: surface,
    kind: entity.kind,
    id: entity.id,
    canonical: entity.canonical,
    entity: postingEntity(posting),
    role: postingRole(posting),
  };
}

/**
 * A term that names both a protein drug and its gene or family ('TNF-alpha', 'interferon'): the
 * drug where the prose speaks of giving it, the protein otherwise (see isDrugReading).
 */
function readingInContext(postings: readonly number[], vocabulary: Vocabulary, around: SymbolSurroundings): number {
  const kindOf = (p: number) => vocabulary.entity(postingEntity(p)).kind;
  const firstKind = kindOf(postings[0]);
  if (firstKind !== 'drug' && firstKind !== 'gene' && firstKind !== 'family') return postings[0];
  const drug = postings.find((p) => kindOf(p) === 'drug');
  const protein = postings.find((p) => kindOf(p) === 'gene' || kindOf(p) === 'family');
  if (drug === undefined || protein === undefined) return postings[0];
  return isDrugReading(around) ? drug : protein;
}
