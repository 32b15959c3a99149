import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCuratedOverlay } from '../../scripts/data/curatedFiles';
import { createLanguageService } from '../../src/core';
import { recognize } from '../../src/core/recognize/recognizer';
import { termKeyPrefixes } from '../../src/core/vocabulary/normalize';
import { dataDir, realVocabulary } from '../helpers/vocabularies';

/** The schema check of the hand-curated cards, run on the committed overlay and data/. */
const curatedDir = path.join(dataDir, 'curated');
const overlay = readCuratedOverlay(curatedDir);
const ambiguous = JSON.parse(fs.readFileSync(path.join(curatedDir, 'ambiguous.json'), 'utf8')) as Record<
  string,
  { readings: string[]; chosen?: string; why: string }
>;
const vocabulary = realVocabulary();

test('the overlay validates: unique ids, known kinds, existing citations and related cards', () => {
  assert.deepEqual(overlay.problems, []);
  assert.ok(overlay.cards.length >= 50);
});

test('every citation is well formed: PMID digits or a DOI, title, journal, year, and where it was verified', () => {
  for (const [key, c] of Object.entries(overlay.citations)) {
    if (c.pmid) assert.match(c.pmid, /^\d{1,9}$/, key);
    if (c.doi) assert.match(c.doi, /^10\.\d{4,9}\/\S+$/, key);
    assert.ok(c.year >= 1950 && c.year <= 2026, `${key} year ${c.year}`);
    assert.ok(c.verified.length > 10, `${key} says where it was verified`);
  }
});

test('every curated card has a summary of two to four sentences and context words', () => {
  for (const card of overlay.cards) {
    assert.ok(card.summary, `${card.id} has a summary`);
    const sentences = card.summary.split(/(?<=[.!?])\s+(?=[A-Z0-9(])/).length;
    assert.ok(sentences >= 2 && sentences <= 5, `${card.id}: ${sentences} sentences`);
    assert.ok((card.context ?? []).length >= 3, `${card.id} has context words`);
  }
});

test('every synonym resolves to its own card, or is listed as ambiguous with its readings', () => {
  const wrong: string[] = [];
  for (const card of overlay.cards) {
    for (const form of [card.canonical, ...(card.synonyms ?? []), ...(card.codes ?? []), ...(card.brands ?? [])]) {
      const entry = ambiguous[form];
      if (entry) {
        assert.ok(entry.readings.includes(card.id), `${form}: ambiguous.json lists ${card.id} among its readings`);
        continue;
      }
      // Forms with other punctuation ('ICI 182,780') are shown on the card but cannot be recognised.
      if (!termKeyPrefixes(form, false)) continue;
      const mentions = recognize(form, [{ start: 0, end: form.length }], vocabulary).mentions;
      const whole = mentions.length === 1 && mentions[0].start === 0 && mentions[0].end === form.length ? mentions[0] : undefined;
      if (whole?.id !== card.id) wrong.push(`${form} → ${whole ? whole.id : 'nothing'} (card ${card.id})`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('ambiguous forms say why, and the reading chosen is one of them', () => {
  for (const [form, entry] of Object.entries(ambiguous)) {
    assert.ok(entry.readings.length >= 2, form);
    assert.ok(entry.why.length > 20, form);
    if (entry.chosen) {
      assert.ok(entry.readings.includes(entry.chosen), form);
      const mentions = recognize(form, [{ start: 0, end: form.length }], vocabulary).mentions;
      assert.equal(mentions[0]?.id, entry.chosen, `${form} reads as ${entry.chosen}`);
    }
  }
});

test('hover cards of curated and generated entities', () => {
  const service = createLanguageService({ vocabulary });
  const curated = overlay.cards.filter((c) => c.citations?.length).slice(0, 8);
  for (const card of curated) {
    const markdown = service.explain(card.canonical);
    assert.ok(markdown, card.canonical);
    assert.match(markdown, /Curated card/, card.canonical);
    assert.match(markdown, /\*\*References\*\*/, card.canonical);
  }
  for (const term of ['BRAF', 'KRAS', 'ibuprofen', 'metformin'])
    assert.match(service.explain(term) ?? '', /_Generated from .*; no curated summary yet\._/, term);
});
