import type { OffsetRange } from '../types';

/**
 * Where a note's new version differs from the one before: the two share their first `prefix`
 * characters and their last `suffix` characters, and everything between is the edit.
 */
export interface NoteEdit {
  readonly before: string;
  readonly prefix: number;
  readonly suffix: number;
}

/** Characters compared at once while looking for where two versions part: a native comparison of slices. */
const compareBlock = 4096;

/** The edit that turns `before` into `after` (one stretch that covers every change). */
export function noteEdit(before: string, after: string): NoteEdit {
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix + compareBlock <= limit && before.slice(prefix, prefix + compareBlock) === after.slice(prefix, prefix + compareBlock)) prefix += compareBlock;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const suffixLimit = limit - prefix;
  while (
    suffix + compareBlock <= suffixLimit &&
    before.slice(before.length - suffix - compareBlock, before.length - suffix) === after.slice(after.length - suffix - compareBlock, after.length - suffix)
  )
    suffix += compareBlock;
  while (suffix < suffixLimit && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { before, prefix, suffix };
}

/** Which runs of a new version are runs of the previous one (see KeptRuns.match). */
export interface RunMatch<V = unknown> {
  /** The values kept for the previous version's runs, as they were when matched (a later keep does not change them). */
  readonly kept: readonly V[];
  /** Per run of the new version, the index of the same run in the previous version, or -1. */
  readonly previous: Int32Array;
  /** The previous version's runs no run of the new version is (the edit removed or changed them). */
  readonly gone: readonly number[];
}

/**
 * Something kept per run of prose from one version of a note to the next, found again by where
 * the run is rather than by its text: a run wholly before the edit is at the same offsets, one
 * wholly after it at offsets moved by the edit's change of length, and such a run has the same
 * text as before, hence the same value. So an edit costs a walk over the runs' offsets plus the
 * runs it touched, not a look-up of every run's text (a 1 MB note has thousands). A run in the
 * edited stretch is looked up by its text among the previous version's runs in that stretch (a
 * paragraph moved, or typed again).
 */
export class KeptRuns<V> {
  private text = '';
  private segments: readonly OffsetRange[] = [];
  private kept: readonly V[] = [];

  /** The values last kept: a match's `kept` is these while nothing was kept since. */
  get values(): readonly V[] {
    return this.kept;
  }

  /** Which runs of this version (the note's segments) are runs of the version last kept. */
  match(text: string, segments: readonly OffsetRange[], edit?: NoteEdit): RunMatch<V> {
    const old = this.segments;
    const previous = new Int32Array(segments.length).fill(-1);
    const kept = this.kept;
    if (old.length === 0) return { kept, previous, gone: [] };
    const { prefix, suffix } = edit && edit.before === this.text ? edit : noteEdit(this.text, text);
    const delta = text.length - this.text.length;
    const suffixStart = text.length - suffix;
    const used = new Uint8Array(old.length);
    let j = 0;
    let changed: number[] | undefined;
    for (let i = 0; i < segments.length; i++) {
      const { start, end } = segments[i];
      let from = -1;
      if (end <= prefix) from = start;
      else if (start >= suffixStart) from = start - delta;
      if (from < 0) {
        (changed ??= []).push(i);
        continue;
      }
      while (j < old.length && old[j].start < from) j++;
      if (j < old.length && old[j].start === from && old[j].end === end - (from === start ? 0 : delta) && !used[j]) {
        previous[i] = j;
        used[j] = 1;
      } else (changed ??= []).push(i);
    }
    if (changed) {
      // The edited stretch: its runs by text, among the previous version's runs no position matched.
      const byText = new Map<string, number[]>();
      for (let k = 0; k < old.length; k++) {
        if (used[k]) continue;
        const run = this.text.slice(old[k].start, old[k].end);
        const list = byText.get(run);
        if (list) list.push(k);
        else byText.set(run, [k]);
      }
      for (const i of changed) {
        const k = byText.get(text.slice(segments[i].start, segments[i].end))?.pop();
        if (k === undefined) continue;
        previous[i] = k;
        used[k] = 1;
      }
    }
    const gone: number[] = [];
    for (let k = 0; k < old.length; k++) if (!used[k]) gone.push(k);
    return { kept, previous, gone };
  }

  /** Keeps this version's values, one per segment, for the next version's match. */
  keep(text: string, segments: readonly OffsetRange[], values: readonly V[]): void {
    this.text = text;
    this.segments = segments;
    this.kept = values;
  }
}
