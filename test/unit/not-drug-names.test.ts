import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, neverCancelled } from '../../src/core';
import { realTagger, realVocabulary } from '../helpers/vocabularies';

/**
 * Words real abstracts are full of that no word list holds and that are near some drug's name,
 * on the committed vocabulary and tagger: drug-misspelling warned on each of these sentences'
 * words before (Heparin?, Adenock?, Microx?, Americaine?, neuroprotection?, glutaral?, novocaine?).
 */
const service = createLanguageService({ vocabulary: realVocabulary(), tagger: realTagger() });

async function slipsIn(text: string): Promise<string[]> {
  const { findings } = await service.analyze({ uri: 'file:///notes/abstract.md', version: 1, text }, neverCancelled);
  return findings.filter((f) => f.code === 'drug-misspelling').map((f) => f.text);
}

test('a piece of a longer name the tagger reads is no drug-name slip: heparan sulfate, gamma-glutamyl transpeptidase', async () => {
  assert.deepEqual(await slipsIn('Heparan sulfate proteoglycans bind heparin in the matrix.'), []);
  assert.deepEqual(await slipsIn('Serum gamma-glutamyl transpeptidase was raised.'), []);
  // A salt, a dose or a member's numeral beside a slip leaves it a slip.
  assert.deepEqual(await slipsIn('Patients received nalozone hydrochloride 0.4 mg. Angiotension II rose.'), ['nalozone', 'Angiotension']);
});

test('units, combining forms, demonyms and derived English words are no drug-name slips', async () => {
  assert.deepEqual(await slipsIn('Rats received 4 microg/kg of naloxone.'), []);
  assert.deepEqual(await slipsIn('Adeno-associated virus vectors were used.'), []);
  assert.deepEqual(await slipsIn('American patients were enrolled in Maryland.'), []);
  assert.deepEqual(await slipsIn('The neuroprotective effect was lost; predose levels were low.'), []);
  // A slip that happens to end like a derived word is still one: 'adder' + 'al'.
  assert.deepEqual(await slipsIn('She was given Adderal in the morning.'), ['Adderal']);
  // Nor is a brand written in the plural: 'Eliquiss' is a slip, not two Eliquis.
  assert.deepEqual(await slipsIn('He was given Eliquiss yesterday.'), ['Eliquiss']);
});

test("a drug's metabolite or analogue named from the drug's whole name is no slip of it: norcocaine, doxorubicinol", async () => {
  assert.deepEqual(await slipsIn('Cocaine is metabolised to norcocaine, and doxorubicin to doxorubicinol.'), []);
  // A slip that changes the name is still one.
  assert.deepEqual(await slipsIn('Doxorubcin and cocane were given.'), ['Doxorubcin', 'cocane']);
});
