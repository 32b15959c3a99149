import type { Recognition, UnmatchedWord } from '../../recognize/recognizer';
import type { Steps } from '../../steps';
import { confusability } from '../../text/similarity';
import { detach } from '../../text/strings';
import type { Finding, Severity } from '../../types';
import { groupBy } from '../../util/collections';
import type { EntityRecord } from '../../vocabulary/model';
import { matchCase } from '../../fixes/fixes';
import { inOneSentence } from '../context';
import { correctUses, isFlaggedForm, newFinding, rangeOf, times, writesCanonical } from '../report';
import { noteReads } from '../judgements';
import type { Vocabulary } from '../../vocabulary/vocabulary';
import type { FindingRule, NoteUnderReview } from '../rule';
import { misspellingVerdicts } from './drugMisspelling';

/**
 * drug-inconsistent: one drug written two ways in one note, pointed out once, on the first odd
 * occurrence:
 * - a brand used on its own where the note otherwise writes the generic ('Afinitor' beside
 *   'everolimus'); a brand in the same sentence as its generic introduces it ('everolimus
 *   (Afinitor)') and is left alone;
 * - a second accepted spelling of a drug the note mostly writes another way ('ciclosporin'
 *   beside 'cyclosporine');
 * - a misspelt form beside the right one ('everolimous' beside 'everolimus'), only when
 *   drug-misspelling is turned off: otherwise that finding says so itself.
 * The fix rewrites every odd occurrence to the form the note otherwise uses; it is never applied
 * unattended, since a brand is a real name.
 */
const code = 'drug-inconsistent';

/** How confusable another accepted name must be with the generic to count as its second spelling. */
const secondSpellingConfusability = 0.6;
/** A sentence is not a thousand characters long: farther generic uses need no look at the text between. */
const sentenceReach = 1000;

export const drugInconsistent: FindingRule = {
  code,
  description: 'One drug written two ways in one note (a brand beside its generic, or two spellings).',
  defaultSeverity: 'information',
  *run(note, severity) {
    const uses = yield* correctUses(note);
    const findings = note.reports('drug-misspelling') ? [] : yield* misspeltBesideCorrect(note, severity, uses);
    // Only the mentions that write a drug otherwise than its generic name are grouped: most write it as it is.
    const kinds = note.kept.cache<string, FormKind>(code, keptForms);
    const reads = noteReads(note.context, () => 0);
    const oddKinds = new Map<Recognition, 'brand' | 'spelling'>();
    /** Per drug, its written forms' kinds in this note: the kept kind, unless the writer marked the form intended. */
    const seen = new Map<number, Map<string, 'brand' | 'spelling' | undefined>>();
    for (let i = 0; i < note.mentions.length; i++) {
      if (i % 1024 === 1023) yield;
      const m = note.mentions[i];
      if (m.kind !== 'drug' || writesCanonical(m) || isFlaggedForm(m) || !uses.get(m.entity)?.length) continue;
      let forms = seen.get(m.entity);
      if (!forms) seen.set(m.entity, (forms = new Map()));
      let kind = forms.get(m.text);
      if (!forms.has(m.text)) {
        const form = kinds.judge(detach(`${m.entity}\u0000${m.text}`), reads, () => formKind(note.vocabulary.entity(m.entity), m.text, note.vocabulary));
        kind = form.kind !== undefined && !note.ignored.has(form.lower) ? form.kind : undefined;
        forms.set(m.text, kind);
      }
      if (kind !== undefined) oddKinds.set(m, kind);
    }
    let group = 0;
    for (const [entityIndex, odd] of groupBy(oddKinds.keys(), (m) => m.entity)) {
      if (++group % 32 === 0) yield;
      const generic = uses.get(entityIndex)!;
      for (const f of otherFormsOf(note.vocabulary.entity(entityIndex), odd, oddKinds, generic, note, severity)) findings.push(f);
    }
    return findings;
  },
};

/** Written forms of drugs whose kinds a service keeps across analyses (the kind is the vocabulary's answer alone). */
const keptForms = 16_384;

/** What a written form of a drug is, besides its generic name: a brand, a second spelling, or neither. */
interface FormKind {
  readonly lower: string;
  readonly kind: 'brand' | 'spelling' | undefined;
}

/** A form's kind, from the vocabulary alone: the generic name itself or a shortened one is neither, a listed brand is a brand, another accepted name close to the generic a second spelling. */
function formKind(entity: EntityRecord, text: string, vocabulary: Vocabulary): FormKind {
  // A copy: the form is kept across analyses, and a view into the note would keep the note alive.
  const lower = detach(text.toLowerCase());
  if (lower === entity.canonical || isShortenedName(lower, entity.canonical)) return { lower, kind: undefined };
  if ((entity.brands ?? []).some((b) => b.toLowerCase() === lower)) return { lower, kind: 'brand' };
  // Another spelling of the generic name itself ('ciclosporin'), not a code or an abbreviation.
  const spelling = /^[a-z]{5,}$/.test(lower) && vocabulary.drugNameIndex(lower) >= 0 && confusability(lower, entity.canonical) >= secondSpellingConfusability;
  return { lower, kind: spelling ? 'spelling' : undefined };
}

/** A misspelt form of a drug the note also writes correctly. */
function* misspeltBesideCorrect(note: NoteUnderReview, severity: Severity, uses: ReadonlyMap<number, Recognition[]>): Steps<Finding[]> {
  const { verdicts, misspelt } = yield* misspellingVerdicts(note);
  const findings: Finding[] = [];
  for (const [word, occurrences] of groupBy<UnmatchedWord, string>(misspelt, (w) => w.word)) {
    const verdict = verdicts.get(word)!;
    // A nearest name that is the wrong drug here is a mix-up, not a second spelling of one drug.
    if (verdict.contextPick) continue;
    const entity = note.vocabulary.entity(verdict.entities[0]);
    const correct = uses.get(verdict.entities[0]);
    if (!correct?.length) continue;
    const first = occurrences[0];
    const written = note.text.slice(first.start, first.end);
    const message =
      `This note writes ${entity.canonical} ${times(correct.length)} and '${written}' ${times(occurrences.length)}: ` +
      `the same drug, spelt two ways. Write ${entity.canonical} throughout.`;
    findings.push(
      newFinding(code, severity, first, written, message, {
        word,
        suggestions: [matchCase(entity.canonical, written)],
        occurrences: occurrences.map(rangeOf),
        meantId: entity.id,
      }),
    );
  }
  return findings;
}

/** Brands on their own and second spellings of one drug, grouped per written form. */
function otherFormsOf(
  entity: EntityRecord,
  odd: readonly Recognition[],
  kinds: ReadonlyMap<Recognition, 'brand' | 'spelling'>,
  generic: readonly Recognition[],
  note: NoteUnderReview,
  severity: Severity,
): Finding[] {
  const alone = odd.filter((m) => !besideGeneric(m, generic, note.text));
  const findings: Finding[] = [];
  for (const [word, uses] of groupBy(alone, (m) => m.text.toLowerCase())) {
    const first = uses[0];
    const message =
      kinds.get(first) === 'brand'
        ? `'${first.text}' is a brand of ${entity.canonical}, which this note otherwise calls by its generic name ` +
          `(${times(generic.length)}). Write ${entity.canonical} throughout, or name the brand beside it once.`
        : `'${first.text}' is another spelling of ${entity.canonical}, which this note otherwise writes ` +
          `${entity.canonical} (${times(generic.length)}). Write it one way throughout.`;
    findings.push(
      newFinding(code, severity, first, first.text, message, {
        word,
        suggestions: [matchCase(entity.canonical, first.text)],
        occurrences: uses.map(rangeOf),
        writtenId: entity.id,
        meantId: entity.id,
      }),
    );
  }
  return findings;
}

/**
 * Whether one name is the other with words left off its end: 'divalproex' for divalproex sodium,
 * 'angiotensin' for angiotensin II. The sources list such short forms as brands or synonyms; a
 * writer using both writes one name, not two.
 */
function isShortenedName(written: string, canonical: string): boolean {
  const [shorter, longer] = written.length < canonical.length ? [written, canonical] : [canonical, written];
  return longer.startsWith(shorter + ' ');
}

/** Whether a generic use shares the mention's sentence; only the uses just before and after can. */
function besideGeneric(m: Recognition, generic: readonly Recognition[], text: string): boolean {
  let lo = 0;
  let hi = generic.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (generic[mid].start < m.start) lo = mid + 1;
    else hi = mid;
  }
  const near = (g: Recognition | undefined) => g !== undefined && Math.abs(g.start - m.start) < sentenceReach && inOneSentence(text, g, m);
  return near(generic[lo - 1]) || near(generic[lo]);
}
