import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Disposable,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService, loadVocabulary, type LanguageService } from '../core';
import { defaultDictionaryName } from '../core/dictionary';
import { CancelledError, entityKinds, type EntityKind, type Finding, type TextDocumentInput } from '../core/types';
import type { Vocabulary } from '../core/vocabulary/vocabulary';
import { encodeSemanticTokens, fixAllAction, sameFinding, toCodeAction, toDiagnostic, toDocumentSymbols, toEntitySummaries, toRange } from './convert';
import { DictionaryStore } from './dictionaries';
import { resolveEditorSettings, type EditorSettings } from './editorSettings';
import {
  addToDictionaryCommand,
  checkDocumentsRequest,
  configurationSection,
  entitiesRequest,
  fixAllKind,
  semanticTokenTypes,
  type CheckDocumentsParams,
  type CheckDocumentsResult,
  type EntitiesParams,
  type EntitySummary,
  type InitializationOptions,
} from './protocol';

export interface ServerOptions {
  /** Where the vocabulary is when the client does not say (initializationOptions.dataDir). */
  readonly defaultDataDir: string;
  /** A file URI of the README that explains the finding codes, linked from each diagnostic. */
  readonly docsUri?: string;
}

/** How many distinct settings (each with its own service and caches) are kept at once. */
const maxServices = 8;

function tokenTypeIndex(kind: EntityKind): number {
  return entityKinds.indexOf(kind);
}

/**
 * Serves biolens over an LSP connection: diagnostics, hover, code actions, semantic tokens,
 * document symbols and the custom requests in protocol.ts. Call `connection.listen()` after.
 */
export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const dictionaries = new DictionaryStore((message) => connection.console.warn(message));
  const services = new Map<string, LanguageService>();
  const settingsCache = new Map<string, Promise<EditorSettings>>();
  /** Per document: the pending or running analysis, so a newer edit cancels it. */
  const pending = new Map<string, { timer: NodeJS.Timeout | undefined; source: CancellationTokenSource }>();
  /** Documents checked by `biolens/checkDocuments` that are not open: re-checked on settings changes. */
  const checkedClosed = new Map<string, TextDocument>();
  let vocabulary: Vocabulary | undefined;
  let workspaceFolders: string[] = [];
  let pullConfiguration = false;
  let dynamicWatchers = false;
  let pushedSettings: unknown;
  let debounceMs = 150;
  let watcherRegistration: Promise<Disposable> | undefined;
  let workspaceFoldersSupported = false;

  const log = (message: string): void => connection.console.log(message);

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const dataDir = init.dataDir ?? options.defaultDataDir;
    const started = performance.now();
    // Loading the vocabulary before answering initialize means a client that sees the server
    // ready can hover and get diagnostics at once.
    vocabulary = loadVocabulary(dataDir);
    log(`biolens: vocabulary loaded from ${dataDir} in ${Math.round(performance.now() - started)} ms`);
    // Helix and others send their `config` as initializationOptions: `{ biolens: {...} }`.
    pushedSettings = init.settings ?? (init as { biolens?: unknown }).biolens;
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debounceMs = init.debounceMs;
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    dynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFoldersSupported = params.capabilities.workspace?.workspaceFolders === true;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], resolveProvider: false },
        executeCommandProvider: { commands: [addToDictionaryCommand] },
        semanticTokensProvider: { legend: { tokenTypes: [...semanticTokenTypes], tokenModifiers: [] }, full: true },
        documentSymbolProvider: { label: 'biolens entities' },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'biolens' },
    };
  });

  connection.onInitialized(async () => {
    if (pullConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: configurationSection });
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
        reloadEverything('workspace folders changed');
      });
    }
    await registerWatchers();
  });

  /** Watches the default dictionary and the configured ones, so edits to them re-check the notes. */
  async function registerWatchers(): Promise<void> {
    if (!dynamicWatchers) return;
    const names = new Set([defaultDictionaryName]);
    for (const folder of workspaceFolders) {
      const settings = await settingsFor(folder);
      for (const file of settings.dictionaries) names.add(path.basename(file));
    }
    const previous = watcherRegistration;
    watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [...names].map((name) => ({ globPattern: `**/${name}` })),
    });
    if (previous) (await previous).dispose();
    await watcherRegistration;
  }

  function folderOf(uri: string): string | undefined {
    const folder = workspaceFolders
      .filter((f) => uri === f || uri.startsWith(f.endsWith('/') ? f : `${f}/`))
      .sort((a, b) => b.length - a.length)[0];
    const base = folder ?? (uri.startsWith('file:') ? uri.slice(0, uri.lastIndexOf('/')) : undefined);
    if (!base || !base.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(base);
    } catch {
      return undefined;
    }
  }

  function settingsFor(uri: string): Promise<EditorSettings> {
    let settings = settingsCache.get(uri);
    if (!settings) {
      const report = (problem: string): void => connection.console.warn(`biolens settings (${uri}): ${problem}`);
      settings = (pullConfiguration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: configurationSection })
        : Promise.resolve((pushedSettings as Record<string, unknown> | undefined) ?? {})
      ).then((raw: unknown) => resolveEditorSettings(raw, report));
      settingsCache.set(uri, settings);
      // A failed request is not cached: the next use asks again.
      settings.catch(() => settingsCache.delete(uri));
    }
    return settings;
  }

  /** The service for a document's settings, with its folder's dictionary words added to the ignored words. */
  async function serviceFor(uri: string): Promise<{ service: LanguageService; settings: EditorSettings }> {
    if (!vocabulary) throw new Error('biolens: the server is not initialised');
    const settings = await settingsFor(uri);
    const folder = folderOf(uri);
    const words = folder ? dictionaries.words(folder, settings.dictionaries) : [];
    const core = { ...settings.core, ignoredWords: [...settings.core.ignoredWords, ...words] };
    const key = JSON.stringify(core);
    let service = services.get(key);
    if (service) services.delete(key);
    else service = createLanguageService({ vocabulary, settings: core });
    services.set(key, service);
    if (services.size > maxServices) services.delete(services.keys().next().value!);
    return { service, settings };
  }

  function input(document: TextDocument): TextDocumentInput {
    return { uri: document.uri, version: document.version, text: document.getText() };
  }

  function applies(settings: EditorSettings, document: TextDocument): boolean {
    return settings.enable && settings.languages.includes(document.languageId);
  }

  function reportedFindings(findings: readonly Finding[], settings: EditorSettings): Finding[] {
    return findings.filter((f) => settings.core.severity[f.code] !== 'ignore');
  }

  function diagnosticsOf(document: TextDocument, findings: readonly Finding[]): Diagnostic[] {
    return findings.map((f) => toDiagnostic(document, f, options.docsUri));
  }

  function cancelPending(uri: string): void {
    const entry = pending.get(uri);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.source.cancel();
    entry.source.dispose();
    pending.delete(uri);
  }

  /** Re-analyses a document after `delay` ms; a newer call for the same document cancels this one. */
  function schedule(uri: string, delay: number): void {
    cancelPending(uri);
    const source = new CancellationTokenSource();
    const entry = { timer: undefined as NodeJS.Timeout | undefined, source };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      validate(uri, source).then(
        () => {
          if (pending.get(uri) === entry) pending.delete(uri);
        },
        (error: unknown) => {
          if (pending.get(uri) === entry) pending.delete(uri);
          connection.console.error(`biolens: analysing ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        },
      );
    }, delay);
    pending.set(uri, entry);
  }

  async function validate(uri: string, source: CancellationTokenSource): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const { service, settings } = await serviceFor(uri);
    if (source.token.isCancellationRequested) return;
    if (!applies(settings, document)) {
      await connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    let findings: readonly Finding[];
    try {
      findings = (await service.analyze(input(document), source.token)).findings;
    } catch (error) {
      if (error instanceof CancelledError) return;
      throw error;
    }
    // Never publish results for a version the editor has moved past.
    if (source.token.isCancellationRequested || documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri, version, diagnostics: diagnosticsOf(document, reportedFindings(findings, settings)) });
  }

  async function checkClosed(document: TextDocument): Promise<number> {
    const { service, settings } = await serviceFor(document.uri);
    const findings = applies(settings, document) ? reportedFindings((await service.analyze(input(document))).findings, settings) : [];
    if (documents.get(document.uri)) return findings.length; // opened meanwhile: the open copy's diagnostics win
    await connection.sendDiagnostics({ uri: document.uri, diagnostics: diagnosticsOf(document, findings) });
    return findings.length;
  }

  function revalidateAll(): void {
    for (const document of documents.all()) schedule(document.uri, 0);
    for (const document of checkedClosed.values()) {
      checkClosed(document).catch((error: unknown) => connection.console.error(`biolens: re-checking ${document.uri} failed: ${String(error)}`));
    }
  }

  function reloadEverything(reason: string): void {
    log(`biolens: ${reason}; re-checking open notes`);
    settingsCache.clear();
    services.clear();
    dictionaries.invalidate();
    revalidateAll();
    registerWatchers().catch((error: unknown) => connection.console.error(`biolens: cannot watch dictionaries: ${String(error)}`));
  }

  documents.onDidOpen((event) => {
    checkedClosed.delete(event.document.uri);
    schedule(event.document.uri, 0);
  });
  documents.onDidChangeContent((event) => {
    // didOpen also fires a content change; the open handler scheduled it already.
    if (pending.has(event.document.uri) && event.document.version === 1) return;
    schedule(event.document.uri, debounceMs);
  });
  documents.onDidClose((event) => {
    cancelPending(event.document.uri);
    connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }).catch((error: unknown) => connection.console.error(String(error)));
  });

  connection.onDidChangeConfiguration((change) => {
    if (!pullConfiguration) pushedSettings = (change.settings as Record<string, unknown> | undefined)?.[configurationSection] ?? pushedSettings;
    reloadEverything('settings changed');
  });

  connection.onDidChangeWatchedFiles(() => {
    log('biolens: a dictionary changed');
    dictionaries.invalidate();
    services.clear();
    revalidateAll();
  });

  connection.onHover(async (params, token) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const { service, settings } = await serviceFor(document.uri);
    if (!applies(settings, document) || token.isCancellationRequested) return null;
    try {
      const card = await service.hover(input(document), document.offsetAt(params.position), token);
      if (!card) return null;
      return { contents: { kind: 'markdown', value: card.markdown }, range: toRange(document, card) };
    } catch (error) {
      if (error instanceof CancelledError) return null;
      throw error;
    }
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const { service, settings } = await serviceFor(document.uri);
    if (!applies(settings, document)) return [];
    const findings = reportedFindings((await service.analyze(input(document))).findings, settings);
    const only = params.context.only;
    const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      const start = document.offsetAt(params.range.start);
      const end = document.offsetAt(params.range.end);
      for (const finding of findings) {
        if (finding.end < start || finding.start > end) continue;
        const diagnostics = params.context.diagnostics.filter((d) => sameFinding(document, d, finding));
        const attached = diagnostics.length > 0 ? diagnostics : [toDiagnostic(document, finding, options.docsUri)];
        for (const fix of service.fixes(input(document), finding)) actions.push(toCodeAction(document, fix, attached));
      }
    }
    if (wants(fixAllKind) && findings.length > 0) {
      const preferred = findings.flatMap((f) => service.fixes(input(document), f).filter((fix) => fix.preferred));
      const all = fixAllAction(document, fixAllKind, preferred);
      if (all) actions.push(all);
    }
    return actions;
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command !== addToDictionaryCommand) return null;
    const [uri, word, reason] = (params.arguments ?? []) as [unknown, unknown, unknown];
    if (typeof uri !== 'string' || typeof word !== 'string') throw new Error(`${addToDictionaryCommand} expects [documentUri, word, reason?]`);
    const folder = folderOf(uri);
    if (!folder) throw new Error(`biolens: no local folder for ${uri} to keep a dictionary in`);
    const file = dictionaries.add(folder, word, typeof reason === 'string' ? reason : undefined);
    log(`biolens: added '${word}' to ${file}`);
    services.clear();
    revalidateAll();
    return file;
  });

  connection.languages.semanticTokens.on(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { data: [] };
    const { service, settings } = await serviceFor(document.uri);
    if (!applies(settings, document)) return { data: [] };
    const analysis = await service.analyze(input(document));
    return { data: encodeSemanticTokens(document, analysis.entities, tokenTypeIndex) };
  });

  connection.onDocumentSymbol(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const { service, settings } = await serviceFor(document.uri);
    if (!applies(settings, document)) return [];
    return toDocumentSymbols(document, (await service.analyze(input(document))).entities);
  });

  connection.onRequest(entitiesRequest, async (params: EntitiesParams): Promise<EntitySummary[]> => {
    const document = documents.get(params.uri);
    if (!document) return [];
    const { service, settings } = await serviceFor(document.uri);
    if (!applies(settings, document)) return [];
    return toEntitySummaries(document, (await service.analyze(input(document))).entities);
  });

  connection.onRequest(checkDocumentsRequest, async (params: CheckDocumentsParams, token): Promise<CheckDocumentsResult> => {
    let findings = 0;
    let checked = 0;
    for (const item of params.documents) {
      if (token.isCancellationRequested) break;
      const open = documents.get(item.uri);
      if (open) {
        const { service, settings } = await serviceFor(open.uri);
        if (applies(settings, open)) findings += reportedFindings((await service.analyze(input(open))).findings, settings).length;
      } else {
        const document = TextDocument.create(item.uri, item.languageId ?? 'markdown', 0, item.text);
        checkedClosed.set(item.uri, document);
        findings += await checkClosed(document);
      }
      checked++;
    }
    return { documents: checked, findings };
  });

  documents.listen(connection);
}
