/**
 * What the biolens language server offers beyond standard LSP: custom requests, command ids and
 * initialization options. Plain shapes only, so the VS Code client, other editors' configs and
 * the tests can share them without pulling in either side's library.
 */
import { entityKinds, type EntityKind } from '../core/types';
import type { TaggedKind } from '../core/tagger/model';

/** Language ids checked when `biolens.languages` is not set. */
export const defaultLanguages: readonly string[] = ['markdown'];

/** Settings section the server asks the client for (`workspace/configuration`). */
export const configurationSection = 'biolens';

/**
 * Server command (`workspace/executeCommand`) adding a word to a dictionary. Arguments:
 * [documentUri, word, reason?, target?]; `target` is a DictionaryTarget, the workspace by default.
 */
export const addToDictionaryCommand = 'biolens.server.addToDictionary';

/**
 * Which dictionary a word goes to: the workspace folder's `biolens-dictionary.txt`, or the user's
 * own (the file in `InitializationOptions.userDictionaryFolder`), read for every note.
 */
export type DictionaryTarget = 'workspace' | 'user';

/**
 * Client command the add-to-dictionary quick fixes run instead of addToDictionaryCommand when the
 * client asked for it (`InitializationOptions.reasonPrompt`): it asks the writer for a reason,
 * then runs the server command. Same arguments.
 */
export const addToDictionaryWithReasonCommand = 'biolens.addToDictionaryWithReason';

/** Code action kind of the fix-all source action. */
export const fixAllKind = 'source.fixAll.biolens';

/** Kind of the same fix-all offered in the quick-fix menu (Ctrl+.) beside a finding's own fixes. */
export const fixAllInFileKind = 'quickfix.biolens.fixAll';

/** Where the page explaining each finding code lives, relative to the extension's root. */
export const findingPagesFolder = 'docs/codes';

/** The page explaining a finding code, in a folder of pages (a URI). */
export function findingPageUri(pagesFolderUri: string, code: string): string {
  return `${pagesFolderUri.replace(/\/+$/, '')}/${code}.md`;
}

/** `biolens.outline.entities`: whether the Outline lists the entities (after the headings) or leaves them to Show Entities. */
export const outlineEntitiesModes = ['off', 'after-headings'] as const;
export type OutlineEntitiesMode = (typeof outlineEntitiesModes)[number];
export const defaultOutlineEntities: OutlineEntitiesMode = 'off';

/** Label of the Outline group the entity symbols are in. */
export const outlineGroupLabel = 'biolens entities';

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
  /**
   * The client answers `biolens/readTextFile` and `biolens/appendTextFile`: workspace dictionaries
   * the server cannot reach itself (a virtual workspace; any workspace in a browser) are read and
   * written through the editor's file system. The VS Code extension sets it.
   */
  readonly clientFiles?: boolean;
  /** A folder URI whose `biolens-dictionary.txt` is the user's dictionary (VS Code: the extension's global storage). */
  readonly userDictionaryFolder?: string;
  /** The client offers addToDictionaryWithReasonCommand: quick fixes run it, so the writer can give a reason. */
  readonly reasonPrompt?: boolean;
  /**
   * The client registers the document symbol provider itself (VS Code, so that the entity group
   * comes after the Markdown headings) and sends `textDocument/documentSymbol` on its own; the
   * server then does not announce the capability.
   */
  readonly clientOutline?: boolean;
}

/**
 * `biolens/readTextFile` (server → client): a UTF-8 text file read through the editor's file
 * system. Only regular files of at most `maxBytes` are read.
 */
export const readTextFileRequest = 'biolens/readTextFile';
export interface ReadTextFileParams {
  readonly uri: string;
  readonly maxBytes: number;
}
/** The text; or the file does not exist; or why it cannot be read (one line, for the log). */
export type ReadTextFileResult = { readonly text: string } | { readonly missing: true } | { readonly problem: string };

/**
 * `biolens/appendTextFile` (server → client): appends UTF-8 text to a file, creating it when
 * missing. Refused (with the reason) for a symbolic link, anything but a regular file, or a file
 * over `maxBytes`.
 */
export const appendTextFileRequest = 'biolens/appendTextFile';
export interface AppendTextFileParams {
  readonly uri: string;
  readonly text: string;
  readonly maxBytes: number;
}
export type AppendTextFileResult = { readonly written: true } | { readonly problem: string };

/**
 * Server to client, once after initialized: every part of the vocabulary is in, the optional ones
 * too (in the browser the cards' files follow start-up), so cards now show all they can.
 */
export const vocabularyCompleteNotification = 'biolens/vocabularyComplete';

/**
 * The browser extension and the server's web worker, besides LSP: the extension posts the boot
 * message first, then each vocabulary file analysis needs as it arrives from the extension's URI
 * (transferred, not copied), or the reason it could not read one; when the worker asks for them
 * (browserCardsWantedKind), the files only cards need: the full entity records and the knowledge
 * file (or why there is none). LSP messages
 * may come in between: the worker reads its LSP from every other message.
 */
export const browserBootKind = 'biolens/boot';
export const browserFileKind = 'biolens/vocabularyFile';
export const browserFileErrorKind = 'biolens/vocabularyFileError';
export const browserTaggerKind = 'biolens/taggerModels';
export const browserCardFileKind = 'biolens/cardFile';
/** Worker to extension, besides LSP: when the worker's start-up steps ended, for the output and the figures. */
export const browserMarksKind = 'biolens/startupMarks';
/**
 * Worker to extension, besides LSP: send the cards' files now. The worker asks once its first
 * diagnostics are out (or a hover or a check of closed notes comes first), so that downloading
 * and decompressing them does not compete with the first analysis for the machine.
 */
export const browserCardsWantedKind = 'biolens/cardsWanted';
export interface BrowserCardsWantedMessage {
  readonly kind: typeof browserCardsWantedKind;
}
/**
 * The vocabulary files start-up needs, by their field in VocabularyBytes, in the order they are
 * asked for: the worker builds the lookup indexes from the first two while the others download.
 */
export const browserVocabularyFields = ['drugNames', 'keys', 'packed', 'essentials'] as const;
/** The files that follow start-up, by their field in VocabularyBytes: only cards need them. */
export const browserCardFields = ['entities', 'knowledge'] as const;
export type BrowserCardField = (typeof browserCardFields)[number];
export type BrowserVocabularyField = (typeof browserVocabularyFields)[number];
/**
 * A file the worker can fetch itself, by its field (a tagger model by its kind): every start-up
 * and card file but the drug names, which the extension sends at once (the worker's first work is
 * indexing them).
 */
export type BrowserDataFile = Exclude<BrowserVocabularyField, 'drugNames'> | BrowserCardField | `tagger/${TaggedKind}`;
/**
 * The extension's path of the gzipped copy of each file the worker fetches (written by
 * scripts/bundle.mjs into dist/web/data/; the essential records ship gzipped already).
 */
export const webDataCopies: Readonly<Record<BrowserDataFile | 'drugNames', string>> = {
  drugNames: 'dist/web/data/drug-names.txt.gz',
  keys: 'dist/web/data/vocabulary-keys.txt.gz',
  packed: 'dist/web/data/vocabulary.bin.gz',
  essentials: 'data/entity-essentials.jsonl.gz',
  entities: 'dist/web/data/entities.jsonl.gz',
  knowledge: 'dist/web/data/knowledge.bin.gz',
  'tagger/gene': 'dist/web/data/tagger/gene.bin.gz',
  'tagger/chemical': 'dist/web/data/tagger/chemical.bin.gz',
};
/** The web server's script, in the extension: the URL it was fetched from gives the others (see BrowserBootMessage.dataUrls). */
export const webServerScript = 'dist/web/server.js';
export interface BrowserBootMessage {
  readonly kind: typeof browserBootKind;
  /** Where the vocabulary comes from, for messages. */
  readonly source: string;
  /** The folder of finding pages (docs/codes) linked from diagnostics. */
  readonly findingPagesUri?: string;
  /**
   * Where the worker fetches each file's gzipped copy itself (absolute URLs, from the URL the
   * server script came from), when the extension could tell: each of the extension's own fetches
   * waits for the workbench to map its URI to a URL, which at start-up takes most of a second.
   * Without them the extension sends every file. A file the worker cannot fetch it asks the
   * extension for (browserFileWantedKind).
   */
  readonly dataUrls?: Readonly<Partial<Record<BrowserDataFile, string>>>;
}
export interface BrowserFileMessage {
  readonly kind: typeof browserFileKind;
  readonly field: BrowserVocabularyField;
  readonly bytes: Uint8Array;
  /** The bytes are gzipped (a copy from dist/web/data/): the worker inflates them. */
  readonly gzipped?: boolean;
}
/**
 * Worker to extension, besides LSP: a file the worker could not fetch from its URL in
 * `dataUrls`; the extension reads it as it would without them and sends it (a tagger model: all
 * the tagger models, as a BrowserTaggerMessage; a card file: as a BrowserCardFileMessage).
 */
export const browserFileWantedKind = 'biolens/fileWanted';
export interface BrowserFileWantedMessage {
  readonly kind: typeof browserFileWantedKind;
  readonly file: BrowserDataFile;
}
export interface BrowserMarksMessage {
  readonly kind: typeof browserMarksKind;
  /** `…At`: when a step ended, as epoch milliseconds (performance.timeOrigin + now, comparable across workers); `…Ms`: how long a step took. */
  readonly marks: Readonly<Record<string, number>>;
}
export interface BrowserFileErrorMessage {
  readonly kind: typeof browserFileErrorKind;
  readonly message: string;
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
/** The tagger models the extension has (data/tagger/<kind>.bin), none when it has none; `problem` when one could not be read. */
export interface BrowserTaggerMessage {
  readonly kind: typeof browserTaggerKind;
  readonly models: readonly { readonly kind: string; readonly bytes: Uint8Array }[];
  readonly problem?: string;
}
/** A file of the cards (data/entities.jsonl, data/knowledge.bin), or undefined bytes when the extension has none or it cannot be read (`problem`). */
export interface BrowserCardFileMessage {
  readonly kind: typeof browserCardFileKind;
  readonly field: BrowserCardField;
  readonly bytes?: Uint8Array;
  readonly problem?: string;
}
