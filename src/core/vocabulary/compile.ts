import { deletions, editDistance, nameSimilarity } from '../findings/similarity';
import {
  commonWordFlag,
  encodePosting,
  formatVersion,
  nearMissMaxDistance,
  nearMissPrefixLength,
  postingRank,
  prefixFlag,
  termFlag,
  type VocabularyMeta,
} from './lexicon';
import type { EntityRecord, TermRecord, VocabularyModel } from './model';
import { termKeyPrefixes } from './normalize';
import { hashSet, hashString, packSections } from './packed';

/** The files a compiled vocabulary consists of (see dataFiles for their names). */
export interface CompiledVocabulary {
  packed: Buffer;
  keys: string;
  entities: string;
  drugNames: string;
}

/** Look-alike neighbours: names at least this similar (0–1) are indexed as confusable. */
export const lookalikeThreshold = 0.62;
const maxNeighbours = 8;

/**
 * Abbreviations of methods, statistics, trial endpoints and institutions that biomedical prose
 * uses constantly and that some gene happens to have as a symbol or alias ('CI' is an alias of
 * NDUFB6, 'EMT' of SLC22A3, 'PDF' the peptide deformylase symbol). In prose they are never the gene.
 */
const abbreviationsThatAreNotGenes = new Set([
  'ANOVA', 'AUC', 'BMI', 'CBR', 'CI', 'CT', 'DCR', 'DNA', 'ELISA', 'EMT', 'FDA', 'FISH', 'ICU', 'IHC', 'IQR', 'MRI',
  'NCI', 'NGS', 'NIH', 'OR', 'ORR', 'OS', 'PCR', 'PDF', 'PET', 'PFS', 'RNA', 'RR', 'SD', 'SE', 'SEM', 'SNP', 'TTP', 'WHO',
]);

/**
 * The recognition policy for everyday words, applied at build time. The English word list is
 * broad (it has 'morphine' and 'paracetamol' as well as 'date' and 'water'), so:
 * - an alias, previous symbol, brand or code that is an English word ('Era', 'MAP', 'Focus') is not
 *   indexed: such a word in prose almost never means the gene or product;
 * - a drug's generic name or synonym that is an English word is indexed only when longer than
 *   five letters: 'lithium' and 'paracetamol' are the drugs, 'water', 'date' and 'same' are not;
 * - approved gene symbols stay, flagged, and the recogniser asks more of them (see recognizer.ts).
 * Case-insensitive names shorter than four letters ('com') are too easily words, and so are
 * aliases of two characters or three letters ('ABC', 'NEU'): they name many things. Curated terms
 * always stay: a person decided them.
 */
export function termIsIndexed(term: TermRecord, entity: EntityRecord, isEnglish: boolean): boolean {
  if (term.role === 'curated') return true;
  if (term.text.length < 2) return false;
  if (!term.caseSensitive && term.text.length < 4) return false;
  if (entity.kind === 'gene' && abbreviationsThatAreNotGenes.has(term.text.replace(/[-\s/]/g, ''))) return false;
  if ((term.role === 'alias' || term.role === 'previous') && (term.text.length <= 2 || /^[A-Za-z]{3}$/.test(term.text))) return false;
  if (!isEnglish) return true;
  if (term.role === 'symbol' || term.role === 'name') return true;
  if (entity.kind === 'drug' && (term.role === 'generic' || term.role === 'synonym')) return term.text.length > 5;
  return false;
}

export function compileVocabulary(model: VocabularyModel, englishWords: Iterable<string>, curatedDigest: string): CompiledVocabulary {
  const english = new Set<string>();
  for (const w of englishWords) english.add(w.toLowerCase());

  // key -> postings and flags
  const byKey = new Map<string, { postings: Set<number>; flags: number }>();
  const entry = (key: string) => {
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { postings: new Set(), flags: 0 }));
    return e;
  };
  for (const term of model.terms) {
    const isEnglish = english.has(term.text.toLowerCase());
    if (!termIsIndexed(term, model.entities[term.entity], isEnglish)) continue;
    const keys = termKeyPrefixes(term.text, term.caseSensitive);
    if (!keys) continue;
    for (let k = 0; k < keys.length - 1; k++) entry(keys[k]).flags |= prefixFlag;
    const last = entry(keys[keys.length - 1]);
    last.flags |= termFlag;
    last.postings.add(encodePosting(term.entity, term.role, isEnglish ? commonWordFlag : 0));
  }

  const keys = [...byKey.keys()].sort();
  const tableSize = 1 << Math.ceil(Math.log2(Math.max(2, keys.length * 2)));
  const table = new Uint32Array(tableSize);
  const keyStarts = new Uint32Array(keys.length + 1);
  const postStarts = new Uint32Array(keys.length + 1);
  const entryFlags = new Uint8Array(keys.length);
  const postingList: number[] = [];
  let keyOffset = 0;
  keys.forEach((key, index) => {
    const e = byKey.get(key)!;
    keyStarts[index] = keyOffset;
    keyOffset += key.length + 1;
    postStarts[index] = postingList.length;
    // Best role first, then entity order: the recogniser takes the first posting as the reading.
    const postings = [...e.postings].sort((a, b) => postingRank(a) - postingRank(b) || a - b);
    postingList.push(...postings);
    entryFlags[index] = e.flags;
    let slot = hashString(key) & (tableSize - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (tableSize - 1);
    table[slot] = index + 1;
  });
  keyStarts[keys.length] = keyOffset;
  postStarts[keys.length] = postingList.length;

  // Entities as JSON lines with byte offsets, parsed one at a time when a card needs one.
  const entityLines: string[] = [];
  const entityOffsets = new Uint32Array(model.entities.length + 1);
  let byteOffset = 0;
  model.entities.forEach((entity, index) => {
    const line = JSON.stringify(cardRecord(entity));
    entityOffsets[index] = byteOffset;
    byteOffset += Buffer.byteLength(line, 'utf8') + 1;
    entityLines.push(line);
  });
  entityOffsets[model.entities.length] = byteOffset;

  const drug = compileDrugNames(model);
  const englishHashes = hashSet([...english].map((word) => hashString(word)));

  const meta: VocabularyMeta = {
    formatVersion,
    entityCount: model.entities.length,
    keyCount: keys.length,
    drugNameCount: drug.names.length,
    curatedDigest,
    contextPhrases: [...new Set(model.entities.flatMap((e) => (e.context ?? []).map((p) => p.toLowerCase())))].sort(),
  };
  const packed = packSections(
    {
      table,
      keyStarts,
      postStarts,
      entryFlags,
      postings: Uint32Array.from(postingList),
      entityOffsets,
      englishHashes,
      drugNameEntities: drug.entities,
      nearMissHashes: drug.nearMissHashes,
      nearMissNames: drug.nearMissNames,
      neighbourStarts: drug.neighbourStarts,
      neighbours: drug.neighbours,
    },
    meta,
  );
  return {
    packed,
    keys: keys.join('\n') + '\n',
    entities: entityLines.join('\n') + '\n',
    drugNames: drug.names.join('\n') + '\n',
  };
}

/** What a card needs of an entity: long lists cut to what a card shows, defaults left out. */
function cardRecord(entity: EntityRecord): EntityRecord {
  const record: EntityRecord = { ...entity };
  for (const field of ['synonyms', 'brands', 'codes'] as const) if (record[field]) record[field] = record[field]!.slice(0, 12);
  if (record.targets) record.targets = record.targets.slice(0, 24);
  if (record.locusType === 'gene with protein product') delete record.locusType;
  return record;
}

/**
 * The drug names that near-miss and look-alike searches cover: a SymSpell deletion index over
 * each name's first letters (hash → name, sorted by hash), and each name's look-alike neighbours.
 */
function compileDrugNames(model: VocabularyModel) {
  const entityOfName = new Map<string, number>();
  for (const term of model.terms) {
    if (term.role !== 'generic' && term.role !== 'curated') continue;
    if (model.entities[term.entity].kind !== 'drug') continue;
    const name = term.text.toLowerCase();
    if (!/^[a-z]{5,}$/.test(name)) continue;
    if (!entityOfName.has(name) || term.role === 'generic') entityOfName.set(name, term.entity);
  }
  const names = [...entityOfName.keys()].sort();
  const entities = Uint32Array.from(names.map((n) => entityOfName.get(n)!));

  const pairs: Array<[number, number]> = [];
  const keyToNames = new Map<string, number[]>();
  names.forEach((name, index) => {
    for (const d of deletions(name.slice(0, nearMissPrefixLength), nearMissMaxDistance)) {
      pairs.push([hashString(d), index]);
      let list = keyToNames.get(d);
      if (!list) keyToNames.set(d, (list = []));
      list.push(index);
    }
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const nearMissHashes = Uint32Array.from(pairs.map((p) => p[0]));
  const nearMissNames = Uint32Array.from(pairs.map((p) => p[1]));

  // Look-alike candidates: names sharing a deletion key, or sharing their last four letters
  // (drug stems: -ozole, -ciclib), scored by nameSimilarity.
  const candidates: Set<number>[] = names.map(() => new Set<number>());
  for (const list of keyToNames.values()) {
    if (list.length > 200) continue;
    for (const a of list) for (const b of list) if (a !== b) candidates[a].add(b);
  }
  const bySuffix = new Map<string, number[]>();
  names.forEach((name, index) => {
    const suffix = name.slice(-4);
    let list = bySuffix.get(suffix);
    if (!list) bySuffix.set(suffix, (list = []));
    list.push(index);
  });
  for (const list of bySuffix.values()) {
    for (const a of list) {
      for (const b of list) {
        if (a !== b && Math.abs(names[a].length - names[b].length) <= 4) candidates[a].add(b);
      }
    }
  }
  const neighbourStarts = new Uint32Array(names.length + 1);
  const neighbourList: number[] = [];
  names.forEach((name, index) => {
    neighbourStarts[index] = neighbourList.length;
    const scored = [...candidates[index]]
      .filter((other) => entities[other] !== entities[index])
      .map((other) => ({ other, score: nameSimilarity(name, names[other]) }))
      .filter(({ other, score }) => score >= lookalikeThreshold && editDistance(name, names[other], 4) <= 4)
      .sort((x, y) => y.score - x.score || x.other - y.other)
      .slice(0, maxNeighbours);
    for (const { other } of scored) neighbourList.push(other);
  });
  neighbourStarts[names.length] = neighbourList.length;
  return { names, entities, nearMissHashes, nearMissNames, neighbourStarts, neighbours: Uint32Array.from(neighbourList) };
}
