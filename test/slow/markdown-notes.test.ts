/**
 * Property tests of whole notes and edits: the shortcuts of the prose extractor (no-parser fast path, block splitting,
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
import { ProseExtractor, remarkProseSegments } from '../../src/core/markdown/prose';
import { exceedsMarkdownBounds } from '../../src/core/markdown/bounds';
import { runs } from './arbitraries/inline';
import { nestedList } from './arbitraries/containers';
import { citing, noteBlock, separator, frontMatter, note } from './arbitraries/notes';

test('segments of a whole note equal one remark parse of it', () => {
  const extractor = new ProseExtractor({ maxCachedBlocks: 200 });
  fc.assert(
    fc.property(note, (text) => {
      // The generators stay within the bounds of bounds.ts, beyond which a block is plain text.
      assert.equal(exceedsMarkdownBounds(text), false, JSON.stringify(text));
      assert.deepEqual(extractor.segments(text), remarkProseSegments(text), JSON.stringify(text));
    }),
    { numRuns: runs(600) },
  );
});

test('bracketed text is prose with its brackets exactly when the note does not define its label', () => {
  const extractor = new ProseExtractor({ maxCachedBlocks: 100 });
  const definitions = fc.subarray(['[ref one]: /r', '[see above]: /s', '[@key]: /k', '[1]: /one', '[^n1]: a note', '> [k]: /in-quote', '- [other]: /in-list']);
  const citations = fc.array(fc.oneof(citing, nestedList), { minLength: 1, maxLength: 6 });
  fc.assert(
    fc.property(definitions, citations, fc.nat(), (defined, blocks, at) => {
      const parts = [...blocks];
      parts.splice(at % (parts.length + 1), 0, ...defined);
      const text = parts.join('\n\n');
      assert.deepEqual(extractor.segments(text), remarkProseSegments(text), JSON.stringify(text));
    }),
    { numRuns: runs(400) },
  );
});

test('segments stay exact after random edits of a cached note', () => {
  const extractor = new ProseExtractor({ maxCachedBlocks: 50 });
  fc.assert(
    fc.property(
      note,
      fc.nat(),
      fc.constantFrom('x', '\n', '\n\n', '`', '```', '[', ']', '-', ' ', '<!--', ''),
      fc.nat({ max: 3 }),
      (text, at, insert, removed) => {
        extractor.segments(text);
        const pos = text.length === 0 ? 0 : at % text.length;
        const edited = text.slice(0, pos) + insert + text.slice(pos + removed);
        assert.deepEqual(extractor.segments(edited), remarkProseSegments(edited), JSON.stringify(edited));
      },
    ),
    { numRuns: runs(300) },
  );
});

const longNote = fc
  .tuple(frontMatter, fc.array(fc.tuple(noteBlock, separator), { minLength: 6, maxLength: 20 }))
  .map(([fm, blocks]) => fm + blocks.map(([b, s]) => b + s).join(''));
const edit = fc.tuple(
  fc.nat(),
  fc.constantFrom('x', '\n', '\n\n', '`', '```', '~~~', '$$', '[', '](u)', '[ref one]: /v\n\n', '-', '- ', '> ', '    ', '<!--', '-->', '*', ''),
  fc.nat({ max: 6 }),
);

test('segments stay exact through a sequence of edits (blocks reused from the previous call)', () => {
  const extractor = new ProseExtractor();
  let reused = 0;
  fc.assert(
    fc.property(longNote, fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
      let text = start;
      extractor.segments(text);
      for (const [at, insert, removed] of edits) {
        const pos = text.length === 0 ? 0 : at % text.length;
        text = text.slice(0, pos) + insert + text.slice(pos + removed);
        assert.deepEqual(extractor.segments(text), remarkProseSegments(text), JSON.stringify(text));
        reused += extractor.lastRunStats.reused;
      }
    }),
    { numRuns: runs(150) },
  );
  // Otherwise the reuse path was never taken and the property said nothing about it.
  assert.ok(reused > runs(100), `only ${reused} blocks were reused`);
});
