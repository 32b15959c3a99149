/** fast-check arbitraries of whole notes: every kind of block, definitions and the blocks that cite them. */
import fc from 'fast-check';
import { inlinePiece, inlineLine, plainLine } from './inline';
import { simpleBlock, nestedList, simpleContainer } from './containers';

export const label = fc.constantFrom('ref one', 'Ref  One', 'ref two', '^n1', '@key', '1', 'see above', 'k');
export const definition = label.chain((l) =>
  l.startsWith('^')
    ? inlineLine.map((t) => `[${l}]: ${t}\n\n    ${t}`)
    : fc.constantFrom(`[${l}]: https://example.org/r`, `[${l}]:\n  /u 'title'`, `> [${l}]: /in-quote`, `- [${l}]: /in-list`),
);

export const paragraph = fc.array(inlineLine, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
export const fence = fc
  .tuple(fc.constantFrom('```', '````', '~~~', '``` js', '```a`b'), fc.constantFrom('```', '````', '~~~', '', '  ```', '    ```', '```` x'))
  .chain(([open, close]) =>
    fc
      .array(fc.oneof(plainLine, fc.constantFrom('', '', '```', '~~~', '- item', '# hash', '<!--', '$$', '    indented')), { maxLength: 5 })
      .map((body) => [open, ...body, close].join('\n')),
  );
export const listItemBody = fc.oneof(
  inlineLine,
  inlineLine.map((l) => `${l}\n\n  ${l}`),
  plainLine.map((l) => `${l}\n\n  \`\`\`\n  code\n\n  more\n  \`\`\``),
  plainLine.map((l) => `${l}\n  \`\`\`\n  code\n\n\`\`\`\n\n${l}`),
  plainLine.map((l) => `\`\`\`\n  code\n  \`\`\`\n\n${l}\n\n\`\`\``),
  plainLine.map((l) => `${l}\n\n   <!--\n\n   c\n\n-->`),
  plainLine.map((l) => `${l}\nlazy ${l}`),
);
export const list = fc
  .tuple(fc.constantFrom('- ', '* ', '1. ', ' - ', '10) '), fc.array(listItemBody, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\n\n'))
  .map(([m, items, sep]) => items.map((i) => m + i).join(sep));
export const html = fc.oneof(
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
export const quote = fc
  .array(inlineLine, { minLength: 1, maxLength: 3 })
  .chain((lines) =>
    fc.constantFrom(
      lines.map((l) => `> ${l}`).join('\n'),
      `> ${lines[0]}\n${lines.slice(1).join('\n')}`,
      `> \`\`\`\n> ${lines[0]}\n\n${lines[0]}`,
      `> - ${lines[0]}\n>\n>   ${lines[0]}`,
    ),
  );
export const table = fc
  .array(fc.tuple(inlinePiece, inlinePiece), { minLength: 1, maxLength: 3 })
  .map((rows) => ['| Drug | Dose |', '| --- | :-: |', ...rows.map(([a, b]) => `| ${a.replace(/\|/g, '')} | ${b.replace(/\|/g, '')} |`)].join('\n'));
export const heading = fc.oneof(
  inlineLine.map((l) => `# ${l}`),
  inlineLine.map((l) => `${l}\n===`),
  inlineLine.map((l) => `### ${l} ###`),
);
export const math = fc
  .tuple(fc.constantFrom('$$', '$$$', '$$ tex'), fc.constantFrom('$$', '$$$', '', ' $$', '$$ x'))
  .map(([open, close]) => `${open}\nx = 1\n\n- y\n${close}`);
export const misc = fc.constantFrom(
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
export const citing = fc
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

export const noteBlock = fc.oneof(
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
export const separator = fc.constantFrom('\n\n', '\n\n', '\n', '\n\n\n', '\r\n\r\n', '\n \n', '\n\t\n');
export const frontMatter = fc.constantFrom('', '', '', '---\ntitle: x\n\nauthor: y\n---\n\n', '+++\na = 1\n\nb = 2\n+++\n', '\ufeff', '---\nunclosed: yes\n\n');

export const note = fc
  .tuple(frontMatter, fc.array(fc.tuple(noteBlock, separator), { minLength: 1, maxLength: 8 }))
  .map(([fm, blocks]) => fm + blocks.map(([b, s]) => b + s).join(''));
