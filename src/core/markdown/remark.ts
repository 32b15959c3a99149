/**
 * The remark side of prose extraction: one parser configuration, and what the extractor needs from
 * a parsed tree (text node ranges, the definitions it declares, whether it ends inside an open
 * fence, math or raw HTML block).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMath from 'remark-math';
import type { Nodes, Root } from 'mdast';
import { exceedsMarkdownBounds, plainTextSegments } from './bounds';
import { firstNonSpace, normalizeLabel, leafClosesOnLine, leafOpenerAt, lineEnd, nextLineStart, type OpenLeaf } from './syntax';

export interface MarkdownParser {
  parse(text: string): Root;
}

/** unified with remark-parse, GFM, YAML/TOML front matter and math: used only to parse. */
export function createMarkdownParser(): MarkdownParser {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkMath);
  return { parse: (text) => processor.parse(text) };
}

/** A link reference or footnote definition found in a block, as the text that re-declares it. */
export interface DeclaredLabel {
  /** Normalised label; footnote labels carry a leading `^`. */
  readonly key: string;
  /** A minimal definition with the same label, ending in a blank line. */
  readonly declaration: string;
}

/** What one parse of one block yields. Offsets are relative to the parsed string. */
export interface ParsedBlock {
  /** Flat [start, end, start, end, …] of text nodes that are prose, in document order. */
  readonly segments: readonly number[];
  readonly labels: readonly DeclaredLabel[];
  /** The construct still open at the end of the parsed string, if the last top-level node is one. */
  readonly openAtEnd: OpenLeaf | undefined;
}

const BOM = 0xfeff;

/** Nodes whose subtree never holds prose. */
const skippedTypes = new Set(['code', 'inlineCode', 'html', 'yaml', 'toml', 'math', 'inlineMath', 'image', 'imageReference', 'definition']);

/**
 * Parses `source` and reads prose ranges out of the tree. remark drops a leading byte order mark and
 * counts offsets from after it; they are shifted back so they index `source`.
 */
export function parseBlock(parser: MarkdownParser, source: string): ParsedBlock {
  const shift = source.charCodeAt(0) === BOM ? 1 : 0;
  const tree = parser.parse(source);
  return readTree(tree, source, shift);
}

/**
 * Like parseBlock, but a block beyond the bounds remark handles well (see bounds.ts) is read as
 * plain text instead, and so is one that still makes remark run out of stack (deep nesting of a
 * shape the bounds do not foresee): one hostile block must neither stall the analysis of a note
 * nor hide its words.
 */
export function parseBlockTolerantly(parser: MarkdownParser, source: string): ParsedBlock {
  if (exceedsMarkdownBounds(source)) return plainTextBlock(source);
  try {
    return parseBlock(parser, source);
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) return plainTextBlock(source);
    throw error;
  }
}

/** A block read as plain text: its lines are prose; it declares nothing and leaves nothing open. */
function plainTextBlock(source: string): ParsedBlock {
  return { segments: plainTextSegments(source), labels: [], openAtEnd: undefined };
}

function readTree(tree: Root, source: string, shift: number): ParsedBlock {
  const segments: number[] = [];
  const labels: DeclaredLabel[] = [];
  // An explicit stack: block quotes and lists can nest deeply in hostile input.
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined && end > start) segments.push(start + shift, end + shift);
      continue;
    }
    if (node.type === 'definition' || node.type === 'footnoteDefinition') {
      const label = (node.label ?? node.identifier).replace(/[\r\n]+/g, ' ');
      labels.push(
        node.type === 'definition'
          ? { key: normalizeLabel(label), declaration: `[${label}]: #\n\n` }
          : { key: '^' + normalizeLabel(label), declaration: `[^${label}]: x\n\n` },
      );
    }
    if (skippedTypes.has(node.type)) continue;
    // Autolinks (`<https://…>`) and GFM literal autolinks are link nodes too; only a link written
    // with brackets has link text a reader sees as prose.
    if (node.type === 'link') {
      const start = node.position?.start.offset;
      if (start === undefined || source.charCodeAt(start + shift) !== 91) continue;
    }
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return { segments, labels, openAtEnd: openLeafAtEnd(tree, source, shift) };
}

/** End of the last line of `source` that is not blank. */
function lastContentEnd(source: string): number {
  let i = source.length;
  while (i > 0) {
    const c = source.charCodeAt(i - 1);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i--;
  }
  return i;
}

/**
 * If the parsed text ends inside a top-level fenced code block, `$$` math block or HTML block of
 * types 1–5 (one that a following unindented line would continue), describe it.
 */
function openLeafAtEnd(tree: Root, source: string, shift: number): OpenLeaf | undefined {
  const last = tree.children[tree.children.length - 1];
  if (!last || (last.type !== 'code' && last.type !== 'math' && last.type !== 'html')) return undefined;
  const start = (last.position?.start.offset ?? 0) + shift;
  const end = (last.position?.end.offset ?? 0) + shift;
  if (end < lastContentEnd(source)) return undefined;
  const firstLineEnd = lineEnd(source, start, source.length);
  const at = firstNonSpace(source, start, firstLineEnd);
  const opened = leafOpenerAt(source, at, firstLineEnd);
  if (!opened) return undefined; // indented code, or an HTML block that a blank line ends
  if (opened.leaf.kind === 'math' && last.type !== 'math') return undefined;
  if (opened.leaf.kind === 'fence' && last.type !== 'code') return undefined;
  if (opened.leaf.kind === 'html' && last.type !== 'html') return undefined;
  if (opened.closedOnSameLine) return undefined;
  let ls = nextLineStart(source, firstLineEnd, source.length);
  while (ls < end) {
    const le = lineEnd(source, ls, source.length);
    if (leafClosesOnLine(opened.leaf, source, ls, le)) return undefined;
    ls = nextLineStart(source, le, source.length);
  }
  return opened.leaf;
}
