import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeptRuns, noteEdit } from '../../src/core/recognize/keptRuns';
import type { OffsetRange } from '../../src/core/types';

// Long texts of few letters, so that whole blocks of 4,096 characters compare equal on either side of an edit.
const longText = fc.array(fc.constantFrom('a', 'b', '\n', 'aaaa', 'ab\n\n'), { minLength: 500, maxLength: 2000 }).map((pieces) => pieces.join('').repeat(8));
const anEdit = fc.record({ at: fc.nat(), removed: fc.nat({ max: 9000 }), inserted: fc.constantFrom('', 'x', 'a', 'b\n\nb', 'a'.repeat(5000)) });

test('an edit is the longest common start and end of two versions, never overlapping', () => {
  fc.assert(
    fc.property(longText, anEdit, (before, { at, removed, inserted }) => {
      const start = at % (before.length + 1);
      const after = before.slice(0, start) + inserted + before.slice(start + removed);
      const { prefix, suffix } = noteEdit(before, after);
      assert.ok(prefix + suffix <= Math.min(before.length, after.length));
      assert.equal(after.slice(0, prefix), before.slice(0, prefix));
      assert.equal(after.slice(after.length - suffix), before.slice(before.length - suffix));
      // Longest: one more character on either side differs, or there is none left to compare.
      const room = Math.min(before.length, after.length) - prefix - suffix;
      if (room > 0) {
        assert.notEqual(before[prefix], after[prefix], 'the start is the longest');
        assert.notEqual(before[before.length - 1 - suffix], after[after.length - 1 - suffix], 'the end is the longest');
      }
    }),
    { numRuns: 300 },
  );
});

/** Each paragraph a run, as the prose extractor gives them. */
const paragraphs = (text: string): OffsetRange[] => [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

test('a run matched to one of the previous version has its text, and every other previous run is gone', () => {
  fc.assert(
    fc.property(longText, anEdit, (before, { at, removed, inserted }) => {
      const start = at % (before.length + 1);
      const after = before.slice(0, start) + inserted + before.slice(start + removed);
      const kept = new KeptRuns<string>();
      const old = paragraphs(before);
      kept.keep(
        before,
        old,
        old.map((r) => before.slice(r.start, r.end)),
      );
      const runs = paragraphs(after);
      const { previous, gone, kept: values } = kept.match(after, runs, noteEdit(before, after));
      const matched = new Set<number>();
      runs.forEach((run, i) => {
        if (previous[i] < 0) return;
        assert.equal(values[previous[i]], after.slice(run.start, run.end));
        assert.ok(!matched.has(previous[i]), 'each previous run matched once');
        matched.add(previous[i]);
      });
      assert.deepEqual(
        gone,
        old.map((_, k) => k).filter((k) => !matched.has(k)),
      );
      // Runs the edit did not touch are all found again.
      const untouched = runs.filter((run) => run.end < start || run.start > start + inserted.length).length;
      assert.ok([...previous].filter((p) => p >= 0).length >= untouched);
    }),
    { numRuns: 200 },
  );
});
