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

/** A regular file read on demand, or undefined when there is none. */
function fileSource(file: string): ByteSource | undefined {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return undefined;
    size = stat.size;
  } catch {
    return undefined;
  }
  return { size, readAt: (offset, length) => readAt(file, offset, length) };
}

/** `length` bytes at `offset` of a file (fewer at its end). */
function readAt(file: string, offset: number, length: number): Uint8Array {
  const fd = fs.openSync(file, 'r');
  try {
    const bytes = new Uint8Array(length);
    const read = fs.readSync(fd, bytes, 0, length, offset);
    return read === length ? bytes : bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}
