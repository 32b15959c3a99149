import { deletions, editDistance, phoneticKey } from '../text/similarity';
import { dataFiles, formatVersion, nearMissMaxDistance, nearMissPrefixLength, phoneticMaxDistance, termFlag, prefixFlag, type VocabularyMeta } from './lexicon';
import { termRoles, type EntityRecord, type TermRole } from './model';
import { LruMap } from '../util/collections';
import { KnowledgeReader, type EntityKnowledge } from './knowledge';
import { exactNamespace, foldedNamespace, phraseWords } from './normalize';
import { byteReader, hashSetHas, hashString, SortedHashBuckets, unpackSections, type ByteSource } from './packed';
import { drugNameIndexes, keyIndex, lookupIndexSections, type LookupIndexes } from './lookupIndexes';

/** A card's context phrase ('breast cancer') and its folded words (breast, cancer). */
export interface ContextPhrase {
  phrase: string;
  words: string[];
}

/** A drug name found near a word that is not in the vocabulary. */
export interface NearMiss {
  /** Index into the drug-name list. */
  nameIndex: number;
  name: string;
  entity: number;
  distance: number;
}

/**
 * The compiled vocabulary, read-only. Loading maps the packed file into typed arrays and reads
 * two text blobs; entity records are read and parsed one at a time, when a card or a mention
 * needs them.
 */
export interface Vocabulary {
  readonly meta: VocabularyMeta;
  /** The entry index of a key in a namespace (see normalize.ts), or -1. */
  lookup(namespace: string, key: string): number;
  /**
   * lookup(namespace, key) of the key `parts[first] + separator + … + separator + parts[last]`
   * with the last part cut to its first `lastLength` characters and `suffix` after it, without
   * building the key: the recogniser looks up every window of atoms it grows, and joining them
   * cost more than the look-up.
   */
  lookupJoined(namespace: string, parts: readonly string[], first: number, last: number, separator: string, lastLength?: number, suffix?: string): number;
  isPrefix(entry: number): boolean;
  isTerm(entry: number): boolean;
  /** Postings of an entry, best reading first (see lexicon.ts for the encoding). */
  postings(entry: number): Uint32Array;
  entity(index: number): EntityRecord;
  /** What a card says beyond the entity record (descriptions, mechanisms, references), read on first use; undefined when nothing describes it. */
  knowledge(index: number): EntityKnowledge | undefined;
  /** Why cards have no knowledge (a missing, corrupt or mismatched knowledge file), or ''. */
  knowledgeProblem(): string;
  readonly entityCount: number;
  /** The context phrases that start with a folded word, each with its folded words. */
  contextPhrasesStartingWith(foldedWord: string): readonly ContextPhrase[] | undefined;
  /** Whether a lower-case word is an everyday English word. */
  isEnglishWord(lowerCaseWord: string): boolean;
  /** Drug names within maxDistance edits of a lower-case word, nearest first. */
  nearMisses(lowerCaseWord: string, maxDistance: number): NearMiss[];
  /** A written drug name of the near-miss index, lower case. */
  drugName(nameIndex: number): string;
  /** The same name as writers spell it: a brand keeps its capitals ('Keytruda'). */
  drugNameDisplay(nameIndex: number): string;
  /** How the name names its drug: 'generic', 'curated', 'brand', 'synonym' or 'variant'. */
  drugNameRole(nameIndex: number): TermRole;
  drugNameEntity(nameIndex: number): number;
  /** Index of a lower-case drug name in the drug-name list, or -1. */
  drugNameIndex(lowerCaseName: string): number;
  /** Drug names whose phonetic key is within one edit of the word's ('ciclofosfamide'), as near misses with their spelling distance. */
  soundAlikes(lowerCaseWord: string): NearMiss[];
  /** Confusable neighbours of a drug name: those on a look-alike list first, then most confusable first. */
  neighbours(nameIndex: number): number[];
  /** Whether an authority lists two drug names as look-alikes (FDA name differentiation, Tall Man lists). */
  listedLookalikes(nameIndex: number, otherIndex: number): boolean;
}

export class VocabularyLoadError extends Error {}

/** How many parsed entity records are kept (a record is parsed again in microseconds). */
const entityCacheSize = 8192;

const namespaceSeeds = new Map([exactNamespace, foldedNamespace].map((ns) => [ns, hashString(ns)]));
function namespaceSeed(namespace: string): number {
  return namespaceSeeds.get(namespace) ?? hashString(namespace);
}

/** The files of a compiled vocabulary (see lexicon.ts dataFiles), as bytes. */
export interface VocabularyBytes {
  readonly packed: Uint8Array;
  /**
   * The lookup indexes: their file, or the indexes a host built from the keys and drug names
   * (lookupIndexes.ts; a browser does, instead of downloading them). Without either they are built here.
   */
  readonly lookupIndexes?: Uint8Array | LookupIndexes;
  readonly keys: Uint8Array;
  /**
   * The entity records, one JSON line each at the offsets the packed file lists, read a record at
   * a time if the host can. Without them, the essential records (what analysis reads, the file a
   * browser starts with) stand in, and cards show less.
   */
  readonly entities?: ByteSource;
  readonly essentials?: ByteSource;
  readonly drugNames: Uint8Array;
  /** The optional knowledge file, read when the first card needs it. */
  readonly knowledge?: ByteSource;
}

/**
 * The vocabulary from the bytes of its files, however the host read them (from disk, from the
 * extension's URI in a browser, or compiled in memory by a test). `source` names where they came
 * from in error messages. Throws VocabularyLoadError for bytes that are not a vocabulary.
 */
export function vocabularyFromBytes(files: VocabularyBytes, source: string): Vocabulary {
  const packedFile = `${source}/${dataFiles.packed}`;
  try {
    const packed = unpackSections<VocabularyMeta>(files.packed, packedFile);
    if (packed.meta.formatVersion !== formatVersion) {
      throw new VocabularyLoadError(`${packedFile} has format ${packed.meta.formatVersion}, expected ${formatVersion}; rebuild it with npm run build:data`);
    }
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    const knowledge = new KnowledgeReader(files.knowledge, `${source}/${dataFiles.knowledge}`, packed.meta.entityCount);
    const entities = files.entities
      ? new EntityRecords(files.entities, packed.u32('entityOffsets'), `${source}/${dataFiles.entities}`)
      : files.essentials
        ? new EntityRecords(files.essentials, packed.u32('essentialOffsets'), `${source}/${dataFiles.essentials}`)
        : undefined;
    if (!entities) throw new VocabularyLoadError(`no entity records were given for ${packedFile}`);
    const keys = text(files.keys);
    const drugNames = text(files.drugNames);
    const indexes = lookupIndexesOf(files.lookupIndexes, keys, drugNames, packed.meta, source);
    return new PackedVocabulary(packed, indexes, keys, entities, drugNames, source, knowledge);
  } catch (error) {
    if (error instanceof VocabularyLoadError) throw error;
    throw new VocabularyLoadError((error as Error).message);
  }
}

/** What the lookup-index file says of the build it belongs to. */
type LookupIndexMeta = Pick<VocabularyMeta, 'formatVersion' | 'keyCount' | 'drugNameCount'>;

/** The lookup indexes from their file, as given, or built from the keys and the drug names. */
function lookupIndexesOf(given: Uint8Array | LookupIndexes | undefined, keys: string, drugNames: string, meta: VocabularyMeta, source: string): LookupIndexes {
  const mismatch = (file: string) => new VocabularyLoadError(`${source}/${file} does not match ${dataFiles.packed}; rebuild with npm run build:data`);
  if (given === undefined) {
    const { names } = drugNameList(drugNames);
    if (names.length !== meta.drugNameCount) throw mismatch(dataFiles.drugNames);
    return { ...keyIndex(keys), ...drugNameIndexes(names) };
  }
  if (!(given instanceof Uint8Array)) return given;
  const file = unpackSections<LookupIndexMeta>(given, `${source}/${dataFiles.lookupIndexes}`);
  if (file.meta.formatVersion !== meta.formatVersion || file.meta.keyCount !== meta.keyCount || file.meta.drugNameCount !== meta.drugNameCount)
    throw mismatch(dataFiles.lookupIndexes);
  return Object.fromEntries(lookupIndexSections.map((name) => [name, file.u32(name)])) as unknown as LookupIndexes;
}

/**
 * The drug-name list of drug-names.txt, lines `name` or `name<TAB>Written form`: the lower-case
 * names in name-index order, and the written forms that differ from them.
 */
export function drugNameList(text: string): { names: string[]; displays: Map<string, string> } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const displays = new Map<string, string>();
  const names = lines.map((line) => {
    const tab = line.indexOf('\t');
    if (tab < 0) return line;
    displays.set(line.slice(0, tab), line.slice(tab + 1));
    return line.slice(0, tab);
  });
  return { names, displays };
}

/** Entity records are decoded one at a time, on demand; one decoder serves them all. */
const entityDecoder = new TextDecoder();

/** The entity records' file, read a record at a time. */
class EntityRecords {
  private readonly file: ReturnType<typeof byteReader>;

  constructor(
    source: ByteSource,
    private readonly offsets: Uint32Array,
    private readonly label: string,
  ) {
    this.file = byteReader(source);
    // A file cut short or written by another build is told apart here, before any record is read.
    const expected = offsets[offsets.length - 1];
    if (this.file.size !== expected) {
      throw new VocabularyLoadError(
        `${label} has ${this.file.size} bytes where ${dataFiles.packed} lists ${expected}: it is truncated or from another build; rebuild with npm run build:data`,
      );
    }
  }

  read(index: number): EntityRecord {
    const start = this.offsets[index];
    const length = this.offsets[index + 1] - 1 - start; // without its newline
    const bytes = this.file.readAt(start, length);
    try {
      if (bytes.length !== length) throw new SyntaxError('short read');
      return JSON.parse(entityDecoder.decode(bytes)) as EntityRecord;
    } catch {
      throw new VocabularyLoadError(`${this.label} is corrupt at entity ${index}; rebuild with npm run build:data`);
    }
  }
}

/** Whether `keys` holds, from `at`, the key lookupJoined would build of its parts (its length is checked already). */
function joinedKeyAt(
  keys: string,
  at: number,
  parts: readonly string[],
  first: number,
  last: number,
  separator: string,
  lastLength: number,
  suffix: string,
): boolean {
  for (let k = first; k <= last; k++) {
    if (k > first) {
      for (let i = 0; i < separator.length; i++) if (keys.charCodeAt(at++) !== separator.charCodeAt(i)) return false;
    }
    const part = parts[k];
    const n = k === last ? lastLength : part.length;
    for (let i = 0; i < n; i++) if (keys.charCodeAt(at++) !== part.charCodeAt(i)) return false;
  }
  for (let i = 0; i < suffix.length; i++) if (keys.charCodeAt(at++) !== suffix.charCodeAt(i)) return false;
  return true;
}

class PackedVocabulary implements Vocabulary {
  readonly meta: VocabularyMeta;
  readonly entityCount: number;
  private readonly table: Uint32Array;
  private readonly keyStarts: Uint32Array;
  private readonly postStarts: Uint32Array;
  private readonly entryFlags: Uint8Array;
  private readonly postingArray: Uint32Array;
  private readonly englishHashes: Uint32Array;
  private readonly drugNameEntities: Uint32Array;
  private readonly drugNameRoles: Uint8Array;
  private readonly nearMissHashes: Uint32Array;
  private readonly nearMissNames: Uint32Array;
  private readonly neighbourStarts: Uint32Array;
  private readonly neighbourList: Uint32Array;
  private readonly neighbourListed: Uint8Array;
  private readonly phoneticHashes: Uint32Array;
  private readonly phoneticNames: Uint32Array;
  /** Parsed entity records; bounded, since hovers and findings over many notes touch thousands. */
  private readonly entityCache = new LruMap<number, EntityRecord>(entityCacheSize);
  /** First folded word → the context phrases starting with it. */
  private readonly phrasesByFirstWord = new Map<string, ContextPhrase[]>();
  private drugNameLines: ReturnType<typeof drugNameList> | undefined;
  /** Near misses of recently seen words: prose repeats its words, and so do its typos. */
  private nearMissMemo = new Map<string, NearMiss[]>();
  /** Bucket starts of the near-miss and phonetic hashes, built on the first search. */
  private nearMissBuckets: SortedHashBuckets | undefined;
  private phoneticBuckets: SortedHashBuckets | undefined;
  private drugNameIndexes: Map<string, number> | undefined;

  constructor(
    packed: ReturnType<typeof unpackSections<VocabularyMeta>>,
    indexes: LookupIndexes,
    private readonly keys: string,
    private readonly entities: EntityRecords,
    private readonly drugNamesText: string,
    source: string,
    private readonly knowledgeReader: KnowledgeReader,
  ) {
    this.meta = packed.meta;
    for (const phrase of packed.meta.contextPhrases) {
      const words = phraseWords(phrase);
      if (words.length === 0) continue;
      const list = this.phrasesByFirstWord.get(words[0]);
      if (list) list.push({ phrase, words });
      else this.phrasesByFirstWord.set(words[0], [{ phrase, words }]);
    }
    this.entityCount = packed.meta.entityCount;
    this.table = indexes.table;
    this.keyStarts = indexes.keyStarts;
    this.postStarts = packed.u32('postStarts');
    this.entryFlags = packed.u8('entryFlags');
    this.postingArray = packed.u32('postings');
    this.englishHashes = packed.u32('englishHashes');
    this.drugNameEntities = packed.u32('drugNameEntities');
    this.drugNameRoles = packed.u8('drugNameRoles');
    this.nearMissHashes = indexes.nearMissHashes;
    this.nearMissNames = indexes.nearMissNames;
    this.neighbourStarts = packed.u32('neighbourStarts');
    this.neighbourList = packed.u32('neighbours');
    this.neighbourListed = packed.u8('neighbourListed');
    this.phoneticHashes = indexes.phoneticHashes;
    this.phoneticNames = indexes.phoneticNames;
    if (this.keyStarts.length !== this.meta.keyCount + 1 || this.keyStarts[this.keyStarts.length - 1] !== keys.length) {
      throw new VocabularyLoadError(`${source}/${dataFiles.keys} does not match ${dataFiles.packed}; rebuild with npm run build:data`);
    }
  }

  lookup(namespace: string, key: string): number {
    // Hashes namespace + key without building that string: this runs once per window of prose.
    const mask = this.table.length - 1;
    let slot = hashString(key, namespaceSeed(namespace)) & mask;
    for (;;) {
      const value = this.table[slot];
      if (value === 0) return -1;
      const entry = value - 1;
      const start = this.keyStarts[entry];
      if (
        this.keyStarts[entry + 1] - start - 2 === key.length &&
        this.keys.charCodeAt(start) === namespace.charCodeAt(0) &&
        this.keys.startsWith(key, start + 1)
      ) {
        return entry;
      }
      slot = (slot + 1) & mask;
    }
  }

  lookupJoined(
    namespace: string,
    parts: readonly string[],
    first: number,
    last: number,
    separator: string,
    lastLength = parts[last].length,
    suffix = '',
  ): number {
    // The same FNV-1a as hashString over namespace + key, a part at a time.
    let h = namespaceSeed(namespace);
    let length = 0;
    for (let k = first; k <= last; k++) {
      if (k > first) {
        for (let i = 0; i < separator.length; i++) h = Math.imul(h ^ separator.charCodeAt(i), 0x01000193);
        length += separator.length;
      }
      const part = parts[k];
      const n = k === last ? lastLength : part.length;
      for (let i = 0; i < n; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
      length += n;
    }
    for (let i = 0; i < suffix.length; i++) h = Math.imul(h ^ suffix.charCodeAt(i), 0x01000193);
    length += suffix.length;
    const mask = this.table.length - 1;
    const keys = this.keys;
    for (let slot = (h >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const value = this.table[slot];
      if (value === 0) return -1;
      const entry = value - 1;
      const start = this.keyStarts[entry];
      if (
        this.keyStarts[entry + 1] - start - 2 === length &&
        keys.charCodeAt(start) === namespace.charCodeAt(0) &&
        joinedKeyAt(keys, start + 1, parts, first, last, separator, lastLength, suffix)
      ) {
        return entry;
      }
    }
  }

  isPrefix(entry: number): boolean {
    return (this.entryFlags[entry] & prefixFlag) !== 0;
  }

  isTerm(entry: number): boolean {
    return (this.entryFlags[entry] & termFlag) !== 0;
  }

  postings(entry: number): Uint32Array {
    return this.postingArray.subarray(this.postStarts[entry], this.postStarts[entry + 1]);
  }

  entity(index: number): EntityRecord {
    let record = this.entityCache.get(index);
    if (!record) {
      if (index < 0 || index >= this.entityCount) throw new RangeError(`no entity ${index}`);
      record = this.entities.read(index);
      this.entityCache.set(index, record);
    }
    return record;
  }

  knowledge(index: number): EntityKnowledge | undefined {
    return this.knowledgeReader.get(index, this.entity(index).id);
  }

  knowledgeProblem(): string {
    return this.knowledgeReader.problem;
  }

  contextPhrasesStartingWith(foldedWord: string): readonly ContextPhrase[] | undefined {
    return this.phrasesByFirstWord.get(foldedWord);
  }

  isEnglishWord(lowerCaseWord: string): boolean {
    return hashSetHas(this.englishHashes, hashString(lowerCaseWord));
  }

  /** The drug-name list, split on first use. */
  private names(): string[] {
    this.drugNameLines ??= drugNameList(this.drugNamesText);
    return this.drugNameLines.names;
  }

  drugName(nameIndex: number): string {
    return this.names()[nameIndex];
  }

  drugNameDisplay(nameIndex: number): string {
    const name = this.names()[nameIndex];
    return this.drugNameLines?.displays.get(name) ?? name;
  }

  drugNameRole(nameIndex: number): TermRole {
    return termRoles[this.drugNameRoles[nameIndex]];
  }

  drugNameEntity(nameIndex: number): number {
    return this.drugNameEntities[nameIndex];
  }

  drugNameIndex(lowerCaseName: string): number {
    if (!this.drugNameIndexes) {
      this.drugNameIndexes = new Map();
      this.names().forEach((name, index) => this.drugNameIndexes!.set(name, index));
    }
    return this.drugNameIndexes.get(lowerCaseName) ?? -1;
  }

  nearMisses(word: string, maxDistance: number): NearMiss[] {
    const key = `${maxDistance}:${word}`;
    let found = this.nearMissMemo.get(key);
    if (!found) {
      found = this.searchNearMisses(word, maxDistance);
      if (this.nearMissMemo.size >= 10_000) this.nearMissMemo = new Map();
      this.nearMissMemo.set(key, found);
    }
    return found;
  }

  private searchNearMisses(word: string, maxDistance: number): NearMiss[] {
    const names = this.names();
    const seen = new Set<number>();
    const found: NearMiss[] = [];
    this.nearMissBuckets ??= new SortedHashBuckets(this.nearMissHashes);
    for (const d of deletions(word.slice(0, nearMissPrefixLength), Math.min(maxDistance, nearMissMaxDistance))) {
      const h = hashString(d);
      for (let i = this.nearMissBuckets.lowerBound(h); i < this.nearMissHashes.length && this.nearMissHashes[i] === h; i++) {
        const nameIndex = this.nearMissNames[i];
        if (seen.has(nameIndex)) continue;
        seen.add(nameIndex);
        const distance = editDistance(word, names[nameIndex], maxDistance);
        if (distance <= maxDistance) found.push({ nameIndex, name: names[nameIndex], entity: this.drugNameEntities[nameIndex], distance });
      }
    }
    return found.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  }

  neighbours(nameIndex: number): number[] {
    return Array.from(this.neighbourList.subarray(this.neighbourStarts[nameIndex], this.neighbourStarts[nameIndex + 1]));
  }

  listedLookalikes(nameIndex: number, otherIndex: number): boolean {
    for (let i = this.neighbourStarts[nameIndex]; i < this.neighbourStarts[nameIndex + 1]; i++) {
      if (this.neighbourList[i] === otherIndex) return this.neighbourListed[i] === 1;
    }
    return false;
  }

  soundAlikes(word: string): NearMiss[] {
    const key = `~${word}`;
    let found = this.nearMissMemo.get(key);
    if (!found) {
      found = this.searchSoundAlikes(word);
      if (this.nearMissMemo.size >= 10_000) this.nearMissMemo = new Map();
      this.nearMissMemo.set(key, found);
    }
    return found;
  }

  private searchSoundAlikes(word: string): NearMiss[] {
    const names = this.names();
    const wordKey = phoneticKey(word);
    const seen = new Set<number>();
    const found: NearMiss[] = [];
    this.phoneticBuckets ??= new SortedHashBuckets(this.phoneticHashes);
    for (const d of deletions(wordKey.slice(0, nearMissPrefixLength), phoneticMaxDistance)) {
      const h = hashString(d);
      for (let i = this.phoneticBuckets.lowerBound(h); i < this.phoneticHashes.length && this.phoneticHashes[i] === h; i++) {
        const nameIndex = this.phoneticNames[i];
        if (seen.has(nameIndex)) continue;
        seen.add(nameIndex);
        const name = names[nameIndex];
        if (editDistance(wordKey, phoneticKey(name), phoneticMaxDistance) > phoneticMaxDistance) continue;
        found.push({ nameIndex, name, entity: this.drugNameEntities[nameIndex], distance: editDistance(word, name) });
      }
    }
    return found.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  }
}
