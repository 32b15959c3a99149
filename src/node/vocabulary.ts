import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataFiles } from '../core/vocabulary/lexicon';
import { vocabularyFromBytes, VocabularyLoadError, type Vocabulary } from '../core/vocabulary/vocabulary';

/** Loads the vocabulary from a data folder built by `npm run build:data` (the CLI's and the server's way). */
export function loadVocabulary(dataDir: string): Vocabulary {
  const read = (name: string): Uint8Array => {
    const file = path.join(dataDir, name);
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new VocabularyLoadError(`cannot read vocabulary file ${file}: ${(error as Error).message}`);
    }
  };
  // The knowledge file is read a record at a time, when a card is shown; it is optional: without it cards show identifiers only.
  const knowledgeFile = path.join(dataDir, dataFiles.knowledge);
  const knowledge = fs.existsSync(knowledgeFile) ? { readAt: (offset: number, length: number) => readAt(knowledgeFile, offset, length) } : undefined;
  return vocabularyFromBytes(
    { packed: read(dataFiles.packed), keys: read(dataFiles.keys), entities: read(dataFiles.entities), drugNames: read(dataFiles.drugNames), knowledge },
    dataDir,
  );
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
