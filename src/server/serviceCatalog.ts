import { createLanguageService, type LanguageService } from '../core';
import type { YieldToHost } from '../core/steps';
import { LruMap } from '../core/util/collections';
import type { Vocabulary } from '../core/vocabulary/vocabulary';
import type { Tagger } from '../core/tagger/tagger';
import type { EditorSettings } from './editorSettings';

/** How many distinct settings (each with its own service and caches) are kept at once. */
const maxServices = 8;

/**
 * One language service per distinct settings and dictionary folder, built on first use. Keyed by
 * where the dictionary words come from, not by the words (a dictionary may hold 100k of them);
 * the whole catalogue is dropped whenever a dictionary or a setting may have changed, or the
 * vocabulary is replaced (the browser's, once the cards' knowledge has come).
 */
export class ServiceCatalog {
  private readonly services = new LruMap<string, LanguageService>(maxServices);
  /** Counts drops (settings or dictionaries changed), so that a service built from dictionaries that changed while they were read is not kept. */
  private dropped = 0;
  private current: Vocabulary | undefined;
  private tagger: Tagger | undefined;

  constructor(private readonly yieldToHost: YieldToHost) {}

  get vocabulary(): Vocabulary | undefined {
    return this.current;
  }

  /**
   * Serves from this vocabulary (and tagger: without one, recognition is the vocabulary's alone)
   * from now on; services built on the one before are dropped.
   */
  useVocabulary(vocabulary: Vocabulary, tagger: Tagger | undefined): void {
    this.current = vocabulary;
    this.tagger = tagger;
    // Not a drop: the words being read are still the dictionaries' (a service is built on the vocabulary current then).
    this.services.clear();
  }

  /** Counts the drops: a caller that reads dictionary words before asking for a service says from which generation they are. */
  get generation(): number {
    return this.dropped;
  }

  /**
   * The service for these settings and dictionary folder, built with the words `readWords` gives if
   * there is none yet. `since`: the generation the words were read in, when their read began
   * before this call; a service built on words read before a drop is not kept.
   */
  async serviceFor(
    settings: EditorSettings,
    folder: string | undefined,
    readWords: () => Promise<readonly string[]>,
    since = this.dropped,
  ): Promise<LanguageService> {
    const key = JSON.stringify([settings.core, folder ?? '', settings.dictionaries]);
    const known = this.services.get(key);
    if (known) return known;
    const generation = since;
    const words = await readWords();
    const built = this.services.get(key);
    if (built) return built;
    // The vocabulary as it is now, not as it was when the request came: the caller's awaits
    // (settings, dictionaries) may have spanned a replacement, and a service kept on the old one
    // would never show what the new one adds.
    const vocabulary = this.current;
    if (!vocabulary) throw new Error('biolens: the server is not initialised');
    const core = { ...settings.core, ignoredWords: settings.core.ignoredWords.concat(words) };
    const service = createLanguageService({ vocabulary, tagger: this.tagger, settings: core, yieldToHost: this.yieldToHost });
    // Dictionaries that changed while these were read: answer this request, keep nothing.
    if (generation === this.dropped) this.services.set(key, service);
    return service;
  }

  all(): IterableIterator<LanguageService> {
    return this.services.values();
  }

  /** Drops every service (with its caches): settings or dictionaries may have changed. */
  drop(): void {
    this.services.clear();
    this.dropped++;
  }
}
