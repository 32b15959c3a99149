import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const repoRoot = path.join(__dirname, '..', '..');

/** A real LSP client connection to the bundled server (dist/server.js) over stdio. */
export interface TestClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  /** The `biolens` settings the client answers `workspace/configuration` with. */
  settings: Record<string, unknown>;
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[];
  /** Resolves with the first publish for `uri` (after those already seen) that satisfies `accept`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Shuts the server down and waits for the process to exit. */
  close(): Promise<void>;
}

export function startServer(options: { rootUri: string | null; settings?: Record<string, unknown>; debounceMs?: number }): Promise<TestClient> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters = new Set<() => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const client: TestClient = {
    connection,
    child,
    settings: options.settings ?? {},
    published,
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      const from = published.length;
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const found = published.slice(from).find((p) => p.uri === uri && accept(p));
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; saw ${JSON.stringify(published.slice(from).map((p) => [p.uri, p.version, p.diagnostics.length]))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
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
      initializationOptions: { debounceMs: options.debounceMs ?? 50 },
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
      },
    })
    .then(async () => {
      await connection.sendNotification('initialized', {});
      return client;
    });
}
