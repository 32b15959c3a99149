import * as fs from 'node:fs';
import * as path from 'node:path';
// Through require so the bundler takes tinyglobby's CommonJS build: its ES build (via fdir) reads
// import.meta.url, which is empty in the CommonJS bundle and makes dist/cli.js throw at start-up.
import tinyglobby = require('tinyglobby');
import { defaultDictionaryName, parseDictionary } from '../core/dictionary';
import { readDictionaryText } from '../node/dictionaries';
import { describeFsError, FileProblem, noteSizeLimit, readRegularFile, type RegularFileContent } from '../node/files';

const { globSync, isDynamicPattern } = tinyglobby;

/** Extensions a folder is searched for. A file named explicitly is read whatever its extension. */
export const markdownExtensions: readonly string[] = ['.md', '.markdown'];

/** A note to check: where it is, and how output names it. */
export interface NoteFile {
  readonly absolutePath: string;
  /** The path with every symbolic link resolved: what makes two paths one note. */
  readonly realPath: string;
  /** The path as given (or relative to the working folder for glob matches), with forward slashes. */
  readonly displayPath: string;
  /** Named on the command line, rather than found in a folder or by a glob. */
  readonly named: boolean;
}

export interface GatheredNotes {
  readonly notes: NoteFile[];
  /** One line per path given that could not be used, e.g. `cannot read 'x.md': no such file`. */
  readonly problems: string[];
  /**
   * Folders met while searching that could not be read; the search goes on without them and the
   * run ends with an error after checking everything else.
   */
  readonly walkProblems: string[];
}

function toForwardSlashes(p: string): string {
  return p.split(path.sep).join('/');
}

function isSkippedFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

function isMarkdownName(name: string): boolean {
  const lower = name.toLowerCase();
  return markdownExtensions.some((ext) => lower.endsWith(ext));
}

/** The real path, or the path itself when it cannot be resolved (it vanished since it was listed). */
function realPathOf(absolute: string): string {
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute;
  }
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Whether a folder entry is a folder or a file, following a symbolic link; undefined if dangling. */
function entryType(entry: fs.Dirent, absolute: string): 'folder' | 'file' | 'other' | undefined {
  if (!entry.isSymbolicLink()) return entry.isDirectory() ? 'folder' : entry.isFile() ? 'file' : 'other';
  try {
    const target = fs.statSync(absolute);
    return target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
  } catch {
    return undefined; // a dangling link inside a folder is not something the user named
  }
}

interface FolderEntry {
  readonly entry: fs.Dirent;
  readonly absolute: string;
  readonly display: string;
}

type ReadFolder = (folder: string) => fs.Dirent[];

const readFolder: ReadFolder = (folder) => fs.readdirSync(folder, { withFileTypes: true });

/**
 * Markdown files under a folder, each folder's entries sorted, skipping dot entries and
 * node_modules. Entries that are symbolic links come after all the rest, so a note found both
 * directly and through a link is shown by its direct path. A folder that cannot be read is a
 * walk problem and the walk goes on. `read` is replaceable for tests.
 */
export function walkFolder(absoluteFolder: string, displayFolder: string, read: ReadFolder = readFolder): { notes: NoteFile[]; problems: string[] } {
  const notes: NoteFile[] = [];
  const problems: string[] = [];
  // Real paths of folders already walked, so a symbolic-link cycle ends.
  const visited = new Set<string>();
  const links: FolderEntry[] = [];
  const visit = (absolute: string, display: string, deferLinks: boolean): void => {
    const real = realPathOf(absolute);
    if (visited.has(real)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = read(absolute);
    } catch (error) {
      problems.push(`cannot read folder '${toForwardSlashes(display)}': ${describeFsError(error)}`);
      return;
    }
    for (const entry of entries.sort(byName)) {
      if (entry.name.startsWith('.')) continue;
      const child = { entry, absolute: path.join(absolute, entry.name), display: path.join(display, entry.name) };
      if (deferLinks && entry.isSymbolicLink()) links.push(child);
      else visitEntry(child, deferLinks);
    }
  };
  const visitEntry = ({ entry, absolute, display }: FolderEntry, deferLinks: boolean): void => {
    const type = entryType(entry, absolute);
    if (type === 'folder' && !isSkippedFolder(entry.name)) visit(absolute, display, deferLinks);
    else if (type === 'file' && isMarkdownName(entry.name)) {
      notes.push({ absolutePath: absolute, realPath: realPathOf(absolute), displayPath: toForwardSlashes(display), named: false });
    }
  };
  visit(absoluteFolder, displayFolder, true);
  // Inside a linked folder every path is through a link, so its links are followed as found.
  for (const link of links) visitEntry(link, false);
  return { notes, problems };
}

/**
 * readdirSync that notes each folder it cannot read before failing as before: the glob library
 * passes over such folders without a word, and a run must not pass notes it never saw.
 */
function recordingReaddir(cwd: string, problems: string[]): typeof fs.readdirSync {
  const readdir = (folder: fs.PathLike, options?: unknown): unknown => {
    try {
      return fs.readdirSync(folder, options as fs.ObjectEncodingOptions);
    } catch (error) {
      const shown = toForwardSlashes(path.relative(cwd, String(folder))) || '.';
      problems.push(`cannot read folder '${shown}': ${describeFsError(error)}`);
      throw error;
    }
  };
  return readdir as typeof fs.readdirSync;
}

/**
 * Glob matches, one per real path: the match that is its own real path wins over one through a
 * link. Folders the glob could not read are added to `problems`.
 */
function globNotes(pattern: string, cwd: string, problems: string[]): NoteFile[] {
  const matches = globSync(toForwardSlashes(pattern), {
    cwd,
    absolute: true,
    dot: false,
    ignore: ['**/node_modules/**'],
    fs: { readdirSync: recordingReaddir(cwd, problems) },
  }).sort();
  const byReal = new Map<string, NoteFile>();
  for (const match of matches) {
    const absolutePath = path.normalize(match);
    const realPath = realPathOf(absolutePath);
    const shown = path.isAbsolute(pattern) ? absolutePath : path.relative(cwd, absolutePath);
    const note = { absolutePath, realPath, displayPath: toForwardSlashes(shown), named: false };
    const chosen = byReal.get(realPath);
    if (!chosen || (chosen.absolutePath !== realPath && absolutePath === realPath)) byReal.set(realPath, note);
  }
  return [...byReal.values()].sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
}

/**
 * Resolves the paths given on the command line (files, folders, glob patterns) to the notes to
 * check, in the order given, each file once by its real path. No paths means the working folder.
 */
export function gatherNotes(paths: readonly string[], cwd: string): GatheredNotes {
  const notes: NoteFile[] = [];
  const problems: string[] = [];
  const walkProblems: string[] = [];
  const seen = new Set<string>();
  const add = (found: readonly NoteFile[]): void => {
    for (const note of found) {
      if (seen.has(note.realPath)) continue;
      seen.add(note.realPath);
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
      const walked = walkFolder(absolute, display);
      add(walked.notes);
      for (const problem of walked.problems) walkProblems.push(problem);
    } else if (stat) {
      add([{ absolutePath: absolute, realPath: realPathOf(absolute), displayPath: toForwardSlashes(display), named: true }]);
    } else if (isDynamicPattern(given)) {
      // A pattern the shell did not expand (quoted, or on Windows).
      const matches = globNotes(given, cwd, walkProblems);
      if (matches.length === 0) problems.push(`no files match '${given}'`);
      add(matches);
    } else {
      problems.push(`cannot read '${given}': ${describeFsError(statError)}`);
    }
  }
  return { notes, problems, walkProblems };
}

/** How many leading bytes are searched for NUL to tell a binary file from text (as git does). */
export const binarySniffLength = 8192;

export type NoteEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export type NoteContent =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly encoding: NoteEncoding;
      /** The bytes began with a byte order mark, which the decoder dropped from `text`. */
      readonly bom: boolean;
      /** False when undecodable bytes became U+FFFD: writing `text` back would lose them. */
      readonly lossless: boolean;
      readonly warnings: readonly string[];
    }
  | { readonly kind: 'binary' };

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/** 'UTF-8', 'UTF-16 LE', 'UTF-16 BE', for messages. */
export function encodingName(encoding: NoteEncoding): string {
  return encoding === 'utf-8' ? 'UTF-8' : encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
}

/** Decodes strictly, and falls back to U+FFFD for undecodable bytes with a warning. */
function decodeText(bytes: Uint8Array, encoding: NoteEncoding, bom: boolean): NoteContent {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { kind: 'text', text, encoding, bom, lossless: true, warnings: [] };
  } catch {
    return {
      kind: 'text',
      text: new TextDecoder(encoding).decode(bytes),
      encoding,
      bom,
      lossless: false,
      warnings: [`is not valid ${encodingName(encoding)}; undecodable bytes were read as U+FFFD`],
    };
  }
}

const utf8Bom = [0xef, 0xbb, 0xbf];
const utf16leBom = [0xff, 0xfe];
const utf16beBom = [0xfe, 0xff];

/**
 * Decodes a note's bytes. UTF-8 (with or without BOM) is the norm; UTF-16 with a BOM is decoded
 * too; other bytes with NUL in the first 8 KB are binary. Invalid bytes are decoded with
 * replacement characters and a warning rather than refused. The decoder drops the BOM, so
 * offsets into `text` start after it; encodeNote puts it back.
 */
export function decodeNote(bytes: Uint8Array): NoteContent {
  if (startsWith(bytes, utf16leBom)) return decodeText(bytes, 'utf-16le', true);
  if (startsWith(bytes, utf16beBom)) return decodeText(bytes, 'utf-16be', true);
  if (bytes.subarray(0, binarySniffLength).includes(0)) return { kind: 'binary' };
  return decodeText(bytes, 'utf-8', startsWith(bytes, utf8Bom));
}

/** The bytes of a note's text in its encoding, with its BOM: the inverse of decodeNote. */
export function encodeNote(text: string, encoding: NoteEncoding, bom: boolean): Buffer {
  if (encoding === 'utf-8') {
    const body = Buffer.from(text, 'utf8');
    return bom ? Buffer.concat([Buffer.from(utf8Bom), body]) : body;
  }
  const body = Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') body.swap16();
  return Buffer.concat([Buffer.from(encoding === 'utf-16le' ? utf16leBom : utf16beBom), body]);
}

/** Reads a note: a regular file of at most 64 MB. Throws FileProblem with a one-line message. */
export function readNote(note: NoteFile): RegularFileContent {
  return readRegularFile(note.absolutePath, `'${note.displayPath}'`, noteSizeLimit);
}

type TextContent = Extract<NoteContent, { kind: 'text' }>;

export interface LoadedNote {
  readonly file: RegularFileContent;
  readonly content: TextContent;
}

/**
 * A note's bytes and text, or why not: 'failed' (an error, reported) or 'skipped' (a binary or
 * non-regular file met in a folder or through a glob, with a warning). A note named on the
 * command line is never skipped: a CI gate must not pass a file it did not read. Problems and
 * warnings go to `stderr` as whole lines.
 */
export function loadNote(note: NoteFile, stderr: (text: string) => void): LoadedNote | 'failed' | 'skipped' {
  let file: RegularFileContent;
  try {
    file = readNote(note);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!note.named && error instanceof FileProblem && error.kind === 'not-regular') {
      stderr(`biolens: warning: ${message}; skipped\n`);
      return 'skipped';
    }
    stderr(`biolens: ${message}\n`);
    return 'failed';
  }
  const content = decodeNote(file.bytes);
  if (content.kind === 'binary') {
    if (note.named) {
      stderr(`biolens: cannot check '${note.displayPath}': binary file (a NUL byte in its first 8 KB)\n`);
      return 'failed';
    }
    stderr(`biolens: warning: skipping '${note.displayPath}': binary file\n`);
    return 'skipped';
  }
  for (const warning of content.warnings) stderr(`biolens: warning: '${note.displayPath}' ${warning}\n`);
  return { file, content };
}

/** A workspace dictionary as read: its path as the user gave it, and its text. */
export interface DictionaryFile {
  readonly shown: string;
  readonly text: string;
}

/**
 * Reads the workspace dictionaries: the given files (each must exist) and the default one in the
 * working folder if present. Throws with a one-line message when a file cannot be read, is not
 * a regular file or is over 32 MB.
 */
export function readDictionaryFiles(given: readonly string[], cwd: string): DictionaryFile[] {
  const files: DictionaryFile[] = [];
  const defaultPath = path.join(cwd, defaultDictionaryName);
  let defaultGiven = false;
  for (const file of given) {
    const absolute = path.resolve(cwd, file);
    if (absolute === defaultPath) defaultGiven = true;
    files.push({ shown: file, text: readDictionaryText(absolute, `dictionary '${file}'`) });
  }
  if (!defaultGiven) {
    try {
      files.push({ shown: defaultDictionaryName, text: readDictionaryText(defaultPath, `dictionary '${defaultDictionaryName}'`) });
    } catch (error) {
      if (!(error instanceof FileProblem && error.kind === 'missing')) throw error;
    }
  }
  return files;
}

/** The words of the workspace dictionaries, in file order. */
export function dictionaryWords(files: readonly DictionaryFile[]): string[] {
  const words: string[] = [];
  // Loops, not push(...list): spreading 150,000 words into one call overflows the stack.
  for (const file of files) for (const word of parseDictionary(file.text)) words.push(word);
  return words;
}

/** The words of the workspace dictionaries read from disk (readDictionaryFiles). */
export function readDictionaries(given: readonly string[], cwd: string): string[] {
  return dictionaryWords(readDictionaryFiles(given, cwd));
}
