import type { Recognition, UnmatchedWord } from '../../recognize/recognizer';
import type { Steps } from '../../steps';
import { confusability } from '../../text/similarity';
import type { Finding, Severity } from '../../types';
import { groupBy } from '../../util/collections';
import type { EntityRecord } from '../../vocabulary/model';
import { matchCase } from '../../fixes/fixes';
import { inOneSentence } from '../context';
import { correctUses, isFlaggedForm, newFinding, rangeOf, times } from '../report';
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
    const byEntity = groupBy(
      note.mentions.filter((m) => m.kind === 'drug'),
      (m) => m.entity,
    );
    let group = 0;
    for (const [entityIndex, mentions] of byEntity) {
      if (++group % 32 === 0) yield;
      const generic = uses.get(entityIndex);
      if (generic?.length) for (const f of otherFormsOf(note.vocabulary.entity(entityIndex), mentions, generic, note, severity)) findings.push(f);
    }
    return findings;
  },
};

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
  mentions: readonly Recognition[],
  generic: readonly Recognition[],
  note: NoteUnderReview,
  severity: Severity,
): Finding[] {
  const brands = new Set((entity.brands ?? []).map((b) => b.toLowerCase()));
  // Judged once per distinct written form: a long note names its drugs thousands of times.
  const kinds = new Map<string, 'brand' | 'spelling' | undefined>();
  const kindOf = (lower: string): 'brand' | 'spelling' | undefined => {
    if (lower === entity.canonical || note.ignored.has(lower) || isShortenedName(lower, entity.canonical)) return undefined;
    if (brands.has(lower)) return 'brand';
    // Another spelling of the generic name itself ('ciclosporin'), not a code or an abbreviation.
    const spelling =
      /^[a-z]{5,}$/.test(lower) && note.vocabulary.drugNameIndex(lower) >= 0 && confusability(lower, entity.canonical) >= secondSpellingConfusability;
    return spelling ? 'spelling' : undefined;
  };
  const odd = (m: Recognition) => {
    // Most mentions write the generic as it is: no lower-case copy for those.
    if (m.text === entity.canonical || (m.text.length === entity.canonical.length && m.text.toLowerCase() === entity.canonical)) return undefined;
    if (isFlaggedForm(m)) return undefined;
    const lower = m.text.toLowerCase();
    if (!kinds.has(lower)) kinds.set(lower, kindOf(lower));
    return kinds.get(lower);
  };
  const alone = mentions.filter((m) => odd(m) !== undefined && !besideGeneric(m, generic, note.text));
  const findings: Finding[] = [];
  for (const [word, uses] of groupBy(alone, (m) => m.text.toLowerCase())) {
    const first = uses[0];
    const message =
      odd(first) === 'brand'
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
