/** fast-check arbitraries of inline markdown and of plain blocks, for the prose extractor's property tests. */
import fc from 'fast-check';

/** Multiplies every property's number of runs (PROPERTY_RUNS_SCALE=10 for a longer local run). */
export const runScale = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
export const runs = (n: number) => Math.max(1, Math.round(n * runScale));

export const words = [
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
export const word = fc.constantFrom(...words);

/**
 * Inline math as remark-math reads it: `$…$` and `$$…$$` with any content (it is tokenised like a
 * code span, so `$5 and $6` is math too), unmatched and escaped dollars, and dollars inside code.
 */
export const inlineMath = fc.oneof(
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
export const bracketedText = fc.oneof(
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
export const escaped = fc.constantFrom(
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
export const atSign = fc.constantFrom('@key', '(@ref1)', 'a@ex.org', 'x-@ex.org', 'x_@ex.org', '.@ex.org', '+@ex.org', 'α@ex.org', '@@', '[@x](u)', 'a@b');

/** Inline pieces, from plain words to every kind of inline syntax and lone syntax characters. */
export const inlinePiece = fc.oneof(
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
  // A `<` or `&` that opens nothing is text: p values, comparisons, company names.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '(p<0.05)',
      'p<.001',
      '<5 mm',
      '< 5',
      'x<y',
      '<0a@b.co>',
      '<a.b@c.de>',
      '<-',
      '<?x?>',
      '<!X>',
      'AT&T',
      '&x;',
      '&#12;',
      '&#;',
      '& ',
      'R&D.',
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

export const inlineLine = fc.array(inlinePiece, { minLength: 1, maxLength: 7 }).map((p) => p.join(' '));
export const plainLine = fc.array(word, { minLength: 1, maxLength: 7 }).map((p) => p.join(' '));

export const lineStart = fc.oneof(
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
export const lineEnding = fc.oneof(
  { weight: 8, arbitrary: fc.constant('\n') },
  { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r', '  \n', ' \n', '\\\n', '\t\n') },
);

/** A single block: lines of mixed content, with the line starts and endings that change structure. */
export const block = fc.array(fc.tuple(lineStart, fc.oneof(inlineLine, plainLine, plainLine), lineEnding), { minLength: 1, maxLength: 5 }).chain((lines) =>
  fc.constantFrom('', '\n', '\n\n', '   \n').map((tail) => {
    const text = lines.map(([s, l, e]) => s + l + e).join('');
    return text.replace(/(\r\n|\r|\n)$/, '') + tail;
  }),
);

/** Blocks shaped like the ones the fast path is meant for, so that it accepts many of them. */
