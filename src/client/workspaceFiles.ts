/**
 * The client's side of `biolens/readTextFile` and `biolens/appendTextFile` (see protocol.ts): the
 * server reads and writes workspace dictionaries through `vscode.workspace.fs`, so they work in
 * every scheme the editor has a file system for — a folder on disk, code-server's vscode-remote,
 * github.dev's vscode-vfs — and in the browser, where the server has no file system at all.
 * The same rules as on disk: regular files only, a size cap, no writing through a symbolic link.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  appendTextFileRequest,
  readTextFileRequest,
  type AppendTextFileParams,
  type AppendTextFileResult,
  type ReadTextFileParams,
  type ReadTextFileResult,
} from '../server/protocol';

export function answerWorkspaceFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(readTextFileRequest, (params: ReadTextFileParams) => readTextFile(vscode.Uri.parse(params.uri), params.maxBytes)),
    client.onRequest(appendTextFileRequest, (params: AppendTextFileParams) => appendTextFile(vscode.Uri.parse(params.uri), params.text, params.maxBytes)),
  ];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'FileNotFound' || (error instanceof vscode.FileSystemError && error.code === 'FileNotFound');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The file's status, undefined when it does not exist; throws for any other failure. */
async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Why a file of this status may not be read (or undefined when it may). */
function refusal(label: string, stat: vscode.FileStat, maxBytes: number): string | undefined {
  if ((stat.type & vscode.FileType.File) === 0) return `${label} is not a regular file`;
  if (stat.size > maxBytes) return `${label} is ${megabytes(stat.size)}, over the ${megabytes(maxBytes)} a dictionary may have`;
  return undefined;
}

async function readTextFile(uri: vscode.Uri, maxBytes: number): Promise<ReadTextFileResult> {
  const label = `dictionary '${uri.toString(true)}'`;
  try {
    const stat = await statOf(uri);
    if (!stat) return { missing: true };
    const refused = refusal(label, stat, maxBytes);
    if (refused) return { problem: refused };
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > maxBytes) return { problem: `${label} is over the ${megabytes(maxBytes)} a dictionary may have` };
    // TextDecoder drops a UTF-8 BOM, which would otherwise stick to the first word.
    return { text: new TextDecoder('utf-8').decode(bytes) };
  } catch (error) {
    if (isNotFound(error)) return { missing: true };
    return { problem: `cannot read ${label}: ${describe(error)}` };
  }
}

async function appendTextFile(uri: vscode.Uri, text: string, maxBytes: number): Promise<AppendTextFileResult> {
  const label = `'${uri.toString(true)}'`;
  try {
    const stat = await statOf(uri);
    const addition = new TextEncoder().encode(text);
    if (!stat) {
      await vscode.workspace.fs.writeFile(uri, addition);
      return { written: true };
    }
    if ((stat.type & vscode.FileType.SymbolicLink) !== 0)
      return { problem: `${label} is a symbolic link; biolens writes only to a regular file in the workspace folder` };
    const refused = refusal(label, stat, maxBytes);
    if (refused) return { problem: refused };
    const current = await vscode.workspace.fs.readFile(uri);
    const updated = new Uint8Array(current.byteLength + addition.byteLength);
    updated.set(current, 0);
    updated.set(addition, current.byteLength);
    await vscode.workspace.fs.writeFile(uri, updated);
    return { written: true };
  } catch (error) {
    return { problem: `cannot write ${label}: ${describe(error)}` };
  }
}
