/**
 * The tagger model's binary format, one file per kind of mention (data/tagger/<kind>.bin):
 *
 *   magic 'BLTAGGER' · u32 format version · u32 feature templates version · 16-byte kind (ASCII,
 *   zero-padded) · u32 bucket count · u32 tag count · f32 weight scale · u32 word class bits ·
 *   u32 classed words · u32 bytes of their text ·
 *   f32 transitions[(tags + 1) × tags] (row 0: from the start) · i8 weights[buckets × tags] ·
 *   u16 classes[words] · the words in UTF-8, each followed by a line feed
 *
 * Little-endian. Weights are quantised: a weight is its byte times the scale. Tags are BIOES.
 * The word classes (wordClasses.ts) are the same table in every model trained together.
 */
import { featureTemplatesVersion } from './features';
import type { WordClassTable } from './wordClasses';

export const taggerFormatVersion = 3;
const magic = 'BLTAGGER';
const kindBytes = 16;
const headerBytes = magic.length + 4 + 4 + kindBytes + 4 + 4 + 4 + 4 + 4 + 4;
/** Classes are numbered in 16 bits, with room above them for the unknown and edge classes (features.ts). */
const maxClassBits = 14;

/** Outside a mention, at its first token, inside it, at its last, a mention of a single token. */
export const tags = ['O', 'B', 'I', 'E', 'S'] as const;
export const tagCount = tags.length;
export const enum Tag {
  Outside = 0,
  Begin = 1,
  Inside = 2,
  End = 3,
  Single = 4,
}

/** The kinds of mention a tagger model finds. */
export type TaggedKind = 'gene' | 'chemical';
export const taggedKinds: readonly TaggedKind[] = ['gene', 'chemical'];

export interface TaggerModel {
  readonly kind: TaggedKind;
  readonly bucketCount: number;
  /** Score of moving from tag `from` to tag `to` at `(from + 1) × tagCount + to`; `from = -1` is the start. */
  readonly transitions: Float32Array;
  /** Quantised weight of feature bucket b for tag t at `b × tagCount + t`. */
  readonly weights: Int8Array;
  readonly scale: number;
  /** The word classes the features read. */
  readonly wordClasses: WordClassTable;
}

export class TaggerModelLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaggerModelLoadError';
  }
}

/** Reads a model from its bytes (a view, not a copy); throws TaggerModelLoadError saying what is wrong. */
export function taggerModelFromBytes(bytes: Uint8Array, source = 'tagger model'): TaggerModel {
  const fail = (problem: string): never => {
    throw new TaggerModelLoadError(`${source} is not a usable biolens tagger model: ${problem}; rebuild it with \`npm run train:tagger -- <corpora dir>\``);
  };
  if (bytes.length < headerBytes) fail(`it has ${bytes.length} bytes, fewer than a header`);
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) fail('it does not start with the tagger signature (a foreign or damaged file)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = magic.length;
  const u32 = () => {
    const value = view.getUint32(at, true);
    at += 4;
    return value;
  };
  const format = u32();
  if (format !== taggerFormatVersion) fail(`its format version is ${format}, this biolens reads ${taggerFormatVersion}`);
  const templates = u32();
  if (templates !== featureTemplatesVersion)
    fail(`it was trained on feature templates version ${templates}, this biolens computes version ${featureTemplatesVersion}`);
  let kind = '';
  for (let i = 0; i < kindBytes && bytes[at + i] !== 0; i++) kind += String.fromCharCode(bytes[at + i]);
  at += kindBytes;
  if (!taggedKinds.includes(kind as TaggedKind)) fail(`its kind '${kind}' is not one of ${taggedKinds.join(', ')}`);
  const bucketCount = u32();
  if (bucketCount === 0 || (bucketCount & (bucketCount - 1)) !== 0) fail(`its bucket count ${bucketCount} is not a power of two`);
  const storedTags = u32();
  if (storedTags !== tagCount) fail(`it has ${storedTags} tags, not the ${tagCount} of ${tags.join('')}`);
  const scale = view.getFloat32(at, true);
  at += 4;
  if (!(scale > 0) || !Number.isFinite(scale)) fail(`its weight scale ${scale} is not a positive number`);
  const classBits = u32();
  if (classBits < 1 || classBits > maxClassBits) fail(`its word class bits ${classBits} are not between 1 and ${maxClassBits}`);
  const wordCount = u32();
  const wordTextBytes = u32();
  const transitionCount = (tagCount + 1) * tagCount;
  const expected = headerBytes + 4 * transitionCount + bucketCount * tagCount + 2 * wordCount + wordTextBytes;
  if (bytes.length !== expected) fail(`it has ${bytes.length} bytes where its header promises ${expected} (truncated or padded)`);
  const transitions = new Float32Array(transitionCount);
  for (let i = 0; i < transitionCount; i++, at += 4) transitions[i] = view.getFloat32(at, true);
  const weights = new Int8Array(bytes.buffer, bytes.byteOffset + at, bucketCount * tagCount);
  at += bucketCount * tagCount;
  const classes = new Uint16Array(wordCount);
  for (let i = 0; i < wordCount; i++, at += 2) {
    classes[i] = view.getUint16(at, true);
    if (classes[i] >>> classBits !== 0) fail(`its word class ${classes[i]} is beyond its ${classBits} bits`);
  }
  const text = new TextDecoder().decode(bytes.subarray(at, at + wordTextBytes));
  const words = text.split('\n');
  if (words.pop() !== '' || words.length !== wordCount) fail(`its word class table lists ${words.length} words where its header promises ${wordCount}`);
  return { kind: kind as TaggedKind, bucketCount, transitions, weights, scale, wordClasses: { classBits, words, classes } };
}

/** Writes a model (training time). */
export function taggerModelToBytes(model: TaggerModel): Uint8Array {
  const transitionCount = (tagCount + 1) * tagCount;
  const { classBits, words, classes } = model.wordClasses;
  const wordText = new TextEncoder().encode(words.map((word) => `${word}\n`).join(''));
  const bytes = new Uint8Array(headerBytes + 4 * transitionCount + model.weights.length + 2 * words.length + wordText.length);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (let i = 0; i < magic.length; i++) bytes[at++] = magic.charCodeAt(i);
  const u32 = (value: number) => {
    view.setUint32(at, value, true);
    at += 4;
  };
  u32(taggerFormatVersion);
  u32(featureTemplatesVersion);
  for (let i = 0; i < model.kind.length; i++) bytes[at + i] = model.kind.charCodeAt(i);
  at += kindBytes;
  u32(model.bucketCount);
  u32(tagCount);
  view.setFloat32(at, model.scale, true);
  at += 4;
  u32(classBits);
  u32(words.length);
  u32(wordText.length);
  for (let i = 0; i < transitionCount; i++, at += 4) view.setFloat32(at, model.transitions[i], true);
  bytes.set(new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.length), at);
  at += model.weights.length;
  for (let i = 0; i < words.length; i++, at += 2) view.setUint16(at, classes[i], true);
  bytes.set(wordText, at);
  return bytes;
}
