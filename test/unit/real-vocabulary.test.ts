import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { createLanguageService } from '../../src/core/index';
import { neverCancelled } from '../../src/core/types';
import { recognize } from '../../src/core/recognize/recognizer';
import { dataFiles } from '../../src/core/vocabulary/lexicon';
import { drugNameList, vocabularyFromBytes } from '../../src/core/vocabulary/vocabulary';
import { drugNameIndexes, keyIndex, lookupIndexSections } from '../../src/core/vocabulary/lookupIndexes';
import { unpackSections } from '../../src/core/vocabulary/packed';
import { dataDir, realVocabulary } from '../helpers/vocabularies';

/** Recognition with the vocabulary committed in data/, as users get it. */
const vocabulary = realVocabulary();

function readings(text: string): string[] {
  return recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions.map((m) => `${m.text}=${m.kind}:${m.canonical}:${m.id}`);
}

function canonicalOf(term: string): string | undefined {
  const mentions = recognize(term, [{ start: 0, end: term.length }], vocabulary).mentions;
  return mentions.length === 1 && mentions[0].text === term ? mentions[0].canonical : undefined;
}

test('one gene under its many names: HER2, HER-2/neu, ERBB2', () => {
  for (const name of ['HER2', 'HER-2/neu', 'ERBB2', 'HER-2']) assert.equal(canonicalOf(name), 'ERBB2', name);
  assert.deepEqual(readings('ERBB2'), ['ERBB2=gene:ERBB2:HGNC:3430']);
});

test('a short name several genes share reads as the gene the literature means by it', () => {
  // 'p21' is an HGNC alias of CDKN1A and of TCEAL1, 'p65' of RELA (and, in NCBI Gene, of WNK1),
  // 'p50' of NFKB1 and CD40: the first reading is the gene NCBI links the most papers to.
  // A previous symbol and another gene's alias rank alike: 'CKS1' was a pseudogene's symbol and is
  // CKS1B's alias, 'CREB2' ATF2's previous symbol and ATF4's alias.
  const expected: Record<string, string> = { p21: 'CDKN1A', p65: 'RELA', p50: 'NFKB1', p53: 'TP53', CKS1: 'CKS1B', CREB2: 'ATF4', CMT2A: 'MFN2' };
  for (const [name, gene] of Object.entries(expected)) assert.equal(canonicalOf(name), gene, name);
});

test('a protein’s name given as a lower-case alias reads the same at the start of a sentence', () => {
  const expected: Record<string, string> = { survivin: 'BIRC5', Survivin: 'BIRC5', adiponectin: 'ADIPOQ', Adiponectin: 'ADIPOQ' };
  for (const [name, gene] of Object.entries(expected)) assert.equal(canonicalOf(name), gene, name);
  // A symbol-like alias keeps its case: 'Rpn4' is PSMD9, 'RPN4' nothing of it.
  assert.notEqual(canonicalOf('RPN4'), 'PSMD9');
});

test('the curated overlay fills the sources’ gaps', () => {
  const expected: Record<string, string> = {
    ERα: 'ESR1',
    'ER-alpha': 'ESR1',
    'estrogen receptor alpha': 'ESR1',
    'Ki-67': 'MKI67',
    Ki67: 'MKI67',
    p110α: 'PIK3CA',
    pS2: 'TFF1',
    // PSMD9's HGNC alias; in the literature p27 is p27Kip1.
    p27: 'CDKN1B',
    aromatase: 'CYP19A1',
    BGS649: 'leflutrozole',
    GB491: 'lerociclib',
    G1T38: 'lerociclib',
    G1T48: 'rintodestrant',
  };
  for (const [term, canonical] of Object.entries(expected)) assert.equal(canonicalOf(term), canonical, term);
});

test('one drug under its generic name, brand and development code', () => {
  for (const name of ['palbociclib', 'Ibrance', 'PD-0332991', 'PD0332991']) assert.equal(canonicalOf(name), 'palbociclib', name);
  for (const name of ['letrozole', 'Femara']) assert.equal(canonicalOf(name), 'letrozole', name);
  assert.deepEqual(readings('Letrozole'), ['Letrozole=drug:letrozole:DB01006']);
});

test('everyday words that are gene symbols are not genes', () => {
  assert.deepEqual(readings('We met at the cat show, set a map and can ice the cake with water.'), []);
  assert.deepEqual(readings('The HR 0.45 (95% CI 0.30–0.68) favoured the combination.'), []);
  assert.deepEqual(
    readings('MET amplification').map((r) => r.split(':')[1]),
    ['MET'],
  );
});

test('biomarkers are their own kind, linked to their gene', () => {
  const text = 'ER+ tumours with a high Ki-67 index and ESR1 mutations';
  const kinds = recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions.map((m) => [m.text, m.kind]);
  assert.deepEqual(kinds, [
    ['ER+', 'biomarker'],
    ['Ki-67 index', 'biomarker'],
    ['ESR1 mutations', 'biomarker'],
  ]);
});

test('protein-style title case names the approved symbol, but not an alias or an everyday word', () => {
  assert.equal(canonicalOf('Stat3'), 'STAT3');
  assert.equal(canonicalOf('Mdm2'), 'MDM2');
  assert.deepEqual(readings('Cat owners met. Set aside.'), []);
});

// The web extension does not download the lookup indexes: it builds them from the keys and the
// drug names. Built, they must be the very arrays the Node hosts read from the build's file.
test('the lookup indexes built from the keys and drug names are those the data build wrote', () => {
  const data = (name: string) => fs.readFileSync(path.join(dataDir, name));
  const written = unpackSections(data(dataFiles.lookupIndexes), dataFiles.lookupIndexes);
  const built = { ...keyIndex(data(dataFiles.keys).toString('utf8')), ...drugNameIndexes(drugNameList(data(dataFiles.drugNames).toString('utf8')).names) };
  for (const section of lookupIndexSections) {
    const expected = written.u32(section);
    assert.ok(expected.length > 1000, section);
    assert.ok(
      Buffer.from(built[section].buffer, built[section].byteOffset, built[section].byteLength).equals(
        Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength),
      ),
      section,
    );
  }
});

// The web extension starts with the essential records and the lookup indexes it builds, and gets
// the card knowledge later (the server then checks open notes again): with the knowledge, the
// findings must be the same.
test('the essential entity records and built indexes the web extension starts with give the same findings and mentions as the full ones', async () => {
  const data = (name: string) => fs.readFileSync(path.join(dataDir, name));
  const essentialsOnly = vocabularyFromBytes(
    {
      packed: data(dataFiles.packed),
      keys: data(dataFiles.keys),
      essentials: zlib.gunzipSync(data(dataFiles.essentials)),
      drugNames: data(dataFiles.drugNames),
      knowledge: data(dataFiles.knowledge),
    },
    dataDir,
  );
  const notes = ['examples', 'test/scenarios'].flatMap((folder) =>
    fs
      .readdirSync(path.join(dataDir, '..', folder))
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => path.join(dataDir, '..', folder, name)),
  );
  assert.ok(notes.length >= 10, 'the sample and scenario notes');
  for (const file of notes) {
    const input = { uri: `file://${file}`, version: 1, text: fs.readFileSync(file, 'utf8') };
    const [full, essential] = await Promise.all(
      [vocabulary, essentialsOnly].map((v) => createLanguageService({ vocabulary: v }).analyze(input, neverCancelled)),
    );
    assert.deepEqual(essential, full, file);
  }
});
