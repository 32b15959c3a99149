import type { EntityRecord, TermRole } from '../../src/core/vocabulary/model';

/** A term before entities are numbered. */
export interface DraftTerm {
  text: string;
  role: TermRole;
  caseSensitive: boolean;
  /** A second source names the entity by this term too (see TermRecord.attested). */
  attested?: boolean;
}

/** An entity record with its terms, before the model is sorted and indexed. */
export interface EntityDraft {
  record: EntityRecord;
  terms: DraftTerm[];
  /** How many papers NCBI links to the entity (see VocabularyModel.paperCounts). */
  papers?: number;
}

/** Appends `value` unless an equal value (after `key`) is already there. */
export function pushUnique(list: string[], value: string, key: (value: string) => string = (v) => v): void {
  const k = key(value);
  if (!list.some((existing) => key(existing) === k)) list.push(value);
}

export const lower = (value: string): string => value.toLowerCase();
