import type { EntityRecord } from '../vocabulary/model';
import type { DocumentContext } from './context';

/**
 * What a judgement may read of the note it is made in. Everything else it reads (the word, the
 * vocabulary, the settings) is the same from one analysis to the next, so a judgement whose reads
 * of the note give the same answers again is the same judgement: that is how an edit re-judges
 * only the words and drugs whose note-level facts it changed.
 */
export interface NoteReads {
  /** DocumentContext.fit. */
  fit(entity: EntityRecord, rival?: EntityRecord): number;
  /** DocumentContext.touchesIndications. */
  touchesIndications(entity: EntityRecord): boolean;
  /** How many times the note names a drug (by entity index) under one of its accepted names. */
  timesNamed(entity: number): number;
  /** DocumentContext.signature: what decides the answers of fit and touchesIndications for an entity. */
  signature(entity: EntityRecord): string;
  /** DocumentContext.stamp, changedSince and factsOf: when signatures need not be asked again. */
  readonly stamp: object;
  changedSince(stamp: object): ReadonlySet<string> | undefined;
  factsOf(entity: EntityRecord): readonly string[];
  /** DocumentContext.hasIndications and knowsWhereBelongs: the vocabulary's answers alone, so they are not recorded. */
  hasIndications(entity: EntityRecord): boolean;
  knowsWhereBelongs(entity: EntityRecord): boolean;
}

/** What one judgement read of its note: each entity's signature, and the drug-name counts. */
interface Reads {
  readonly signatures: Map<EntityRecord, string>;
  readonly named: Map<number, number>;
  /** The facts those signatures read (see DocumentContext.factsOf). */
  readonly facts: Set<string>;
}

interface Recorded<V> {
  readonly value: V;
  readonly reads: Reads;
  /** The stamp of the last context the reads were found to hold in. */
  stamp: object;
}

/** Whether a judgement's reads answer the same in this note: at once when none of its facts changed since it last held, else entity by entity. */
function holds(recorded: Recorded<unknown>, note: NoteReads): boolean {
  const { reads } = recorded;
  for (const [entity, count] of reads.named) if (note.timesNamed(entity) !== count) return false;
  if (reads.signatures.size > 0) {
    const changed = note.changedSince(recorded.stamp);
    if (!(changed && disjoint(changed, reads.facts))) {
      for (const [entity, signature] of reads.signatures) if (note.signature(entity) !== signature) return false;
    }
  }
  recorded.stamp = note.stamp;
  return true;
}

function disjoint(small: ReadonlySet<string>, large: ReadonlySet<string>): boolean {
  for (const word of small) if (large.has(word)) return false;
  return true;
}

/**
 * Judgements kept across analyses (and documents), each with what it read of the note it was made
 * in: one is reused when those reads answer the same in the note at hand, else made again. The
 * reads of fit and touchesIndications are kept as the signatures of the entities they asked
 * about (DocumentContext.signature), which decide their answers. Bounded: when the cache is full,
 * the judgements not used since it last filled are forgotten.
 */
export class JudgementCache<K, V> {
  private recent = new Map<K, Recorded<V>>();
  private older = new Map<K, Recorded<V>>();

  constructor(private readonly capacity: number) {}

  /** The judgement of `key` in this note: kept, or made now by `judge`, which must read the note only through its argument. */
  judge(key: K, note: NoteReads, judge: (note: NoteReads) => V): V {
    let kept = this.recent.get(key);
    if (!kept) {
      kept = this.older.get(key);
      if (kept) this.keep(key, kept);
    }
    if (kept && holds(kept, note)) return kept.value;
    const reads: Reads = { signatures: new Map(), named: new Map(), facts: new Set() };
    const touch = (entity: EntityRecord) => {
      if (reads.signatures.has(entity)) return;
      reads.signatures.set(entity, note.signature(entity));
      for (const fact of note.factsOf(entity)) reads.facts.add(fact);
    };
    const recording: NoteReads = {
      fit(entity, rival) {
        touch(entity);
        if (rival) touch(rival);
        return note.fit(entity, rival);
      },
      touchesIndications(entity) {
        touch(entity);
        return note.touchesIndications(entity);
      },
      timesNamed(entity) {
        const count = note.timesNamed(entity);
        reads.named.set(entity, count);
        return count;
      },
      signature: (entity) => note.signature(entity),
      stamp: note.stamp,
      changedSince: (stamp) => note.changedSince(stamp),
      factsOf: (entity) => note.factsOf(entity),
      hasIndications: (entity) => note.hasIndications(entity),
      knowsWhereBelongs: (entity) => note.knowsWhereBelongs(entity),
    };
    const value = judge(recording);
    this.keep(key, { value, reads, stamp: note.stamp });
    return value;
  }

  private keep(key: K, recorded: Recorded<V>): void {
    this.recent.set(key, recorded);
    if (this.recent.size < this.capacity) return;
    this.older = this.recent;
    this.recent = new Map();
  }
}

/**
 * The judgements a service keeps for its analyses, one cache per rule that asks (each rule says
 * how many it keeps). They hold no document's text, and they are made under one set of settings:
 * the service starts afresh when the settings change.
 */
export class KeptJudgements {
  private readonly caches = new Map<string, JudgementCache<unknown, unknown>>();

  /** The cache called `name`, made on first use with room for `capacity` judgements. */
  cache<K, V>(name: string, capacity: number): JudgementCache<K, V> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new JudgementCache(capacity)));
    return cache as JudgementCache<K, V>;
  }
}

/** The reads of a note through its context, and through the counts of its drug names given. */
export function noteReads(context: DocumentContext, timesNamed: (entity: number) => number): NoteReads {
  return {
    fit: (entity, rival) => context.fit(entity, rival),
    touchesIndications: (entity) => context.touchesIndications(entity),
    signature: (entity) => context.signature(entity),
    stamp: context.stamp,
    changedSince: (stamp) => context.changedSince(stamp),
    factsOf: (entity) => context.factsOf(entity),
    timesNamed,
    hasIndications: (entity) => context.hasIndications(entity),
    knowsWhereBelongs: (entity) => context.knowsWhereBelongs(entity),
  };
}
