import type { Finding, FindingCode } from '../types';
import type { BiolensSettings } from '../settings';
import type { Recognition, UnmatchedWord } from '../recognize/recognizer';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { EntityRecord } from '../vocabulary/model';
import { shortDescription } from '../cards/card';
import { DocumentContext, fitsClearlyBetter } from './context';
import { nameSimilarity } from './similarity';
import { matchCase } from '../fixes/fixes';

/**
 * The two drug-name findings:
 * - drug-misspelling: a word that is in no vocabulary and no English dictionary, within one or two
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
  if (wanted('drug-misspelling')) {
    for (const word of input.unmatched) {
      const finding = misspelling(word, input);
      if (finding) findings.push(finding);
    }
  }
  if (wanted('drug-lookalike')) {
    for (const mention of input.mentions) {
      if (mention.kind !== 'drug') continue;
      const finding = lookalike(mention, input);
      if (finding) findings.push(finding);
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

function misspelling(word: UnmatchedWord, input: DrugFindingInput): Finding | undefined {
  const { vocabulary, context } = input;
  if (input.ignored.has(word.word) || vocabulary.isEnglishWord(word.word)) return undefined;
  const misses = vocabulary.nearMisses(word.word, maxEditsFor(word.word)).filter((m) => m.distance === 1 || m.name[0] === word.word[0]);
  if (misses.length === 0) return undefined;
  const candidates = new Map<number, Candidate>();
  const consider = (nameIndex: number) => {
    if (candidates.has(nameIndex)) return candidates.get(nameIndex)!;
    const entity = vocabulary.entity(vocabulary.drugNameEntity(nameIndex));
    const candidate = { nameIndex, entity, similarity: nameSimilarity(word.word, vocabulary.drugName(nameIndex)), fit: context.fit(entity) };
    candidates.set(nameIndex, candidate);
    return candidate;
  };
  const nearest = misses.map((m) => consider(m.nameIndex));
  // A near miss that is itself the wrong drug for this document: offer the look-alike that fits.
  let contextPick: { near: Candidate; better: Candidate } | undefined;
  for (const near of nearest) {
    for (const other of vocabulary.neighbours(near.nameIndex)) {
      const better = consider(other);
      if (fitsClearlyBetter(better.fit, near.fit) && (!contextPick || better.fit > contextPick.better.fit)) contextPick = { near, better };
    }
  }
  const ranked = [...candidates.values()]
    .filter((c) => nearest.includes(c) || c === contextPick?.better)
    .sort((a, b) => score(b) - score(a) || a.entity.canonical.localeCompare(b.entity.canonical));
  const suggestions = unique(ranked.map((c) => matchCase(vocabulary.drugName(c.nameIndex), input.text.slice(word.start, word.end)))).slice(0, 5);
  const written = input.text.slice(word.start, word.end);
  let message = `'${written}' is not a known drug name; did you mean ${vocabulary.drugName(ranked[0].nameIndex)}?`;
  if (contextPick && ranked[0] === contextPick.better) {
    message =
      `'${written}' is not a known drug name. The closest name is ${shortDescription(contextPick.near.entity)}, ` +
      `but this document reads like one where ${contextPick.better.entity.canonical} belongs (${reasons(contextPick.better.entity, input.context)}).`;
  }
  return finding('drug-misspelling', word.start, word.end, written, message, suggestions, input, { word: word.word });
}

function lookalike(mention: Recognition, input: DrugFindingInput): Finding | undefined {
  const { vocabulary, context } = input;
  const word = mention.text.toLowerCase();
  if (input.ignored.has(word) || input.ignored.has(mention.canonical)) return undefined;
  const nameIndex = vocabulary.drugNameIndex(mention.canonical);
  if (nameIndex < 0) return undefined;
  const neighbours = vocabulary.neighbours(nameIndex);
  if (neighbours.length === 0) return undefined;
  const written = vocabulary.entity(mention.entity);
  const writtenFit = context.fit(written);
  const better = neighbours
    .map((n) => ({ nameIndex: n, entity: vocabulary.entity(vocabulary.drugNameEntity(n)) }))
    .map((c) => ({ ...c, fit: context.fit(c.entity) }))
    .filter((c) => fitsClearlyBetter(c.fit, writtenFit))
    .sort((a, b) => b.fit - a.fit || a.entity.canonical.localeCompare(b.entity.canonical));
  if (better.length === 0) return undefined;
  const best = better[0].entity;
  const message =
    `'${mention.text}' is a real drug — ${shortDescription(written)} — but this document reads like one about ` +
    `${best.canonical} (${reasons(best, context)}). Check that ${best.canonical} was not meant.`;
  const suggestions = better.slice(0, 3).map((c) => matchCase(vocabulary.drugName(c.nameIndex), mention.text));
  return finding('drug-lookalike', mention.start, mention.end, mention.text, message, suggestions, input, { word, writtenId: mention.id });
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
