import type { OffsetRange } from '../types';
import type { EntityRecord } from '../vocabulary/model';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { Recognition } from '../recognize/recognizer';

/**
 * What a document is about, as far as choosing between look-alike drugs needs: its prose (for
 * the context words of curated cards), the genes it names (a drug's targets) and the classes of
 * the drugs it names. Built lazily: most documents never need it.
 */
export class DocumentContext {
  private prose: string | undefined;
  private readonly phraseHits = new Map<string, boolean>();
  private genes: Set<string> | undefined;
  private drugClasses: Map<string, Set<string>> | undefined;

  constructor(
    private readonly text: string,
    private readonly segments: readonly OffsetRange[],
    private readonly mentions: readonly Recognition[],
    private readonly vocabulary: Vocabulary,
  ) {}

  /** Whether a lower-case phrase occurs in the prose as whole words. */
  containsPhrase(phrase: string): boolean {
    let hit = this.phraseHits.get(phrase);
    if (hit === undefined) {
      this.prose ??= this.segments.map((s) => this.text.slice(s.start, s.end)).join(' ').toLowerCase().replace(/\s+/g, ' ');
      hit = false;
      for (let i = this.prose.indexOf(phrase); i >= 0; i = this.prose.indexOf(phrase, i + 1)) {
        if (!isWordChar(this.prose.charCodeAt(i - 1)) && !isWordChar(this.prose.charCodeAt(i + phrase.length))) {
          hit = true;
          break;
        }
      }
      this.phraseHits.set(phrase, hit);
    }
    return hit;
  }

  /**
   * How well an entity fits this document: one point per context phrase present, one per
   * target gene named, half a point per class shared with another drug named here.
   */
  fit(entity: EntityRecord): number {
    if (!this.genes) {
      this.genes = new Set();
      this.drugClasses = new Map();
      for (const m of this.mentions) {
        if (m.kind === 'gene' || m.kind === 'biomarker') this.genes.add(m.canonical);
        if (m.kind === 'biomarker') {
          const gene = this.vocabulary.entity(m.entity).gene;
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
    let score = 0;
    for (const phrase of entity.context ?? []) if (this.containsPhrase(phrase.toLowerCase())) score += 1;
    for (const target of entity.targets ?? []) if (this.genes.has(target)) score += 1;
    for (const c of entity.classes ?? []) {
      const others = [...(this.drugClasses!.get(c) ?? [])].filter((id) => id !== entity.id);
      if (others.length > 0) score += 0.5;
    }
    return score;
  }
}

function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || code >= 0xc0;
}

/** Whether a neighbour fits a document clearly better than the entity written there. */
export function fitsClearlyBetter(neighbourFit: number, writtenFit: number): boolean {
  return neighbourFit >= 2 && neighbourFit >= 2 * writtenFit + 1;
}
