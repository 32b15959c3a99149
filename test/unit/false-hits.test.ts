import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognize } from '../../src/core/recognize/recognizer';
import { termIsIndexed } from '../../src/core/recognize/wordPolicy';
import type { EntityRecord, TermRecord } from '../../src/core/vocabulary/model';
import { realVocabulary } from '../helpers/vocabularies';

/**
 * The classes of false hit a new user met (issue 12), on the committed vocabulary: each test
 * reads sentences as a writer would put them and checks what is and is not recognised.
 */
const vocabulary = realVocabulary();

function recognised(text: string): string[] {
  return recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions.map((m) => `${m.text}:${m.kind}:${m.canonical}`);
}

test('English words that a database lists as some product or pesticide trade name stay words', () => {
  for (const sentence of [
    'The signaling cascade was blocked upstream.',
    'Monitor the cells for an hour.',
    'Fluid balance was neutral.',
    'This adds a new dimension to the model.',
    'Antibodies capture the complex; the results inspire confidence.',
    'Serum starvation should enable a clean baseline.',
  ]) {
    assert.deepEqual(recognised(sentence), [], sentence);
  }
});

test('English-word names of real medicines are still recognised', () => {
  assert.deepEqual(recognised('Aspirin, paracetamol, adrenaline and cocaine.'), [
    'Aspirin:drug:acetylsalicylic acid',
    'paracetamol:drug:acetaminophen',
    'adrenaline:drug:epinephrine',
    'cocaine:drug:cocaine',
  ]);
  // Named so by a second source (MeSH, MedlinePlus, Wikipedia), or formed like a chemical's name,
  // though the record shows no medicine.
  assert.deepEqual(recognised('Pentylenetetrazol and lipopolysaccharide were given.'), [
    'Pentylenetetrazol:drug:pentetrazol',
    'lipopolysaccharide:drug:lipopolysaccharide',
  ]);
  assert.deepEqual(recognised('Ecstasy and marijuana use was recorded.'), ['Ecstasy:drug:midomafetamine', 'marijuana:drug:medical cannabis']);
});

test('foods and animals listed as allergen extracts are not drugs', () => {
  assert.deepEqual(recognised('She keeps chickens and a rabbit, and eats a banana daily.'), []);
});

test('treatments are not drugs: chemotherapy, immunotherapy, nephrectomy', () => {
  assert.deepEqual(recognised('After combination chemotherapy and immunotherapy she had a nephrectomy.'), []);
});

test('numbers are never genes, and a word and a number apart are a name, not a symbol', () => {
  assert.deepEqual(recognised('We counted 219 and 225 cells; clones 2-19 and 2.19 grew.'), []);
  assert.deepEqual(
    recognised('In BIG 1-98 letrozole was compared with tamoxifen in Phase 3.').filter((m) => !m.endsWith(':drug:letrozole') && !m.endsWith(':drug:tamoxifen')),
    [],
  );
});

test("an alias followed by 'cells' names a cell line; an approved symbol keeps its reading", () => {
  assert.deepEqual(recognised('PC3 cells were transfected.'), []);
  assert.deepEqual(recognised('CD4 cells were counted.'), ['CD4:gene:CD4']);
});

test('a protein drug and its gene follow the context', () => {
  assert.deepEqual(recognised('TNF-alpha levels rose.'), ['TNF-alpha:gene:TNF']);
  assert.deepEqual(recognised('Recombinant TNF-alpha was infused.'), ['TNF-alpha:drug:recombinant tumor necrosis factor-alpha']);
  assert.deepEqual(recognised('Interferon signalling was blocked.'), ['Interferon:family:interferons']);
  assert.deepEqual(recognised('NF-κB activation followed.'), ['NF-κB:family:NF-κB']);
});

test('an acronym that abbreviates none of a drug’s names is not that drug: NMDA is not ketamine', () => {
  assert.deepEqual(recognised('The NMDA receptor was blocked.'), []);
  // Acronyms that do abbreviate one of the drug's names stay: dimethyl sulfoxide, all-trans retinoic acid.
  assert.deepEqual(recognised('DMSO and ATRA were added.'), ['DMSO:drug:dimethyl sulfoxide', 'ATRA:drug:tretinoin']);
});

test('the word policy: an English-word synonym needs a record that shows a medicine; a term without a letter is never indexed', () => {
  const pesticide: EntityRecord = { id: 'DB0', kind: 'drug', canonical: 'methamidophos', name: 'Methamidophos', xrefs: { CAS: '10265-92-6' } };
  const medicine: EntityRecord = { id: 'DB1', kind: 'drug', canonical: 'acetaminophen', name: 'Acetaminophen', targets: ['PTGS2'] };
  const synonym = (text: string): TermRecord => ({ text, entity: 0, role: 'synonym', caseSensitive: false });
  assert.equal(termIsIndexed(synonym('MONITOR'), pesticide, true), false);
  assert.equal(termIsIndexed(synonym('Paracetamol'), medicine, true), true);
  assert.equal(termIsIndexed({ ...synonym('Monitor'), attested: true }, pesticide, true), true);
  assert.equal(termIsIndexed({ text: 'Methamidophos', entity: 0, role: 'generic', caseSensitive: false }, pesticide, false), true);
  const gene: EntityRecord = { id: 'HGNC:3238', kind: 'gene', canonical: 'EGR1', name: 'early growth response 1' };
  assert.equal(termIsIndexed({ text: '225', entity: 0, role: 'alias', caseSensitive: true }, gene, false), false);
});
