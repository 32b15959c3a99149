/**
 * Training sequences of the annotated corpora: each document tokenised as the tagger tokenises
 * prose, its features computed with the vocabulary's own matches (as at run time), and its gold
 * spans as BIOES tags. A gold span that starts or ends inside a token claims the whole token.
 */
import { tokenFeatures, type DictionaryMatch } from '../../src/core/tagger/features';
import { Tag } from '../../src/core/tagger/model';
import { tokenize } from '../../src/core/tagger/tokens';
import { recognize } from '../../src/core/recognize/recognizer';
import type { Vocabulary } from '../../src/core/vocabulary/vocabulary';
import type { WordClasses } from '../../src/core/tagger/wordClasses';
import type { EvalDocument } from '../eval/corpora';
import type { TrainingSequence } from './perceptron';

/** The vocabulary's matches in a whole text, as the tagger's dictionary features read them. */
export function dictionaryMatches(text: string, vocabulary: Vocabulary): DictionaryMatch[] {
  return recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions;
}

export function trainingSequence(document: EvalDocument, vocabulary: Vocabulary, bucketCount: number, wordClasses: WordClasses): TrainingSequence {
  const tokens = tokenize(document.text);
  const features = tokenFeatures(document.text, tokens, dictionaryMatches(document.text, vocabulary), bucketCount, wordClasses);
  const gold = new Uint8Array(tokens.count);
  for (const span of document.gold) {
    let first = -1;
    let last = -1;
    for (let t = 0; t < tokens.count; t++) {
      if (tokens.ends[t] <= span.start || tokens.starts[t] >= span.end) continue;
      // Nested or touching gold spans: the first one to claim a token keeps it.
      if (gold[t] !== Tag.Outside) break;
      if (first < 0) first = t;
      last = t;
    }
    if (first < 0) continue;
    if (first === last) gold[first] = Tag.Single;
    else {
      gold[first] = Tag.Begin;
      gold.fill(Tag.Inside, first + 1, last);
      gold[last] = Tag.End;
    }
  }
  return { tokenCount: tokens.count, features, gold };
}
