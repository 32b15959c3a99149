/**
 * Tagged spans with their brackets balanced. Names hold brackets in pairs ('IL-2 receptor (IL-2R)',
 * 'Ca(2+)', '[3H]spiperone'), as the annotators' spans do, but the tagger decides token by token
 * and sometimes stops between the two ('human PKR(1-551', 'IL-2R)'). A span that opens a bracket
 * it does not close loses the opening bracket at its start ('(Ras and Raf)' names Ras), or is
 * extended to the closing bracket when that follows within a few characters, else cut before the
 * opening one; a span that closes a bracket it did not open loses the closing bracket at its end
 * ('(IL-2R)'), or is extended back to the opening one just before it ('[3H]spiperone').
 */
import type { OffsetRange } from '../types';

/** How far past a span (or before it) its bracket's partner may be for the span to take it in. */
const partnerReach = 24;

const closerOf: Record<string, string> = { '(': ')', '[': ']' };
const openerOf: Record<string, string> = { ')': '(', ']': '[' };

/**
 * Where the bracket at `at` is matched, walking forward from an opener (`step` 1) or back from a
 * closer (`step` -1) no further than `limit`; -1 if not there, or if a line ends first.
 */
function matchingAt(text: string, at: number, limit: number, step: 1 | -1): number {
  // Forward, openers nest and closers match; backward, the other way round.
  const [nests, matches] = step > 0 ? [closerOf, openerOf] : [openerOf, closerOf];
  const stack = [text[at]];
  for (let i = at + step; step > 0 ? i < limit : i >= limit; i += step) {
    const c = text[i];
    if (c === '\n') return -1;
    if (c in nests) stack.push(c);
    else if (c in matches) {
      if (stack[stack.length - 1] !== matches[c]) return -1;
      stack.pop();
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

/** Where the bracket opened at `at` closes, looking no further than `limit`; -1 if not there. */
const closingAt = (text: string, at: number, limit: number): number => matchingAt(text, at, limit, 1);
/** Where the bracket closed at `at` opens, looking no further back than `limit`; -1 if not there. */
const openingAt = (text: string, at: number, limit: number): number => matchingAt(text, at, limit, -1);

function trimmed<S extends OffsetRange>(text: string, span: S, start: number, end: number): S | undefined {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end <= start) return undefined;
  return start === span.start && end === span.end ? span : { ...span, start, end };
}

/** The span with its brackets balanced (see the module's comment); undefined when nothing is left. */
export function withBalancedBrackets<S extends OffsetRange>(text: string, span: S): S | undefined {
  let { start, end } = span;
  for (let round = 0; round < 4; round++) {
    const open: number[] = [];
    let unmatchedCloser = -1;
    for (let i = start; i < end; i++) {
      const c = text[i];
      if (c in closerOf) open.push(i);
      else if (c in openerOf) {
        if (open.length > 0 && text[open[open.length - 1]] === openerOf[c]) open.pop();
        else {
          unmatchedCloser = i;
          break;
        }
      }
    }
    if (unmatchedCloser >= 0) {
      const opening = unmatchedCloser === end - 1 ? -1 : openingAt(text, unmatchedCloser, Math.max(0, start - partnerReach));
      if (opening >= 0 && opening < start) start = opening;
      else if (unmatchedCloser === end - 1) end = unmatchedCloser;
      else if (unmatchedCloser === start) start = unmatchedCloser + 1;
      else end = unmatchedCloser;
      continue;
    }
    // A name is never wholly in brackets: '[IL-1]' is IL-1.
    if (open.length === 0 && text[start] in closerOf && closingAt(text, start, end) === end - 1) {
      start++;
      end--;
      continue;
    }
    if (open.length > 0) {
      const first = open[0];
      const closing = first === start ? -1 : closingAt(text, first, Math.min(text.length, end + partnerReach));
      if (closing >= end) end = closing + 1;
      else if (first === start) start = first + 1;
      else end = first;
      continue;
    }
    break;
  }
  return trimmed(text, span, start, end);
}
