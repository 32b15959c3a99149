import {
  CancellationToken,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Disposable,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core';
import { defaultDictionaryName } from '../core/dictionary';
import { headingRanges } from '../core/markdown/headings';
import { CancelledError, entityKinds, type EntityKind } from '../core/types';
import { chunkedDocuments } from './chunkedDocument';
import { ClosedNotes } from './closedNotes';
import { ServiceCatalog } from './serviceCatalog';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { codeActionsFor, resolveCodeAction, type ResolvableActionData } from './codeActions';
import { SemanticTokenResults } from './semanticTokenResults';
import { PublishedDiagnostics } from './publishedDiagnostics';
import { encodeSemanticTokens, mentionsToColour, toAuditDiagnostic, toDiagnostic, toDocumentSymbols, toEntitySummaries, toRange } from './convert';
import { resolveEditorSettings, type EditorSettings } from './editorSettings';
import {
  addToDictionaryCommand,
  checkDocumentsRequest,
  configurationSection,
  entitiesRequest,
  fixAllInFileKind,
  fixAllKind,
  outlineGroupLabel,
  semanticTokenTypes,
  vocabularyCompleteNotification,
  type CheckDocumentsParams,
  type EntitiesParams,
  type EntitySummary,
  type InitializationOptions,
} from './protocol';
import { baseName, noDictionaries, parentUri, resolveUnder, type WorkspaceDictionaries } from './workspaceDictionaries';

import type { DocumentScope, LoadedVocabulary, ServerOptions } from './host';
export type { DocumentScope, LoadedVocabulary, ServerOptions } from './host';

/**
 * Serves biolens over an LSP connection: diagnostics, hover, code actions, semantic tokens,
 * document symbols and the custom requests in protocol.ts. Call `connection.listen()` after.
 */
export function startServer(connection: Connection, options: ServerOptions): void {
  new BiolensServer(connection, options).listen();
}

class BiolensServer {
  private readonly documents = new TextDocuments(chunkedDocuments);
  private dictionaries: WorkspaceDictionaries = noDictionaries;
  private readonly services: ServiceCatalog;
  private readonly settingsCache = new Map<string, Promise<EditorSettings>>();
  private readonly diagnostics: DiagnosticsScheduler;
  /** The semantic tokens last sent per document, for delta requests. */
  private readonly tokenResults = new SemanticTokenResults();
  /** What each open note last had published: the same findings again at the same version are not sent (see PublishedDiagnostics). */
  private readonly published = new PublishedDiagnostics();
  private readonly closedNotes: ClosedNotes;
  private workspaceFolders: string[] = [];
  private pullConfiguration = false;
  private dynamicWatchers = false;
  private resolvableActions = false;
  private followWorkspaceFolders = false;
  private refreshTokens = false;
  /** The folder of the user's own dictionary, when the client named one this server can reach. */
  private userDictionaryFolder: string | undefined;
  private reasonPrompt = false;
  private pushedSettings: unknown;
  private watcherRegistration: Promise<Disposable> | undefined;
  /** When initialize began loading the vocabulary, for the log. */
  private loadStarted = 0;
  /** Settles once the vocabulary analysis needs is in use (set by initialize); rejects when it cannot be loaded. */
  private vocabularyLoaded: Promise<void> | undefined;
  /** Settles when the parts of the vocabulary that follow start-up are in (at once when none do). */
  private vocabularyCompleted: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly options: ServerOptions,
  ) {
    this.diagnostics = new DiagnosticsScheduler(connection, this.documents, (uri, token) => this.publishFor(uri, token));
    this.services = new ServiceCatalog(options.yieldToHost);
    this.closedNotes = new ClosedNotes(connection, this.documents, (document) => this.scopeOf(document), options.findingPagesUri);
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => this.initialized());
    documents.onDidOpen((event) => {
      this.closedNotes.opened(event.document.uri);
      this.diagnostics.schedule(event.document.uri, 0);
    });
    documents.onDidChangeContent((event) => {
      // didOpen also fires a content change; the open handler scheduled it already.
      if (event.document.version === 1 && this.diagnostics.isPending(event.document.uri)) return;
      this.diagnostics.schedule(event.document.uri);
    });
    documents.onDidClose((event) => {
      this.diagnostics.cancel(event.document.uri);
      for (const service of this.services.all()) service.forget(event.document.uri);
      this.tokenResults.forget(event.document.uri);
      this.published.forget(event.document.uri);
      this.report(connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }), 'clearing diagnostics');
    });
    connection.onDidChangeConfiguration((change) => {
      if (!this.pullConfiguration)
        this.pushedSettings = (change.settings as Record<string, unknown> | undefined)?.[configurationSection] ?? this.pushedSettings;
      this.reloadEverything('settings changed');
    });
    connection.onDidChangeWatchedFiles(() => {
      this.log('biolens: a dictionary changed');
      this.dictionaries.invalidate();
      this.services.drop();
      this.revalidateAll();
    });
    connection.onHover((params, token) =>
      this.withDocument(params.textDocument.uri, token, null, async ({ document, input, service }, current) => {
        const card = await service.hover(input, document.offsetAt(params.position), current);
        return card ? { contents: { kind: 'markdown' as const, value: card.markdown }, range: toRange(document, card) } : null;
      }),
    );
    connection.onCodeAction((params, token) =>
      this.withDocument(params.textDocument.uri, token, [], (scope, current) => this.codeActions(scope, params, current)),
    );
    connection.onCodeActionResolve((action, token) => this.resolveAction(action, token));
    connection.onExecuteCommand((params) => (params.command === addToDictionaryCommand ? this.addToDictionary(params.arguments ?? []) : null));
    connection.languages.semanticTokens.on((params, token) =>
      this.withDocument(params.textDocument.uri, token, { data: [] }, async (scope, current) =>
        this.tokenResults.full(scope.document.uri, await this.semanticTokens(scope, current)),
      ),
    );
    connection.languages.semanticTokens.onDelta((params, token) =>
      this.withDocument(params.textDocument.uri, token, { data: [] }, async (scope, current) =>
        this.tokenResults.delta(scope.document.uri, params.previousResultId, await this.semanticTokens(scope, current)),
      ),
    );
    connection.onDocumentSymbol((params, token) =>
      this.withDocument(params.textDocument.uri, token, [], async ({ document, input, service, settings }, current) =>
        settings.outlineEntities === 'off' ? [] : toDocumentSymbols(document, (await service.analyze(input, current)).entities),
      ),
    );
    connection.onRequest(entitiesRequest, (params: EntitiesParams, token) =>
      this.withDocument(params.uri, token, [] as EntitySummary[], async ({ document, input, service }, current) =>
        toEntitySummaries(document, (await service.analyze(input, current)).entities),
      ),
    );
    connection.onRequest(checkDocumentsRequest, (params: CheckDocumentsParams, token) => this.closedNotes.check(params, token));
    documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    // A host that loads synchronously (Node) and fails throws here, so initialize fails with its
    // message; one that loads asynchronously (the browser's worker, whose files are still
    // downloading) has initialize answered at once, so the handshake and the client's didOpen go
    // on beside the downloads, and every request waits for the vocabulary in serviceFor.
    this.loadStarted = performance.now();
    const loading = this.options.loadVocabulary(init);
    this.vocabularyLoaded = Promise.resolve(loading).then((loaded) => this.useLoaded(loaded));
    this.vocabularyLoaded.catch((error: unknown) => {
      const message = `biolens: cannot load the vocabulary, so nothing is checked: ${error instanceof Error ? error.message : String(error)}`;
      this.connection.console.error(error instanceof Error && error.stack ? `${message}\n${error.stack}` : message);
      // A notification, not window.showErrorMessage's request: there is nothing to ask the writer.
      this.report(this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message }), 'showing why nothing is checked');
    });
    this.dictionaries = this.options.dictionaries(init, this.connection, (message) => this.connection.console.warn(message));
    const userFolder = init.userDictionaryFolder;
    this.userDictionaryFolder = typeof userFolder === 'string' && this.dictionaries.reaches(userFolder) ? userFolder : undefined;
    this.reasonPrompt = init.reasonPrompt === true;
    // Helix and others send their `config` as initializationOptions: `{ biolens: {...} }`.
    this.pushedSettings = init.settings ?? (init as { biolens?: unknown }).biolens;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) this.diagnostics.debounceMs = init.debounceMs;
    const { workspace, textDocument } = params.capabilities;
    this.pullConfiguration = workspace?.configuration === true;
    this.dynamicWatchers = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.resolvableActions = textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    this.workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (this.workspaceFolders.length === 0 && params.rootUri) this.workspaceFolders = [params.rootUri];
    this.followWorkspaceFolders = workspace?.workspaceFolders === true;
    this.refreshTokens = workspace?.semanticTokens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllInFileKind, fixAllKind], resolveProvider: true },
        executeCommandProvider: { commands: [addToDictionaryCommand] },
        semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenTypes], tokenModifiers: [] }, full: { delta: true } },
        documentSymbolProvider: init.clientOutline === true ? undefined : { label: outlineGroupLabel },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'biolens' },
    };
  }

  /** Serves from a loaded vocabulary, and swaps in its complete form once that comes. */
  private useLoaded({ vocabulary, source, complete, tagger, taggerNote }: LoadedVocabulary): void {
    this.services.useVocabulary(vocabulary, tagger);
    this.log(`biolens: vocabulary ${tagger ? 'and tagger ' : ''}loaded from ${source} in ${Math.round(performance.now() - this.loadStarted)} ms`);
    if (taggerNote) this.log(`biolens: ${taggerNote}`);
    if (!complete) return;
    const swap = complete.then((full) => {
      if (!full) return;
      this.services.useVocabulary(full, tagger);
      // Findings may read what the full records and the card knowledge add (look-alikes judged
      // from indications), so open notes are checked again.
      this.revalidateAll();
      this.log(
        `biolens: the rest of the vocabulary (the cards' entity records and knowledge) loaded ${Math.round(performance.now() - this.loadStarted)} ms after start`,
      );
    });
    this.report(swap, 'loading the rest of the vocabulary');
    this.vocabularyCompleted = swap.catch(() => undefined); // a failure is reported above; the vocabulary is then as complete as it gets
  }

  private async initialized(): Promise<void> {
    // Not awaited: the rest of initialized does not wait for the cards' knowledge.
    this.report(
      // A vocabulary that could not be loaded was reported when it failed: the client is then never told it is complete.
      (this.vocabularyLoaded ?? Promise.resolve()).then(
        () => this.vocabularyCompleted.then(() => this.connection.sendNotification(vocabularyCompleteNotification, {})),
        () => undefined,
      ),
      'telling the client the vocabulary is complete',
    );
    if (this.followWorkspaceFolders) {
      // Subscribed once initialize is answered: the capabilities say `changeNotifications: true`,
      // so the client sends the changes unasked. Subscribing earlier would also register for them
      // while the client cannot yet answer, and the rejected registration would end the server.
      this.connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        this.workspaceFolders = [...this.workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
        this.reloadEverything('workspace folders changed');
      });
    }
    if (this.pullConfiguration) await this.connection.client.register(DidChangeConfigurationNotification.type, { section: configurationSection });
    await this.registerWatchers();
  }

  private log(message: string): void {
    this.connection.console.log(message);
  }

  /** Logs a failed background promise instead of dropping it. */
  private report(promise: Promise<unknown>, what: string): void {
    promise.catch((error: unknown) =>
      this.connection.console.error(`biolens: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
  }

  /**
   * Runs `answer` for an open document that biolens checks, or returns `fallback`: for a document
   * that is not open, not checked under its settings, or whose request was cancelled or outrun by
   * a newer version.
   */
  private async withDocument<T>(
    uri: string,
    token: CancellationToken,
    fallback: T,
    answer: (scope: DocumentScope, token: CancellationToken) => Promise<T>,
  ): Promise<T> {
    const document = this.documents.get(uri);
    if (!document) return fallback;
    const current = whileCurrent(this.documents, document, token);
    await this.diagnostics.settled(uri);
    if (current.isCancellationRequested) return fallback;
    const scope = await this.scopeOf(document);
    if (!scope || current.isCancellationRequested) return fallback;
    try {
      return await answer(scope, current);
    } catch (error) {
      if (error instanceof CancelledError) return fallback;
      throw error;
    }
  }

  /** The service and settings of a document, or undefined when biolens does not check it. */
  private async scopeOf(document: TextDocument): Promise<DocumentScope | undefined> {
    const { service, settings } = await this.serviceFor(document.uri);
    if (!settings.enable || !settings.languages.includes(document.languageId)) return undefined;
    return { document, input: { uri: document.uri, version: document.version, text: document.getText() }, service, settings };
  }

  /** Watches the default dictionary and the configured ones, so edits to them re-check the notes. */
  private async registerWatchers(): Promise<void> {
    if (!this.dynamicWatchers) return;
    const names = new Set([defaultDictionaryName]);
    for (const folder of this.workspaceFolders) {
      const settings = await this.settingsFor(folder);
      for (const file of settings.dictionaries) names.add(baseName(file));
    }
    const previous = this.watcherRegistration;
    this.watcherRegistration = this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [...names].map((name) => ({ globPattern: `**/${name}` })),
    });
    if (previous) (await previous).dispose();
    await this.watcherRegistration;
  }

  /** The open workspace folder holding `uri`, whether or not its dictionaries can be reached. */
  private enclosingFolderOf(uri: string): string | undefined {
    return this.workspaceFolders.filter((f) => uri === f || uri.startsWith(f.endsWith('/') ? f : `${f}/`)).sort((a, b) => b.length - a.length)[0];
  }

  /** The open workspace folder holding `uri`, if its dictionaries can be reached; only there may a dictionary be written. */
  private workspaceFolderOf(uri: string): string | undefined {
    const folder = this.enclosingFolderOf(uri);
    return folder && this.dictionaries.reaches(folder) ? folder : undefined;
  }

  /** Where a document's dictionaries are read from (a folder URI): its workspace folder, else its own folder. */
  private dictionaryFolderOf(uri: string): string | undefined {
    const parent = parentUri(uri);
    return this.workspaceFolderOf(uri) ?? (parent !== undefined && this.dictionaries.reaches(parent) ? parent : undefined);
  }

  private settingsFor(uri: string): Promise<EditorSettings> {
    let settings = this.settingsCache.get(uri);
    if (!settings) {
      const report = (problem: string): void => this.connection.console.warn(`biolens settings (${uri}): ${problem}`);
      settings = (
        this.pullConfiguration
          ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: configurationSection })
          : Promise.resolve((this.pushedSettings as Record<string, unknown> | undefined) ?? {})
      ).then((raw: unknown) => resolveEditorSettings(raw, report));
      this.settingsCache.set(uri, settings);
      // A failed request is not cached: the next use asks again.
      settings.catch(() => this.settingsCache.delete(uri));
    }
    return settings;
  }

  /** The service for a document's settings, with its folder's dictionary words added to the ignored words. */
  private async serviceFor(uri: string): Promise<{ service: LanguageService; settings: EditorSettings }> {
    if (!this.vocabularyLoaded) throw new Error('biolens: the server is not initialised');
    // Requests that come while the vocabulary loads (the browser answers initialize first) wait
    // for it, with the settings asked for meanwhile. The service is asked for only once it is in:
    // the catalogue keeps no service begun before the vocabulary changed.
    const folder = this.dictionaryFolderOf(uri);
    const userFolder = this.userDictionaryFolder;
    const readWords = async (settings: EditorSettings) => {
      const words = folder ? [...(await this.dictionaries.words(folder, settings.dictionaries))] : [];
      // A loop, not push(...words): spreading 150,000 words into one call overflows the stack.
      if (userFolder) for (const word of await this.dictionaries.words(userFolder, [])) words.push(word);
      return words;
    };
    const since = this.services.generation;
    const settingsRead = this.settingsFor(uri);
    // While the vocabulary loads, the dictionaries are read beside it, not after: in the browser
    // each read is a round trip through the client that the first analysis would wait for too.
    const early = this.services.vocabulary ? undefined : settingsRead.then(readWords);
    early?.catch(() => undefined); // awaited below, unless the vocabulary failed first
    const [settings] = await Promise.all([settingsRead, this.vocabularyLoaded]);
    const service = await this.services.serviceFor(settings, folder, () => early ?? readWords(settings), early ? since : undefined);
    return { service, settings };
  }

  /** Analyses an open document and publishes its diagnostics (the scheduler calls this). */
  private async publishFor(uri: string, token: CancellationToken): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const scope = await this.scopeOf(document);
    if (token.isCancellationRequested) return;
    let diagnostics = [] as ReturnType<typeof toDiagnostic>[];
    if (!scope && (await this.isDictionary(document))) {
      diagnostics = (await this.serviceFor(uri)).service.auditDictionary(document.getText()).map((f) => toAuditDiagnostic(document, f));
    } else if (scope) {
      try {
        const { findings } = await scope.service.analyze(scope.input, token);
        diagnostics = findings.map((f) => toDiagnostic(document, f, this.options.findingPagesUri));
      } catch (error) {
        if (error instanceof CancelledError) return;
        throw error;
      }
    }
    // Never publish results for a version the editor has moved past.
    if (token.isCancellationRequested || this.documents.get(uri)?.version !== version) return;
    if (!this.published.changed(uri, version, diagnostics)) return;
    await this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /**
   * Whether an open document is a workspace dictionary biolens reads, and biolens is enabled
   * for it: the default `biolens-dictionary.txt`, or a file the `biolens.dictionaries` setting names.
   */
  private async isDictionary(document: TextDocument): Promise<boolean> {
    const settings = await this.settingsFor(document.uri);
    if (!settings.enable) return false;
    if (baseName(document.uri) === defaultDictionaryName) return true;
    const folder = this.dictionaryFolderOf(document.uri);
    return folder !== undefined && settings.dictionaries.some((file) => resolveUnder(folder, file) === document.uri);
  }

  /** The semantic tokens of a document: its mentions of the kinds the settings colour, outside headings. */
  private async semanticTokens({ document, input, service, settings }: DocumentScope, token: CancellationToken): Promise<number[]> {
    if (settings.highlight.length === 0) return [];
    const tokenType = (kind: EntityKind): number => entityKinds.indexOf(kind);
    const coloured = mentionsToColour((await service.analyze(input, token)).entities, headingRanges(input.text), settings.highlight);
    return encodeSemanticTokens(document, coloured, tokenType);
  }

  private codeActions(scope: DocumentScope, params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> {
    return codeActionsFor(scope, params, token, {
      findingPagesUri: this.options.findingPagesUri,
      resolvable: this.resolvableActions,
      userDictionary: this.userDictionaryFolder !== undefined,
      reasonPrompt: this.reasonPrompt,
    });
  }

  private async resolveAction(action: CodeAction, token: CancellationToken): Promise<CodeAction> {
    const data = action.data as ResolvableActionData | undefined;
    const document = data ? this.documents.get(data.uri) : undefined;
    if (!data || !document || document.version !== data.version) return action;
    return this.withDocument(data.uri, token, action, (scope, current) => resolveCodeAction(scope, action, data, current));
  }

  private async addToDictionary(args: unknown[]): Promise<string> {
    const [uri, word, reason, target] = args;
    if (typeof uri !== 'string' || typeof word !== 'string') throw new Error(`${addToDictionaryCommand} expects [documentUri, word, reason?, target?]`);
    const folder = target === 'user' ? this.userDictionaryFolder : this.workspaceFolderOf(uri);
    if (!folder && target === 'user') throw new Error(`biolens: this editor gave no user dictionary to add '${word}' to`);
    if (!folder) {
      const enclosing = this.enclosingFolderOf(uri);
      throw new Error(
        enclosing
          ? `biolens: cannot add '${word}' to the workspace dictionary: the server cannot read or write files of '${enclosing}' (this editor does not offer to do it for the server)`
          : `biolens: '${uri}' is not inside an open workspace folder, so there is no workspace dictionary to add '${word}' to`,
      );
    }
    const file = await this.dictionaries.add(folder, word, typeof reason === 'string' ? reason : undefined);
    this.log(`biolens: added '${word}' to ${file}`);
    this.services.drop();
    this.revalidateAll();
    return file;
  }

  private revalidateAll(): void {
    for (const document of this.documents.all()) this.diagnostics.schedule(document.uri, 0);
    for (const document of this.closedNotes.all()) this.report(this.closedNotes.publish(document, CancellationToken.None), `re-checking ${document.uri}`);
  }

  private reloadEverything(reason: string): void {
    this.log(`biolens: ${reason}; re-checking open notes`);
    this.settingsCache.clear();
    this.services.drop();
    this.dictionaries.invalidate();
    this.revalidateAll();
    if (this.refreshTokens) this.connection.languages.semanticTokens.refresh();
    this.report(this.registerWatchers(), 'watching dictionaries');
  }
}

/**
 * The request's token, also cancelled once the document moves past the version the request was
 * made for: an answer for an old version is useless, and its analysis would hold up the new one.
 */
function whileCurrent(documents: TextDocuments<TextDocument>, document: TextDocument, token: CancellationToken): CancellationToken {
  const { uri, version } = document;
  return {
    get isCancellationRequested() {
      return token.isCancellationRequested || documents.get(uri)?.version !== version;
    },
    onCancellationRequested: token.onCancellationRequested,
  };
}
