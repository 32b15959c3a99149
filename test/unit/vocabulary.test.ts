import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { vocabularyFromBytes, VocabularyLoadError } from '../../src/core/vocabulary/vocabulary';
import { loadVocabulary } from '../../src/node/vocabulary';
import * as os from 'node:os';
import { termKeyPrefixes } from '../../src/core/vocabulary/normalize';
import { confusability, editDistance } from '../../src/core/text/similarity';
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
  assert.deepEqual(
    vocabulary.nearMisses('anastrazole', 2).map((m) => [m.name, m.distance]),
    [['anastrozole', 1]],
  );
  assert.deepEqual(
    vocabulary.nearMisses('leflurozole', 2).map((m) => m.name),
    ['leflutrozole'],
  );
  assert.deepEqual(
    vocabulary.nearMisses('tamoxifen', 0).map((m) => m.name),
    ['tamoxifen'],
  );
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
  const a = fixtureVocabulary(model).bytes;
  const b = fixtureVocabulary(model).bytes;
  for (const file of ['packed', 'lookupIndexes', 'keys', 'entities', 'drugNames'] as const) assert.deepEqual(a[file], b[file], file);
});

test('a missing, truncated or foreign vocabulary file gives a clear error', () => {
  const { bytes } = fixtureVocabulary(model);
  const load = (packed: Uint8Array) => vocabularyFromBytes({ ...bytes, packed }, 'fixture');
  assert.throws(
    () => load(bytes.packed.subarray(0, bytes.packed.length - 64)),
    (e: Error) => e instanceof VocabularyLoadError && /truncated/.test(e.message),
  );
  assert.throws(() => load(new TextEncoder().encode('not a vocabulary at all')), /not a biolens vocabulary file/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'biolens-vocab-'));
  assert.throws(() => loadVocabulary(dir), /cannot read vocabulary file/);
  fs.rmSync(dir, { recursive: true });
});

test('entity records are read one at a time, and a truncated or foreign entity file is refused at load', () => {
  const { bytes } = fixtureVocabulary(model);
  const entities = bytes.entities as Uint8Array;
  const reads: number[] = [];
  const lazy = vocabularyFromBytes(
    { ...bytes, entities: { size: entities.length, readAt: (offset, length) => (reads.push(offset), entities.subarray(offset, offset + length)) } },
    'fixture',
  );
  assert.equal(reads.length, 0, 'loading reads no record');
  assert.equal(lazy.entity(1).canonical, 'anastrozole');
  assert.equal(lazy.entity(1).canonical, 'anastrozole');
  assert.equal(reads.length, 1, 'a record is read once, then kept');

  const withEntities = (file: Uint8Array) => () => vocabularyFromBytes({ ...bytes, entities: file }, 'fixture');
  assert.throws(withEntities(entities.subarray(0, entities.length - 10)), /entities\.jsonl .* truncated or from another build/);
  const foreign = fixtureVocabulary({ ...model, entities: model.entities.map((e) => ({ ...e, name: `${e.name} (other build)` })) }).bytes
    .entities as Uint8Array;
  assert.throws(withEntities(foreign), /truncated or from another build/);
  // Same size, garbled: the record that is read says where.
  const garbled = entities.slice();
  garbled[entities.indexOf(10) + 2] = 0x7b; // the second record now starts '{{'
  assert.throws(() => vocabularyFromBytes({ ...bytes, entities: garbled }, 'fixture').entity(1), /corrupt at entity 1/);
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

test('a key looked up by its parts finds what the joined key finds', () => {
  const { vocabulary } = fixtureVocabulary({
    entities: [...model.entities, { id: 'HGNC:3467', kind: 'gene', canonical: 'ESR1', name: 'estrogen receptor 1' }],
    terms: [
      ...model.terms,
      { text: 'aromatase inhibitor', entity: 0, role: 'curated', caseSensitive: false },
      { text: 'ER-alpha', entity: 4, role: 'symbol', caseSensitive: true },
      { text: 'ER+', entity: 4, role: 'curated', caseSensitive: true },
    ],
  });
  const folded = '\x02';
  const exact = '\x01';
  const found = (namespace: string, key: string) => vocabulary.lookup(namespace, key);
  assert.ok(found(folded, 'aromatase inhibitor') >= 0);
  assert.equal(vocabulary.lookupJoined(folded, ['x', 'aromatase', 'inhibitors'], 1, 2, ' ', 'inhibitor'.length), found(folded, 'aromatase inhibitor'));
  assert.equal(vocabulary.lookupJoined(folded, ['aromatase', 'inhibitor'], 0, 0, ' '), found(folded, 'aromatase'));
  assert.equal(vocabulary.lookupJoined(exact, ['ER', 'alpha'], 0, 1, ''), found(exact, 'ERalpha'));
  assert.ok(found(exact, 'ERalpha') >= 0);
  assert.equal(vocabulary.lookupJoined(exact, ['ER'], 0, 0, '', 2, '+'), found(exact, 'ER+'));
  assert.ok(found(exact, 'ER+') >= 0);
  // Keys of the same length that differ are not found.
  assert.equal(vocabulary.lookupJoined(folded, ['aromatase', 'inhibitos'], 0, 1, ' '), -1);
  assert.equal(vocabulary.lookupJoined(exact, ['ER', 'alpha'], 0, 1, ' '), -1);
});
