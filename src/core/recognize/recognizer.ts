import type { EntityMention, OffsetRange } from '../types';
import { postingIsCommonWord, postingRank, postingRole, postingEntity } from '../vocabulary/lexicon';
import { exactNamespace, foldAtom, foldedAtom, foldedNamespace, maxTermAtoms, splitAtoms, type Atom } from '../vocabulary/normalize';
import type { Vocabulary } from '../vocabulary/vocabulary';

/** A recognised mention, with the vocabulary index of its entity for later lookups. */
export interface Recognition extends EntityMention {
  readonly entity: number;
}

/** A word no term matched: the raw material of the misspelling finder. */
export interface UnmatchedWord extends OffsetRange {
  readonly word: string;
}

export interface RecognitionResult {
  mentions: Recognition[];
  unmatched: UnmatchedWord[];
}

/**
 * Abbreviations of statistics that are also gene symbols ('HR' is the hairless gene). Followed
 * by a number they are statistics: 'HR 0.45', 'OR = 1.2', 'CI: 0.3'.
 */
const statisticAbbreviations = new Set(['HR', 'OR', 'RR', 'CI', 'SD', 'SE', 'SEM', 'IQR', 'AUC']);
const statisticValue = /^\s{0,2}[=:,(]?\s{0,2}[<>≤≥]?\s{0,2}\d/;

/** Shortest unmatched word the misspelling finder looks at: shorter ones are too ambiguous. */
export const minCandidateWordLength = 5;

/**
 * Finds vocabulary terms in the prose segments of a text in one pass: each atom starts a window
 * that grows atom by atom while the vocabulary says some term continues it (one hash look-up
 * per window), and the longest term wins.
 */
export function recognize(text: string, segments: readonly OffsetRange[], vocabulary: Vocabulary): RecognitionResult {
  const mentions: Recognition[] = [];
  const unmatched: UnmatchedWord[] = [];
  for (const segment of segments) {
    const atoms = splitAtoms(text, segment.start, segment.end);
    let i = 0;
    while (i < atoms.length) {
      const match = longestMatch(text, atoms, i, vocabulary);
      if (match) {
        const mention = accept(text, atoms, i, match, vocabulary);
        if (mention) {
          mentions.push(mention);
          i = match.lastAtom + 1;
          continue;
        }
      }
      const atom = atoms[i];
      if (atom.end - atom.start >= minCandidateWordLength && !match) {
        const word = text.slice(atom.start, atom.end);
        if (/^[A-Za-z][a-z]+$/.test(word)) unmatched.push({ start: atom.start, end: atom.end, word: word.toLowerCase() });
      }
      i++;
    }
  }
  return { mentions, unmatched };
}

interface Match {
  lastAtom: number;
  end: number;
  postings: number[];
}

function longestMatch(text: string, atoms: Atom[], first: number, vocabulary: Vocabulary): Match | undefined {
  let exact = '';
  let folded = '';
  let best: Match | undefined;
  const last = Math.min(atoms.length, first + maxTermAtoms) - 1;
  for (let j = first; j <= last; j++) {
    const atomText = text.slice(atoms[j].start, atoms[j].end);
    exact += foldAtom(atomText);
    folded += (j > first ? ' ' : '') + foldedAtom(atomText);
    const exactEntry = vocabulary.lookup(exactNamespace + exact);
    const foldedEntry = vocabulary.lookup(foldedNamespace + folded);
    const postings = termPostings(vocabulary, exactEntry, foldedEntry);
    if (postings.length > 0) best = { lastAtom: j, end: atoms[j].end, postings };
    else if (atomText.length > 3 && atomText.endsWith('s')) {
      // Plurals: 'aromatase inhibitors', 'taxanes'; for symbols only after a capital or digit: 'MAPKs'.
      const beforeS = atomText.charCodeAt(atomText.length - 2);
      const symbolPlural = (beforeS >= 0x41 && beforeS <= 0x5a) || (beforeS >= 0x30 && beforeS <= 0x39);
      const singular = termPostings(
        vocabulary,
        symbolPlural ? vocabulary.lookup(exactNamespace + exact.slice(0, -1)) : -1,
        vocabulary.lookup(foldedNamespace + folded.slice(0, -1)),
      );
      if (singular.length > 0) best = { lastAtom: j, end: atoms[j].end, postings: singular };
    }
    const extends_ = (exactEntry >= 0 && vocabulary.isPrefix(exactEntry)) || (foldedEntry >= 0 && vocabulary.isPrefix(foldedEntry));
    if (!extends_ || !atoms[j].joinsNext) {
      // 'ER+' and 'HR+': a trailing plus may turn a symbol into a status term.
      if (text.charCodeAt(atoms[j].end) === 0x2b /* + */) {
        const plus = termPostings(vocabulary, vocabulary.lookup(exactNamespace + exact + '+'), vocabulary.lookup(foldedNamespace + folded + '+'));
        if (plus.length > 0) best = { lastAtom: j, end: atoms[j].end + 1, postings: plus };
      }
      break;
    }
  }
  return best;
}

function termPostings(vocabulary: Vocabulary, exactEntry: number, foldedEntry: number): number[] {
  const out: number[] = [];
  if (exactEntry >= 0 && vocabulary.isTerm(exactEntry)) out.push(...vocabulary.postings(exactEntry));
  if (foldedEntry >= 0 && vocabulary.isTerm(foldedEntry)) out.push(...vocabulary.postings(foldedEntry));
  return out.sort((a, b) => postingRank(a) - postingRank(b));
}

/**
 * The policy for symbols that are everyday words ('SET', 'MET', 'CAT'): case already keeps
 * 'met' and 'Set' out; an all-capitals symbol is still not a gene in all-capitals prose (a
 * shouted heading, 'THE CAT SAT'), nor a statistic abbreviation followed by its value ('HR 0.45').
 */
function accept(text: string, atoms: Atom[], first: number, match: Match, vocabulary: Vocabulary): Recognition | undefined {
  const posting = match.postings[0];
  const entity = vocabulary.entity(postingEntity(posting));
  const start = atoms[first].start;
  const surface = text.slice(start, match.end);
  if (entity.kind === 'gene' && postingRole(posting) !== 'curated') {
    if (statisticAbbreviations.has(surface) && statisticValue.test(text.slice(match.end, match.end + 8))) return undefined;
    if (postingIsCommonWord(posting) && inCapitalisedProse(text, atoms, first, match.lastAtom, vocabulary)) return undefined;
  }
  return { start, end: match.end, text: surface, kind: entity.kind, id: entity.id, canonical: entity.canonical, entity: postingEntity(posting) };
}

function inCapitalisedProse(text: string, atoms: Atom[], first: number, last: number, vocabulary: Vocabulary): boolean {
  const shouted = (index: number) => {
    const atom = atoms[index];
    if (!atom) return false;
    const word = text.slice(atom.start, atom.end);
    return word.length >= 2 && /^[A-Z]+$/.test(word) && vocabulary.isEnglishWord(word.toLowerCase());
  };
  return shouted(first - 1) || shouted(last + 1);
}
