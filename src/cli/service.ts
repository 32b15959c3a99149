import { createLanguageService, type BiolensSettings, type LanguageService } from '../core';
import { loadVocabulary } from '../node/vocabulary';

/** The language service over the vocabulary in `dataDir`, or a one-line reason it failed. */
export async function startService(dataDir: string, settings: BiolensSettings | undefined): Promise<LanguageService | string> {
  try {
    const vocabulary = await loadVocabulary(dataDir);
    return createLanguageService({ vocabulary, settings });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `cannot load the vocabulary from '${dataDir}': ${reason}`;
  }
}
