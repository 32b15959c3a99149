/** fast-check arbitraries of dense inline runs, lists (nested, with task boxes) and block quotes. */
import fc from 'fast-check';
import { word, inlineLine, plainLine } from './inline';

export const simpleBlock = fc.oneof(
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
export const denseAtom = fc.constantFrom(
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
export const denseInline = fc.array(denseAtom, { minLength: 1, maxLength: 14 }).chain((atoms) =>
  fc.constantFrom('', '# ', '- ', '| h |\n| - |\n| ').map((prefix) => {
    const body = atoms.join('').replace(/^\s+|\s+$/g, '');
    return prefix.startsWith('|') ? `${prefix}${body.replace(/\n/g, ' ')} |` : prefix + body;
  }),
);

export const itemLine = fc.oneof({ weight: 1, arbitrary: inlineLine }, { weight: 2, arbitrary: plainLine });

/** Indents non-empty lines by `pad` (an empty line stays empty, as a writer's editor leaves it). */
export const indentLines = (lines: string[], pad: string) => lines.map((l) => (l === '' ? l : l.startsWith('\u0000top') ? l.slice(4) : pad + l)).join('\n');

/** Mostly shapes the fast path accepts, so that the lists it reads are many. */
export const nestedLineKind = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', 'wrap', 'outer', 'inner', 'deeper', 'sibling', 'blank') },
  { weight: 1, arbitrary: fc.constantFrom('other', 'top', 'shallow', 'lazy') },
);

/**
 * Lines to put after a list item, each to be indented by the item's content offset: a nested list
 * (bullet or ordered, starting at 1 or not, with its marker indented 0–4 columns), its own wrapped
 * lines, paragraphs and nested lists, and paragraphs back in the outer item.
 */
export const nestedItems = fc
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
export const taskBox = fc.constantFrom('', '', '', '', '', '', '', '[ ] ', '[x] ', '[X] ', '[x]', '[  ] ', '[xy] ', '[@k] ', '[k]: ');

/** Lists with nested lists in their items (see nestedItems). */
export const nestedList = fc
  .tuple(
    fc.constantFrom('- ', '1. ', '* ', '3) '),
    fc.array(fc.tuple(taskBox, itemLine, nestedItems), { minLength: 1, maxLength: 2 }),
    fc.constantFrom('\n', '\n\n'),
  )
  .map(([marker, items, sep]) => items.map(([box, first, nested]) => `${marker}${box}${first}\n${indentLines(nested, ' '.repeat(marker.length))}`).join(sep));

/** Lists with wrapped lines and several paragraphs per item, and block quotes, with inline syntax. */
export const simpleContainer = fc.oneof(
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
