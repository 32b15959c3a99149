import * as path from 'node:path';
import { compileVocabulary, type CompiledVocabulary } from '../../src/core/vocabulary/compile';
import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { vocabularyFromBytes, type Vocabulary, type VocabularyBytes } from '../../src/core/vocabulary/vocabulary';
import { loadVocabulary } from '../../src/node/vocabulary';

/** The vocabulary committed in data/, as the CLI and the extension load it. */
export const dataDir = path.resolve(__dirname, '..', '..', 'data');

export function realVocabulary(): Vocabulary {
  return loadVocabulary(dataDir);
}

/** A compiled vocabulary's files as bytes, the way a host hands them to the core. */
export function compiledBytes(compiled: CompiledVocabulary): VocabularyBytes {
  const encode = (text: string) => new TextEncoder().encode(text);
  return { packed: compiled.packed, keys: encode(compiled.keys), entities: encode(compiled.entities), drugNames: encode(compiled.drugNames) };
}

/** Compiles a small model in memory and loads it the way the real one is loaded. */
export function fixtureVocabulary(model: VocabularyModel, englishWords: string[] = []): { vocabulary: Vocabulary; bytes: VocabularyBytes } {
  const bytes = compiledBytes(compileVocabulary(model, englishWords, 'fixture'));
  return { vocabulary: vocabularyFromBytes(bytes, 'fixture'), bytes };
}
