import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headingRanges } from '../../src/core/markdown/headings';

function headings(text: string): string[] {
  return headingRanges(text).map((r) => text.slice(r.start, r.end));
}

test('ATX and setext headings are found, in block quotes too, with the whole setext paragraph and its underline', () => {
  const text = [
    '# Letrozole resistance',
    '',
    'Letrozole is an aromatase inhibitor.',
    '',
    'ESR1 mutations',
    'and PIK3CA',
    '---',
    '',
    '> ## Quoted heading on palbociclib',
    '',
    'Endocrine therapy',
    '=================',
    '',
    '#hashtag is not a heading',
  ].join('\n');
  assert.deepEqual(headings(text), [
    '# Letrozole resistance',
    'ESR1 mutations\nand PIK3CA\n---',
    '> ## Quoted heading on palbociclib',
    'Endocrine therapy\n=================',
  ]);
});

test('a thematic break after a blank line or a list item is no heading underline', () => {
  assert.deepEqual(headings('Letrozole daily.\n\n---\n\n- palbociclib\n---\n'), []);
});

test('CRLF line endings give the same headings', () => {
  const text = '# Title\r\n\r\nText\r\n===\r\n';
  assert.deepEqual(headings(text), ['# Title', 'Text\r\n===']);
});
