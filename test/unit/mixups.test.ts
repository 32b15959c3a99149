import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, resolveSettings, type TextDocumentInput } from '../../src/core';
import { confusability, phoneticKey } from '../../src/core/text/similarity';
import { sameTallManFrame } from '../../src/core/vocabulary/compile';
import { applyEdits, documentIgnoredWords, documentIntentions } from '../../src/core/fixes/fixes';
import { dictionaryLine, parseDictionaryEntries } from '../../src/core/dictionary';
import { renderCard } from '../../src/core/cards/card';
import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { fixtureVocabulary, realVocabulary } from '../helpers/vocabularies';
import { neverCancelled } from '../../src/core/types';

let version = 0;
const doc = (text: string): TextDocumentInput => ({ uri: 'file:///mixups.md', version: ++version, text });

test('confusability: look-alike pairs score above class mates that only share a stem', () => {
  const lookalikes = [
    ['letrozole', 'leflutrozole'],
    ['hydralazine', 'hydroxyzine'],
    ['prednisone', 'prednisolone'],
    ['cycloserine', 'cyclosporine'],
  ];
  const classMates = [
    ['trilaciclib', 'ribociclib'],
    ['lerociclib', 'ribociclib'],
    ['taselisib', 'alpelisib'],
    ['rintodestrant', 'fulvestrant'],
    ['anastrozole', 'letrozole'],
  ];
  const lowestLookalike = Math.min(...lookalikes.map(([a, b]) => confusability(a, b)));
  const highestClassMate = Math.max(...classMates.map(([a, b]) => confusability(a, b)));
  assert.ok(lowestLookalike > 0.5 && highestClassMate < 0.4, `${lowestLookalike} vs ${highestClassMate}`);
  assert.equal(confusability('letrozole', 'letrozole'), 1);
  assert.equal(confusability('a', 'b'), confusability('b', 'a'));
});

test('phonetic keys meet for respellings', () => {
  assert.equal(phoneticKey('tamoxiphen'), phoneticKey('tamoxifen'));
  assert.equal(phoneticKey('ciclofosfamide'), phoneticKey('cyclophosphamide'));
  assert.notEqual(phoneticKey('letrozole'), phoneticKey('anastrozole'));
});

test('Tall Man frames pair hydrALAZINE with hydrOXYzine, not gefITinib with aFATinib', () => {
  assert.ok(sameTallManFrame('hydrALAZINE', 'hydrOXYzine'));
  assert.ok(sameTallManFrame('DAUNOrubicin', 'DOXOrubicin'));
  assert.ok(!sameTallManFrame('gefITinib', 'aFATinib'));
  assert.ok(!sameTallManFrame('hydrOXYzine', 'SERTRALine'));
});

const model: VocabularyModel = {
  entities: [
    { id: 'DB01590', kind: 'drug', canonical: 'everolimus', name: 'Everolimus', brands: ['Afinitor'], classes: ['mTOR inhibitor'] },
    { id: 'DB00501', kind: 'drug', canonical: 'cimetidine', name: 'Cimetidine' },
    { id: 'DB00675', kind: 'drug', canonical: 'hydroxyzine', name: 'Hydroxyzine', tallMan: 'hydrOXYzine', context: ['pruritus', 'anxiety'], curated: true },
    {
      id: 'DB01275',
      kind: 'drug',
      canonical: 'hydralazine',
      name: 'Hydralazine',
      tallMan: 'hydrALAZINE',
      context: ['hypertension', 'heart failure', 'blood pressure'],
      curated: true,
    },
    { id: 'DB09073', kind: 'drug', canonical: 'palbociclib', name: 'Palbociclib', classes: ['CDK4/6 inhibitor'] },
  ],
  terms: [
    { text: 'everolimus', entity: 0, role: 'generic', caseSensitive: false },
    { text: 'Afinitor', entity: 0, role: 'brand', caseSensitive: false },
    { text: 'cimetidine', entity: 1, role: 'generic', caseSensitive: false },
    { text: 'hydroxyzine', entity: 2, role: 'generic', caseSensitive: false },
    { text: 'hydralazine', entity: 3, role: 'generic', caseSensitive: false },
    { text: 'palbociclib', entity: 4, role: 'generic', caseSensitive: false },
  ],
  lookalikePairs: [['hydralazine', 'hydroxyzine']],
};
const english = [
  'the',
  'and',
  'was',
  'for',
  'with',
  'patients',
  'daily',
  'given',
  'control',
  'blood',
  'pressure',
  'heart',
  'failure',
  'treatment',
  'tablets',
  'tables',
];
const { vocabulary } = fixtureVocabulary(model, english);

test('a listed look-alike used where its pair belongs is flagged, saying both are on a list', async () => {
  const service = createLanguageService({ vocabulary });
  const analysis = await service.analyze(doc('For blood pressure control in heart failure, hydroxyzine 25 mg was given with the diuretic.\n'), neverCancelled);
  const [finding] = analysis.findings;
  assert.equal(finding?.code, 'drug-lookalike');
  assert.deepEqual(finding.data.suggestions, ['hydralazine']);
  assert.match(finding.message, /hydroxyzine/);
  assert.match(finding.message, /look-alike list \(hydrALAZINE\)/);
  // The same drug where it belongs is left alone.
  assert.deepEqual((await service.analyze(doc('Hydroxyzine eased pruritus and anxiety at night.\n'), neverCancelled)).findings, []);
});

test('the card of a listed drug shows its Tall Man form', () => {
  assert.match(renderCard(vocabulary.entity(2)), /Tall Man lettering:\*\* hydrOXYzine/);
});

test('a word with a drug stem but far from every drug name, and English typos, are not flagged', async () => {
  const service = createLanguageService({ vocabulary });
  for (const text of ['Patients took zanzalintinib daily.', 'The tabels were given daily.', 'Patients took quorvimab daily.']) {
    assert.deepEqual((await service.analyze(doc(text), neverCancelled)).findings, [], text);
  }
});

test('everolimus and everolimous in one note: the misspelling says so, or the inconsistency does when misspellings are off', async () => {
  const text = 'Everolimus was started.\n\nLater everolimous was stopped, and everolimus restarted; everolimous again.\n';
  const on = await createLanguageService({ vocabulary }).analyze(doc(text), neverCancelled);
  assert.deepEqual(
    on.findings.map((f) => f.code),
    ['drug-misspelling', 'drug-misspelling'],
  );
  assert.match(on.findings[0].message, /writes everolimus twice elsewhere/);

  const document = doc(text);
  const service = createLanguageService({ vocabulary, settings: resolveSettings({ severity: { 'drug-misspelling': 'ignore' } }) });
  const off = await service.analyze(document, neverCancelled);
  assert.equal(off.findings.length, 1, 'pointed out once');
  const [finding] = off.findings;
  assert.equal(finding.code, 'drug-inconsistent');
  assert.equal(finding.severity, 'information');
  const fix = (await service.fixes(document, finding, neverCancelled))[0];
  assert.equal(applyEdits(text, fix.edits), text.replace(/everolimous/g, 'everolimus'));
});

test('a brand on its own beside the generic is inconsistent; a brand introduced beside it is not', async () => {
  const service = createLanguageService({ vocabulary });
  const text = 'Everolimus (Afinitor) was started.\n\nAfinitor was then stopped for two weeks. Everolimus was restarted.\n';
  const document = doc(text);
  const analysis = await service.analyze(document, neverCancelled);
  assert.equal(analysis.findings.length, 1);
  const [finding] = analysis.findings;
  assert.equal(finding.code, 'drug-inconsistent');
  assert.equal(finding.text, 'Afinitor');
  assert.equal(finding.start, text.lastIndexOf('Afinitor'));
  assert.equal(applyEdits(text, (await service.fixes(document, finding, neverCancelled))[0].edits), text.replace('\n\nAfinitor', '\n\nEverolimus'));
  assert.deepEqual((await service.analyze(doc('Everolimus (Afinitor) was started and everolimus continued.\n'), neverCancelled)).findings, []);
});

test("a slip's first suggestion is the drug's own name, not a synonym in another language as near: 'Vancomicin' is vancomycin", async () => {
  const service = createLanguageService({ vocabulary: realVocabulary() });
  const { findings } = await service.analyze(doc('Vancomicin troughs were checked before the third dose.\n'), neverCancelled);
  assert.equal(findings[0]?.code, 'drug-misspelling');
  assert.equal(findings[0].data.suggestions[0], 'Vancomycin');
});

test('a short form of the generic the sources list as a brand or synonym is no second name: divalproex, angiotensin', async () => {
  const service = createLanguageService({ vocabulary: realVocabulary() });
  const text = 'Divalproex sodium was given. Later divalproex was stopped.\n\nAngiotensin II rose; angiotensin levels fell.\n';
  const { findings } = await service.analyze(doc(text), neverCancelled);
  assert.deepEqual(
    findings.filter((f) => f.code === 'drug-inconsistent').map((f) => f.text),
    [],
  );
});

test('intended marks carry a reason and keep the old form working', async () => {
  const text = 'x\n<!-- biolens-intended: leflutrozole — studied here for male hypogonadism -->\n<!-- biolens-ignore: anastrazole, letrazole -->\n';
  assert.deepEqual(documentIntentions(text), [
    { word: 'leflutrozole', reason: 'studied here for male hypogonadism' },
    { word: 'anastrazole' },
    { word: 'letrazole' },
  ]);
  assert.deepEqual([...documentIgnoredWords(text)].sort(), ['anastrazole', 'leflutrozole', 'letrazole']);
  assert.equal(dictionaryLine('leflutrozole', 'male hypogonadism study'), 'leflutrozole  # male hypogonadism study');
  assert.deepEqual(parseDictionaryEntries('# header\nleflutrozole  # male hypogonadism study\nBGS649\n'), [
    { word: 'leflutrozole', reason: 'male hypogonadism study', start: 9, end: 21 },
    { word: 'BGS649', start: 49, end: 55 },
  ]);
});

test('marking a look-alike intended writes the reason into the note and silences it', async () => {
  const service = createLanguageService({ vocabulary });
  const document = doc('For blood pressure control in heart failure, hydroxyzine was given.\n');
  const [finding] = (await service.analyze(document, neverCancelled)).findings;
  const mark = (await service.fixes(document, finding, neverCancelled)).find((f) => f.kind === 'ignore-in-document')!;
  const marked = applyEdits(document.text, mark.edits);
  assert.match(marked, /<!-- biolens-intended: hydroxyzine — meant as written, not hydralazine -->/);
  assert.deepEqual((await service.analyze(doc(marked), neverCancelled)).findings, []);
});

test('real vocabulary: correct rare drugs and look-alikes used correctly are not flagged', async () => {
  const service = createLanguageService({ vocabulary: realVocabulary() });
  const text =
    'Lerociclib, dalpiciclib and trilaciclib are CDK4/6 inhibitors; taselisib targets PIK3CA and rintodestrant degrades the ' +
    'estrogen receptor. In breast cancer, letrozole and anastrozole are aromatase inhibitors.\n\n' +
    'Hydralazine lowers blood pressure, hydroxyzine treats pruritus, and vincristine and vinblastine are vinca alkaloids.\n';
  assert.deepEqual((await service.analyze(doc(text), neverCancelled)).findings, []);
});

test('real vocabulary: misspellings get the meant drug first, respellings included', async () => {
  const service = createLanguageService({ vocabulary: realVocabulary() });
  for (const [written, meant] of [
    ['everolimous', 'everolimus'],
    ['lerocyclib', 'lerociclib'],
    ['tamoxiphen', 'tamoxifen'],
    ['fulvestrent', 'fulvestrant'],
  ]) {
    const [finding] = (await service.analyze(doc(`Patients received ${written} daily.`), neverCancelled)).findings;
    assert.equal(finding?.code, 'drug-misspelling', written);
    assert.equal(finding.data.suggestions[0], meant, written);
  }
});
