/**
 * Property tests of single blocks: the shortcuts of the prose extractor (no-parser fast path, block splitting,
 * caching, definitions copied between blocks) give exactly what one remark parse of the whole text
 * gives.
 *
 * Normalisation: none. Segments are compared as exact lists of {start, end}. Blocks are only split
 * at blank lines, and no mdast text node spans a blank line, so splitting never cuts a text node in
 * two; merging neighbours separated by whitespace is not needed and not done.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { remarkProseSegments, type ProseSegment } from '../../src/core/markdown/prose';
import { fastBlockSegments, type DefinitionUse } from '../../src/core/markdown/fastPath';
import { runs, block } from './arbitraries/inline';
import { simpleBlock, denseInline, nestedList, simpleContainer } from './arbitraries/containers';

/**
 * The fast path's segments for a standalone block, and what remark gives for it. A block that calls
 * footnotes is accepted on the assumption that the note defines them, so remark is given the block
 * followed by those definitions (its segments past the block are dropped).
 */
function fastAndReference(text: string): { fast: ProseSegment[] | undefined; reference: ProseSegment[]; notes: DefinitionUse } {
  const notes: DefinitionUse = { calls: [], undefinedLabels: [], declared: [] };
  const flat = fastBlockSegments(text, 0, text.length, notes);
  if (!flat) return { fast: undefined, reference: [], notes };
  const fast: ProseSegment[] = [];
  for (let i = 0; i < flat.length; i += 2) fast.push({ start: flat[i], end: flat[i + 1] });
  const definitions = notes.calls.map((key) => `[^${key.slice(1)}]: defined`).join('\n\n');
  const source = definitions ? `${text}\n\n${definitions}` : text;
  const reference = remarkProseSegments(source).filter((s) => s.end <= text.length);
  return { fast, reference, notes };
}

test('every block the fast path accepts has exactly the segments remark gives it', () => {
  let accepted = 0;
  // Accepted blocks per construct the fast path reads itself, so that none of them goes untested.
  const seen = { math: 0, bracketText: 0, escape: 0, atSign: 0, nestedList: 0 };
  fc.assert(
    fc.property(fc.oneof(block, simpleBlock, denseInline, denseInline, simpleContainer, simpleContainer, nestedList, nestedList), (text) => {
      const { fast, reference, notes } = fastAndReference(text);
      if (fast === undefined) return;
      accepted++;
      if (/\$[^$]*\$/.test(text)) seen.math++;
      if (notes.undefinedLabels.length > 0) seen.bracketText++;
      if (/\\[!-/:-@[-`{-~]/.test(text)) seen.escape++;
      if (text.includes('@')) seen.atSign++;
      if (/^([-*+]|\d+[.)]) .*\n +([-*+]|\d+[.)]) /.test(text)) seen.nestedList++;
      assert.deepEqual(fast, reference, JSON.stringify(text));
    }),
    { numRuns: runs(3000) },
  );
  // The property is empty if the fast path never accepts anything.
  assert.ok(accepted > runs(600), `fast path accepted only ${accepted} blocks`);
  for (const [construct, count] of Object.entries(seen)) assert.ok(count > runs(20), `only ${count} accepted blocks with ${construct}`);
});
