import { resolveSettings, type BiolensSettings } from '../core/settings';
import { entityKinds, type EntityKind } from '../core/types';
import { defaultLanguages, defaultOutlineEntities, outlineEntitiesModes, type OutlineEntitiesMode } from './protocol';

/** The `biolens.*` settings of one resource, as the editor adapters use them. */
export interface EditorSettings {
  /** False turns biolens off for the resource: no diagnostics, hovers or tokens. */
  readonly enable: boolean;
  /** Language ids of the documents to check. */
  readonly languages: readonly string[];
  /** Extra dictionary files, relative to the workspace folder (or absolute). */
  readonly dictionaries: readonly string[];
  /** `biolens.outline.entities`: whether document symbols list the entities. */
  readonly outlineEntities: OutlineEntitiesMode;
  /** `biolens.highlight`: the kinds whose mentions get semantic tokens (colours). */
  readonly highlight: readonly EntityKind[];
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

function outlineEntities(raw: unknown, report: (problem: string) => void): OutlineEntitiesMode {
  const value = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).entities : undefined;
  if (value === undefined || value === null) return defaultOutlineEntities;
  if ((outlineEntitiesModes as readonly unknown[]).includes(value)) return value as OutlineEntitiesMode;
  report(`outline.entities must be one of ${outlineEntitiesModes.join(', ')}`);
  return defaultOutlineEntities;
}

/** `all`, `none` or a list of entity kinds; anything else (reported) colours every kind. */
function highlightedKinds(value: unknown, report: (problem: string) => void): readonly EntityKind[] {
  if (value === undefined || value === null || value === 'all') return entityKinds;
  if (value === 'none') return [];
  if (Array.isArray(value)) {
    const unknown = value.filter((v) => !(entityKinds as readonly unknown[]).includes(v));
    if (unknown.length > 0) report(`highlight: unknown kinds ${JSON.stringify(unknown)} (known: ${entityKinds.join(', ')})`);
    return entityKinds.filter((kind) => value.includes(kind));
  }
  report(`highlight must be "all", "none" or a list of kinds`);
  return entityKinds;
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
    outlineEntities: outlineEntities(raw.outline, report),
    highlight: highlightedKinds(raw.highlight, report),
    core: resolveSettings(
      { severity: raw.severity ?? undefined, ignoredWords: raw.ignoredWords ?? undefined, cards: raw.cards ?? undefined, language: raw.language ?? undefined },
      report,
    ),
  };
}
