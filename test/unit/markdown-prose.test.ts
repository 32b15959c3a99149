/**
 * What counts as prose in a markdown note, with exact offsets, and how the extractor behaves on
 * hostile input, on edits and on cancellation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProseExtractor, remarkProseSegments, type ProseSegment } from '../../src/core/markdown/prose';
import { plainTextSegments } from '../../src/core/markdown/bounds';
import { CancelledError, type CancellationToken } from '../../src/core/types';

/** The visible prose of a note, one string per segment, checked against the one-parse reference. */
function prose(text: string): string[] {
  const segments = new ProseExtractor().segments(text);
  assert.deepEqual(segments, remarkProseSegments(text), 'extractor and reference disagree');
  return segments.map((s) => text.slice(s.start, s.end));
}

/** Whether the first occurrence of `word` in `text` lies inside one prose segment. */
function isProse(text: string, word: string): boolean {
  const segments = new ProseExtractor().segments(text);
  const at = text.indexOf(word);
  assert.ok(at >= 0, `fixture lacks ${word}`);
  return segments.some((s) => s.start <= at && at + word.length <= s.end);
}

function assertWellFormed(text: string, segments: ProseSegment[]): void {
  let last = 0;
  for (const s of segments) {
    assert.ok(s.start >= last && s.start < s.end && s.end <= text.length, `bad segment ${JSON.stringify(s)}`);
    last = s.end;
  }
}

test('a drug name in code, URLs, HTML, front matter or math is not prose', () => {
  const cases: [string, string][] = [
    ['Give `metformin` twice daily.', 'metformin'],
    ['Intro.\n\n```python\nmetformin = load()\n\nprint(metformin)\n```\n\nAfter.', 'metformin'],
    ['~~~\nwarfarin\n~~~', 'warfarin'],
    ['Intro.\n\n    warfarin in indented code', 'warfarin'],
    ['See https://example.org/warfarin for more.', 'warfarin'],
    ['See www.warfarin.org today.', 'warfarin'],
    ['See <https://example.org/warfarin> today.', 'warfarin'],
    ['Mail warfarin@example.org today.', 'warfarin'],
    ['See [the label](https://example.org/warfarin "x") today.', 'warfarin'],
    ['See [the label](https://example.org/x "warfarin title") today.', 'warfarin'],
    ['![warfarin tablets](pill.png)', 'warfarin'],
    ['---\ndrug: warfarin\n\nnote: long\n---\n\nBody text.', 'warfarin'],
    ['+++\ndrug = "warfarin"\n+++\n\nBody text.', 'warfarin'],
    ['Intro.\n\n<!-- warfarin\n\nstill a comment -->\n\nBody.', 'warfarin'],
    ['Inline <span title="warfarin">dose</span> here.', 'warfarin'],
    ['<div>\nwarfarin\n</div>', 'warfarin'],
    ['The rate is $warfarin_{t}$ per day.', 'warfarin'],
    ['$$\nwarfarin + x\n\n= y\n$$', 'warfarin'],
    ['[ref]: https://example.org/warfarin', 'warfarin'],
  ];
  for (const [text, word] of cases) assert.equal(isProse(text, word), false, JSON.stringify(text));
});

test('a drug name in headings, tables, lists, quotes, footnotes, link text and emphasis is prose', () => {
  const cases: [string, string][] = [
    ['# Warfarin dosing', 'Warfarin'],
    ['Warfarin dosing\n===============', 'Warfarin'],
    ['| Drug | Dose |\n| --- | --- |\n| warfarin | 5 mg |', 'warfarin'],
    ['- aspirin\n- warfarin\n\n  continued warfarin note', 'continued warfarin'],
    ['1. first\n2. warfarin second', 'warfarin'],
    ['> Patients on warfarin bled.', 'warfarin'],
    ['Text[^1].\n\n[^1]: Warfarin was stopped.', 'Warfarin'],
    ['See [warfarin label](https://example.org/x).', 'warfarin'],
    ['See [warfarin][lbl] and more.\n\n[lbl]: https://example.org', 'warfarin'],
    ['A *warfarin* and **heparin** and ~~dabigatran~~ mix.', 'warfarin'],
    ['A *warfarin* and **heparin** and ~~dabigatran~~ mix.', 'heparin'],
    ['A *warfarin* and **heparin** and ~~dabigatran~~ mix.', 'dabigatran'],
  ];
  for (const [text, word] of cases) assert.equal(isProse(text, word), true, JSON.stringify(text));
});

test('segments are the exact text node ranges', () => {
  assert.deepEqual(prose('A *warfarin* dose'), ['A ', 'warfarin', ' dose']);
  assert.deepEqual(prose('# Title #\n\nBody [link text](u) end.'), ['Title', 'Body ', 'link text', ' end.']);
  assert.deepEqual(prose('| a | b |\n| - | - |\n| c d | e |'), ['a', 'b', 'c d', 'e']);
  // An autolink's text equals its URL and is not prose; a reference link without a definition is text.
  assert.deepEqual(prose('Go to https://x.org now, [not a link].'), ['Go to ', ' now, [not a link].']);
});

test('inline math, dollar signs and citations give the text nodes remark gives', () => {
  assert.deepEqual(prose('The fitted $IC_{50}$ was 66 nM [@ref57].'), ['The fitted ', ' was 66 nM [@ref57].']);
  // remark-math has no currency rule: two single dollars on a line delimit math.
  assert.deepEqual(prose('It cost $5 and $6 per dose.'), ['It cost ', '6 per dose.']);
  assert.deepEqual(prose('It cost \\$5 and \\$6 per dose.'), ['It cost \\$5 and \\$6 per dose.']);
  assert.deepEqual(prose('Code `$x$` and $$y$$ end.'), ['Code ', ' and ', ' end.']);
  // A bracket is text unless some block defines its label; then it is a link and only its text is prose.
  assert.deepEqual(prose('As [see above] and [1] said.'), ['As [see above] and [1] said.']);
  assert.deepEqual(prose('As [see above] said.\n\n[see above]: #s'), ['As ', 'see above', ' said.']);
  assert.deepEqual(prose('- item [@k]\n   - nested $x$ item\n- last'), ['item [@k]', 'nested ', ' item', 'last']);
});

test('math, citations and nested lists need no parser', () => {
  const blocks: string[] = [];
  for (let i = 0; i < 50; i++) {
    blocks.push(`The fitted $IC_{${i}}$ of warfarin was ${i} nM [@ref${i}], unlike \\$${i} [see above].`);
    blocks.push(`1. Dose of metformin [${i}]\n   - see $x_${i}$ and EGFR\n2. Next`);
  }
  const text = blocks.join('\n\n');
  const extractor = new ProseExtractor();
  assert.deepEqual(extractor.segments(text), remarkProseSegments(text));
  assert.equal(extractor.lastRunStats.parsed, 0);
  assert.equal(extractor.lastRunStats.fastPath, 100);
  // Once a block defines a cited label, the blocks citing it are links and go to remark.
  const defined = text + '\n\n[see above]: #s';
  assert.deepEqual(extractor.segments(defined), remarkProseSegments(defined));
  assert.equal(extractor.lastRunStats.fastPath, 50);
});

test('offsets count UTF-16 code units, so multi-byte text maps back exactly', () => {
  const text = 'α-synuclein 🧬 and *warfarin* 💊 in naïve mice\n\n## Résumé — 🧪 heparin';
  const segments = new ProseExtractor().segments(text);
  assert.deepEqual(segments, remarkProseSegments(text));
  const words = segments.map((s) => text.slice(s.start, s.end));
  assert.deepEqual(words, ['α-synuclein 🧬 and ', 'warfarin', ' 💊 in naïve mice', 'Résumé — 🧪 heparin']);
  const warfarin = segments[1];
  assert.equal(warfarin.start, text.indexOf('warfarin'));
  assert.equal(warfarin.end - warfarin.start, 'warfarin'.length);
});

test('CRLF line endings keep offsets exact', () => {
  const text = '# Title\r\n\r\nWarfarin dose\r\nsecond line\r\n\r\n```\r\ncode\r\n\r\nmore\r\n```\r\n\r\n- item\r\n';
  assert.deepEqual(prose(text), ['Title', 'Warfarin dose\r\nsecond line', 'item']);
});

test('a byte order mark does not shift offsets', () => {
  const text = '\ufeffWarfarin first.\n\nSecond *para*.';
  assert.deepEqual(prose(text), ['Warfarin first.', 'Second ', 'para', '.']);
});

test('an empty or blank note has no prose', () => {
  assert.deepEqual(new ProseExtractor().segments(''), []);
  assert.deepEqual(prose('\n\n   \n\t\n'), []);
});

test('NUL bytes and binary junk are analysed without error', () => {
  const extractor = new ProseExtractor();
  const nul = '\u0000'.repeat(5000);
  const nulSegments = extractor.segments(nul);
  assert.deepEqual(nulSegments, remarkProseSegments(nul));
  // Deterministic pseudo-random bytes, with blank lines and markdown punctuation among them.
  let seed = 7;
  let junk = '';
  for (let i = 0; i < 60_000; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    junk += String.fromCharCode((seed >>> 16) & 0xff);
  }
  // Random bytes make one 60 kB block dense with delimiters, beyond the bounds of bounds.ts: it is
  // read as plain text, which keeps every line's text (less container markers) as prose.
  const junkSegments = extractor.segments(junk);
  assertWellFormed(junk, junkSegments);
  assert.deepEqual(
    junkSegments.map((s) => [s.start, s.end]),
    chunk(plainTextSegments(junk)),
  );
});

function chunk(flat: number[]): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < flat.length; k += 2) out.push([flat[k], flat[k + 1]]);
  return out;
}

test('a block nested too deeply for remark is read as plain text, so its words are still prose', () => {
  const text = 'Before warfarin.\n\n' + '>'.repeat(10_000) + ' deep aspirin\n\nAfter heparin.';
  const words = new ProseExtractor().segments(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(words, ['Before warfarin.', 'deep aspirin', 'After heparin.']);
});

test('a 20 MB note is analysed completely', () => {
  const unit = [
    '## Results',
    'Patients on *warfarin* had fewer events than those on [heparin](https://example.org/h).',
    '- aspirin 75 mg\n- clopidogrel 75 mg',
    '| Drug | Dose |\n| --- | --- |\n| warfarin | 5 mg |',
    '```r\nfit <- lm(y ~ x)\n\nsummary(fit)\n```',
    '> Quoted `code` and text[^1].',
    '[^1]: A footnote about dabigatran.',
  ].join('\n\n');
  const repeats = Math.ceil(20_000_000 / (unit.length + 2));
  const text = Array.from({ length: repeats }, () => unit).join('\n\n');
  const segments = new ProseExtractor().segments(text);
  assertWellFormed(text, segments);
  // Every unit yields the same segments as it does alone.
  const perUnit = new ProseExtractor().segments(unit).length;
  assert.equal(segments.length, perUnit * repeats);
  const last = segments[segments.length - 1];
  assert.equal(text.slice(last.start, last.end), 'A footnote about dabigatran.');
});

test('after a one-character edit only the touched block is parsed again', () => {
  const blocks: string[] = [];
  // Strikethrough and images are beyond the no-parser path, so every block here needs remark.
  for (let i = 0; i < 200; i++) blocks.push(`> Quote ${i} with ~~struck~~ text.\n\n![figure ${i}](f${i}.png) and warfarin.`);
  const text = blocks.join('\n\n');
  const extractor = new ProseExtractor();
  extractor.segments(text);
  const at = text.indexOf('Quote 120') + 6;
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const segments = extractor.segments(edited);
  assert.deepEqual(segments, remarkProseSegments(edited));
  assert.equal(extractor.lastRunStats.parsed, 1);
});

test('the cache stays within maxCachedBlocks and results stay exact', () => {
  const extractor = new ProseExtractor({ maxCachedBlocks: 3 });
  for (let round = 0; round < 3; round++) {
    const text = Array.from({ length: 12 }, (_, i) => `> Block ${i + round} [x](u) *y*[^a]`).join('\n\n') + '\n\n[^a]: n';
    assert.deepEqual(extractor.segments(text), remarkProseSegments(text));
    assert.ok(extractor.lastRunStats.cacheEntries <= 3, `cache holds ${extractor.lastRunStats.cacheEntries} entries`);
  }
});

test('cancellation between blocks throws CancelledError and leaves the extractor usable', () => {
  const text = Array.from({ length: 50 }, (_, i) => `> quote ${i} ~~struck~~`).join('\n\n');
  const extractor = new ProseExtractor();
  let checks = 0;
  const token: CancellationToken = {
    get isCancellationRequested() {
      return ++checks > 5;
    },
  };
  assert.throws(() => extractor.segments(text, token), CancelledError);
  assert.throws(() => extractor.segments(text, { isCancellationRequested: true }), CancelledError);
  assert.deepEqual(extractor.segments(text), remarkProseSegments(text));
});

test('an empty list item with a tab after its marker holds no prose, as remark reads it (seed -279756317)', () => {
  for (const text of ['- \t\n', 'Q&A of\n\n- \t\n', '* \t \n', '1. \t\n']) {
    const segments = new ProseExtractor().segments(text);
    assert.ok(
      segments.every((s) => s.start < s.end),
      `${JSON.stringify(text)}: ${JSON.stringify(segments)}`,
    );
    assert.deepEqual(segments, remarkProseSegments(text), JSON.stringify(text));
  }
});
