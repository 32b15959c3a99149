import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, resolveSettings } from '../../src/core';
import { renderCard } from '../../src/core/cards/card';
import { realVocabulary } from '../helpers/vocabularies';
import { neverCancelled } from '../../src/core/types';

const service = createLanguageService({ vocabulary: realVocabulary() });

test('a curated drug card has what it is, how it works, identifiers with links and real citations', () => {
  const card = service.explain('Femara');
  assert.ok(card);
  assert.match(card, /\*\*Letrozole\*\* · drug · `DB01006`/);
  assert.match(card, /aromatase/i);
  assert.match(card, /\[DrugBank DB01006\]\(https:\/\/go\.drugbank\.com\/drugs\/DB01006\)/);
  assert.match(card, /\[PMID \d+\]\(https:\/\/pubmed\.ncbi\.nlm\.nih\.gov\/\d+\/\)/);
  assert.match(card, /Curated card/);
});

test('a gene card links HGNC, NCBI Gene and UniProt', () => {
  const card = service.explain('HER-2/neu');
  assert.ok(card);
  assert.match(card, /\*\*ERBB2\*\* · gene \/ protein · `HGNC:3430`/);
  assert.match(card, /\[NCBI Gene 2064\]\(https:\/\/www\.ncbi\.nlm\.nih\.gov\/gene\/2064\)/);
  assert.match(card, /\[UniProt P04626\]/);
});

test('a biomarker card names the gene it measures', () => {
  const card = service.explain('Ki-67 index');
  assert.ok(card);
  assert.match(card, /biomarker/);
  assert.match(card, /\*\*Gene:\*\* MKI67 \(HGNC:7107\)/);
});

test('an entity without a curated card still gets a generated one, naming its sources', () => {
  const card = service.explain('BRAF');
  assert.ok(card);
  assert.match(card, /B-Raf proto-oncogene/);
  assert.match(card, /NCBI RefSeq summary/);
  assert.match(card, /_Generated from HGNC, NCBI RefSeq and NCBI gene2pubmed; no curated summary yet\._/);
});

test('an unknown term has no card', () => {
  assert.equal(service.explain('florbazzle'), undefined);
  assert.equal(service.explain('   '), undefined);
});

test('names from data cannot inject markdown into a card', () => {
  const card = renderCard({ id: 'X', kind: 'drug', canonical: 'x', name: 'Evil](https://example.org) *bold*' });
  assert.doesNotMatch(card, /(?<!\\)\](?=\()/, 'no unescaped ]( that would make a link');
  assert.match(card, /\\\*bold\\\*/);
});

test('hover shows the card of the entity under the cursor, or the finding with its best suggestion', async () => {
  const text = 'Patients on letrozole with HER2 tumours; one took anastrazole.';
  const doc = { uri: 'file:///hover.md', version: 1, text };
  const onDrug = await service.hover(doc, text.indexOf('letrozole') + 3, neverCancelled);
  assert.ok(onDrug);
  assert.equal(text.slice(onDrug.start, onDrug.end), 'letrozole');
  assert.match(onDrug.markdown, /DB01006/);
  const onTypo = await service.hover(doc, text.indexOf('anastrazole') + 1, neverCancelled);
  assert.ok(onTypo);
  // The editor shows the finding's message above the card; the card is the drug likely meant.
  assert.match(onTypo.markdown, /^\*likely meant:\* \*\*Anastrozole\*\* · drug/);
  assert.doesNotMatch(onTypo.markdown, /drug-misspelling/);
  assert.equal(await service.hover(doc, text.indexOf('Patients'), neverCancelled), undefined);
});

test('cards can be turned off per kind', async () => {
  const text = 'HER2 and letrozole';
  const quiet = createLanguageService({ vocabulary: realVocabulary(), settings: resolveSettings({ cards: { gene: false } }) });
  assert.equal(await quiet.hover({ uri: 'file:///k.md', version: 1, text }, 1, neverCancelled), undefined);
  assert.ok(await quiet.hover({ uri: 'file:///k.md', version: 1, text }, text.indexOf('letrozole'), neverCancelled));
});
