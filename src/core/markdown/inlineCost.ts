/**
 * The inline half of bounded markdown: what pairing the delimiters of one paragraph, list item or
 * table row costs micromark, estimated in one pass, and the budgets past which a block is read as
 * plain text instead (see bounds.ts).
 */
import { CAN_CLOSE, CAN_OPEN, delimiterFlanks } from './inline';

/**
 * Budget for the scans micromark makes to pair delimiters within one inline context (a paragraph,
 * a list item's paragraph, a table row), in characters, as modelled by InlineCost: a closing `*`,
 * `_` or `~` run scans back to the opener it pairs with (and then re-resolves the span between), or
 * to the start of the context when none is left; a `]` scans back to its `[`; a code or math run
 * scans forward to the next run of its length. In prose a closer finds its opener a word or two
 * back and the total stays near the length of the text; `*_*_…`, nested emphasis or thousands of
 * unmatched closers make it quadratic. Measured on the largest inputs within this budget: nested
 * or mismatched emphasis (`*a **a …`, `*a_ *a_ …`, the costliest shapes) 45–60 ms; unmatched
 * closers, brackets, strikethrough and code runs 8–30 ms. Real markdown stays 16 times below it.
 */
export const MAX_DELIMITER_WORK = 1_000_000;

/**
 * A bound on the same scans that holds whatever pairs with what: every closing run and `]` scans
 * back to the start of its context, every code or math run and every `](` forward to its end. It
 * catches what the model behind MAX_DELIMITER_WORK misreads (delimiters inside code spans and
 * URLs) and failed link destinations (`[a]([a](…`, 40–50 ms at this budget). Only a context of
 * tens of kilobytes packed with delimiters reaches it; real markdown stays 2 times below it.
 */
export const MAX_DELIMITER_SCAN = 8_000_000;

/**
 * Budget for the tail moves micromark makes while tokenising one inline context, in characters: it
 * merges each run of adjacent text tokens with a splice that moves every token after it, so each
 * token boundary (a delimiter run, escape, entity, bracket, `<`, line ending) costs about the length
 * of the context after it. Memory moves are cheap (a few nanoseconds per character), but a context
 * of thousands of them is quadratic: 16 000 lines of `ab cd` in one paragraph take 1.7 s, 64 000
 * `a_b` 15 s. Measured on the largest inputs within this budget (18–25 kB of `a_b`, escapes,
 * entities or short lines): 50–90 ms, 160 ms inside a block quote, at most twice remark's time for
 * plain prose of that size. Prose reaches it only in a single paragraph of about 50 kB (hard-wrapped,
 * with no blank line); real markdown stays 16 times below it.
 */
export const MAX_TOKEN_SHIFT = 40_000_000;

/** An opening run of `*`, `_` or `~` that no closer has used up yet. */
interface Opener {
  readonly at: number;
  size: number;
  readonly canClose: boolean;
}

const STAR = 0;
const UNDERSCORE = 1;
const TILDE = 2;

/**
 * What pairing the delimiters of one inline context costs micromark, in characters scanned.
 *
 * micromark pairs emphasis (and GFM strikethrough) after tokenising: each closing run scans back
 * through the context to the nearest opener it can pair with; finding one, it re-resolves the span
 * in between and removes the openers inside it; finding none, it has scanned to the start. A `]`
 * scans back to the nearest `[`. `work` follows that with a stack of openers per marker, charging
 * the full scan to the start whenever the rule of three (or a tilde run of another size) could make
 * micromark pass an opener by, and then forgetting all openers (one further back may pair and remove
 * them). `scan` charges every closer the scan to the start and every code or math run and `](` the
 * scan to the end, whatever pairs: it holds where `work` is misled by delimiters inside code spans.
 */
export class InlineCost {
  private from = 0;
  private work = 0;
  private backward = 0;
  private forwardRuns = 0;
  private forwardFrom = 0;
  private boundaries = 0;
  private boundariesFrom = 0;
  /** Code and math runs by marker and length: where the last one is, which no later run has closed yet. */
  private readonly spans = new Map<number, number>();
  private spansFrom = 0;
  private readonly openers: Opener[][] = [[], [], []];
  private readonly brackets: number[] = [];

  reset(at: number): void {
    this.from = at;
    this.work = this.backward = this.forwardRuns = this.forwardFrom = this.boundaries = this.boundariesFrom = this.spansFrom = 0;
    this.spans.clear();
    for (const stack of this.openers) stack.length = 0;
    this.brackets.length = 0;
  }

  private exceeds(end: number): boolean {
    return (
      this.work + this.spans.size * end - this.spansFrom > MAX_DELIMITER_WORK ||
      this.backward + this.forwardRuns * end - this.forwardFrom > MAX_DELIMITER_SCAN ||
      this.boundaries * end - this.boundariesFrom > MAX_TOKEN_SHIFT
    );
  }

  /**
   * Adds the content text[from, to) of one line; true when the context is now over budget (checked
   * at each delimiter, so that one long line is not scanned to its end for nothing).
   */
  line(text: string, from: number, to: number): boolean {
    this.boundary(from); // the line ending before it, or the start of the context
    let i = from;
    while (i < to) {
      if (this.work > MAX_DELIMITER_WORK) return true;
      const c = text.charCodeAt(i);
      if (!isTokenStart(c)) {
        i++;
        continue;
      }
      this.boundary(i);
      if (c === 92) {
        i += 2; // an escape: the next character is literal (or a hard break)
      } else if (c === 42 || c === 95 || c === 126) {
        const n = runLength(text, i, to, c);
        if (c !== 126 || n <= 2) this.delimiterRun(c === 42 ? STAR : c === 95 ? UNDERSCORE : TILDE, text, i, n, from, to);
        i += n;
      } else if (c === 96 || c === 36) {
        const n = runLength(text, i, to, c);
        this.codeRun(c * 1_000_000 + n, i);
        i += n;
      } else {
        if (c === 91) this.brackets.push(i);
        else if (c === 93) this.closeBracket(text, i);
        i++;
      }
    }
    return this.exceeds(to);
  }

  /**
   * A run of backticks (code) or dollars (math) opens a span that micromark closes at the next run of
   * the same length, scanning forward to it, or to the end of the context when there is none: each
   * run is charged that scan, which bounds what micromark does whichever runs open spans.
   */
  private codeRun(key: number, at: number): void {
    this.forward(at);
    const last = this.spans.get(key);
    if (last !== undefined) {
      this.work += at - last;
      this.spansFrom -= last;
    }
    this.spans.set(key, at);
    this.spansFrom += at;
  }

  private boundary(at: number): void {
    this.boundaries++;
    this.boundariesFrom += at;
  }

  private forward(at: number): void {
    this.forwardRuns++;
    this.forwardFrom += at;
  }

  private delimiterRun(kind: number, text: string, at: number, size: number, from: number, to: number): void {
    const flanks = delimiterFlanks(text, at, size, kind === UNDERSCORE ? 95 : 42, from, to);
    const canOpen = (flanks & CAN_OPEN) !== 0;
    const canClose = (flanks & CAN_CLOSE) !== 0;
    let left = size;
    if (canClose) {
      this.backward += at - this.from;
      left = this.close(kind, at, size, canOpen);
    }
    if (canOpen && left > 0) this.openers[kind].push({ at, size: left, canClose });
  }

  /** Pairs a closing run with the openers before it; returns what is left of it. */
  private close(kind: number, at: number, size: number, canOpen: boolean): number {
    const stack = this.openers[kind];
    let left = size;
    while (left > 0) {
      const top = stack[stack.length - 1];
      if (!top || !pairs(kind, top, left, canOpen)) {
        this.work += at - this.from;
        if (top) for (const s of this.openers) s.length = 0;
        return left;
      }
      this.work += 2 * (at - top.at);
      const use = kind === TILDE ? left : top.size > 1 && left > 1 ? 2 : 1;
      top.size -= use;
      left -= use;
      if (top.size === 0) stack.pop();
      this.dropOpenersAfter(top.at);
    }
    return 0;
  }

  private closeBracket(text: string, at: number): void {
    this.backward += at - this.from;
    if (text.charCodeAt(at + 1) === 40) this.forward(at);
    const open = this.brackets.pop();
    if (open === undefined) {
      this.work += at - this.from;
      return;
    }
    this.work += at - open;
    // Emphasis inside link text is resolved with the link; what is left there pairs with nothing outside.
    this.dropOpenersAfter(open);
  }

  private dropOpenersAfter(at: number): void {
    for (const stack of this.openers) {
      while (stack.length > 0 && stack[stack.length - 1].at > at) stack.pop();
    }
  }
}

/** Characters that start an inline token other than text: escapes, delimiters, code, math, brackets, `!`, `<`, `&`. */
function isTokenStart(c: number): boolean {
  return c === 92 || c === 42 || c === 95 || c === 126 || c === 96 || c === 36 || c === 91 || c === 93 || c === 33 || c === 60 || c === 38;
}

/** Whether micromark pairs a closing run of `size` with the opener (the rule of three for emphasis; equal sizes for strikethrough). */
function pairs(kind: number, opener: Opener, size: number, closerCanOpen: boolean): boolean {
  if (kind === TILDE) return opener.size === size;
  return !((opener.canClose || closerCanOpen) && size % 3 !== 0 && (opener.size + size) % 3 === 0);
}

function runLength(text: string, from: number, to: number, code: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) === code) i++;
  return i - from;
}
