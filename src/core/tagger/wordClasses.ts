/**
 * Word classes: every frequent token text of unlabelled biomedical prose put in one of a few
 * hundred classes by the company it keeps (scripts/tagger/wordClasses.ts clusters them at
 * training time), so that the tagger can generalise from 'p53' to the gene symbols it never saw
 * labelled, when they were seen in the same places. A class is a leaf of a binary tree of depth
 * `classBits`, and its number is its path from the root: its high bits are the coarser classes
 * it belongs to, which the features read too. The table travels inside each model file
 * (model.ts); the Tagger builds one lookup from it at load.
 */

export interface WordClassTable {
  /** The depth of the class tree: classes are numbered below 2^classBits. */
  readonly classBits: number;
  /** The token texts that have a class, each once. */
  readonly words: readonly string[];
  /** The class of each of `words`. */
  readonly classes: Uint16Array;
}

/** The class lookup the features read: a token text's class, or `unknown` for a text without one. */
export class WordClasses {
  private readonly byWord: Map<string, number>;
  readonly classBits: number;
  /** The class of a token text the table does not list. */
  readonly unknown: number;

  constructor(table: WordClassTable) {
    this.classBits = table.classBits;
    this.unknown = 1 << table.classBits;
    this.byWord = new Map();
    for (let i = 0; i < table.words.length; i++) this.byWord.set(table.words[i], table.classes[i]);
  }

  /** A text's class, or its lower case's ('Kinase' at a sentence's start is 'kinase'). */
  classOf(word: string): number {
    return this.byWord.get(word) ?? this.byWord.get(word.toLowerCase()) ?? this.unknown;
  }
}

/** Whether two tables are the same, as the models of one tagger must share theirs (their features are computed once). */
export function sameWordClasses(a: WordClassTable, b: WordClassTable): boolean {
  if (a.classBits !== b.classBits || a.words.length !== b.words.length) return false;
  for (let i = 0; i < a.words.length; i++) if (a.words[i] !== b.words[i] || a.classes[i] !== b.classes[i]) return false;
  return true;
}
