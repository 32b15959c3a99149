/**
 * Maps UTF-16 offsets of a document to 1-based line and column numbers, the way editors and
 * SARIF count them: a column is the UTF-16 code-unit offset within its line plus one, and
 * `\r\n`, `\n` and `\r` each end a line (as in LSP).
 */
export interface LineColumn {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in UTF-16 code units. */
  readonly column: number;
}

export interface LineIndex {
  position(offset: number): LineColumn;
}

export function createLineIndex(text: string): LineIndex {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      lineStarts.push(i + 1);
    } else if (ch === 0x0a) {
      lineStarts.push(i + 1);
    }
  }
  return {
    position(offset: number): LineColumn {
      const clamped = Math.max(0, Math.min(offset, text.length));
      // The last line start that is <= the offset.
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (lineStarts[mid] <= clamped) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: clamped - lineStarts[low] + 1 };
    },
  };
}
