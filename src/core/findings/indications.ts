/**
 * Whether a note speaks of what a drug treats, for the drugs no curated card describes: their
 * indications come from DrugCentral and Open Targets (knowledge.bin) in the sources' words
 * ('pulmonary edema due to chronic heart failure', 'metastatic breast carcinoma'), which a note
 * seldom repeats verbatim. So both are reduced to content words, with British spellings, plurals
 * and the words for cancer (or men and male) brought together, and an indication is spoken of when the note has
 * its content words (indicationPoints).
 */
import type { OffsetRange } from '../types';

/** Words that say how or whom, not what: they tell no disease from another. */
const generalWords = new Set(
  (
    'a an and or of the with without in to for due by on at as from other others associated related including ' +
    'adult adults patient patients child children pediatric chronic acute advanced metastatic malignant severe mild moderate ' +
    'disease diseases disorder disorders syndrome condition conditions positive negative primary secondary ' +
    'treatment therapy prevention prophylaxis management adjunct refractory recurrent relapsed early late stage ' +
    'type caused unspecified symptom symptoms symptomatic non state states use'
  ).split(' '),
);

/** Words that name one thing differently: the first is kept. */
const sameWords = new Map<string, string>([
  ['carcinoma', 'cancer'],
  ['neoplasm', 'cancer'],
  ['malignancy', 'cancer'],
  ['tumor', 'cancer'],
  ['oedema', 'edema'],
  ['tumour', 'cancer'],
  ['men', 'male'],
  ['man', 'male'],
  ['women', 'female'],
  ['woman', 'female'],
]);

/**
 * A word as indications are compared: lower case, American spelling, singular, cancer for its
 * synonyms. Every word of a note's prose goes through here on each analysis, so the rewrites run
 * only on the words that need them.
 */
function contentWord(word: string): string {
  let w = word.toLowerCase();
  const same = sameWords.get(w);
  if (same) return same;
  if (w.includes('ae') || w.includes('oe')) w = w.replace(/^oe/, 'e').replace(/ae/g, 'e').replace(/oe/g, 'e');
  if (w.endsWith('our')) w = `${w.slice(0, -3)}or`;
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('is') && !w.endsWith('us')) w = w.slice(0, -1);
  return sameWords.get(w) ?? w;
}

/**
 * The content words of a note's prose runs, kept from one analysis of the note to the next (as
 * the recogniser keeps its runs), so that after an edit only the runs it changed are read again.
 * What the last analysis did not use is forgotten.
 */
export class ProseContentWords {
  private previous = new Map<string, readonly string[]>();

  of(text: string, prose: readonly OffsetRange[]): ReadonlySet<string> {
    const current = new Map<string, readonly string[]>();
    const all = new Set<string>();
    for (const range of prose) {
      const run = text.slice(range.start, range.end);
      const words = current.get(run) ?? this.previous.get(run) ?? contentWords(run);
      current.set(run, words);
      for (const word of words) all.add(word);
    }
    this.previous = current;
    return all;
  }
}

/** The content words of a text: the words that are not general, as contentWord writes them. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []) {
    if (raw.length < 3 || generalWords.has(raw)) continue;
    out.push(contentWord(raw));
  }
  return out;
}

/**
 * How strongly a note whose content words are `noteWords` speaks of an indication: 0 not at all;
 * 2 when it has every content word of an indication of two or more ('type 2 diabetes mellitus');
 * 1 when it has a one-word indication ('hypertension') or two thirds of a longer one.
 */
export function indicationPoints(indication: string, noteWords: ReadonlySet<string>): number {
  const words = [...new Set(contentWords(indication))];
  const present = words.filter((w) => noteWords.has(w)).length;
  if (words.length === 0 || present === 0) return 0;
  if (present === words.length) return words.length >= 2 ? 2 : 1;
  return words.length > 2 && present >= 2 && present * 3 >= words.length * 2 ? 1 : 0;
}
