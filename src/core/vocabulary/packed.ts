/**
 * A packed binary container: a JSON header naming typed-array sections, then the sections,
 * each 4-byte aligned. Loading is one file read and a view per section — no parsing — which is
 * why the vocabulary loads in milliseconds where the same data as JSON takes a second.
 */

const magic = 'BLNS';

/**
 * A data file a host holds whole, or one it reads on demand: `length` bytes at `offset` (fewer at
 * its end), and its size. Read on demand, a record costs one small read and the file is never held
 * in memory (the Node hosts); a browser, which has no file to read from, passes the bytes.
 */
export type ByteSource = Uint8Array | { readonly size: number; readAt(offset: number, length: number): Uint8Array };

/** A ByteSource's size and a reader of it. */
export function byteReader(source: ByteSource): { size: number; readAt(offset: number, length: number): Uint8Array } {
  if (!(source instanceof Uint8Array)) return source;
  return { size: source.length, readAt: (offset, length) => source.subarray(offset, offset + length) };
}

export type SectionArray = Uint32Array | Uint16Array | Uint8Array;
type SectionType = 'u32' | 'u16' | 'u8';

interface SectionEntry {
  type: SectionType;
  offset: number;
  length: number;
}

interface Header<M> {
  sections: Record<string, SectionEntry>;
  meta: M;
}

function typeOf(array: SectionArray): SectionType {
  if (array instanceof Uint32Array) return 'u32';
  if (array instanceof Uint16Array) return 'u16';
  return 'u8';
}

const align4 = (n: number) => (n + 3) & ~3;

/** Serialises named sections and a JSON-able meta object into one buffer, deterministically. */
export function packSections<M>(sections: Record<string, SectionArray>, meta: M): Uint8Array {
  const names = Object.keys(sections).sort();
  const entries: Record<string, SectionEntry> = {};
  let offset = 0;
  for (const name of names) {
    const array = sections[name];
    entries[name] = { type: typeOf(array), offset, length: array.length };
    offset = align4(offset + array.byteLength);
  }
  const headerJson = new TextEncoder().encode(JSON.stringify({ sections: entries, meta } satisfies Header<M>));
  const headerLength = align4(headerJson.length);
  const base = 8 + headerLength;
  const out = new Uint8Array(base + offset);
  for (let i = 0; i < magic.length; i++) out[i] = magic.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, headerLength, true);
  out.set(headerJson, 8);
  out.fill(0x20, 8 + headerJson.length, base);
  for (const name of names) {
    const array = sections[name];
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), base + entries[name].offset);
  }
  return out;
}

export interface PackedFile<M> {
  meta: M;
  u32(name: string): Uint32Array;
  u16(name: string): Uint16Array;
  u8(name: string): Uint8Array;
}

/** Reads a buffer written by packSections. Throws a clear error when it is not one. */
export function unpackSections<M>(buffer: Uint8Array, label: string): PackedFile<M> {
  if (buffer.length < 8 || String.fromCharCode(buffer[0], buffer[1], buffer[2], buffer[3]) !== magic) {
    throw new Error(`${label} is not a biolens vocabulary file (bad signature); rebuild it with npm run build:data`);
  }
  // Typed views need 4-byte alignment; a pooled small Buffer may not have it.
  const bytes = buffer.byteOffset % 4 === 0 ? buffer : new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  let header: Header<M>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    throw new Error(`${label} has a corrupt header; rebuild it with npm run build:data`);
  }
  const base = bytes.byteOffset + 8 + headerLength;
  const section = (name: string, type: SectionType) => {
    const entry = header.sections[name];
    if (!entry || entry.type !== type) throw new Error(`${label} lacks section '${name}'; rebuild it with npm run build:data`);
    const size = type === 'u32' ? 4 : type === 'u16' ? 2 : 1;
    if (base - bytes.byteOffset + entry.offset + entry.length * size > bytes.byteLength) {
      throw new Error(`${label} is truncated (section '${name}'); rebuild it with npm run build:data`);
    }
    return { offset: base + entry.offset, length: entry.length };
  };
  return {
    meta: header.meta,
    u32: (name) => {
      const s = section(name, 'u32');
      return new Uint32Array(bytes.buffer, s.offset, s.length);
    },
    u16: (name) => {
      const s = section(name, 'u16');
      return new Uint16Array(bytes.buffer, s.offset, s.length);
    },
    u8: (name) => {
      const s = section(name, 'u8');
      return new Uint8Array(bytes.buffer, s.offset, s.length);
    },
  };
}

/**
 * FNV-1a over UTF-16 code units: cheap, and computed the same way at build and at look-up.
 * Passing the hash of a prefix as `seed` continues it: hashString(b, hashString(a)) = hashString(a + b).
 */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** How many top bits of a hash pick its bucket in a SortedHashBuckets. */
const bucketBits = 16;

/**
 * Where each run of hashes with the same top bits starts in a sorted Uint32Array, so that a search
 * reads a few neighbouring entries instead of twenty scattered over megabytes (the near-miss search
 * looks up a hundred deletions of every word it is asked about, each a cache miss per step).
 */
export class SortedHashBuckets {
  private readonly starts: Uint32Array;

  constructor(private readonly sorted: Uint32Array) {
    this.starts = new Uint32Array((1 << bucketBits) + 1);
    let at = 0;
    for (let bucket = 0; bucket < 1 << bucketBits; bucket++) {
      while (at < sorted.length && sorted[at] >>> (32 - bucketBits) < bucket) at++;
      this.starts[bucket] = at;
    }
    this.starts[1 << bucketBits] = sorted.length;
  }

  /** The first index of `sorted` whose hash is not below `value`, searched within the value's bucket only. */
  lowerBound(value: number): number {
    const bucket = value >>> (32 - bucketBits);
    let lo = this.starts[bucket];
    let hi = this.starts[bucket + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * An open-addressing set of 32-bit hashes (0 marks an empty slot, so a zero hash is stored as 1):
 * one probe, one cache line, where a binary search over the sorted hashes took eighteen.
 */
export function hashSet(hashes: number[]): Uint32Array {
  const table = new Uint32Array(1 << Math.ceil(Math.log2(Math.max(2, hashes.length * 1.5))));
  const mask = table.length - 1;
  for (const hash of hashes) {
    const value = hash || 1;
    let slot = value & mask;
    while (table[slot] !== 0 && table[slot] !== value) slot = (slot + 1) & mask;
    table[slot] = value;
  }
  return table;
}

/** Whether a hash set built by hashSet holds a hash. */
export function hashSetHas(table: Uint32Array, hash: number): boolean {
  const value = hash || 1;
  const mask = table.length - 1;
  for (let slot = value & mask; ; slot = (slot + 1) & mask) {
    const stored = table[slot];
    if (stored === value) return true;
    if (stored === 0) return false;
  }
}
