import type { TextEdit } from '../core/types';

/**
 * Unified diffs of a text and edits to it, as `diff -u` and `git diff` print them, so `patch -p1`
 * or `git apply` can take the output of `biolens check --fix-dry-run`. Lines end at '\n' as
 * those tools count them: a '\r' before it stays part of the line, so CRLF notes diff as CRLF.
 */

/** Lines of context around each change. */
export const contextLines = 3;

/** Start offset of each '\n'-ended line, plus the text's length as a sentinel. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  if (starts.at(-1) !== text.length) starts.push(text.length);
  return starts;
}

/** The 0-based line holding an offset (the last line for the end of the text). */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Lines of a piece of text, each with its '\n' (the last may have none). */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    out.push(text.slice(from, at + 1));
    from = at + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/** A run of old lines [first, last] replaced as a whole by newLines. */
interface Change {
  first: number;
  last: number;
  newLines: string[];
}

/** The old lines [first, last] with the edits applied (edits are in them, in order). */
function editedRegion(text: string, starts: readonly number[], first: number, last: number, edits: readonly TextEdit[]): string {
  const from = starts[first];
  const parts: string[] = [];
  let at = from;
  for (const edit of edits) {
    parts.push(text.slice(at, edit.start), edit.newText);
    at = edit.end;
  }
  parts.push(text.slice(at, starts[last + 1]));
  return parts.join('');
}

/**
 * The changed line runs, in order: the lines the edits touch, joined when they share a line, and
 * extended while the new text does not end a line (it then runs into the next one), so the lines
 * after a run are the same in the old text and the new.
 */
function changes(text: string, starts: readonly number[], edits: readonly TextEdit[]): Change[] {
  if (text === '') return [{ first: 0, last: -1, newLines: splitLines(edits.map((e) => e.newText).join('')) }];
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  const lineCount = starts.length - 1;
  const out: Change[] = [];
  let next = 0;
  while (next < sorted.length) {
    const first = lineOf(starts, sorted[next].start);
    let last = first;
    const taken: TextEdit[] = [];
    for (;;) {
      for (; next < sorted.length && lineOf(starts, sorted[next].start) <= last; next++) {
        const edit = sorted[next];
        taken.push(edit);
        last = Math.max(last, lineOf(starts, Math.max(edit.start, edit.end - 1)));
      }
      const region = editedRegion(text, starts, first, last, taken);
      if (region === '' || region.endsWith('\n') || last + 1 >= lineCount) {
        out.push({ first, last, newLines: splitLines(region) });
        break;
      }
      last++;
    }
  }
  return out;
}

/** Changes whose context would touch or overlap go in one hunk. */
function hunks(all: readonly Change[]): Change[][] {
  const out: Change[][] = [];
  for (const change of all) {
    const current = out.at(-1);
    if (current && change.first - current[current.length - 1].last - 1 <= 2 * contextLines) current.push(change);
    else out.push([change]);
  }
  return out;
}

/** One diff line: its mark and text, and git's marker when the file's last line has no '\n'. */
function diffLine(mark: ' ' | '-' | '+', line: string): string {
  return line.endsWith('\n') ? `${mark}${line}` : `${mark}${line}\n\\ No newline at end of file\n`;
}

/** `-a,b`: a 1-based start and a count; an empty range starts at the line before it, as diff -u prints. */
function range(start: number, count: number): string {
  return `${count === 0 ? start : start + 1},${count}`;
}

/**
 * A unified diff of `text` and `text` with `edits` applied (non-overlapping), under the
 * headers `--- a/file` and `+++ b/file`; '' when nothing changes.
 */
export function unifiedDiff(file: string, text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return '';
  const starts = lineStarts(text);
  const oldLines = splitLines(text);
  let out = `--- a/${file}\n+++ b/${file}\n`;
  // How many lines the new text has gained before the current hunk.
  let shift = 0;
  for (const hunk of hunks(changes(text, starts, edits))) {
    const from = Math.max(0, hunk[0].first - contextLines);
    const to = Math.min(oldLines.length - 1, hunk[hunk.length - 1].last + contextLines);
    let body = '';
    let newCount = 0;
    let line = from;
    for (const change of hunk) {
      for (; line < change.first; line++, newCount++) body += diffLine(' ', oldLines[line]);
      for (; line <= change.last; line++) body += diffLine('-', oldLines[line]);
      for (const added of change.newLines) body += diffLine('+', added);
      newCount += change.newLines.length;
    }
    for (; line <= to; line++, newCount++) body += diffLine(' ', oldLines[line]);
    const oldCount = to - from + 1;
    out += `@@ -${range(from, oldCount)} +${range(from + shift, newCount)} @@\n${body}`;
    shift += newCount - oldCount;
  }
  return out;
}
