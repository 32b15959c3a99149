import type { BiolensSettings, SeveritySetting } from '../settings';
import type { Recognition, UnmatchedWord } from '../recognize/recognizer';
import type { Steps } from '../steps';
import type { Finding, FindingCode, Severity } from '../types';
import type { Vocabulary } from '../vocabulary/vocabulary';
import type { DocumentContext } from './context';
import type { KeptJudgements } from './judgements';
import type { RankingWeights } from './ranking';

/** What findings ask of a set of words. */
export interface WordSet {
  has(word: string): boolean;
}

/** What a rule reads about the note under review. Everything here is the same for every rule. */
export interface ReviewInput {
  readonly text: string;
  readonly mentions: readonly Recognition[];
  readonly unmatched: readonly UnmatchedWord[];
  readonly context: DocumentContext;
  readonly vocabulary: Vocabulary;
  readonly settings: BiolensSettings;
  /** Lower-case words the writer marked as intended (settings, dictionary, this document). */
  readonly ignored: WordSet;
  /** How the misspelling rule ranks its suggestions (ranking.ts). */
  readonly rankingWeights: RankingWeights;
  /** Judgements kept from earlier analyses under the same settings (judgements.ts). */
  readonly kept: KeptJudgements;
}

/**
 * The note under review: the input, plus judgements more than one rule needs (the misspelling
 * verdicts, the correct uses of each drug), each computed once per analysis.
 */
export interface NoteUnderReview extends ReviewInput {
  /** A judgement shared between rules, computed by the first rule that asks for it. */
  shared<T>(name: string, compute: () => Steps<T>): Steps<T>;
  /** Whether the note is written in English (`en`, `en-GB`, …), as the settings say. */
  writesEnglish(): boolean;
  /** Whether a finding code is reported at all under the settings. */
  reports(code: FindingCode): boolean;
}

export function reviewNote(input: ReviewInput): NoteUnderReview {
  const judgements = new Map<string, unknown>();
  return {
    ...input,
    *shared<T>(name: string, compute: () => Steps<T>): Steps<T> {
      if (!judgements.has(name)) judgements.set(name, yield* compute());
      return judgements.get(name) as T;
    },
    writesEnglish: () => /^en(-|$)/i.test(input.settings.language),
    reports: (code) => input.settings.severity[code] !== 'ignore',
  };
}

/**
 * One finding rule, in a file of its own under rules/: its code, what it means, its default
 * severity, and how it finds its findings. Its thresholds live beside it.
 */
export interface FindingRule {
  readonly code: FindingCode;
  /** One sentence: SARIF rules, settings and docs all show it. */
  readonly description: string;
  readonly defaultSeverity: SeveritySetting;
  /** The rule's findings, each with the given severity; pauses between words or mentions. */
  run(note: NoteUnderReview, severity: Severity): Steps<Finding[]>;
}
