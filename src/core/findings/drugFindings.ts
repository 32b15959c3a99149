import { findingCodes, type Finding, type FindingCode, type FindingData, type OffsetRange } from '../types';
import type { BiolensSettings } from '../settings';
import type { Recognition, UnmatchedWord } from '../recognize/recognizer';
import type { NearMiss, Vocabulary } from '../vocabulary/vocabulary';
import type { EntityRecord } from '../vocabulary/model';
import { shortDescription } from '../cards/card';
import { DocumentContext, fitsClearlyBetter, inOneSentence, writtenDrugOutOfPlace } from './context';
import { confusability, editDistance, phoneticKey } from './similarity';
import { matchCase } from '../fixes/fixes';
import { runToEnd, type Steps } from '../steps';

/**
 * The drug-name findings:
 * - drug-misspelling: a word that is in no vocabulary and no English dictionary (the recogniser
 *   only passes such words on) and looks like a drug name — one or two edits from one
 *   ('anastrazole'), sounding like one ('ciclofosfamide'), or carrying a drug stem such as
 *   -ciclib or -ozole and close to a drug that has it;
 * - drug-lookalike: a real drug whose look-alike neighbour fits the document clearly better
 *   ('leflutrozole' in a breast-cancer note, where letrozole is meant);
 * - drug-inconsistent: one drug written two ways in one note ('everolimus' and 'everolimous',
 *   or a brand where the note otherwise uses the generic), pointed out once.
 * Suggestions are ranked by confusability and by how well each candidate fits the document.
 */
export interface DrugFindingInput {
  text: string;
  mentions: readonly Recognition[];
  unmatched: readonly UnmatchedWord[];
  context: DocumentContext;
  vocabulary: Vocabulary;
  settings: BiolensSettings;
  /** Lower-case words the writer marked as intended (settings, dictionary, this document). */
  ignored: WordSet;
}

/** What findings ask of a set of words. */
export interface WordSet {
  has(word: string): boolean;
}

/** Edits a misspelling may be from a drug name: long names tolerate two slips, short ones one. */
function maxEditsFor(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

/**
 * Endings that mark a word as a drug name (INN stems and common drug-name endings). A word that
 * carries one may be further from the name it misspells than an ordinary word would be allowed.
 */
const drugStems = [
  'ozole', 'ciclib', 'lisib', 'limus', 'strant', 'mab', 'nib', 'platin', 'taxel', 'rubicin', 'parib', 'zomib',
  'citabine', 'tecan', 'poside', 'mustine', 'domide', 'lutamide', 'relix', 'relin', 'ifene', 'oxifen', 'mestane',
  'vir', 'cillin', 'mycin', 'floxacin', 'cycline', 'statin', 'sartan', 'pril', 'olol', 'dipine', 'prazole',
  'tidine', 'setron', 'triptan', 'dronate', 'gliptin', 'glitazone', 'afil', 'oxetine', 'azepam', 'azolam',
  'profen', 'coxib', 'parin', 'xaban', 'gatran', 'semide', 'thiazide', 'clax', 'lukast', 'sertib', 'degib',
];

/** The drug stem a word ends with, if any. */
export function drugStemOf(word: string): string | undefined {
  return drugStems.find((stem) => word.length > stem.length + 2 && word.endsWith(stem));
}

/** How confusable a candidate found only by stem or sound must be to be offered. */
const farCandidateConfusability = 0.6;

interface Candidate {
  nameIndex: number;
  /** The drug name, lower case. */
  name: string;
  entity: EntityRecord;
  similarity: number;
  fit: number;
}

/** Words or mentions judged between pauses when the findings run in slices. */
const stepEvery = 32;

export function findDrugFindings(input: DrugFindingInput): Finding[] {
  return runToEnd(drugFindingSteps(input));
}

/** `findDrugFindings` as steps that pause between words, for hosts that analyse in slices. */
export function* drugFindingSteps(input: DrugFindingInput): Steps<Finding[]> {
  const findings: Finding[] = [];
  const wanted = (code: FindingCode) => input.settings.severity[code] !== 'ignore';
  // Prose repeats itself: judge each distinct word and each distinct drug once per document.
  const verdicts = new Map<string, MisspellingVerdict | undefined>();
  const misspelt: UnmatchedWord[] = [];
  const correctUses = yield* correctUsesByEntity(input);
  if (wanted('drug-misspelling') || wanted('drug-inconsistent')) {
    for (let i = 0; i < input.unmatched.length; i++) {
      if (i % stepEvery === stepEvery - 1) yield;
      const word = input.unmatched[i];
      if (!verdicts.has(word.word)) verdicts.set(word.word, judgeMisspelling(word.word, input));
      const verdict = verdicts.get(word.word);
      if (!verdict) continue;
      misspelt.push(word);
      if (wanted('drug-misspelling')) findings.push(misspellingFinding(word, verdict, input, correctUses));
    }
  }
  if (wanted('drug-lookalike')) {
    const lookalikes = new Map<number, LookalikeCandidate[]>();
    for (let i = 0; i < input.mentions.length; i++) {
      if (i % stepEvery === stepEvery - 1) yield;
      const mention = input.mentions[i];
      if (mention.kind !== 'drug') continue;
      if (!lookalikes.has(mention.entity)) lookalikes.set(mention.entity, betterFittingLookalikes(mention, input));
      const finding = lookalikeFinding(mention, lookalikes.get(mention.entity)!, input);
      if (finding) findings.push(finding);
    }
  }
  if (wanted('drug-inconsistent')) {
    // A misspelt form beside the right one is already a misspelling finding, which says so; only
    // when misspellings are turned off does the inconsistency speak for it.
    const variants = wanted('drug-misspelling') ? [] : misspelt;
    for (const f of yield* inconsistencyFindings(variants, verdicts, correctUses, input)) findings.push(f);
  }
  return findings.sort((a, b) => a.start - b.start || findingCodes.indexOf(a.code) - findingCodes.indexOf(b.code));
}

interface MisspellingVerdict {
  /** Lower-case suggestions, best first, one per drug. */
  suggestions: string[];
  /** The drug each suggestion names, in the same order. */
  entities: number[];
  /** Set when the nearest name is the wrong drug for this document and a look-alike fits. */
  contextPick?: { near: Candidate; better: Candidate };
  /** The first suggestion clearly wins: see winsClearly. */
  unambiguous: boolean;
}

/**
 * Whether a word is one edit from an everyday English word that is not a drug name: such a word
 * is more likely an English typo, which spell checkers handle, than a drug-name slip.
 */
function nearEnglishWord(word: string, vocabulary: Vocabulary): boolean {
  const english = (w: string) => w.length >= 3 && vocabulary.isEnglishWord(w) && vocabulary.drugNameIndex(w) < 0;
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    if (i < word.length) {
      const after = word.slice(i + 1);
      if (english(before + after)) return true;
      if (i + 1 < word.length && english(before + word[i + 1] + word[i] + word.slice(i + 2))) return true;
      for (const c of letters) if (c !== word[i] && english(before + c + after)) return true;
    }
    for (const c of letters) if (english(before + c + word.slice(i))) return true;
  }
  return false;
}

function judgeMisspelling(word: string, input: DrugFindingInput): MisspellingVerdict | undefined {
  const { vocabulary, context } = input;
  if (input.ignored.has(word)) return undefined;
  const stem = drugStemOf(word);
  const maxEdits = maxEditsFor(word);
  const close = (m: NearMiss) => m.distance <= maxEdits && (m.distance === 1 || m.name[0] === word[0]);
  const far = (m: NearMiss) =>
    !close(m) && phoneticKey(m.name)[0] === phoneticKey(word)[0] && confusability(word, m.name) >= farCandidateConfusability;
  // With a drug stem the word may be a slip further off ('lerocyclibe'); any word may be a respelling.
  const found = stem ? vocabulary.nearMisses(word, maxEdits + 1) : vocabulary.nearMisses(word, maxEdits);
  const misses = [...found, ...vocabulary.soundAlikes(word)].filter((m) => close(m) || far(m));
  if (misses.length === 0) return undefined;
  // An English word closer than every drug name: the word is an English typo, not a drug slip.
  if (!stem && misses.every((m) => m.distance > 1) && nearEnglishWord(word, vocabulary)) return undefined;

  const edits = new Map<number, number>();
  const editsFrom = (c: Candidate): number => {
    let d = edits.get(c.nameIndex);
    if (d === undefined) edits.set(c.nameIndex, (d = editDistance(word, c.name, maxEdits + 2)));
    return d;
  };
  // Fewer edits wins; at equal edits the drug's standard name beats a variant ('anastrozoel' → anastrozole, not anastrozol).
  const fewerEdits = (a: Candidate, b: Candidate): boolean =>
    editsFrom(a) < editsFrom(b) || (editsFrom(a) === editsFrom(b) && isStandardName(a) && !isStandardName(b));
  const isStandardName = (c: Candidate): boolean => c.name === c.entity.canonical;
  const candidates = new Map<number, Candidate>();
  const consider = (nameIndex: number) => {
    if (candidates.has(nameIndex)) return candidates.get(nameIndex)!;
    const entity = vocabulary.entity(vocabulary.drugNameEntity(nameIndex));
    const name = vocabulary.drugName(nameIndex);
    const candidate = { nameIndex, name, entity, similarity: confusability(word, name), fit: context.fit(entity) };
    candidates.set(nameIndex, candidate);
    return candidate;
  };
  const nearest = misses.map((m) => consider(m.nameIndex));
  // A near miss that is itself the wrong drug for this document: offer the look-alike that fits.
  let contextPick: { near: Candidate; better: Candidate } | undefined;
  for (const near of nearest) {
    for (const other of vocabulary.neighbours(near.nameIndex)) {
      const better = consider(other);
      const betterFit = context.fit(better.entity, near.entity);
      if (fitsClearlyBetter(betterFit, context.fit(near.entity, better.entity)) && (!contextPick || better.fit > contextPick.better.fit)) {
        contextPick = { near, better };
      }
    }
  }
  const ranked = [...candidates.values()]
    .filter((c) => nearest.includes(c) || c === contextPick?.better)
    .sort((a, b) => score(b) - score(a) || a.entity.canonical.localeCompare(b.entity.canonical));
  // One suggestion per drug: 'letrozole', not also its variant 'letrozol'. The drug ranks where
  // its best candidate ranks, and is written as its name fewest edits away ('lotrozole' is one
  // slip from letrozole, two from letrozol).
  const perDrug = new Map<number, Candidate>();
  for (const c of ranked) {
    const entity = vocabulary.drugNameEntity(c.nameIndex);
    const kept = perDrug.get(entity);
    if (!kept || fewerEdits(c, kept)) perDrug.set(entity, kept ? { ...c, similarity: kept.similarity, fit: kept.fit } : c);
  }
  const best = [...perDrug.entries()].slice(0, 5);
  return {
    suggestions: best.map(([, c]) => vocabulary.drugName(c.nameIndex)),
    entities: best.map(([entity]) => entity),
    contextPick: contextPick && ranked[0] === contextPick.better ? contextPick : undefined,
    unambiguous: contextPick === undefined && winsClearly(best[0][1], best[1]?.[1]) && isStandardOrBrand(best[0][1]),
  };
}

/**
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

/** Whether the best candidate wins on spelling alone, by a margin, and the document does not favour another. */
function winsClearly(best: Candidate, second: Candidate | undefined): boolean {
  if (!second) return true;
  return best.similarity - second.similarity >= clearWinMargin && best.fit >= second.fit;
}

/** Mentions of each drug under its own generic name, by entity index. */
function* correctUsesByEntity(input: DrugFindingInput): Steps<Map<number, Recognition[]>> {
  const out = new Map<number, Recognition[]>();
  for (let i = 0; i < input.mentions.length; i++) {
    if (i % 4096 === 4095) yield;
    const m = input.mentions[i];
    if (m.kind !== 'drug' || m.text.toLowerCase() !== m.canonical) continue;
    const list = out.get(m.entity);
    if (list) list.push(m);
    else out.set(m.entity, [m]);
  }
  return out;
}

function misspellingFinding(word: UnmatchedWord, verdict: MisspellingVerdict, input: DrugFindingInput, correctUses: ReadonlyMap<number, Recognition[]>): Finding {
  const written = input.text.slice(word.start, word.end);
  const pick = verdict.contextPick;
  const elsewhere = correctUses.get(verdict.entities[0])?.length ?? 0;
  const message = pick
    ? `'${written}' is not a known drug name. The closest name is ${shortDescription(pick.near.entity)}, ` +
      `but this document reads like one where ${pick.better.entity.canonical} belongs (${reasons(pick.better.entity, input.context)}).`
    : `'${written}' is not a known drug name; did you mean ${verdict.suggestions[0]}?` +
      (elsewhere > 0 ? ` This note writes ${verdict.suggestions[0]} ${times(elsewhere)} elsewhere.` : '');
  const suggestions = unique(verdict.suggestions.map((s) => matchCase(s, written)));
  return finding('drug-misspelling', word.start, word.end, written, message, input, { word: word.word, suggestions, unambiguous: verdict.unambiguous });
}

interface LookalikeCandidate {
  nameIndex: number;
  entity: EntityRecord;
  fit: number;
  listed: boolean;
}

/** The look-alike neighbours of a drug that fit this document far better than it does, best first. */
function betterFittingLookalikes(mention: Recognition, input: DrugFindingInput): LookalikeCandidate[] {
  const { vocabulary, context } = input;
  if (input.ignored.has(mention.canonical)) return [];
  const nameIndex = vocabulary.drugNameIndex(mention.canonical);
  if (nameIndex < 0) return [];
  const written = vocabulary.entity(mention.entity);
  return vocabulary
    .neighbours(nameIndex)
    .map((n) => ({ nameIndex: n, entity: vocabulary.entity(vocabulary.drugNameEntity(n)), listed: vocabulary.listedLookalikes(nameIndex, n) }))
    .map((c) => ({ ...c, fit: context.fit(c.entity, written), writtenFit: context.fit(written, c.entity) }))
    .filter((c) => writtenDrugOutOfPlace(written, c.writtenFit, c.fit))
    .sort((a, b) => b.fit - a.fit || a.entity.canonical.localeCompare(b.entity.canonical));
}

function lookalikeFinding(mention: Recognition, candidates: LookalikeCandidate[], input: DrugFindingInput): Finding | undefined {
  if (input.ignored.has(mention.text.toLowerCase())) return undefined;
  // Both names in one sentence is a comparison ('leflutrozole, unlike letrozole, …'), not a slip.
  const better = candidates.filter((c) => !input.mentions.some((m) => m.id === c.entity.id && inOneSentence(input.text, m, mention)));
  if (better.length === 0) return undefined;
  const best = better[0];
  const written = input.vocabulary.entity(mention.entity);
  const listed = best.listed ? ` The two names are on a look-alike list${best.entity.tallMan ? ` (${best.entity.tallMan})` : ''}.` : '';
  const message =
    `'${mention.text}' is a real drug — ${shortDescription(written)} — but this document reads like one about ` +
    `${best.entity.canonical} (${reasons(best.entity, input.context)}). Check that ${best.entity.canonical} was not meant.${listed}`;
  const suggestions = better.slice(0, 3).map((c) => matchCase(input.vocabulary.drugName(c.nameIndex), mention.text));
  return finding('drug-lookalike', mention.start, mention.end, mention.text, message, input, {
    word: mention.text.toLowerCase(),
    writtenId: mention.id,
    meantId: best.entity.id,
    suggestions,
  });
}

/**
 * One drug written two ways in one note, each pointed out once, on the first odd occurrence:
 * - a brand used on its own where the note otherwise writes the generic ('Afinitor' beside
 *   'everolimus'); a brand in the same sentence as its generic introduces it ('everolimus
 *   (Afinitor)') and is left alone;
 * - a second accepted spelling of a drug the note mostly writes another way ('ciclosporin'
 *   beside 'cyclosporine');
 * - a misspelt form beside the right one ('everolimous' beside 'everolimus'), when misspellings
 *   are not reported on their own.
 * The fix rewrites every odd occurrence to the form the note otherwise uses.
 */
function* inconsistencyFindings(
  misspelt: readonly UnmatchedWord[],
  verdicts: ReadonlyMap<string, MisspellingVerdict | undefined>,
  correctUses: ReadonlyMap<number, Recognition[]>,
  input: DrugFindingInput,
): Steps<Finding[]> {
  const findings: Finding[] = [];
  const { vocabulary } = input;

  const variantsByWord = new Map<string, UnmatchedWord[]>();
  for (const w of misspelt) {
    const list = variantsByWord.get(w.word);
    if (list) list.push(w);
    else variantsByWord.set(w.word, [w]);
  }
  for (const [word, occurrences] of variantsByWord) {
    const verdict = verdicts.get(word)!;
    // A nearest name that is the wrong drug here is a mix-up, not a second spelling of one drug.
    if (verdict.contextPick) continue;
    const entity = vocabulary.entity(verdict.entities[0]);
    const correct = correctUses.get(verdict.entities[0]);
    if (!correct?.length) continue;
    const first = occurrences[0];
    const written = input.text.slice(first.start, first.end);
    const message =
      `This note writes ${entity.canonical} ${times(correct.length)} and '${written}' ${times(occurrences.length)}: ` +
      `the same drug, spelt two ways. Write ${entity.canonical} throughout.`;
    findings.push(
      finding('drug-inconsistent', first.start, first.end, written, message, input, {
        word,
        suggestions: [matchCase(entity.canonical, written)],
        occurrences: occurrences.map(range),
        meantId: entity.id,
      }),
    );
  }

  const mentionsByEntity = new Map<number, Recognition[]>();
  for (let i = 0; i < input.mentions.length; i++) {
    if (i % 4096 === 4095) yield;
    const m = input.mentions[i];
    if (m.kind !== 'drug') continue;
    const list = mentionsByEntity.get(m.entity);
    if (list) list.push(m);
    else mentionsByEntity.set(m.entity, [m]);
  }
  for (const [entityIndex, mentions] of mentionsByEntity) {
    yield;
    const generic = correctUses.get(entityIndex);
    if (!generic?.length) continue;
    const entity = vocabulary.entity(entityIndex);
    const brands = new Set((entity.brands ?? []).map((b) => b.toLowerCase()));
    // Judged once per distinct written form: a long note names its drugs thousands of times.
    const kinds = new Map<string, 'brand' | 'spelling' | undefined>();
    const kindOf = (lower: string): 'brand' | 'spelling' | undefined => {
      if (lower === entity.canonical || input.ignored.has(lower)) return undefined;
      if (brands.has(lower)) return 'brand';
      // Another spelling of the generic name itself ('ciclosporin'), not a code or an abbreviation.
      return /^[a-z]{5,}$/.test(lower) && vocabulary.drugNameIndex(lower) >= 0 && confusability(lower, entity.canonical) >= 0.6 ? 'spelling' : undefined;
    };
    const odd = (m: Recognition) => {
      if (m.text.length === entity.canonical.length && m.text.toLowerCase() === entity.canonical) return undefined;
      const lower = m.text.toLowerCase();
      if (!kinds.has(lower)) kinds.set(lower, kindOf(lower));
      return kinds.get(lower);
    };
    // Only the generic uses just before and just after can share a sentence with a mention.
    const besideGeneric = (m: Recognition) => {
      let lo = 0;
      let hi = generic.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (generic[mid].start < m.start) lo = mid + 1;
        else hi = mid;
      }
      // A sentence is not a thousand characters long: farther uses need no look at the text between.
      const near = (g: Recognition | undefined) => g !== undefined && Math.abs(g.start - m.start) < 1000 && inOneSentence(input.text, g, m);
      return near(generic[lo - 1]) || near(generic[lo]);
    };
    const alone = mentions.filter((m) => odd(m) !== undefined && !besideGeneric(m));
    if (alone.length === 0) continue;
    for (const kind of ['brand', 'spelling'] as const) {
      const ofKind = alone.filter((m) => odd(m) === kind);
      const byWord = new Map<string, Recognition[]>();
      for (const m of ofKind) {
        const list = byWord.get(m.text.toLowerCase());
        if (list) list.push(m);
        else byWord.set(m.text.toLowerCase(), [m]);
      }
      for (const [word, uses] of byWord) {
        const first = uses[0];
        const message =
          kind === 'brand'
            ? `'${first.text}' is a brand of ${entity.canonical}, which this note otherwise calls by its generic name ` +
              `(${times(generic.length)}). Write ${entity.canonical} throughout, or name the brand beside it once.`
            : `'${first.text}' is another spelling of ${entity.canonical}, which this note otherwise writes ` +
              `${entity.canonical} (${times(generic.length)}). Write it one way throughout.`;
        findings.push(
          finding('drug-inconsistent', first.start, first.end, first.text, message, input, {
            word,
            suggestions: [matchCase(entity.canonical, first.text)],
            occurrences: uses.map(range),
            writtenId: entity.id,
            meantId: entity.id,
          }),
        );
      }
    }
  }
  return findings;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function range(r: OffsetRange): OffsetRange {
  return { start: r.start, end: r.end };
}

function score(c: Candidate): number {
  return c.similarity + 0.15 * Math.min(c.fit, 5);
}

/** The context phrases of an entity that this document contains, for a message's 'why'. */
function reasons(entity: EntityRecord, context: DocumentContext): string {
  const hits = [...(entity.context ?? []), ...(entity.indications ?? [])].filter((p) => context.containsPhrase(p.toLowerCase())).slice(0, 3);
  return hits.length > 0 ? `it mentions ${hits.map((h) => `'${h}'`).join(', ')}` : 'its other drugs and genes point there';
}

function finding(code: FindingCode, start: number, end: number, text: string, message: string, input: DrugFindingInput, data: FindingData): Finding {
  const severity = input.settings.severity[code];
  return { code, severity: severity === 'ignore' ? 'hint' : severity, message, start, end, text, data };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
