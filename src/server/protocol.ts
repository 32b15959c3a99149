/**
 * What the biolens language server offers beyond standard LSP: custom requests, command ids and
 * initialization options. Plain shapes only, so the VS Code client, other editors' configs and
 * the tests can share them without pulling in either side's library.
 */
import { entityKinds, type EntityKind } from '../core/types';

/** Language ids checked when `biolens.languages` is not set. */
export const defaultLanguages: readonly string[] = ['markdown'];

/** Settings section the server asks the client for (`workspace/configuration`). */
export const configurationSection = 'biolens';

/** Server command (`workspace/executeCommand`) adding a word to the workspace dictionary. Arguments: [documentUri, word]. */
export const addToDictionaryCommand = 'biolens.server.addToDictionary';

/** Code action kind of the fix-all source action. */
export const fixAllKind = 'source.fixAll.biolens';

/** Diagnostic `source` of every biolens finding. */
export const diagnosticSource = 'biolens';

/** The semantic token type of an entity kind: its name in camel case (`cell-line` → `cellLine`). */
export function semanticTokenType(kind: EntityKind): string {
  return kind.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}

/** Semantic token types in legend order: the entity kinds, in their order. */
export const semanticTokenTypes: readonly string[] = entityKinds.map(semanticTokenType);

export interface InitializationOptions {
  /** Folder holding the compiled vocabulary; defaults to `data/` beside the server bundle's folder. */
  readonly dataDir?: string;
  /** Settings for clients that cannot answer `workspace/configuration` (same shape as `biolens.*`). */
  readonly settings?: unknown;
  /** Milliseconds to wait after an edit before re-analysing (default 100). */
  readonly debounceMs?: number;
}

/** `biolens/entities`: every recognised entity of an open document, with its mentions. */
export const entitiesRequest = 'biolens/entities';
export interface EntitiesParams {
  readonly uri: string;
}
export interface LspRange {
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}
export interface EntitySummary {
  readonly kind: string;
  readonly id: string;
  readonly canonical: string;
  readonly mentions: readonly { readonly text: string; readonly range: LspRange }[];
}

/** `biolens/checkDocuments`: analyses documents that need not be open and publishes their diagnostics. */
export const checkDocumentsRequest = 'biolens/checkDocuments';
export interface CheckDocumentsParams {
  readonly documents: readonly { readonly uri: string; readonly text: string; readonly languageId?: string }[];
}
export interface CheckDocumentsResult {
  readonly documents: number;
  readonly findings: number;
}
