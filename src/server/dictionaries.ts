import * as path from 'node:path';
import { defaultDictionaryName } from '../core/dictionary';
import { appendDictionaryWord, readDictionaryWords } from '../node/dictionaries';
import { FileProblem } from '../node/files';

/**
 * The workspace dictionaries of each folder, read from disk on first use and kept until a file
 * watcher or a settings change says they may have changed.
 */
export class DictionaryStore {
  private readonly cache = new Map<string, readonly string[]>();

  constructor(private readonly log: (message: string) => void) {}

  /**
   * Words of `folder/biolens-dictionary.txt` (if present) and of the configured files. A file
   * that cannot be read (a FIFO, a device, over 32 MB, …) is logged and the others still count.
   */
  words(folder: string, configured: readonly string[]): readonly string[] {
    const key = `${folder}\0${configured.join('\0')}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const words: string[] = [];
    const defaultFile = path.join(folder, defaultDictionaryName);
    const files = [defaultFile, ...configured.map((file) => path.resolve(folder, file))];
    for (const file of new Set(files)) {
      // A loop, not push(...words): spreading 150,000 words into one call overflows the stack.
      for (const word of this.readOne(file, file === defaultFile)) words.push(word);
    }
    this.cache.set(key, words);
    return words;
  }

  /** One dictionary's words; none (and a log line, unless it is a missing default) when unreadable. */
  private readOne(file: string, isDefault: boolean): readonly string[] {
    try {
      return readDictionaryWords(file, `dictionary '${file}'`);
    } catch (error) {
      const missingDefault = isDefault && error instanceof FileProblem && error.kind === 'missing';
      if (!missingDefault) this.log(error instanceof Error ? error.message : String(error));
      return [];
    }
  }

  /** Forgets every cached dictionary; the next analysis reads them again. */
  invalidate(): void {
    this.cache.clear();
  }

  /**
   * Appends a word (and why it is intended) to `folder/biolens-dictionary.txt`, creating it;
   * returns the file's path. Refuses (throws an Error the server shows) a dictionary that is a
   * symbolic link or not a regular file, and one whose real folder is outside `folder`.
   */
  add(folder: string, word: string, reason?: string): string {
    const file = path.join(folder, defaultDictionaryName);
    try {
      appendDictionaryWord(folder, file, `dictionary '${file}'`, word, reason);
    } catch (error) {
      throw new Error(`biolens: cannot add '${word}' to the workspace dictionary: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.invalidate();
    return file;
  }
}
