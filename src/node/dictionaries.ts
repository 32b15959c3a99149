import { appendToDictionary, parseDictionary } from '../core/dictionary';
import { appendTextInsideFolder, dictionarySizeLimit, readRegularFile } from './files';

/**
 * Workspace dictionaries on disk, read and extended the same way by the CLI and the language
 * server. `label` names the file in messages, e.g. `dictionary 'words.txt'`.
 */

/** The text of a dictionary file; throws FileProblem (missing, not a regular file, over 32 MB, …). */
export function readDictionaryText(file: string, label: string): string {
  const { bytes } = readRegularFile(file, label, dictionarySizeLimit);
  // TextDecoder drops a UTF-8 BOM, which would otherwise stick to the first word.
  return new TextDecoder('utf-8').decode(bytes);
}

/** The words of a dictionary file; throws as readDictionaryText does. */
export function readDictionaryWords(file: string, label: string): string[] {
  return parseDictionary(readDictionaryText(file, label));
}

/**
 * Appends a word (and its reason) to the dictionary `file` inside the folder `root`, unless it is
 * listed already. Returns the real path written; throws FileProblem when the file is a link, not
 * a regular file, too large, or outside root.
 */
export function appendDictionaryWord(root: string, file: string, label: string, word: string, reason?: string): string {
  return appendTextInsideFolder(root, file, label, dictionarySizeLimit, (current) => {
    const updated = appendToDictionary(current, word, reason);
    // appendToDictionary keeps the old text as it is and adds to its end; only the addition is written.
    return updated === undefined ? undefined : updated.slice(current.length);
  });
}
