/**
 * Workspace dictionaries: plain text, one word per line, `#` starts a comment. The CLI reads them
 * from disk, the language server from the workspace folders; both parse and extend them here so a
 * file written by one is read the same way by the other.
 */

/** The dictionary read by default from the working folder (CLI) or each workspace folder (editor). */
export const defaultDictionaryName = 'biolens-dictionary.txt';

/** A word marked as intended (in a dictionary or a document), with the writer's reason if given. */
export interface Intention {
  word: string;
  reason?: string;
}

/** A dictionary entry with where its word stands in the file's text (UTF-16 offsets). */
export interface DictionaryEntry extends Intention {
  start: number;
  end: number;
}

/**
 * The entries of a workspace dictionary: one word a line, `#` starts a comment, and a comment
 * after a word is its reason ('leflutrozole  # studied here for male hypogonadism').
 */
export function parseDictionaryEntries(text: string): DictionaryEntry[] {
  const out: DictionaryEntry[] = [];
  const lineBreak = /\r\n|\r|\n/g;
  for (let lineStart = 0; lineStart <= text.length;) {
    lineBreak.lastIndex = lineStart;
    const next = lineBreak.exec(text);
    const lineEnd = next ? next.index : text.length;
    const line = text.slice(lineStart, lineEnd);
    const hash = line.indexOf('#');
    const raw = hash >= 0 ? line.slice(0, hash) : line;
    const word = raw.trim();
    if (word !== '') {
      const start = lineStart + raw.indexOf(word);
      const reason = hash >= 0 ? line.slice(hash + 1).trim() : '';
      out.push(reason ? { word, reason, start, end: start + word.length } : { word, start, end: start + word.length });
    }
    if (!next) break;
    lineStart = next.index + next[0].length;
  }
  return out;
}

/** Words of a workspace dictionary, as written. */
export function parseDictionary(text: string): string[] {
  return parseDictionaryEntries(text).map((entry) => entry.word);
}

/** A dictionary line for a word, with its reason as a trailing comment. */
export function dictionaryLine(word: string, reason?: string): string {
  const clean = reason?.replace(/[\r\n]+/g, ' ').trim();
  return clean ? `${word}  # ${clean}` : word;
}

/**
 * The dictionary text with `word` (and its reason, if any) appended on a line of its own, or undefined when the
 * dictionary already lists it (compared case-insensitively, as ignored words are).
 */
export function appendToDictionary(text: string, word: string, reason?: string): string | undefined {
  const wanted = word.trim();
  if (wanted === '' || /[\r\n#]/.test(wanted)) throw new Error(`cannot add '${word}' to a dictionary: one word per line, no '#'`);
  const lower = wanted.toLowerCase();
  if (parseDictionary(text).some((w) => w.toLowerCase() === lower)) return undefined;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') || text.endsWith('\r') ? '' : newline;
  return `${text}${separator}${dictionaryLine(wanted, reason)}${newline}`;
}
