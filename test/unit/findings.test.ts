import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, resolveSettings, type TextDocumentInput } from '../../src/core';
import { applyEdits } from '../../src/core/fixes/fixes';
import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { fixtureVocabulary } from '../helpers/vocabularies';
import { neverCancelled } from '../../src/core/types';

const breastCancerContext = ['breast cancer', 'postmenopausal', 'estrogen receptor', 'adjuvant', 'ovulation induction'];
const model: VocabularyModel = {
  entities: [
    {
      id: 'DB01006',
      kind: 'drug',
      canonical: 'letrozole',
      name: 'Letrozole',
      classes: ['aromatase inhibitor'],
      targets: ['CYP19A1'],
      context: breastCancerContext,
      curated: true,
    },
    {
      id: 'DB01217',
      kind: 'drug',
      canonical: 'anastrozole',
      name: 'Anastrozole',
      classes: ['aromatase inhibitor'],
      targets: ['CYP19A1'],
      context: breastCancerContext,
      curated: true,
    },
    {
      id: 'CHEMBL3989767',
      kind: 'drug',
      canonical: 'leflutrozole',
      name: 'Leflutrozole',
      classes: ['aromatase inhibitor'],
      targets: ['CYP19A1'],
      context: ['male hypogonadism', 'hypogonadotropic hypogonadism', 'testosterone', 'obese men'],
      curated: true,
    },
    { id: 'DB09073', kind: 'drug', canonical: 'palbociclib', name: 'Palbociclib', classes: ['CDK4/6 inhibitor'] },
    { id: 'DB00675', kind: 'drug', canonical: 'tamoxifen', name: 'Tamoxifen', context: breastCancerContext },
    { id: 'HGNC:2594', kind: 'gene', canonical: 'CYP19A1', name: 'cytochrome P450 family 19 subfamily A member 1' },
  ],
  terms: [
    { text: 'letrozole', entity: 0, role: 'generic', caseSensitive: false },
    { text: 'anastrozole', entity: 1, role: 'generic', caseSensitive: false },
    { text: 'leflutrozole', entity: 2, role: 'generic', caseSensitive: false },
    { text: 'BGS649', entity: 2, role: 'curated', caseSensitive: true },
    { text: 'palbociclib', entity: 3, role: 'generic', caseSensitive: false },
    { text: 'tamoxifen', entity: 4, role: 'generic', caseSensitive: false },
    { text: 'CYP19A1', entity: 5, role: 'symbol', caseSensitive: true },
    { text: 'aromatase', entity: 5, role: 'curated', caseSensitive: false },
  ],
};
const english = ['the', 'and', 'in', 'with', 'women', 'cancer', 'breast', 'treatment', 'patients', 'therapy', 'resistance'];
const { vocabulary } = fixtureVocabulary(model, english);

let version = 0;
function doc(text: string): TextDocumentInput {
  return { uri: 'file:///note.md', version: ++version, text };
}

const breastNote = (drugWord: string) =>
  `# Endocrine therapy\n\nIn postmenopausal women with breast cancer, ${drugWord} is given as adjuvant therapy after tamoxifen.\n` +
  `Resistance to aromatase inhibition involves the estrogen receptor.\n`;

test('a misspelled drug name is flagged with the right suggestion first', async () => {
  const service = createLanguageService({ vocabulary });
  for (const [written, expected] of [
    ['anastrazole', 'anastrozole'],
    ['letrazole', 'letrozole'],
    ['palbocyclib', 'palbociclib'],
  ]) {
    const analysis = await service.analyze(doc(`Patients took ${written} daily.`), neverCancelled);
    assert.equal(analysis.findings.length, 1, written);
    const [finding] = analysis.findings;
    assert.equal(finding.code, 'drug-misspelling');
    assert.equal(finding.text, written);
    assert.equal(finding.data.suggestions[0], expected);
    assert.match(finding.message, new RegExp(expected));
  }
});

test("the seeds' Leflutroazole and Leflurozole in a breast-cancer note suggest letrozole first", async () => {
  const service = createLanguageService({ vocabulary });
  for (const written of ['Leflutroazole', 'Leflurozole']) {
    const analysis = await service.analyze(doc(breastNote(written)), neverCancelled);
    const finding = analysis.findings.find((f) => f.text === written);
    assert.ok(finding, `${written} flagged`);
    assert.equal(finding.code, 'drug-misspelling');
    assert.deepEqual(finding.data.suggestions.slice(0, 2), ['Letrozole', 'Leflutrozole']);
    assert.match(finding.message, /leflutrozole/);
  }
});

test('a real drug that a look-alike fits far better is flagged, saying what it is', async () => {
  const service = createLanguageService({ vocabulary });
  const analysis = await service.analyze(doc(breastNote('leflutrozole')), neverCancelled);
  const finding = analysis.findings.find((f) => f.text === 'leflutrozole');
  assert.ok(finding);
  assert.equal(finding.code, 'drug-lookalike');
  assert.deepEqual(finding.data.suggestions, ['letrozole']);
  assert.match(finding.message, /male hypogonadism/);
  assert.match(finding.message, /breast cancer|postmenopausal/);
});

test('the same drug in a note on male hypogonadism is not flagged', async () => {
  const service = createLanguageService({ vocabulary });
  const text = 'Leflutrozole (BGS649) raised testosterone in obese men with hypogonadotropic hypogonadism.\n';
  const analysis = await service.analyze(doc(text), neverCancelled);
  assert.deepEqual(analysis.findings, []);
  assert.deepEqual(
    analysis.entities.map((e) => e.canonical),
    ['leflutrozole', 'leflutrozole'],
  );
});

test('English words and correct names are not flagged', async () => {
  const service = createLanguageService({ vocabulary });
  const analysis = await service.analyze(doc(breastNote('letrozole')), neverCancelled);
  assert.deepEqual(analysis.findings, []);
});

test('fixes: replace, replace all, add to dictionary, ignore in document — none loses text', async () => {
  const service = createLanguageService({ vocabulary });
  const document = doc('Anastrazole first.\n\nThen anastrazole again, and anastrazole once more.\n');
  const analysis = await service.analyze(document, neverCancelled);
  assert.equal(analysis.findings.length, 3);
  const fixes = await service.fixes(document, analysis.findings[1], neverCancelled);
  assert.deepEqual(
    fixes.map((f) => f.kind),
    ['replace', 'replace-all', 'add-to-dictionary', 'ignore-in-document'],
  );
  for (const fix of fixes) assert.equal(fix.version, document.version);

  const replaced = applyEdits(document.text, fixes[0].edits);
  assert.equal(replaced, 'Anastrazole first.\n\nThen anastrozole again, and anastrazole once more.\n');
  const all = applyEdits(document.text, fixes[1].edits);
  assert.equal(all, 'Anastrozole first.\n\nThen anastrozole again, and anastrozole once more.\n');
  assert.equal(fixes[2].dictionaryWord, 'anastrazole');
  assert.deepEqual(fixes[2].edits, []);

  const ignored = applyEdits(document.text, fixes[3].edits);
  assert.ok(ignored.startsWith(document.text), 'the original text is kept');
  const after = await service.analyze(doc(ignored), neverCancelled);
  assert.deepEqual(after.findings, []);
  // A second ignored word joins the same comment.
  const second = doc(ignored + '\nletrazole\n');
  const secondFinding = (await service.analyze(second, neverCancelled)).findings[0];
  const twice = applyEdits(second.text, (await service.fixes(second, secondFinding, neverCancelled)).find((f) => f.kind === 'ignore-in-document')!.edits);
  assert.match(twice, /<!-- biolens-ignore: anastrazole, letrazole -->/);
  assert.deepEqual((await service.analyze(doc(twice), neverCancelled)).findings, []);
});

test('ignored words and severity settings are honoured', async () => {
  const text = 'Patients took anastrazole daily.';
  const ignoring = createLanguageService({ vocabulary, settings: resolveSettings({ ignoredWords: ['Anastrazole'] }) });
  assert.deepEqual((await ignoring.analyze(doc(text), neverCancelled)).findings, []);
  const off = createLanguageService({ vocabulary, settings: resolveSettings({ severity: { 'drug-misspelling': 'ignore' } }) });
  assert.deepEqual((await off.analyze(doc(text), neverCancelled)).findings, []);
  const errors = createLanguageService({ vocabulary, settings: resolveSettings({ severity: { 'drug-misspelling': 'error' } }) });
  assert.equal((await errors.analyze(doc(text), neverCancelled)).findings[0].severity, 'error');
});

test('broken settings are reported and the valid parts kept', () => {
  const problems: string[] = [];
  const settings = resolveSettings({ severity: { 'drug-misspelling': 'loud', 'drug-lookalike': 'error' }, ignoredWords: 'x', cards: { gene: 'no' } }, (p) =>
    problems.push(p),
  );
  assert.equal(settings.severity['drug-misspelling'], 'warning');
  assert.equal(settings.severity['drug-lookalike'], 'error');
  assert.deepEqual(settings.ignoredWords, []);
  assert.equal(settings.cards.gene, true);
  assert.equal(problems.length, 3);
});

test('a cancelled analysis rejects and publishes nothing', async () => {
  const service = createLanguageService({ vocabulary });
  await assert.rejects(service.analyze(doc('letrozole'), { isCancellationRequested: true }), { name: 'CancelledError' });
});

test('findings in code, URLs and front matter are never raised', async () => {
  const service = createLanguageService({ vocabulary });
  const text = '---\ndrug: anastrazole\n---\n\nSee `anastrazole` and https://example.org/anastrazole.\n\n```\nanastrazole\n```\n';
  assert.deepEqual((await service.analyze(doc(text), neverCancelled)).findings, []);
});
