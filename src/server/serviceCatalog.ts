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
 * the whole catalogue is dropped whenever a dictionary or a setting may have changed.
 */
export class ServiceCatalog {
  private readonly services = new LruMap<string, LanguageService>(maxServices);
  /** Counts drops, so that a service built from dictionaries that changed while they were read is not kept. */
  private generation = 0;

  constructor(private readonly yieldToHost: YieldToHost) {}

  async serviceFor(
    vocabulary: Vocabulary,
    tagger: Tagger | undefined,
    settings: EditorSettings,
    folder: string | undefined,
    readWords: () => Promise<readonly string[]>,
  ): Promise<LanguageService> {
    const key = JSON.stringify([settings.core, folder ?? '', settings.dictionaries]);
    const known = this.services.get(key);
    if (known) return known;
    const generation = this.generation;
    const words = await readWords();
    const built = this.services.get(key);
    if (built) return built;
    const core = { ...settings.core, ignoredWords: settings.core.ignoredWords.concat(words) };
    const service = createLanguageService({ vocabulary, tagger, settings: core, yieldToHost: this.yieldToHost });
    // Dictionaries that changed while these were read: answer this request, keep nothing.
    if (generation === this.generation) this.services.set(key, service);
    return service;
  }

  all(): IterableIterator<LanguageService> {
    return this.services.values();
  }

  /** Drops every service (with its caches): settings or dictionaries may have changed. */
  drop(): void {
    this.services.clear();
    this.generation++;
  }
}
