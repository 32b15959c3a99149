import { test } from 'node:test';
import assert from 'node:assert/strict';
import { greekSymbolForms } from '../../src/core/recognize/greekSymbol';

test('a Greek letter, written or spelled out, becomes the Latin capital HGNC writes in symbols', () => {
  const forms: Record<string, string> = { 'GSK-3β': 'GSK3B', 'GSK-3beta': 'GSK3B', 'IFN-gamma': 'IFNG', PKCθ: 'PKCQ', Gαq: 'GAQ', 'HIF-1alpha': 'HIF1A' };
  for (const [name, form] of Object.entries(forms)) assert.equal(greekSymbolForms(name)[0], form, name);
  // Then spelled out in capitals, as NCBI writes some aliases: PI3KBETA is PIK3CB's.
  assert.deepEqual(greekSymbolForms('PI3Kβ'), ['PI3KB', 'PI3KBETA']);
});

test('a word with a Greek letter is not given a symbol form: β-catenin, α-synuclein, Betaglycan, alphavirus', () => {
  for (const name of ['β-catenin', 'α-synuclein', 'Betaglycan', 'ERK alphavirus', 'pre-α', 'CaMKIIδ', 'TP53'])
    assert.deepEqual(greekSymbolForms(name), [], name);
});
