import type { Connection } from 'vscode-languageserver';
import { appendToDictionary, defaultDictionaryName, parseDictionary } from '../core/dictionary';
import {
  appendTextFileRequest,
  readTextFileRequest,
  type AppendTextFileParams,
  type AppendTextFileResult,
  type ReadTextFileParams,
  type ReadTextFileResult,
} from './protocol';

/**
 * Where the server reads and writes workspace dictionaries. Folders are URIs: the Node server
 * reads `file:` folders from disk (see nodeHost.ts), any server can ask a VS Code client for the
 * rest (ClientDictionaries below), and the browser server has no disk at all.
 */
export interface WorkspaceDictionaries {
  /** Whether the dictionaries of this folder URI can be read here at all. */
  reaches(folderUri: string): boolean;
  /** Words of `folder/biolens-dictionary.txt` (if present) and of the configured files; an unreadable file is logged and skipped. */
  words(folderUri: string, configured: readonly string[]): Promise<readonly string[]>;
  /** Appends a word (and why it is intended) to `folder/biolens-dictionary.txt`; returns what was written (a path or a URI), or throws an Error the editor shows. */
  add(folderUri: string, word: string, reason?: string): Promise<string>;
  /** Forgets every cached dictionary; the next analysis reads them again. */
  invalidate(): void;
}

/** Reaches nothing: before the client has said what it can do. */
export const noDictionaries: WorkspaceDictionaries = {
  reaches: () => false,
  words: () => Promise.resolve([]),
  add: (folderUri) => Promise.reject(new Error(`biolens: no workspace dictionary can be written for '${folderUri}'`)),
  invalidate: () => {},
};

/** The same cap as the Node hosts' (src/node/files.ts dictionarySizeLimit): a dictionary is at most 32 MB. */
const maxDictionaryBytes = 32 * 1024 * 1024;

/** `scheme://authority` (or `scheme:`) and the path of a hierarchical URI, or undefined (an `untitled:` one). */
function splitUri(uri: string): { prefix: string; path: string } | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?$/i.exec(uri) ?? /^([a-z][a-z0-9+.-]*:)(\/[^?#]*)$/i.exec(uri);
  return match ? { prefix: match[1], path: match[2] ?? '/' } : undefined;
}

/** Whether a URI names a place in a file system (has a scheme, an authority and a path). */
export function isHierarchicalUri(uri: string): boolean {
  return splitUri(uri) !== undefined;
}

/** The folder holding a document URI, or undefined when it has none. */
export function parentUri(uri: string): string | undefined {
  const parts = splitUri(uri);
  if (!parts) return undefined;
  const slash = parts.path.lastIndexOf('/');
  return slash > 0 ? `${parts.prefix}${parts.path.slice(0, slash)}` : undefined;
}

/**
 * A dictionary setting resolved against its folder URI, as path.resolve does for a path: a
 * relative path joins the folder's, an absolute one (`/x`, `C:\\x`) replaces it; `.` and `..`
 * are resolved.
 */
export function resolveUnder(folderUri: string, file: string): string {
  const parts = splitUri(folderUri);
  if (!parts) return folderUri;
  const forward = file.replace(/\\/g, '/');
  const absolute = forward.startsWith('/') || /^[a-z]:\//i.test(forward);
  const segments: string[] = [];
  const start = absolute ? (forward.startsWith('/') ? forward : `/${forward}`) : `${parts.path}/${forward}`;
  for (const segment of start.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(encodeURIComponent(decodeURIComponentSafe(segment)).replace(/%3A/gi, ':'));
  }
  return `${parts.prefix}/${segments.join('/')}`;
}

function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The last segment of a path or URI ('a/b/words.txt' → 'words.txt'), on either separator. */
export function baseName(file: string): string {
  const trimmed = file.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/**
 * Workspace dictionaries read and written by the VS Code client with `vscode.workspace.fs`
 * (`biolens/readTextFile`, `biolens/appendTextFile`): every scheme the editor has a file system
 * for (vscode-remote, vscode-vfs of github.dev, memfs, …). The browser server's only store; the
 * Node server's for folders that are not on its disk.
 */
export class ClientDictionaries implements WorkspaceDictionaries {
  private readonly cache = new Map<string, Promise<readonly string[]>>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  reaches(folderUri: string): boolean {
    return isHierarchicalUri(folderUri);
  }

  words(folderUri: string, configured: readonly string[]): Promise<readonly string[]> {
    const key = `${folderUri}\0${configured.join('\0')}`;
    let words = this.cache.get(key);
    if (!words) {
      words = this.readAll(folderUri, configured);
      this.cache.set(key, words);
    }
    return words;
  }

  private async readAll(folderUri: string, configured: readonly string[]): Promise<readonly string[]> {
    const defaultFile = resolveUnder(folderUri, defaultDictionaryName);
    const words: string[] = [];
    for (const file of new Set([defaultFile, ...configured.map((name) => resolveUnder(folderUri, name))])) {
      const result = await this.read(file);
      if ('text' in result) {
        // A loop, not push(...words): spreading 150,000 words into one call overflows the stack.
        for (const word of parseDictionary(result.text)) words.push(word);
      } else if ('problem' in result) {
        this.log(result.problem);
      } else if (file !== defaultFile) {
        this.log(`dictionary '${file}' does not exist`);
      }
    }
    return words;
  }

  private async read(uri: string): Promise<ReadTextFileResult> {
    try {
      const params: ReadTextFileParams = { uri, maxBytes: maxDictionaryBytes };
      return await this.connection.sendRequest<ReadTextFileResult>(readTextFileRequest, params);
    } catch (error) {
      return { problem: `cannot read dictionary '${uri}' through the editor: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  async add(folderUri: string, word: string, reason?: string): Promise<string> {
    const uri = resolveUnder(folderUri, defaultDictionaryName);
    const refuse = (why: string): Error => new Error(`biolens: cannot add '${word}' to the workspace dictionary: ${why}`);
    const current = await this.read(uri);
    if ('problem' in current) throw refuse(current.problem);
    const text = 'text' in current ? current.text : '';
    let updated: string | undefined;
    try {
      updated = appendToDictionary(text, word, reason);
    } catch (error) {
      throw refuse(error instanceof Error ? error.message : String(error));
    }
    if (updated !== undefined) {
      // appendToDictionary keeps the old text as it is and adds to its end; only the addition is sent.
      const params: AppendTextFileParams = { uri, text: updated.slice(text.length), maxBytes: maxDictionaryBytes };
      let written: AppendTextFileResult;
      try {
        written = await this.connection.sendRequest<AppendTextFileResult>(appendTextFileRequest, params);
      } catch (error) {
        throw refuse(error instanceof Error ? error.message : String(error));
      }
      if ('problem' in written) throw refuse(written.problem);
    }
    this.invalidate();
    return uri;
  }

  invalidate(): void {
    this.cache.clear();
  }
}
