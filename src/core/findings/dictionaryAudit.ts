import { parseDictionaryEntries } from '../dictionary';
import { confusability } from '../text/similarity';
import type { OffsetRange } from '../types';
import { foldedNamespace, termKeyPrefixes } from '../vocabulary/normalize';
import type { Vocabulary } from '../vocabulary/vocabulary';

/**
 * The dictionary's audit of itself: a workspace dictionary marks its words intended in every
 * note, so an entry that is one slip from a known drug ('letrazole') silences that slip of
 * letrozole everywhere, usually because someone pressed *Add to dictionary* on a typo. Each such
 * entry is reported, as information, in the dictionary file.
 *
 * An entry with a reason ('letrazole  # the trial's own spelling, kept in quotes') was added
 * knowingly, so it is not reported: writing a reason is how to keep an entry and silence this.
 */
export const dictionaryAuditCode = 'dictionary-hides-slip';

export interface DictionaryAuditFinding extends OffsetRange {
  readonly code: typeof dictionaryAuditCode;
  readonly severity: 'information';
  readonly message: string;
  /** The entry as written. */
  readonly word: string;
  /** The drug name it is one edit from, as the vocabulary writes it. */
  readonly drug: string;
}

/** Shorter entries are left alone: the misspelling rule does not judge them either. */
const minAuditedLength = 5;

/** Whether the vocabulary knows a word as a name of anything (a drug, a gene, a biomarker…). */
function isKnownName(word: string, vocabulary: Vocabulary): boolean {
  if (vocabulary.drugNameIndex(word.toLowerCase()) >= 0) return true;
  const keys = termKeyPrefixes(word, false);
  if (!keys) return false;
  const entry = vocabulary.lookup(foldedNamespace, keys[keys.length - 1].slice(1));
  return entry >= 0 && vocabulary.isTerm(entry);
}

/** The entries of a dictionary's text that hide a slip of a known drug, with their offsets. */
export function auditDictionary(text: string, vocabulary: Vocabulary): DictionaryAuditFinding[] {
  const findings: DictionaryAuditFinding[] = [];
  for (const entry of parseDictionaryEntries(text)) {
    if (entry.reason) continue;
    const word = entry.word.toLowerCase();
    if (word.length < minAuditedLength || !/^[a-z]+$/.test(word) || vocabulary.isEnglishWord(word) || isKnownName(entry.word, vocabulary)) continue;
    const near = vocabulary.nearMisses(word, 1).filter((m) => m.distance === 1);
    if (near.length === 0) continue;
    const best = near.reduce((a, b) => (confusability(word, b.name) > confusability(word, a.name) ? b : a));
    const drug = vocabulary.drugNameDisplay(best.nameIndex);
    findings.push({
      code: dictionaryAuditCode,
      severity: 'information',
      start: entry.start,
      end: entry.end,
      word: entry.word,
      drug,
      message:
        `'${entry.word}' is one edit from ${drug}; a dictionary entry hides that slip everywhere. ` +
        `If it is meant, say why after a '#' on its line; else remove it.`,
    });
  }
  return findings;
}
