import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileVocabulary } from '../../src/core/vocabulary/compile';
import { dataFiles } from '../../src/core/vocabulary/lexicon';
import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { loadVocabulary, type Vocabulary } from '../../src/core/vocabulary/vocabulary';

/** The vocabulary committed in data/, as the CLI and the extension load it. */
export const dataDir = path.resolve(__dirname, '..', '..', 'data');

export function realVocabulary(): Vocabulary {
  return loadVocabulary(dataDir);
}

/** Compiles a small model into a temporary data folder and loads it like the real one. */
export function fixtureVocabulary(model: VocabularyModel, englishWords: string[] = []): { vocabulary: Vocabulary; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biolens-vocab-'));
  const compiled = compileVocabulary(model, englishWords, 'fixture');
  fs.writeFileSync(path.join(dir, dataFiles.packed), compiled.packed);
  fs.writeFileSync(path.join(dir, dataFiles.keys), compiled.keys);
  fs.writeFileSync(path.join(dir, dataFiles.entities), compiled.entities);
  fs.writeFileSync(path.join(dir, dataFiles.drugNames), compiled.drugNames);
  return { vocabulary: loadVocabulary(dir), dir };
}
