import type { OffsetRange } from '../types';

/** `#`…`######` then a space or the end of the line, after at most three spaces. */
const atxHeading = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** A setext underline: `===` or `---` alone on its line. */
const setextUnderline = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** Lines that cannot be the text of a setext heading: list items, fences, tables rows, thematic breaks. */
const notHeadingText = /^ {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|```|~~~|\||(?:[-*_][ \t]*){3,}$)/;
/** Block quote markers before a line's content. */
const quotePrefix = /^(?: {0,3}>[ \t]?)+/;

/**
 * The ranges of a note's heading lines, ATX (`# Title`) and setext (a paragraph underlined with
 * `===` or `---`), inside block quotes too, each from its line's start to its end (underline
 * included). The editor keeps its heading style there instead of colouring entities. A line
 * scanner, not a parser: a `#` line inside a fenced code block counts too, which costs nothing,
 * since code holds no entities.
 */
export function headingRanges(text: string): OffsetRange[] {
  const lines: { start: number; end: number; content: string }[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  let start = 0;
  for (;;) {
    const match = lineBreak.exec(text);
    const end = match ? match.index : text.length;
    const raw = text.slice(start, end);
    lines.push({ start, end, content: raw.replace(quotePrefix, '') });
    if (!match) break;
    start = match.index + match[0].length;
  }
  const ranges: OffsetRange[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (atxHeading.test(line.content)) {
      ranges.push({ start: line.start, end: line.end });
      continue;
    }
    if (i === 0 || !setextUnderline.test(line.content)) continue;
    // The heading's text is the paragraph right above the underline.
    let first = i;
    while (first > 0 && isParagraphText(lines[first - 1].content)) first--;
    if (first < i) ranges.push({ start: lines[first].start, end: line.end });
  }
  return ranges;
}

function isParagraphText(content: string): boolean {
  return content.trim() !== '' && !atxHeading.test(content) && !setextUnderline.test(content) && !notHeadingText.test(content);
}
