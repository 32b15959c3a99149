/**
 * The biolens VS Code extension, for both extension hosts: starts the language server for the
 * languages `biolens.languages` names, and adds the commands, the status-bar item and the entity
 * picker. All analysis happens in the server. The host entries differ only in how they create
 * the language client: nodeExtension.ts (Node: dist/server.js over IPC) and browserExtension.ts
 * (web worker host: the server in a web worker, the vocabulary read from the extension's URI).
 * Nothing here touches the network.
 */
import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import {
  addToDictionaryCommand,
  addToDictionaryWithReasonCommand,
  checkDocumentsRequest,
  defaultLanguages,
  vocabularyCompleteNotification,
  type CheckDocumentsResult,
  type DictionaryTarget,
  type InitializationOptions,
} from '../server/protocol';
import { defaultDictionaryName } from '../core/dictionary';
import { commandIds } from './commands';
import { addWithReason, askReason, ensureUserDictionary, ensureUserDictionaryFolder, openUserDictionary } from './dictionaryCommands';
import { registerEntityOutline } from './outline';
import { showEntityPicker } from './entityPicker';
import { BiolensStatus, setEnabledForWorkspace, showFindings, showStatusMenu, type ServerState } from './statusMenu';
import { openSampleNote, showWalkthroughStep } from './walkthrough';
import { answerWorkspaceFileRequests } from './workspaceFiles';

/** What `activate` returns: lets tests (and other extensions) wait until the server is ready. */
export interface BiolensApi {
  /** Resolves once a server is running (starting it if a matching document is open). */
  ready(): Promise<void>;
  /** Resolves once the running server has every part of its vocabulary (in the browser the cards' files come after start-up). */
  vocabularyComplete(): Promise<void>;
  /** Milliseconds `activate` took. */
  readonly activationMs: number;
  /** When `activate` was called (performance.now() of the extension host), for figures measured from activation. */
  readonly activatedAt: number;
  /** Which extension host runs the extension: 'node', or 'browser' (a web worker). */
  readonly host: ClientHost['kind'];
  /** Milliseconds from asking for the server to its answering initialize, for the last start (undefined before). */
  readonly serverStartMs: number | undefined;
  /** Where the last start's time went, in milliseconds: the host's own steps, then `initializeMs` (client start to initialize answered). */
  readonly startupTimings: Readonly<Record<string, number>>;
}

/** A language client made by a host entry, not started yet, with what to release after it (a worker). */
export interface HostedClient {
  readonly client: BaseLanguageClient;
  dispose?(): void;
  /** Milliseconds of the host's steps in making it (reading the vocabulary, …), for the figures; steps after start-up (the first diagnostics) are added as they end. */
  readonly timings?: Readonly<Record<string, number>>;
}

/** What differs between the Node and the browser extension: making the client. */
export interface ClientHost {
  readonly kind: 'node' | 'browser';
  /** A client for these options (the host adds its own initialization options); `log` writes to the biolens output. */
  createClient(options: LanguageClientOptions, log: (line: string) => void): Promise<HostedClient>;
}

/** File name patterns per language id, for `biolens.checkWorkspace`. */
const workspaceGlobs: Record<string, string[]> = {
  markdown: ['md', 'markdown'],
  plaintext: ['txt'],
  quarto: ['qmd'],
  rmd: ['Rmd', 'rmd'],
  mdx: ['mdx'],
  latex: ['tex'],
  restructuredtext: ['rst'],
  asciidoc: ['adoc', 'asciidoc'],
};

/** The union of `biolens.languages` over the window and every workspace folder. */
function configuredLanguages(): string[] {
  const scopes: (vscode.ConfigurationScope | undefined)[] = [undefined, ...(vscode.workspace.workspaceFolders ?? [])];
  const languages = new Set<string>();
  for (const scope of scopes) {
    const value = vscode.workspace.getConfiguration('biolens', scope).get<unknown>('languages');
    const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : defaultLanguages;
    for (const language of list) languages.add(language);
  }
  return [...languages];
}

class BiolensExtension implements vscode.Disposable {
  private client: BaseLanguageClient | undefined;
  private starting: Promise<BaseLanguageClient> | undefined;
  /** Released when the running client is (the browser host's worker). */
  private releaseHost: (() => void) | undefined;
  serverStartMs: number | undefined;
  /** Settles when the running server says its vocabulary is complete. */
  private vocabularyCompleted: Promise<void> = Promise.resolve();
  /** The host's start-up steps (which may still be adding later ones) and initialize's time. */
  private hostTimings: Readonly<Record<string, number>> = {};
  private initializeTimings: Record<string, number> = {};
  get startupTimings(): Record<string, number> {
    return { ...this.hostTimings, ...this.initializeTimings };
  }
  private languages = configuredLanguages();
  private readonly output = vscode.window.createOutputChannel('biolens');
  private readonly status = new BiolensStatus(
    () => this.serverState(),
    (document) => this.languages.includes(document.languageId),
  );
  private readonly disposables: vscode.Disposable[] = [];
  /** Released when the running client is: what was registered for it (the outline provider). */
  private clientDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly host: ClientHost,
    private readonly context: vscode.ExtensionContext,
  ) {
    const dictionaryArgs = (args: unknown[]): [string, string, string | undefined, DictionaryTarget] => {
      const [uri, word, reason, target] = args;
      if (typeof uri !== 'string' || typeof word !== 'string')
        throw new Error(`${addToDictionaryWithReasonCommand} expects [documentUri, word, reason?, target?]`);
      return [uri, word, typeof reason === 'string' ? reason : undefined, target === 'user' ? 'user' : 'workspace'];
    };
    this.disposables.push(
      this.output,
      this.status,
      vscode.commands.registerCommand(commandIds.checkWorkspace, () => this.checkWorkspace()),
      vscode.commands.registerCommand(commandIds.showEntities, () => this.showEntities()),
      vscode.commands.registerCommand(commandIds.showFindings, () => showFindings()),
      vscode.commands.registerCommand(commandIds.statusMenu, () => showStatusMenu()),
      vscode.commands.registerCommand(commandIds.turnOffForWorkspace, () => setEnabledForWorkspace(false)),
      vscode.commands.registerCommand(commandIds.turnOnForWorkspace, () => setEnabledForWorkspace(true)),
      vscode.commands.registerCommand(commandIds.addWordToDictionary, (word?: unknown) => this.addWord(typeof word === 'string' ? word : undefined)),
      vscode.commands.registerCommand(addToDictionaryWithReasonCommand, async (...args: unknown[]) => {
        const [uri, word, reason, target] = dictionaryArgs(args);
        // The first word of the user dictionary starts it with its header.
        if (target === 'user') await ensureUserDictionary(this.context);
        const file = await addWithReason(uri, word, reason, target);
        this.output.appendLine(`biolens: added '${String(args[1])}' to ${file}`);
        return file;
      }),
      vscode.commands.registerCommand(commandIds.openUserDictionary, () => openUserDictionary(this.context)),
      vscode.commands.registerCommand(commandIds.openSampleNote, () => openSampleNote(this.context.extensionUri)),
      vscode.commands.registerCommand(commandIds.walkthroughStep, (step: unknown) => showWalkthroughStep(this.context.extensionUri, step)),
      vscode.commands.registerCommand(commandIds.restartServer, () => this.restart()),
      vscode.commands.registerCommand(commandIds.showOutput, () => this.output.show(true)),
      vscode.workspace.onDidOpenTextDocument((document) => this.startIfNeeded(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('biolens.languages')) void this.languagesChanged();
        if (event.affectsConfiguration('biolens.enable')) this.updateStatus();
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.updateStatus()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
    );
    this.updateStatus();
  }

  private serverState(): ServerState {
    if (this.client?.state === State.Running) return 'running';
    if (this.starting) return 'starting';
    return this.client === undefined ? 'absent' : 'stopped';
  }

  /** Starts the server when the first document of a checked language opens. */
  startIfNeeded(document: vscode.TextDocument): void {
    if (!this.client && !this.starting && this.languages.includes(document.languageId)) {
      this.start().catch((error: unknown) => this.report('cannot start the biolens server', error));
    }
  }

  start(): Promise<BaseLanguageClient> {
    if (this.client) return Promise.resolve(this.client);
    if (this.starting) return this.starting;
    const started = performance.now();
    this.starting = this.createAndStart().then(
      (client) => {
        this.client = client;
        this.starting = undefined;
        this.serverStartMs = performance.now() - started;
        this.updateStatus();
        return client;
      },
      (error: unknown) => {
        this.starting = undefined;
        this.updateStatus();
        throw error;
      },
    );
    this.updateStatus();
    return this.starting;
  }

  private async createAndStart(): Promise<BaseLanguageClient> {
    // The server is told where the user dictionary is at once; its folder (VS Code does not make
    // it) is made meanwhile, and watched once made: at start-up, making it has taken seconds.
    const userFolder = this.context.globalStorageUri;
    const initializationOptions: InitializationOptions = {
      clientFiles: true,
      reasonPrompt: true,
      clientOutline: true,
      userDictionaryFolder: userFolder.toString(),
    };
    const clientOptions: LanguageClientOptions = {
      // The workspace dictionary too, so the server can point out entries that hide a slip.
      documentSelector: [...this.languages.map((language) => ({ language })), { pattern: `**/${defaultDictionaryName}` }],
      outputChannel: this.output,
      initializationOptions,
    };
    const { client, dispose, timings } = await this.host.createClient(clientOptions, (line) => this.output.appendLine(line));
    this.watchUserDictionary(client);
    this.clientDisposables.push(
      client.onDidChangeState(() => this.updateStatus()),
      registerEntityOutline(client, (document) => this.languages.includes(document.languageId)),
    );
    for (const handler of answerWorkspaceFileRequests(client)) this.clientDisposables.push(handler);
    this.vocabularyCompleted = new Promise<void>((resolve) =>
      this.clientDisposables.push(client.onNotification(vocabularyCompleteNotification, () => resolve())),
    );
    const started = performance.now();
    try {
      await client.start();
      this.hostTimings = timings ?? {};
      this.initializeTimings = { initializeMs: performance.now() - started };
      const steps = Object.entries(this.startupTimings).sort((a, b) => a[1] - b[1]);
      this.output.appendLine(`biolens: start-up (ms): ${steps.map(([name, value]) => `${name} ${Math.round(value)}`).join(', ')}`);
    } catch (error) {
      await client.dispose().catch(() => undefined);
      dispose?.();
      for (const d of this.clientDisposables) d.dispose();
      this.clientDisposables = [];
      throw error;
    }
    this.releaseHost = dispose;
    return client;
  }

  /**
   * Makes the user dictionary's folder and tells the server of edits of the dictionary in it (it is
   * outside the workspace, so the server's own watchers miss them).
   */
  private watchUserDictionary(client: BaseLanguageClient): void {
    const disposables = this.clientDisposables;
    ensureUserDictionaryFolder(this.context).then(
      (folder) => {
        if (disposables !== this.clientDisposables) return; // the client stopped meanwhile
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, defaultDictionaryName));
        const changed = (type: FileChangeType) => (uri: vscode.Uri) => {
          if (client.state !== State.Running) return; // the server reads the dictionary when it starts
          const changes = [{ uri: client.code2ProtocolConverter.asUri(uri), type }];
          client
            .sendNotification(DidChangeWatchedFilesNotification.type, { changes })
            .catch((error: unknown) => this.report('cannot tell the server of a dictionary edit', error));
        };
        disposables.push(
          watcher,
          watcher.onDidCreate(changed(FileChangeType.Created)),
          watcher.onDidChange(changed(FileChangeType.Changed)),
          watcher.onDidDelete(changed(FileChangeType.Deleted)),
        );
      },
      (error: unknown) => this.output.appendLine(`biolens: no user dictionary: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async stop(): Promise<void> {
    const client = this.client ?? (await this.starting?.catch(() => undefined));
    this.client = undefined;
    const release = this.releaseHost;
    this.releaseHost = undefined;
    if (client) await client.dispose();
    release?.();
    for (const d of this.clientDisposables) d.dispose();
    this.clientDisposables = [];
    this.updateStatus();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
    this.output.appendLine('biolens: server restarted');
  }

  async ready(): Promise<void> {
    await this.start();
  }

  async vocabularyComplete(): Promise<void> {
    await this.start();
    await this.vocabularyCompleted;
  }

  private async languagesChanged(): Promise<void> {
    const languages = configuredLanguages();
    if (languages.join('\0') === this.languages.join('\0')) return;
    this.languages = languages;
    // The document selector is fixed when a client starts, so a new language list needs a new client.
    if (this.client || this.starting) await this.restart().catch((error: unknown) => this.report('cannot restart the biolens server', error));
    else vscode.workspace.textDocuments.forEach((d) => this.startIfNeeded(d));
  }

  private updateStatus(): void {
    this.status.update();
  }

  private async checkWorkspace(): Promise<void> {
    const client = await this.start();
    const extensions = this.languages.flatMap((language) => workspaceGlobs[language] ?? []);
    if (extensions.length === 0) {
      void vscode.window.showInformationMessage('biolens: none of the languages in biolens.languages has a known file extension to search for.');
      return;
    }
    let files: vscode.Uri[];
    try {
      files = await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, '**/node_modules/**');
    } catch (error) {
      // A virtual workspace whose file system offers no file search (some browser workspaces).
      const message = error instanceof Error ? error.message : String(error);
      this.output.appendLine(`biolens: cannot list the notes of this workspace: ${message}`);
      void vscode.window.showWarningMessage(`biolens cannot list the notes of this workspace (${message}). Notes you open are still checked.`);
      return;
    }
    if (files.length === 0) {
      const virtual = (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme !== 'file' && f.uri.scheme !== 'vscode-remote');
      void vscode.window.showInformationMessage(
        virtual
          ? 'biolens found no notes to check: this workspace may not support searching for files. Notes you open are still checked.'
          : 'biolens found no notes to check in the workspace.',
      );
      return;
    }
    const unreadable: string[] = [];
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'biolens: checking the workspace', cancellable: true },
      async (_progress, token) => {
        let total: CheckDocumentsResult = { documents: 0, findings: 0 };
        // In batches, so a large workspace is not read into memory at once.
        for (let i = 0; i < files.length && !token.isCancellationRequested; i += 50) {
          const read = await Promise.all(
            files.slice(i, i + 50).map(async (uri) => {
              const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
              let text: string;
              try {
                text = open ? open.getText() : new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
              } catch (error) {
                unreadable.push(`${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
                return undefined;
              }
              return { uri: client.code2ProtocolConverter.asUri(uri), text, languageId: open?.languageId ?? languageOf(uri.path) };
            }),
          );
          const documents = read.filter((d) => d !== undefined);
          const batch = await client.sendRequest<CheckDocumentsResult>(checkDocumentsRequest, { documents }, token);
          total = { documents: total.documents + batch.documents, findings: total.findings + batch.findings };
        }
        return total;
      },
    );
    for (const line of unreadable) this.output.appendLine(`biolens: cannot read ${line}`);
    this.output.appendLine(`biolens: checked ${result.documents} notes, ${result.findings} findings`);
    const skipped = unreadable.length > 0 ? ` (${unreadable.length} could not be read; see the output)` : '';
    void vscode.window.showInformationMessage(
      `biolens checked ${result.documents} notes${skipped}: ${result.findings} finding${result.findings === 1 ? '' : 's'}.`,
    );
    if (result.findings > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  private async showEntities(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage('biolens: open a note first.');
      return;
    }
    await showEntityPicker(await this.start(), editor);
  }

  private async addWord(given: string | undefined): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    let word = given;
    if (!word && editor) {
      const selected = editor.document.getText(editor.selection).trim();
      const range = editor.document.getWordRangeAtPosition(editor.selection.active, /[\p{L}\p{N}][\p{L}\p{N}'-]*/u);
      word = selected || (range ? editor.document.getText(range) : undefined);
    }
    word = await vscode.window.showInputBox({
      title: 'biolens: add a word to the workspace dictionary',
      value: word ?? '',
      prompt: 'The word is never flagged in this workspace',
    });
    if (!word?.trim()) return;
    const documentUri = editor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!documentUri) {
      void vscode.window.showInformationMessage('biolens: open a folder to keep a workspace dictionary in.');
      return;
    }
    const reason = await askReason(word.trim(), undefined);
    const client = await this.start();
    const documentArg = client.code2ProtocolConverter.asUri(documentUri);
    const file = await vscode.commands.executeCommand<string>(addToDictionaryCommand, documentArg, word.trim(), reason ?? null, 'workspace');
    this.output.appendLine(`biolens: added '${word.trim()}' to ${file}`);
  }

  private report(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.output.appendLine(`${what}: ${message}`);
    void vscode.window.showErrorMessage(`${what}: ${message}`, 'Show output').then((choice) => {
      if (choice) this.output.show(true);
    });
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables) d.dispose();
  }
}

function languageOf(path: string): string {
  const extension = path.slice(path.lastIndexOf('.') + 1);
  return Object.entries(workspaceGlobs).find(([, extensions]) => extensions.includes(extension))?.[0] ?? 'markdown';
}

/** The extension's `activate`, given how its host makes a language client. */
export function activateBiolens(context: vscode.ExtensionContext, host: ClientHost): BiolensApi {
  const started = performance.now();
  const extension = new BiolensExtension(host, context);
  context.subscriptions.push(extension);
  for (const document of vscode.workspace.textDocuments) extension.startIfNeeded(document);
  const activationMs = performance.now() - started;
  return {
    ready: () => extension.ready(),
    vocabularyComplete: () => extension.vocabularyComplete(),
    activationMs,
    activatedAt: started,
    host: host.kind,
    get serverStartMs() {
      return extension.serverStartMs;
    },
    get startupTimings() {
      return extension.startupTimings;
    },
  };
}
