import * as fs from 'node:fs';
import * as path from 'node:path';
// Through require so the bundler takes tinyglobby's CommonJS build: its ES build (via fdir) reads
// import.meta.url, which is empty in the CommonJS bundle and makes dist/cli.js throw at start-up.
import tinyglobby = require('tinyglobby');
import { defaultDictionaryName, parseDictionary } from '../core/dictionary';

const { globSync, isDynamicPattern } = tinyglobby;

/** Extensions a folder is searched for. A file named explicitly is read whatever its extension. */
export const markdownExtensions: readonly string[] = ['.md', '.markdown'];

/** A note to check: where it is, and how output names it. */
export interface NoteFile {
  readonly absolutePath: string;
  /** The path as given (or relative to the working folder for glob matches), with forward slashes. */
  readonly displayPath: string;
}

export interface GatheredNotes {
  readonly notes: NoteFile[];
  /** One line per path that could not be used, e.g. `cannot read 'x.md': no such file`. */
  readonly problems: string[];
}

function toForwardSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

/** A one-line reason for a failed file-system call. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTDIR':
      return 'not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

function isSkippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

function isMarkdownName(name: string): boolean {
  const lower = name.toLowerCase();
  return markdownExtensions.some((ext) => lower.endsWith(ext));
}

/** Markdown files under a folder, sorted, skipping dot entries and node_modules. */
function walkFolder(absoluteFolder: string, displayFolder: string, out: NoteFile[], problems: string[]): void {
  // Real paths of folders already walked, so a symbolic-link cycle ends.
  const visited = new Set<string>();
  const visit = (absolute: string, display: string): void => {
    let real: string;
    let entries: fs.Dirent[];
    try {
      real = fs.realpathSync(absolute);
      if (visited.has(real)) return;
      visited.add(real);
      entries = fs.readdirSync(absolute, { withFileTypes: true });
    } catch (error) {
      problems.push(`cannot read '${toForwardSlashes(display)}': ${describeFsError(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const childAbsolute = path.join(absolute, entry.name);
      const childDisplay = path.join(display, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = fs.statSync(childAbsolute);
          isDirectory = target.isDirectory();
          isFile = target.isFile();
        } catch {
          continue; // a dangling link inside a folder is not something the user named
        }
      }
      if (isDirectory) {
        if (!isSkippedFolder(entry.name)) visit(childAbsolute, childDisplay);
      } else if (isFile && isMarkdownName(entry.name)) {
        out.push({ absolutePath: childAbsolute, displayPath: toForwardSlashes(childDisplay) });
      }
    }
  };
  visit(absoluteFolder, displayFolder);
}

/**
 * Resolves the paths given on the command line (files, folders, glob patterns) to the notes to
 * check, in the order given, each file once. No paths means the working folder.
 */
export function gatherNotes(paths: readonly string[], cwd: string): GatheredNotes {
  const notes: NoteFile[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (found: NoteFile[]): void => {
    for (const note of found) {
      if (seen.has(note.absolutePath)) continue;
      seen.add(note.absolutePath);
      notes.push(note);
    }
  };

  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = path.resolve(cwd, given);
    const display = path.normalize(given);
    let stat: fs.Stats | undefined;
    let statError: unknown;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      statError = error;
    }
    if (stat?.isDirectory()) {
      const found: NoteFile[] = [];
      walkFolder(absolute, display, found, problems);
      add(found);
    } else if (stat) {
      add([{ absolutePath: absolute, displayPath: toForwardSlashes(display) }]);
    } else if (isDynamicPattern(given)) {
      // A pattern the shell did not expand (quoted, or on Windows).
      const matches = globSync(toForwardSlashes(given), {
        cwd,
        absolute: true,
        dot: false,
        ignore: ['**/node_modules/**'],
      }).sort();
      if (matches.length === 0) problems.push(`no files match '${given}'`);
      add(
        matches.map((match) => {
          const matchAbsolute = path.normalize(match);
          const shown = path.isAbsolute(given) ? matchAbsolute : path.relative(cwd, matchAbsolute);
          return { absolutePath: matchAbsolute, displayPath: toForwardSlashes(shown) };
        }),
      );
    } else {
      problems.push(`cannot read '${given}': ${describeFsError(statError)}`);
    }
  }
  return { notes, problems };
}

/** How many leading bytes are searched for NUL to tell a binary file from text (as git does). */
export const binarySniffLength = 8192;

export type NoteContent =
  | { readonly kind: 'text'; readonly text: string; readonly warnings: readonly string[] }
  | { readonly kind: 'binary' };

/**
 * Decodes a note's bytes. UTF-8 (with or without BOM) is the norm; UTF-16 with a BOM is decoded
 * too; other bytes with NUL in the first 8 KB are binary. Invalid UTF-8 is decoded with
 * replacement characters and a warning rather than refused.
 */
export function decodeNote(bytes: Uint8Array): NoteContent {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { kind: 'text', text: new TextDecoder('utf-16le').decode(bytes), warnings: [] };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { kind: 'text', text: new TextDecoder('utf-16be').decode(bytes), warnings: [] };
  }
  if (bytes.subarray(0, binarySniffLength).includes(0)) return { kind: 'binary' };
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings: [] };
  } catch {
    return {
      kind: 'text',
      text: new TextDecoder('utf-8').decode(bytes),
      warnings: ['is not valid UTF-8; undecodable bytes were read as U+FFFD'],
    };
  }
}

/** Reads a file; throws with a one-line message on failure. */
export function readNoteBytes(note: NoteFile): Uint8Array {
  try {
    return fs.readFileSync(note.absolutePath);
  } catch (error) {
    throw new Error(`cannot read '${note.displayPath}': ${describeFsError(error)}`);
  }
}

/**
 * Reads the workspace dictionaries: the given files (each must exist) and the default one in the
 * working folder if present. Throws with a one-line message when a file cannot be read.
 */
export function readDictionaries(given: readonly string[], cwd: string): string[] {
  const files = given.map((file) => ({ absolute: path.resolve(cwd, file), shown: file }));
  const defaultPath = path.join(cwd, defaultDictionaryName);
  if (!files.some((f) => f.absolute === defaultPath) && fs.existsSync(defaultPath)) {
    files.push({ absolute: defaultPath, shown: defaultDictionaryName });
  }
  const words: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = new TextDecoder('utf-8').decode(fs.readFileSync(file.absolute));
    } catch (error) {
      throw new Error(`cannot read dictionary '${file.shown}': ${describeFsError(error)}`);
    }
    words.push(...parseDictionary(text));
  }
  return words;
}
