import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const repoRoot = path.join(__dirname, '..', '..');

/** A real LSP client connection to the bundled server (dist/server.js) over stdio. */
export interface TestClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  /** The `biolens` settings the client answers `workspace/configuration` with. */
  settings: Record<string, unknown>;
  /** Every publishDiagnostics notification, in arrival order (since the last forgetPublished()). */
  readonly published: PublishDiagnosticsParams[];
  /** Resolves with the first publish for `uri` (after those already seen) that satisfies `accept`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Calls `listener` on every publishDiagnostics as it arrives; returns a function that stops it. */
  onPublish(listener: (params: PublishDiagnosticsParams) => void): () => void;
  /**
   * Empties `published` (pending diagnostics() waits still see later publishes). Long-running
   * drivers such as the soak call it so that a 1 MB note's publishes do not pile up in the client.
   */
  forgetPublished(): void;
  /** Shuts the server down and waits for the process to exit. */
  close(): Promise<void>;
}

export interface StartOptions {
  rootUri: string | null;
  settings?: Record<string, unknown>;
  /**
   * initializationOptions.debounceMs; 50 when left out, to keep tests quick. `null` sends no
   * debounceMs at all, so the server uses its own default, as it does under VS Code.
   */
  debounceMs?: number | null;
  /** Announce codeAction/resolve support for edits, as VS Code does. */
  resolvesCodeActions?: boolean;
  /** More initializationOptions (`clientFiles: true`, as the VS Code client sends). */
  initializationOptions?: Record<string, unknown>;
  /** The server bundle; defaults to dist/server.js of this repository (a bundled caller's __dirname differs). */
  serverPath?: string;
}

export function startServer(options: StartOptions): Promise<TestClient> {
  const serverPath = options.serverPath ?? path.join(repoRoot, 'dist', 'server.js');
  // BIOLENS_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server a benchmark drives.
  const nodeArgs = (process.env.BIOLENS_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters = new Set<() => void>();
  const listeners = new Set<(params: PublishDiagnosticsParams) => void>();
  /** How many publishes forgetPublished() dropped: waits count positions from the very first publish. */
  let forgotten = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const client: TestClient = {
    connection,
    child,
    settings: options.settings ?? {},
    published,
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      const from = forgotten + published.length;
      const unseen = () => published.slice(Math.max(0, from - forgotten));
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = unseen().find((p) => p.uri === uri && accept(p));
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching diagnostics for ${uri} within ${timeoutMs} ms; saw ${JSON.stringify(unseen().map((p) => [p.uri, p.version, p.diagnostics.length]))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    onPublish(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    forgetPublished() {
      forgotten += published.length;
      published.length = 0;
    },
    async close() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } finally {
        connection.dispose();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (const listener of [...listeners]) listener(params);
    for (const waiter of [...waiters]) waiter();
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section === 'biolens' ? client.settings : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('client/unregisterCapability', () => null);
  connection.onNotification('window/logMessage', () => {});
  connection.listen();
  return connection
    .sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'notes' }] : null,
      initializationOptions: { ...(options.debounceMs === null ? {} : { debounceMs: options.debounceMs ?? 50 }), ...options.initializationOptions },
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown'] },
          ...(options.resolvesCodeActions ? { codeAction: { resolveSupport: { properties: ['edit'] } } } : {}),
        },
      },
    })
    .then(async () => {
      await connection.sendNotification('initialized', {});
      return client;
    });
}
