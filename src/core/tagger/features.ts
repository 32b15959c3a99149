/**
 * The tagger's features of each token, hashed straight into a fixed number of buckets: FNV-1a
 * over a template id and the characters the template reads, taken from the text in place (no
 * string is built per feature). Templates: the word, its lower case, shape and short shape,
 * prefixes and suffixes of one to four characters, character trigrams, the neighbours two either
 * side, spacing, Greek letters, and the vocabulary's own matches on the text (begin / inside of
 * a term of each kind and role), so the tagger learns when a dictionary hit is a mention.
 */
import { entityKinds, type EntityKind } from '../types';
import { termRoles, type TermRole } from '../vocabulary/model';
import { TokenClass, type Tokens } from './tokens';

/** Bumped whenever a template changes: a model trained on other features is refused at load. */
export const featureTemplatesVersion = 2;

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
const neighbourOffsets = [-2, -1, 1, 2];

/**
 * The dictionary's code of each token: 0 outside every match, else 1 + 2 × kind + (0 at a
 * match's first token, 1 inside); and the role of the match, 0 outside.
 */
function dictionaryCodes(tokens: Tokens, matches: readonly DictionaryMatch[]): { codes: Uint8Array; roles: Uint8Array } {
  const codes = new Uint8Array(tokens.count);
  const roles = new Uint8Array(tokens.count);
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

/** Hashes features of every token into `bucketCount` buckets (a power of two). */
export function tokenFeatures(text: string, tokens: Tokens, matches: readonly DictionaryMatch[], bucketCount: number): TokenFeatures {
  const mask = bucketCount - 1;
  const { starts, ends, classes, count } = tokens;
  const { codes, roles } = dictionaryCodes(tokens, matches);
  const offsets = new Int32Array(count + 1);
  let buckets = new Int32Array(Math.max(64, count * 48));
  let size = 0;
  const push = (hash: number) => {
    if (size === buckets.length) {
      const grown = new Int32Array(buckets.length * 2);
      grown.set(buckets);
      buckets = grown;
    }
    buckets[size++] = finish(hash) & mask;
  };
  // Each token's lower-case and short-shape hashes, computed once: its neighbours' features reuse them.
  const lowerHashes = new Int32Array(count);
  const shortShapeHashes = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    let lower = fnvOffset;
    let shape = fnvOffset;
    let previous = -1;
    for (let c = starts[t]; c < ends[t]; c++) {
      const code = text.charCodeAt(c);
      lower = mix(lower, lowerCode(code));
      const shapeOfCode = shapeCode(code);
      if (shapeOfCode !== previous) shape = mix(shape, shapeOfCode);
      previous = shapeOfCode;
    }
    lowerHashes[t] = lower;
    shortShapeHashes[t] = shape;
  }
  // Before the first token and after the last: '<' and '>'.
  const lowerOf = (hash: number, token: number): number => mix(hash, token < 0 ? 0x3c : token >= count ? 0x3e : lowerHashes[token]);
  const shortShapeOf = (hash: number, token: number): number => mix(hash, token < 0 ? 0x3c : token >= count ? 0x3e : shortShapeHashes[token]);
  for (let i = 0; i < count; i++) {
    offsets[i] = size;
    const start = starts[i];
    const end = ends[i];
    const length = end - start;
    push(mix(fnvOffset, Template.Bias));
    let word = mix(fnvOffset, Template.Word);
    for (let c = start; c < end; c++) word = mix(word, text.charCodeAt(c));
    push(word);
    push(lowerOf(mix(fnvOffset, Template.Lower), i));
    let shape = mix(fnvOffset, Template.Shape);
    for (let c = start; c < end && c < start + maxShapeLength; c++) shape = mix(shape, shapeCode(text.charCodeAt(c)));
    push(shape);
    const shortShape = shortShapeOf(mix(fnvOffset, Template.ShortShape), i);
    push(shortShape);
    for (let n = 1; n <= 4 && n <= length; n++) {
      let prefix = mix(mix(fnvOffset, Template.Prefix), n);
      for (let c = start; c < start + n; c++) prefix = mix(prefix, lowerCode(text.charCodeAt(c)));
      push(prefix);
      let suffix = mix(mix(fnvOffset, Template.Suffix), n);
      for (let c = end - n; c < end; c++) suffix = mix(suffix, lowerCode(text.charCodeAt(c)));
      push(suffix);
    }
    if (classes[i] === TokenClass.Letters && length >= 4 && length <= maxTrigramWord) {
      for (let c = start; c + 3 <= end; c++) {
        push(
          mix(mix(mix(mix(fnvOffset, Template.Trigram), lowerCode(text.charCodeAt(c))), lowerCode(text.charCodeAt(c + 1))), lowerCode(text.charCodeAt(c + 2))),
        );
      }
    }
    for (const offset of neighbourOffsets) {
      push(lowerOf(mix(mix(fnvOffset, Template.LowerAt), offset + 4), i + offset));
      if (offset === -1 || offset === 1) push(shortShapeOf(mix(mix(fnvOffset, Template.ShortShapeAt), offset + 4), i + offset));
    }
    push(lowerOf(mix(lowerOf(mix(fnvOffset, Template.LowerBigramBefore), i - 1), 0x7c), i));
    push(lowerOf(mix(lowerOf(mix(fnvOffset, Template.LowerBigramAfter), i), 0x7c), i + 1));
    const spaceBefore = i > 0 && starts[i] > ends[i - 1] ? 1 : i === 0 ? 2 : 0;
    const spaceAfter = i + 1 < count && starts[i + 1] > end ? 1 : i + 1 === count ? 2 : 0;
    push(mix(mix(mix(fnvOffset, Template.Spacing), spaceBefore), spaceAfter));
    push(mix(mix(mix(fnvOffset, Template.Spacing), spaceBefore * 3 + spaceAfter), shortShape));
    if (isGreek(text, start, end)) push(mix(fnvOffset, Template.Greek));
    push(mix(mix(mix(fnvOffset, Template.Class), classes[i]), i > 0 ? classes[i - 1] + 1 : 0));
    push(mix(mix(fnvOffset, Template.Length), Math.min(length, 10)));
    const code = codes[i];
    push(mix(mix(fnvOffset, Template.Dictionary), code));
    if (code !== 0) {
      push(mix(mix(mix(fnvOffset, Template.DictionaryRole), code), roles[i]));
      push(mix(mix(mix(fnvOffset, Template.DictionaryShape), code), shortShape));
    }
    push(mix(mix(mix(mix(fnvOffset, Template.DictionaryAt), 1), i > 0 ? codes[i - 1] : 255), i + 1 < count ? codes[i + 1] : 255));
    push(mix(mix(mix(fnvOffset, Template.DictionaryAt), 2), i > 1 ? codes[i - 2] : 255));
    push(mix(mix(mix(fnvOffset, Template.DictionaryAt), 3), i + 2 < count ? codes[i + 2] : 255));
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
