import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognize } from '../../src/core/recognize/recognizer';
import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { fixtureVocabulary } from '../helpers/vocabularies';

/** A small vocabulary in the shape the data build produces, so each rule is tested in isolation. */
const model: VocabularyModel = {
  entities: [
    { id: 'HGNC:3430', kind: 'gene', canonical: 'ERBB2', name: 'erb-b2 receptor tyrosine kinase 2' },
    { id: 'HGNC:3467', kind: 'gene', canonical: 'ESR1', name: 'estrogen receptor 1' },
    { id: 'HGNC:7107', kind: 'gene', canonical: 'MKI67', name: 'marker of proliferation Ki-67' },
    { id: 'HGNC:7029', kind: 'gene', canonical: 'MET', name: 'MET proto-oncogene, receptor tyrosine kinase' },
    { id: 'HGNC:10760', kind: 'gene', canonical: 'SET', name: 'SET nuclear proto-oncogene' },
    { id: 'HGNC:5172', kind: 'gene', canonical: 'HR', name: 'HR lysine demethylase and nuclear receptor corepressor' },
    { id: 'DB01006', kind: 'drug', canonical: 'letrozole', name: 'Letrozole' },
    { id: 'DB09073', kind: 'drug', canonical: 'palbociclib', name: 'Palbociclib' },
    { id: 'DB00783', kind: 'drug', canonical: 'estradiol', name: 'Estradiol' },
    { id: 'HGNC:6871', kind: 'gene', canonical: 'MAPK1', name: 'mitogen-activated protein kinase 1' },
    { id: 'biolens:biomarker/er-status', kind: 'biomarker', canonical: 'ER status', name: 'Estrogen receptor status', gene: 'ESR1' },
  ],
  terms: [
    { text: 'ERBB2', entity: 0, role: 'symbol', caseSensitive: true },
    { text: 'HER2', entity: 0, role: 'alias', caseSensitive: true },
    { text: 'HER-2/neu', entity: 0, role: 'alias', caseSensitive: true },
    { text: 'ESR1', entity: 1, role: 'symbol', caseSensitive: true },
    { text: 'Era', entity: 1, role: 'alias', caseSensitive: true },
    { text: 'ER-alpha', entity: 1, role: 'curated', caseSensitive: true },
    { text: 'estrogen receptor alpha', entity: 1, role: 'curated', caseSensitive: false },
    { text: 'MKI67', entity: 2, role: 'symbol', caseSensitive: true },
    { text: 'Ki-67', entity: 2, role: 'curated', caseSensitive: true },
    { text: 'MET', entity: 3, role: 'symbol', caseSensitive: true },
    { text: 'SET', entity: 4, role: 'symbol', caseSensitive: true },
    { text: 'HR', entity: 5, role: 'symbol', caseSensitive: true },
    { text: 'letrozole', entity: 6, role: 'generic', caseSensitive: false },
    { text: 'Femara', entity: 6, role: 'brand', caseSensitive: false },
    { text: 'palbociclib', entity: 7, role: 'generic', caseSensitive: false },
    { text: 'PD-0332991', entity: 7, role: 'code', caseSensitive: true },
    { text: 'Ibrance', entity: 7, role: 'brand', caseSensitive: false },
    { text: 'estradiol', entity: 8, role: 'generic', caseSensitive: false },
    { text: 'estrogen', entity: 8, role: 'synonym', caseSensitive: false },
    { text: 'MAPK1', entity: 9, role: 'symbol', caseSensitive: true },
    { text: 'MAPK', entity: 9, role: 'alias', caseSensitive: true },
    { text: 'ER+', entity: 10, role: 'curated', caseSensitive: true },
    { text: 'ER status', entity: 10, role: 'curated', caseSensitive: false },
  ],
};
const english = ['era', 'met', 'set', 'the', 'of', 'results', 'and', 'cat', 'hr'];
const { vocabulary } = fixtureVocabulary(model, english);

function found(text: string) {
  return recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions.map((m) => `${m.text}=${m.canonical}`);
}

test('HER2, HER-2/neu and ERBB2 are one gene', () => {
  assert.deepEqual(found('HER2, HER-2/neu and ERBB2 amplification'), ['HER2=ERBB2', 'HER-2/neu=ERBB2', 'ERBB2=ERBB2']);
});

test('gene symbols are case-sensitive: MET is a gene, met and Met are not', () => {
  assert.deepEqual(found('MET amplification was met with interest. Met again.'), ['MET=MET']);
});

test('drug names match in any case', () => {
  assert.deepEqual(found('Letrozole, LETROZOLE and letrozole'), ['Letrozole=letrozole', 'LETROZOLE=letrozole', 'letrozole=letrozole']);
});

test('Greek letters equal their spelled-out names: ERα = ER-alpha = ESR1', () => {
  assert.deepEqual(found('ERα and ER-alpha and ER alpha'), ['ERα=ESR1', 'ER-alpha=ESR1', 'ER alpha=ESR1']);
});

test('hyphen and space variants match: Ki-67/Ki67, PD-0332991/PD0332991', () => {
  assert.deepEqual(found('Ki-67, Ki67 and Ki 67; PD-0332991 or PD0332991'), [
    'Ki-67=MKI67',
    'Ki67=MKI67',
    'Ki 67=MKI67',
    'PD-0332991=palbociclib',
    'PD0332991=palbociclib',
  ]);
});

test('brands and development codes name their drug', () => {
  assert.deepEqual(found('Ibrance (PD-0332991) with Femara'), ['Ibrance=palbociclib', 'PD-0332991=palbociclib', 'Femara=letrozole']);
});

test('plurals and possessives keep the term', () => {
  const text = "letrozole's effect on MAPKs";
  const mentions = recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions;
  assert.deepEqual(
    mentions.map((m) => [m.text, m.canonical]),
    [
      ['letrozole', 'letrozole'],
      ['MAPKs', 'MAPK1'],
    ],
  );
});

test('the longest match wins: "estrogen receptor alpha" is the gene, not the hormone', () => {
  assert.deepEqual(found('estrogen receptor alpha binds estrogen'), ['estrogen receptor alpha=ESR1', 'estrogen=estradiol']);
});

test('an alias that is an English word is not indexed: "Era" is not ESR1', () => {
  assert.deepEqual(found('A new Era of therapy'), []);
});

test('an all-capitals symbol that is a word is not a gene in shouted prose', () => {
  assert.deepEqual(found('THE SET OF RESULTS'), []);
  assert.deepEqual(found('SET binds histones'), ['SET=SET']);
});

test('HR followed by a number is a hazard ratio, not the HR gene', () => {
  assert.deepEqual(found('HR 0.45 (95% CI 0.3-0.6), HR=0.5 and HR: 0.61'), []);
  assert.deepEqual(found('loss of HR function'), ['HR=HR']);
});

test('a trailing plus makes a status term: ER+ is a biomarker', () => {
  const text = 'ER+ tumours; ER status';
  const mentions = recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions;
  assert.deepEqual(
    mentions.map((m) => [m.text, m.kind]),
    [
      ['ER+', 'biomarker'],
      ['ER status', 'biomarker'],
    ],
  );
});

test('offsets map to the exact source text', () => {
  const text = 'Über ERα — und HER-2/neu.';
  for (const m of recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions) assert.equal(text.slice(m.start, m.end), m.text);
});

test('only the given segments are scanned', () => {
  const text = 'letrozole `letrozole` letrozole';
  const mentions = recognize(
    text,
    [
      { start: 0, end: 9 },
      { start: 22, end: 31 },
    ],
    vocabulary,
  ).mentions;
  assert.deepEqual(
    mentions.map((m) => m.start),
    [0, 22],
  );
});

test('words no term matches and no dictionary knows are returned for the misspelling finder', () => {
  const text = 'anastrazole and letrozole, the results';
  const { unmatched } = recognize(text, [{ start: 0, end: text.length }], vocabulary);
  assert.deepEqual(
    unmatched.map((u) => u.word),
    ['anastrazole'],
  );
});
