import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, type TextDocumentInput } from '../../src/core';
import { applyEdits } from '../../src/core/fixes/fixes';
import { realVocabulary } from '../helpers/vocabularies';
import { neverCancelled } from '../../src/core/types';

// Fix-all, fix-on-save and `check --fix` apply only fixes marked safe: never a change of one real
// drug name to another, never a brand or consistency rewrite, never a pick with a close second.

const vocabulary = realVocabulary();
let version = 0;
const doc = (text: string): TextDocumentInput => ({ uri: 'file:///draft.md', version: ++version, text });

const breastCancerDraft = [
  '# Endocrine therapy in ER-positive breast cancer',
  '',
  'In postmenopausal women with estrogen receptor-positive breast cancer, letrozole and anastrozole',
  'are given as adjuvant therapy; after progression, fulvestrant or a CDK4/6 inhibitor such as',
  'ribociclib is added. Letrozole remains the backbone of first-line therapy with palbociclib.',
  '',
  'In our cohort leflutrozole was continued for two years, and Leflutroazole was stopped early.',
  'Some took anastrazole instead. Famotadine was given for reflux.',
  '',
  '| arm | drug |',
  '|-----|------|',
  '| A | Femara |',
  '| B | Kisqali |',
  '| C | Faslodex |',
  '',
].join('\n');

test('fix-all changes only the unambiguous misspelling and leaves real drugs, brands and doubtful picks to the writer', async () => {
  const service = createLanguageService({ vocabulary });
  const document = doc(breastCancerDraft);
  const { findings } = await service.analyze(document, neverCancelled);
  const flagged = new Map(findings.map((f) => [f.text, f.code]));
  // The note really holds each kind of finding the rule must keep its hands off.
  assert.equal(flagged.get('leflutrozole'), 'drug-lookalike');
  assert.equal(flagged.get('Leflutroazole'), 'drug-misspelling');
  assert.equal(flagged.get('anastrazole'), 'drug-misspelling');
  assert.ok(
    findings.some((f) => f.code === 'drug-inconsistent' && ['Femara', 'Kisqali'].includes(f.text)),
    'a brand in the table is inconsistent',
  );

  const fixed = applyEdits(document.text, await service.safeFixEdits(document, neverCancelled));
  assert.equal(fixed, document.text.replace('Some took anastrazole', 'Some took anastrozole'));

  // Applying fix-all never makes a new finding appear.
  const after = await service.analyze(doc(fixed), neverCancelled);
  const before = new Set(findings.map((f) => `${f.code}:${f.text}`));
  for (const f of after.findings) assert.ok(before.has(`${f.code}:${f.text}`), `new finding after fix-all: ${f.code} ${f.text}`);
});

test('only the first replacement of an unambiguous misspelling is marked safe; every other fix asks', async () => {
  const service = createLanguageService({ vocabulary });
  const document = doc(breastCancerDraft);
  const { findings } = await service.analyze(document, neverCancelled);
  for (const finding of findings) {
    const fixes = await service.fixes(document, finding, neverCancelled);
    const safe = fixes.filter((f) => f.safe);
    if (finding.text === 'anastrazole') {
      assert.deepEqual(
        safe.map((f) => f.title),
        ["Replace 'anastrazole' with 'anastrozole'"],
      );
    } else {
      assert.deepEqual(safe, [], `${finding.code} '${finding.text}' has no unattended fix`);
    }
  }
});

test('a misspelling whose best name is a foreign or INN variant is not fixed unattended', async () => {
  const service = createLanguageService({ vocabulary });
  const document = doc('Patients in the cohort received letrozel daily, and toxicity was recorded.\n');
  const { findings } = await service.analyze(document, neverCancelled);
  assert.equal(findings.length, 1);
  assert.deepEqual(await service.safeFixEdits(document, neverCancelled), []);
});
