/**
 * What the in-host tests share: the sample folder's files, waiting for diagnostics, settings.
 * No Node module (the suite also runs in the web worker extension host).
 */
import * as vscode from 'vscode';
import { assert } from './assert';

export function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the suite runs with the sample notes open as a folder');
  return first.uri;
}

export function fileIn(name: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), name);
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export function withTimeout<T>(what: string, promise: Promise<T>, ms = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function biolensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'biolens');
}

/** Resolves with the document's biolens diagnostics once `accept` holds for them (checked now and on every change). */
export function diagnosticsWhen(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string, ms = 20_000): Promise<vscode.Diagnostic[]> {
  return withTimeout(
    `${what} (${uri.path.split('/').pop()}; now ${JSON.stringify(biolensDiagnostics(uri).map((d) => [d.code, d.message.slice(0, 40)]))})`,
    new Promise<vscode.Diagnostic[]>((resolve) => {
      const check = (): boolean => {
        const current = biolensDiagnostics(uri);
        if (!accept(current)) return false;
        subscription.dispose();
        resolve(current);
        return true;
      };
      const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((u) => u.toString() === uri.toString())) check();
      });
      check();
    }),
    ms,
  );
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export async function openNote(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileIn(name));
  return vscode.window.showTextDocument(document);
}

export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `'${needle}' in ${document.uri.path}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export async function configure(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('biolens', folder()).update(key, value, vscode.ConfigurationTarget.Workspace);
}

/**
 * Runs a command that asks for text (an input box), answering the prompt with Escape as a writer
 * would (closing the quick input), until the command settles: no event tells the extension host
 * that the prompt is showing.
 */
export async function runAnsweringPrompt<T>(command: string, args: readonly unknown[]): Promise<T> {
  let settled = false;
  const running = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (settled = true));
  await withTimeout(
    `${command} to finish after Escape at its prompt`,
    (async () => {
      while (!settled) {
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        await Promise.race([running.catch(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, 50))]);
      }
    })(),
  );
  return running;
}
