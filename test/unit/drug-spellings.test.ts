import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyDrugSpellings, isTypoOf, relationToEnglishNames } from '../../scripts/data/drugSpellings';
import type { VocabularyModel } from '../../src/core/vocabulary/model';

// How the build classes drug synonyms spelt almost like the drug's standard name.

test('foreign and INN forms, English spellings, recorded misspellings and other names are told apart', () => {
  const cases: Array<[string, string[], string]> = [
    ['letrozol', ['letrozole'], 'foreign'],
    ['tamoxifene', ['tamoxifen'], 'foreign'],
    ['fluoxetinum', ['fluoxetine'], 'foreign'],
    ['bupivacaina', ['bupivacaine'], 'foreign'],
    ['amoxicilline', ['amoxicillin'], 'foreign'],
    ['vancomicina', ['vancomycin'], 'foreign'],
    ['cyclosporin', ['cyclosporine'], 'english'],
    ['ciclosporin', ['cyclosporine'], 'english'],
    ['cephapirin', ['cefapirin'], 'english'],
    ['aluminum', ['aluminium'], 'english'],
    ['dexamethazone', ['dexamethasone'], 'misspelling'],
    ['dexamethosone', ['dexamethasone'], 'misspelling'],
    ['lanzoprazole', ['lansoprazole'], 'misspelling'],
    ['domepezil', ['donepezil'], 'misspelling'],
    ['rifampicin', ['rifampin'], 'other'],
    ['hydroxycobalamin', ['hydroxocobalamin'], 'other'],
    ['levoamlodipine', ['levamlodipine'], 'misspelling'],
    ['lecithins', ['lecithin'], 'other'],
    ['paracetamol', ['acetaminophen'], 'other'],
  ];
  for (const [synonym, names, expected] of cases) assert.equal(relationToEnglishNames(synonym, names), expected, synonym);
});

test('a typing slip is a vowel, s/z or n/m swap, a neighbour swap, or a letter inside the word', () => {
  assert.ok(isTypoOf('papavarine', 'papaverine'));
  assert.ok(isTypoOf('labetolol', 'labetalol'));
  assert.ok(isTypoOf('pancrealipase', 'pancrelipase'));
  assert.ok(!isTypoOf('lecithins', 'lecithin'), 'a plural');
  assert.ok(!isTypoOf('minopterin', 'aminopterin'), 'another first letter');
  assert.ok(!isTypoOf('floxacillin', 'cloxacillin'), 'another first letter');
});

test('a synonym one slip from another drug is dropped; an English word or a two-slip neighbour is kept', () => {
  const drug = (canonical: string) => ({ id: canonical, kind: 'drug' as const, canonical, name: canonical });
  const model: VocabularyModel = {
    entities: [
      drug('mercaptopurine'),
      drug('azathioprine'),
      drug('epinephrine'),
      drug('adrenalone'),
      drug('hydrocortisone'),
      drug('cortisone'),
      drug('letrozole'),
    ],
    terms: [
      { text: 'Azathiopurine', entity: 0, role: 'synonym', caseSensitive: false },
      { text: 'Adrenaline', entity: 2, role: 'synonym', caseSensitive: false },
      { text: 'Cortisol', entity: 4, role: 'synonym', caseSensitive: false },
      { text: 'Letrozol', entity: 6, role: 'synonym', caseSensitive: false },
    ],
  };
  const decisions = classifyDrugSpellings(model, (w) => w === 'adrenaline');
  assert.deepEqual(
    decisions.map((d) => `${d.decision} ${d.synonym}${d.nearer ? ` (${d.nearer})` : ''}`),
    ['dropped Azathiopurine (azathioprine)', 'variant Letrozol'],
  );
  assert.deepEqual(
    model.terms.map((t) => `${t.text}:${t.role}`),
    ['Adrenaline:synonym', 'Cortisol:synonym', 'Letrozol:variant'],
  );
});
