import type { TextEdit } from '../core/types';
import { createLineIndex } from './positions';

/** `file:line:col: 'anastrazole' → 'anastrozole'`, one line per edit, positions in the old text. */
export function formatChanges(file: string, text: string, edits: readonly TextEdit[]): string {
  const lines = createLineIndex(text);
  let out = '';
  for (const edit of edits) {
    const { line, column } = lines.position(edit.start);
    out += `${file}:${line}:${column}: '${text.slice(edit.start, edit.end)}' → '${edit.newText}'\n`;
  }
  return out;
}
