import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, type LanguageService } from '../../src/core';
import { neverCancelled, type DocumentAnalysis, type TextDocumentInput } from '../../src/core/types';
import { realTagger, realVocabulary } from '../helpers/vocabularies';
import { readScenario, scenarioFiles } from '../scenarios/scenarios';

// An edited note keeps what earlier analyses found (each prose run's terms and words, the rules'
// judgements of words and drugs, what the note is about): whatever the edits, the editor must show
// what `biolens check` shows for the same text.

const vocabulary = realVocabulary();
const tagger = realTagger();

/** A seeded generator, so that a failure names the edit that caused it. */
function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

const wordPattern = /[A-Za-z][A-Za-z-]{3,}/g;

/** One random edit of the kinds writers make: a typo, a deleted word, a word written again elsewhere, a paragraph moved or dropped. */
function edit(text: string, random: (below: number) => number): { text: string; what: string } {
  const at = random(text.length);
  const words = [...text.matchAll(wordPattern)];
  const word = words[random(words.length)];
  const paragraphs = text.split('\n\n');
  switch (random(6)) {
    case 0:
      return { text: text.slice(0, at) + 'abcdefghijklmnopqrstuvwxyz'[random(26)] + text.slice(at), what: `letter typed at ${at}` };
    case 1:
      return { text: text.slice(0, at) + text.slice(at + 1), what: `character deleted at ${at}` };
    case 2:
      return { text: text.slice(0, word.index) + text.slice(word.index + word[0].length), what: `'${word[0]}' deleted` };
    case 3: {
      const other = words[random(words.length)];
      const start = other.index;
      return { text: text.slice(0, start) + word[0] + text.slice(start + other[0].length), what: `'${other[0]}' overwritten with '${word[0]}'` };
    }
    case 4: {
      const k = random(paragraphs.length);
      return { text: [...paragraphs.slice(0, k), ...paragraphs.slice(k + 1)].join('\n\n'), what: `paragraph ${k} deleted` };
    }
    default: {
      const k = random(paragraphs.length);
      const to = random(paragraphs.length);
      const moved = [...paragraphs];
      moved.splice(to, 0, paragraphs[k]);
      return { text: moved.join('\n\n'), what: `paragraph ${k} copied to ${to}` };
    }
  }
}

function comparable(analysis: DocumentAnalysis): Omit<DocumentAnalysis, 'uri' | 'version'> {
  return { entities: analysis.entities, findings: analysis.findings };
}

test('after each of many random edits, the kept analysis finds exactly what a fresh one finds', async () => {
  const notes = scenarioFiles().map((file) => readScenario(file).text);
  const service = createLanguageService({ vocabulary, tagger });
  // Two notes share the service, as open editors do: one note's kept judgements are tested in the other.
  const documents: TextDocumentInput[] = [
    { uri: 'file:///clinic.md', version: 1, text: notes.slice(0, notes.length >> 1).join('\n\n') },
    { uri: 'file:///lab.md', version: 1, text: notes.slice(notes.length >> 1).join('\n\n') },
  ];
  const random = seededRandom(20261202);
  const fresh = async (document: TextDocumentInput) => comparable(await createLanguageService({ vocabulary, tagger }).analyze(document, neverCancelled));
  const analyzed = async (kept: LanguageService, document: TextDocumentInput) => comparable(await kept.analyze(document, neverCancelled));
  for (const document of documents) assert.deepEqual(await analyzed(service, document), await fresh(document));
  let findings = 0;
  for (let n = 1; n <= 60; n++) {
    const k = random(documents.length);
    const { text, what } = edit(documents[k].text, random);
    documents[k] = { uri: documents[k].uri, version: documents[k].version + 1, text };
    const expected = await fresh(documents[k]);
    assert.deepEqual(await analyzed(service, documents[k]), expected, `edit ${n} of ${documents[k].uri}: ${what}`);
    findings += expected.findings.length;
  }
  assert.ok(findings > 0, 'the edited notes have findings to compare');
});
