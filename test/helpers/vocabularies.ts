import * as path from 'node:path';
import { compileVocabulary, type CompiledVocabulary } from '../../src/core/vocabulary/compile';
import { compileKnowledge, type EntityKnowledge } from '../../src/core/vocabulary/knowledge';
import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { vocabularyFromBytes, type Vocabulary, type VocabularyBytes } from '../../src/core/vocabulary/vocabulary';
import { loadVocabulary } from '../../src/node/vocabulary';
import { loadTagger } from '../../src/node/tagger';
import type { Tagger } from '../../src/core/tagger/tagger';

/** The vocabulary committed in data/, as the CLI and the extension load it. */
export const dataDir = path.resolve(__dirname, '..', '..', 'data');

export function realVocabulary(): Vocabulary {
  return loadVocabulary(dataDir);
}

/** A compiled vocabulary's files as bytes, the way a host hands them to the core. */
export function compiledBytes(compiled: CompiledVocabulary): VocabularyBytes {
  const encode = (text: string) => new TextEncoder().encode(text);
  return {
    packed: compiled.packed,
    lookupIndexes: compiled.lookupIndexes,
    keys: encode(compiled.keys),
    entities: encode(compiled.entities),
    essentials: encode(compiled.essentials),
    drugNames: encode(compiled.drugNames),
  };
}

/**
 * Compiles a small model in memory and loads it the way the real one is loaded; with `knowledge`
 * (records for some of its entities), the knowledge section too.
 */
export function fixtureVocabulary(
  model: VocabularyModel,
  englishWords: string[] = [],
  knowledge?: EntityKnowledge[],
): { vocabulary: Vocabulary; bytes: VocabularyBytes } {
  const compiled = compiledBytes(compileVocabulary(model, englishWords, 'fixture'));
  const bytes: VocabularyBytes = knowledge
    ? { ...compiled, knowledge: compileKnowledge(model.entities, new Map(knowledge.map((k) => [k.id, k])), { inputs: {}, settings: {} }) }
    : compiled;
  return { vocabulary: vocabularyFromBytes(bytes, 'fixture'), bytes };
}

/** The tagger models committed in data/tagger/, as the CLI and the extension load them. */
export function realTagger(): Tagger {
  const { tagger } = loadTagger(dataDir);
  if (!tagger) throw new Error('no tagger models in data/tagger: run npm run train:tagger -- <corpora dir>');
  return tagger;
}
