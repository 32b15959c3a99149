/**
 * What the Node language server (`dist/server.js`) plugs into the host-neutral server.ts: the
 * vocabulary read from a data folder, dictionaries of `file:` folders read from disk (and those of
 * other folders through a VS Code client that offers to), and setImmediate between slices.
 */
import { fileURLToPath } from 'node:url';
import { loadVocabulary } from '../node/vocabulary';
import { loadTagger } from '../node/tagger';
import { DictionaryStore } from './dictionaries';
import type { ServerOptions } from './server';
import { ClientDictionaries, type WorkspaceDictionaries } from './workspaceDictionaries';

export function nodeServerOptions(options: { defaultDataDir: string; findingPagesUri?: string }): ServerOptions {
  return {
    findingPagesUri: options.findingPagesUri,
    loadVocabulary(init) {
      const dataDir = init.dataDir ?? options.defaultDataDir;
      const { tagger, note } = loadTagger(dataDir);
      return { vocabulary: loadVocabulary(dataDir), source: dataDir, tagger, taggerNote: note };
    },
    dictionaries(init, connection, log) {
      return new LocalDictionaries(new DictionaryStore(log), init.clientFiles === true ? new ClientDictionaries(connection, log) : undefined);
    },
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

/** `file:` folders from disk (DictionaryStore: regular files, size caps, no links on write); others through the client, if it offered. */
class LocalDictionaries implements WorkspaceDictionaries {
  constructor(
    private readonly disk: DictionaryStore,
    private readonly client: ClientDictionaries | undefined,
  ) {}

  reaches(folderUri: string): boolean {
    return localPath(folderUri) !== undefined || (this.client?.reaches(folderUri) ?? false);
  }

  async words(folderUri: string, configured: readonly string[]): Promise<readonly string[]> {
    const folder = localPath(folderUri);
    if (folder !== undefined) return this.disk.words(folder, configured);
    return this.client ? this.client.words(folderUri, configured) : [];
  }

  async add(folderUri: string, word: string, reason?: string): Promise<string> {
    const folder = localPath(folderUri);
    if (folder !== undefined) return this.disk.add(folder, word, reason);
    if (this.client) return this.client.add(folderUri, word, reason);
    throw new Error(`biolens: cannot add '${word}' to the workspace dictionary: '${folderUri}' is not a local folder`);
  }

  invalidate(): void {
    this.disk.invalidate();
    this.client?.invalidate();
  }
}

function localPath(fileUri: string): string | undefined {
  if (!fileUri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(fileUri);
  } catch {
    return undefined;
  }
}
