import { confusability, deletions, nameProfile, phoneticKey, type NameProfile } from '../text/similarity';
import { drugNameIndexes, keyIndex, lookupIndexSections, type LookupIndexes } from './lookupIndexes';
import { termIsIndexed } from '../recognize/wordPolicy';
import {
  commonWordFlag,
  encodePosting,
  formatVersion,
  nearMissMaxDistance,
  nearMissPrefixLength,
  postingEntity,
  postingRank,
  prefixFlag,
  termFlag,
  type VocabularyMeta,
} from './lexicon';
import { essentialRecord, termRoles, type EntityRecord, type TermRole, type VocabularyModel } from './model';
import { termKeyPrefixes } from './normalize';
import { hashSet, hashString, packSections } from './packed';

/** The files a compiled vocabulary consists of (see dataFiles for their names). */
export interface CompiledVocabulary {
  packed: Uint8Array;
  lookupIndexes: Uint8Array;
  keys: string;
  entities: string;
  essentials: string;
  drugNames: string;
}

/** Look-alike neighbours: names at least this confusable (0–1, see confusability()) are indexed. */
export const lookalikeThreshold = 0.5;
const maxNeighbours = 8;

const previousRank = termRoles.indexOf('previous');
const aliasRank = termRoles.indexOf('alias');

/**
 * A posting's place among a key's readings: its role's, except that a gene's previous symbol and
 * another gene's alias rank alike, so the gene the literature writes most about wins. 'TRP-2' was
 * a tRNA gene's previous symbol and is DCT's alias; 'CREB2' ATF2's previous symbol and ATF4's alias.
 */
function readingRank(posting: number): number {
  const rank = postingRank(posting);
  return rank === aliasRank ? previousRank : rank;
}

export function compileVocabulary(model: VocabularyModel, englishWords: Iterable<string>, curatedDigest: string): CompiledVocabulary {
  const english = new Set<string>();
  for (const w of englishWords) english.add(w.toLowerCase());

  const papersOf = (posting: number) => model.paperCounts?.[postingEntity(posting)] ?? 0;
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
  const keysText = keys.join('\n') + '\n';
  const postStarts = new Uint32Array(keys.length + 1);
  const entryFlags = new Uint8Array(keys.length);
  const postingList: number[] = [];
  keys.forEach((key, index) => {
    const e = byKey.get(key)!;
    postStarts[index] = postingList.length;
    // Best role first, then the entity the literature writes most about, then entity order: the
    // recogniser takes the first posting as the reading.
    const postings = [...e.postings].sort((a, b) => readingRank(a) - readingRank(b) || papersOf(b) - papersOf(a) || a - b);
    for (const posting of postings) postingList.push(posting);
    entryFlags[index] = e.flags;
  });
  postStarts[keys.length] = postingList.length;

  // Entities as JSON lines with byte offsets, parsed one at a time when a mention or a card needs one.
  const cards = model.entities.map(cardRecord);
  const entities = jsonLines(cards);
  const essentials = jsonLines(cards.map(essentialRecord));

  const drug = compileDrugNames(model, (word) => english.has(word));
  const englishHashes = hashSet([...english].map((word) => hashString(word)));

  const meta: VocabularyMeta = {
    formatVersion,
    entityCount: model.entities.length,
    keyCount: keys.length,
    drugNameCount: drug.names.length,
    curatedDigest,
    contextPhrases: [...new Set(model.entities.flatMap((e) => [...(e.context ?? []), ...(e.indications ?? [])].map((p) => p.toLowerCase())))].sort(),
  };
  const indexes: LookupIndexes = { ...keyIndex(keysText), ...drugNameIndexes(drug.names) };
  const packed = packSections(
    {
      postStarts,
      entryFlags,
      postings: Uint32Array.from(postingList),
      entityOffsets: entities.offsets,
      essentialOffsets: essentials.offsets,
      englishHashes,
      drugNameEntities: drug.entities,
      drugNameRoles: drug.roles,
      neighbourStarts: drug.neighbourStarts,
      neighbours: drug.neighbours,
      neighbourListed: drug.neighbourListed,
    },
    meta,
  );
  return {
    packed,
    lookupIndexes: packSections(Object.fromEntries(lookupIndexSections.map((name) => [name, indexes[name]])), {
      formatVersion,
      keyCount: keys.length,
      drugNameCount: drug.names.length,
    }),
    keys: keysText,
    entities: entities.text,
    essentials: essentials.text,
    drugNames: drug.names.map((name, i) => (drug.displays[i] === name ? name : `${name}\t${drug.displays[i]}`)).join('\n') + '\n',
  };
}

/** Records as JSON lines, with the byte offset of each line and, last, the length of the text. */
function jsonLines(records: readonly EntityRecord[]): { text: string; offsets: Uint32Array } {
  const utf8 = new TextEncoder();
  const lines = records.map((record) => JSON.stringify(record));
  const offsets = new Uint32Array(lines.length + 1);
  let offset = 0;
  lines.forEach((line, index) => {
    offsets[index] = offset;
    offset += utf8.encode(line).length + 1;
  });
  offsets[lines.length] = offset;
  return { text: lines.map((line) => `${line}\n`).join(''), offsets };
}

/** What a card needs of an entity: long lists cut to what a card shows, defaults left out. */
function cardRecord(entity: EntityRecord): EntityRecord {
  const record: EntityRecord = { ...entity };
  for (const field of ['synonyms', 'brands', 'codes'] as const) if (record[field]) record[field] = record[field]!.slice(0, 12);
  if (record.targets) record.targets = record.targets.slice(0, 24);
  if (record.locusType === 'gene with protein product') delete record.locusType;
  return record;
}

/** Roles of the written forms the near-miss index holds, best first when one form has several. */
const indexedNameRoles: readonly TermRole[] = ['generic', 'curated', 'brand', 'synonym', 'variant'];
/** Shortest brand, synonym or foreign form the near-miss index holds. */
const minOtherNameLength = 6;
/** Of those, the standard names: look-alike neighbours are computed between these only. */
const standardNameRoles: ReadonlySet<TermRole> = new Set(['generic', 'curated']);

/**
 * The written drug names that near-miss and look-alike searches cover: standard names, accepted
 * synonyms, brands (with their casing) and foreign forms, each pointing at its drug — never a
 * recorded misspelling, nor a form the word policy keeps out of prose. For them: between
 * standard names, each one's confusable neighbours across the whole drug vocabulary (their
 * SymSpell deletion indexes are lookupIndexes.ts', built from the names).
 */
export function compileDrugNames(model: VocabularyModel, isEnglish: (lowerCaseWord: string) => boolean = () => false) {
  const best = new Map<string, { entity: number; role: TermRole; display: string }>();
  for (const term of model.terms) {
    const rank = indexedNameRoles.indexOf(term.role);
    if (rank < 0) continue;
    const entity = model.entities[term.entity];
    if (entity.kind !== 'drug') continue;
    const name = term.text.toLowerCase();
    if (!/^[a-z]{5,}$/.test(name) || !termIsIndexed(term, entity, isEnglish(name))) continue;
    // A five-letter brand or synonym is one slip from too many everyday words ('semen', Semet).
    if (!standardNameRoles.has(term.role) && name.length < minOtherNameLength) continue;
    const kept = best.get(name);
    if (kept && indexedNameRoles.indexOf(kept.role) <= rank) continue;
    best.set(name, { entity: term.entity, role: term.role, display: term.role === 'brand' ? term.text : name });
  }
  const names = [...best.keys()].sort();
  const entities = Uint32Array.from(names.map((n) => best.get(n)!.entity));
  const roles = Uint8Array.from(names.map((n) => termRoles.indexOf(best.get(n)!.role)));
  const displays = names.map((n) => best.get(n)!.display);

  const keys = names.map(phoneticKey);

  const neighbours = standardNameNeighbours(model, names, entities, keys, (index) => standardNameRoles.has(best.get(names[index])!.role));
  return {
    names,
    /** Per name: its written form, when it differs from the lower-case name (a brand's casing). */
    displays,
    entities,
    roles,
    neighbourStarts: neighbours.starts,
    neighbours: neighbours.list,
    neighbourListed: neighbours.listed,
  };
}

/** Look-alike neighbours computed among the standard names only, indexed like the full list. */
function standardNameNeighbours(model: VocabularyModel, names: string[], entities: Uint32Array, keys: string[], isStandard: (index: number) => boolean) {
  const standard = names.map((_, index) => index).filter(isStandard);
  const standardNames = standard.map((index) => names[index]);
  const keyToNames = new Map<string, number[]>();
  standardNames.forEach((name, index) => {
    for (const d of deletions(name.slice(0, nearMissPrefixLength), nearMissMaxDistance)) {
      let list = keyToNames.get(d);
      if (!list) keyToNames.set(d, (list = []));
      list.push(index);
    }
  });
  const found = confusableNeighbours(
    model,
    standardNames,
    Uint32Array.from(standard.map((index) => entities[index])),
    standard.map((index) => keys[index]),
    keyToNames,
  );
  const starts = new Uint32Array(names.length + 1);
  const list: number[] = [];
  const listed: number[] = [];
  let next = 0;
  names.forEach((_, index) => {
    starts[index] = list.length;
    if (standard[next] !== index) return;
    for (let k = found.starts[next]; k < found.starts[next + 1]; k++) {
      list.push(standard[found.list[k]]);
      listed.push(found.listed[k]);
    }
    next++;
  });
  starts[names.length] = list.length;
  return { starts, list: Uint32Array.from(list), listed: Uint8Array.from(listed) };
}

/** Trigrams of a phonetic key, padded so that the beginning counts most. */
function keyTrigrams(key: string): string[] {
  const padded = `  ${key} `;
  const out = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/**
 * Each drug name's confusable neighbours: candidates are names that share a deletion key, or
 * whose phonetic keys share enough trigrams (found through an inverted index, skipping the
 * trigrams of common stems, which every class mate shares), scored by confusability(). Pairs
 * on a look-alike list (the FDA name-differentiation pairs; Tall Man names that the lists write
 * with the same lower-case frame) are always kept, first, and marked as listed.
 */
function confusableNeighbours(model: VocabularyModel, names: string[], entities: Uint32Array, keys: string[], keyToNames: Map<string, number[]>) {
  const candidates: Set<number>[] = names.map(() => new Set<number>());
  for (const list of keyToNames.values()) {
    if (list.length > 200) continue;
    for (const a of list) for (const b of list) if (a !== b) candidates[a].add(b);
  }
  const gramsOf = keys.map(keyTrigrams);
  const postings = new Map<string, number[]>();
  gramsOf.forEach((grams, index) => {
    for (const g of grams) {
      let list = postings.get(g);
      if (!list) postings.set(g, (list = []));
      list.push(index);
    }
  });
  const counts = new Uint16Array(names.length);
  gramsOf.forEach((grams, index) => {
    const touched: number[] = [];
    for (const g of grams) {
      const list = postings.get(g)!;
      if (list.length > 1500) continue;
      for (const other of list) {
        if (counts[other]++ === 0) touched.push(other);
      }
    }
    for (const other of touched) {
      if (other !== index && (2 * counts[other]) / (grams.length + gramsOf[other].length) >= 0.4) candidates[index].add(other);
      counts[other] = 0;
    }
  });

  const indexOf = new Map(names.map((n, i) => [n, i]));
  const listed: Set<number>[] = names.map(() => new Set<number>());
  const link = (a: number | undefined, b: number | undefined) => {
    if (a === undefined || b === undefined || a === b || entities[a] === entities[b]) return;
    listed[a].add(b);
    listed[b].add(a);
  };
  for (const [a, b] of model.lookalikePairs ?? []) link(indexOf.get(a.toLowerCase()), indexOf.get(b.toLowerCase()));
  const tallMan: Array<{ index: number; form: string }> = [];
  names.forEach((name, index) => {
    const form = model.entities[entities[index]].tallMan;
    if (form && form.toLowerCase() === name) tallMan.push({ index, form });
  });
  for (let i = 0; i < tallMan.length; i++) {
    for (let j = i + 1; j < tallMan.length; j++) {
      const a = tallMan[i];
      const b = tallMan[j];
      if (sameTallManFrame(a.form, b.form) && confusability(names[a.index], names[b.index]) >= 0.3) link(a.index, b.index);
    }
  }

  const profiles = names.map(nameProfile);
  // The measure is symmetric: score each pair once.
  const scores = new Map<number, number>();
  const headProfiles = new Map<string, NameProfile>();
  const score = (x: number, y: number) => {
    const pairKey = x < y ? x * names.length + y : y * names.length + x;
    let value = scores.get(pairKey);
    if (value === undefined) scores.set(pairKey, (value = confusability(profiles[x], profiles[y], headProfiles)));
    return value;
  };
  const starts = new Uint32Array(names.length + 1);
  const list: number[] = [];
  const listedFlags: number[] = [];
  names.forEach((name, index) => {
    starts[index] = list.length;
    const fromLists = [...listed[index]].sort((x, y) => score(index, y) - score(index, x) || x - y);
    const listedEntities = new Set(fromLists.map((other) => entities[other]));
    const byEntity = new Map<number, { other: number; score: number }>();
    for (const other of candidates[index]) {
      if (entities[other] === entities[index] || listedEntities.has(entities[other])) continue;
      const value = score(index, other);
      if (value < lookalikeThreshold) continue;
      // One neighbour per drug, under its own name when that is confusable ('letrozole', not 'letrozol').
      const kept = byEntity.get(entities[other]);
      const isCanonical = (n: number) => model.entities[entities[n]].canonical === names[n];
      if (!kept || (isCanonical(other) && !isCanonical(kept.other)))
        byEntity.set(entities[other], { other, score: kept ? Math.max(value, kept.score) : value });
    }
    const scored = [...byEntity.values()].sort((x, y) => y.score - x.score || x.other - y.other).slice(0, Math.max(0, maxNeighbours - fromLists.length));
    for (const other of fromLists) {
      list.push(other);
      listedFlags.push(1);
    }
    for (const { other } of scored) {
      list.push(other);
      listedFlags.push(0);
    }
  });
  starts[names.length] = list.length;
  return { starts, list: Uint32Array.from(list), listed: Uint8Array.from(listedFlags) };
}

/**
 * Whether two Tall Man forms mark the same frame: their lower-case beginnings (and endings) are
 * equal or one extends the other, and at least one of them is shared — hydrALAZINE and
 * hydrOXYzine, DAUNOrubicin and DOXOrubicin, aFATinib and aXITinib; not gefITinib and aFATinib.
 */
export function sameTallManFrame(a: string, b: string): boolean {
  const frame = (form: string) => ({ head: /^[a-z]*/.exec(form)![0], tail: /[a-z]*$/.exec(form)![0] });
  const fa = frame(a);
  const fb = frame(b);
  if (fa.head === a || fb.head === b) return false;
  const headsAgree = fa.head.startsWith(fb.head) || fb.head.startsWith(fa.head);
  const tailsAgree = fa.tail.endsWith(fb.tail) || fb.tail.endsWith(fa.tail);
  const sharedHead = fa.head !== '' && fb.head !== '' && Math.min(fa.head.length, fb.head.length) >= 2;
  const sharedTail = fa.tail === fb.tail && fa.tail.length >= 3;
  const sharedFrame = fa.head !== '' && fa.head === fb.head && fa.tail !== '' && fa.tail === fb.tail;
  return headsAgree && tailsAgree && (sharedHead || sharedTail || sharedFrame);
}
