/**
 * The bundled language server (dist/server.js) as the benchmark and the soak drive it: over stdio
 * with the LSP client of the protocol tests, configured the way VS Code starts it.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer, type TestClient } from '../../test/lsp/lspClient';
import type { Position } from './edits';

export type { TestClient } from '../../test/lsp/lspClient';

/** How the figures describe the debounce they ran with. */
export const debounceDescription = 'server default (initializationOptions.debounceMs omitted, as VS Code starts it)';

/**
 * Starts dist/server.js with `folder` as the workspace. debounceMs is left out so the server uses
 * its own default: the VS Code extension sends only dataDir, and that is what users get.
 */
export function startBundledServer(repoRoot: string, folder: string): Promise<TestClient> {
  return startServer({
    rootUri: pathToFileURL(folder).href,
    debounceMs: null,
    serverPath: path.join(repoRoot, 'dist', 'server.js'),
  });
}

/** A file URI for a note called `name` in `folder` (the notes need not exist on disk). */
export function noteUri(folder: string, name: string): string {
  return pathToFileURL(path.join(folder, name)).href;
}

export function hoverRequest(client: TestClient, uri: string, position: Position): Promise<unknown> {
  return client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
}

export function semanticTokensRequest(client: TestClient, uri: string): Promise<unknown> {
  return client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } });
}

export function documentSymbolRequest(client: TestClient, uri: string): Promise<unknown> {
  return client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
}

/** What VS Code asks for when the cursor rests at `position`: the light bulb's code actions (triggerKind Automatic). */
export function codeActionRequest(client: TestClient, uri: string, position: Position): Promise<unknown> {
  return client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: position, end: position },
    context: { diagnostics: [], triggerKind: 2 },
  });
}

/**
 * The resident set of a process in bytes: /proc/<pid>/status on Linux, `ps` elsewhere.
 * `peak` is the high-water mark where the system keeps one (VmHWM).
 */
export function processMemory(pid: number): { rss: number; peak?: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    const rss = field('VmRSS');
    if (rss !== undefined) return { rss, peak: field('VmHWM') };
  } catch {
    // No procfs (macOS): fall back to ps.
  }
  return { rss: Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024 };
}

/** Shuts the server down politely, or kills it when it does not answer in time (it may be stuck on a backlog). */
export async function stopServer(client: TestClient, timeoutMs = 10_000): Promise<void> {
  const exited = new Promise<void>((resolve) => {
    if (client.child.exitCode !== null || client.child.signalCode !== null) resolve();
    else client.child.once('exit', () => resolve());
  });
  const timer = setTimeout(() => client.child.kill('SIGKILL'), timeoutMs);
  try {
    await Promise.race([client.close().catch(() => client.child.kill('SIGKILL')), exited]);
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
