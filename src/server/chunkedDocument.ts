import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * An open document that takes an edit in time proportional to its line count, not its size.
 *
 * The stock TextDocument rebuilds its text as `before + inserted + after` on every change and
 * then reads a character of it, which makes V8 flatten the whole string: a 1 MB note costs
 * milliseconds per keystroke, and a burst of 1,000 edits kept the server busy for seconds before
 * it could even start the analysis. Here the text lives in chunks of a few kilobytes; an edit
 * rewrites one or two chunks and patches the line starts near it, and the whole text is joined
 * only when someone asks for it (once per analysis or request, then cached).
 */
export class ChunkedTextDocument implements TextDocument {
  private chunks: string[];
  private length: number;
  /** Offsets where lines start; lineStarts[0] is 0. */
  private lineStarts: number[];
  private joined: string | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
  ) {
    this.chunks = splitIntoChunks(text);
    this.length = text.length;
    this.lineStarts = [0].concat(lineStartsOf(text, 0, text.length, 0));
    this.joined = text;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  getText(range?: Range): string {
    this.joined ??= this.chunks.join('');
    if (!range) return this.joined;
    return this.joined.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.length));
    const line = lastAtOrBefore(this.lineStarts, at);
    return { line, character: this.beforeLineBreak(at, this.lineStarts[line]) - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.length;
    if (position.line < 0) return 0;
    const lineStart = this.lineStarts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.length;
    return this.beforeLineBreak(Math.min(lineStart + position.character, next), lineStart);
  }

  /** Applies the changes in order, as LSP's incremental sync sends them. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change) this.replace(this.offsetAt(change.range.start), this.offsetAt(change.range.end), change.text);
      else this.replaceAll(change.text);
    }
    this.version = version;
  }

  private replaceAll(text: string): void {
    this.chunks = splitIntoChunks(text);
    this.length = text.length;
    this.lineStarts = [0].concat(lineStartsOf(text, 0, text.length, 0));
    this.joined = text;
  }

  private replace(start: number, end: number, text: string): void {
    const from = Math.min(start, end);
    const to = Math.max(start, end);
    this.replaceChars(from, to, text);
    this.joined = undefined;
    this.patchLineStarts(from, to, text.length);
  }

  /** Rewrites the chunks that hold [from, to); the result is split again if it grew large. */
  private replaceChars(from: number, to: number, text: string): void {
    let first = 0;
    let firstStart = 0;
    while (first < this.chunks.length - 1 && firstStart + this.chunks[first].length < from) firstStart += this.chunks[first++].length;
    let last = first;
    let lastStart = firstStart;
    while (last < this.chunks.length - 1 && lastStart + this.chunks[last].length < to) lastStart += this.chunks[last++].length;
    const before = (this.chunks[first] ?? '').slice(0, from - firstStart);
    const after = (this.chunks[last] ?? '').slice(to - lastStart);
    const merged = splitIntoChunks(before + text + after).filter((c) => c !== '');
    this.chunks = this.chunks.slice(0, first).concat(merged, this.chunks.slice(last + 1));
    if (this.chunks.length === 0) this.chunks = [''];
    this.length += text.length - (to - from);
  }

  /**
   * Line starts after replacing [from, to) by `inserted` characters. Starts before the edited
   * line are kept; from there to the first old start whose two preceding characters the edit did
   * not touch (so `\r\n` pairs cannot change across it), the new text is scanned; the rest shift.
   */
  private patchLineStarts(from: number, to: number, inserted: number): void {
    const delta = inserted - (to - from);
    const old = this.lineStarts;
    const keep = Math.max(0, lastAtOrBefore(old, from) - 1);
    let resume = keep + 1;
    while (resume < old.length && old[resume] < to + 2) resume++;
    const scanFrom = old[keep];
    const scanTo = resume < old.length ? old[resume] + delta : this.length;
    // One character past the region, so a '\r' at its end sees whether '\n' follows.
    const region = this.slice(scanFrom, Math.min(scanTo + 1, this.length));
    const hasTail = resume < old.length;
    // The tail supplies the start at scanTo itself; without a tail, a break at the very end starts an empty last line.
    const middle = lineStartsOf(region, 0, scanTo - scanFrom, scanFrom).filter((s) => s < scanTo || !hasTail);
    const tail = old.slice(resume);
    for (let i = 0; i < tail.length; i++) tail[i] += delta;
    this.lineStarts = old.slice(0, keep + 1).concat(middle, tail);
  }

  /** Moves an offset back over line-break characters, but not before the line's start. */
  private beforeLineBreak(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart && isLineBreak(this.charCodeAt(at - 1))) at--;
    return at;
  }

  /** text[from, to) read from the chunks, without joining them all. */
  private slice(from: number, to: number): string {
    if (this.joined !== undefined) return this.joined.slice(from, to);
    const parts: string[] = [];
    let start = 0;
    for (const chunk of this.chunks) {
      const end = start + chunk.length;
      if (end > from && start < to) parts.push(chunk.slice(Math.max(0, from - start), Math.min(chunk.length, to - start)));
      if (end >= to) break;
      start = end;
    }
    return parts.join('');
  }

  private charCodeAt(offset: number): number {
    if (this.joined !== undefined) return this.joined.charCodeAt(offset);
    let start = 0;
    for (const chunk of this.chunks) {
      if (offset < start + chunk.length) return chunk.charCodeAt(offset - start);
      start += chunk.length;
    }
    return NaN;
  }
}

/** What TextDocuments needs to create and update ChunkedTextDocuments. */
export const chunkedDocuments = {
  create: (uri: string, languageId: string, version: number, content: string): ChunkedTextDocument =>
    new ChunkedTextDocument(uri, languageId, version, content),
  update: (document: ChunkedTextDocument, changes: TextDocumentContentChangeEvent[], version: number): ChunkedTextDocument => {
    document.update(changes, version);
    return document;
  },
};

/** Chunk size: an edit copies about this much text, and joining touches this many pieces per MB. */
const chunkLength = 4096;

function splitIntoChunks(text: string): string[] {
  if (text.length <= 2 * chunkLength) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += chunkLength) out.push(text.slice(i, i + chunkLength));
  return out;
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

/** Offsets in (from, to] where a line starts after a break in text[from, to), shifted by `shift`. */
function lineStartsOf(text: string, from: number, to: number, shift: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      out.push(i + 1 + shift);
    } else if (c === 10) out.push(i + 1 + shift);
  }
  return out;
}

/** Index of the last element ≤ target in an ascending array that starts with 0. */
function lastAtOrBefore(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (values[mid] <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
