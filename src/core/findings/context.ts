import type { OffsetRange } from '../types';
import type { EntityRecord } from '../vocabulary/model';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { Recognition } from '../recognize/recognizer';
import { contentWords, indicationPoints } from './indications';

/**
 * Points a drug without a curated card may earn from the indications its sources list: a drug
 * with thirty indications would otherwise fit any clinical note.
 */
const maxIndicationPoints = 2;

/**
 * What a document is about, as far as choosing between look-alike drugs needs: the context
 * phrases of cards its prose contains, the genes it names (a drug's targets) and the classes of
 * the drugs it names. The gene and class sets are built on first use: most documents never need them.
 */
export class DocumentContext {
  private genes: Set<string> | undefined;
  private drugClasses: Map<string, Set<string>> | undefined;
  private proseWords: ReadonlySet<string> | undefined;
  /** Per drug id: the indications its sources list (knowledge.bin), read once per note. */
  private readonly indicationsOf = new Map<string, string[]>();
  /** Per drug id: the indications from its sources that this note speaks of, with their points. */
  private readonly spokenIndications = new Map<string, Map<string, number>>();

  constructor(
    private readonly mentions: readonly Recognition[],
    /** The cards' context phrases the prose contains, found by the recogniser. */
    private readonly phrases: ReadonlySet<string>,
    private readonly vocabulary: Vocabulary,
    /** The content words of the note's prose (see ProseContentWords), read for the indications of drugs without a curated card. */
    private readonly readProseWords: () => ReadonlySet<string>,
  ) {}

  /**
   * Whether anything says where a drug belongs: a curated card's context phrases, or the
   * indications its sources list. A drug nothing describes is never out of place.
   */
  knowsWhereBelongs(entity: EntityRecord): boolean {
    return (entity.context?.length ?? 0) > 0 || this.sourceIndications(entity).length > 0;
  }

  /**
   * Whether the note touches what its sources say a drug treats: a content word of any of its
   * indications in knowledge.bin is in the prose. The sources list a few indications per drug, not all
   * (ciprofloxacin's list a pneumonia, not a urinary tract infection), so a drug is called out of
   * place only when the note touches none of them.
   */
  touchesIndications(entity: EntityRecord): boolean {
    const words = this.proseContentWords();
    return this.sourceIndications(entity).some((text) => contentWords(text).some((w) => words.has(w)));
  }

  private proseContentWords(): ReadonlySet<string> {
    this.proseWords ??= this.readProseWords();
    return this.proseWords;
  }

  /** The indications the sources list for a drug without a curated card that this note speaks of. */
  indicationsSpokenOf(entity: EntityRecord): readonly string[] {
    return [...this.spokenOf(entity).keys()];
  }

  /** The indications of indicationsSpokenOf, each with its points (indicationPoints). */
  private spokenOf(entity: EntityRecord): ReadonlyMap<string, number> {
    if ((entity.context?.length ?? 0) > 0) return new Map();
    let spoken = this.spokenIndications.get(entity.id);
    if (!spoken) {
      const words = this.proseContentWords();
      // One per set of content words: 'type 2 diabetes mellitus' and 'treatment refractory type 2
      // diabetes mellitus' are one indication here.
      const keys = new Set<string>();
      spoken = new Map();
      for (const text of this.sourceIndications(entity)) {
        const key = contentWords(text).sort().join(' ');
        const points = indicationPoints(text, words);
        if (keys.has(key) || points === 0) continue;
        keys.add(key);
        spoken.set(text, points);
      }
      this.spokenIndications.set(entity.id, spoken);
    }
    return spoken;
  }

  /** Whether a card or a source gives a drug an indication: it is a drug in use. */
  hasIndications(entity: EntityRecord): boolean {
    return (entity.indications?.length ?? 0) > 0 || this.sourceIndications(entity).length > 0;
  }

  private sourceIndications(entity: EntityRecord): readonly string[] {
    let texts = this.indicationsOf.get(entity.id);
    if (!texts) {
      const nameIndex = entity.kind === 'drug' ? this.vocabulary.drugNameIndex(entity.canonical) : -1;
      const index = nameIndex < 0 ? -1 : this.vocabulary.drugNameEntity(nameIndex);
      texts = index >= 0 && this.vocabulary.entity(index).id === entity.id ? (this.vocabulary.knowledge(index)?.indications?.map((i) => i.text) ?? []) : [];
      this.indicationsOf.set(entity.id, texts);
    }
    return texts;
  }

  /** Whether a context phrase occurs as whole words in the prose (not in code or URLs). */
  containsPhrase(phrase: string): boolean {
    return this.phrases.has(phrase.toLowerCase());
  }

  /**
   * How well an entity fits this document: one point per context phrase or indication of its card
   * present (for a drug without a card, the points of the indications of its sources the note
   * speaks of, at most maxIndicationPoints), one per target gene named, half a point per class shared with another drug named here.
   * Against a rival, targets and classes the two share say nothing (two aromatase inhibitors
   * both target CYP19A1), so they do not count.
   */
  fit(entity: EntityRecord, rival?: EntityRecord): number {
    if (!this.genes) {
      this.genes = new Set();
      this.drugClasses = new Map();
      for (const m of this.mentions) {
        if (m.kind === 'gene' || m.kind === 'biomarker') this.genes.add(m.canonical);
        if (m.kind === 'biomarker') {
          const gene = this.vocabulary.entity(m.entity).geneSymbol;
          if (gene) this.genes.add(gene);
        }
        if (m.kind === 'drug') {
          for (const c of this.vocabulary.entity(m.entity).classes ?? []) {
            let drugs = this.drugClasses.get(c);
            if (!drugs) this.drugClasses.set(c, (drugs = new Set()));
            drugs.add(m.id);
          }
        }
      }
    }
    const shared = (field: 'targets' | 'classes', value: string) => rival?.[field]?.includes(value) ?? false;
    let score = 0;
    for (const phrase of entity.context ?? []) if (this.containsPhrase(phrase.toLowerCase())) score += 1;
    for (const indication of entity.indications ?? []) {
      if (!entity.context?.includes(indication) && this.containsPhrase(indication.toLowerCase())) score += 1;
    }
    const rivalSpeaksOf = new Set(rival ? this.indicationsSpokenOf(rival).map((i) => contentWords(i).sort().join(' ')) : []);
    let indicationScore = 0;
    for (const [text, points] of this.spokenOf(entity)) if (!rivalSpeaksOf.has(contentWords(text).sort().join(' '))) indicationScore += points;
    score += Math.min(indicationScore, maxIndicationPoints);
    for (const target of entity.targets ?? []) if (!shared('targets', target) && this.genes.has(target)) score += 1;
    for (const c of entity.classes ?? []) {
      if (shared('classes', c)) continue;
      const others = [...(this.drugClasses!.get(c) ?? [])].filter((id) => id !== entity.id);
      if (others.length > 0) score += 0.5;
    }
    return score;
  }
}

/**
 * Whether a neighbour fits a document clearly better than the entity written there: the
 * neighbour has real support (two or more points) and at least twice the written one's plus one.
 */
export function fitsClearlyBetter(neighbourFit: number, writtenFit: number): boolean {
  return neighbourFit >= 2 && neighbourFit >= 2 * writtenFit + 1;
}

/** Whether two ranges of a text lie in one sentence (no sentence end or blank line between). */
export function inOneSentence(text: string, a: OffsetRange, b: OffsetRange): boolean {
  const between = text.slice(Math.min(a.end, b.end), Math.max(a.start, b.start));
  return !/[.!?]\s|\n\s*\n/.test(between);
}
