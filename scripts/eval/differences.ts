/**
 * Error analysis of the combination against the tagger alone: where the analysis as it ships
 * and the tagger's own spans disagree on a gold mention or a false positive, and why, grouped by
 * cause (which side set the bounds, which the kind, where the mention came from). Exact spans.
 * `npm run eval -- <corpora> --differences` prints it for each corpus and split.
 */
import type { EntityMention, OffsetRange } from '../../src/core/types';
import type { TaggedKind } from '../../src/core/tagger/model';
import type { TaggedSpan } from '../../src/core/tagger/tagger';
import type { EvalDocument, GoldSpan } from './corpora';

/** One document as both recognisers saw it. */
export interface DocumentViews {
  readonly document: EvalDocument;
  /** The tagger's spans of both kinds. */
  readonly spans: readonly TaggedSpan[];
  /** The combination's entities of every kind, as the service returned them. */
  readonly entities: readonly EntityMention[];
  /** Whether an entity is of what the corpus annotates. */
  readonly counts: (entity: EntityMention) => boolean;
  readonly tagged: TaggedKind;
}

interface Example {
  readonly text: string;
  readonly at: OffsetRange;
  readonly note: string;
}

const examplesPerCause = 6;

const sameBounds = (a: OffsetRange, b: OffsetRange) => a.start === b.start && a.end === b.end;
const overlaps = (a: OffsetRange, b: OffsetRange) => a.start < b.end && b.start < a.end;
const goldHit = (gold: GoldSpan, span: OffsetRange) => sameBounds(gold, span) || gold.alternatives.some((a) => sameBounds(a, span));

/** Where a combined entity came from: an abbreviation use, an unresolved tagged span, a span the vocabulary named, or a vocabulary term. */
function sourceOf(entity: EntityMention, spans: readonly TaggedSpan[]): string {
  if ((entity as { definition?: unknown }).definition !== undefined) return 'abbreviation';
  if (entity.id.startsWith('unresolved:')) return 'unresolved span';
  if (spans.some((s) => sameBounds(s, entity))) return 'tagged span named';
  return `term (${(entity as { role?: string }).role ?? '?'})`;
}

function boundsRelation(inner: OffsetRange, outer: OffsetRange): string {
  if (inner.start >= outer.start && inner.end <= outer.end) return 'shorter';
  if (inner.start <= outer.start && inner.end >= outer.end) return 'longer';
  return 'crossing';
}

/** Counts and examples of the differences, by cause. */
export class DifferenceTally {
  private readonly causes = new Map<string, { count: number; examples: Example[] }>();

  private record(cause: string, example: Example): void {
    const entry = this.causes.get(cause) ?? { count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < examplesPerCause) entry.examples.push(example);
    this.causes.set(cause, entry);
  }

  add(views: DocumentViews): void {
    const { document, spans, entities, counts, tagged } = views;
    const taggerSpans = spans.filter((s) => s.kind === tagged);
    const shown = entities.filter(counts);
    const describe = (e: EntityMention) => `${e.kind} '${e.text}' from ${sourceOf(e, spans)}`;
    for (const gold of document.gold) {
      const taggerRight = taggerSpans.some((s) => goldHit(gold, s));
      const combinedRight = shown.some((e) => goldHit(gold, e));
      if (taggerRight === combinedRight) continue;
      const around = entities.filter((e) => overlaps(e, gold));
      const example = (note: string): Example => ({ text: document.text, at: gold, note });
      if (taggerRight) {
        const sameKind = around.filter(counts);
        if (around.length === 0) this.record('lost: nothing shown', example(''));
        else if (sameKind.length === 0)
          this.record(`lost: shown as another kind, ${around[0].kind} from ${sourceOf(around[0], spans)}`, example(describe(around[0])));
        else this.record(`lost: bounds ${boundsRelation(sameKind[0], gold)}, from ${sourceOf(sameKind[0], spans)}`, example(describe(sameKind[0])));
      } else {
        const winner = shown.find((e) => goldHit(gold, e))!;
        const taggerAround = taggerSpans.filter((s) => overlaps(s, gold));
        const had = taggerAround.length === 0 ? 'tagger missed it' : `tagger bounds ${boundsRelation(taggerAround[0], gold)}`;
        this.record(`gained: ${had}, from ${sourceOf(winner, spans)}`, example(describe(winner)));
      }
    }
    const isFalse = (span: OffsetRange) => !document.gold.some((g) => goldHit(g, span));
    for (const e of shown)
      if (isFalse(e) && !taggerSpans.some((s) => sameBounds(s, e)))
        this.record(`new false positive: from ${sourceOf(e, spans)}`, { text: document.text, at: e, note: describe(e) });
    for (const s of taggerSpans) {
      if (!isFalse(s) || shown.some((e) => sameBounds(s, e))) continue;
      const there = entities.find((e) => overlaps(e, s));
      const what = there === undefined ? 'nothing shown' : counts(there) ? 'other bounds' : `shown as ${there.kind}`;
      this.record(`removed tagger false positive: ${what}`, { text: document.text, at: s, note: there ? describe(there) : '' });
    }
  }

  /** The causes, most frequent first, with a few examples in context each. */
  format(): string {
    const lines: string[] = [];
    for (const [cause, { count, examples }] of [...this.causes].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))) {
      lines.push(`  ${String(count).padStart(5)}  ${cause}`);
      for (const { text, at, note } of examples) lines.push(`           ${inContext(text, at)}${note ? `   [${note}]` : ''}`);
    }
    return lines.join('\n');
  }
}

/** The span in brackets with a few words either side, on one line. */
function inContext(text: string, at: OffsetRange): string {
  const before = text.slice(Math.max(0, at.start - 40), at.start);
  const after = text.slice(at.end, at.end + 40);
  return `…${before}[${text.slice(at.start, at.end)}]${after}…`.replace(/\s+/g, ' ');
}
