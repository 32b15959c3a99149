import { termRoles, type TermRole } from './model';

/**
 * The encoding shared by the vocabulary compiler and the loader: how a posting packs an entity
 * index, the term's role and flags into one 32-bit number, and which sections the packed file has.
 */

export const formatVersion = 5;

const entityBits = 24;
const entityMask = (1 << entityBits) - 1;

/** The surface form is also an everyday English word ('SET', 'MET'): recognise it with care. */
export const commonWordFlag = 1 << 28;

export function encodePosting(entity: number, role: TermRole, flags: number): number {
  if (entity > entityMask) throw new Error('too many entities for the posting format');
  return (entity | (termRoles.indexOf(role) << entityBits) | flags) >>> 0;
}

export function postingEntity(posting: number): number {
  return posting & entityMask;
}

export function postingRole(posting: number): TermRole {
  return termRoles[(posting >>> entityBits) & 0xf];
}

export function postingRank(posting: number): number {
  return (posting >>> entityBits) & 0xf;
}

export function postingIsCommonWord(posting: number): boolean {
  return (posting & commonWordFlag) !== 0;
}

/** Entry flag: the key is a proper prefix of a longer term, so a scan should extend the window. */
export const prefixFlag = 1;
/** Entry flag: the key names at least one entity. */
export const termFlag = 2;

/** SymSpell-style near-miss index parameters. */
export const nearMissPrefixLength = 7;
export const nearMissMaxDistance = 2;
/** Deletions the phonetic-key index is built with: respellings ('ciclofosfamide') are one away at most. */
export const phoneticMaxDistance = 1;

/** File names inside a data folder. */
export const dataFiles = {
  packed: 'vocabulary.bin',
  /** The key hash table and drug-name deletion indexes (lookupIndexes.ts): what a browser rebuilds instead of downloading. */
  lookupIndexes: 'vocabulary-indexes.bin',
  keys: 'vocabulary-keys.txt',
  entities: 'entities.jsonl',
  /**
   * The same records cut to what analysis reads (model.ts essentialFields), as JSON lines, gzipped:
   * what a browser starts with (its worker inflates it; the offsets in the packed file are of the
   * inflated text). Shipped compressed because a server that compresses on the fly (code-server
   * does, with brotli, on every request) spends longer on its 9 MB than the worker spends inflating.
   */
  essentials: 'entity-essentials.jsonl.gz',
  drugNames: 'drug-names.txt',
  /** Descriptions, mechanisms and references for cards (knowledge.ts); optional, read on the first card. */
  knowledge: 'knowledge.bin',
  sources: 'SOURCES.md',
} as const;

export interface VocabularyMeta {
  formatVersion: number;
  entityCount: number;
  keyCount: number;
  drugNameCount: number;
  /** sha256 of the curated overlay the files were built from, to detect a stale build. */
  curatedDigest: string;
  /** Every card's context phrases and indications, lower case: recognition notes which occur in each run of prose. */
  contextPhrases: string[];
}
