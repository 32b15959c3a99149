import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, resolveSettings } from '../../src/core';
import { neverCancelled } from '../../src/core/types';
import { realVocabulary } from '../helpers/vocabularies';

// Drug names however they are written: brands, accepted synonyms, recorded misspellings and
// foreign forms, checked with the committed vocabulary.

const vocabulary = realVocabulary();
const analyse = async (text: string, settings?: Parameters<typeof resolveSettings>[0]) =>
  (await createLanguageService({ vocabulary, settings: resolveSettings(settings) }).analyze({ uri: 'file:///forms.md', version: 1, text }, neverCancelled))
    .findings;

test('a slip of a brand suggests the brand, as the brand is written', async () => {
  const [finding] = await analyse('The patient was restarted on Keytrudda after the pause.\n');
  assert.equal(finding?.code, 'drug-misspelling');
  assert.equal(finding.data.suggestions[0], 'Keytruda');
});

test('a slip of an accepted synonym suggests that synonym, and the synonym itself is clean', async () => {
  const [finding] = await analyse('Tuberculosis was treated with rifampicn and isoniazid.\n');
  assert.equal(finding?.data.suggestions[0]?.toLowerCase(), 'rifampicin');
  assert.deepEqual(await analyse('Tuberculosis was treated with rifampicin and isoniazid.\n'), []);
});

test('a recorded misspelling is flagged with the standard name, and still names the drug', async () => {
  const [finding] = await analyse('Dexamethazone was given before the infusion.\n');
  assert.equal(finding?.code, 'drug-misspelling');
  assert.match(finding.message, /recorded misspelling of dexamethasone/);
  assert.equal(finding.data.suggestions[0], 'Dexamethasone');
  assert.equal(finding.data.writtenId, 'DB01234');
});

test('a foreign form is pointed out in English notes only', async () => {
  const text = 'Die Patientin erhielt Letrozol und tamoxifene.\n';
  assert.deepEqual(
    (await analyse(text)).map((f) => `${f.code} ${f.data.suggestions[0]}`),
    ['drug-spelling-variant Letrozole', 'drug-spelling-variant tamoxifen'],
  );
  assert.deepEqual(await analyse(text, { language: 'de' }), []);
});
