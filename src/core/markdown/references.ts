/**
 * Link reference definitions and footnote definitions are global to a note: `[text][label]` or
 * `[^1]` in one block parses differently depending on whether some other block defines the label.
 * A block parsed alone is therefore given minimal copies of the definitions it might use.
 */
import type { DeclaredLabel } from './remark';
import { normalizeLabel } from './syntax';

/**
 * Normalised labels that text[start, end) might refer to — the content of every `[…]` without a
 * nested bracket — or `'any'` when a label holds a backslash or a line ending, whose normalised form
 * cannot be read off the source this simply.
 */
export function referencedLabels(text: string, start: number, end: number): Set<string> | 'any' {
  const labels = new Set<string>();
  let open = -1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) open = i;
    else if (c === 93 && open >= 0) {
      const raw = text.slice(open + 1, i);
      if (/[\\\r\n]/.test(raw)) return 'any';
      const key = normalizeLabel(raw);
      labels.add(key);
      if (raw.startsWith('^')) labels.add('^' + normalizeLabel(raw.slice(1)));
      open = -1;
    }
  }
  return labels;
}

/** All definitions in a note, keyed by normalised label (first declaration wins, as in CommonMark). */
export class NoteDefinitions {
  private readonly byKey = new Map<string, string>();
  private sortedKeys: string | undefined;

  add(labels: readonly DeclaredLabel[]): void {
    for (const label of labels) {
      if (this.byKey.has(label.key)) continue;
      this.byKey.set(label.key, label.declaration);
      this.sortedKeys = undefined;
    }
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The declared labels, in a form that is equal for two notes exactly when their label sets are. */
  get signature(): string {
    this.sortedKeys ??= [...this.byKey.keys()].sort().join('\u0000');
    return this.sortedKeys;
  }

  /**
   * Declarations a block needs that it does not make itself, concatenated in a stable order so that
   * the same block with the same needs yields the same text (and cache entry).
   */
  declarationsFor(wanted: Set<string> | 'any', own: readonly DeclaredLabel[]): string {
    const ownKeys = new Set(own.map((l) => l.key));
    const keys: string[] = [];
    if (wanted === 'any') {
      for (const key of this.byKey.keys()) if (!ownKeys.has(key)) keys.push(key);
    } else {
      for (const key of wanted) if (this.byKey.has(key) && !ownKeys.has(key)) keys.push(key);
    }
    keys.sort();
    // Each declaration ends in a blank line, so none is read as the continuation of another.
    return keys.map((k) => this.byKey.get(k)!).join('');
  }
}
