/**
 * Bounded markdown: which blocks remark is not given, and how they are read instead.
 *
 * remark (micromark, then mdast) is super-linear on a few shapes of input that no real note has,
 * and runs out of stack on some of them: containers nested hundreds of levels deep, and inline
 * content full of delimiters that find nothing to pair with nearby. A block of that shape is read
 * as plain text (plainTextSegments): each line, less its container markers and heading `#`s, is
 * one prose segment, so its words are still checked. Whether a block has that shape is decided by
 * one linear scan (exceedsMarkdownBounds) before remark sees it.
 *
 * "Real markdown" below is 1 062 files (20 MB: package READMEs and changelogs, the Node.js docs,
 * this repository's examples), checked block by block against each limit divided by 2, 4, 8, 16.
 */
import { InlineCost } from './inlineCost';
import {
  cellCount,
  delimiterCells,
  isSpaceOrTab,
  CC_SPACE,
  CC_TAB,
  firstNonSpace,
  leafClosesOnLine,
  leafOpenerAt,
  lineEnd,
  nextLineStart,
  type OpenLeaf,
} from './syntax';

/**
 * The deepest container nesting given to remark. A line counts one level per `>` and per list marker
 * at its start, and one per two columns of indentation before such a marker (a nested list item is
 * indented by at least two). remark's time grows faster than the square of the depth (measured, one
 * line: 32 levels ≈ 1 ms, 128 ≈ 8 ms, 800 ≈ 0.3 s, 1 600 ≈ 1.7 s; `- ` items nested by indentation:
 * 100 levels 0.13 s, 600 levels 16 s) and it runs out of stack at a few thousand levels. Real
 * markdown nests at most 8 levels by this count; at 32, remark takes about a millisecond.
 */
export const MAX_CONTAINER_DEPTH = 32;

/** Whether the block text[start, end) is to be read as plain text rather than given to remark. */
export function exceedsMarkdownBounds(text: string, start = 0, end = text.length): boolean {
  const scan = new BlockScan(text, start);
  let ls = start;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    if (scan.line(ls, le)) return true;
    ls = nextLineStart(text, le, end);
  }
  return false;
}

/**
 * The plain-text reading of text[start, end), as flat [start, end, …] pairs: each line from after
 * its container markers (`>`, list markers) and ATX heading `#`s to its last non-space character.
 */
export function plainTextSegments(text: string, start = 0, end = text.length): number[] {
  const out: number[] = [];
  let ls = start < end && text.charCodeAt(start) === 0xfeff ? start + 1 : start;
  while (ls < end) {
    const le = lineEnd(text, ls, end);
    const from = skipHeadingMarker(text, readPrefix(text, ls, le).content, le);
    let to = le;
    while (to > from && isSpaceOrTab(text.charCodeAt(to - 1))) to--;
    if (from < to) out.push(from, to);
    ls = nextLineStart(text, le, end);
  }
  return out;
}

/** Past `#`…`######` and the spaces after it, when text[at, le) is an ATX heading. */
function skipHeadingMarker(text: string, at: number, le: number): number {
  let i = at;
  while (i < le && i - at < 7 && text.charCodeAt(i) === 35) i++;
  if (i === at || i - at > 6 || (i < le && !isSpaceOrTab(text.charCodeAt(i)))) return at;
  return firstNonSpace(text, i, le);
}

/** The container markers at the start of a line: how deep they may nest, and where content starts. */
interface LinePrefix {
  readonly depth: number;
  readonly content: number;
}

/**
 * Reads `>` markers and list markers from the start of the line. Whitespace before a marker counts
 * a level per two columns (a tab as four): it may continue list items opened on earlier lines.
 */
function readPrefix(text: string, ls: number, le: number): LinePrefix {
  let depth = 0;
  let i = ls;
  for (;;) {
    let columns = 0;
    while (i < le && isSpaceOrTab(text.charCodeAt(i))) columns += text.charCodeAt(i++) === CC_TAB ? 4 : 1;
    if (i >= le) return { depth, content: i };
    let after: number;
    if (text.charCodeAt(i) === 62) {
      after = text.charCodeAt(i + 1) === CC_SPACE ? i + 2 : i + 1;
    } else {
      after = listMarkerEnd(text, i, le);
      if (after < 0) return { depth, content: i };
    }
    depth += 1 + (columns >> 1);
    i = after;
  }
}

/** Offset just past a list marker (`-`, `+`, `*`, `1.`, `1)`) at `at`, if one is there (followed by whitespace or the line end), else -1. */
function listMarkerEnd(text: string, at: number, le: number): number {
  const c = text.charCodeAt(at);
  let i = at;
  if (c === 45 || c === 43 || c === 42) i++;
  else {
    while (i < le && i - at < 10 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const d = text.charCodeAt(i);
    if (i === at || i - at > 9 || (d !== 46 && d !== 41)) return -1;
    i++;
  }
  return i >= le || isSpaceOrTab(text.charCodeAt(i)) ? i : -1;
}

/** Whether the line is a thematic break (`- - -`, `***`): it nests nothing however many markers it has. */
function isThematicBreak(text: string, ls: number, le: number): boolean {
  const at = firstNonSpace(text, ls, le);
  const c = text.charCodeAt(at);
  if (c !== 45 && c !== 42 && c !== 95) return false;
  let count = 0;
  for (let i = at; i < le; i++) {
    const d = text.charCodeAt(i);
    if (d === c) count++;
    else if (!isSpaceOrTab(d)) return false;
  }
  return count >= 3;
}

/**
 * The scan of one block, line by line: the nesting depth of each line, and the delimiter cost of
 * each inline context, which ends for certain at a blank line, at a line of only `>` markers, at a
 * list item (see ListItems) and at each row of a table (see TableRows).
 */
class BlockScan {
  private readonly cost = new InlineCost();
  private readonly items = new ListItems();
  private readonly rows = new TableRows();
  private readonly leaves = new LeadingLeaves();
  private afterBlank = true;

  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.cost.reset(start);
  }

  /** Scans text[ls, le); true when the block is beyond the bounds. */
  line(ls: number, le: number): boolean {
    const text = this.text;
    const blank = firstNonSpace(text, ls, le) === le;
    if (this.leaves.covers(text, ls, le, blank)) return false;
    if (blank) {
      this.afterBlank = true;
      this.rows.blank();
      this.cost.reset(le);
      return false;
    }
    const prefix = readPrefix(text, ls, le);
    if (prefix.depth > MAX_CONTAINER_DEPTH && !isThematicBreak(text, ls, le)) return true;
    // Both trackers see every line, to keep their state.
    const row = this.rows.startsRow(text, ls, le, this.afterBlank);
    const item = this.items.startsItem(text, ls, le);
    if (row || item || isQuoteMarkersOnly(text, ls, le)) this.cost.reset(ls);
    this.afterBlank = false;
    return this.cost.line(text, prefix.content, le);
  }
}

/**
 * A line of only `>` markers, the first at most three spaces in: it opens or continues block quotes
 * with nothing in them, which ends any paragraph before it. (A line of only a list marker does not:
 * `1.` or `*` alone may continue a paragraph.)
 */
function isQuoteMarkersOnly(text: string, ls: number, le: number): boolean {
  const at = firstNonSpace(text, ls, le);
  if (at - ls > 3 || text.charCodeAt(at) !== 62) return false;
  for (let i = at; i < le; i++) {
    const c = text.charCodeAt(i);
    if (c !== 62 && !isSpaceOrTab(c)) return false;
  }
  return true;
}

/**
 * Code, math and HTML blocks that the scan is sure of, which hold no inline content to cost: those
 * opening where nothing else can be open, at the start of the block (every container is closed
 * there, see blocks.ts) or right after another such block, with blank lines in between.
 */
class LeadingLeaves {
  private clear = true;
  private leaf: OpenLeaf | undefined;
  private untilBlank = false;

  /** Whether the line is inside (or opens or closes) such a block. */
  covers(text: string, ls: number, le: number, blank: boolean): boolean {
    if (this.leaf) {
      if (leafClosesOnLine(this.leaf, text, ls, le)) this.leaf = undefined;
      return true;
    }
    if (this.untilBlank) {
      this.untilBlank = !blank;
      return !blank;
    }
    if (!this.clear || blank) return false;
    const at = firstNonSpace(text, ls, le);
    const opened = at - ls <= 3 ? leafOpenerAt(text, at, le) : undefined;
    if (opened) {
      if (!opened.closedOnSameLine) this.leaf = opened.leaf;
      return true;
    }
    if (at - ls <= 3 && opensHtmlBlockOfBlockTag(text, at, le)) {
      this.untilBlank = true;
      return true;
    }
    this.clear = false;
    return false;
  }
}

/** The block-level tag names of CommonMark HTML blocks of type 6 (as micromark lists them). */
const htmlBlockNames = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset ' +
    'figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu ' +
    'menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul'
  ).split(' '),
);

/** `<div`, `</td>`, `<table/>`…: an HTML block of type 6, which lasts until a blank line. */
function opensHtmlBlockOfBlockTag(text: string, at: number, le: number): boolean {
  if (text.charCodeAt(at) !== 60) return false;
  let i = at + 1;
  if (text.charCodeAt(i) === 47) i++;
  const nameStart = i;
  while (i < le && i - nameStart < 11 && isTagNameChar(text.charCodeAt(i))) i++;
  if (i === nameStart || !htmlBlockNames.has(text.slice(nameStart, i).toLowerCase())) return false;
  if (i >= le) return true;
  const c = text.charCodeAt(i);
  return isSpaceOrTab(c) || c === 62 || (c === 47 && text.charCodeAt(i + 1) === 62);
}

function isTagNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}

/** One list item still open, as far as the scan can be sure: where its content starts, its marker. */
interface OpenItem {
  readonly contentColumn: number;
  readonly kind: number;
}

/**
 * Finds the lines that start a list item for certain, so that each item's paragraph is costed on its
 * own. An item line interrupts any paragraph, but only when its marker is indented at most three
 * columns past the content of the item it is in (else it continues a paragraph or is code), and an
 * ordered marker only when it starts at 1 or follows a sibling. So this keeps the stack of items
 * known to be open, dropping every item that a less indented line may have closed. Items nested
 * four or more columns deep are trusted only until a line may open code, math or HTML, which could
 * hold lines that look like items.
 */
class ListItems {
  private readonly open: OpenItem[] = [];
  private opaque = false;

  startsItem(text: string, ls: number, le: number): boolean {
    let at = ls;
    while (at < le && text.charCodeAt(at) === CC_SPACE) at++;
    if (text.charCodeAt(at) === CC_TAB) {
      this.open.length = 0; // columns after a tab are not worth being exact about
      return false;
    }
    const columns = at - ls;
    const c = text.charCodeAt(at);
    if (c === 96 || c === 126 || c === 36 || c === 60) this.opaque = true;
    const sibling = this.closeBeyond(columns);
    const parent = this.open[this.open.length - 1];
    if (columns - (parent?.contentColumn ?? 0) > 3 || (columns > 3 && this.opaque)) return false;
    if (c === 62) return quotedItemStarts(text, at, le);
    // A thematic break ends the paragraph before it and opens nothing.
    if (isThematicBreak(text, at, le)) return true;
    const marker = itemMarker(text, at, le);
    if (!marker || !(marker.kind === 45 || marker.kind === 43 || marker.kind === 42 || marker.one || sibling?.kind === marker.kind)) return false;
    this.open.push({ contentColumn: columns + marker.width, kind: marker.kind });
    return true;
  }

  /** Drops the items whose content a line indented `columns` cannot continue; returns the outermost. */
  private closeBeyond(columns: number): OpenItem | undefined {
    let outermost: OpenItem | undefined;
    while (this.open.length > 0 && this.open[this.open.length - 1].contentColumn > columns) outermost = this.open.pop();
    return outermost;
  }
}

/**
 * A list item marker with content after it, at `at`: its kind (the bullet, or `.`/`)`), whether it
 * is the number 1, and the columns from the marker to the content. Spaces only, as in ListItems.
 */
function itemMarker(text: string, at: number, le: number): { kind: number; one: boolean; width: number } | undefined {
  const end = listMarkerEnd(text, at, le);
  if (end < 0) return undefined;
  let content = end;
  while (content < le && text.charCodeAt(content) === CC_SPACE) content++;
  if (content >= le || content === end || text.charCodeAt(content) === CC_TAB) return undefined;
  const spaces = content - end;
  const kind = text.charCodeAt(end - 1);
  return { kind, one: end - at === 2 && text.charCodeAt(at) === 49, width: end - at + (spaces > 4 ? 1 : spaces) };
}

/** `>` markers (each at most three spaces in) followed by a bullet item or an item numbered 1. */
function quotedItemStarts(text: string, at: number, le: number): boolean {
  let i = at;
  for (;;) {
    const from = i;
    while (i < le && text.charCodeAt(i) === CC_SPACE) i++;
    if (i - from > 3) return false;
    if (text.charCodeAt(i) !== 62) break;
    i++;
    if (text.charCodeAt(i) === CC_SPACE) i++;
  }
  const marker = itemMarker(text, i, le);
  return marker !== undefined && (marker.kind === 45 || marker.kind === 43 || marker.kind === 42 || marker.one);
}

/**
 * Finds the rows of GFM tables, each its own inline contexts (one per cell). Only a table whose
 * header starts a line with `|` after a blank line counts, with a delimiter row of as many cells
 * under it; its rows are the lines that start with `|` after at most three spaces.
 */
class TableRows {
  private headerCells = 0;
  private inTable = false;

  blank(): void {
    this.headerCells = 0;
    this.inTable = false;
  }

  startsRow(text: string, ls: number, le: number, afterBlank: boolean): boolean {
    let at = ls;
    while (at < le && at - ls < 3 && text.charCodeAt(at) === CC_SPACE) at++;
    const piped = text.charCodeAt(at) === 124;
    if (this.inTable) {
      if (piped) return true;
      this.inTable = false;
    }
    if (this.headerCells > 0 && piped && delimiterCells(text, at, le) === this.headerCells) {
      this.headerCells = 0;
      this.inTable = true;
      return true;
    }
    this.headerCells = afterBlank && piped && at === ls ? cellCount(text, at, le) : 0;
    return false;
  }
}
