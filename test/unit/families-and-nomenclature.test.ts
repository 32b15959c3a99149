import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readCuratedOverlay } from '../../scripts/data/curatedFiles';
import { createLanguageService } from '../../src/core';
import { isSafeUnattended } from '../../src/core/fixes/fixes';
import { neverCancelled } from '../../src/core/types';
import { dataDir, realVocabulary } from '../helpers/vocabularies';

const vocabulary = realVocabulary();
const service = createLanguageService({ vocabulary });

async function analyse(text: string) {
  return service.analyze({ uri: `file:///notes/${text.length}.md`, version: 1, text }, neverCancelled);
}

test('families and complexes are a kind of their own, from curated abbreviations and HGNC gene groups', async () => {
  const { entities } = await analyse('PI3K, mTORC2, ERK1/2, NF-kappaB and the cyclin-dependent kinases were blotted; claudins were not.');
  assert.deepEqual(
    entities.map((e) => [e.text, e.kind]),
    [
      ['PI3K', 'family'],
      ['mTORC2', 'family'],
      ['ERK1/2', 'family'],
      ['NF-kappaB', 'family'],
      ['cyclin-dependent kinases', 'family'],
      ['claudins', 'family'],
    ],
  );
});

test("a family's card names its member genes by their approved symbols", () => {
  const card = service.explain('ERK1/2') ?? '';
  assert.match(card, /gene family \/ complex/);
  assert.match(card, /\*\*Members \(2\):\*\* \[MAPK3\]\(https:\/\/www\.genenames\.org\/[^)]+\), \[MAPK1\]/);
  const group = service.explain('cyclin-dependent kinases') ?? '';
  assert.match(group, /HGNC gene group/);
  assert.match(group, /CDK1\b/);
  assert.match(group, /CDK4\b/);
});

test('every member of a curated family is an approved HGNC symbol', () => {
  const { cards } = readCuratedOverlay(path.join(dataDir, 'curated'));
  const families = cards.filter((card) => card.kind === 'family');
  assert.ok(families.length >= 10);
  for (const family of families) {
    assert.ok(family.members?.length, family.id);
    for (const symbol of family.members) {
      const entity = service.explain(symbol);
      assert.match(entity ?? '', new RegExp(`^\\*\\*${symbol}\\*\\* · gene`), `${family.id}: ${symbol}`);
    }
  }
});

test('a previous HGNC symbol in prose is an information finding with the approved symbol, never fixed unattended', async () => {
  const text = 'Loss of PARK2 was confirmed; C10orf2 was sequenced.';
  const { findings } = await analyse(text);
  assert.deepEqual(
    findings.map((f) => [f.code, f.text, f.severity, f.data.suggestions]),
    [
      ['gene-symbol-outdated', 'PARK2', 'information', ['PRKN']],
      ['gene-symbol-outdated', 'C10orf2', 'information', ['TWNK']],
    ],
  );
  // C10orf2 is also an alias of CHMP1B: the message says so.
  assert.match(findings[1].message, /also an alias of CHMP1B/);
  for (const finding of findings) assert.equal(isSafeUnattended(finding), false);
  assert.deepEqual(await service.safeFixEdits({ uri: 'file:///notes/outdated.md', version: 1, text }, neverCancelled), []);
});

test('a previous symbol that names a drug target, or is letters only, is not pointed out', async () => {
  const { findings, entities } = await analyse('An SGLT2 inhibitor was started. COPD was excluded.');
  assert.deepEqual(findings, []);
  assert.ok(entities.some((e) => e.text === 'SGLT2'));
});

test('the approved symbol and current aliases are not outdated', async () => {
  const { findings } = await analyse('PRKN and TWNK were sequenced; HER2 was amplified.');
  assert.deepEqual(findings, []);
});
