import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataFiles } from '../core/vocabulary/lexicon';
import type { ByteSource } from '../core/vocabulary/packed';
import { vocabularyFromBytes, VocabularyLoadError, type Vocabulary } from '../core/vocabulary/vocabulary';

/**
 * Loads the vocabulary from a data folder built by `npm run build:data` (the CLI's and the
 * server's way). The index files are read whole; the entity records and the cards' knowledge are
 * read a record at a time, when a mention or a card needs one, so neither is held in memory.
 */
export function loadVocabulary(dataDir: string): Vocabulary {
  const read = (name: string): Uint8Array => {
    const file = path.join(dataDir, name);
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new VocabularyLoadError(`cannot read vocabulary file ${file}: ${(error as Error).message}`);
    }
  };
  const entitiesFile = path.join(dataDir, dataFiles.entities);
  const entities = fileSource(entitiesFile);
  if (!entities) throw new VocabularyLoadError(`cannot read vocabulary file ${entitiesFile}: it is missing or not a regular file`);
  // The knowledge file is optional: without it cards show identifiers only.
  const knowledge = fileSource(path.join(dataDir, dataFiles.knowledge));
  return vocabularyFromBytes(
    {
      packed: read(dataFiles.packed),
      lookupIndexes: read(dataFiles.lookupIndexes),
      keys: read(dataFiles.keys),
      entities,
      drugNames: read(dataFiles.drugNames),
      knowledge,
    },
    dataDir,
  );
}

/**
 * Closes the descriptors of file sources no vocabulary holds any more (a test or a reload drops
 * one); a process's own vocabulary keeps its descriptors for as long as it runs.
 */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed: nothing to release.
  }
});

/**
 * A regular file read on demand, or undefined when there is none. The file is opened once, on
 * the first read, and each read is positional on that descriptor: an analysis reads thousands of
 * records, and an open and a close per record cost more than the read. The descriptor also
 * keeps reading the file the offsets were taken from when a rebuild replaces it on disk.
 */
function fileSource(file: string): ByteSource | undefined {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return undefined;
    size = stat.size;
  } catch {
    return undefined;
  }
  let fd: number | undefined;
  const source: ByteSource = {
    size,
    readAt: (offset, length) => {
      if (fd === undefined) {
        fd = fs.openSync(file, 'r');
        openFiles.register(source, fd);
      }
      return readAt(fd, offset, length);
    },
  };
  return source;
}

/** `length` bytes at `offset` of an open file (fewer at its end). */
function readAt(fd: number, offset: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const read = fs.readSync(fd, bytes, 0, length, offset);
  return read === length ? bytes : bytes.subarray(0, read);
}
