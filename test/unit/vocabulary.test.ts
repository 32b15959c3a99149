import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadVocabulary, VocabularyLoadError } from '../../src/core/vocabulary/vocabulary';
import { dataFiles } from '../../src/core/vocabulary/lexicon';
import { termKeyPrefixes } from '../../src/core/vocabulary/normalize';
import { confusability, editDistance } from '../../src/core/findings/similarity';
import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { fixtureVocabulary } from '../helpers/vocabularies';

const model: VocabularyModel = {
  entities: [
    { id: 'DB01006', kind: 'drug', canonical: 'letrozole', name: 'Letrozole' },
    { id: 'DB01217', kind: 'drug', canonical: 'anastrozole', name: 'Anastrozole' },
    { id: 'X1', kind: 'drug', canonical: 'leflutrozole', name: 'Leflutrozole' },
    { id: 'DB00675', kind: 'drug', canonical: 'tamoxifen', name: 'Tamoxifen' },
  ],
  terms: [
    { text: 'letrozole', entity: 0, role: 'generic', caseSensitive: false },
    { text: 'anastrozole', entity: 1, role: 'generic', caseSensitive: false },
    { text: 'leflutrozole', entity: 2, role: 'generic', caseSensitive: false },
    { text: 'tamoxifen', entity: 3, role: 'generic', caseSensitive: false },
  ],
};

test('near misses come from the deletion index, nearest first', () => {
  const { vocabulary } = fixtureVocabulary(model);
  assert.deepEqual(vocabulary.nearMisses('anastrazole', 2).map((m) => [m.name, m.distance]), [['anastrozole', 1]]);
  assert.deepEqual(vocabulary.nearMisses('leflurozole', 2).map((m) => m.name), ['leflutrozole']);
  assert.deepEqual(vocabulary.nearMisses('tamoxifen', 0).map((m) => m.name), ['tamoxifen']);
  assert.deepEqual(vocabulary.nearMisses('ibuprofen', 2), []);
});

test('look-alike neighbours link leflutrozole and letrozole, not tamoxifen', () => {
  const { vocabulary } = fixtureVocabulary(model);
  const names = (name: string) => vocabulary.neighbours(vocabulary.drugNameIndex(name)).map((i) => vocabulary.drugName(i));
  assert.ok(names('leflutrozole').includes('letrozole'));
  assert.ok(names('letrozole').includes('leflutrozole'));
  assert.ok(!names('letrozole').includes('tamoxifen'));
});

test('compiling is deterministic', () => {
  const a = fixtureVocabulary(model).dir;
  const b = fixtureVocabulary(model).dir;
  for (const file of Object.values(dataFiles).filter((f) => f !== dataFiles.sources)) {
    assert.ok(fs.readFileSync(path.join(a, file)).equals(fs.readFileSync(path.join(b, file))), file);
  }
});

test('a missing, truncated or foreign vocabulary file gives a clear error', () => {
  const { dir } = fixtureVocabulary(model);
  const packed = path.join(dir, dataFiles.packed);
  const bytes = fs.readFileSync(packed);
  fs.writeFileSync(packed, bytes.subarray(0, bytes.length - 64));
  assert.throws(() => loadVocabulary(dir), (e: Error) => e instanceof VocabularyLoadError && /truncated/.test(e.message));
  fs.writeFileSync(packed, 'not a vocabulary at all');
  assert.throws(() => loadVocabulary(dir), /not a biolens vocabulary file/);
  fs.rmSync(packed);
  assert.throws(() => loadVocabulary(dir), /cannot read vocabulary file/);
});

test('term keys ignore hyphens, spaces and Greek spelling, and keep case only where asked', () => {
  const key = (term: string, caseSensitive: boolean) => termKeyPrefixes(term, caseSensitive)?.at(-1);
  assert.equal(key('Ki-67', true), key('Ki 67', true));
  assert.equal(key('ERα', true), key('ER-alpha', true));
  assert.notEqual(key('MET', true), key('met', true));
  assert.equal(key('Letrozole', false), key('LETROZOLE', false));
  assert.equal(termKeyPrefixes('(+)-JQ1', false), undefined);
});

test('edit distance counts a transposition as one slip', () => {
  assert.equal(editDistance('letrzoole', 'letrozole'), 1);
  assert.equal(editDistance('anastrazole', 'anastrozole'), 1);
  assert.equal(editDistance('abc', 'xyz', 1), 2);
  assert.ok(confusability('letrozole', 'leflutrozole') > confusability('letrozole', 'tamoxifen'));
});
