/**
 * Property tests: the shortcuts of the prose extractor (no-parser fast path, block splitting,
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
import { ProseExtractor, remarkProseSegments, type ProseSegment } from '../../src/core/markdown/prose';
import { fastBlockSegments, type DefinitionUse } from '../../src/core/markdown/fastPath';
import { exceedsMarkdownBounds } from '../../src/core/markdown/bounds';

/** Multiplies every property's number of runs (PROPERTY_RUNS_SCALE=10 for a longer local run). */
const runScale = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
const runs = (n: number) => Math.max(1, Math.round(n * runScale));

const words = [
  'metformin',
  'warfarin',
  'EGFR',
  'BRCA1',
  'α-synuclein',
  'naïve',
  'dose',
  '🧬',
  'mg/kg',
  'the',
  'of',
  'p53',
  'x',
  '2.5',
  '(IC50)',
  'et al.',
  'C#',
  'Q&A',
];
const word = fc.constantFrom(...words);

/**
 * Inline math as remark-math reads it: `$…$` and `$$…$$` with any content (it is tokenised like a
 * code span, so `$5 and $6` is math too), unmatched and escaped dollars, and dollars inside code.
 */
const inlineMath = fc.oneof(
  word.map((w) => `$${w}$`),
  word.map((w) => `$$${w}$$`),
  fc.constantFrom(
    '$IC_{50}$',
    '$x^2$',
    '$ x $',
    '$x $',
    '$ x$',
    '$$x$',
    '$x$$',
    '$$$x$$$',
    '$5',
    '$5 and $6',
    'costs $5',
    '$5.',
    '\\$5',
    '\\$x$',
    '$x\\$ y$',
    '`$x$`',
    '$`x`$',
    '$*x*$',
    '*$x*$',
    '$[a]$',
    '$](u)',
    '[$x]$](u)',
    '$a_b$_c_',
    '$$',
    '$',
    '$$$',
    'US$ 12',
    '$\\alpha$',
  ),
);

/**
 * Bracketed text: pandoc citations, numbers, words, labels that the whole-note generators also
 * define (so a bracket is text or a shortcut link depending on the note), footnote calls, and
 * brackets mixed with emphasis and code.
 */
const bracketedText = fc.oneof(
  fc.constantFrom('[@key]', '[@ref57]', '[@a; @b]', '[1]', '[see above]', '[Ref One]', '[ref two]', '[@KEY]', '[ see  above ]', '[^n1]', '[^missing]', '[^1]'),
  fc.constantFrom(
    '[a]b]',
    '[*x*]',
    '[a *b]* c',
    '*a [b* c]',
    '[`]`]',
    '[x] (y)',
    '[x]:',
    '[]',
    '[ ]',
    '[  ]',
    '[x]',
    '[a]\n: b',
    '[@k]\n[@j]',
    '[a\nb]',
    '[a\\]b]',
    '[a][b]',
    '[a][]',
    '[[a]]',
    '[a](u) [b]',
    '[a]](u)',
  ),
  word.map((w) => `[${w}]`),
);

/** Backslash escapes, including the ones that could hide a literal autolink from a raw scan. */
const escaped = fc.constantFrom(
  '\\$',
  '\\[x]',
  '\\]',
  '\\*',
  '\\_a_',
  '\\\\',
  '\\`',
  '\\a',
  '\\.',
  'www\\.ex.org',
  'a\\@ex.org',
  'http\\://x.org',
  '\\&amp;',
  '\\(',
  'x\\',
  '\\!',
  '\\#',
  '\\|',
);

/** `@` where it is and is not part of an e-mail autolink. */
const atSign = fc.constantFrom('@key', '(@ref1)', 'a@ex.org', 'x-@ex.org', 'x_@ex.org', '.@ex.org', '+@ex.org', 'α@ex.org', '@@', '[@x](u)', 'a@b');

/** Inline pieces, from plain words to every kind of inline syntax and lone syntax characters. */
const inlinePiece = fc.oneof(
  { weight: 12, arbitrary: word },
  { weight: 1, arbitrary: word.map((w) => `*${w}*`) },
  { weight: 1, arbitrary: word.map((w) => `**${w}**`) },
  { weight: 1, arbitrary: word.map((w) => `_${w}_`) },
  { weight: 1, arbitrary: word.map((w) => `~~${w}~~`) },
  { weight: 1, arbitrary: word.map((w) => `[${w}](https://example.org/${w} "t")`) },
  { weight: 1, arbitrary: word.map((w) => `[${w}][ref one]`) },
  { weight: 1, arbitrary: fc.constantFrom('[Ref One]', '[ref two][]', '[undefined label]', '[^n1]', '[^missing]', '[ ]', '[x]') },
  { weight: 1, arbitrary: word.map((w) => `\`${w}\``) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '$x^2$',
      '$$y$$',
      '<span>',
      '</span>',
      '<!-- c -->',
      '<https://a.org>',
      'https://ex.org/p',
      'www.ex.org',
      'WWW.EX.ORG',
      'a@ex.org',
      'mailto:a@b.co',
    ),
  },
  { weight: 1, arbitrary: word.map((w) => `![${w}](i.png)`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '*',
      '_',
      '`',
      '[',
      ']',
      '<',
      '>',
      '|',
      '~',
      '$',
      '&',
      '\\',
      '@',
      '#',
      '!',
      ':',
      '://',
      '&amp;',
      '&#x3b1;',
      '\\*',
      '=',
      '-',
      '+',
      '1.',
      '2)',
      '\u0000',
      '\u00a0',
      '\u000c',
    ),
  },
  { weight: 2, arbitrary: inlineMath },
  { weight: 2, arbitrary: bracketedText },
  { weight: 1, arbitrary: escaped },
  { weight: 1, arbitrary: atSign },
);

const inlineLine = fc.array(inlinePiece, { minLength: 1, maxLength: 7 }).map((p) => p.join(' '));
const plainLine = fc.array(word, { minLength: 1, maxLength: 7 }).map((p) => p.join(' '));

const lineStart = fc.oneof(
  { weight: 10, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '- ',
      '+ ',
      '* ',
      '1. ',
      '3) ',
      '10. ',
      '> ',
      '# ',
      '### ',
      '#',
      '    ',
      '  ',
      ' ',
      '\t',
      '===',
      '---',
      '- - -',
      '```',
      '~~~',
      '$$',
      '<!--',
      '<div>',
      '| ',
      ':',
      '-    ',
      '-     ',
      '-\t',
      '1.5 ',
      '[@key] ',
      '[ ] ',
      '[x] ',
      '[ref one]: ',
      '[@key]: ',
      '[1] ',
      '$ ',
      '$$ ',
      '$x$ ',
    ),
  },
);
const lineEnding = fc.oneof(
  { weight: 8, arbitrary: fc.constant('\n') },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r', '  \n', ' \n', '\\\n', '\t\n') },
);

/** A single block: lines of mixed content, with the line starts and endings that change structure. */
const block = fc.array(fc.tuple(lineStart, fc.oneof(inlineLine, plainLine, plainLine), lineEnding), { minLength: 1, maxLength: 5 }).chain((lines) =>
  fc.constantFrom('', '\n', '\n\n', '   \n').map((tail) => {
    const text = lines.map(([s, l, e]) => s + l + e).join('');
    return text.replace(/(\r\n|\r|\n)$/, '') + tail;
  }),
);

/** Blocks shaped like the ones the fast path is meant for, so that it accepts many of them. */
const simpleBlock = fc.oneof(
  fc.array(plainLine, { minLength: 1, maxLength: 4 }).map((l) => l.join('\n')),
  plainLine.map((l) => `## ${l}`),
  fc
    .tuple(fc.constantFrom('- ', '+ ', '1. ', '2) ', '-   '), fc.array(plainLine, { minLength: 1, maxLength: 4 }))
    .map(([m, items]) => items.map((i) => m + i).join('\n')),
  fc
    .array(fc.tuple(word, word), { minLength: 1, maxLength: 3 })
    .map((rows) => ['| h1 | h2 |', '| :-- | --: |', ...rows.map(([a, b]) => `| ${a} | ${b} |`)].join('\n')),
  fc
    .tuple(fc.constantFrom('[^n1]: ', '[^x y]: ', '[^n1]:', '[^Q]:   '), inlineLine, fc.constantFrom('', '\n\n', '\n    more', '\nlazy'))
    .map(([d, l, tail]) => d + l + tail),
  fc.tuple(fc.constantFrom('```', '~~~~', '$$', '<!--', '<script>'), plainLine).map(([f, l]) => {
    const close = f === '<!--' ? '-->' : f === '<script>' ? '</script>' : f;
    return `${f}\n${l}\n\n${l}\n${close}\n`;
  }),
);

/**
 * Dense inline syntax with no spaces required between pieces, to exercise delimiter-run flanking,
 * the multiple-of-3 rule, code spans of several lengths and links with emphasis inside.
 */
const denseAtom = fc.constantFrom(
  '*',
  '**',
  '***',
  '_',
  '__',
  '`',
  '``',
  'a',
  'bc',
  ' ',
  ' ',
  '.',
  ',',
  '(',
  ')',
  '«',
  '—',
  '€',
  '\u00a0',
  '🧬',
  'α',
  '[',
  '](https://x.org/a_b*c)',
  '](u)',
  '\n',
  ':',
  'w',
  '!',
  '"',
  '1.',
  '[^n1]',
  '[^Ab]',
  '[^a b]',
  '[^]',
  '^',
  '$',
  '$$',
  '\\',
  '\\$',
  '@',
  ']',
  '[@k]',
  '[1]',
  '[ref one]',
);
const denseInline = fc.array(denseAtom, { minLength: 1, maxLength: 14 }).chain((atoms) =>
  fc.constantFrom('', '# ', '- ', '| h |\n| - |\n| ').map((prefix) => {
    const body = atoms.join('').replace(/^\s+|\s+$/g, '');
    return prefix.startsWith('|') ? `${prefix}${body.replace(/\n/g, ' ')} |` : prefix + body;
  }),
);

const itemLine = fc.oneof({ weight: 1, arbitrary: inlineLine }, { weight: 2, arbitrary: plainLine });

/** Indents non-empty lines by `pad` (an empty line stays empty, as a writer's editor leaves it). */
const indentLines = (lines: string[], pad: string) => lines.map((l) => (l === '' ? l : l.startsWith('\u0000top') ? l.slice(4) : pad + l)).join('\n');

/** Mostly shapes the fast path accepts, so that the lists it reads are many. */
const nestedLineKind = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', 'wrap', 'outer', 'inner', 'deeper', 'sibling', 'blank') },
  { weight: 1, arbitrary: fc.constantFrom('other', 'top', 'shallow', 'lazy') },
);

/**
 * Lines to put after a list item, each to be indented by the item's content offset: a nested list
 * (bullet or ordered, starting at 1 or not, with its marker indented 0–4 columns), its own wrapped
 * lines, paragraphs and nested lists, and paragraphs back in the outer item.
 */
const nestedItems = fc
  .tuple(
    fc.constantFrom('- ', '* ', '1. ', '1) ', '2. ', ' - ', '   - ', '    - ', '-   '),
    fc.array(fc.tuple(nestedLineKind, itemLine, fc.constantFrom('+ ', '2. ', '1) ', '* ', '- ')), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([marker, parts]) => {
    const pad = ' '.repeat(marker.length);
    const lines = [`${marker}${parts[0][1]}`];
    for (const [kind, line, otherMarker] of parts) {
      switch (kind) {
        case 'wrap':
          lines.push(pad + line);
          break;
        case 'outer':
          lines.push('', line);
          break;
        case 'inner':
          lines.push('', pad + line);
          break;
        case 'deeper':
          lines.push(`${pad}- ${line}`, `${pad}  ${line}`);
          break;
        case 'sibling':
          lines.push(marker.replace(/2/, '3') + line);
          break;
        case 'other':
          // Another kind of marker: a new list, or (ordered, not starting at 1) paragraph text.
          lines.push(otherMarker + line);
          break;
        case 'top':
          // Back in the outer list, whose items may use another kind of marker (emptied indentation).
          lines.push(`\u0000top${otherMarker}${line}`);
          break;
        case 'blank':
          lines.push('', marker + line);
          break;
        case 'shallow':
          lines.push(pad.slice(1) + line);
          break;
        case 'lazy':
          lines.push(line);
          break;
        default:
          lines.push(marker + line);
      }
    }
    return lines;
  });

/** What may open a list item's text: GFM task list checkboxes and brackets that are not one. */
const taskBox = fc.constantFrom('', '', '', '', '', '', '', '[ ] ', '[x] ', '[X] ', '[x]', '[  ] ', '[xy] ', '[@k] ', '[k]: ');

/** Lists with nested lists in their items (see nestedItems). */
const nestedList = fc
  .tuple(
    fc.constantFrom('- ', '1. ', '* ', '3) '),
    fc.array(fc.tuple(taskBox, itemLine, nestedItems), { minLength: 1, maxLength: 2 }),
    fc.constantFrom('\n', '\n\n'),
  )
  .map(([marker, items, sep]) => items.map(([box, first, nested]) => `${marker}${box}${first}\n${indentLines(nested, ' '.repeat(marker.length))}`).join(sep));

/** Lists with wrapped lines and several paragraphs per item, and block quotes, with inline syntax. */
const simpleContainer = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('- ', '* ', '1. ', '10) ', '-  ', '2.    '),
      fc.array(fc.tuple(itemLine, fc.constantFrom('', 'wrap', 'para', 'para', 'lazy', 'deep', 'tabbed', 'nested', 'nested'), itemLine, nestedItems), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.constantFrom('\n', '\n\n'),
    )
    .map(([marker, items, sep]) =>
      items
        .map(([first, extra, more, nested]) => {
          const pad = ' '.repeat(marker.length);
          switch (extra) {
            case 'nested':
              return `${marker}${first}\n${indentLines(nested, pad)}`;
            case 'wrap':
              return `${marker}${first}\n${pad}${more}`;
            case 'para':
              return `${marker}${first}\n\n${pad}${more}`;
            case 'lazy':
              return `${marker}${first}\n${more}`;
            case 'deep':
              return `${marker}${first}\n\n${pad}    ${more}`;
            case 'tabbed':
              return `${marker}${first}\n\t${more}`;
            default:
              return marker + first;
          }
        })
        .join(sep),
    ),
  fc
    .array(fc.tuple(fc.constantFrom('> ', '> ', '>', '>  ', ''), inlineLine), { minLength: 1, maxLength: 3 })
    .map((lines) => lines.map(([p, l]) => p + l).join('\n')),
  fc.array(fc.oneof(inlineLine, denseInline), { minLength: 1, maxLength: 3 }).map((lines) => lines.map((l) => '> ' + l).join('\n')),
);

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

const label = fc.constantFrom('ref one', 'Ref  One', 'ref two', '^n1', '@key', '1', 'see above', 'k');
const definition = label.chain((l) =>
  l.startsWith('^')
    ? inlineLine.map((t) => `[${l}]: ${t}\n\n    ${t}`)
    : fc.constantFrom(`[${l}]: https://example.org/r`, `[${l}]:\n  /u 'title'`, `> [${l}]: /in-quote`, `- [${l}]: /in-list`),
);

const paragraph = fc.array(inlineLine, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
const fence = fc
  .tuple(fc.constantFrom('```', '````', '~~~', '``` js', '```a`b'), fc.constantFrom('```', '````', '~~~', '', '  ```', '    ```', '```` x'))
  .chain(([open, close]) =>
    fc
      .array(fc.oneof(plainLine, fc.constantFrom('', '', '```', '~~~', '- item', '# hash', '<!--', '$$', '    indented')), { maxLength: 5 })
      .map((body) => [open, ...body, close].join('\n')),
  );
const listItemBody = fc.oneof(
  inlineLine,
  inlineLine.map((l) => `${l}\n\n  ${l}`),
  plainLine.map((l) => `${l}\n\n  \`\`\`\n  code\n\n  more\n  \`\`\``),
  plainLine.map((l) => `${l}\n  \`\`\`\n  code\n\n\`\`\`\n\n${l}`),
  plainLine.map((l) => `\`\`\`\n  code\n  \`\`\`\n\n${l}\n\n\`\`\``),
  plainLine.map((l) => `${l}\n\n   <!--\n\n   c\n\n-->`),
  plainLine.map((l) => `${l}\nlazy ${l}`),
);
const list = fc
  .tuple(fc.constantFrom('- ', '* ', '1. ', ' - ', '10) '), fc.array(listItemBody, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\n\n'))
  .map(([m, items, sep]) => items.map((i) => m + i).join(sep));
const html = fc.oneof(
  inlineLine.map((l) => `<!--\n${l}\n\n${l} -->\nafter ${l}`),
  inlineLine.map((l) => `<!-- ${l}\n\n\`\`\`\n\n${l}`),
  fc.constantFrom(
    '<![CDATA[\n\n]]]>\n\nstill\n\n]]>',
    '<script>\n\nx\n</SCRIPT>',
    '<?php\n\n?> tail',
    '<!DOCTYPE html\n\n>',
    '<!-->',
    '<!--->',
    '<pre\n\n</pre>',
  ),
  inlineLine.map((l) => `<div>\n\`\`\`\n</div>\n\n${l}`),
  inlineLine.map((l) => `<span>${l}</span>\n\`\`\`\n\n${l}\n\`\`\``),
);
const quote = fc
  .array(inlineLine, { minLength: 1, maxLength: 3 })
  .chain((lines) =>
    fc.constantFrom(
      lines.map((l) => `> ${l}`).join('\n'),
      `> ${lines[0]}\n${lines.slice(1).join('\n')}`,
      `> \`\`\`\n> ${lines[0]}\n\n${lines[0]}`,
      `> - ${lines[0]}\n>\n>   ${lines[0]}`,
    ),
  );
const table = fc
  .array(fc.tuple(inlinePiece, inlinePiece), { minLength: 1, maxLength: 3 })
  .map((rows) => ['| Drug | Dose |', '| --- | :-: |', ...rows.map(([a, b]) => `| ${a.replace(/\|/g, '')} | ${b.replace(/\|/g, '')} |`)].join('\n'));
const heading = fc.oneof(
  inlineLine.map((l) => `# ${l}`),
  inlineLine.map((l) => `${l}\n===`),
  inlineLine.map((l) => `### ${l} ###`),
);
const math = fc
  .tuple(fc.constantFrom('$$', '$$$', '$$ tex'), fc.constantFrom('$$', '$$$', '', ' $$', '$$ x'))
  .map(([open, close]) => `${open}\nx = 1\n\n- y\n${close}`);
const misc = fc.constantFrom(
  '---',
  '***',
  '    indented code\n\n    more code',
  'Title\n---',
  '+++',
  '---\nnot: front\n---',
  '\ufeff---',
  '[^n1]',
  '\t\ttabbed',
);

/**
 * Text citing a label that the note may or may not define (see `definition`), so that the same
 * bracket is plain text in one note and a shortcut link or footnote call in another.
 */
const citing = fc
  .tuple(
    fc.constantFrom('', '- ', '1. ', '# ', '> '),
    plainLine,
    fc.constantFrom('ref one', 'REF  one', '@key', '1', 'see above', 'k', 'other', '^n1'),
    plainLine,
  )
  .chain(([start, before, l, after]) =>
    fc.constantFrom(
      `${start}${before} [${l}] ${after}`,
      // A label over two lines, where the second holds the container's prefix too.
      `${start}${before} [${l.replace(' ', `\n${start.trim() === '>' ? '> ' : ' '.repeat(start.length)}`)}] ${after}`,
    ),
  );

const noteBlock = fc.oneof(
  { weight: 4, arbitrary: paragraph },
  { weight: 2, arbitrary: list },
  { weight: 2, arbitrary: fence },
  { weight: 2, arbitrary: html },
  { weight: 1, arbitrary: quote },
  { weight: 1, arbitrary: table },
  { weight: 1, arbitrary: heading },
  { weight: 1, arbitrary: math },
  { weight: 2, arbitrary: definition },
  { weight: 1, arbitrary: misc },
  { weight: 2, arbitrary: simpleBlock },
  { weight: 2, arbitrary: simpleContainer },
  { weight: 1, arbitrary: nestedList },
  { weight: 2, arbitrary: citing },
);
const separator = fc.constantFrom('\n\n', '\n\n', '\n', '\n\n\n', '\r\n\r\n', '\n \n', '\n\t\n');
const frontMatter = fc.constantFrom('', '', '', '---\ntitle: x\n\nauthor: y\n---\n\n', '+++\na = 1\n\nb = 2\n+++\n', '\ufeff', '---\nunclosed: yes\n\n');

const note = fc
  .tuple(frontMatter, fc.array(fc.tuple(noteBlock, separator), { minLength: 1, maxLength: 8 }))
  .map(([fm, blocks]) => fm + blocks.map(([b, s]) => b + s).join(''));

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
