/**
 * The tagger's tokens: runs of letters, runs of digits, and each other visible character alone,
 * so that 'IL-2R', 'p53-dependent' and 'Ca(2+)' give the tagger the pieces a mention may start
 * or end at. Offsets are UTF-16 indices into the text; whitespace only separates.
 */

export const enum TokenClass {
  Letters = 0,
  Digits = 1,
  Punctuation = 2,
}

export interface Tokens {
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly classes: Uint8Array;
}

function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x3000
  );
}

const letterPattern = /\p{L}|\p{M}/u;

/** The class of each ASCII character (-1: whitespace), read from a table: tokenising a note visits every character. */
const asciiClasses = Int8Array.from({ length: 0x80 }, (_, code) => {
  if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return TokenClass.Letters;
  if (code >= 0x30 && code <= 0x39) return TokenClass.Digits;
  return isWhitespace(code) ? -1 : TokenClass.Punctuation;
});

/** ASCII from a table; beyond it Unicode's letter and mark categories (Greek α, é, ß). */
export function charClass(code: number): TokenClass | -1 {
  if (code < 0x80) return asciiClasses[code] as TokenClass | -1;
  if (isWhitespace(code)) return -1;
  // Surrogates are kept with their pair as punctuation-like symbols (emoji, rare CJK).
  return letterPattern.test(String.fromCharCode(code)) ? TokenClass.Letters : TokenClass.Punctuation;
}

/** Tokens of `text[start, end)`. */
export function tokenize(text: string, start = 0, end = text.length): Tokens {
  // Prose has a token in about five characters; the arrays grow when a text has more, and are cut to the count at the end.
  let starts = new Int32Array(16 + ((end - start) >> 2));
  let ends = new Int32Array(starts.length);
  let classes = new Uint8Array(starts.length);
  let count = 0;
  let i = start;
  while (i < end) {
    const cls = charClass(text.charCodeAt(i));
    if (cls === -1) {
      i++;
      continue;
    }
    const tokenStart = i++;
    if (cls === TokenClass.Punctuation) {
      // A surrogate pair is one character.
      const code = text.charCodeAt(tokenStart);
      if (code >= 0xd800 && code <= 0xdbff && i < end) i++;
    } else {
      while (i < end && charClass(text.charCodeAt(i)) === cls) i++;
    }
    if (count === starts.length) {
      starts = grown(starts, new Int32Array(2 * count));
      ends = grown(ends, new Int32Array(2 * count));
      classes = grown(classes, new Uint8Array(2 * count));
    }
    starts[count] = tokenStart;
    ends[count] = i;
    classes[count++] = cls;
  }
  // Views, not copies: a run's tokens live as long as its tagging, and copying them cost as much as finding them.
  return { count, starts: starts.subarray(0, count), ends: ends.subarray(0, count), classes: classes.subarray(0, count) };
}

function grown<T extends Int32Array | Uint8Array>(array: T, larger: T): T {
  larger.set(array);
  return larger;
}
