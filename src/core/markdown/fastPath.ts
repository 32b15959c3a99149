/**
 * Prose segments of a block without running remark, for blocks whose shape is simple enough that
 * the answer is certain: a paragraph, a one-line heading, a list whose items hold paragraphs, a
 * one-paragraph block quote, a table or a one-line footnote definition, whose inline content is
 * plain text, emphasis, code spans, inline math, escapes, inline links, footnote calls and bracketed
 * text (see inline.ts); or a block
 * that is entirely a closed fenced code, math or raw HTML block.
 *
 * Every check errs towards "not simple": a block this module declines goes to remark. The property
 * tests in test/unit/markdown-properties.test.ts compare everything accepted here with remark.
 */
import { CC_CR, CC_LF, CC_SPACE, CC_TAB, firstNonSpace, indentOf, leafClosesOnLine, leafOpenerAt, lineEnd, nextLineStart, normalizeLabel } from './syntax';
import { footnoteCallEnd, simpleInlineSegments, type LabelAssumptions } from './inline';
import type { DeclaredLabel } from './remark';

/**
 * Whether a line whose content starts at `at` could begin (or, in a paragraph, interrupt with) a
 * block construct or a setext underline. `first` marks the first line of a paragraph or item, where
 * `[` may also start a link reference definition or a task list checkbox.
 */
function mayStartBlock(text: string, at: number, end: number, first: boolean): boolean {
  const c = text.charCodeAt(at);
  switch (c) {
    case 35: // # heading
    case 62: // > block quote
    case 124: // | table
    case 61: // = setext underline
    case 58: // : table delimiter cell
    case 60: // < HTML
    case 126: // ~ fence
    case 43: // + list item
    case 45: // - list item, thematic break, setext underline
      return true;
    case 91: // [ definition (`[label]:`) or task list item (`[ ]`, `[x]`); a footnote definition
      // (`[^label]:`) may also interrupt a paragraph
      return text.charCodeAt(at + 1) === 94 || (first && !opensInlineBracket(text, at, end));
    case 36: // $$ math
      return text.charCodeAt(at + 1) === 36;
    case 96: // ``` fence
      return text.charCodeAt(at + 1) === 96 && text.charCodeAt(at + 2) === 96;
    case 42: // * list item or thematic break
    case 95: {
      // _ thematic break
      const next = at + 1 < end ? text.charCodeAt(at + 1) : -1;
      if (next === -1 || next === CC_SPACE || next === CC_TAB) return true;
      let count = 0;
      for (let i = at; i < end; i++) {
        const d = text.charCodeAt(i);
        if (d === c) count++;
        else if (d !== CC_SPACE && d !== CC_TAB) return false;
      }
      return count >= 3;
    }
    default: {
      if (c < 48 || c > 57) return false;
      let i = at;
      while (i < end && i - at < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      const d = i < end ? text.charCodeAt(i) : -1;
      return d === 46 || d === 41; // `1.` or `1)`: possibly an ordered list item
    }
  }
}

/**
 * Whether the `[` at `at`, at the start of a paragraph or list item, is closed on its line by a `]`
 * that cannot make it a definition (`]` followed by `:`) or a task list checkbox (one character
 * between the brackets), with no bracket or backslash in between.
 */
function opensInlineBracket(text: string, at: number, end: number): boolean {
  for (let i = at + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 92) return false;
    if (c === 93) return i - at > 2 && text.charCodeAt(i + 1) !== 58;
  }
  return false;
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
 * How a block the fast path accepted depends on the note's definitions. Its segments hold only if
 * the note defines every footnote key in `calls` and none of the labels in `undefinedLabels`;
 * `declared` are the footnote definitions it makes itself.
 */
export interface DefinitionUse extends LabelAssumptions {
  readonly declared: DeclaredLabel[];
}

/**
 * Prose segments (absolute offsets, flat pairs) of the block text[start, end), or undefined when the
 * block is not one of the simple shapes. Without `notes`, blocks with footnote calls, footnote
 * definitions or bracketed text are declined.
 */
export function fastBlockSegments(text: string, start: number, end: number, notes?: DefinitionUse): number[] | undefined {
  if (start >= end) return [];
  const firstEnd = lineEnd(text, start, end);
  const at = firstNonSpace(text, start, firstEnd);
  if (at === firstEnd) {
    // A block that opens with blank lines is the note's first block; only all-blank is simple.
    return isBlankUntil(text, start, end) ? [] : undefined;
  }
  const first = text.charCodeAt(at);
  const indent = indentOf(text, start, at);
  if (indent <= 3 && (first === 96 || first === 126 || first === 36 || first === 60) && leafOpenerAt(text, at, firstEnd)) {
    return wholeLeafBlock(text, start, end, at, firstEnd) ? [] : undefined;
  }
  if (at !== start) return undefined;
  if (first === 35) return atxHeading(text, start, end, firstEnd, notes);
  if (first === 62) return blockQuote(text, start, end, notes);
  if (first === 124) return table(text, start, end, notes);
  if (first === 91 && text.charCodeAt(start + 1) === 94) return notes ? footnoteDefinition(text, start, end, firstEnd, notes) : undefined;
  if (listItemContentStart(text, start, firstEnd) !== undefined) return list(text, start, end, notes);
  return paragraph(text, start, end, notes);
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

/**
 * A paragraph: unindented lines that start no block, without trailing whitespace except on the last
 * line (which keeps hard breaks out), whose inline content the simple inline parser accepts.
 */
function paragraph(text: string, start: number, end: number, labels: LabelAssumptions | undefined): number[] | undefined {
  let ls = start;
  let contentEnd = -1;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    const at = firstNonSpace(text, ls, le);
    if (at === le) break;
    // Indented lines and trailing whitespace before a line ending are left to remark.
    if (at !== ls || (contentEnd >= 0 && text.charCodeAt(contentEnd) !== CC_LF && text.charCodeAt(contentEnd) !== CC_CR)) return undefined;
    if (mayStartBlock(text, ls, le, ls === start)) return undefined;
    contentEnd = trimEnd(text, ls, le);
    ls = nextLineStart(text, le, end);
  }
  if (contentEnd < 0 || !isBlankUntil(text, ls, end)) return undefined;
  const out: number[] = [];
  return simpleInlineSegments(text, start, contentEnd, out, labels) ? out : undefined;
}

/** A one-line ATX heading of plain text with no closing `#` sequence. */
function atxHeading(text: string, start: number, end: number, firstEnd: number, labels: LabelAssumptions | undefined): number[] | undefined {
  let i = start;
  while (i < firstEnd && text.charCodeAt(i) === 35) i++;
  const level = i - start;
  if (level > 6 || i >= firstEnd || text.charCodeAt(i) !== CC_SPACE) return undefined;
  const contentStart = firstNonSpace(text, i, firstEnd);
  const contentEnd = trimEnd(text, contentStart, firstEnd);
  if (contentStart >= contentEnd || !isBlankUntil(text, firstEnd, end)) return undefined;
  // A `#` could belong to a closing sequence.
  for (let k = contentStart; k < contentEnd; k++) if (text.charCodeAt(k) === 35) return undefined;
  const out: number[] = [];
  return simpleInlineSegments(text, contentStart, contentEnd, out, labels) ? out : undefined;
}

/**
 * Start of a list item's content on a line `- x`, `+ x`, `1. x` or `1) x` (1–4 spaces after the
 * marker, no tab), or undefined.
 */
function listItemContentStart(text: string, ls: number, le: number): number | undefined {
  const c = text.charCodeAt(ls);
  let i = ls;
  if (c === 45 || c === 43 || c === 42) i = ls + 1;
  else {
    while (i < le && i - ls < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === ls || i - ls > 9 || i >= le) return undefined;
    const d = text.charCodeAt(i);
    if (d !== 46 && d !== 41) return undefined;
    i++;
  }
  let spaces = 0;
  while (i + spaces < le && text.charCodeAt(i + spaces) === CC_SPACE) spaces++;
  // An item whose line holds only spaces and tabs after its marker ('- \t') is an empty item, which
  // remark reads by rules the fast path does not follow: it is left to remark.
  if (spaces < 1 || spaces > 4 || firstNonSpace(text, i + spaces, le) === le) return undefined;
  return i + spaces;
}

/** The marker kind of a list line: its bullet character, or `.`/`)` for ordered items. */
function markerKind(text: string, ls: number, contentStart: number): number {
  const c = text.charCodeAt(ls);
  if (c === 45 || c === 43 || c === 42) return c;
  return text.charCodeAt(trimEnd(text, ls, contentStart) - 1);
}

/** An open list item: the column its content starts at, and its marker kind. */
interface OpenItem {
  readonly contentColumn: number;
  readonly kind: number;
}

/**
 * A list whose items hold paragraphs of simple inline content and, nested in them, lists of the same
 * kind of items: item lines with the same kind of marker as the other items of their list,
 * continuation lines indented by exactly the innermost item's content offset (a wrapped line, or a
 * new paragraph after a blank line, which may also belong to an outer item), and blank lines. Only
 * spaces indent.
 */
function list(text: string, start: number, end: number, labels: LabelAssumptions | undefined): number[] | undefined {
  const out: number[] = [];
  const open: OpenItem[] = [];
  let paragraphStart = -1;
  let paragraphEnd = -1;
  let afterBlank = false;
  const flush = (): boolean => {
    if (paragraphStart < 0) return true;
    const ok = simpleInlineSegments(text, paragraphStart, paragraphEnd, out, labels);
    paragraphStart = -1;
    return ok;
  };
  let ls = start;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    const at = firstNonSpace(text, ls, le);
    if (at === le) {
      afterBlank = true;
      if (!flush()) return undefined;
      ls = nextLineStart(text, le, end);
      continue;
    }
    for (let i = ls; i < at; i++) if (text.charCodeAt(i) !== CC_SPACE) return undefined;
    const indent = at - ls;
    const contentEnd = trimEnd(text, at, le);
    // The innermost open item whose content the line's indentation reaches (-1: none).
    let depth = open.length - 1;
    while (depth >= 0 && indent < open[depth].contentColumn) depth--;
    const content = listItemContentStart(text, at, le);
    if (content !== undefined && (depth < 0 ? indent === 0 : indent - open[depth].contentColumn <= 3)) {
      // An item line: a sibling of the open item at the same level, or the first item of a list
      // nested in the item it is indented into.
      const kind = markerKind(text, at, content);
      const sibling = open[depth + 1];
      if (sibling) {
        if (sibling.kind !== kind) return undefined;
      } else if (depth >= 0) {
        // A nested list interrupts the paragraph before it: an ordered one must start at 1.
        const ordered = kind === 46 || kind === 41;
        if (ordered && (text.charCodeAt(at) !== 49 || text.charCodeAt(at + 1) !== kind)) return undefined;
      }
      if (!flush() || mayStartBlock(text, content, contentEnd, true)) return undefined;
      open.length = depth + 1;
      open.push({ contentColumn: content - ls, kind });
      paragraphStart = content;
    } else {
      if (depth < 0 || indent !== open[depth].contentColumn) return undefined;
      if (afterBlank) {
        // A new paragraph in the item the line is indented into; items nested deeper are closed.
        if (!flush() || mayStartBlock(text, at, contentEnd, true)) return undefined;
        open.length = depth + 1;
        paragraphStart = at;
      } else {
        // A wrapped line of the innermost item's paragraph; trailing whitespace on the line before
        // could make a hard break.
        if (depth !== open.length - 1 || paragraphStart < 0 || !isLineBreakAt(text, paragraphEnd) || mayStartBlock(text, at, contentEnd, false))
          return undefined;
      }
    }
    paragraphEnd = contentEnd;
    afterBlank = false;
    ls = nextLineStart(text, le, end);
  }
  if (open.length === 0 || !flush()) return undefined;
  return out;
}

/**
 * A block quote of one paragraph: every line is `> ` and content, with no lazy lines and no
 * trailing whitespace before a line ending.
 */
function blockQuote(text: string, start: number, end: number, labels: LabelAssumptions | undefined): number[] | undefined {
  let ls = start;
  let contentStart = -1;
  let contentEnd = -1;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    if (firstNonSpace(text, ls, le) === le) break;
    const at = ls + 2;
    if (text.charCodeAt(ls) !== 62 || text.charCodeAt(ls + 1) !== CC_SPACE || at >= le) return undefined;
    const c = text.charCodeAt(at);
    if (c === CC_SPACE || c === CC_TAB) return undefined;
    if (contentStart >= 0 && !isLineBreakAt(text, contentEnd)) return undefined;
    if (mayStartBlock(text, at, le, contentStart < 0)) return undefined;
    if (contentStart < 0) contentStart = at;
    contentEnd = trimEnd(text, at, le);
    ls = nextLineStart(text, le, end);
  }
  if (contentStart < 0 || !isBlankUntil(text, ls, end)) return undefined;
  const out: number[] = [];
  return simpleInlineSegments(text, contentStart, contentEnd, out, labels) ? out : undefined;
}

/** A one-line footnote definition `[^label]: content` with simple inline content. */
function footnoteDefinition(text: string, start: number, end: number, firstEnd: number, notes: DefinitionUse): number[] | undefined {
  const close = footnoteCallEnd(text, start, firstEnd);
  if (close < 0 || text.charCodeAt(close + 1) !== 58 || text.charCodeAt(close + 2) !== CC_SPACE) return undefined;
  const content = firstNonSpace(text, close + 2, firstEnd);
  const contentEnd = trimEnd(text, content, firstEnd);
  if (content >= contentEnd || mayStartBlock(text, content, contentEnd, true) || !isBlankUntil(text, firstEnd, end)) return undefined;
  const out: number[] = [];
  if (!simpleInlineSegments(text, content, contentEnd, out, notes)) return undefined;
  const label = text.slice(start + 2, close);
  notes.declared.push({ key: '^' + normalizeLabel(label), declaration: `[^${label}]: x\n\n` });
  return out;
}

function isLineBreakAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === CC_LF || c === CC_CR;
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
function table(text: string, start: number, end: number, labels: LabelAssumptions | undefined): number[] | undefined {
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
        // Content must be set off by spaces from the pipes around it.
        if (text.charCodeAt(from - 1) !== CC_SPACE || text.charCodeAt(to) !== CC_SPACE) return undefined;
        if (!simpleInlineSegments(text, from, to, out, labels)) return undefined;
      }
    }
    row++;
    ls = nextLineStart(text, le, end);
  }
  if (row < 2 || !isBlankUntil(text, ls, end)) return undefined;
  return out;
}
