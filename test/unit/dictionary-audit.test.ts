import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditDictionary } from '../../src/core/findings/dictionaryAudit';
import { realVocabulary } from '../helpers/vocabularies';

/** The dictionary's audit of itself, with the vocabulary committed in data/. */
const vocabulary = realVocabulary();

test('a dictionary entry one slip from a drug is reported where it stands, naming the drug', () => {
  const text = '# team words\nBGS649\nletrazole\r\n  Keytrudda\n';
  const findings = auditDictionary(text, vocabulary);
  assert.deepEqual(
    findings.map((f) => [text.slice(f.start, f.end), f.drug, f.severity]),
    [
      ['letrazole', 'letrozole', 'information'],
      ['Keytrudda', 'Keytruda', 'information'],
    ],
  );
  assert.match(findings[0].message, /^'letrazole' is one edit from letrozole; a dictionary entry hides that slip everywhere\./);
});

test('known names, English words, short words and entries with a reason are not reported', () => {
  const text = ['letrozole', 'Femara', 'ERBB2', 'treatment', 'taxol', 'letrazole  # the trial protocol spells it so', 'zzqxvy'].join('\n');
  assert.deepEqual(auditDictionary(text, vocabulary), []);
});
