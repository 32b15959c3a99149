/**
 * The tagger's features of each token, hashed straight into a fixed number of buckets: FNV-1a
 * over a template id and the characters the template reads, taken from the text in place (no
 * string is built per feature). Templates: the word, its lower case, shape and short shape,
 * prefixes and suffixes of one to five characters, character trigrams and 4-grams, the
 * neighbours three either side, the word classes (wordClasses.ts) of the token and its neighbours
 * with their coarser classes, spacing, Greek letters, and the vocabulary's own matches on the
 * text (begin / inside of a term of each kind and role), so the tagger learns when a dictionary
 * hit is a mention.
 *
 * The templates come in groups by what they read (a token's own text, a neighbour's, a few-valued
 * situation, a pair of texts), so that the run-time scorer (scorer.ts) can cache the sums of the
 * first three; tokenFeatures lists every group's buckets token by token, for training.
 */
import { entityKinds, type EntityKind } from '../types';
import { termRoles, type TermRole } from '../vocabulary/model';
import { TokenClass, type Tokens } from './tokens';
import type { WordClasses } from './wordClasses';

/** Bumped whenever a template changes: a model trained on other features is refused at load. */
export const featureTemplatesVersion = 5;

/** A term the vocabulary matched in the text: the dictionary features read these. */
export interface DictionaryMatch {
  readonly start: number;
  readonly end: number;
  readonly kind: EntityKind;
  readonly role: TermRole;
}

/** Every token's feature buckets, flattened: token i owns `buckets[offsets[i], offsets[i + 1])`. */
export interface TokenFeatures {
  readonly offsets: Int32Array;
  readonly buckets: Int32Array;
}

const enum Template {
  Bias = 1,
  Word,
  Lower,
  Shape,
  ShortShape,
  Prefix,
  Suffix,
  Trigram,
  LowerAt,
  ShortShapeAt,
  LowerBigramBefore,
  LowerBigramAfter,
  Spacing,
  Greek,
  Class,
  Length,
  Dictionary,
  DictionaryRole,
  DictionaryAt,
  DictionaryShape,
  Fourgram,
  WordClass,
  WordClassAt,
  WordClassBigram,
  SuffixAt,
}

const fnvOffset = 0x811c9dc5 | 0;
const fnvPrime = 16777619;

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, fnvPrime);
}

/** A final avalanche (murmur3's), so that hashes mixed from whole token hashes spread over the buckets too. */
function finish(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash;
}

function lowerCode(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

function shapeCode(code: number): number {
  if (code >= 0x41 && code <= 0x5a) return 0x58; // X
  if (code >= 0x61 && code <= 0x7a) return 0x78; // x
  if (code >= 0x30 && code <= 0x39) return 0x64; // d
  if (code >= 0x391 && code <= 0x3c9) return 0x67; // g: Greek
  return code < 0x80 ? code : 0x75; // u: other letters
}

/** Greek letters spelled out, as writers do when they cannot type them ('NF-kappaB', 'TGF-beta'). */
const greekNames = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu',
  'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
]); // prettier-ignore

const maxShapeLength = 12;
const maxTrigramWord = 24;
const maxAffix = 5;
/** The coarser classes a token's word class features read, by how many bits of the class's path they keep. */
const classPrefixes = [4, 7] as const;
/** The coarser class a neighbour's features read beside its own, at offsets ±1. */
const neighbourClassPrefix = 5;
/** The length of the ending of a neighbour at offsets ±1 the features read, for neighbours at least twice as long. */
const neighbourSuffix = 4;
/** The neighbours whose own text a token's features read, by offset. */
export const neighbourOffsets = [-3, -2, -1, 1, 2, 3] as const;

/**
 * The dictionary's code of each token: 0 outside every match, else 1 + 2 × kind + (0 at a
 * match's first token, 1 inside); and the role of the match, 0 outside. Written into `codes`
 * and `roles` when given (arrays at least as long as the tokens, reused by the scorer).
 */
export function dictionaryCodes(
  tokens: Tokens,
  matches: readonly DictionaryMatch[],
  codes = new Uint8Array(tokens.count),
  roles = new Uint8Array(tokens.count),
): { codes: Uint8Array; roles: Uint8Array } {
  codes.fill(0, 0, tokens.count);
  roles.fill(0, 0, tokens.count);
  let t = 0;
  const sorted = matches.length < 2 ? matches : [...matches].sort((a, b) => a.start - b.start);
  for (const match of sorted) {
    while (t < tokens.count && tokens.ends[t] <= match.start) t++;
    const kind = entityKinds.indexOf(match.kind);
    const role = termRoles.indexOf(match.role) + 1;
    for (let k = t; k < tokens.count && tokens.starts[k] < match.end; k++) {
      if (codes[k] !== 0) continue;
      codes[k] = 1 + 2 * kind + (k === t ? 0 : 1);
      roles[k] = role;
    }
  }
  return { codes, roles };
}

/** The most buckets `wordFeatures` writes for one token. */
export const maxWordFeatures = 5 + 2 * maxAffix + (maxTrigramWord - 2) + (maxTrigramWord - 3) + 2 + classPrefixes.length + 1;
/** The most buckets `neighbourFeatures` writes for one neighbour. */
export const maxNeighbourFeatures = 5;
/** The most buckets `contextFeatures` writes for one token. */
export const maxContextFeatures = 13;

/** A token's lower-case and short-shape hashes: its neighbours' features read them. */
export function wordHashes(text: string, start: number, end: number): { lower: number; shortShape: number } {
  let lower = fnvOffset;
  let shortShape = fnvOffset;
  let previous = -1;
  for (let c = start; c < end; c++) {
    const code = text.charCodeAt(c);
    lower = mix(lower, lowerCode(code));
    const shapeOfCode = shapeCode(code);
    if (shapeOfCode !== previous) shortShape = mix(shortShape, shapeOfCode);
    previous = shapeOfCode;
  }
  return { lower, shortShape };
}

/**
 * The features that read only the token's own text (word, lower case, shapes, affixes,
 * trigrams, Greek, length): buckets written to `out` from `at`; returns the end.
 */
export function wordFeatures(
  text: string,
  start: number,
  end: number,
  tokenClass: TokenClass,
  lowerHash: number,
  shortShapeHash: number,
  wordClass: number,
  classBits: number,
  mask: number,
  out: Int32Array,
  at: number,
): number {
  const length = end - start;
  out[at++] = finish(mix(mix(mix(fnvOffset, Template.WordClass), classBits + 1), wordClass)) & mask;
  if (wordClass >>> classBits === 0)
    for (const bits of classPrefixes) out[at++] = finish(mix(mix(mix(fnvOffset, Template.WordClass), bits), wordClass >>> (classBits - bits))) & mask;
  out[at++] = finish(mix(fnvOffset, Template.Bias)) & mask;
  let word = mix(fnvOffset, Template.Word);
  for (let c = start; c < end; c++) word = mix(word, text.charCodeAt(c));
  out[at++] = finish(word) & mask;
  out[at++] = finish(mix(mix(fnvOffset, Template.Lower), lowerHash)) & mask;
  let shape = mix(fnvOffset, Template.Shape);
  for (let c = start; c < end && c < start + maxShapeLength; c++) shape = mix(shape, shapeCode(text.charCodeAt(c)));
  out[at++] = finish(shape) & mask;
  out[at++] = finish(mix(mix(fnvOffset, Template.ShortShape), shortShapeHash)) & mask;
  for (let n = 1; n <= maxAffix && n <= length; n++) {
    let prefix = mix(mix(fnvOffset, Template.Prefix), n);
    for (let c = start; c < start + n; c++) prefix = mix(prefix, lowerCode(text.charCodeAt(c)));
    out[at++] = finish(prefix) & mask;
    let suffix = mix(mix(fnvOffset, Template.Suffix), n);
    for (let c = end - n; c < end; c++) suffix = mix(suffix, lowerCode(text.charCodeAt(c)));
    out[at++] = finish(suffix) & mask;
  }
  if (tokenClass === TokenClass.Letters && length >= 4 && length <= maxTrigramWord) {
    for (let c = start; c + 3 <= end; c++) {
      const trigram = mix(
        mix(mix(mix(fnvOffset, Template.Trigram), lowerCode(text.charCodeAt(c))), lowerCode(text.charCodeAt(c + 1))),
        lowerCode(text.charCodeAt(c + 2)),
      );
      out[at++] = finish(trigram) & mask;
      if (c + 4 <= end && length >= 5) out[at++] = finish(mix(mix(trigram, Template.Fourgram), lowerCode(text.charCodeAt(c + 3)))) & mask;
    }
  }
  if (isGreek(text, start, end)) out[at++] = finish(mix(fnvOffset, Template.Greek)) & mask;
  out[at++] = finish(mix(mix(fnvOffset, Template.Length), Math.min(length, 10))) & mask;
  return at;
}

/** Stands for the lower-case and short-shape hash of a neighbour before the first token. */
export const beforeFirst = 0x3c;
/** Stands for them after the last token. */
export const afterLast = 0x3e;

/** Stands for the word class of a neighbour before the first token (`before`) or after the last: beyond every class and the unknown one. */
export function edgeClass(classBits: number, before: boolean): number {
  return (1 << classBits) + (before ? 1 : 2);
}

/**
 * The features of the neighbour at `offset` (one of `neighbourOffsets`) given its hashes, word
 * class and text `text[start, end)` (beyond either end: `beforeFirst` / `afterLast` for the
 * hashes, edgeClass for the class, and an empty text).
 */
export function neighbourFeatures(
  offset: number,
  lowerHash: number,
  shortShapeHash: number,
  wordClass: number,
  classBits: number,
  text: string,
  start: number,
  end: number,
  mask: number,
  out: Int32Array,
  at: number,
): number {
  out[at++] = finish(mix(mix(mix(fnvOffset, Template.LowerAt), offset + 4), lowerHash)) & mask;
  // The ending of a longer word beside: 'kinase', 'phosphatase' and 'reductase' end names alike.
  if ((offset === -1 || offset === 1) && end - start >= 2 * neighbourSuffix) {
    let suffix = mix(mix(fnvOffset, Template.SuffixAt), offset + 4);
    for (let c = end - neighbourSuffix; c < end; c++) suffix = mix(suffix, lowerCode(text.charCodeAt(c)));
    out[at++] = finish(suffix) & mask;
  }
  const classAt = mix(mix(fnvOffset, Template.WordClassAt), offset + 4);
  out[at++] = finish(mix(mix(classAt, classBits + 1), wordClass)) & mask;
  if (offset === -1 || offset === 1) {
    out[at++] = finish(mix(mix(mix(fnvOffset, Template.ShortShapeAt), offset + 4), shortShapeHash)) & mask;
    if (wordClass >>> classBits === 0) out[at++] = finish(mix(mix(classAt, neighbourClassPrefix), wordClass >>> (classBits - neighbourClassPrefix))) & mask;
  }
  return at;
}

/** What the context features read: every token's hashes (see wordHashes) and dictionary code and role. */
export interface TokenContext {
  readonly tokens: Tokens;
  readonly lowerHashes: Int32Array;
  readonly shortShapeHashes: Int32Array;
  readonly codes: Uint8Array;
  readonly roles: Uint8Array;
  /** Every token's word class, and the classes' depth. */
  readonly wordClasses: Int32Array;
  readonly classBits: number;
}

/** A neighbour's dictionary code beyond either end, in a situation (codes are below 1 + 2 × entityKinds.length). */
const outsideCode = 31;

/**
 * What the few-valued context features of token i read, packed in one number below 2^53: the
 * spacing either side, its class and its predecessor's, and the dictionary codes and role of it
 * and of its neighbours two either side (beyond either end: 31 here, 255 in the features).
 */
export function situationOf(context: TokenContext, i: number): number {
  const { tokens, codes } = context;
  const { starts, ends, classes, count } = tokens;
  const spaceBefore = i > 0 && starts[i] > ends[i - 1] ? 1 : i === 0 ? 2 : 0;
  const spaceAfter = i + 1 < count && starts[i + 1] > ends[i] ? 1 : i + 1 === count ? 2 : 0;
  const near = (((spaceBefore * 3 + spaceAfter) * 3 + classes[i]) * 4 + (i > 0 ? classes[i - 1] + 1 : 0)) * 256 + codes[i];
  const role = context.roles[i];
  const around =
    (((i > 0 ? codes[i - 1] : outsideCode) * 32 + (i + 1 < count ? codes[i + 1] : outsideCode)) * 32 + (i > 1 ? codes[i - 2] : outsideCode)) * 32 +
    (i + 2 < count ? codes[i + 2] : outsideCode);
  return (around * 256 + role) * 0x10000 + near;
}

/** The features that read only token i's situation (see situationOf): spacing, classes, dictionary codes. */
export function situationFeatures(situation: number, mask: number, out: Int32Array, at: number): number {
  const near = situation % 0x10000;
  const code = near % 256;
  const previousClass = Math.floor(near / 256) % 4;
  const tokenClass = Math.floor(near / 1024) % 3;
  const spacing = Math.floor(near / 3072);
  const rest = Math.floor(situation / 0x10000);
  const role = rest % 256;
  const around = Math.floor(rest / 256);
  const codeAt = (shift: number) => {
    const value = Math.floor(around / shift) % 32;
    return value === outsideCode ? 255 : value;
  };
  out[at++] = finish(mix(mix(mix(fnvOffset, Template.Spacing), Math.floor(spacing / 3)), spacing % 3)) & mask;
  out[at++] = finish(mix(mix(mix(fnvOffset, Template.Class), tokenClass), previousClass)) & mask;
  out[at++] = finish(mix(mix(fnvOffset, Template.Dictionary), code)) & mask;
  if (code !== 0) out[at++] = finish(mix(mix(mix(fnvOffset, Template.DictionaryRole), code), role)) & mask;
  out[at++] = finish(mix(mix(mix(mix(fnvOffset, Template.DictionaryAt), 1), codeAt(32 * 32 * 32)), codeAt(32 * 32))) & mask;
  out[at++] = finish(mix(mix(mix(fnvOffset, Template.DictionaryAt), 2), codeAt(32))) & mask;
  out[at++] = finish(mix(mix(mix(fnvOffset, Template.DictionaryAt), 3), codeAt(1))) & mask;
  return at;
}

/** The features of token i that read its own text with its neighbours' or its situation: bigrams, spacing and dictionary code with shape. */
export function pairFeatures(context: TokenContext, i: number, situation: number, mask: number, out: Int32Array, at: number): number {
  const { lowerHashes, tokens } = context;
  const lower = lowerHashes[i];
  const before = i > 0 ? lowerHashes[i - 1] : beforeFirst;
  const after = i + 1 < tokens.count ? lowerHashes[i + 1] : afterLast;
  out[at++] = finish(mix(mix(mix(mix(fnvOffset, Template.LowerBigramBefore), before), 0x7c), lower)) & mask;
  out[at++] = finish(mix(mix(mix(mix(fnvOffset, Template.LowerBigramAfter), lower), 0x7c), after)) & mask;
  const shortShape = mix(mix(fnvOffset, Template.ShortShape), context.shortShapeHashes[i]);
  const near = situation % 0x10000;
  out[at++] = finish(mix(mix(mix(fnvOffset, Template.Spacing), Math.floor(near / 3072)), shortShape)) & mask;
  const code = context.codes[i];
  if (code !== 0) out[at++] = finish(mix(mix(mix(fnvOffset, Template.DictionaryShape), code), shortShape)) & mask;
  const { wordClasses, classBits } = context;
  const own = wordClasses[i];
  const classBefore = i > 0 ? wordClasses[i - 1] : edgeClass(classBits, true);
  const classAfter = i + 1 < tokens.count ? wordClasses[i + 1] : edgeClass(classBits, false);
  out[at++] = finish(mix(mix(mix(mix(fnvOffset, Template.WordClassBigram), 1), classBefore), own)) & mask;
  out[at++] = finish(mix(mix(mix(mix(fnvOffset, Template.WordClassBigram), 2), own), classAfter)) & mask;
  return at;
}

/** The features of token i that read more than one token's text or the dictionary: situationFeatures and pairFeatures. */
export function contextFeatures(context: TokenContext, i: number, mask: number, out: Int32Array, at: number): number {
  const situation = situationOf(context, i);
  return pairFeatures(context, i, situation, mask, out, situationFeatures(situation, mask, out, at));
}

/** The context of `tokens`: their hashes computed here, their dictionary codes from `matches`. */
export function tokenContext(text: string, tokens: Tokens, matches: readonly DictionaryMatch[], classes: WordClasses): TokenContext {
  const lowerHashes = new Int32Array(tokens.count);
  const wordClasses = Int32Array.from({ length: tokens.count }, (_, t) => classes.classOf(text.slice(tokens.starts[t], tokens.ends[t])));
  const shortShapeHashes = new Int32Array(tokens.count);
  for (let t = 0; t < tokens.count; t++) {
    const hashes = wordHashes(text, tokens.starts[t], tokens.ends[t]);
    lowerHashes[t] = hashes.lower;
    shortShapeHashes[t] = hashes.shortShape;
  }
  return { tokens, lowerHashes, shortShapeHashes, ...dictionaryCodes(tokens, matches), wordClasses, classBits: classes.classBits };
}

/** The most buckets a token has: at most 106, so a token's summed 8-bit weights fit in 16 bits (scorer.ts packs them). */
export const maxTokenFeatures = maxWordFeatures + neighbourOffsets.length * maxNeighbourFeatures + maxContextFeatures;

/** Hashes every feature of every token into `bucketCount` buckets (a power of two), token by token (training). */
export function tokenFeatures(text: string, tokens: Tokens, matches: readonly DictionaryMatch[], bucketCount: number, wordClasses: WordClasses): TokenFeatures {
  const mask = bucketCount - 1;
  const { starts, ends, classes, count } = tokens;
  const context = tokenContext(text, tokens, matches, wordClasses);
  const { lowerHashes, shortShapeHashes, classBits } = context;
  const wordClassOf = context.wordClasses;
  const offsets = new Int32Array(count + 1);
  let buckets = new Int32Array(Math.max(64, count * 48));
  let size = 0;
  for (let i = 0; i < count; i++) {
    offsets[i] = size;
    if (size + maxTokenFeatures > buckets.length) {
      const grown = new Int32Array(buckets.length * 2);
      grown.set(buckets);
      buckets = grown;
    }
    size = wordFeatures(text, starts[i], ends[i], classes[i], lowerHashes[i], shortShapeHashes[i], wordClassOf[i], classBits, mask, buckets, size);
    for (const offset of neighbourOffsets) {
      const j = i + offset;
      const outside = j < 0 ? beforeFirst : afterLast;
      const inside = j >= 0 && j < count;
      size = neighbourFeatures(
        offset,
        inside ? lowerHashes[j] : outside,
        inside ? shortShapeHashes[j] : outside,
        inside ? wordClassOf[j] : edgeClass(classBits, j < 0),
        classBits,
        text,
        inside ? starts[j] : 0,
        inside ? ends[j] : 0,
        mask,
        buckets,
        size,
      );
    }
    size = contextFeatures(context, i, mask, buckets, size);
  }
  offsets[count] = size;
  return { offsets, buckets: buckets.subarray(0, size) };
}

function isGreek(text: string, start: number, end: number): boolean {
  const code = text.charCodeAt(start);
  if (end - start === 1 && code >= 0x391 && code <= 0x3c9) return true;
  if (end - start < 2 || end - start > 7) return false;
  return greekNames.has(text.slice(start, end).toLowerCase());
}
