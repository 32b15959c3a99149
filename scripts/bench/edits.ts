/**
 * A note as an editor client holds it, for driving the language server with incremental edits:
 * the text as lines (so a one-character edit costs one short string, not a copy of 1 MB), the
 * current version, and the didChange notification of each edit.
 */
import type { SeededRandom } from './generate';

export interface Position {
  line: number;
  character: number;
}

/** The params of one incremental textDocument/didChange notification. */
export interface DidChangeParams {
  textDocument: { uri: string; version: number };
  contentChanges: { range: { start: Position; end: Position }; text: string }[];
}

const letters = 'abcdefghijklmnopqrstuvwxyz';
const isLetter = (char: string) => /[A-Za-z]/.test(char);

export class EditableNote {
  private lines: string[];
  /** Lines holding at least one letter: where edits and hovers go. */
  private readonly wordLines: number[];
  version: number;

  constructor(
    readonly uri: string,
    text: string,
    version = 1,
  ) {
    this.lines = text.split('\n');
    this.version = version;
    // Edits only touch letters, so the set of lines with letters never changes.
    this.wordLines = this.lines.flatMap((line, index) => (/[A-Za-z]/.test(line) ? [index] : []));
    if (this.wordLines.length === 0) throw new Error(`${uri} has no letters to edit`);
  }

  get text(): string {
    return this.lines.join('\n');
  }

  /** The textDocument/didOpen params of the current text and version. */
  didOpen(): { textDocument: { uri: string; languageId: string; version: number; text: string } } {
    return { textDocument: { uri: this.uri, languageId: 'markdown', version: this.version, text: this.text } };
  }

  /** A position on a letter somewhere in the note (a word to hover, or a spot to type at). */
  randomLetter(random: SeededRandom): Position {
    for (;;) {
      const line = random.pick(this.wordLines);
      const text = this.lines[line];
      const character = random.integer(0, text.length - 1);
      if (isLetter(text[character])) return { line, character };
    }
  }

  /**
   * Applies a one-character edit at a scattered position and returns its didChange params, as a
   * new version: half of the edits (at random) insert a letter, the others delete one. Only
   * letters are touched, so the markdown structure (fences, tables, front matter) stays as it was
   * and the last version costs the server about what the first did.
   */
  randomEdit(random: SeededRandom): DidChangeParams {
    const at = this.randomLetter(random);
    const line = this.lines[at.line];
    let change: DidChangeParams['contentChanges'][number];
    // Never delete a line's last letter: the line must keep one for wordLines to stay true.
    const letterCount = line.split('').filter(isLetter).length;
    if (random.chance(0.5) || letterCount <= 1) {
      const letter = random.pick([...letters]);
      this.lines[at.line] = line.slice(0, at.character) + letter + line.slice(at.character);
      change = { range: { start: at, end: at }, text: letter };
    } else {
      this.lines[at.line] = line.slice(0, at.character) + line.slice(at.character + 1);
      change = { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
    }
    this.version++;
    return { textDocument: { uri: this.uri, version: this.version }, contentChanges: [change] };
  }

  /** The position of the first occurrence of `needle`, for hovering a known word. */
  positionOf(needle: string): Position {
    for (let line = 0; line < this.lines.length; line++) {
      const character = this.lines[line].indexOf(needle);
      if (character >= 0) return { line, character };
    }
    throw new Error(`'${needle}' is not in ${this.uri}`);
  }
}
