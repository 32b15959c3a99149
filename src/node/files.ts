import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Node-side file access shared by the CLI and the language server. Every read opens the file
 * first and checks what the descriptor is, so a FIFO, a device or a folder behind a harmless
 * name is refused at once instead of hanging or filling memory; every write stays on regular
 * files and never loses the old content to a half-written file.
 */

/** Why a file could not be used: the kind lets callers decide between a warning and an error. */
export type FileProblemKind = 'missing' | 'not-regular' | 'too-large' | 'unreadable' | 'outside' | 'changed';

/** A one-line, user-facing reason a file could not be read or written. */
export class FileProblem extends Error {
  constructor(
    readonly kind: FileProblemKind,
    message: string,
  ) {
    super(message);
    this.name = 'FileProblem';
  }
}

/** How large a file of one sort may be, and how messages name that sort ('a note'). */
export interface SizeLimit {
  readonly maxBytes: number;
  readonly what: string;
}

const MiB = 1024 * 1024;

export const noteSizeLimit: SizeLimit = { maxBytes: 64 * MiB, what: 'a note' };
export const dictionarySizeLimit: SizeLimit = { maxBytes: 32 * MiB, what: 'a dictionary' };

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

/** 'a FIFO', 'a folder', …: what a non-regular file is, for messages. */
export function describeFileType(stats: fs.Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** '2.1 GB', '32 MB', '512 bytes' (units of 1024, as file managers show them). */
export function formatSize(bytes: number): string {
  const units: [number, string][] = [
    [1024 * MiB, 'GB'],
    [MiB, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${(bytes / size).toFixed(1).replace(/\.0$/, '')} ${unit}`;
  }
  return `${bytes} bytes`;
}

function notRegular(label: string, stats: fs.Stats): FileProblem {
  return new FileProblem('not-regular', `${label} is ${describeFileType(stats)}, not a regular file`);
}

function tooLarge(label: string, size: number, limit: SizeLimit): FileProblem {
  return new FileProblem('too-large', `${label} is ${formatSize(size)}, over the ${formatSize(limit.maxBytes)} limit for ${limit.what}`);
}

function grewTooLarge(label: string, limit: SizeLimit): FileProblem {
  return new FileProblem('too-large', `${label} grew past the ${formatSize(limit.maxBytes)} limit for ${limit.what} while it was read`);
}

/** A failed open, explained: a socket, say, fails to open (ENXIO) rather than opening as one. */
function openProblem(file: string, label: string, error: unknown): FileProblem {
  let stats: fs.Stats | undefined;
  try {
    stats = fs.statSync(file);
  } catch {
    // The open's own error says it better.
  }
  if (stats && !stats.isFile()) return notRegular(label, stats);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return new FileProblem(code === 'ENOENT' ? 'missing' : 'unreadable', `cannot read ${label}: ${describeFsError(error)}`);
}

// Absent on Windows, where a FIFO cannot be opened by name anyway.
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** The content of an open regular file, from its start, or undefined once it passes maxBytes. */
function readOpenFile(fd: number, sizeHint: number, maxBytes: number): Buffer | undefined {
  // One byte more than expected, so a file that grew since fstat is noticed.
  let buffer = Buffer.allocUnsafe(Math.min(sizeHint, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return undefined;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const read = fs.readSync(fd, buffer, length, buffer.length - length, length);
    if (read === 0) return buffer.subarray(0, length);
    length += read;
  }
}

export interface RegularFileContent {
  readonly bytes: Buffer;
  /** The file's status when it was read: its mode, and what a later write checks is unchanged. */
  readonly stats: fs.Stats;
}

/**
 * Reads a regular file of at most limit.maxBytes. `label` names it in messages (`'x.md'`,
 * `dictionary 'words.txt'`). Throws FileProblem with a one-line message otherwise.
 */
export function readRegularFile(file: string, label: string, limit: SizeLimit): RegularFileContent {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO with no writer returns at once and fstat can refuse it.
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    throw openProblem(file, label, error);
  }
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw notRegular(label, stats);
    if (stats.size > limit.maxBytes) throw tooLarge(label, stats.size, limit);
    let bytes: Buffer | undefined;
    try {
      bytes = readOpenFile(fd, stats.size, limit.maxBytes);
    } catch (error) {
      throw new FileProblem('unreadable', `cannot read ${label}: ${describeFsError(error)}`);
    }
    if (bytes === undefined) throw grewTooLarge(label, limit);
    return { bytes, stats };
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether `child` is `folder` or lies inside it (both already real, absolute paths). */
export function isInsideFolder(child: string, folder: string): boolean {
  const relative = path.relative(folder, child);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

/** Whether the file at `file` is still the one that was read (same inode, size and mtime). */
function isUnchanged(file: string, read: fs.Stats): boolean {
  const now = fs.statSync(file);
  return now.ino === read.ino && now.dev === read.dev && now.size === read.size && now.mtimeMs === read.mtimeMs;
}

/** Gives the new file the old one's owner too, where the process may (as root); a no-op otherwise. */
function keepOwner(fd: number, original: fs.Stats): void {
  if (process.getuid?.() !== 0) return;
  if (original.uid === 0 && original.gid === 0) return;
  fs.fchownSync(fd, original.uid, original.gid);
}

/**
 * Replaces a regular file's content atomically: a temporary file in the same folder (so the
 * rename stays on one file system) gets the bytes and the old file's mode, then is renamed over
 * it. Readers see the old file or the new one, never a half-written one. `original` is the
 * status from when the file was read; a file that changed since is left alone (FileProblem).
 */
export function writeFileAtomically(file: string, bytes: Uint8Array, original: fs.Stats, label: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.biolens-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temporary, 'wx', 0o600);
    try {
      writeAll(fd, bytes);
      fs.fchmodSync(fd, original.mode & 0o7777);
      keepOwner(fd, original);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (!isUnchanged(file, original)) throw new FileProblem('changed', `${label} changed while it was being checked; it was not rewritten`);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    if (error instanceof FileProblem) throw error;
    throw new FileProblem('unreadable', `cannot write ${label}: ${describeFsError(error)}`);
  }
}

/** The real path of a file's folder, refused unless it is `root` or inside it. */
function realFolderInside(root: string, file: string, label: string): string {
  let realRoot: string;
  let realFolder: string;
  try {
    realRoot = fs.realpathSync(root);
    realFolder = fs.realpathSync(path.dirname(file));
  } catch (error) {
    throw new FileProblem('missing', `cannot write ${label}: ${describeFsError(error)}`);
  }
  if (!isInsideFolder(realFolder, realRoot)) {
    throw new FileProblem('outside', `${label} is in '${realFolder}', outside the folder '${realRoot}'`);
  }
  return realFolder;
}

/** Refuses a target that exists as anything but a regular file; a missing one is fine (created). */
function refuseNonRegularTarget(target: string, label: string): void {
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new FileProblem('unreadable', `cannot write ${label}: ${describeFsError(error)}`);
  }
  if (stats.isSymbolicLink()) throw new FileProblem('not-regular', `${label} is a symbolic link; biolens writes only to regular files`);
  if (!stats.isFile()) throw notRegular(label, stats);
}

function openForAppend(target: string, label: string): number {
  try {
    // O_NOFOLLOW: a link swapped in after the lstat check still fails (ELOOP) instead of being followed.
    return fs.openSync(target, fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new FileProblem('not-regular', `${label} is a symbolic link; biolens writes only to regular files`);
    throw new FileProblem('unreadable', `cannot write ${label}: ${describeFsError(error)}`);
  }
}

/**
 * Appends text to a UTF-8 file in `root` (the real path of its folder must be root's real path
 * or inside it), creating the file when missing. Never follows a symbolic link and never writes
 * to anything but a regular file. `tail` gets the current text and returns what to append, or
 * undefined for nothing. Returns the path written. Throws FileProblem with a one-line message.
 */
export function appendTextInsideFolder(root: string, file: string, label: string, limit: SizeLimit, tail: (current: string) => string | undefined): string {
  const target = path.join(realFolderInside(root, file, label), path.basename(file));
  refuseNonRegularTarget(target, label);
  const fd = openForAppend(target, label);
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw notRegular(label, stats);
    if (stats.size > limit.maxBytes) throw tooLarge(label, stats.size, limit);
    const bytes = readOpenFile(fd, stats.size, limit.maxBytes);
    if (bytes === undefined) throw grewTooLarge(label, limit);
    const addition = tail(new TextDecoder('utf-8').decode(bytes));
    if (addition !== undefined && addition !== '') writeAll(fd, Buffer.from(addition, 'utf8'));
    return target;
  } finally {
    fs.closeSync(fd);
  }
}
