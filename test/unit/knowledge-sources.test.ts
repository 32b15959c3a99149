import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drugcentralReference, leadSentences, sentenceCase, splitSentences } from '../../scripts/data/knowledge/text';
import { cleanIndication } from '../../scripts/data/knowledge/openTargets';
import { classAgreesWithActions } from '../../scripts/data/knowledge';
import { isTradeName, pharmgkbList } from '../../scripts/data/knowledge/pharmgkb';

/** The readers' text rules, on the awkward cases the real files have. */

test('sentences split at full stops, not after abbreviations', () => {
  assert.deepEqual(splitSentences('It binds ligands, e.g. EGF. It is a kinase (see Smith et al. 2001). Mutations cause disease.'), [
    'It binds ligands, e.g. EGF.',
    'It is a kinase (see Smith et al. 2001).',
    'Mutations cause disease.',
  ]);
  assert.deepEqual(splitSentences('It activates protein kinase C. It is cytosolic.'), ['It activates protein kinase C.', 'It is cytosolic.']);
});

test('a RefSeq summary is cut to two or three sentences, skipping those about transcripts', () => {
  const summary =
    'This gene encodes a kinase that phosphorylates many substrates in the cell. ' +
    'Alternative splicing results in multiple transcript variants. ' +
    'The protein is short. ' +
    'It is needed for growth. ' +
    'It is also found in plants.';
  assert.equal(
    leadSentences(summary, { maxSentences: 3, enoughWords: 40, maxWords: 70 }),
    'This gene encodes a kinase that phosphorylates many substrates in the cell. The protein is short. It is needed for growth.',
  );
  assert.equal(
    leadSentences('It binds DNA (Fink et al., 1995). It is nuclear (PubMed: 19208651) and replaced by protamines (Luerssen et al., 1990.', {
      maxSentences: 3,
      enoughWords: 40,
      maxWords: 70,
    }),
    'It binds DNA. It is nuclear and replaced by protamines.',
  );
  const first = `One ${'word '.repeat(29).trim()}.`;
  const second = `Two ${'more '.repeat(29).trim()}.`;
  assert.equal(leadSentences(`${first} ${second} Third sentence here.`, { maxSentences: 3, enoughWords: 40, maxWords: 70 }), `${first} ${second}`);
  assert.equal(
    leadSentences(`${first} ${second} Third sentence here.`, { maxSentences: 3, enoughWords: 80, maxWords: 50 }),
    first,
    'no sentence past the word limit once there are 25',
  );
});

test('indications in Title Case are written in sentence case; names of people and organisms keep their capitals', () => {
  const english = new Set([
    'mild',
    'to',
    'moderate',
    'type',
    'dementia',
    'infection',
    'chronic',
    'syndrome',
    'diabetes',
    'hypertension',
    'non',
    'small',
    'cell',
    'lung',
    'cancer',
  ]);
  const sc = (text: string) => sentenceCase(text, (w) => english.has(w));
  assert.equal(sc("Mild to Moderate Alzheimer's Type Dementia"), "mild to moderate Alzheimer's type dementia");
  assert.equal(sc('Type 2 Diabetes Mellitus'), 'type 2 diabetes mellitus');
  assert.equal(sc('Haemophilus Influenzae Infection'), 'Haemophilus Influenzae infection');
  assert.equal(sc('Zollinger-Ellison Syndrome'), 'Zollinger-Ellison syndrome');
  assert.equal(sc('HIV-1 Infection'), 'HIV-1 infection');
  assert.equal(sc('Non-Small Cell Lung Cancer'), 'non-small cell lung cancer');
  assert.equal(cleanIndication('Metastatic melanoma *and others (2021 approval)'), 'Metastatic melanoma and others');
  assert.equal(cleanIndication('CSCC, BCC(*), NSCLC(*)'), 'CSCC, BCC, NSCLC');
});

test('DrugCentral references become https links with their source named; a citation in words is no link', () => {
  assert.deepEqual(drugcentralReference('http://www.ncbi.nlm.nih.gov/pubmed/8637339'), {
    source: 'PubMed',
    label: 'PMID 8637339',
    url: 'https://pubmed.ncbi.nlm.nih.gov/8637339/',
  });
  assert.equal(
    drugcentralReference('https://www.ebi.ac.uk/chembl/compound/inspect/CHEMBL502')?.url,
    'https://www.ebi.ac.uk/chembl/compound_report_card/CHEMBL502/',
  );
  assert.equal(drugcentralReference('http://www.accessdata.fda.gov/drugsatfda_docs/label/2015/207103s000lbl.pdf')?.source, 'FDA label');
  assert.equal(drugcentralReference('http://dx.doi.org/10.1016/S0168-8278(14)61094-1')?.url, 'https://doi.org/10.1016/S0168-8278%2814%2961094-1');
  assert.equal(drugcentralReference('CAROPPO, R, EFFECT OF NIPEROTIDINE, Curr. Ther. Res., 1990'), undefined);
  assert.equal(drugcentralReference('http://eisai.jp/some/page'), undefined);
});

test('PharmGKB trade names: quoted lists, and no codes, salts or generic makers’ labels', () => {
  assert.deepEqual(pharmgkbList('"""UK-148,993"", ""Aricept ODT"""'.slice(1, -1).replace(/""/g, '"')), ['UK-148,993', 'Aricept ODT']);
  assert.deepEqual(pharmgkbList('Ibrance, PD 0332991'), ['Ibrance', 'PD 0332991']);
  assert.ok(isTradeName('Aricept ODT', 'donepezil'));
  assert.ok(!isTradeName('PD 0332991', 'palbociclib'));
  assert.ok(!isTradeName('LEE011', 'ribociclib'));
  assert.ok(!isTradeName('Apo-Metformin', 'metformin'));
  assert.ok(!isTradeName('Carbachol chloride', 'carbachol'));
  assert.ok(!isTradeName('Dimethylbiguanidine', 'metformin'));
});

test('an FDA class that contradicts every DrugCentral action of the drug is not used', () => {
  // DrugCentral 2016 files levodopa under carbidopa's class; its actions are agonist actions.
  assert.equal(classAgreesWithActions('Aromatic Amino Acid Decarboxylation Inhibitor', new Set(['AGONIST'])), false);
  assert.equal(classAgreesWithActions('Cholinesterase Inhibitor', new Set(['INHIBITOR'])), true);
  assert.equal(classAgreesWithActions('Benzodiazepine', new Set(['POSITIVE ALLOSTERIC MODULATOR'])), true);
  assert.equal(classAgreesWithActions('Beta-Adrenergic Blocker', new Set(['ANTAGONIST'])), true);
  assert.equal(classAgreesWithActions('Kinase Inhibitor', new Set()), true, 'no actions, nothing to contradict');
});
