import { createLanguageService, type BiolensSettings, type LanguageService } from '../core';
import { loadTagger } from '../node/tagger';
import { loadVocabulary } from '../node/vocabulary';

/**
 * The language service over the vocabulary and tagger in `dataDir`, or a one-line reason it
 * failed. `note` hears once why there is no tagger (recognition is then the vocabulary's alone);
 * worker threads pass none, since the main thread has said it.
 */
export async function startService(
  dataDir: string,
  settings: BiolensSettings | undefined,
  note?: (message: string) => void,
): Promise<LanguageService | string> {
  try {
    const vocabulary = await loadVocabulary(dataDir);
    const tagger = loadTagger(dataDir);
    if (tagger.note) note?.(tagger.note);
    return createLanguageService({ vocabulary, tagger: tagger.tagger, settings });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `cannot load the vocabulary or tagger from '${dataDir}': ${reason}`;
  }
}
