import type { OffsetRange } from '../types';
import { abbreviatedStart, isShortFormShaped } from '../text/abbreviation';
import type { Recognition } from './recognizer';
import type { UnresolvedMention } from './tagged';
import type { TaggedKind } from '../tagger/model';

/**
 * Abbreviations a note defines: 'valproic acid (VPA)' — a recognised entity, then a short form
 * in parentheses that abbreviates it by the Schwartz–Hearst test (see text/abbreviation.ts). From
 * then on, in this note, the short form is that entity: its hover says where it was defined.
 * Uses before the definition are that entity too, and carry the finding
 * abbreviation-before-definition. A long form the tagger found and the vocabulary cannot name
 * ('tri-ortho-tolyl phosphate (TOTP)') defines its short form too: each use is then an unresolved
 * mention of the same kind, whose card is the long form's.
 */

/** Where and as what a short form is defined. */
export interface AbbreviationDefinition {
  readonly short: string;
  /** The long form as written: 'valproic acid'. */
  readonly longForm: string;
  /** Offset of the long form's start, for the line a hover names. */
  readonly at: number;
}

/** A short form's mention, with its definition. */
export interface AbbreviationMention extends Recognition {
  readonly definition: AbbreviationDefinition;
}

export function isAbbreviationMention(m: Recognition): m is AbbreviationMention {
  return (m as Partial<AbbreviationMention>).definition !== undefined;
}

/** The long form is searched for among this many words before the parenthesis, as Schwartz and Hearst do: min(|SF| + 5, 2·|SF|). */
const longFormWords = (short: string): number => Math.min(short.length + 5, short.length * 2);

/** A note's mentions and unresolved mentions, in document order. */
export interface NoteMentions {
  readonly mentions: readonly Recognition[];
  readonly unresolved: readonly UnresolvedMention[];
}

/**
 * The mentions of a note with its abbreviations added: every use of a defined short form in the
 * prose becomes a mention of the defined entity, or an unresolved mention where the long form was
 * one (a mention of the same span is replaced; a use inside a longer mention is left to it).
 * Mentions must be in document order; so is the result.
 */
export function withAbbreviations(text: string, segments: readonly OffsetRange[], found: NoteMentions): NoteMentions {
  const definitions = findDefinitions(text, segments, longFormCandidates(found));
  if (definitions.size === 0) return found;
  const uses = findUses(text, segments, definitions);
  const named = uses.filter((use): use is AbbreviationMention => 'kind' in use);
  const unnamed = uses.filter((use): use is UnresolvedMention => !('kind' in use));
  // A use gives way to a longer unresolved span of its kind that holds it ('4-ene-VPA', a metabolite of
  // VPA), not to one of the other kind ('NMDA receptor': NMDA is what the note defined); an
  // unresolved use gives way to a longer mention too.
  const unheld = (use: AbbreviationMention | UnresolvedMention) => {
    const u = firstOverlapping(found.unresolved, use);
    return u === undefined || !strictlyInside(use, u) || taggedKindOf(use) !== u.tagged;
  };
  const kept = unnamed.filter((use) => {
    const m = firstOverlapping(found.mentions, use);
    return (m === undefined || sameSpan(m, use)) && unheld(use);
  });
  const mentions = mergeUses(found.mentions, named.filter(unheld), kept);
  const unresolved = [...found.unresolved.filter((u) => !firstOverlapping(kept, u) && !firstOverlapping(mentions, u)), ...kept];
  return { mentions, unresolved: unresolved.sort((a, b) => a.start - b.start) };
}

/** The mentions with the named uses put in: a use that is exactly a mention replaces it, one overlapping it otherwise gives way; a mention an unresolved use replaces is dropped. */
function mergeUses(mentions: readonly Recognition[], uses: readonly AbbreviationMention[], unresolvedUses: readonly UnresolvedMention[]): Recognition[] {
  const out: Recognition[] = [];
  let u = 0;
  for (const m of mentions) {
    while (u < uses.length && uses[u].end <= m.start) out.push(uses[u++]);
    let replaced = unresolvedUses.some((use) => sameSpan(use, m));
    while (u < uses.length && uses[u].start < m.end) {
      const use = uses[u++];
      if (sameSpan(use, m)) {
        out.push(use);
        replaced = true;
      }
    }
    if (!replaced) out.push(m);
  }
  while (u < uses.length) out.push(uses[u++]);
  return out;
}

/** The first of the ranges (sorted by start, not overlapping one another) that a range overlaps. */
function firstOverlapping<R extends OffsetRange>(ranges: readonly R[], range: OffsetRange): R | undefined {
  let lo = 0;
  let hi = ranges.length;
  // The first range that ends after this one starts.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid].end <= range.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo].start < range.end ? ranges[lo] : undefined;
}
const sameSpan = (a: OffsetRange, b: OffsetRange): boolean => a.start === b.start && a.end === b.end;
const strictlyInside = (inner: OffsetRange, outer: OffsetRange): boolean =>
  inner.start >= outer.start && inner.end <= outer.end && inner.end - inner.start < outer.end - outer.start;

/** The tagger kind a use is of: a drug is a chemical, anything else a gene product. */
function taggedKindOf(use: AbbreviationMention | UnresolvedMention): TaggedKind {
  return 'kind' in use ? (use.kind === 'drug' ? 'chemical' : 'gene') : use.tagged;
}

/** What a long form can be: a recognised entity, or a mention the tagger found that the vocabulary cannot name. */
type LongFormCandidate = Recognition | UnresolvedMention;

/** The mentions and unresolved mentions in document order, a mention before an unresolved one of the same end. */
function longFormCandidates(found: NoteMentions): LongFormCandidate[] {
  if (found.unresolved.length === 0) return [...found.mentions];
  return [...found.mentions, ...found.unresolved].sort((a, b) => a.end - b.end || a.start - b.start);
}

interface Defined {
  definition: AbbreviationDefinition;
  entity: LongFormCandidate;
}

/** The first definition of each short form, keyed by the short form as written. */
function findDefinitions(text: string, segments: readonly OffsetRange[], candidates: readonly LongFormCandidate[]): Map<string, Defined> {
  const definitions = new Map<string, Defined>();
  let next = 0;
  for (const segment of segments) {
    const prose = text.slice(segment.start, segment.end);
    for (const parenthesis of prose.matchAll(/\(\s*([^()\n]{2,10}?)\s*\)/g)) {
      const short = parenthesis[1];
      if (!isShortFormShaped(short) || !/\p{Lu}/u.test(short) || definitions.has(short)) continue;
      const open = segment.start + parenthesis.index;
      // The mention that ends right before the parenthesis.
      while (next < candidates.length && candidates[next].end <= open) next++;
      const before = candidates[next - 1];
      if (!before || before.start < segment.start || text.slice(before.end, open).trim() !== '') continue;
      const definition = definitionOf(text, segment.start, before, short);
      if (definition) definitions.set(short, { definition, entity: before });
    }
  }
  return definitions;
}

/** The definition a short form after a mention makes, if the short form abbreviates it. */
function definitionOf(text: string, segmentStart: number, mention: OffsetRange, short: string): AbbreviationDefinition | undefined {
  // The short form's last letter comes from the entity it names: 'iNOS' after 'nitric oxide' names the synthase.
  const last = short.match(/[\p{L}\p{N}](?=[^\p{L}\p{N}]*$)/u)?.[0].toLowerCase();
  if (last === undefined || !text.slice(mention.start, mention.end).toLowerCase().includes(last)) return undefined;
  // The long form does not reach back past a parenthesis, a bracket or a semicolon before the entity:
  // 'succinylcholine (Group PS) or rocuronium (Group PR)' defines no 'Group PR' as rocuronium.
  const from = Math.max(segmentStart, lastDelimiterBefore(text, mention.start) + 1);
  const words = text.slice(from, mention.end).split(/(?<=\s)(?=\S)/);
  const window = words.slice(-longFormWords(short)).join('');
  const start = abbreviatedStart(short, window);
  if (start < 0) return undefined;
  const longStart = Math.min(mention.end - window.length + start, mention.start);
  // A long form is longer than its short form, and ends with the entity it names.
  if (mention.end - longStart <= short.length) return undefined;
  return { short, longForm: text.slice(longStart, mention.end).replace(/\s+/g, ' '), at: longStart };
}

function lastDelimiterBefore(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('(', offset - 1), text.lastIndexOf(')', offset - 1), text.lastIndexOf(';', offset - 1), text.lastIndexOf(']', offset - 1));
}

/** Every use of a defined short form in the prose, in document order. */
function findUses(text: string, segments: readonly OffsetRange[], definitions: ReadonlyMap<string, Defined>): (AbbreviationMention | UnresolvedMention)[] {
  const alternatives = [...definitions.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const uses: (AbbreviationMention | UnresolvedMention)[] = [];
  for (const segment of segments) {
    const prose = text.slice(segment.start, segment.end);
    for (const found of prose.matchAll(pattern)) {
      const { definition, entity } = definitions.get(found[0])!;
      const start = segment.start + found.index;
      const end = start + found[0].length;
      if (!('kind' in entity)) {
        uses.push({ start, end, text: found[0], tagged: entity.tagged, definition });
        continue;
      }
      uses.push({
        start,
        end,
        text: found[0],
        kind: entity.kind,
        id: entity.id,
        canonical: entity.canonical,
        entity: entity.entity,
        role: 'synonym',
        definition,
      });
    }
  }
  return uses;
}

/** What a hover says of a short form: 'VPA: defined on line 3 as valproic acid'. */
export function definitionNote(text: string, { definition }: { readonly definition: AbbreviationDefinition }): string {
  return `${definition.short}: defined on line ${lineOf(text, definition.at)} as ${definition.longForm}`;
}

/** The 1-based line an offset is on. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
