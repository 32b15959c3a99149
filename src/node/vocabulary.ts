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
  return vocabularyFromBytes(
    { packed: read(dataFiles.packed), keys: read(dataFiles.keys), entities: read(dataFiles.entities), drugNames: read(dataFiles.drugNames) },
    dataDir,
  );
}
