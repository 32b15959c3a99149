import type { OffsetRange } from '../types';
import { abbreviatedStart, isShortFormShaped } from '../text/abbreviation';
import type { Recognition } from './recognizer';

/**
 * Abbreviations a note defines: 'valproic acid (VPA)' — a recognised entity, then a short form
 * in parentheses that abbreviates it by the Schwartz–Hearst test (see text/abbreviation.ts). From
 * then on, in this note, the short form is that entity: its hover says where it was defined.
 * Uses before the definition are that entity too, and carry the finding
 * abbreviation-before-definition.
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

/**
 * The mentions of a note with its abbreviations added: every use of a defined short form in the
 * prose becomes a mention of the defined entity (a mention of the same span is replaced; a use
 * inside a longer mention is left to it). Mentions must be in document order; so is the result.
 */
export function withAbbreviations(text: string, segments: readonly OffsetRange[], mentions: readonly Recognition[]): readonly Recognition[] {
  const definitions = findDefinitions(text, segments, mentions);
  if (definitions.size === 0) return mentions;
  const uses = findUses(text, segments, definitions);
  const out: Recognition[] = [];
  let u = 0;
  for (const m of mentions) {
    while (u < uses.length && uses[u].end <= m.start) out.push(uses[u++]);
    // A use that is exactly this mention replaces it; one overlapping it otherwise gives way.
    let replaced = false;
    while (u < uses.length && uses[u].start < m.end) {
      const use = uses[u++];
      if (use.start === m.start && use.end === m.end) {
        out.push(use);
        replaced = true;
      }
    }
    if (!replaced) out.push(m);
  }
  while (u < uses.length) out.push(uses[u++]);
  return out;
}

interface Defined {
  definition: AbbreviationDefinition;
  entity: Recognition;
}

/** The first definition of each short form, keyed by the short form as written. */
function findDefinitions(text: string, segments: readonly OffsetRange[], mentions: readonly Recognition[]): Map<string, Defined> {
  const definitions = new Map<string, Defined>();
  let next = 0;
  for (const segment of segments) {
    const prose = text.slice(segment.start, segment.end);
    for (const parenthesis of prose.matchAll(/\(\s*([^()\n]{2,10}?)\s*\)/g)) {
      const short = parenthesis[1];
      if (!isShortFormShaped(short) || !/\p{Lu}/u.test(short) || definitions.has(short)) continue;
      const open = segment.start + parenthesis.index;
      // The mention that ends right before the parenthesis.
      while (next < mentions.length && mentions[next].end <= open) next++;
      const before = mentions[next - 1];
      if (!before || before.start < segment.start || text.slice(before.end, open).trim() !== '') continue;
      const definition = definitionOf(text, segment.start, before, short);
      if (definition) definitions.set(short, { definition, entity: before });
    }
  }
  return definitions;
}

/** The definition a short form after a mention makes, if the short form abbreviates it. */
function definitionOf(text: string, segmentStart: number, mention: Recognition, short: string): AbbreviationDefinition | undefined {
  const words = text.slice(segmentStart, mention.end).split(/(?<=\s)(?=\S)/);
  const window = words.slice(-longFormWords(short)).join('');
  const start = abbreviatedStart(short, window);
  if (start < 0) return undefined;
  const longStart = Math.min(mention.end - window.length + start, mention.start);
  // A long form is longer than its short form, and ends with the entity it names.
  if (mention.end - longStart <= short.length) return undefined;
  return { short, longForm: text.slice(longStart, mention.end).replace(/\s+/g, ' '), at: longStart };
}

/** Every use of a defined short form in the prose, in document order. */
function findUses(text: string, segments: readonly OffsetRange[], definitions: ReadonlyMap<string, Defined>): AbbreviationMention[] {
  const alternatives = [...definitions.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const uses: AbbreviationMention[] = [];
  for (const segment of segments) {
    const prose = text.slice(segment.start, segment.end);
    for (const found of prose.matchAll(pattern)) {
      const { definition, entity } = definitions.get(found[0])!;
      const start = segment.start + found.index;
      uses.push({
        start,
        end: start + found[0].length,
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
export function definitionNote(text: string, m: AbbreviationMention): string {
  return `${m.definition.short}: defined on line ${lineOf(text, m.definition.at)} as ${m.definition.longForm}`;
}

/** The 1-based line an offset is on. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
