import type { OffsetRange } from '../types';
import type { EntityRecord } from '../vocabulary/model';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { Recognition } from '../recognize/recognizer';
import { indicationKey, pointsOfWords, type ProseWords, type SourceIndication, type SourceIndications } from './indications';

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
  private proseWords: ProseWords | undefined;
  /** Per entity id: its signature (see signature), computed or carried over from the note's previous version. */
  private readonly signatures = new Map<string, string>();
  /** The facts (see factsOf) that changed since the carried context, or false when that is not known. */
  private carriable: ReadonlySet<string> | false | undefined;
  /** Names this context (and no other) to what was judged in it: see changedSince. */
  readonly stamp: object = {};
  /** Per drug id: the indications from its sources that this note speaks of, with their points. */
  private readonly spokenIndications = new Map<string, Map<SourceIndication, number>>();
  /** Per entity id and rival id: fit's answer, as rules ask it again for each word near a drug. */
  private readonly fits = new Map<string, number>();
  /** Per entity id: its facts (see factsOf), the carried context's to begin with. */
  private readonly facts: Map<string, readonly string[]>;

  constructor(
    private readonly mentions: readonly Recognition[],
    /** The cards' context phrases the prose contains, found by the recogniser. */
    private readonly phrases: ReadonlySet<string>,
    private readonly vocabulary: Vocabulary,
    /** The drugs' source indications, kept by the service across analyses. */
    private readonly sources: SourceIndications,
    /** The content words of the note's prose (see ProseContentWords), read for the indications of drugs without a curated card. */
    private readonly prose: ProseWordsSource,
    /** What the context of the note's previous version knew, to carry over what this version did not change. */
    private readonly carried?: CarriedContext,
  ) {
    this.facts = carried?.facts ?? new Map();
  }

  /**
   * A short text that is the same in two contexts when fit and touchesIndications answer the same
   * for this entity (as either side of fit) in both: whether each of its facts (see factsOf) holds
   * here, one character per fact. Judgements kept across analyses compare these instead of asking
   * every fit again.
   */
  signature(entity: EntityRecord): string {
    let signature = this.signatures.get(entity.id);
    if (signature === undefined) {
      signature = this.carriedSignature(entity) ?? this.computeSignature(entity);
      this.signatures.set(entity.id, signature);
    }
    return signature;
  }

  private computeSignature(entity: EntityRecord): string {
    // Read now whether or not a fact asks: the next version's context carries over only from a context that read both (see carry).
    this.namedHere();
    this.proseContentWords();
    let out = '';
    // The facts are read anyway: kept, they let the next version carry this signature (see inheritSignatures).
    const facts: string[] | undefined = this.facts.has(entity.id) ? undefined : [];
    this.readFacts(entity, (fact, holds) => {
      out += holds() ? '1' : '0';
      facts?.push(fact);
    });
    if (facts) this.facts.set(entity.id, facts);
    return out;
  }

  /**
   * The facts (see factsOf) that changed since the context with this stamp, when that is this one
   * or the previous version's; otherwise undefined. An entity none of whose facts is among them
   * has the same signature in both.
   */
  changedSince(stamp: object): ReadonlySet<string> | undefined {
    if (stamp === this.stamp) return noFacts;
    if (stamp !== this.carried?.stamp) return undefined;
    const changed = this.carriedChanges();
    return changed === false ? undefined : changed;
  }

  /**
   * What an entity's fit and touchesIndications read of the note, each as a short text: its
   * phrases ('p '), its targets among the genes named ('g '), its classes among the drugs named
   * ('c ') and its sources' indication words among the prose words ('w ').
   */
  factsOf(entity: EntityRecord): readonly string[] {
    // The same in every note (they are the entity's own phrases, targets, classes and indication
    // words), so kept from one version of the note to the next: judgements ask them again and again.
    let facts = this.facts.get(entity.id);
    if (!facts) {
      const out: string[] = [];
      this.readFacts(entity, (fact) => out.push(fact));
      this.facts.set(entity.id, (facts = out));
    }
    return facts;
  }

  /**
   * Each fact of the note an entity's fit and touchesIndications read, with whether it holds here
   * (asked only when wanted): the one list both its signature and factsOf are made from, so that
   * what the judgements record of a note is always what decides them.
   */
  private readFacts(entity: EntityRecord, visit: (fact: string, holds: () => boolean) => void): void {
    for (const phrase of entity.context ?? []) {
      const lower = phrase.toLowerCase();
      visit(`p ${lower}`, () => this.containsPhrase(lower));
    }
    for (const indication of entity.indications ?? []) {
      const lower = indication.toLowerCase();
      visit(`p ${lower}`, () => this.containsPhrase(lower));
    }
    for (const target of entity.targets ?? []) visit(`g ${target}`, () => this.namedHere().genes.has(target));
    for (const c of entity.classes ?? []) visit(`c ${c}`, () => this.sharesClass(entity, c));
    for (const indication of this.sourceIndications(entity)) {
      for (const word of indication.words) visit(`w ${word}`, () => this.proseContentWords().has(word));
    }
  }

  /** Whether another drug the note names is of this class. */
  private sharesClass(entity: EntityRecord, c: string): boolean {
    for (const id of this.namedHere().drugClasses.get(c) ?? []) if (id !== entity.id) return true;
    return false;
  }

  /** The previous version's signature of an entity, when none of its facts changed since. */
  private carriedSignature(entity: EntityRecord): string | undefined {
    const kept = this.carried?.signatures.get(entity.id);
    if (kept === undefined) return undefined;
    const changed = this.carriedChanges();
    if (changed === false) return undefined;
    if (changed.size > 0 && this.factsOf(entity).some((fact) => changed.has(fact))) return undefined;
    return kept;
  }

  /**
   * Takes on the carried context's signatures that this version did not ask for and would carry
   * itself if asked (none of the entity's facts changed since): otherwise a version whose
   * judgements all held at once, asking no signature, would carry none, and the version after it
   * would compute every signature again.
   */
  private inheritSignatures(): void {
    const kept = this.carried?.signatures;
    if (!kept) return;
    const changed = this.carriedChanges();
    if (changed === false) return;
    for (const [id, signature] of kept) {
      if (this.signatures.has(id)) continue;
      const facts = this.facts.get(id);
      if (!facts || (changed.size > 0 && facts.some((fact) => changed.has(fact)))) continue;
      this.signatures.set(id, signature);
    }
  }

  /** The facts that changed since the carried context, or false when that is not known. */
  private carriedChanges(): ReadonlySet<string> | false {
    const carried = this.carried;
    if (!carried) return false;
    if (this.carriable === undefined) {
      const { genes, drugClasses } = this.namedHere();
      const generation = this.proseContentWords().generation;
      const words = generation === carried.generation ? noFacts : this.prose.changedSince(carried.generation);
      if (words === undefined) this.carriable = false;
      else {
        const changed = new Set<string>();
        for (const word of words) changed.add(`w ${word}`);
        for (const phrase of symmetricDifference(carried.phrases, this.phrases)) changed.add(`p ${phrase}`);
        for (const gene of symmetricDifference(carried.genes, genes)) changed.add(`g ${gene}`);
        for (const c of changedClasses(carried.drugClasses, drugClasses)) changed.add(`c ${c}`);
        this.carriable = changed;
      }
    }
    return this.carriable;
  }

  /** What the next version's context may carry over from this one, or undefined if there is nothing. */
  carry(): CarriedContext | undefined {
    if (!this.genes || !this.drugClasses || !this.proseWords) return undefined;
    this.inheritSignatures();
    if (this.signatures.size === 0) return undefined;
    return {
      phrases: this.phrases,
      genes: this.genes,
      drugClasses: this.drugClasses,
      generation: this.proseWords.generation,
      signatures: this.signatures,
      stamp: this.stamp,
      facts: this.facts,
    };
  }

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
    return this.sourceIndications(entity).some((indication) => indication.words.some((w) => words.has(w)));
  }

  private proseContentWords(): ProseWords {
    this.proseWords ??= this.prose.read();
    return this.proseWords;
  }

  /** The indications the sources list for a drug without a curated card that this note speaks of. */
  indicationsSpokenOf(entity: EntityRecord): readonly string[] {
    return [...this.spokenOf(entity).keys()].map((indication) => indication.text);
  }

  /** The indications of indicationsSpokenOf, each with its points (indicationPoints). */
  private spokenOf(entity: EntityRecord): ReadonlyMap<SourceIndication, number> {
    if ((entity.context?.length ?? 0) > 0) return new Map();
    let spoken = this.spokenIndications.get(entity.id);
    if (!spoken) {
      const words = this.proseContentWords();
      // One per set of content words: 'type 2 diabetes mellitus' and 'treatment refractory type 2
      // diabetes mellitus' are one indication here.
      const keys = new Set<string>();
      spoken = new Map();
      for (const indication of this.sourceIndications(entity)) {
        const points = pointsOfWords(indication.words, words);
        if (keys.has(indication.key) || points === 0) continue;
        keys.add(indication.key);
        spoken.set(indication, points);
      }
      this.spokenIndications.set(entity.id, spoken);
    }
    return spoken;
  }

  /** Whether a card or a source gives a drug an indication: it is a drug in use. */
  hasIndications(entity: EntityRecord): boolean {
    return (entity.indications?.length ?? 0) > 0 || this.sourceIndications(entity).length > 0;
  }

  /**
   * Whether two drugs are given for one same thing: their sources, or their cards, list an
   * indication with the same content words ('type 2 diabetes mellitus' for metformin and for insulin
   * glargine). The vocabulary's answer alone: it reads nothing of the note.
   */
  shareAnIndication(a: number, b: number): boolean {
    const keysOf = (index: number) => [
      ...this.sources.atIndex(index).map((indication) => indication.key),
      ...(this.vocabulary.entity(index).indications ?? []).map(indicationKey),
    ];
    const keys = new Set(keysOf(a));
    return keysOf(b).some((key) => key !== '' && keys.has(key));
  }

  private sourceIndications(entity: EntityRecord): readonly SourceIndication[] {
    return this.sources.of(entity);
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
    const key = rival ? `${entity.id}\u0000${rival.id}` : entity.id;
    let score = this.fits.get(key);
    if (score === undefined) this.fits.set(key, (score = this.computeFit(entity, rival)));
    return score;
  }

  /** The genes (a drug's targets) and the drug classes the note names, built on first use. */
  private namedHere(): { genes: ReadonlySet<string>; drugClasses: ReadonlyMap<string, ReadonlySet<string>> } {
    if (!this.genes || !this.drugClasses) {
      this.genes = new Set();
      this.drugClasses = new Map();
      // Each entity's record once: a note names its drugs and biomarkers thousands of times.
      const seen = new Set<number>();
      for (const m of this.mentions) {
        if (m.kind === 'gene') this.genes.add(m.canonical);
        if ((m.kind !== 'biomarker' && m.kind !== 'drug') || seen.has(m.entity)) continue;
        seen.add(m.entity);
        const record = this.vocabulary.entity(m.entity);
        if (m.kind === 'biomarker') {
          this.genes.add(m.canonical);
          if (record.geneSymbol) this.genes.add(record.geneSymbol);
          continue;
        }
        for (const c of record.classes ?? []) {
          let drugs = this.drugClasses.get(c);
          if (!drugs) this.drugClasses.set(c, (drugs = new Set()));
          drugs.add(m.id);
        }
      }
    }
    return { genes: this.genes, drugClasses: this.drugClasses! };
  }

  private computeFit(entity: EntityRecord, rival: EntityRecord | undefined): number {
    const { genes } = this.namedHere();
    const shared = (field: 'targets' | 'classes', value: string) => rival?.[field]?.includes(value) ?? false;
    let score = 0;
    for (const phrase of entity.context ?? []) if (this.containsPhrase(phrase.toLowerCase())) score += 1;
    for (const indication of entity.indications ?? []) {
      if (!entity.context?.includes(indication) && this.containsPhrase(indication.toLowerCase())) score += 1;
    }
    const rivalSpeaksOf = new Set(rival ? [...this.spokenOf(rival).keys()].map((i) => i.key) : []);
    let indicationScore = 0;
    for (const [indication, points] of this.spokenOf(entity)) if (!rivalSpeaksOf.has(indication.key)) indicationScore += points;
    score += Math.min(indicationScore, maxIndicationPoints);
    for (const target of entity.targets ?? []) if (!shared('targets', target) && genes.has(target)) score += 1;
    for (const c of entity.classes ?? []) if (!shared('classes', c) && this.sharesClass(entity, c)) score += 0.5;
    return score;
  }
}

/** Where a context reads the note's prose content words (ProseContentWords). */
export interface ProseWordsSource {
  read(): ProseWords;
  changedSince(generation: number): ReadonlySet<string> | undefined;
}

/** What a context knew that the next version's context may carry over (see DocumentContext.carry). */
export interface CarriedContext {
  readonly phrases: ReadonlySet<string>;
  readonly genes: ReadonlySet<string>;
  readonly drugClasses: ReadonlyMap<string, ReadonlySet<string>>;
  /** The version of the prose content words it read. */
  readonly generation: number;
  readonly signatures: ReadonlyMap<string, string>;
  readonly stamp: object;
  /** The entities' facts, which no note changes (see factsOf). */
  readonly facts: Map<string, readonly string[]>;
}

const noFacts: ReadonlySet<string> = new Set();

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const x of a) if (!b.has(x)) out.push(x);
  for (const x of b) if (!a.has(x)) out.push(x);
  return out;
}

/** The classes whose drugs named differ between two notes' class maps. */
function changedClasses(a: ReadonlyMap<string, ReadonlySet<string>>, b: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const out: string[] = [];
  for (const [c, drugs] of a) {
    const other = b.get(c);
    if (!other || other.size !== drugs.size || symmetricDifference(drugs, other).length > 0) out.push(c);
  }
  for (const c of b.keys()) if (!a.has(c)) out.push(c);
  return out;
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
