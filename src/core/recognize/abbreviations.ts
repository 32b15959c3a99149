import type { OffsetRange } from '../types';
import { abbreviatedStart, isShortFormShaped, longFormWindow } from '../text/abbreviation';
import type { Recognition } from './recognizer';
import { namesNothing, type UnresolvedMention } from './tagged';
import type { TaggedKind } from '../tagger/model';
import { KeptRuns, type NoteEdit } from './keptRuns';

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

/** A note's mentions and unresolved mentions, in document order. */
export interface NoteMentions {
  readonly mentions: readonly Recognition[];
  readonly unresolved: readonly UnresolvedMention[];
}

/** A use of a short form in a run of prose, relative to the run. */
interface FoundUse {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What one run of prose holds of a note's abbreviations, relative to the run: the same wherever the run is. */
interface RunAbbreviations {
  /** The definitions the run makes, in order, the first of each short form only. */
  readonly definitions: readonly RunDefinition[];
  /** Its uses of the short forms of `index` (the note's), found again when the note's short forms change. */
  uses?: { readonly index: ShortFormIndex; readonly found: readonly FoundUse[] };
}

interface RunDefinition {
  readonly short: string;
  readonly longForm: string;
  /** The long form's start in the run. */
  readonly at: number;
  /** What the long form names: only its entity (or tagged kind) is read, never its offsets. */
  readonly names: LongFormCandidate;
}

/** The note's short forms, as last indexed: the same set of short forms keeps the index, and each run's uses of it. */
interface IndexedShortForms {
  readonly key: string;
  readonly index: ShortFormIndex;
}

/**
 * The abbreviations of one note, read incrementally: what each run of prose defines and where it
 * uses the note's short forms depend on the run's text alone (and on which short forms the note
 * defines), so they are kept per run from one version to the next (see KeptRuns), and an edit reads
 * only the runs it changed. Which definition of a short form counts (the first) and the uses' mentions
 * are then put together for the whole note, which takes a pass over the definitions and uses only.
 */
export class NoteAbbreviations {
  private readonly kept = new KeptRuns<RunAbbreviations>();
  private shortForms: IndexedShortForms | undefined;

  /**
   * The mentions of a note with its abbreviations added: every use of a defined short form in the
   * prose becomes a mention of the defined entity, or an unresolved mention where the long form was
   * one (a mention of the same span is replaced; a use inside a longer mention is left to it).
   * `runs` are the segments' texts and `perRun` each segment's own mentions, `found` all of them,
   * in document order; so is the result.
   */
  read(
    text: string,
    segments: readonly OffsetRange[],
    runs: readonly string[],
    perRun: readonly NoteMentions[],
    found: NoteMentions,
    edit?: NoteEdit,
  ): NoteMentions {
    const match = this.kept.match(text, segments, edit);
    const byRun: RunAbbreviations[] = new Array(runs.length);
    const definitions = new Map<string, Defined>();
    for (let i = 0; i < runs.length; i++) {
      const from = match.previous[i];
      const kept = from >= 0 ? match.kept[from] : { definitions: runDefinitions(runs[i], segments[i].start, perRun[i]) };
      byRun[i] = kept;
      for (const d of kept.definitions) {
        if (definitions.has(d.short)) continue;
        const definition = { short: d.short, longForm: d.longForm, at: segments[i].start + d.at };
        definitions.set(d.short, { definition, entity: d.names });
      }
    }
    this.kept.keep(text, segments, byRun);
    if (definitions.size === 0) return found;
    const index = this.indexOf(definitions.keys());
    const uses: (AbbreviationMention | UnresolvedMention)[] = [];
    for (let i = 0; i < runs.length; i++) {
      const kept = byRun[i];
      if (kept.uses?.index !== index) kept.uses = { index, found: [...shortFormUses(runs[i], { start: 0, end: runs[i].length }, index)] };
      const offset = segments[i].start;
      for (const use of kept.uses.found) uses.push(useOf(use, offset, definitions.get(use.text)!));
    }
    return mergedWithUses(found, uses);
  }

  /** The index of these short forms: the last one when they are the same set. */
  private indexOf(shortForms: Iterable<string>): ShortFormIndex {
    const key = [...shortForms].sort().join('\n');
    if (this.shortForms?.key !== key) this.shortForms = { key, index: indexShortForms(key.split('\n')) };
    return this.shortForms.index;
  }
}

/** A use found in a run at `offset` in the note, as the mention of what its short form names. */
function useOf(use: FoundUse, offset: number, { definition, entity }: Defined): AbbreviationMention | UnresolvedMention {
  const start = use.start + offset;
  const end = use.end + offset;
  if (!('kind' in entity)) return { start, end, text: use.text, tagged: entity.tagged, definition };
  return { start, end, text: use.text, kind: entity.kind, id: entity.id, canonical: entity.canonical, entity: entity.entity, role: 'synonym', definition };
}

/** The note's mentions with the uses of its short forms (in document order) put in. */
function mergedWithUses(found: NoteMentions, uses: readonly (AbbreviationMention | UnresolvedMention)[]): NoteMentions {
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
  // Uses do not overlap one another, so each starts at its own offset.
  const unresolvedEndAt = new Map(unresolvedUses.map((use) => [use.start, use.end]));
  let u = 0;
  for (const m of mentions) {
    while (u < uses.length && uses[u].end <= m.start) out.push(uses[u++]);
    let replaced = unresolvedEndAt.get(m.start) === m.end;
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

/** A run's mentions and unresolved mentions in order of their ends, a mention before an unresolved one of the same end. */
function longFormCandidates(found: NoteMentions): LongFormCandidate[] {
  if (found.unresolved.length === 0) return found.mentions as LongFormCandidate[];
  return [...found.mentions, ...found.unresolved].sort((a, b) => a.end - b.end || a.start - b.start);
}

interface Defined {
  definition: AbbreviationDefinition;
  entity: LongFormCandidate;
}

/**
 * The definitions one run of prose makes, the first of each short form, at offsets relative to
 * the run; `found` are the run's own mentions, at their offsets in the note (the run starts at `offset`).
 */
function runDefinitions(prose: string, offset: number, found: NoteMentions): RunDefinition[] {
  const definitions: RunDefinition[] = [];
  const candidates = longFormCandidates(found);
  let next = 0;
  for (const parenthesis of prose.matchAll(/\(\s*([^()\n]{2,10}?)\s*\)/g)) {
    const short = parenthesis[1];
    // 'messenger RNA (mRNA)' defines no mention: an mRNA is no gene or chemical in particular.
    if (!isShortFormShaped(short) || !/\p{Lu}/u.test(short) || namesNothing(short) || definitions.some((d) => d.short === short)) continue;
    const open = parenthesis.index;
    // The mention that ends right before the parenthesis.
    while (next < candidates.length && candidates[next].end - offset <= open) next++;
    const before = candidates[next - 1];
    if (!before || before.start < offset || prose.slice(before.end - offset, open).trim() !== '') continue;
    const definition = definitionOf(prose, { start: before.start - offset, end: before.end - offset }, short);
    if (definition) definitions.push({ ...definition, names: before });
  }
  return definitions;
}

/** The definition a short form after a mention makes in a run of prose, if the short form abbreviates it. */
function definitionOf(prose: string, mention: OffsetRange, short: string): AbbreviationDefinition | undefined {
  // The short form's last letter comes from the entity it names: 'iNOS' after 'nitric oxide' names the synthase.
  const last = short.match(/[\p{L}\p{N}](?=[^\p{L}\p{N}]*$)/u)?.[0].toLowerCase();
  if (last === undefined || !prose.slice(mention.start, mention.end).toLowerCase().includes(last)) return undefined;
  // The long form does not reach back past a parenthesis, a bracket or a semicolon before the entity:
  // 'succinylcholine (Group PS) or rocuronium (Group PR)' defines no 'Group PR' as rocuronium.
  const from = lastDelimiterBefore(prose, mention.start) + 1;
  const window = longFormWindow(short, prose.slice(from, mention.end));
  const start = abbreviatedStart(short, window);
  if (start < 0) return undefined;
  const longStart = Math.min(mention.end - window.length + start, mention.start);
  // A long form is longer than its short form, and ends with the entity it names.
  if (mention.end - longStart <= short.length) return undefined;
  return { short, longForm: prose.slice(longStart, mention.end).replace(/\s+/g, ' '), at: longStart };
}

/** The last parenthesis, bracket or semicolon in prose[0, offset), or -1: read back only as far as the run. */
function lastDelimiterBefore(prose: string, offset: number): number {
  for (let at = offset - 1; at >= 0; at--) {
    const code = prose.charCodeAt(at);
    if (code === 0x28 || code === 0x29 || code === 0x3b || code === 0x5d) return at;
  }
  return -1;
}

/** Short forms by their first run of letters and digits, longest first: where a use of each can start. */
export interface ShortFormIndex {
  readonly byHead: ReadonlyMap<string, readonly string[]>;
  /** The first code unit of each: a run that starts with another is passed over unread. */
  readonly firstUnits: ReadonlySet<number>;
}

export function indexShortForms(shortForms: Iterable<string>): ShortFormIndex {
  const byHead = new Map<string, string[]>();
  const firstUnits = new Set<number>();
  for (const short of shortForms) {
    const head = short.slice(0, alphanumericRunEnd(short, 0, short.length));
    const list = byHead.get(head);
    if (list) list.push(short);
    else byHead.set(head, [short]);
    firstUnits.add(short.charCodeAt(0));
  }
  for (const list of byHead.values()) list.sort((a, b) => b.length - a.length);
  return { byHead, firstUnits };
}

/**
 * The short forms written in one segment as whole words (no letter or digit either side within
 * the segment), longest first where two start at one place. A short form starts with a letter or
 * digit, so each use starts a run of them, and that run is the short form's own first run: the
 * short forms are looked up by it, one run of the prose at a time, instead of tried at every
 * character (an edit re-reads the whole note's prose, and real notes define hundreds).
 */
export function* shortFormUses(text: string, segment: OffsetRange, shortForms: ShortFormIndex): Generator<{ start: number; end: number; text: string }> {
  if (shortForms.byHead.size === 0) return;
  let at = segment.start;
  while (at < segment.end) {
    if (!isAlphanumericAt(text, at)) {
      at += codeUnitsAt(text, at);
      continue;
    }
    const runEnd = alphanumericRunEnd(text, at, segment.end);
    const candidates = shortForms.firstUnits.has(text.charCodeAt(at)) ? shortForms.byHead.get(text.slice(at, runEnd)) : undefined;
    const short = candidates?.find(
      (s) => at + s.length <= segment.end && text.startsWith(s, at) && !(at + s.length < segment.end && isAlphanumericAt(text, at + s.length)),
    );
    if (short === undefined) {
      at = runEnd;
      continue;
    }
    yield { start: at, end: at + short.length, text: short };
    at += short.length;
  }
}

const alphanumeric = /[\p{L}\p{N}]/u;

function codeUnitsAt(text: string, at: number): number {
  return (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
}

function isAlphanumericAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
  return alphanumeric.test(String.fromCodePoint(text.codePointAt(at)!));
}

/** Where the run of letters and digits starting at `at` ends (at most at `limit`). */
function alphanumericRunEnd(text: string, at: number, limit: number): number {
  let end = at;
  while (end < limit && isAlphanumericAt(text, end)) end += codeUnitsAt(text, end);
  return end;
}

/** What a hover says of a short form: 'VPA: defined on line 3 as valproic acid'. */
export function definitionNote(text: string, { definition }: { readonly definition: AbbreviationDefinition }): string {
  return `${definition.short}: defined on line ${lineOf(text, definition.at)} as ${definition.longForm}`;
}

/**
 * definitionNote of each of a note's mentions, with the note's lines counted once for all of them:
 * a rule that notes many definitions of a long note would otherwise count its lines for each.
 */
export function definitionNotes(text: string, mentions: readonly { readonly definition: AbbreviationDefinition }[]): string[] {
  const notes: string[] = new Array(mentions.length);
  const order = mentions.map((_, k) => k).sort((a, b) => mentions[a].definition.at - mentions[b].definition.at);
  let line = 1;
  let newline = text.indexOf('\n');
  for (const k of order) {
    const { definition } = mentions[k];
    for (; newline >= 0 && newline < definition.at; newline = text.indexOf('\n', newline + 1)) line++;
    notes[k] = `${definition.short}: defined on line ${line} as ${definition.longForm}`;
  }
  return notes;
}

/** The 1-based line an offset is on. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
