/**
 * The biolens extension in the web worker extension host (`browser`: vscode.dev, github.dev,
 * code-server): the language server (dist/web/server.js, bundled into this script as text) runs
 * in a web worker of its own, started at activation, and gets the vocabulary from the extension's
 * own files — there is no file system to read it from. Everything else is shared with the Node
 * entry, in extension.ts.
 *
 * The drug names are read here first (from their gzipped copy in dist/web/data/, else data/) and
 * sent to the worker; the URL they came from gives the URLs of the other files' gzipped copies,
 * which the worker fetches itself (see BrowserBootMessage.dataUrls). A file it cannot fetch it
 * asks for, and without URLs every file is read here and handed over as it arrives, the files
 * only cards need (the full entity records and the knowledge file) when the worker asks for them.
 * Files are fetched from the extension's URI (the worker host maps vscode-remote: and file: URIs
 * to its resource URLs; vscode.dev serves https: ones), falling back to vscode.workspace.fs.
 * These are the extension's own files: nothing else is read or fetched.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { dataFiles } from '../core/vocabulary/lexicon';
import { taggedKinds, type TaggedKind } from '../core/tagger/model';
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
  findingPagesFolder,
  webDataCopies,
  type BrowserFileWantedMessage,
  type BrowserBootMessage,
  type BrowserFileErrorMessage,
  type BrowserFileMessage,
  type BrowserMarksMessage,
  type BrowserTaggerMessage,
  type BrowserCardField,
  type BrowserCardFileMessage,
  type BrowserVocabularyField,
} from '../server/protocol';
import { activateBiolens, type BiolensApi } from './extension';
import { webDataUrls } from './webDataUrls';
import { settleable } from '../core/util/settleable';
// The web server's bundle (dist/web/server.js) as text, put in by scripts/bundle.mjs.
import serverScript from 'biolens-web-server-script';

export type { BiolensApi } from './extension';

type MessageListener = (event: { data: unknown }) => void;
/** The parts of the browser's Worker used here (the project compiles without the DOM library). */
interface BrowserWorker {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: string, listener: (event: unknown) => void): void;
  onmessage: MessageListener | null;
  terminate(): void;
}
const browser = globalThis as unknown as { Worker: new (url: string, options?: { name?: string }) => BrowserWorker };

/** The data file of each vocabulary field. */
const fileOf: Record<BrowserVocabularyField | BrowserCardField, string> = {
  packed: dataFiles.packed,
  keys: dataFiles.keys,
  essentials: dataFiles.essentials,
  drugNames: dataFiles.drugNames,
  entities: dataFiles.entities,
  knowledge: dataFiles.knowledge,
};

/** How the files were read, for the figures. */
interface ReadStats {
  fetched: number;
  read: number;
  /** Each fetched file's `<name> headersMs` and `<name> bodyMs`, from asking for it. */
  steps: Record<string, number>;
}

/**
 * The worker as the language client reads it: every message but the worker's start-up marks,
 * which go to `onMarks`, and its asking for the cards' files or for a file it could not fetch
 * (the client's reader listens on `onmessage`).
 */
function lspPortOf(
  worker: BrowserWorker,
  onMarks: (message: BrowserMarksMessage) => void,
  onCardsWanted: () => void,
  onFileWanted: (message: BrowserFileWantedMessage) => void,
): Pick<BrowserWorker, 'postMessage' | 'addEventListener' | 'onmessage'> {
  let reader: MessageListener | null = null;
  worker.onmessage = (event) => {
    const data = event.data as { kind?: unknown } | null;
    if (typeof data === 'object' && data?.kind === browserMarksKind) onMarks(data as BrowserMarksMessage);
    else if (typeof data === 'object' && data?.kind === browserCardsWantedKind) onCardsWanted();
    else if (typeof data === 'object' && data?.kind === browserFileWantedKind) onFileWanted(data as BrowserFileWantedMessage);
    else reader?.(event);
  };
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    addEventListener: (type, listener) => worker.addEventListener(type, listener),
    get onmessage() {
      return reader;
    },
    set onmessage(listener) {
      reader = listener;
    },
  };
}

/** A file of the extension and the URL it came from, or undefined when there is none; its buffer is its own, so it can be transferred. */
async function readExtensionFileAt(uri: vscode.Uri, stats: ReadStats): Promise<{ bytes: Uint8Array; url?: string } | undefined> {
  try {
    const asked = performance.now();
    const response = await fetch(uri.toString(true));
    if (response.ok) {
      stats.fetched++;
      // How long the request took to answer and then to arrive (the worker host asks the workbench for each URL first).
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      stats.steps[`${name} headersMs`] = performance.now() - asked;
      const bytes = new Uint8Array(await response.arrayBuffer());
      stats.steps[`${name} bodyMs`] = performance.now() - asked;
      return { bytes, url: response.url };
    }
    if (response.status === 404) return undefined;
  } catch {
    // Not fetchable here: read it through the workspace file system instead.
  }
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    stats.read++;
    return { bytes: bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice() };
  } catch (error) {
    if ((error as { code?: unknown }).code === 'FileNotFound') return undefined;
    throw error;
  }
}

/** A file of the extension, or undefined when there is none; its buffer is its own, so it can be transferred. */
async function readExtensionFile(uri: vscode.Uri, stats: ReadStats): Promise<Uint8Array | undefined> {
  return (await readExtensionFileAt(uri, stats))?.bytes;
}

/**
 * The drug names, from their gzipped copy (the worker inflates it), or from data/ when the
 * extension has none; with the URL they came from and their path in the extension.
 */
async function readDrugNames(extension: vscode.Uri, stats: ReadStats): Promise<{ bytes: Uint8Array; gzipped: boolean; url?: string; file: string }> {
  const copy = await readExtensionFileAt(vscode.Uri.joinPath(extension, webDataCopies.drugNames), stats);
  if (copy) return { ...copy, gzipped: true, file: webDataCopies.drugNames };
  const file = `data/${fileOf.drugNames}`;
  const plain = await readExtensionFileAt(vscode.Uri.joinPath(extension, file), stats);
  if (!plain) throw new Error(`the vocabulary file ${vscode.Uri.joinPath(extension, file).toString(true)} is missing`);
  return { ...plain, gzipped: false, file };
}

/** The tagger models in data/tagger/ (optional: without them recognition is the vocabulary's alone). */
async function readTaggerModels(extension: vscode.Uri, stats: ReadStats): Promise<BrowserTaggerMessage> {
  try {
    const models = await Promise.all(
      taggedKinds.map(async (kind) => ({ kind, bytes: await readExtensionFile(vscode.Uri.joinPath(extension, 'data', 'tagger', `${kind}.bin`), stats) })),
    );
    return { kind: browserTaggerKind, models: models.filter((m): m is { kind: TaggedKind; bytes: Uint8Array } => m.bytes !== undefined) };
  } catch (error) {
    return { kind: browserTaggerKind, models: [], problem: `cannot read the tagger models: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The parts of the browser's streams and compression used here (the project compiles without the DOM library). */
interface BrowserStreams {
  DecompressionStream: new (format: 'gzip') => unknown;
  Blob: new (parts: Uint8Array[]) => { stream(): { pipeThrough(transform: unknown): unknown } };
  Response: new (body: unknown) => { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * The text a gzipped file holds (a file whose name ends in .gz: see lexicon.ts dataFiles), inflated
 * by the browser's DecompressionStream here in the extension host, so the server's worker, busy
 * building its indexes meanwhile, does not wait on it.
 */
async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const streams = globalThis as unknown as BrowserStreams;
  const inflated = new streams.Blob([bytes]).stream().pipeThrough(new streams.DecompressionStream('gzip'));
  return new Uint8Array(await new streams.Response(inflated).arrayBuffer());
}

/** A vocabulary file, from data/ (inflated if it is gzipped). */
async function readVocabularyFile(extension: vscode.Uri, name: string, stats: ReadStats): Promise<Uint8Array> {
  const uri = vscode.Uri.joinPath(extension, 'data', name);
  const bytes = await readExtensionFile(uri, stats);
  if (!bytes) throw new Error(`the vocabulary file ${uri.toString(true)} is missing`);
  if (!name.endsWith('.gz')) return bytes;
  try {
    return await gunzip(bytes);
  } catch (error) {
    throw new Error(`cannot inflate ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export function activate(context: vscode.ExtensionContext): BiolensApi {
  return activateBiolens(context, {
    kind: 'browser',
    async createClient(options, log) {
      const started = performance.now();
      const extension = context.extensionUri;
      const stats: ReadStats = { fetched: 0, read: 0, steps: {} };
      const timings: Record<string, number> = {};
      const data = vscode.Uri.joinPath(extension, 'data').toString(true);
      // The worker starts at once, from the server script bundled into this one: each of this
      // host's fetches waits for the workbench to map its URI to a URL (most of a second, at
      // times, while the workbench starts), and the worker's own start takes as long again.
      const scriptUrl = URL.createObjectURL(new Blob([serverScript], { type: 'text/javascript' }));
      const worker = new browser.Worker(scriptUrl, { name: 'biolens language server' });
      timings.workerCreatedMs = performance.now() - started;
      // The drug names come first (indexing them is the worker's first work), and the URL they came
      // from tells where the worker fetches the other files itself.
      let drugNames: Awaited<ReturnType<typeof readDrugNames>> | undefined;
      let drugNamesProblem: unknown;
      try {
        drugNames = await readDrugNames(extension, stats);
      } catch (error) {
        drugNamesProblem = error;
      }
      timings.drugNamesReadMs = performance.now() - started;
      const dataUrls = drugNames ? webDataUrls(drugNames.url, drugNames.file) : undefined;
      // The worker's marks, as milliseconds since `started` on this side's clock.
      const startedAt = performance.timeOrigin + started;
      const onMarks = ({ marks }: BrowserMarksMessage) => {
        for (const [name, value] of Object.entries(marks)) {
          if (name.endsWith('At')) timings[`worker${name[0].toUpperCase()}${name.slice(1, -2)}Ms`] = value - startedAt;
          else timings[`worker${name[0].toUpperCase()}${name.slice(1)}`] = value;
        }
      };
      const failed = (error: unknown) => {
        const message: BrowserFileErrorMessage = {
          kind: browserFileErrorKind,
          message: `cannot read the vocabulary: ${error instanceof Error ? error.message : String(error)}`,
        };
        worker.postMessage(message);
      };
      /** Reads a start-up file the current way and hands it over (transferred). */
      const sendVocabularyFile = (field: BrowserVocabularyField) =>
        readVocabularyFile(extension, fileOf[field], stats).then((bytes) => {
          timings[`${field}ReadMs`] = performance.now() - started;
          const message: BrowserFileMessage = { kind: browserFileKind, field, bytes };
          worker.postMessage(message, [bytes.buffer as ArrayBuffer]);
        });
      let taggerSent = false;
      const sendTagger = () => {
        if (taggerSent) return;
        taggerSent = true;
        void readTaggerModels(extension, stats).then((message) => {
          timings.taggerReadMs = performance.now() - started;
          worker.postMessage(
            message,
            message.models.map((m) => m.bytes.buffer as ArrayBuffer),
          );
        });
      };
      const sendCardFile = async (field: BrowserCardField) => {
        let message: BrowserCardFileMessage;
        try {
          const bytes = await readExtensionFile(vscode.Uri.joinPath(extension, 'data', fileOf[field]), stats);
          message = { kind: browserCardFileKind, field, bytes, problem: bytes ? undefined : `${fileOf[field]} is missing` };
        } catch (error) {
          message = { kind: browserCardFileKind, field, problem: `cannot read ${fileOf[field]}: ${error instanceof Error ? error.message : String(error)}` };
        }
        worker.postMessage(message, message.bytes ? [message.bytes.buffer as ArrayBuffer] : []);
      };
      const cardsWanted = settleable<void>();
      const onFileWanted = ({ file }: BrowserFileWantedMessage) => {
        if (file.startsWith('tagger/')) sendTagger();
        else if ((browserCardFields as readonly string[]).includes(file)) void sendCardFile(file as BrowserCardField);
        else sendVocabularyFile(file as BrowserVocabularyField).catch(failed);
      };
      const port = lspPortOf(worker, onMarks, () => cardsWanted.resolve(), onFileWanted);
      const boot: BrowserBootMessage = {
        kind: browserBootKind,
        source: data,
        findingPagesUri: vscode.Uri.joinPath(extension, findingPagesFolder).toString(),
        dataUrls,
      };
      worker.postMessage(boot);
      if (drugNames) {
        const message: BrowserFileMessage = { kind: browserFileKind, field: 'drugNames', bytes: drugNames.bytes, gzipped: drugNames.gzipped };
        worker.postMessage(message, [drugNames.bytes.buffer as ArrayBuffer]);
      } else failed(drugNamesProblem);
      if (dataUrls) {
        log(`biolens: the language server fetches the vocabulary's gzipped copies from ${dataUrls.packed.replace(/[?#].*$/, '')} and beside it`);
      } else {
        // No URLs the worker could fetch from: every file comes through here, as it arrives.
        sendTagger();
        const reads = browserVocabularyFields.filter((field) => field !== 'drugNames').map(sendVocabularyFile);
        void Promise.all(reads).then(async () => {
          timings.readVocabularyMs = performance.now() - started;
          timings.filesFetched = stats.fetched;
          Object.assign(timings, stats.steps);
          log(
            `biolens: read the vocabulary from ${data} (${stats.fetched} fetched, ${stats.read} through the file system) in ${Math.round(timings.readVocabularyMs)} ms`,
          );
          // The cards' files (the full entity records, the knowledge) are not needed to start: they are read when the worker asks.
          await cardsWanted.promise;
          timings.cardFilesAskedMs = performance.now() - started;
          await Promise.all(browserCardFields.map(sendCardFile));
        }, failed);
      }
      Object.assign(timings, stats.steps);
      return {
        timings,
        client: new LanguageClient('biolens', 'biolens', options, port as never),
        dispose() {
          worker.terminate();
          URL.revokeObjectURL(scriptUrl);
        },
      };
    },
  });
}

export function deactivate(): void {
  // The extension's disposables (registered in activate) stop the client and end its worker.
}
