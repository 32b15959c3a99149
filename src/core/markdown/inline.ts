/**
 * A small inline parser for the inline syntax prose uses most — emphasis and strong emphasis
 * (`*`, `_`), code spans, inline math, backslash escapes, inline links `[text](destination)`,
 * footnote calls and bracketed text that is not a link (citations like `[@ref12]`) — that finds the
 * same text node ranges micromark with GFM and math does. Content with any other inline syntax
 * (images, full and collapsed reference links, nested brackets, autolinks, HTML, character
 * references, strikethrough, hard breaks, GFM literal autolinks) is declined and left to remark.
 *
 * The emphasis rules follow micromark's `attention` construct exactly: delimiter runs are classified
 * per UTF-16 code unit as whitespace, punctuation (\p{P} or \p{S}) or other, and matched by its
 * resolver (including the "multiple of 3" rule on the current run sizes).
 */

import { normalizeLabel } from './syntax';

const enum CharClass {
  Other = 0,
  Whitespace = 1,
  Punctuation = 2,
}

const unicodeWhitespace = /\s/;
const unicodePunctuation = /\p{P}|\p{S}/u;

function classify(text: string, at: number, from: number, to: number): CharClass {
  if (at < from || at >= to) return CharClass.Whitespace;
  const c = text.charCodeAt(at);
  if (c < 128) {
    if (c === 32 || c === 9 || c === 10 || c === 13) return CharClass.Whitespace;
    if (c < 32 || c === 127) return CharClass.Other;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return CharClass.Other;
    return CharClass.Punctuation;
  }
  const s = String.fromCharCode(c);
  if (unicodeWhitespace.test(s)) return CharClass.Whitespace;
  return unicodePunctuation.test(s) ? CharClass.Punctuation : CharClass.Other;
}

/** Bits of delimiterFlanks: the run can open emphasis, can close it. */
export const CAN_OPEN = 1;
export const CAN_CLOSE = 2;

/**
 * Whether the run of `size` delimiters `marker` at `at` (inline content text[from, to)) can open or
 * close emphasis (CAN_OPEN | CAN_CLOSE), by micromark's flanking rules: `*` (and GFM's `~`) by the
 * characters either side, `_` also not inside a word. A number, not an object: runs are many.
 */
export function delimiterFlanks(text: string, at: number, size: number, marker: number, from: number, to: number): number {
  const before = classify(text, at - 1, from, to);
  const after = classify(text, at + size, from, to);
  const open = after === CharClass.Other || (after === CharClass.Punctuation && before !== CharClass.Other);
  const close = before === CharClass.Other || (before === CharClass.Punctuation && after !== CharClass.Other);
  const canOpen = marker !== 95 ? open : open && (before !== CharClass.Other || !close);
  const canClose = marker !== 95 ? close : close && (after !== CharClass.Other || !open);
  return (canOpen ? CAN_OPEN : 0) | (canClose ? CAN_CLOSE : 0);
}

interface Delimiter {
  /** Offset of the first character of the run not yet used by emphasis. */
  start: number;
  /** Characters of the run not yet used. */
  size: number;
  readonly marker: number;
  readonly canOpen: boolean;
  readonly canClose: boolean;
}

/**
 * Steps the emphasis resolver may take per delimiter run (plus a fixed allowance) before the fast
 * path gives up on the content. Prose pairs a closer with an opener a step or two back; only
 * pathological runs (`*_*_…`, thousands of unmatched closers) need more, and there the resolver is
 * quadratic. Declining leaves the block to remark, whose input bounds (bounds.ts) catch that case.
 */
const emphasisStepsPerRun = 16;
const emphasisStepsAllowance = 4096;

/**
 * Pairs delimiter runs as micromark's attention resolver does, marking the characters it uses as
 * syntax in `used` (pairs of offsets). Runs between a matched opener and closer cannot match later.
 * Returns false, having given up, when pairing takes more steps than the budget allows.
 */
function resolveEmphasis(delimiters: Delimiter[], used: number[]): boolean {
  let budget = emphasisStepsAllowance + emphasisStepsPerRun * delimiters.length;
  const alive = delimiters.map(() => true);
  for (let ci = 0; ci < delimiters.length; ci++) {
    const closer = delimiters[ci];
    if (!closer.canClose) continue;
    while (closer.size > 0) {
      let oi = ci - 1;
      for (; oi >= 0; oi--) {
        const opener = delimiters[oi];
        if (!alive[oi] || opener.size === 0 || !opener.canOpen || opener.marker !== closer.marker) continue;
        if ((opener.canClose || closer.canOpen) && closer.size % 3 !== 0 && (opener.size + closer.size) % 3 === 0) continue;
        break;
      }
      budget -= ci - oi;
      if (budget < 0) return false;
      if (oi < 0) break;
      const opener = delimiters[oi];
      const use = opener.size > 1 && closer.size > 1 ? 2 : 1;
      opener.size -= use;
      used.push(opener.start + opener.size, opener.start + opener.size + use);
      used.push(closer.start, closer.start + use);
      closer.start += use;
      closer.size -= use;
      for (let k = oi + 1; k < ci; k++) alive[k] = false;
    }
  }
  return true;
}

/**
 * Offset of the `]` that ends a footnote call opening with `[^` at `at`, or -1 when the label is
 * empty, holds whitespace, a bracket or a backslash, or is followed by `(` or `[` (left to remark).
 */
export function footnoteCallEnd(text: string, at: number, to: number): number {
  let i = at + 2;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 93) break;
    if (c <= 32 || c === 91 || c === 92 || c === 127 || i - at > 900) return -1;
    i++;
  }
  if (i >= to || i === at + 2) return -1;
  const next = text.charCodeAt(i + 1);
  return next === 40 || next === 91 ? -1 : i;
}

function isDestinationChar(c: number): boolean {
  // No whitespace, parentheses, angle brackets, quotes, backslashes, backticks or controls: a plain
  // URL or path, which micromark takes as the destination with no title.
  return c > 32 && c !== 40 && c !== 41 && c !== 60 && c !== 62 && c !== 34 && c !== 39 && c !== 92 && c !== 96 && c !== 127;
}

/** What inline content read by the fast path assumes about the definitions of the note. */
export interface LabelAssumptions {
  /** Keys (`^` and the normalised label) of footnote calls: the note must define every one. */
  readonly calls: string[];
  /** Normalised labels of bracketed text read as plain text: the note must define none of them. */
  readonly undefinedLabels: string[];
}

/**
 * End of the inline code (`` ` ``) or inline math (`$`) span whose opening run starts at `at`, or -1
 * when no later run of exactly the same length closes it (then the opening run is text). Both
 * constructs tokenise alike: content is opaque, backslashes included.
 */
function spanEnd(text: string, at: number, size: number, to: number, marker: number): number {
  let j = at + size;
  while (j < to) {
    if (text.charCodeAt(j) !== marker) {
      j++;
      continue;
    }
    let m = 1;
    while (j + m < to && text.charCodeAt(j + m) === marker) m++;
    if (m === size) return j + m;
    j += m;
  }
  return -1;
}

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** Characters that can make up the local part of a GFM e-mail autolink (`[-.\w+]`). */
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiAlphanumeric = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 57);

/** A character of an e-mail autolink's local part (CommonMark: letters, digits and .!#$%&'*+/=?^_`{|}~-). */
function isAutolinkEmailChar(c: number): boolean {
  return (
    isAsciiAlphanumeric(c) ||
    (c >= 33 && c <= 47 && c !== 34 && c !== 40 && c !== 41 && c !== 44) ||
    c === 61 ||
    c === 63 ||
    (c >= 94 && c <= 96) ||
    (c >= 123 && c <= 126)
  );
}

/**
 * Whether the `<` at `at` may begin raw HTML (a letter, `/`, `!` or `?` follows) or an autolink
 * (a URI starts with a letter; an e-mail address is a run of local-part characters, then `@`).
 * Otherwise it is a literal `<`, as in 'p<0.05' or '< 5 mm'.
 */
function mayOpenTagOrAutolink(text: string, at: number, to: number): boolean {
  const next = at + 1 < to ? text.charCodeAt(at + 1) : -1;
  if (isAsciiLetter(next) || next === 47 || next === 33 || next === 63) return true;
  let j = at + 1;
  while (j < to && isAutolinkEmailChar(text.charCodeAt(j))) j++;
  return j < to && j > at + 1 && text.charCodeAt(j) === 64;
}

/** Whether the `&` at `at` may begin a character reference: `&name;`, `&#digits;` or `&#xhex;`. */
function mayOpenCharacterReference(text: string, at: number, to: number): boolean {
  let j = at + 1;
  if (text.charCodeAt(j) === 35) j++;
  const first = j;
  while (j < to && isAsciiAlphanumeric(text.charCodeAt(j))) j++;
  return j > first && j < to && text.charCodeAt(j) === 59;
}

function isEmailLocalChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95 || c === 43;
}

/**
 * Appends the text node ranges of the inline content text[from, to) to `out` as flat pairs and
 * returns true, or returns false (appending nothing) when the content uses syntax this parser
 * declines. `from` and `to` must be the first and one past the last non-whitespace character of
 * the content. Lines after the first may begin with a container prefix (`> `) or indentation, but
 * their content may not begin with a space or `>`, and no line may end in whitespace.
 *
 * Footnote calls and bracketed text are accepted only when `labels` is given, since what they are
 * depends on the rest of the note. A footnote call (`[^1]`) appends its key (`^` and the normalised label) to
 * `labels.calls`: the result holds only if the note defines it. Bracketed text that is not followed
 * by `(` or `[` (`[@ref12]`, `[1]`, `[see above]`) is a shortcut reference if the note defines its
 * label and text otherwise; it is read as text and its normalised label appended to
 * `labels.undefinedLabels`: the result holds only if the note defines none of them.
 */
export function simpleInlineSegments(text: string, from: number, to: number, out: number[], labels?: LabelAssumptions): boolean {
  const used: number[] = [];
  const delimiters: Delimiter[] = [];
  // The open `[` (at most one: nested brackets are left to remark), and how many delimiter runs
  // came before it.
  let bracketOpen = -1;
  let delimitersBeforeBracket = 0;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 96: // code span
      case 36: {
        // inline math: remark-math tokenises `$…$` and `$$…$$` like code spans, currency or not
        let n = 1;
        while (i + n < to && text.charCodeAt(i + n) === c) n++;
        const close = spanEnd(text, i, n, to, c);
        if (close < 0) {
          i += n; // unmatched: the run is text
        } else {
          used.push(i, close);
          i = close;
        }
        continue;
      }
      case 42:
      case 95: {
        let n = 1;
        while (i + n < to && text.charCodeAt(i + n) === c) n++;
        const flanks = delimiterFlanks(text, i, n, c, from, to);
        delimiters.push({ start: i, size: n, marker: c, canOpen: (flanks & CAN_OPEN) !== 0, canClose: (flanks & CAN_CLOSE) !== 0 });
        i += n;
        continue;
      }
      case 92: {
        // `\`: an escaped ASCII punctuation character stays in the text node, backslash included.
        // Before a line ending it is a hard break. Escaped `.`, `:`, `/` and `@` are declined: GFM
        // finds literal autolinks in the unescaped text, which the checks below do not see.
        if (i + 1 >= to) return false;
        const next = text.charCodeAt(i + 1);
        if (next === 10 || next === 13 || next === 46 || next === 58 || next === 47 || next === 64) return false;
        i += isAsciiPunctuation(next) ? 2 : 1;
        continue;
      }
      case 91: {
        if (bracketOpen >= 0) return false;
        if (text.charCodeAt(i + 1) === 94) {
          // `[^label]`: a footnote call if the note defines the label, which the caller checks.
          const close = footnoteCallEnd(text, i, to);
          if (close < 0 || !labels) return false;
          labels.calls.push('^' + normalizeLabel(text.slice(i + 2, close)));
          used.push(i, close + 1);
          i = close + 1;
          continue;
        }
        bracketOpen = i;
        delimitersBeforeBracket = delimiters.length;
        i++;
        continue;
      }
      case 93: {
        if (bracketOpen < 0) {
          i++; // a `]` that closes nothing is text
          continue;
        }
        const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
        if (next === 91) return false; // a full or collapsed reference
        if (next === 40) {
          // An inline link, accepted with a plain destination only.
          let j = i + 2;
          while (j < to && isDestinationChar(text.charCodeAt(j))) j++;
          if (j >= to || text.charCodeAt(j) !== 41) return false;
          if (!resolveEmphasis(delimiters.splice(delimitersBeforeBracket), used)) return false;
          used.push(bracketOpen, bracketOpen + 1, i, j + 1);
          bracketOpen = -1;
          i = j + 1;
          continue;
        }
        // A shortcut reference, or text if its label is undefined. A label over several lines or with
        // a backslash is left to remark.
        if (!labels) return false;
        for (let k = bracketOpen + 1; k < i; k++) {
          const d = text.charCodeAt(k);
          if (d === 10 || d === 13 || d === 92) return false;
        }
        labels.undefinedLabels.push(normalizeLabel(text.slice(bracketOpen + 1, i)));
        bracketOpen = -1;
        i++;
        continue;
      }
      case 33: // `!` before `[` is an image
        if (text.charCodeAt(i + 1) === 91) return false;
        i++;
        continue;
      case 58: // `://` may be a GFM literal autolink
        if (text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) return false;
        i++;
        continue;
      case 119:
      case 87: // `www.` (any case) may be a GFM literal autolink
        if ((text.charCodeAt(i + 1) | 0x20) === 119 && (text.charCodeAt(i + 2) | 0x20) === 119 && text.charCodeAt(i + 3) === 46) return false;
        i++;
        continue;
      case 64: // `@` ends the local part of an e-mail autolink unless nothing that could be one precedes it
        if (i > from && isEmailLocalChar(text.charCodeAt(i - 1))) return false;
        i++;
        continue;
      case 60: // `<` opens HTML or an autolink only before some characters ('p<0.05' is text)
        if (mayOpenTagOrAutolink(text, i, to)) return false;
        i++;
        continue;
      case 38: // `&` is a character reference only before a name or number and `;` ('AT&T' is text)
        if (mayOpenCharacterReference(text, i, to)) return false;
        i++;
        continue;
      case 126: // ~ strikethrough
      case 124: // | table cells
        return false;
      default:
        if (c < 32 && c !== 10 && c !== 13) return false;
        if (c === 127 || c === 0xfeff) return false;
        i++;
    }
  }
  // An unclosed `[` is text, and the delimiter runs after it pair with the ones before.
  if (!resolveEmphasis(delimiters, used)) return false;
  return appendGaps(text, from, to, used, out);
}

/**
 * Appends the ranges of text[from, to) not covered by any `used` range (flat pairs, unordered), or
 * returns false when one of them would end at the content of a line that has a container prefix or
 * indentation (`> *a*` on a second line of a block quote): where micromark ends such a text node
 * depends on how the data before it was tokenised, so that case is left to remark.
 */
function appendGaps(text: string, from: number, to: number, used: number[], out: number[]): boolean {
  if (used.length === 0) {
    out.push(from, to);
    return true;
  }
  const order: number[] = [];
  for (let k = 0; k < used.length; k += 2) order.push(k);
  order.sort((a, b) => used[a] - used[b]);
  const mark = out.length;
  let at = from;
  for (const k of order) {
    if (used[k] > at) {
      if (endsAfterLinePrefix(text, at, used[k])) {
        out.length = mark;
        return false;
      }
      out.push(at, used[k]);
    }
    if (used[k + 1] > at) at = used[k + 1];
  }
  if (at < to) out.push(at, to);
  return true;
}

/** Whether text[start, end) ends with a line ending followed by one or more prefix characters. */
function endsAfterLinePrefix(text: string, start: number, end: number): boolean {
  let i = end;
  while (i > start) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) return i < end;
    if (c !== 32 && c !== 62) return false;
    i--;
  }
  return false;
}
