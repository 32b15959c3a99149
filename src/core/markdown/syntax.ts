/**
 * Character-level recognisers for the few block constructs of CommonMark (as micromark implements
 * them, with remark-math and remark-frontmatter) that can run across a blank line. The block
 * splitter uses them to know where a split would fall inside such a construct.
 */

export const CC_TAB = 9;
export const CC_LF = 10;
export const CC_CR = 13;
export const CC_SPACE = 32;
const CC_BANG = 33;
const CC_DOLLAR = 36;
const CC_PLUS = 43;
const CC_DASH = 45;
const CC_SLASH = 47;
const CC_LT = 60;
const CC_GT = 62;
const CC_QUESTION = 63;
const CC_BRACKET_OPEN = 91;
const CC_BRACKET_CLOSE = 93;
const CC_BACKTICK = 96;
const CC_TILDE = 126;

/** End of the line that starts at `from`: the offset of its line ending (or of the end of text). */
export function lineEnd(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === CC_LF || c === CC_CR) return i;
    i++;
  }
  return limit;
}

/** Start of the line after the line ending at `end` (CRLF, LF and lone CR all end a line). */
export function nextLineStart(text: string, end: number, limit: number): number {
  if (end >= limit) return limit;
  if (text.charCodeAt(end) === CC_CR && end + 1 < limit && text.charCodeAt(end + 1) === CC_LF) return end + 2;
  return end + 1;
}

/** Offset of the first character of the line that is not a space or tab (`end` when blank). */
export function firstNonSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== CC_SPACE && c !== CC_TAB) return i;
    i++;
  }
  return end;
}

/**
 * Indentation of a line in columns, capped at 4: micromark expands a tab to the next tab stop, so a
 * tab anywhere in the leading whitespace puts the content at column 4 or beyond.
 */
export function indentOf(text: string, from: number, contentStart: number): number {
  let n = 0;
  for (let i = from; i < contentStart; i++) {
    if (text.charCodeAt(i) === CC_TAB) return 4;
    n++;
  }
  return n > 4 ? 4 : n;
}

function onlySpaceUntil(text: string, from: number, end: number): boolean {
  return firstNonSpace(text, from, end) === end;
}

function hasCharBetween(text: string, from: number, end: number, code: number): boolean {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

function runLength(text: string, from: number, end: number, code: number): number {
  let i = from;
  while (i < end && text.charCodeAt(i) === code) i++;
  return i - from;
}

/** A leaf construct that stays open across blank lines until its closing line (or the end of text). */
export type OpenLeaf =
  | { readonly kind: 'fence'; readonly marker: number; readonly size: number }
  | { readonly kind: 'math'; readonly size: number }
  | { readonly kind: 'html'; readonly type: HtmlRawType };

/** CommonMark HTML block types 1–5 (raw text, comment, processing instruction, declaration, CDATA). */
export type HtmlRawType = 1 | 2 | 3 | 4 | 5;

/**
 * If the line content starting at `at` (indentation already skipped, at most 3 columns) opens a
 * fenced code block, a `$$` math block or an HTML block of types 1–5, describe the open construct
 * and whether it already closes on the same line (HTML only).
 */
export function leafOpenerAt(text: string, at: number, end: number): { leaf: OpenLeaf; closedOnSameLine: boolean } | undefined {
  const c = text.charCodeAt(at);
  if (c === CC_BACKTICK || c === CC_TILDE) {
    const size = runLength(text, at, end, c);
    if (size < 3) return undefined;
    if (c === CC_BACKTICK && hasCharBetween(text, at + size, end, CC_BACKTICK)) return undefined;
    return { leaf: { kind: 'fence', marker: c, size }, closedOnSameLine: false };
  }
  if (c === CC_DOLLAR) {
    const size = runLength(text, at, end, c);
    if (size < 2) return undefined;
    if (hasCharBetween(text, at + size, end, CC_DOLLAR)) return undefined;
    return { leaf: { kind: 'math', size }, closedOnSameLine: false };
  }
  if (c === CC_LT) {
    const opened = htmlRawOpener(text, at, end);
    if (!opened) return undefined;
    const closed = htmlLineCloses(opened.type, text, opened.resumeAt, end, opened.state);
    return { leaf: { kind: 'html', type: opened.type }, closedOnSameLine: closed };
  }
  return undefined;
}

/** True when a line (indentation not yet skipped) closes the given open construct. */
export function leafClosesOnLine(leaf: OpenLeaf, text: string, start: number, end: number): boolean {
  if (leaf.kind === 'html') return htmlLineCloses(leaf.type, text, start, end, 'continuation');
  const at = firstNonSpace(text, start, end);
  if (indentOf(text, start, at) > 3) return false;
  const marker = leaf.kind === 'fence' ? leaf.marker : CC_DOLLAR;
  const size = runLength(text, at, end, marker);
  return size >= leaf.size && onlySpaceUntil(text, at + size, end);
}

const rawTagNames = ['pre', 'script', 'style', 'textarea'];

function isAsciiAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isAsciiAlnum(c: number): boolean {
  return isAsciiAlpha(c) || (c >= 48 && c <= 57);
}

type HtmlScanState = 'continuation' | 'declarationInside';

/** Recognises the start of an HTML block of types 1–5 at `at` (which holds `<`). */
function htmlRawOpener(text: string, at: number, end: number): { type: HtmlRawType; resumeAt: number; state: HtmlScanState } | undefined {
  const c1 = at + 1 < end ? text.charCodeAt(at + 1) : -1;
  if (c1 === CC_BANG) {
    const c2 = at + 2 < end ? text.charCodeAt(at + 2) : -1;
    if (c2 === CC_DASH) {
      if (at + 3 < end && text.charCodeAt(at + 3) === CC_DASH) return { type: 2, resumeAt: at + 4, state: 'declarationInside' };
      return undefined;
    }
    if (c2 === CC_BRACKET_OPEN) {
      if (text.startsWith('CDATA[', at + 3) && at + 9 <= end) return { type: 5, resumeAt: at + 9, state: 'continuation' };
      return undefined;
    }
    if (isAsciiAlpha(c2)) return { type: 4, resumeAt: at + 3, state: 'declarationInside' };
    return undefined;
  }
  if (c1 === CC_QUESTION) return { type: 3, resumeAt: at + 2, state: 'declarationInside' };
  if (isAsciiAlpha(c1)) {
    let i = at + 1;
    while (i < end && (isAsciiAlnum(text.charCodeAt(i)) || text.charCodeAt(i) === CC_DASH)) i++;
    const after = i < end ? text.charCodeAt(i) : -1;
    const endsName = after === -1 || after === CC_SPACE || after === CC_TAB || after === CC_GT;
    if (endsName && rawTagNames.includes(text.slice(at + 1, i).toLowerCase())) {
      return { type: 1, resumeAt: i, state: 'continuation' };
    }
  }
  return undefined;
}

/**
 * Whether an HTML block of type 1–5 ends on this line: the state machine of micromark's html-flow
 * continuation, which restarts at every line. (It is not a plain substring search: micromark does
 * not close a CDATA block on `]]]>`, for example.)
 */
export function htmlLineCloses(type: HtmlRawType, text: string, from: number, end: number, initial: HtmlScanState): boolean {
  let state: 'continuation' | 'commentInside' | 'declarationInside' | 'rawTagOpen' | 'rawEndTag' | 'cdataInside' = initial;
  let tagName = '';
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    switch (state) {
      case 'continuation':
        if (c === CC_DASH && type === 2) state = 'commentInside';
        else if (c === CC_LT && type === 1) state = 'rawTagOpen';
        else if (c === CC_GT && type === 4) return true;
        else if (c === CC_QUESTION && type === 3) state = 'declarationInside';
        else if (c === CC_BRACKET_CLOSE && type === 5) state = 'cdataInside';
        i++;
        continue;
      case 'commentInside':
        if (c === CC_DASH) {
          state = 'declarationInside';
          i++;
        } else state = 'continuation';
        continue;
      case 'rawTagOpen':
        if (c === CC_SLASH) {
          state = 'rawEndTag';
          tagName = '';
          i++;
        } else state = 'continuation';
        continue;
      case 'rawEndTag':
        if (c === CC_GT) {
          if (rawTagNames.includes(tagName.toLowerCase())) return true;
          state = 'continuation';
        } else if (isAsciiAlpha(c) && tagName.length < 8) {
          tagName += String.fromCharCode(c);
          i++;
        } else state = 'continuation';
        continue;
      case 'cdataInside':
        if (c === CC_BRACKET_CLOSE) {
          state = 'declarationInside';
          i++;
        } else state = 'continuation';
        continue;
      case 'declarationInside':
        if (c === CC_GT) return true;
        if (c === CC_DASH && type === 2) {
          i++;
          continue;
        }
        state = 'continuation';
        continue;
    }
  }
  return false;
}

/**
 * Whether the line content at `at` could begin an HTML block of type 6 or 7 (a block-level tag, or
 * any complete tag alone on its line). Those end at the next blank line, but until then they swallow
 * lines that would otherwise open a fence; the splitter only needs a conservative answer.
 */
export function mayOpenHtmlBlockUntilBlank(text: string, at: number, end: number): boolean {
  if (text.charCodeAt(at) !== CC_LT || at + 1 >= end) return false;
  const c1 = text.charCodeAt(at + 1);
  return isAsciiAlpha(c1) || c1 === CC_SLASH;
}

/** Whether the line content at `at` starts a list item marker (`-`, `+`, `*`, `1.` or `1)`). */
export function isListMarkerAt(text: string, at: number, end: number): boolean {
  const c = text.charCodeAt(at);
  let after: number;
  if (c === CC_DASH || c === CC_PLUS || c === 42) after = at + 1;
  else {
    let i = at;
    while (i < end && i - at < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === at || i - at > 9 || i >= end) return false;
    const d = text.charCodeAt(i);
    if (d !== 46 && d !== 41) return false;
    after = i + 1;
  }
  if (after >= end) return true;
  const a = text.charCodeAt(after);
  return a === CC_SPACE || a === CC_TAB;
}

/** If the text opens with front matter (`---` or `+++` fences, closed), the offset just past its closing fence line's content. */
export function frontMatterEnd(text: string, from: number): number | undefined {
  const limit = text.length;
  const c = text.charCodeAt(from);
  if (c !== CC_DASH && c !== CC_PLUS) return undefined;
  const isFence = (start: number, end: number) => runLength(text, start, end, c) === 3 && onlySpaceUntil(text, start + 3, end);
  const firstEnd = lineEnd(text, from, limit);
  if (firstEnd === limit || !isFence(from, firstEnd)) return undefined;
  let ls = nextLineStart(text, firstEnd, limit);
  while (ls < limit) {
    const le = lineEnd(text, ls, limit);
    if (isFence(ls, le)) return le;
    ls = nextLineStart(text, le, limit);
  }
  return undefined;
}

/** CommonMark label normalisation (as micromark-util-normalize-identifier does it). */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

/** Cells of a table row text[at, le) that starts with `|`: split at pipes not escaped, less the outer pipes. */
export function cellCount(text: string, at: number, le: number): number {
  let end = le;
  while (end > at && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  let pipes = 0;
  let lastPipe = -1;
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 124) {
      pipes++;
      lastPipe = i;
    }
  }
  return lastPipe === end - 1 ? pipes - 1 : pipes;
}

/**
 * Cells of a table delimiter row text[at, le) (which starts with `|`), each dashes with optional
 * colons at either end, or -1 when the line is not one.
 */
export function delimiterCells(text: string, at: number, le: number): number {
  let end = le;
  while (end > at && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  let cells = 0;
  let cellStart = at + 1;
  for (let i = at + 1; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 124) continue;
    if (i === end && cellStart === end) break; // after a closing pipe
    if (!isDelimiterCell(text, cellStart, i)) return -1;
    cells++;
    cellStart = i + 1;
  }
  return cells > 0 ? cells : -1;
}

function isDelimiterCell(text: string, from: number, to: number): boolean {
  let i = firstNonSpace(text, from, to);
  let end = to;
  while (end > i && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  if (i < end && text.charCodeAt(i) === 58) i++;
  const dashes = i;
  while (i < end && text.charCodeAt(i) === 45) i++;
  if (i === dashes) return false;
  if (i < end && text.charCodeAt(i) === 58) i++;
  return i === end;
}

export function isSpaceOrTab(c: number): boolean {
  return c === CC_SPACE || c === CC_TAB;
}
