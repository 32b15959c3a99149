/**
 * The biolens language server in a web worker (`dist/web/server.js`, for vscode.dev, github.dev
 * and code-server's web worker extension host). The browser extension (src/client/
 * browserExtension.ts) starts this worker, posts it a boot message, then the vocabulary files as
 * they arrive from the extension's own URI, while the LSP handshake goes on; initialize is
 * answered once the vocabulary is loaded. Workspace
 * dictionaries are read and written through the client (`vscode.workspace.fs`); nothing here
 * touches a file system or the network.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { vocabularyFromBytes, type VocabularyBytes } from '../core/vocabulary/vocabulary';
import {
  browserBootKind,
  browserFileErrorKind,
  browserFileKind,
  browserKnowledgeKind,
  browserVocabularyFields,
  type BrowserBootMessage,
  type BrowserFileErrorMessage,
  type BrowserFileMessage,
  type BrowserKnowledgeMessage,
  type BrowserVocabularyField,
} from './protocol';
import { startServer, type ServerOptions } from './server';
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
interface Globals {
  MessageChannel: new () => { port1: Port; port2: Port };
}
const scope = globalThis as unknown as WorkerScope & Globals;

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

/** The vocabulary files as they arrive; rejects when the client could not read one. */
class VocabularyFiles {
  /** The knowledge file of the cards, which comes after the others (undefined: there is none). */
  readonly knowledge: Promise<Uint8Array | undefined>;
  private knowledgeArrived!: (message: BrowserKnowledgeMessage) => void;

  private readonly files = new Map<BrowserVocabularyField, { promise: Promise<Uint8Array>; resolve(bytes: Uint8Array): void; reject(error: Error): void }>();

  constructor(private readonly log: (message: string) => void) {
    this.knowledge = new Promise<Uint8Array | undefined>((resolve) => {
      this.knowledgeArrived = (message) => {
        if (message.problem) this.log(`biolens: cards show no knowledge: ${message.problem}`);
        resolve(message.bytes);
      };
    });
    for (const field of browserVocabularyFields) {
      let resolve!: (bytes: Uint8Array) => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<Uint8Array>((res, rej) => ((resolve = res), (reject = rej)));
      // Rejections surface through all(); none is left unhandled.
      promise.catch(() => undefined);
      this.files.set(field, { promise, resolve, reject });
    }
  }

  arrived(message: BrowserFileMessage): void {
    this.files.get(message.field)?.resolve(message.bytes);
  }

  knowledgeCame(message: BrowserKnowledgeMessage): void {
    this.knowledgeArrived(message);
  }

  failed(message: BrowserFileErrorMessage): void {
    for (const file of this.files.values()) file.reject(new Error(message.message));
  }

  async all(): Promise<VocabularyBytes> {
    const bytes = await Promise.all(browserVocabularyFields.map((field) => this.files.get(field)!.promise));
    const [packed, keys, entities, drugNames] = bytes;
    return { packed, keys, entities, drugNames };
  }
}

function kindOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
}

function browserServerOptions(boot: BrowserBootMessage, files: VocabularyFiles): ServerOptions {
  return {
    findingPagesUri: boot.findingPagesUri,
    async loadVocabulary() {
      const bytes = await files.all();
      // Start-up needs the four files; the cards' knowledge follows, and then the vocabulary is
      // built again over the same buffers (cheap: they are only viewed, not copied).
      const complete = files.knowledge.then((knowledge) => (knowledge ? vocabularyFromBytes({ ...bytes, knowledge }, boot.source) : undefined));
      return { vocabulary: vocabularyFromBytes(bytes, boot.source), source: boot.source, complete };
    },
    dictionaries: (_init, connection, log) => new ClientDictionaries(connection, log),
    yieldToHost: messageLoopYield(),
  };
}

// The boot message comes first. From then on, vocabulary files are taken here and every other
// message goes to the LSP reader, which listens on `lsp` instead of on the worker itself.
const lsp: { onmessage: MessageListener | null; addEventListener: WorkerScope['addEventListener']; postMessage: WorkerScope['postMessage'] } = {
  onmessage: null,
  addEventListener: (type, listener) => scope.addEventListener(type, listener),
  postMessage: (message) => scope.postMessage(message),
};
scope.onmessage = (event) => {
  const boot = event.data as BrowserBootMessage;
  if (kindOf(boot) !== browserBootKind) throw new Error('biolens server: the first message must be the boot message');
  const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(lsp as never), new BrowserMessageWriter(lsp as never));
  const files = new VocabularyFiles((message) => connection.console.warn(message));
  scope.onmessage = ({ data }) => {
    const kind = kindOf(data);
    if (kind === browserFileKind) files.arrived(data as BrowserFileMessage);
    else if (kind === browserKnowledgeKind) files.knowledgeCame(data as BrowserKnowledgeMessage);
    else if (kind === browserFileErrorKind) files.failed(data as BrowserFileErrorMessage);
    else lsp.onmessage?.({ data });
  };
  startServer(connection, browserServerOptions(boot, files));
  connection.listen();
};
