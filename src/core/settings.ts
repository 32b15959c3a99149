import { defaultSeverities } from './findings/registry';
import type { EntityKind, FindingCode, Severity } from './types';

/** A finding's configured severity; 'ignore' turns the finding off. */
export type SeveritySetting = Severity | 'ignore';

/** Every severity setting, from off to loudest: settings validation, the CLI and the manifest's enum use this list. */
export const severitySettings: readonly SeveritySetting[] = ['ignore', 'hint', 'information', 'warning', 'error'];

/**
 * The settings the language service reads. The VS Code extension contributes them as
 * `biolens.*`; the CLI reads them from flags. Every field has a default.
 */
export interface BiolensSettings {
  /** Severity per finding code. */
  severity: Record<FindingCode, SeveritySetting>;
  /** Words never flagged (compared case-insensitively), e.g. from the workspace dictionary. */
  ignoredWords: readonly string[];
  /** Entity kinds that get hover cards. */
  cards: Record<EntityKind, boolean>;
  /**
   * The language the notes are written in (a BCP 47 tag such as `en`, `de`, `fr-CA`). Only in
   * English prose is a drug name in another language's form ('letrozol') pointed out.
   */
  language: string;
}

export const defaultSettings: BiolensSettings = Object.freeze<BiolensSettings>({
  severity: { ...defaultSeverities },
  ignoredWords: [],
  cards: { drug: true, gene: true, biomarker: true, pathway: true, 'cell-line': true, trial: true, endpoint: true, family: true },
  language: 'en',
});

/**
 * Merges partial, possibly malformed settings (they come from user JSON) over the defaults,
 * keeping every valid field and reporting each invalid one instead of throwing.
 */
export function resolveSettings(input: unknown, report: (problem: string) => void = () => {}): BiolensSettings {
  const out: BiolensSettings = {
    severity: { ...defaultSettings.severity },
    ignoredWords: [],
    cards: { ...defaultSettings.cards },
    language: defaultSettings.language,
  };
  if (input === undefined || input === null) return out;
  if (typeof input !== 'object') {
    report(`settings must be an object, got ${typeof input}`);
    return out;
  }
  const raw = input as Record<string, unknown>;
  if (raw.severity !== undefined) {
    if (typeof raw.severity !== 'object' || raw.severity === null) report('severity must be an object');
    else {
      for (const [code, value] of Object.entries(raw.severity)) {
        if (!Object.hasOwn(out.severity, code)) report(`unknown finding code '${code}' in severity`);
        else if (!(severitySettings as readonly unknown[]).includes(value)) {
          report(`severity of '${code}' must be one of ${severitySettings.join(', ')}`);
        } else out.severity[code as FindingCode] = value as SeveritySetting;
      }
    }
  }
  if (raw.ignoredWords !== undefined) {
    if (!Array.isArray(raw.ignoredWords)) report('ignoredWords must be an array of strings');
    else out.ignoredWords = raw.ignoredWords.filter((w): w is string => typeof w === 'string' && w.trim() !== '');
  }
  if (raw.cards !== undefined) {
    if (typeof raw.cards !== 'object' || raw.cards === null) report('cards must be an object');
    else {
      for (const [kind, value] of Object.entries(raw.cards)) {
        if (!Object.hasOwn(out.cards, kind)) report(`unknown entity kind '${kind}' in cards`);
        else if (typeof value !== 'boolean') report(`cards.${kind} must be true or false`);
        else out.cards[kind as EntityKind] = value;
      }
    }
  }
  if (raw.language !== undefined && raw.language !== null) {
    if (typeof raw.language !== 'string' || !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(raw.language))
      report(`language must be a language tag such as 'en' or 'de', got ${JSON.stringify(raw.language)}`);
    else out.language = raw.language;
  }
  return out;
}
