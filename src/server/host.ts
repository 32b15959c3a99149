import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core';
import type { TextDocumentInput } from '../core/types';
import type { Vocabulary } from '../core/vocabulary/vocabulary';
import type { Tagger } from '../core/tagger/tagger';
import type { EditorSettings } from './editorSettings';
import type { InitializationOptions } from './protocol';
import type { WorkspaceDictionaries } from './workspaceDictionaries';

/**
 * What the host plugs in: everything here that needs Node (or a browser). The server itself
 * touches no file system, path module or Node timer, so the same class runs as `dist/server.js`
 * (nodeHost.ts) and in a web worker (browserMain.ts).
 */
export interface ServerOptions {
  /** The folder (a URI) of the pages explaining each finding code, one `<code>.md` each, linked from each diagnostic's code. */
  readonly findingPagesUri?: string;
  /**
   * Loads the vocabulary when the client initialises: from a data folder
   * (initializationOptions.dataDir or the host's default) or from bytes the client sent. `source`
   * names where it came from, for the log. Loaded at once (Node), it is in use before initialize
   * is answered, and a throw fails initialize with its message; as a promise (the browser's
   * worker, whose files are still downloading), initialize is answered without waiting, requests
   * wait for it, and a rejection is shown to the writer and fails every request with its message.
   */
  loadVocabulary(init: InitializationOptions): LoadedVocabulary | Promise<LoadedVocabulary>;
  /** Where workspace dictionaries are read and written, once the client's options are known. */
  dictionaries(init: InitializationOptions, connection: Connection, log: (message: string) => void): WorkspaceDictionaries;
  /** Gives the event loop a turn between analysis slices, so requests and newer edits are read. */
  yieldToHost(): Promise<void>;
}

export interface LoadedVocabulary {
  readonly vocabulary: Vocabulary;
  readonly source: string;
  /**
   * The same vocabulary with the parts that come later (the browser downloads the cards' files,
   * the full entity records and the knowledge, after start-up); it replaces the first once it resolves.
   */
  readonly complete?: Promise<Vocabulary | undefined>;
  /** The learned tagger of genes and chemicals; without it recognition is the vocabulary's alone. */
  readonly tagger?: Tagger;
  /** Said once in the log: why there is no tagger, or which of its models is missing. */
  readonly taggerNote?: string;
}

/** A document the server may answer for, with the service and settings that apply to it. */
export interface DocumentScope {
  readonly document: TextDocument;
  readonly input: TextDocumentInput;
  readonly service: LanguageService;
  readonly settings: EditorSettings;
}
