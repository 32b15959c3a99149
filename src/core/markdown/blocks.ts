/**
 * Splits a markdown note into top-level blocks that remark can parse one at a time with the same
 * result as parsing the whole note.
 *
 * A split goes before a line that follows one or more blank lines and starts in column 0 (no
 * indentation). At such a line CommonMark has closed every container: a block quote ends at a blank
 * line, and a list item or footnote definition continues past a blank line only with an indented
 * line. So the only thing still open can be a top-level leaf that ignores blank lines: a fenced code
 * block, a `$$` math block, an HTML block of types 1–5, or front matter. The scanner tracks those.
 *
 * What the scanner cannot know for certain is whether an opener indented by 1–3 columns belongs to a
 * list item (`- a\n\n  ```…`) or to the top level, and whether a line that would open one is swallowed
 * by an HTML block of type 6/7. Then it marks its state unknown and, at the next candidate split,
 * asks `tailOf` — a real parse of the block so far — whether a top-level construct is still open.
 */
import {
  CC_TAB,
  firstNonSpace,
  frontMatterEnd,
  indentOf,
  isListMarkerAt,
  leafClosesOnLine,
  leafOpenerAt,
  lineEnd,
  mayOpenHtmlBlockUntilBlank,
  nextLineStart,
  type OpenLeaf,
} from './syntax';

/** Answers, from a parse of text[start, end), which top-level construct is open at its end. */
export type TailOracle = (start: number, end: number) => OpenLeaf | undefined;

export interface SplitOptions {
  /** Where to start: 0, or the start of a block found by an earlier split of text that agrees up to there. */
  readonly from?: number;
  /**
   * Called at each split point; returning true stops the scan there (the caller already knows the
   * blocks from that point on: a split point leaves no state behind, so what follows depends only
   * on the text that follows).
   */
  readonly stopAt?: (offset: number) => boolean;
}

export interface SplitResult {
  /** Block start offsets, ascending, beginning with `from`. */
  readonly starts: number[];
  /** The split point where `stopAt` returned true (not included in `starts`), if it did. */
  readonly stoppedAt: number | undefined;
}

/**
 * The blocks of `text` from `from` on: block i spans [starts[i], starts[i + 1]) and the last block
 * runs to the end of the text (or to `stoppedAt`).
 */
export function splitBlocks(text: string, tailOf: TailOracle, options: SplitOptions = {}): SplitResult {
  const limit = text.length;
  const from = options.from ?? 0;
  const starts: number[] = [from];
  let blockStart = from;
  let ls = from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : from;

  let leaf: OpenLeaf | undefined;
  let inFrontMatterUntil = -1;
  /** Nothing is known about what is open (an ambiguous opener was seen). */
  let unknown = false;
  /** An HTML block of type 6/7 may be open until the next blank line. */
  let htmlUntilBlank = false;
  /** A line in this block started with a list marker, so an indented line may be inside a list item. */
  let listSeen = false;
  let afterBlank = false;
  /** The last line that was not blank was indented by 4 or more columns (maybe indented code). */
  let lastIndented = false;

  const fm = from === 0 ? frontMatterEnd(text, ls) : undefined;
  if (fm !== undefined) inFrontMatterUntil = fm;

  while (ls < limit) {
    const le = lineEnd(text, ls, limit);
    const next = nextLineStart(text, le, limit);
    if (ls < inFrontMatterUntil) {
      ls = next;
      continue;
    }
    if (leaf) {
      if (leafClosesOnLine(leaf, text, ls, le)) leaf = undefined;
      lastIndented = false;
      ls = next;
      continue;
    }
    const at = firstNonSpace(text, ls, le);
    if (at === le) {
      afterBlank = true;
      htmlUntilBlank = false;
      ls = next;
      continue;
    }
    const c = text.charCodeAt(ls);
    const indent = indentOf(text, ls, at);
    const followsIndented = lastIndented;
    lastIndented = indent > 3;
    // micromark still counts top-level indented code as the current construct after the blank lines
    // that follow it, so a list item that may not interrupt a paragraph (`2)`, an empty `-`, also
    // inside a block quote: `> *`) is a paragraph there. Whatever follows indented code therefore
    // stays in the block with the code: rare in notes, and never wrong.
    const inheritsInterrupt = followsIndented;
    if (afterBlank && c !== 32 && c !== CC_TAB && !inheritsInterrupt) {
      // A candidate split: only a top-level open leaf could continue into this line.
      let open: OpenLeaf | undefined;
      if (unknown) open = tailOf(blockStart, ls);
      if (open) {
        leaf = open;
        unknown = false;
        afterBlank = false;
        if (leafClosesOnLine(leaf, text, ls, le)) leaf = undefined;
        ls = next;
        continue;
      }
      if (options.stopAt?.(ls)) return { starts, stoppedAt: ls };
      starts.push(ls);
      blockStart = ls;
      unknown = false;
      htmlUntilBlank = false;
      listSeen = false;
    }
    afterBlank = false;
    if (unknown) {
      ls = next;
      continue;
    }
    if (indent > 3) {
      ls = next;
      continue;
    }
    const opened = leafOpenerAt(text, at, le);
    if (opened) {
      // An indented opener after a list marker may sit inside the list item; one after a possible
      // HTML block of type 6/7 may be part of it.
      if (htmlUntilBlank || (indent > 0 && listSeen)) unknown = true;
      else if (!opened.closedOnSameLine) leaf = opened.leaf;
    } else if (mayOpenHtmlBlockUntilBlank(text, at, le)) {
      htmlUntilBlank = true;
    } else if (isListMarkerAt(text, at, le)) {
      listSeen = true;
    }
    ls = next;
  }
  return { starts, stoppedAt: undefined };
}
