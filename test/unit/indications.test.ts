import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentWords, indicationPoints, ProseContentWords } from '../../src/core/findings/indications';
import { createLanguageService, neverCancelled } from '../../src/core';
import { realVocabulary } from '../helpers/vocabularies';

// How a note is judged to speak of what a drug treats (the look-alike rule for drugs without a
// curated card): British and plural forms and the words for cancer meet the sources' wording.

test('content words bring spellings, plurals and the words for cancer together, and leave general words out', () => {
  assert.deepEqual(contentWords('Oedema in women with metastatic breast tumours'), ['edema', 'female', 'breast', 'cancer']);
  assert.deepEqual(contentWords('haemoglobin levels and the colour of stools'), ['hemoglobin', 'level', 'color', 'stool']);
  // Words that name properties of plain objects are words like any other.
  assert.deepEqual(contentWords('constructor toString valueOf'), ['constructor', 'tostring', 'valueof']);
});

test('an indication is spoken of when the note has its content words', () => {
  const note = new Set(contentWords('Adults with type 2 diabetes mellitus and hypertension were enrolled.'));
  assert.equal(indicationPoints('Type 2 diabetes mellitus', note), 2);
  assert.equal(indicationPoints('hypertension', note), 1);
  assert.equal(indicationPoints('Metastatic breast carcinoma', note), 0);
});

test("a clinician's words for a condition meet the indication that names it: blood pressure, hypertensive, diabetic", () => {
  assert.deepEqual(contentWords('hydralazine for blood pressure in pregnancy'), ['hydralazine', 'blood', 'pressure', 'hypertension', 'pregnancy']);
  const note = new Set(contentWords('Hypertensive and diabetic patients were seen.'));
  assert.equal(indicationPoints('hypertension', note), 1);
  assert.equal(indicationPoints('diabetes', note), 1);
});

test('a drug given for its own indication in a note of many conditions is no look-alike slip: hydralazine for blood pressure', async () => {
  const service = createLanguageService({ vocabulary: realVocabulary() });
  const text =
    'Bed 9: heart failure, furosemide 80 mg IV twice daily, spironolactone added.\n\nBed 16: hydroxyzine for itch; hydralazine for blood pressure in pregnancy.\n';
  const { findings } = await service.analyze({ uri: 'file:///handover.md', version: 1, text }, neverCancelled);
  assert.deepEqual(
    findings.map((f) => `${f.code} ${f.text}`),
    [],
  );
});

test("a note's prose content words are those of its runs, and follow its edits", () => {
  const words = new ProseContentWords();
  // Each paragraph a run, as the prose extractor gives them.
  const runs = (text: string) => [...text.matchAll(/[^\n]+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const candidates = ['clinic', 'edema', 'failure', 'heart', 'hypertension', 'patient'];
  const present = (text: string) => {
    const read = words.of(text, runs(text));
    return candidates.filter((w) => read.has(w));
  };
  const before = 'Heart failure clinic.\n\nPatients with oedema.\n\nHeart failure clinic.';
  assert.deepEqual(present(before), ['clinic', 'edema', 'failure', 'heart']);
  const first = words.of(before, runs(before)).generation;
  // One of two copies of a run removed: its words stay; the run with oedema rewritten: edema goes.
  const after = 'Heart failure clinic.\n\nPatients with hypertension.';
  assert.deepEqual(present(after), ['clinic', 'failure', 'heart', 'hypertension']);
  assert.deepEqual([...(words.changedSince(first) ?? [])].sort(), ['edema', 'hypertension']);
});
