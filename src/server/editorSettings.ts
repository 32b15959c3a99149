import { resolveSettings, type BiolensSettings } from '../core/settings';
import { defaultLanguages } from './protocol';

/** The `biolens.*` settings of one resource, as the editor adapters use them. */
export interface EditorSettings {
  /** False turns biolens off for the resource: no diagnostics, hovers or tokens. */
  readonly enable: boolean;
  /** Language ids of the documents to check. */
  readonly languages: readonly string[];
  /** Extra dictionary files, relative to the workspace folder (or absolute). */
  readonly dictionaries: readonly string[];
  /** What the language service reads; ignoredWords here are the configured ones only. */
  readonly core: BiolensSettings;
}

function stringArray(value: unknown, name: string, report: (problem: string) => void): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    report(`${name} must be an array of strings`);
    return undefined;
  }
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/**
 * Reads the `biolens` section as a client sends it (possibly partial or malformed user JSON),
 * keeping every valid field and reporting each invalid one.
 */
export function resolveEditorSettings(input: unknown, report: (problem: string) => void = () => {}): EditorSettings {
  const raw = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  if (input !== undefined && input !== null && typeof input !== 'object') report(`biolens settings must be an object, got ${typeof input}`);
  let enable = true;
  if (raw.enable !== undefined && raw.enable !== null) {
    if (typeof raw.enable === 'boolean') enable = raw.enable;
    else report('enable must be true or false');
  }
  return {
    enable,
    languages: stringArray(raw.languages, 'languages', report) ?? defaultLanguages,
    dictionaries: stringArray(raw.dictionaries, 'dictionaries', report) ?? [],
    core: resolveSettings(
      { severity: raw.severity ?? undefined, ignoredWords: raw.ignoredWords ?? undefined, cards: raw.cards ?? undefined, language: raw.language ?? undefined },
      report,
    ),
  };
}
