import type { Recognition, UnmatchedWord } from '../../recognize/recognizer';
import type { Steps } from '../../steps';
import type { Finding, Severity } from '../../types';
import type { EntityRecord } from '../../vocabulary/model';
import type { Vocabulary } from '../../vocabulary/vocabulary';
import { shortDescription } from '../../cards/card';
import { matchCase } from '../../fixes/fixes';
import { fitsClearlyBetter } from '../context';
import { correctUses, isFlaggedForm, newFinding, reasons, spellsStandardName, times } from '../report';
import { documentScore, priorOf, slipCost, type RankingWeights } from '../ranking';
import { noteReads, type NoteReads } from '../judgements';
import { nearDrugNames, type NearDrugNames } from '../nearNames';
import { isOtherWordInPlace } from '../notDrugNames';
import type { FindingRule, NoteUnderReview } from '../rule';

/**
 * drug-misspelling: a word that is in no vocabulary and no English dictionary (the recogniser
 * only passes such words on) and looks like a drug name — one or two edits from one
 * ('anastrazole'), sounding like one ('ciclofosfamide'), or carrying a drug stem such as -ciclib
 * or -ozole and close to a drug that has it. Suggestions are ranked by confusability and by how
 * well each drug fits the note; a nearest name that is the wrong drug for the note gives way to
 * a look-alike that fits ('Leflutroazole' in a breast-cancer note → letrozole).
 */
const code = 'drug-misspelling';

export const drugMisspelling: FindingRule = {
  code,
  description: 'A word that is not a known drug name but looks or sounds like one.',
  defaultSeverity: 'warning',
  *run(note, severity) {
    const { verdicts, misspelt } = yield* misspellingVerdicts(note);
    const uses = yield* correctUses(note);
    const findings: Finding[] = [];
    for (const word of misspelt) findings.push(misspellingFinding(word, verdicts.get(word.word)!, note, severity, uses));
    for (let i = 0; i < note.mentions.length; i++) {
      if (i % 256 === 255) yield;
      const m = note.mentions[i];
      if (m.role === 'misspelling' && !note.ignored.has(m.text.toLowerCase())) findings.push(recordedMisspellingFinding(m, severity));
    }
    return findings;
  },
};

/** 'This note writes letrozole 3 times elsewhere', or, for a brand, under which name it does. */
function writtenElsewhere(suggestion: string, canonical: string, count: number): string {
  return suggestion.toLowerCase() === canonical
    ? `This note writes ${canonical} ${times(count)} elsewhere.`
    : `This note names the same drug, ${canonical}, ${times(count)} elsewhere.`;
}

/**
 * A misspelling that a drug database recorded as a synonym ('Dexamethazone'): the word names the
 * drug, so its card is shown, but it is still a slip, and the standard name is the safe fix.
 */
function recordedMisspellingFinding(m: Recognition, severity: Severity): Finding {
  const message = `'${m.text}' is a recorded misspelling of ${m.canonical}: some drug databases list it, but it is not a name of the drug. Write ${m.canonical}.`;
  return newFinding(code, severity, m, m.text, message, {
    word: m.text.toLowerCase(),
    suggestions: [matchCase(m.canonical, m.text)],
    unambiguous: spellsStandardName(m.text, m.canonical),
    writtenId: m.id,
    meantId: m.id,
  });
}

/** What the misspelling judge said about the note's unmatched words (drug-inconsistent reads it too). */
export interface MisspellingJudgements {
  /** Per distinct word: its verdict, or undefined when it is not a drug-name slip. */
  readonly verdicts: ReadonlyMap<string, MisspellingVerdict | undefined>;
  /** The unmatched words that are slips, in document order. */
  readonly misspelt: readonly UnmatchedWord[];
}

/** Words judged between pauses: judging one looks up near misses, sound-alikes and neighbours. */
const stepEvery = 32;

/** Distinct words whose verdicts a service keeps across analyses: a 10 MB note of real prose has about this many. */
const keptVerdicts = 65_536;

/** What a verdict is judged from besides the word: all the same from one analysis to the next, but for the note's reads. */
interface Judge {
  readonly vocabulary: Vocabulary;
  readonly reads: NoteReads;
  /** Whether the note is written in English. */
  readonly english: boolean;
  readonly weights: RankingWeights;
}

/** Judges each distinct unmatched word of the note once (prose repeats its words, and its typos). */
export function misspellingVerdicts(note: NoteUnderReview): Steps<MisspellingJudgements> {
  return note.shared('misspelling verdicts', function* () {
    const verdicts = new Map<string, MisspellingVerdict | undefined>();
    const misspelt: UnmatchedWord[] = [];
    const named = note.unmatched.length > 0 ? yield* timesNamed(note) : new Map<number, number>();
    const reads = noteReads(note.context, (entity) => named.get(entity) ?? 0);
    const kept = note.kept.cache<string, MisspellingVerdict>(code, keptVerdicts);
    // What the note does not decide, kept apart: a verdict judged again after an edit reuses it.
    const nearNames = note.kept.cache<string, NearDrugNames | undefined>(`${code}: near names`, keptVerdicts);
    const english = note.writesEnglish();
    let judged = 0;
    for (const word of note.unmatched) {
      // Most words are judged no slip at their first place: their later places need no look at the text.
      const known = verdicts.get(word.word);
      if (known === undefined && verdicts.has(word.word)) continue;
      if (isOtherWordInPlace(word, note.text)) continue;
      if (known === undefined) {
        // Pauses count judgements, not words: a kept verdict takes a map look-up.
        if (++judged % stepEvery === 0) yield;
        const near = note.ignored.has(word.word) ? undefined : nearNames.judge(word.word, reads, () => nearDrugNames(word.word, note.vocabulary));
        const verdict =
          near &&
          kept.judge(word.word, reads, (reads) =>
            judgeMisspelling(word.word, near, { vocabulary: note.vocabulary, reads, english, weights: note.rankingWeights }),
          );
        verdicts.set(word.word, verdict);
        if (verdict) misspelt.push(word);
      } else misspelt.push(word);
    }
    return { verdicts, misspelt };
  });
}

/** How often the note names each drug (by entity index) under any of its accepted names. */
function* timesNamed(note: NoteUnderReview): Steps<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < note.mentions.length; i++) {
    if (i % 4096 === 4095) yield;
    const m = note.mentions[i];
    if (m.kind === 'drug' && !isFlaggedForm(m)) out.set(m.entity, (out.get(m.entity) ?? 0) + 1);
  }
  return out;
}

interface Candidate {
  nameIndex: number;
  /** The drug name, lower case. */
  name: string;
  entity: EntityRecord;
  similarity: number;
  fit: number;
  /** The noisy-channel score (ranking.ts): higher is likelier meant. */
  score: number;
}

export interface MisspellingVerdict {
  /** Lower-case suggestions, best first, one per drug. */
  suggestions: string[];
  /** The drug each suggestion names, in the same order. */
  entities: number[];
  /** Set when the nearest name is the wrong drug for this document and a look-alike fits. */
  contextPick?: { near: Candidate; better: Candidate };
  /** The first suggestion clearly wins: see winsClearly. */
  unambiguous: boolean;
}

function judgeMisspelling(word: string, near: NearDrugNames, judge: Judge): MisspellingVerdict {
  const { vocabulary, reads: context, weights } = judge;
  const editsFrom = (c: Candidate): number => near.editsFrom(c.nameIndex);
  // In English prose an English name beats a foreign form ('hydralzain' → hydralazine, not
  // hydralazin, which drug-spelling-variant would flag next); else fewer edits wins, and between
  // English names the closer spelling wins ('rifampicn' → rifampicin, the name the writer was
  // typing, not rifampin).
  const { english } = judge;
  const fewerEdits = (a: Candidate, b: Candidate): boolean => {
    if (english && isForeignForm(a) !== isForeignForm(b)) return isForeignForm(b);
    if (editsFrom(a) !== editsFrom(b)) return editsFrom(a) < editsFrom(b);
    if (isForeignForm(a) !== isForeignForm(b)) return isForeignForm(b);
    return sharedEnds(word, a.name) > sharedEnds(word, b.name);
  };
  const isForeignForm = (c: Candidate): boolean => vocabulary.drugNameRole(c.nameIndex) === 'variant';
  const candidates = new Map<number, Candidate>();
  const consider = (nameIndex: number) => {
    if (candidates.has(nameIndex)) return candidates.get(nameIndex)!;
    const entity = vocabulary.entity(vocabulary.drugNameEntity(nameIndex));
    const name = vocabulary.drugName(nameIndex);
    const candidate = { nameIndex, name, entity, similarity: near.similarity(nameIndex), fit: context.fit(entity), score: 0 };
    candidates.set(nameIndex, candidate);
    return candidate;
  };
  const nearest = near.nearest.map(consider);
  // A near miss that is itself the wrong drug for this document: offer the look-alike that fits,
  // and rank the near miss down, as the document says it is out of place here.
  let contextPick: { near: Candidate; better: Candidate } | undefined;
  const misplaced = new Set<Candidate>();
  for (const near of nearest) {
    for (const other of vocabulary.neighbours(near.nameIndex)) {
      const better = consider(other);
      const betterFit = context.fit(better.entity, near.entity);
      if (!fitsClearlyBetter(betterFit, context.fit(near.entity, better.entity))) continue;
      misplaced.add(near);
      if (!contextPick || better.fit > contextPick.better.fit) contextPick = { near, better };
    }
  }
  const ranked = [...candidates.values()].filter((c) => nearest.includes(c) || c === contextPick?.better);
  // Scored only now: the look-alike search above considers many neighbours that are never offered.
  for (const c of ranked) {
    const entityIndex = vocabulary.drugNameEntity(c.nameIndex);
    c.score =
      -slipCost(word, c.name, weights.slip) +
      priorOf(c.entity, context.hasIndications(c.entity), weights.prior) +
      documentScore(c.fit, context.timesNamed(entityIndex), weights.document) -
      (misplaced.has(c) ? weights.document.outOfPlace : 0);
  }
  ranked.sort((a, b) => b.score - a.score || a.entity.canonical.localeCompare(b.entity.canonical));
  // One suggestion per drug: 'letrozole', not also its variant 'letrozol'. The drug ranks where
  // its best candidate ranks, and is written as its name fewest edits away ('lotrozole' is one
  // slip from letrozole, two from letrozol).
  // A rival drug is as confusable as the most confusable of its names.
  const perDrug = new Map<number, Candidate>();
  const rivalSimilarity = new Map<number, number>();
  for (const c of ranked) {
    const entity = vocabulary.drugNameEntity(c.nameIndex);
    const kept = perDrug.get(entity);
    if (!kept || fewerEdits(c, kept)) perDrug.set(entity, kept ? { ...c, fit: kept.fit, score: kept.score } : c);
    rivalSimilarity.set(entity, Math.max(c.similarity, rivalSimilarity.get(entity) ?? 0));
  }
  const drugs = [...perDrug.entries()];
  const best = drugs.slice(0, 5);
  return {
    suggestions: best.map(([, c]) => vocabulary.drugNameDisplay(c.nameIndex)),
    entities: best.map(([entity]) => entity),
    contextPick: contextPick && ranked[0] === contextPick.better ? contextPick : undefined,
    unambiguous:
      contextPick === undefined &&
      editsFrom(best[0][1]) === 1 &&
      // Every other drug, not only the suggested ones: a sixth drug one slip away is doubt too.
      drugs.slice(1).every(([, c]) => editsFrom(c) > 1) &&
      drugs.slice(1).every(([entity, c]) => winsClearly(best[0][1], rivalSimilarity.get(entity)!, c.fit)) &&
      isStandardOrBrand(best[0][1]),
  };
}

/**
 * When a fix may be applied unattended: the best name is one slip from the written word, no other
 * drug is, no look-alike fits the note better, and the best name wins on spelling by this margin.
 * A two-slip guess is offered, never applied: 'avumaciclib' is two slips from both abemaciclib
 * and avotaciclib.
 *
 * How much more confusable with the written word the best drug name must be than the runner-up
 * for its fix to be applied unattended. Set on the mix-up evaluation so that no unattended fix
 * there picks the wrong drug.
 */
const clearWinMargin = 0.1;

/**
 * Whether a candidate is written the way English prose writes its drug: the standard name or a
 * brand, not a foreign or INN variant ('letrozol'), which the writer should choose knowingly.
 */
function isStandardOrBrand(c: Candidate): boolean {
  const name = c.entity.canonical;
  return c.name === name || (c.entity.brands ?? []).some((b) => b.toLowerCase() === c.name);
}

/** Whether the best candidate wins over another on spelling alone, by a margin, and the document does not favour the other. */
function winsClearly(best: Candidate, otherSimilarity: number, otherFit: number): boolean {
  return best.similarity - otherSimilarity >= clearWinMargin && best.fit >= otherFit;
}

/** Letters two words share at their start plus at their end: a slip leaves most of both intact. */
function sharedEnds(a: string, b: string): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return start + end;
}

function misspellingFinding(
  word: UnmatchedWord,
  verdict: MisspellingVerdict,
  note: NoteUnderReview,
  severity: Severity,
  uses: ReadonlyMap<number, Recognition[]>,
): Finding {
  const written = note.text.slice(word.start, word.end);
  const pick = verdict.contextPick;
  const elsewhere = uses.get(verdict.entities[0])?.length ?? 0;
  const message = pick
    ? `'${written}' is not a known drug name. The closest name is ${shortDescription(pick.near.entity)}, ` +
      `but this document reads like one where ${pick.better.entity.canonical} belongs (${reasons(pick.better.entity, note.context)}).`
    : `'${written}' is not a known drug name; did you mean ${verdict.suggestions[0]}?` +
      (elsewhere > 0 ? ` ${writtenElsewhere(verdict.suggestions[0], note.vocabulary.entity(verdict.entities[0]).canonical, elsewhere)}` : '');
  const suggestions = [...new Set(verdict.suggestions.map((s) => matchCase(s, written)))];
  return newFinding(code, severity, word, written, message, { word: word.word, suggestions, unambiguous: verdict.unambiguous });
}
