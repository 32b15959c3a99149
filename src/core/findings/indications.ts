/**
 * Whether a note speaks of what a drug treats, for the drugs no curated card describes: their
 * indications come from DrugCentral and Open Targets (knowledge.bin) in the sources' words
 * ('pulmonary edema due to chronic heart failure', 'metastatic breast carcinoma'), which a note
 * seldom repeats verbatim. So both are reduced to content words, with British spellings, plurals
 * and the words for cancer (or men and male) brought together, and an indication is spoken of when the note has
 * its content words (indicationPoints).
 */
import { LruMap } from '../util/collections';
import { KeptRuns, type NoteEdit } from '../recognize/keptRuns';
import type { OffsetRange } from '../types';
import type { EntityRecord } from '../vocabulary/model';
import type { Vocabulary } from '../vocabulary/vocabulary';

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
  // The adjective a clinician writes for the condition an indication names.
  ['hypertensive', 'hypertension'],
  ['diabetic', 'diabetes'],
  ['asthmatic', 'asthma'],
  ['epileptic', 'epilepsy'],
]);

/** Two words a note writes for what indications name in one ('blood pressure' is what antihypertensives treat). */
const sameAsPair = new Map<string, string>([['blood pressure', 'hypertension']]);

/**
 * A word as indications are compared: lower case, American spelling, singular, cancer for its
 * synonyms. Every word of a note's prose goes through here on each analysis, so the rewrites run
 * only on the words that need them.
 */
function contentWord(word: string): string {
  const lower = word.toLowerCase();
  // A word named otherwise ('diabetic') then goes through the rest like the word it names ('diabetes').
  let w = sameWords.get(lower) ?? lower;
  if (w.includes('ae') || w.includes('oe')) w = w.replace(/^oe/, 'e').replace(/ae/g, 'e').replace(/oe/g, 'e');
  if (w.endsWith('our')) w = `${w.slice(0, -3)}or`;
  if (w.length > 4 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('is') && !w.endsWith('us')) w = w.slice(0, -1);
  return sameWords.get(w) ?? w;
}

/** The content words of one version of a note's prose. */
export interface ProseWords {
  has(word: string): boolean;
  /** Counts the versions read by one ProseContentWords. */
  readonly generation: number;
}

/** How many versions back a ProseContentWords remembers which words came and went. */
const rememberedVersions = 8;
/** Past this many words come or gone, the change is not remembered word by word (a paste, a rewrite). */
const rememberedWords = 256;

/**
 * The content words of a note's prose runs, kept from one analysis of the note to the next (as
 * the recogniser keeps its runs, see KeptRuns): each word is counted over the runs that hold it,
 * so after an edit only the runs it changed are read again and only their words are counted in
 * or out. One note's analyses use it one after another: its answers are those of the latest
 * version read.
 */
export class ProseContentWords {
  private readonly kept = new KeptRuns<readonly string[]>();
  /** Per content word of the latest version: how many runs hold it (a word is present while it has a count). */
  private readonly counts = new Map<string, number>();
  private generation = 0;
  /** Per recent version: the words that came or went with it, or undefined if too many did. */
  private readonly changes: (Set<string> | undefined)[] = [];

  /** The content words of a version of the note, given as its text and prose segments (and where it differs from the last version read, if known). */
  of(text: string, segments: readonly OffsetRange[], edit?: NoteEdit): ProseWords {
    const match = this.kept.match(text, segments, edit);
    let changed: Set<string> | undefined = new Set();
    const count = (words: readonly string[], delta: number) => {
      for (const word of words) {
        const before = this.counts.get(word) ?? 0;
        const after = before + delta;
        if (after > 0) this.counts.set(word, after);
        else this.counts.delete(word);
        if (before > 0 === after > 0) continue;
        changed?.add(word);
        if (changed && changed.size > rememberedWords) changed = undefined;
      }
    };
    const words: (readonly string[])[] = new Array(segments.length);
    for (let i = 0; i < segments.length; i++) {
      const from = match.previous[i];
      if (from >= 0) words[i] = match.kept[from];
      else count((words[i] = contentWords(text.slice(segments[i].start, segments[i].end))), 1);
    }
    for (const k of match.gone) count(match.kept[k], -1);
    this.kept.keep(text, segments, words);
    this.generation++;
    this.changes.push(changed);
    if (this.changes.length > rememberedVersions) this.changes.shift();
    const counts = this.counts;
    return { has: (word) => counts.has(word), generation: this.generation };
  }

  /** The words that came or went since the given version was read, or undefined if that is not known. */
  changedSince(generation: number): ReadonlySet<string> | undefined {
    const back = this.generation - generation;
    if (back < 0 || back > this.changes.length) return undefined;
    const out = new Set<string>();
    for (let k = this.changes.length - back; k < this.changes.length; k++) {
      const words = this.changes[k];
      if (!words) return undefined;
      for (const word of words) out.add(word);
    }
    return out;
  }
}

/** One indication as a drug's sources write it, with its content words read once. */
export interface SourceIndication {
  readonly text: string;
  /** Its distinct content words. */
  readonly words: readonly string[];
  /** Its content words sorted and joined: indications that differ only in general words share it. */
  readonly key: string;
}

/** Drugs whose source indications a service keeps: a note names a few hundred drugs, and a look-alike search reads their neighbours'. */
const keptDrugs = 8192;

/**
 * The indications the sources list for each drug without a curated card (knowledge.bin), read
 * once per service rather than once per analysis: they are the vocabulary's, not the note's.
 */
export class SourceIndications {
  private readonly byIndex = new LruMap<number, readonly SourceIndication[]>(keptDrugs);
  /** `of`'s answers: the same as atIndex's for the index its name finds, whichever is asked first. */
  private readonly byId = new LruMap<string, readonly SourceIndication[]>(keptDrugs);

  constructor(private readonly vocabulary: Vocabulary) {}

  /** A drug's indications, found by its name (records do not carry their index): none when no drug name finds it. */
  of(entity: EntityRecord): readonly SourceIndication[] {
    let found = this.byId.get(entity.id);
    if (!found) {
      const nameIndex = entity.kind === 'drug' ? this.vocabulary.drugNameIndex(entity.canonical) : -1;
      const index = nameIndex < 0 ? -1 : this.vocabulary.drugNameEntity(nameIndex);
      found = index < 0 || this.vocabulary.entity(index).id !== entity.id ? [] : this.atIndex(index);
      this.byId.set(entity.id, found);
    }
    return found;
  }

  /** The indications of the entity at an index (a mention's), whatever its name's shape ('insulin glargine'). */
  atIndex(index: number): readonly SourceIndication[] {
    let found = this.byIndex.get(index);
    if (!found) {
      const texts = this.vocabulary.entity(index).kind === 'drug' ? (this.vocabulary.knowledge(index)?.indications ?? []).map((i) => i.text) : [];
      found = texts.map((text) => ({ text, words: [...new Set(contentWords(text))], key: indicationKey(text) }));
      this.byIndex.set(index, found);
    }
    return found;
  }
}

/** An indication's content words sorted and joined: indications that differ only in general words share it. */
export function indicationKey(text: string): string {
  return contentWords(text).sort().join(' ');
}

/** The content words of a text: the words that are not general, as contentWord writes them. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  // The words are runs of a letter and then letters or digits (a-z, 0-9), found without a
  // regular expression: every run of a note's prose is read here on a cold analysis.
  let i = 0;
  while (i < lower.length) {
    const c = lower.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) {
      i++;
      continue;
    }
    const start = i++;
    for (let d = lower.charCodeAt(i); (d >= 0x61 && d <= 0x7a) || (d >= 0x30 && d <= 0x39); d = lower.charCodeAt(++i));
    if (i - start < 3) continue;
    const raw = lower.slice(start, i);
    if (generalWords.has(raw)) continue;
    const word = contentWord(raw);
    const pair = out.length > 0 ? sameAsPair.get(`${out[out.length - 1]} ${word}`) : undefined;
    out.push(word);
    if (pair) out.push(pair);
  }
  return out;
}

/**
 * How strongly a note whose content words are `noteWords` speaks of an indication: 0 not at all;
 * 2 when it has every content word of an indication of two or more ('type 2 diabetes mellitus');
 * 1 when it has a one-word indication ('hypertension') or two thirds of a longer one.
 */
export function indicationPoints(indication: string, noteWords: { has(word: string): boolean }): number {
  return pointsOfWords([...new Set(contentWords(indication))], noteWords);
}

/** indicationPoints of an indication given by its distinct content words. */
export function pointsOfWords(words: readonly string[], noteWords: { has(word: string): boolean }): number {
  const present = words.filter((w) => noteWords.has(w)).length;
  if (words.length === 0 || present === 0) return 0;
  if (present === words.length) return words.length >= 2 ? 2 : 1;
  return words.length > 2 && present >= 2 && present * 3 >= words.length * 2 ? 1 : 0;
}
