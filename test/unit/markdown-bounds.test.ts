/**
 * Bounded markdown: a block that would make remark super-linear (or run out of stack) is read as
 * plain text, its words still prose; every other block is read exactly as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { ProseExtractor, remarkProseSegments, type ProseSegment } from '../../src/core/markdown/prose';
import { exceedsMarkdownBounds, MAX_CONTAINER_DEPTH, plainTextSegments } from '../../src/core/markdown/bounds';
import { fastBlockSegments } from '../../src/core/markdown/fastPath';

const proseModule = new URL('../../src/core/markdown/prose.ts', import.meta.url).href;

/**
 * The prose segments of `text`, computed in a child process that is killed after `ms`. node:test's
 * own timeout cannot interrupt synchronous work, so this is what makes a return to super-linear
 * time fail (after a generous delay) instead of stalling the run. It asserts no timing otherwise.
 */
function segmentsInChild(text: string, ms = 30_000): ProseSegment[] {
  const script = `let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', () =>
  import(${JSON.stringify(proseModule)}).then((m) => {
    const { ProseExtractor } = m.ProseExtractor ? m : m.default;
    process.stdout.write(JSON.stringify(new ProseExtractor().segments(input)));
  }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { input: text, timeout: ms, encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.equal(run.signal, null, `no answer within ${ms} ms`);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as ProseSegment[];
}

function covers(segments: readonly ProseSegment[], at: number, length: number): boolean {
  return segments.some((s) => s.start <= at && at + length <= s.end);
}

function shifted(segments: readonly ProseSegment[], by: number): ProseSegment[] {
  return segments.map((s) => ({ start: s.start + by, end: s.end + by }));
}

test('30 kB of nested ordered list markers complete, and the drug name after them is prose', { timeout: 60_000 }, () => {
  const text = '1. '.repeat(10_000) + 'letrazole';
  assert.ok(covers(segmentsInChild(text), text.indexOf('letrazole'), 9));
});

test('block quotes and list items nested 6 600 deep complete, and the drug name after them is prose', { timeout: 60_000 }, () => {
  const text = '> - '.repeat(3300) + 'letrazole';
  assert.ok(covers(segmentsInChild(text), text.indexOf('letrazole'), 9));
});

test('190 000 alternating emphasis delimiters complete and are read as one line of plain text', { timeout: 60_000 }, () => {
  const text = '*_'.repeat(95_000);
  assert.deepEqual(segmentsInChild(text), [{ start: 0, end: text.length }]);
});

test('the paragraphs around a pathological block keep exactly their own segments', () => {
  const before = 'Before *warfarin* and `code` [with a link](https://example.org/x).';
  const after = '| Drug | Dose |\n| --- | --- |\n| heparin | 5 ~~mg~~ IU |';
  const blocks = ['>'.repeat(10_000) + ' letrazole deep', '*a '.repeat(2000) + 'b_ '.repeat(2000) + 'tamoxifen'];
  for (const bad of blocks) {
    const text = `${before}\n\n${bad}\n\n${after}`;
    const segments = new ProseExtractor().segments(text);
    const badStart = before.length + 2;
    const afterStart = badStart + bad.length + 2;
    assert.deepEqual(
      segments.filter((s) => s.end <= before.length),
      remarkProseSegments(before),
    );
    assert.deepEqual(
      segments.filter((s) => s.start >= afterStart),
      shifted(remarkProseSegments(after), afterStart),
    );
    const word = bad.includes('letrazole') ? 'letrazole' : 'tamoxifen';
    assert.ok(covers(segments, text.indexOf(word), word.length), `${word} is not prose`);
  }
});

test(`a line nested ${MAX_CONTAINER_DEPTH} deep is parsed as markdown, one nested deeper is read as plain text`, () => {
  for (const marker of ['> ', '- ', '1. ', '> 1. ']) {
    const levels = marker.trim().split(' ').length;
    const within = marker.repeat(Math.floor(MAX_CONTAINER_DEPTH / levels)) + '~~gefitinib~~ dose';
    assert.deepEqual(new ProseExtractor().segments(within), remarkProseSegments(within), JSON.stringify(marker));
    const beyond = marker + within;
    const at = beyond.indexOf('~~gefitinib');
    assert.deepEqual(new ProseExtractor().segments(beyond), [{ start: at, end: beyond.length }], JSON.stringify(marker));
  }
  // Nesting by indentation counts too: a level per two columns before a marker.
  const indented = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- item ~~${i}~~`).join('\n');
  assert.equal(exceedsMarkdownBounds(indented(MAX_CONTAINER_DEPTH)), false);
  assert.equal(exceedsMarkdownBounds(indented(MAX_CONTAINER_DEPTH + 1)), true);
});

test('large real-looking blocks with many delimiters are parsed as markdown, exactly', () => {
  const geneList = Array.from(
    { length: 300 },
    (_, i) => `- *BRCA${i}* and **TP53** — see https://www.ncbi.nlm.nih.gov/gene/${i} and [OMIM](https://omim.org/${i} "t") (p < 0.05*)`,
  ).join('\n');
  const table = ['| Gene | Note |', '| --- | --- |', ...Array.from({ length: 600 }, (_, i) => `| *BRCA${i}* | **up** in ~~x~~ <br> _y_, p = 0.0${i}* |`)].join(
    '\n',
  );
  const paragraph = Array.from({ length: 150 }, (_, i) => `The *gene${i}* was **up** (p = 0.0${i}*) in_vitro with \`code\` and $x_${i}$ [@ref${i}].`).join(
    '\n',
  );
  for (const block of [geneList, table, paragraph]) {
    assert.equal(exceedsMarkdownBounds(block), false, block.slice(0, 40));
    assert.deepEqual(new ProseExtractor().segments(block), remarkProseSegments(block), block.slice(0, 40));
  }
});

test('the fast path gives up on emphasis delimiters that would take it quadratic time', () => {
  const text = '*_'.repeat(20_000);
  assert.equal(fastBlockSegments(text, 0, text.length), undefined);
  // Prose with many delimiters in one paragraph is still answered without a parser.
  const prose = Array.from({ length: 500 }, (_, i) => `a *b${i}* c _d_`).join(' ');
  assert.ok(fastBlockSegments(prose, 0, prose.length) !== undefined);
});

test('plain text is each line from after its container markers and heading hashes to its last non-space character', () => {
  const text = '\ufeff> - 1. ## Title  \r\n\r\n  plain *text*\t\n>\n- - -\n#hashtag';
  const words = (segments: number[]) => {
    const out: string[] = [];
    for (let k = 0; k < segments.length; k += 2) out.push(text.slice(segments[k], segments[k + 1]));
    return out;
  };
  assert.deepEqual(words(plainTextSegments(text)), ['Title', 'plain *text*', '#hashtag']);
});

/** Words of letters only, so that none of them can be taken for markup. */
const word = fc.constantFrom('letrazole', 'tamoxifen', 'EGFR', 'naïve', 'dose', 'of', 'BRCA');
const linePrefix = fc.array(fc.constantFrom('> ', '- ', '* ', '1. ', '2) ', '  ', '>', '# ', '\t'), { maxLength: 4 }).map((p) => p.join(''));
const lineText = fc
  .array(
    fc.oneof(
      word,
      word.map((w) => `*${w}*`),
      word.map((w) => `_${w}_`),
      fc.constantFrom('*', '_', '~~', '[', ']', '`', '\\*'),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((p) => p.join(' '));
const line = fc.tuple(linePrefix, lineText).map(([p, t]) => p + t);
/**
 * What takes a block beyond the bounds, put at the start of one of its lines: a kind and a size,
 * built into text inside the property so that a counterexample prints short.
 */
const hostile = fc.oneof(
  fc.tuple(fc.constantFrom('> ', '- ', '1. ', '> - '), fc.integer({ min: MAX_CONTAINER_DEPTH + 1, max: 400 })),
  fc.tuple(fc.constant('*_'), fc.integer({ min: 3000, max: 6000 })),
  fc.tuple(fc.constant('*a | b_ '), fc.integer({ min: 1500, max: 3000 })),
  fc.tuple(fc.constant('a_b '), fc.integer({ min: 6000, max: 8000 })),
);

function hostileText([unit, n]: [string, number]): string {
  const [open, close] = unit.split(' | ');
  return close === undefined ? unit.repeat(n) : (open + ' ').repeat(n) + close.repeat(n);
}

test('a block beyond the bounds has every word of every line in a prose segment', () => {
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), hostile, fc.nat(), (lines, bomb, at) => {
      const k = at % lines.length;
      const text = lines.map((l, i) => (i === k ? hostileText(bomb) + ' ' + l : l)).join('\n');
      assert.ok(exceedsMarkdownBounds(text), 'the fixture is within the bounds');
      const segments = new ProseExtractor().segments(text);
      let last = 0;
      for (const s of segments) {
        assert.ok(s.start >= last && s.start < s.end && s.end <= text.length, `bad segment ${JSON.stringify(s)}`);
        last = s.end;
      }
      // A backtick pair is a code span, even across lines (seed 1805204232 found '` _letrazole_⏎`'),
      // and code is never read: words between two backticks may rightly be outside every segment.
      const code = [...text.matchAll(/`[^`]*`/g)].map((c) => ({ start: c.index, end: c.index + c[0].length }));
      for (const m of text.matchAll(/\p{L}+/gu)) {
        if (code.some((c) => c.start < m.index && m.index < c.end)) continue;
        assert.ok(covers(segments, m.index, m[0].length), `${m[0]} at ${m.index} is not prose`);
      }
    }),
    { numRuns: 60 },
  );
});
