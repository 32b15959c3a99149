import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendToDictionary, defaultDictionaryName, parseDictionary } from '../core/dictionary';

/**
 * The workspace dictionaries of each folder, read from disk on first use and kept until a file
 * watcher or a settings change says they may have changed.
 */
export class DictionaryStore {
  private readonly cache = new Map<string, readonly string[]>();

  constructor(private readonly log: (message: string) => void) {}

  /** Words of `folder/biolens-dictionary.txt` (if present) and of the configured files. */
  words(folder: string, configured: readonly string[]): readonly string[] {
    const key = `${folder}\0${configured.join('\0')}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const words: string[] = [];
    const files = [path.join(folder, defaultDictionaryName), ...configured.map((file) => path.resolve(folder, file))];
    for (const file of new Set(files)) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        const missingDefault = (error as NodeJS.ErrnoException).code === 'ENOENT' && file === files[0];
        if (!missingDefault) this.log(`cannot read dictionary '${file}': ${(error as Error).message}`);
        continue;
      }
      words.push(...parseDictionary(text));
    }
    this.cache.set(key, words);
    return words;
  }

  /** Forgets every cached dictionary; the next analysis reads them again. */
  invalidate(): void {
    this.cache.clear();
  }

  /** Appends a word (and why it is intended) to `folder/biolens-dictionary.txt`, creating it; returns the file's path. */
  add(folder: string, word: string, reason?: string): string {
    const file = path.join(folder, defaultDictionaryName);
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const updated = appendToDictionary(text, word, reason);
    if (updated !== undefined) fs.writeFileSync(file, updated);
    this.invalidate();
    return file;
  }
}
