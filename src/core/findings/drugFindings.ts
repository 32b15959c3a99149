import type { Finding, FindingCode } from '../types';
import type { BiolensSettings } from '../settings';
import type { Recognition, UnmatchedWord } from '../recognize/recognizer';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { EntityRecord } from '../vocabulary/model';
import { shortDescription } from '../cards/card';
import { DocumentContext, fitsClearlyBetter, inOneSentence, writtenDrugOutOfPlace } from './context';
import { nameSimilarity } from './similarity';
import { matchCase } from '../fixes/fixes';

/**
 * The two drug-name findings:
 * - drug-misspelling: a word that is in no vocabulary and no English dictionary (the recogniser
 *   only passes such words on), within one or two
 *   edits of a drug name ('anastrazole');
 * - drug-lookalike: a real drug whose look-alike neighbour fits the document clearly better
 *   ('leflutrozole' in a breast-cancer note, where letrozole is meant).
 * Both rank suggestions by spelling and by how well each candidate fits the document.
 */
export interface DrugFindingInput {
  text: string;
  mentions: readonly Recognition[];
  unmatched: readonly UnmatchedWord[];
  context: DocumentContext;
  vocabulary: Vocabulary;
  settings: BiolensSettings;
  /** Lower-case words the writer marked as intended (settings, dictionary, this document). */
  ignored: ReadonlySet<string>;
}

/** Edits a misspelling may be from a drug name: long names tolerate two slips, short ones one. */
function maxEditsFor(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

interface Candidate {
  nameIndex: number;
  entity: EntityRecord;
  similarity: number;
  fit: number;
}

export function findDrugFindings(input: DrugFindingInput): Finding[] {
  const findings: Finding[] = [];
  const wanted = (code: FindingCode) => input.settings.severity[code] !== 'ignore';
  // Prose repeats itself: judge each distinct word and each distinct drug once per document.
  if (wanted('drug-misspelling')) {
    const verdicts = new Map<string, MisspellingVerdict | undefined>();
    for (const word of input.unmatched) {
      if (!verdicts.has(word.word)) verdicts.set(word.word, judgeMisspelling(word.word, input));
      const verdict = verdicts.get(word.word);
      if (verdict) findings.push(misspellingFinding(word, verdict, input));
    }
  }
  if (wanted('drug-lookalike')) {
    const verdicts = new Map<number, LookalikeCandidate[]>();
    for (const mention of input.mentions) {
      if (mention.kind !== 'drug') continue;
      if (!verdicts.has(mention.entity)) verdicts.set(mention.entity, betterFittingLookalikes(mention, input));
      const finding = lookalikeFinding(mention, verdicts.get(mention.entity)!, input);
      if (finding) findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

interface MisspellingVerdict {
  /** Lower-case suggestions, best first. */
  suggestions: string[];
  /** Set when the nearest name is the wrong drug for this document and a look-alike fits. */
  contextPick?: { near: Candidate; better: Candidate };
}

function judgeMisspelling(word: string, input: DrugFindingInput): MisspellingVerdict | undefined {
  const { vocabulary, context } = input;
  if (input.ignored.has(word)) return undefined;
  const misses = vocabulary.nearMisses(word, maxEditsFor(word)).filter((m) => m.distance === 1 || m.name[0] === word[0]);
  if (misses.length === 0) return undefined;
  const candidates = new Map<number, Candidate>();
  const consider = (nameIndex: number) => {
    if (candidates.has(nameIndex)) return candidates.get(nameIndex)!;
    const entity = vocabulary.entity(vocabulary.drugNameEntity(nameIndex));
    const candidate = { nameIndex, entity, similarity: nameSimilarity(word, vocabulary.drugName(nameIndex)), fit: context.fit(entity) };
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
  return {
    suggestions: unique(ranked.map((c) => vocabulary.drugName(c.nameIndex))).slice(0, 5),
    contextPick: contextPick && ranked[0] === contextPick.better ? contextPick : undefined,
  };
}

function misspellingFinding(word: UnmatchedWord, verdict: MisspellingVerdict, input: DrugFindingInput): Finding {
  const written = input.text.slice(word.start, word.end);
  const pick = verdict.contextPick;
  const message = pick
    ? `'${written}' is not a known drug name. The closest name is ${shortDescription(pick.near.entity)}, ` +
      `but this document reads like one where ${pick.better.entity.canonical} belongs (${reasons(pick.better.entity, input.context)}).`
    : `'${written}' is not a known drug name; did you mean ${verdict.suggestions[0]}?`;
  const suggestions = unique(verdict.suggestions.map((s) => matchCase(s, written)));
  return finding('drug-misspelling', word.start, word.end, written, message, suggestions, input, { word: word.word });
}

interface LookalikeCandidate {
  nameIndex: number;
  entity: EntityRecord;
  fit: number;
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
    .map((n) => ({ nameIndex: n, entity: vocabulary.entity(vocabulary.drugNameEntity(n)) }))
    .map((c) => ({ ...c, fit: context.fit(c.entity, written), writtenFit: context.fit(written, c.entity) }))
    .filter((c) => writtenDrugOutOfPlace(written, c.writtenFit, c.fit))
    .sort((a, b) => b.fit - a.fit || a.entity.canonical.localeCompare(b.entity.canonical));
}

function lookalikeFinding(mention: Recognition, candidates: LookalikeCandidate[], input: DrugFindingInput): Finding | undefined {
  if (input.ignored.has(mention.text.toLowerCase())) return undefined;
  // Both names in one sentence is a comparison ('leflutrozole, unlike letrozole, …'), not a slip.
  const better = candidates.filter((c) => !input.mentions.some((m) => m.id === c.entity.id && inOneSentence(input.text, m, mention)));
  if (better.length === 0) return undefined;
  const best = better[0].entity;
  const written = input.vocabulary.entity(mention.entity);
  const message =
    `'${mention.text}' is a real drug — ${shortDescription(written)} — but this document reads like one about ` +
    `${best.canonical} (${reasons(best, input.context)}). Check that ${best.canonical} was not meant.`;
  const suggestions = better.slice(0, 3).map((c) => matchCase(input.vocabulary.drugName(c.nameIndex), mention.text));
  return finding('drug-lookalike', mention.start, mention.end, mention.text, message, suggestions, input, {
    word: mention.text.toLowerCase(),
    writtenId: mention.id,
  });
}

function score(c: Candidate): number {
  return c.similarity + 0.15 * Math.min(c.fit, 5);
}

/** The context phrases of an entity that this document contains, for a message's 'why'. */
function reasons(entity: EntityRecord, context: DocumentContext): string {
  const hits = (entity.context ?? []).filter((p) => context.containsPhrase(p.toLowerCase())).slice(0, 3);
  return hits.length > 0 ? `it mentions ${hits.map((h) => `'${h}'`).join(', ')}` : 'its other drugs and genes point there';
}

function finding(
  code: FindingCode,
  start: number,
  end: number,
  text: string,
  message: string,
  suggestions: string[],
  input: DrugFindingInput,
  data: { word: string; writtenId?: string },
): Finding {
  const severity = input.settings.severity[code];
  return { code, severity: severity === 'ignore' ? 'hint' : severity, message, start, end, text, data: { ...data, suggestions } };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
