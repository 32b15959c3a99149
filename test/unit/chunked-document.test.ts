import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedTextDocument } from '../../src/server/chunkedDocument';

// The server's open documents must answer exactly as the stock LSP TextDocument does, whatever
// the edits: positions, offsets, text and line count, with \n, \r\n and lone \r line breaks.

const pieces = ['a', 'letrozole ', '\n', '\r\n', '\r', 'α', '  ', 'x\ny', '\r\r\n\n'];
const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((p) => p.join(''));

interface Edit {
  start: number;
  end: number;
  text: string;
}
const editArb = fc.record({ start: fc.nat(12_000), end: fc.nat(12_000), text: textArb });

function agree(chunked: ChunkedTextDocument, stock: TextDocument): void {
  const text = stock.getText();
  assert.equal(chunked.getText(), text);
  assert.equal(chunked.lineCount, stock.lineCount);
  for (let offset = -1; offset <= text.length + 1; offset += Math.max(1, Math.floor(text.length / 97))) {
    assert.deepEqual(chunked.positionAt(offset), stock.positionAt(offset), `positionAt(${offset})`);
  }
  for (let line = -1; line <= stock.lineCount; line++) {
    for (const character of [0, 1, 3, 1000])
      assert.equal(chunked.offsetAt({ line, character }), stock.offsetAt({ line, character }), `offsetAt(${line}:${character})`);
  }
}

test('chunked documents answer as a fresh TextDocument of the same text does, after any incremental edits', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 3000 }),
      fc.array(editArb, { maxLength: 25 }),
      (initialPieces, edits: Edit[]) => {
        let text = initialPieces.join('');
        const chunked = new ChunkedTextDocument('file:///a.md', 'markdown', 1, text);
        let version = 1;
        for (const edit of edits) {
          // Positions as a client computes them, from the text it has.
          const fresh = TextDocument.create('file:///a.md', 'markdown', version, text);
          const range = { start: fresh.positionAt(edit.start % (text.length + 1)), end: fresh.positionAt(edit.end % (text.length + 1)) };
          const [from, to] = [fresh.offsetAt(range.start), fresh.offsetAt(range.end)].sort((a, b) => a - b);
          text = text.slice(0, from) + edit.text + text.slice(to);
          chunked.update([{ range, text: edit.text }], ++version);
          assert.equal(chunked.version, version);
        }
        agree(chunked, TextDocument.create('file:///a.md', 'markdown', version, text));
      },
    ),
    { numRuns: 300 },
  );
});

test('a full-text change replaces everything', () => {
  const chunked = new ChunkedTextDocument('file:///a.md', 'markdown', 1, 'old\ntext');
  chunked.update([{ text: 'new\r\ntext\rhere' }], 2);
  agree(chunked, TextDocument.create('file:///a.md', 'markdown', 2, 'new\r\ntext\rhere'));
});
