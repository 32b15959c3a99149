/**
 * The biolens language server in a web worker (`dist/web/server.js`, for vscode.dev, github.dev
 * and code-server's web worker extension host). The browser extension (src/client/
 * browserExtension.ts) starts this worker, posts it a boot message with the URLs of the
 * vocabulary's gzipped copies (when it could tell them), then the drug names. The worker fetches
 * and inflates the other files on a worker of its own, asking the extension for any it cannot
 * fetch (without URLs the extension sends them all), while this thread builds the key and
 * drug-name indexes in slices. Initialize is answered at once, so the handshake and the client's
 * didOpen go on beside the downloads; requests wait until the files analysis needs are in, and
 * the cards' files follow after the first diagnostics. Workspace dictionaries are read and
 * written through the client (`vscode.workspace.fs`); nothing here touches a file system, and
 * nothing is fetched but the extension's own files.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { drugNameList, vocabularyFromBytes, type VocabularyBytes } from '../core/vocabulary/vocabulary';
import { drugNameIndexSteps, keyIndexSteps, type LookupIndexes } from '../core/vocabulary/lookupIndexes';
import { runInSlices, type Steps, type YieldToHost } from '../core/steps';
import { neverCancelled } from '../core/types';
import { taggerFromBytes, type Tagger } from '../core/tagger/tagger';
import { taggedKinds } from '../core/tagger/model';
import {
  browserBootKind,
  browserFileErrorKind,
  browserFileKind,
  browserMarksKind,
  browserTaggerKind,
  browserCardFields,
  browserCardFileKind,
  browserCardsWantedKind,
  browserFileWantedKind,
  browserVocabularyFields,
  type BrowserBootMessage,
  type BrowserDataFile,
  type BrowserFileWantedMessage,
  type BrowserFileErrorMessage,
  type BrowserFileMessage,
  type BrowserMarksMessage,
  type BrowserTaggerMessage,
  type BrowserCardField,
  type BrowserCardFileMessage,
  type BrowserCardsWantedMessage,
  type BrowserVocabularyField,
} from './protocol';
import { startServer, type ServerOptions } from './server';
import { settleable, type Settleable } from '../core/util/settleable';
import { ClientDictionaries } from './workspaceDictionaries';

/** The parts of a dedicated worker's global scope used here (the project compiles without the DOM library). */
type MessageListener = (event: { data: unknown }) => void;
interface WorkerScope {
  onmessage: MessageListener | null;
  addEventListener(type: string, listener: (event: unknown) => void): void;
  postMessage(message: unknown): void;
}
interface Port {
  onmessage: (() => void) | null;
  postMessage(message: unknown): void;
}
interface FetcherWorker {
  onmessage: MessageListener | null;
  onerror: (() => void) | null;
  postMessage(message: unknown): void;
}
interface Globals {
  Worker: new (url: string, options?: { name?: string }) => FetcherWorker;
  MessageChannel: new () => { port1: Port; port2: Port };
  DecompressionStream: new (format: 'gzip') => unknown;
  Blob: new (parts: Uint8Array[], options?: { type: string }) => { stream(): { pipeThrough(transform: unknown): unknown } };
  Response: new (body: unknown) => { arrayBuffer(): Promise<ArrayBuffer> };
  fetch(url: string): Promise<{ ok: boolean; status: number; body: { pipeThrough(transform: unknown): unknown } | null }>;
}
const scope = globalThis as unknown as WorkerScope & Globals;

/** Now as epoch milliseconds, comparable with the extension's clock (each worker has its own time origin). */
const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * A turn of the event loop without setImmediate: a message to ourselves. (setTimeout(0) would
 * do, but nested timeouts are clamped to 4 ms, which a long analysis would pay at every slice.)
 */
function messageLoopYield(): () => Promise<void> {
  const channel = new scope.MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}

/** The bytes a gzipped file holds, inflated by the browser's DecompressionStream. */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const inflated = new scope.Blob([bytes]).stream().pipeThrough(new scope.DecompressionStream('gzip'));
  return new Uint8Array(await new scope.Response(inflated).arrayBuffer());
}

/** A gzipped copy fetched from its URL and inflated as it downloads; throws when it cannot be had. */
async function fetchGzipped(url: string): Promise<Uint8Array> {
  const response = await scope.fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
  return new Uint8Array(await new scope.Response(response.body.pipeThrough(new scope.DecompressionStream('gzip'))).arrayBuffer());
}

/**
 * The script of the worker that fetches and inflates the gzipped copies (the same as
 * fetchGzipped), so that this worker's thread builds the indexes meanwhile instead: inflating the
 * start-up files is a few hundred milliseconds of a busy machine's time.
 */
const fetcherScript = `onmessage = async ({ data: { id, url } }) => {
  try {
    const response = await fetch(url);
    if (!response.ok || !response.body) throw new Error(url + ' answered ' + response.status);
    const bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    postMessage({ id, bytes }, [bytes.buffer]);
  } catch (error) {
    postMessage({ id, problem: String((error && error.message) || error) });
  }
};`;

/** Fetches gzipped copies on a worker of its own when this worker can start one, else here. */
function gzippedFetcher(): (url: string) => Promise<Uint8Array> {
  let fetcher: FetcherWorker;
  try {
    const url = URL.createObjectURL(new scope.Blob([new TextEncoder().encode(fetcherScript)], { type: 'text/javascript' }) as never);
    fetcher = new scope.Worker(url, { name: 'biolens file fetcher' });
  } catch {
    return fetchGzipped;
  }
  let next = 0;
  let broken = false;
  const waiting = new Map<number, { url: string; answer: Settleable<Uint8Array> }>();
  fetcher.onmessage = ({ data }) => {
    const { id, bytes, problem } = data as { id: number; bytes?: Uint8Array; problem?: string };
    const asked = waiting.get(id);
    waiting.delete(id);
    if (bytes) asked?.answer.resolve(bytes);
    else asked?.answer.reject(new Error(problem ?? 'no bytes'));
  };
  // A fetcher that cannot run (its script refused): what it was asked is fetched here.
  fetcher.onerror = () => {
    broken = true;
    for (const { url, answer } of waiting.values()) fetchGzipped(url).then(answer.resolve, answer.reject);
    waiting.clear();
  };
  return (url) => {
    if (broken) return fetchGzipped(url);
    const answer = settleable<Uint8Array>();
    const id = next++;
    waiting.set(id, { url, answer });
    fetcher.postMessage({ id, url });
    return answer.promise;
  };
}

/** The vocabulary files as they arrive; rejects when the client could not read one start-up needs. */
class VocabularyFiles {
  private readonly files = new Map<BrowserVocabularyField, Settleable<Uint8Array>>();
  /** The files of the cards, which come after the others (undefined bytes: there are none). */
  private readonly cardFiles = new Map<BrowserCardField, Settleable<Uint8Array | undefined>>();
  /** The tagger models, which come beside the start-up files. */
  private readonly taggerModels = settleable<BrowserTaggerMessage>();

  /**
   * The lookup indexes, built from the keys and the drug names as soon as each has come, while the
   * larger files still download (they are not downloaded: see lookupIndexes.ts).
   */
  private readonly lookupIndexes: Promise<LookupIndexes>;

  /** Fetches a gzipped copy, on a worker of its own when it can. */
  private readonly fetchGzipped = gzippedFetcher();

  /** When each start-up step ended (see BrowserMarksMessage). */
  readonly marks: Record<string, number> = { bootAt: epochNow() };

  constructor(
    private readonly log: (message: string) => void,
    /** Where this worker fetches files itself (BrowserBootMessage.dataUrls), and how it asks the extension for one it could not. */
    private readonly dataUrls: BrowserBootMessage['dataUrls'],
    private readonly ask: (file: BrowserDataFile) => void,
    private readonly yieldToHost: YieldToHost,
  ) {
    for (const field of browserVocabularyFields) {
      const file = settleable<Uint8Array>();
      // Rejections surface through startUp(); none is left unhandled.
      file.promise.catch(() => undefined);
      this.files.set(field, file);
    }
    for (const field of browserCardFields) this.cardFiles.set(field, settleable<Uint8Array | undefined>());
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    this.lookupIndexes = Promise.all([
      this.built('keyIndexMs', this.files.get('keys')!.promise, (bytes) => keyIndexSteps(text(bytes))),
      this.built('drugNameIndexesMs', this.files.get('drugNames')!.promise, (bytes) => drugNameIndexSteps(drugNameList(text(bytes)).names)),
    ]).then(([keys, drugNames]) => ({ ...keys, ...drugNames }));
    this.lookupIndexes.catch(() => undefined); // as the files' rejections: surfaced through startUp()
  }

  arrived(message: BrowserFileMessage): void {
    this.marks[`${message.field}ArrivedAt`] = epochNow();
    const file = this.files.get(message.field);
    if (!message.gzipped) file?.resolve(message.bytes);
    else
      gunzip(message.bytes).then(
        (bytes) => {
          this.marks[`${message.field}InflatedAt`] = epochNow();
          file?.resolve(bytes);
        },
        (error: unknown) => file?.reject(new Error(`cannot inflate ${message.field}: ${error instanceof Error ? error.message : String(error)}`)),
      );
  }

  /**
   * Fetches the start-up files and the tagger models from their URLs, if the extension gave them;
   * a file that cannot be fetched is asked of the extension instead.
   */
  fetchStartUpFiles(): void {
    const urls = this.dataUrls;
    if (!urls) return;
    for (const field of browserVocabularyFields) {
      if (field === 'drugNames') continue;
      const url = urls[field];
      if (!url) {
        this.ask(field);
        continue;
      }
      this.fetchGzipped(url).then(
        (bytes) => {
          this.marks[`${field}ArrivedAt`] = epochNow();
          this.files.get(field)?.resolve(bytes);
        },
        () => this.ask(field),
      );
    }
    const models = taggedKinds.map((kind) => {
      const url = urls[`tagger/${kind}`];
      return url ? this.fetchGzipped(url).then((bytes) => ({ kind, bytes })) : Promise.reject(new Error(`no URL for the ${kind} model`));
    });
    Promise.all(models).then(
      (fetched) => this.taggerArrived({ kind: browserTaggerKind, models: fetched }),
      () => this.ask(`tagger/${taggedKinds[0]}`),
    );
  }

  /** Fetches the cards' files from their URLs; false when the extension gave none (it is then asked for them). */
  fetchCardFiles(): boolean {
    const urls = this.dataUrls;
    if (!urls) return false;
    for (const field of browserCardFields) {
      const url = urls[field];
      if (!url) this.ask(field);
      else
        this.fetchGzipped(url).then(
          (bytes) => this.cardFileArrived({ kind: browserCardFileKind, field, bytes }),
          () => this.ask(field),
        );
    }
    return true;
  }

  cardFileArrived(message: BrowserCardFileMessage): void {
    if (message.problem) this.log(`biolens: cards show less: ${message.problem}`);
    this.cardFiles.get(message.field)?.resolve(message.bytes);
  }

  taggerArrived(message: BrowserTaggerMessage): void {
    this.marks.taggerArrivedAt = epochNow();
    this.taggerModels.resolve(message);
  }

  tagger(): Promise<BrowserTaggerMessage> {
    return this.taggerModels.promise;
  }

  failed(message: BrowserFileErrorMessage): void {
    for (const file of this.files.values()) file.reject(new Error(message.message));
  }

  /** What analysis needs: the packed index, the keys, the essential entity records, the drug names and the lookup indexes. */
  async startUp(): Promise<VocabularyBytes> {
    const file = (field: BrowserVocabularyField) => this.files.get(field)!.promise;
    const [packed, keys, essentials, drugNames, lookupIndexes] = await Promise.all([
      file('packed'),
      file('keys'),
      file('essentials'),
      file('drugNames'),
      this.lookupIndexes,
    ]);
    return { packed, keys, essentials, drugNames, lookupIndexes };
  }

  /**
   * What `build` makes of a file once it has come, run in slices so that the worker reads the
   * other files' downloads and answers the client meanwhile; with the time it took in the marks.
   */
  private async built<T>(mark: string, file: Promise<Uint8Array>, build: (bytes: Uint8Array) => Steps<T>): Promise<T> {
    const bytes = await file;
    const started = performance.now();
    const result = await runInSlices(build(bytes), neverCancelled, this.yieldToHost);
    this.marks[mark] = performance.now() - started;
    this.marks[`${mark.slice(0, -2)}BuiltAt`] = epochNow();
    return result;
  }

  /** The full entity records and the knowledge, once both have come. */
  async cards(): Promise<Pick<VocabularyBytes, BrowserCardField>> {
    const [entities, knowledge] = await Promise.all(browserCardFields.map((field) => this.cardFiles.get(field)!.promise));
    return { entities, knowledge };
  }
}

/** The tagger of the models that came, or why there is none; a broken model throws, as a broken vocabulary does. */
function taggerOf(message: BrowserTaggerMessage, source: string): { tagger?: Tagger; taggerNote?: string } {
  if (message.models.length === 0)
    return { taggerNote: message.problem ?? `no tagger models in ${source}/tagger: recognising genes and chemicals with the vocabulary alone` };
  return { tagger: taggerFromBytes(message.models.map((m) => ({ bytes: m.bytes, source: `${source}/tagger/${m.kind}.bin` }))), taggerNote: message.problem };
}

function kindOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
}

function browserServerOptions(boot: BrowserBootMessage, files: VocabularyFiles, yieldToHost: YieldToHost): ServerOptions {
  return {
    findingPagesUri: boot.findingPagesUri,
    async loadVocabulary() {
      files.marks.initializeAt = epochNow();
      const bytes = await files.startUp();
      files.marks.startUpFilesAt = epochNow();
      // Start-up needs the four files (and the indexes built from two); the cards' files follow, and then the vocabulary is built
      // again over the same buffers (cheap: they are only viewed, not copied).
      const complete = files
        .cards()
        .then((cards) => (cards.entities || cards.knowledge ? vocabularyFromBytes({ ...bytes, ...cards }, boot.source) : undefined));
      const building = performance.now();
      const vocabulary = vocabularyFromBytes(bytes, boot.source);
      files.marks.vocabularyBuiltMs = performance.now() - building;
      const models = await files.tagger();
      const taggerBuilding = performance.now();
      const tagger = taggerOf(models, boot.source);
      files.marks.taggerBuiltMs = performance.now() - taggerBuilding;
      files.marks.loadedAt = epochNow();
      const marks: BrowserMarksMessage = { kind: browserMarksKind, marks: files.marks };
      scope.postMessage(marks);
      return { vocabulary, source: boot.source, complete, ...tagger };
    },
    dictionaries: (_init, connection, log) => new ClientDictionaries(connection, log),
    yieldToHost,
  };
}

function methodOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { method?: unknown }).method : undefined;
}

/** The requests that show a card or read what the cards' files add: asked before any diagnostics, they want the cards' files at once. */
const cardReadingMethods = new Set<unknown>(['textDocument/hover', 'biolens/checkDocuments']);

/**
 * Asks the extension for the cards' files once: when the first diagnostics go out (the first
 * analysis is done, so their download no longer competes with it), or when a request that reads
 * cards comes first. Until then it notes when each LSP method was first seen, each way, and
 * posts those with the time of the first diagnostics to the marks: where start-up's last part goes.
 */
function cardsWanter(files: VocabularyFiles): { outgoing(data: unknown): void; incoming(data: unknown): void } {
  let asked = false;
  const firstSeen: Record<string, number> = {};
  const note = (direction: string, data: unknown) => {
    const method = methodOf(data);
    const name = `${direction} ${typeof method === 'string' ? method : 'response'} At`;
    firstSeen[name] ??= epochNow();
  };
  const ask = () => {
    if (asked) return;
    asked = true;
    if (files.fetchCardFiles()) return;
    const wanted: BrowserCardsWantedMessage = { kind: browserCardsWantedKind };
    scope.postMessage(wanted);
  };
  return {
    outgoing(data) {
      if (asked) return;
      note('out', data);
      if (methodOf(data) !== 'textDocument/publishDiagnostics') return;
      const marks: BrowserMarksMessage = { kind: browserMarksKind, marks: { ...firstSeen, firstDiagnosticsAt: epochNow() } };
      scope.postMessage(marks);
      ask();
    },
    incoming(data) {
      if (!asked) note('in', data);
      if (cardReadingMethods.has(methodOf(data))) ask();
    },
  };
}

/** What the LSP reader and writer are given instead of the worker itself: every message but the extension's own kinds, and every LSP message out. */
interface LspPort {
  onmessage: MessageListener | null;
  addEventListener: WorkerScope['addEventListener'];
  postMessage: WorkerScope['postMessage'];
}

// The boot message comes first. From then on, vocabulary files are taken here and every other
// message goes to the LSP reader, which listens on `lsp` instead of on the worker itself.
scope.onmessage = (event) => {
  const boot = event.data as BrowserBootMessage;
  if (kindOf(boot) !== browserBootKind) throw new Error('biolens server: the first message must be the boot message');
  const yieldToHost = messageLoopYield();
  const files = new VocabularyFiles(
    (message) => connection.console.warn(message),
    boot.dataUrls,
    (file) => {
      const wanted: BrowserFileWantedMessage = { kind: browserFileWantedKind, file };
      scope.postMessage(wanted);
    },
    yieldToHost,
  );
  files.fetchStartUpFiles();
  const wanter = cardsWanter(files);
  const lsp: LspPort = {
    onmessage: null,
    addEventListener: (type, listener) => scope.addEventListener(type, listener),
    postMessage: (message) => {
      scope.postMessage(message);
      wanter.outgoing(message);
    },
  };
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(lsp as never), new BrowserMessageWriter(lsp as never));
  scope.onmessage = ({ data }) => {
    const kind = kindOf(data);
    if (kind === browserFileKind) files.arrived(data as BrowserFileMessage);
    else if (kind === browserCardFileKind) files.cardFileArrived(data as BrowserCardFileMessage);
    else if (kind === browserTaggerKind) files.taggerArrived(data as BrowserTaggerMessage);
    else if (kind === browserFileErrorKind) files.failed(data as BrowserFileErrorMessage);
    else {
      wanter.incoming(data);
      lsp.onmessage?.({ data });
    }
  };
  startServer(connection, browserServerOptions(boot, files, yieldToHost));
  connection.listen();
};
