/**
 * Which characters of a markdown note a reader sees as prose, with exact source offsets.
 *
 * Prose is the text of paragraphs, headings, list items, table cells, block quotes, emphasis,
 * strong, strikethrough, link text and footnote definitions. Code (fenced, indented, inline), link
 * and image destinations and titles, image alt text, autolinks and GFM literal autolinks, HTML,
 * front matter and math are not. Each segment is the source range of one mdast `text` node.
 *
 * remark is slow (a few hundred kB/s, and worse than linear on large notes), so the extractor never
 * gives it the whole note: it splits the note into top-level blocks (see blocks.ts), answers most
 * blocks without a parser (fastPath.ts), and caches what remark said about the others by the exact
 * text it was given. It also keeps the last note it analysed: after an edit it re-splits only from
 * the block before the edit until the split points line up with the old ones again, and carries
 * the other blocks' segments over.
 */
import { runToEnd, type Steps } from '../steps';
import { LruMap } from '../util/collections';
import { neverCancelled, throwIfCancelled, type CancellationToken } from '../types';
import { BlockCache } from './blockCache';
import { planBlocks } from './blockPlan';
import { firstNonSpace, frontMatterEnd, lineEnd } from './syntax';
import { fastBlockSegments, type DefinitionUse } from './fastPath';
import { NoteDefinitions, referencedLabels } from './references';
import { createMarkdownParser, parseBlock, parseBlockTolerantly, type DeclaredLabel, type MarkdownParser, type ParsedBlock } from './remark';

/** A half-open range of UTF-16 offsets into the note; `text.slice(start, end)` is visible prose. */
export interface ProseSegment {
  start: number;
  end: number;
}

export interface ProseExtractorOptions {
  /** How many parsed blocks to remember (least recently used go first). Default 20 000. */
  maxCachedBlocks?: number;
}

/** How the last call to `segments` got its answer, block by block. */
export interface ProseExtractionStats {
  readonly blocks: number;
  /** Blocks answered without a parser. */
  readonly fastPath: number;
  /** Other blocks whose segments were carried over from the previous call (the edit did not touch them). */
  readonly reused: number;
  /** Blocks whose parse was found in the cache. */
  readonly cached: number;
  /** Parses run by remark (including ones made to decide where a block ends). */
  readonly parsed: number;
  /** Entries in the block cache after the call (at most maxCachedBlocks). */
  readonly cacheEntries: number;
}

const defaultMaxCachedBlocks = 20_000;
/** How many documents' previous versions are kept (least recently analysed go first). */
const maxRememberedDocuments = 64;

export class ProseExtractor {
  private readonly parser: MarkdownParser = createMarkdownParser();
  private readonly cache: BlockCache<CacheEntry>;
  private stats: ProseExtractionStats = { blocks: 0, fastPath: 0, reused: 0, cached: 0, parsed: 0, cacheEntries: 0 };
  /**
   * The last version analysed of each document, so that the next call for it reuses the blocks an
   * edit did not touch; kept per document so that alternating between notes stays incremental.
   */
  private readonly previousByDocument = new LruMap<string, AnalysedNote>(maxRememberedDocuments);
  private cachedCount = 0;
  private parsedCount = 0;

  constructor(options?: ProseExtractorOptions) {
    this.cache = new BlockCache(options?.maxCachedBlocks ?? defaultMaxCachedBlocks);
  }

  /** Statistics of the most recent `segments` call. */
  get lastRunStats(): ProseExtractionStats {
    return this.stats;
  }

  /**
   * Prose segments of the whole note, in order, non-overlapping. Throws CancelledError when the
   * token is cancelled (checked between blocks).
   */
  segments(text: string, token: CancellationToken = neverCancelled, documentKey = ''): ProseSegment[] {
    return runToEnd(this.segmentSteps(text, token, documentKey));
  }

  /**
   * `segments` as steps that pause between blocks, for hosts that analyse in slices. The
   * `documentKey` (a URI) names whose previous version an edit is compared with.
   */
  *segmentSteps(text: string, token: CancellationToken = neverCancelled, documentKey = ''): Steps<ProseSegment[]> {
    throwIfCancelled(token);
    const previous = this.previousByDocument.get(documentKey);
    this.cachedCount = 0;
    this.parsedCount = 0;
    const poison = unclosedFrontMatterFence(text);
    const tailOf = (start: number, end: number) => this.parse(blockSource(text, start, end, '', poison).source).openAtEnd;
    const plan = planBlocks(previous, text, poison, tailOf);
    const { starts, reuse } = plan;
    const count = starts.length;
    const blockEnd = (i: number) => (i + 1 < count ? starts[i + 1] : text.length);

    // What each block is: carried over from the previous call, or looked up by its text.
    const facts: BlockFacts[] = new Array(count);
    let definitionsMayChange = reuse === undefined;
    for (let i = 0; i < count; i++) {
      const old = reuse?.(i);
      if (old !== undefined) {
        facts[i] = previous!.facts[old];
        continue;
      }
      const body = text.slice(starts[i], blockEnd(i));
      facts[i] = i === 0 && isFrontMatterOnly(body) ? frontMatterFacts : this.factsOf(body, poison !== '');
      if (facts[i].mayDefine) definitionsMayChange = true;
      yield;
    }
    if (!definitionsMayChange && previous) {
      for (const old of plan.replacedOld) if (previous.facts[old].mayDefine) definitionsMayChange = true;
    }

    let definitions = previous?.definitions;
    if (definitionsMayChange || !definitions) {
      definitions = new NoteDefinitions();
      for (let i = 0; i < count; i++) {
        if (!facts[i].mayDefine) continue;
        if (facts[i].fast) {
          definitions.add(facts[i].declared);
          continue;
        }
        throwIfCancelled(token);
        definitions.add(this.parse(blockSource(text, starts[i], blockEnd(i), '', poison).source).labels);
        yield;
      }
    }
    const definitionsChanged = definitions.signature !== previous?.definitions.signature;

    const blockSegments: (readonly number[])[] = new Array(count);
    let fastCount = 0;
    let reusedCount = 0;
    for (let i = 0; i < count; i++) {
      const f = facts[i];
      if (f.fast && f.footnoteCalls.every((key) => definitions.has(key)) && !f.undefinedLabels.some((key) => definitions.has(key))) {
        fastCount++;
        blockSegments[i] = f.fast;
        continue;
      }
      const old = reuse?.(i);
      if (old !== undefined && !(definitionsChanged && f.mayReference)) {
        reusedCount++;
        blockSegments[i] = previous!.blockSegments[old];
        continue;
      }
      throwIfCancelled(token);
      blockSegments[i] = this.proseOfBlock(text, starts[i], blockEnd(i), f, definitions, poison);
      yield;
    }

    const out: ProseSegment[] = [];
    for (let i = 0; i < count; i++) {
      const start = starts[i];
      const relative = blockSegments[i];
      for (let k = 0; k < relative.length; k += 2) out.push({ start: start + relative[k], end: start + relative[k + 1] });
      if (i % 256 === 255) yield;
    }
    this.previousByDocument.set(documentKey, { text, poison, starts, facts, blockSegments, definitions });
    this.stats = {
      blocks: count,
      fastPath: fastCount,
      reused: reusedCount,
      cached: this.cachedCount,
      parsed: this.parsedCount,
      cacheEntries: this.cache.size,
    };
    return out;
  }

  /** Forgets a document's previous version (it was closed). */
  forget(documentKey: string): void {
    this.previousByDocument.delete(documentKey);
  }

  /** Segments of the block text[start, end) relative to its start, from remark (or its cache). */
  private proseOfBlock(text: string, start: number, end: number, facts: BlockFacts, definitions: NoteDefinitions, poison: string): number[] {
    let declarations = '';
    if (definitions.size > 0 && facts.mayReference) {
      const own = facts.mayDefine ? this.parse(blockSource(text, start, end, '', poison).source).labels : [];
      declarations = definitions.declarationsFor(referencedLabels(text, start, end), own);
    }
    const { source, offset } = blockSource(text, start, end, declarations, poison);
    const segments = this.parse(source).segments;
    const length = end - start;
    const relative: number[] = [];
    for (let k = 0; k < segments.length; k += 2) {
      const from = segments[k] - offset;
      const to = segments[k + 1] - offset;
      if (from >= 0 && to <= length) relative.push(from, to);
    }
    return relative;
  }

  /** What a block's text says about it, computed once per distinct text. */
  private factsOf(body: string, poisoned: boolean): BlockFacts {
    const entry = this.cache.get(body);
    if (entry?.facts && !poisoned) return entry.facts;
    const uses: DefinitionUse = { calls: [], undefinedLabels: [], declared: [] };
    const facts: BlockFacts = {
      // Without containers (see unclosedFrontMatterFence) a list line is a paragraph: no shortcuts.
      fast: poisoned ? undefined : fastBlockSegments(body, 0, body.length, uses),
      footnoteCalls: uses.calls,
      undefinedLabels: uses.undefinedLabels,
      declared: uses.declared,
      mayDefine: body.includes(']:'),
      mayReference: body.includes('['),
    };
    if (!poisoned) {
      if (entry) entry.facts = facts;
      else this.cache.set(body, { facts });
    }
    return facts;
  }

  private parse(source: string): ParsedBlock {
    const entry = this.cache.get(source);
    if (entry?.parsed) {
      this.cachedCount++;
      return entry.parsed;
    }
    const parsed = parseBlockTolerantly(this.parser, source);
    this.parsedCount++;
    if (entry) entry.parsed = parsed;
    else this.cache.set(source, { parsed });
    return parsed;
  }
}

/** What the extractor keeps of the last note it analysed. */
interface AnalysedNote {
  readonly text: string;
  readonly poison: string;
  readonly starts: readonly number[];
  readonly facts: readonly BlockFacts[];
  /** Per block, its prose segments relative to the block start. */
  readonly blockSegments: readonly (readonly number[])[];
  readonly definitions: NoteDefinitions;
}

/** What the extractor remembers about one distinct text (a block's text, or what remark was given). */
interface CacheEntry {
  facts?: BlockFacts;
  parsed?: ParsedBlock;
}

interface BlockFacts {
  /** Segments relative to the block start when no parser is needed. */
  readonly fast: readonly number[] | undefined;
  /** Footnote labels the fast segments assume the note defines (else remark decides). */
  readonly footnoteCalls: readonly string[];
  /** Labels of bracketed text the fast segments assume the note does not define (else remark decides). */
  readonly undefinedLabels: readonly string[];
  /** Footnote definitions the block makes, when it took the fast path. */
  readonly declared: readonly DeclaredLabel[];
  /** The block may declare a link reference or footnote definition (it holds `]:`). */
  readonly mayDefine: boolean;
  /** The block may use a definition (it holds `[`). */
  readonly mayReference: boolean;
}

const frontMatterFacts: BlockFacts = Object.freeze({
  fast: Object.freeze([]),
  footnoteCalls: [],
  undefinedLabels: [],
  declared: [],
  mayDefine: false,
  mayReference: false,
});

/** Whether the note's first block is closed front matter followed by blank lines only. */
function isFrontMatterOnly(body: string): boolean {
  const end = frontMatterEnd(body, body.charCodeAt(0) === 0xfeff ? 1 : 0);
  return end !== undefined && firstNonSpaceOrBreak(body, end) === body.length;
}

function firstNonSpaceOrBreak(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/**
 * The text remark is given for the block text[start, end), and where the block starts in it.
 *
 * - Definitions the block needs from elsewhere go before it, or after the first block (which may
 *   open with front matter that must stay at the very start; it ends in a blank line, as every
 *   block but the last does).
 * - A later block is never parsed at the start of a document: remark reads front matter there and
 *   strips a byte order mark.
 * - In a note whose front matter never closes, every block is parsed after the same unclosed fence
 *   (see unclosedFrontMatterFence).
 */
function blockSource(text: string, start: number, end: number, declarations: string, poison: string): { source: string; offset: number } {
  const body = text.slice(start, end);
  if (start === 0) return { source: declarations === '' ? body : body + '\n\n' + declarations, offset: 0 };
  let prefix = poison + declarations;
  if (prefix === '') {
    const c = body.charCodeAt(0);
    if (c === 45 || c === 43 || c === 0xfeff) prefix = '\n';
  }
  return { source: prefix + body, offset: prefix.length };
}

/**
 * When a note opens with a front matter fence (`---` or `+++`) that never closes, remark-frontmatter's
 * failed attempt has consumed every line as "concrete" content, so micromark forms no containers
 * (lists, block quotes, footnote definitions) anywhere in the note. That is what a whole-note parse
 * yields, so each block is parsed after the same unclosed fence plus a blank line, which reproduces
 * it. (The fence cannot close inside a block: the note has no closing fence line at all.)
 * Returns that prefix, or '' for notes without the problem.
 */
function unclosedFrontMatterFence(text: string): string {
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const c = text.charCodeAt(from);
  if (c !== 45 && c !== 43) return '';
  const le = lineEnd(text, from, text.length);
  if (le === text.length || le - from < 3) return '';
  if (text.charCodeAt(from + 1) !== c || text.charCodeAt(from + 2) !== c || firstNonSpace(text, from + 3, le) !== le) return '';
  if (frontMatterEnd(text, from) !== undefined) return '';
  return c === 45 ? '---\n\n' : '+++\n\n';
}

/**
 * Reference implementation: the whole note through remark in one parse. Exact but slow on large
 * notes; the extractor is tested against it.
 */
export function remarkProseSegments(text: string): ProseSegment[] {
  const { segments } = parseBlock(createMarkdownParser(), text);
  const out: ProseSegment[] = [];
  for (let k = 0; k < segments.length; k += 2) out.push({ start: segments[k], end: segments[k + 1] });
  return out;
}
