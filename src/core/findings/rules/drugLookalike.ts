import type { Recognition } from '../../recognize/recognizer';
import { groupBy } from '../../util/collections';
import type { Finding, Severity } from '../../types';
import type { EntityRecord } from '../../vocabulary/model';
import { shortDescription } from '../../cards/card';
import { matchCase } from '../../fixes/fixes';
import { inOneSentence } from '../context';
import { isFlaggedForm, newFinding, reasons } from '../report';
import type { FindingRule, NoteUnderReview } from '../rule';
import { noteReads, type NoteReads } from '../judgements';
import type { Vocabulary } from '../../vocabulary/vocabulary';

/**
 * drug-lookalike: a real drug whose look-alike or sound-alike neighbour fits the note clearly
 * better ('leflutrozole' in a breast-cancer note, where letrozole is meant). Neighbours come from
 * the build (spelling and sound similarity, FDA name differentiation and Tall Man lists); the
 * note's fit comes from DocumentContext: a curated card's context, or for any other drug the
 * indications its sources list ('toremifene' in a heart-failure note, where torasemide is meant). Both names in one sentence is a comparison, not a slip.
 */
const code = 'drug-lookalike';

export const drugLookalike: FindingRule = {
  code,
  description: 'A real drug name that a look-alike or sound-alike drug fits the note clearly better.',
  defaultSeverity: 'warning',
  *run(note, severity) {
    const findings: Finding[] = [];
    // Judged once per distinct drug: a long note names its drugs thousands of times.
    const lookalikes = new Map<number, LookalikeCandidate[]>();
    const kept = note.kept.cache<number, LookalikeCandidate[]>(code, keptDrugs);
    const reads = noteReads(note.context, () => 0);
    let judged = 0;
    /** The mentions with look-alikes that fit better, each with them: their findings read the note's mentions of those look-alikes. */
    const flagged: { mention: Recognition; candidates: LookalikeCandidate[] }[] = [];
    for (let i = 0; i < note.mentions.length; i++) {
      if (i % 256 === 255) yield;
      const mention = note.mentions[i];
      if (mention.kind !== 'drug' || isFlaggedForm(mention)) continue;
      let candidates = lookalikes.get(mention.entity);
      if (!candidates) {
        // A drug not judged before reads its neighbours' fits: a pause every few of those.
        if (++judged % 32 === 0) yield;
        candidates = note.ignored.has(mention.canonical)
          ? []
          : kept.judge(mention.entity, reads, (reads) => betterFittingLookalikes(mention, note.vocabulary, reads));
        lookalikes.set(mention.entity, candidates);
      }
      if (candidates.length > 0) flagged.push({ mention, candidates });
    }
    if (flagged.length === 0) return findings;
    // Only the look-alikes' own mentions are grouped, not the whole note's.
    const wanted = new Set<string>();
    for (const { candidates } of flagged) for (const c of candidates) wanted.add(c.entity.id);
    const mentionsById = groupBy(
      note.mentions.filter((m) => wanted.has(m.id)),
      (m) => m.id,
    );
    for (const { mention, candidates } of flagged) {
      const finding = lookalikeFinding(mention, candidates, mentionsById, note, severity);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

/**
 * Whether a real drug written in a document is out of place there: its card or its sources'
 * indications say where it belongs, the document shows almost none of that (at most one point),
 * and a look-alike neighbour fits far better. A drug that nothing describes is never called out
 * of place (betterFittingLookalikes asks first): nobody can say it does not belong.
 */
function writtenDrugOutOfPlace(writtenFit: number, neighbourFit: number): boolean {
  return writtenFit <= 1 && neighbourFit >= 3 * writtenFit + 2;
}

/** Drugs whose look-alike judgements a service keeps across analyses. */
const keptDrugs = 8192;

interface LookalikeCandidate {
  nameIndex: number;
  entity: EntityRecord;
  fit: number;
  listed: boolean;
}

/** The look-alike neighbours of a drug that fit this document far better than it does, best first. */
function betterFittingLookalikes(mention: Recognition, vocabulary: Vocabulary, context: NoteReads): LookalikeCandidate[] {
  const nameIndex = vocabulary.drugNameIndex(mention.canonical);
  if (nameIndex < 0) return [];
  const written = vocabulary.entity(mention.entity);
  if (!context.knowsWhereBelongs(written)) return [];
  // A drug known only from its sources' few indications is out of place only where the note touches none of them.
  if (!written.context?.length && context.touchesIndications(written)) return [];
  return vocabulary
    .neighbours(nameIndex)
    .map((n) => ({ nameIndex: n, entity: vocabulary.entity(vocabulary.drugNameEntity(n)), listed: vocabulary.listedLookalikes(nameIndex, n) }))
    .map((c) => ({ ...c, fit: context.fit(c.entity, written), writtenFit: context.fit(written, c.entity) }))
    .filter((c) => writtenDrugOutOfPlace(c.writtenFit, c.fit))
    .sort((a, b) => b.fit - a.fit || a.entity.canonical.localeCompare(b.entity.canonical));
}

function lookalikeFinding(
  mention: Recognition,
  candidates: LookalikeCandidate[],
  mentionsById: ReadonlyMap<string, readonly Recognition[]>,
  note: NoteUnderReview,
  severity: Severity,
): Finding | undefined {
  if (note.ignored.has(mention.text.toLowerCase())) return undefined;
  // Both names in one sentence is a comparison ('leflutrozole, unlike letrozole, …'), not a slip.
  const better = candidates.filter((c) => !(mentionsById.get(c.entity.id) ?? []).some((m) => inOneSentence(note.text, m, mention)));
  if (better.length === 0 || sentenceNamesCompanion(note, mention)) return undefined;
  const best = better[0];
  const written = note.vocabulary.entity(mention.entity);
  const listed = best.listed ? ` The two names are on a look-alike list${best.entity.tallMan ? ` (${best.entity.tallMan})` : ''}.` : '';
  const message =
    `'${mention.text}' is a real drug — ${shortDescription(written)} — but this document reads like one about ` +
    `${best.entity.canonical} (${reasons(best.entity, note.context)}). Check that ${best.entity.canonical} was not meant.${listed}`;
  const suggestions = better.slice(0, 3).map((c) => matchCase(note.vocabulary.drugName(c.nameIndex), mention.text));
  return newFinding(code, severity, mention, mention.text, message, {
    word: mention.text.toLowerCase(),
    writtenId: mention.id,
    meantId: best.entity.id,
    suggestions,
  });
}

/**
 * Whether the mention's sentence names another drug given for what the written one treats: the
 * sentence is about the written drug's use, whatever the rest of the note is about ('Metformin and
 * insulin glargine controlled HbA1c' in a heart-failure note that names metoprolol).
 */
function sentenceNamesCompanion(note: NoteUnderReview, mention: Recognition): boolean {
  const { mentions } = note;
  let at = lowerBoundByStart(mentions, mention.start);
  const inSentence = (m: Recognition) => inOneSentence(note.text, m, mention);
  const companion = (m: Recognition) => m.kind === 'drug' && m.entity !== mention.entity && note.context.shareAnIndication(mention.entity, m.entity);
  for (let i = at - 1; i >= 0 && inSentence(mentions[i]); i--) if (companion(mentions[i])) return true;
  for (at++; at < mentions.length && inSentence(mentions[at]); at++) if (companion(mentions[at])) return true;
  return false;
}

/** The first index of mentions (sorted by start) whose start is not before `start`. */
function lowerBoundByStart(mentions: readonly Recognition[], start: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (mentions[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
