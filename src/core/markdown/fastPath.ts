/**
 * Prose segments of a block without running a parser, for blocks whose shape is simple enough that
 * the answer is certain: a paragraph, heading, simple list or simple table with no inline syntax
 * at all, or a block that is entirely a closed fenced code, math or raw HTML block.
 *
 * Every check errs towards "not simple": a block this module declines goes to remark. The property
 * tests in test/unit/markdown-properties.test.ts compare everything accepted here with remark.
 */
import {
  CC_CR,
  CC_LF,
  CC_SPACE,
  CC_TAB,
  firstNonSpace,
  indentOf,
  leafClosesOnLine,
  leafOpenerAt,
  lineEnd,
  nextLineStart,
} from './syntax';

const enum Shape {
  Unknown,
  Paragraph,
  List,
  Table,
}

/**
 * Characters that may begin inline syntax (code, emphasis, links, images, autolinks, HTML, character
 * references, escapes and hard breaks, strikethrough, tables, math, e-mail autolinks). A line of
 * prose that holds none of them parses to one run of text.
 */
function isInlineSyntaxChar(c: number): boolean {
  switch (c) {
    case 96: // `
    case 42: // *
    case 95: // _
    case 91: // [
    case 93: // ]
    case 60: // <
    case 62: // >
    case 124: // |
    case 126: // ~
    case 36: // $
    case 38: // &
    case 92: // \
    case 64: // @
      return true;
    default:
      // Control characters (NUL is replaced by remark; others are rare enough to leave to it).
      return c < 32 || c === 0x7f || c === 0xfeff;
  }
}

/** True when text[from, end) holds a GFM literal autolink trigger: `://` or `www.` (any case). */
function hasLiteralAutolinkTrigger(text: string, from: number, end: number): boolean {
  for (let i = from; i + 2 < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 && text.charCodeAt(i + 1) === 47 && text.charCodeAt(i + 2) === 47) return true;
    if ((c === 119 || c === 87) && i + 3 < end) {
      const c1 = text.charCodeAt(i + 1) | 0x20;
      const c2 = text.charCodeAt(i + 2) | 0x20;
      if (c1 === 119 && c2 === 119 && text.charCodeAt(i + 3) === 46) return true;
    }
  }
  return false;
}

/**
 * Whether text[from, end) (one line's content, leading whitespace already excluded) is plain
 * inline text, and starts with nothing that could open a block (a list marker, heading, block
 * quote, thematic break, setext underline, fence).
 */
function isPlainLineContent(text: string, from: number, end: number): boolean {
  if (from >= end) return false;
  const first = text.charCodeAt(from);
  // `#` heading, `-`/`+` list or thematic break or setext underline, `=` setext underline, `:` table
  // delimiter cell.
  if (first === 35 || first === 45 || first === 43 || first === 61 || first === 58) return false;
  if (first >= 48 && first <= 57) {
    let i = from;
    while (i < end && i - from < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const d = i < end ? text.charCodeAt(i) : -1;
    if (d === 46 || d === 41) return false; // `1.` or `1)`: possibly an ordered list item
  }
  for (let i = from; i < end; i++) if (isInlineSyntaxChar(text.charCodeAt(i))) return false;
  return !hasLiteralAutolinkTrigger(text, from, end);
}

/** Offset just past the last character of text[from, end) that is not a space or tab. */
function trimEnd(text: string, from: number, end: number): number {
  let i = end;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c !== CC_SPACE && c !== CC_TAB) break;
    i--;
  }
  return i;
}

/**
 * Prose segments (absolute offsets, flat pairs) of the block text[start, end), or undefined when the
 * block is not one of the simple shapes.
 */
export function fastBlockSegments(text: string, start: number, end: number): number[] | undefined {
  if (start >= end) return [];
  const firstEnd = lineEnd(text, start, end);
  const at = firstNonSpace(text, start, firstEnd);
  if (at === firstEnd) {
    // A block that opens with blank lines is the note's first block; only all-blank is simple.
    return isBlankUntil(text, start, end) ? [] : undefined;
  }
  const first = text.charCodeAt(at);
  const indent = indentOf(text, start, at);
  if (indent <= 3 && (first === 96 || first === 126 || first === 36 || first === 60)) {
    return wholeLeafBlock(text, start, end, at, firstEnd) ? [] : undefined;
  }
  if (at !== start) return undefined;
  if (first === 35) return atxHeading(text, start, end, firstEnd);
  const shape = first === 124 ? Shape.Table : listItemContentStart(text, start, firstEnd) !== undefined ? Shape.List : Shape.Paragraph;
  if (shape === Shape.Table) return table(text, start, end);
  if (shape === Shape.List) return list(text, start, end);
  return paragraph(text, start, end);
}

function isBlankUntil(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== CC_SPACE && c !== CC_TAB && c !== CC_LF && c !== CC_CR) return false;
  }
  return true;
}

/** The block is one fenced code, math or raw HTML block, closed, followed by blank lines only. */
function wholeLeafBlock(text: string, start: number, end: number, at: number, firstEnd: number): boolean {
  const opened = leafOpenerAt(text, at, firstEnd);
  if (!opened) return false;
  let ls = nextLineStart(text, firstEnd, end);
  if (!opened.closedOnSameLine) {
    let closed = false;
    while (ls < end && !closed) {
      const le = lineEnd(text, ls, end);
      closed = leafClosesOnLine(opened.leaf, text, ls, le);
      ls = nextLineStart(text, le, end);
    }
    if (!closed) return false;
  }
  return isBlankUntil(text, ls, end);
}

/** A paragraph: lines of plain text, no indentation, no hard line break. */
function paragraph(text: string, start: number, end: number): number[] | undefined {
  let ls = start;
  let lastContentEnd = -1;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    const at = firstNonSpace(text, ls, le);
    if (at === le) break;
    // An indented line could be a list item or a fence interrupting the paragraph.
    if (at !== ls) return undefined;
    const contentEnd = trimEnd(text, ls, le);
    if (!isPlainLineContent(text, ls, contentEnd)) return undefined;
    // Two or more trailing spaces before another line make a hard break, which splits the text node.
    if (le - contentEnd >= 2 && nextLineStart(text, le, end) < end) {
      const nl = nextLineStart(text, le, end);
      if (firstNonSpace(text, nl, lineEnd(text, nl, end)) !== lineEnd(text, nl, end)) return undefined;
    }
    lastContentEnd = contentEnd;
    ls = nextLineStart(text, le, end);
  }
  if (lastContentEnd < 0 || !isBlankUntil(text, ls, end)) return undefined;
  return [start, lastContentEnd];
}

/** A one-line ATX heading of plain text with no closing `#` sequence. */
function atxHeading(text: string, start: number, end: number, firstEnd: number): number[] | undefined {
  let i = start;
  while (i < firstEnd && text.charCodeAt(i) === 35) i++;
  const level = i - start;
  if (level > 6 || i >= firstEnd || text.charCodeAt(i) !== CC_SPACE) return undefined;
  const contentStart = firstNonSpace(text, i, firstEnd);
  const contentEnd = trimEnd(text, contentStart, firstEnd);
  if (contentStart >= contentEnd || !isPlainLineContent(text, contentStart, contentEnd)) return undefined;
  for (let k = contentStart; k < contentEnd; k++) if (text.charCodeAt(k) === 35) return undefined;
  if (!isBlankUntil(text, firstEnd, end)) return undefined;
  return [contentStart, contentEnd];
}

/**
 * Start of a list item's content on a line `- x`, `+ x`, `1. x` or `1) x` (1–4 spaces after the
 * marker, no tab), or undefined. `*` bullets are left to remark (`*` is also emphasis).
 */
function listItemContentStart(text: string, ls: number, le: number): number | undefined {
  const c = text.charCodeAt(ls);
  let i = ls;
  if (c === 45 || c === 43) i = ls + 1;
  else {
    while (i < le && i - ls < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === ls || i - ls > 9 || i >= le) return undefined;
    const d = text.charCodeAt(i);
    if (d !== 46 && d !== 41) return undefined;
    i++;
  }
  let spaces = 0;
  while (i + spaces < le && text.charCodeAt(i + spaces) === CC_SPACE) spaces++;
  if (spaces < 1 || spaces > 4 || i + spaces >= le) return undefined;
  return i + spaces;
}

/** The marker kind of a list line: its bullet character, or `.`/`)` for ordered items. */
function markerKind(text: string, ls: number, contentStart: number): number {
  const c = text.charCodeAt(ls);
  if (c === 45 || c === 43) return c;
  return text.charCodeAt(trimEnd(text, ls, contentStart) - 1);
}

/** A tight list whose every line is an item of plain text with the same kind of marker. */
function list(text: string, start: number, end: number): number[] | undefined {
  const out: number[] = [];
  let kind = -1;
  let ls = start;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    if (firstNonSpace(text, ls, le) === le) break;
    const content = listItemContentStart(text, ls, le);
    if (content === undefined) return undefined;
    const k = markerKind(text, ls, content);
    if (kind !== -1 && k !== kind) return undefined;
    kind = k;
    const contentEnd = trimEnd(text, content, le);
    if (!isPlainLineContent(text, content, contentEnd)) return undefined;
    out.push(content, contentEnd);
    ls = nextLineStart(text, le, end);
  }
  if (out.length === 0 || !isBlankUntil(text, ls, end)) return undefined;
  return out;
}

/** Cell content ranges of a table row `| a | b |` (leading and trailing pipe required). */
function tableCells(text: string, ls: number, le: number): number[] | undefined {
  const rowEnd = trimEnd(text, ls, le);
  if (text.charCodeAt(ls) !== 124 || rowEnd - ls < 2 || text.charCodeAt(rowEnd - 1) !== 124) return undefined;
  const cells: number[] = [];
  let cellStart = ls + 1;
  for (let i = ls + 1; i < rowEnd; i++) {
    if (text.charCodeAt(i) !== 124) continue;
    const from = firstNonSpace(text, cellStart, i);
    cells.push(from, trimEnd(text, from, i));
    cellStart = i + 1;
  }
  return cells;
}

function isDelimiterCell(text: string, from: number, to: number): boolean {
  let i = from;
  if (i < to && text.charCodeAt(i) === 58) i++;
  const dashes = i;
  while (i < to && text.charCodeAt(i) === 45) i++;
  if (i === dashes) return false;
  if (i < to && text.charCodeAt(i) === 58) i++;
  return i === to;
}

/** A GFM table with pipes at both ends of every row, the same number of cells, plain cells. */
function table(text: string, start: number, end: number): number[] | undefined {
  const out: number[] = [];
  let columns = -1;
  let row = 0;
  let ls = start;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    if (firstNonSpace(text, ls, le) === le) break;
    if (text.charCodeAt(ls) !== 124) return undefined;
    const cells = tableCells(text, ls, le);
    if (!cells || cells.length === 0) return undefined;
    if (columns === -1) columns = cells.length;
    else if (cells.length !== columns) return undefined;
    for (let k = 0; k < cells.length; k += 2) {
      const from = cells[k];
      const to = cells[k + 1];
      if (row === 1) {
        if (!isDelimiterCell(text, from, to)) return undefined;
      } else if (from < to) {
        if (!isPlainLineContent(text, from, to)) return undefined;
        out.push(from, to);
      }
    }
    row++;
    ls = nextLineStart(text, le, end);
  }
  if (row < 2 || !isBlankUntil(text, ls, end)) return undefined;
  return out;
}
