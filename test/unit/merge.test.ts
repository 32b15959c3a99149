import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../src/core';
import { neverCancelled } from '../../src/core/types';
import { realTagger, realVocabulary } from '../helpers/vocabularies';
import { mergeTaggedSpans } from '../../src/core/recognize/tagged';

// How the tagger's spans and the vocabulary's terms combine (src/core/recognize/tagged.ts), as a writer sees it.

const service = createLanguageService({ vocabulary: realVocabulary(), tagger: realTagger() });

/** The entities of a sentence as 'text: kind'. */
async function entities(text: string): Promise<string[]> {
  const analysis = await service.analyze({ uri: `file:///notes/${encodeURIComponent(text.slice(0, 20))}.md`, version: 1, text }, neverCancelled);
  return analysis.entities.map((e) => `${e.text}: ${e.kind}`);
}

test('a protein that is also sold as a drug is the protein where the prose speaks of the protein', async () => {
  assert.deepEqual(await entities('Mutations that lower trypsin activity were found in the family.'), ['trypsin: gene']);
  assert.deepEqual(await entities('Antithrombin III deficiency was found in two siblings.'), ['Antithrombin III: gene']);
});

test('a protein drug the prose gives as a drug stays the drug, and so does a small molecule both taggers claim', async () => {
  assert.deepEqual(await entities('The patient was given recombinant interleukin-2 at high dose.'), ['recombinant interleukin-2: drug']);
  assert.deepEqual(await entities('Protein C concentrate was infused before surgery.'), ['Protein C concentrate: drug']);
  assert.deepEqual(await entities('Dopamine release in the striatum rose after amphetamine.'), ['Dopamine: drug', 'amphetamine: drug']);
});

test("a medicine's own name the gene tagger spans is the medicine when no gene has that name: 'Ocrelizumab depletes CD20+ B cells'", async () => {
  const note = 'SOD1 and C9orf72 are the commonest genes.\nOcrelizumab depletes CD20+ B cells in multiple sclerosis.';
  assert.deepEqual(await entities(note), ['SOD1: gene', 'C9orf72: gene', 'Ocrelizumab: drug']);
  assert.deepEqual(await entities('Etanercept was started for psoriatic arthritis.'), ['Etanercept: drug']);
});

test("an approved gene symbol of four or more capitals and digits is the gene without the tagger: 'inhibit COMT', 'HCN4'", async () => {
  assert.deepEqual(await entities('Entacapone and opicapone inhibit COMT.'), ['Entacapone: drug', 'opicapone: drug', 'COMT: gene']);
  assert.deepEqual(await entities('Ivabradine blocks the current through HCN4.'), ['Ivabradine: drug', 'HCN4: gene']);
  // Short or word-like symbols still need the tagger's agreement.
  assert.ok(!(await entities('The GC content of the fragment was high.')).some((e) => e.startsWith('GC')));
});

test("a drug's name with gene words beside it names the gene: no drug has a promoter", async () => {
  assert.deepEqual(await entities('The somatostatin gene is expressed in delta cells.'), ['somatostatin gene: gene']);
  assert.deepEqual(await entities('Urokinase promoter activity doubled.'), ['Urokinase promoter: gene']);
});

test("a gene the tagger spans over two of the vocabulary's terms is the last one's, in the tagger's bounds: 'PI3K p85' is PIK3R1", async () => {
  const text = 'Readouts by western blot: phospho-AKT, PI3K p85, mTORC1 activity through MEK/ERK.';
  const analysis = await service.analyze({ uri: 'file:///notes/subunit.md', version: 1, text }, neverCancelled);
  const shown = analysis.entities.map((e) => `${e.text}: ${e.canonical}`);
  assert.ok(shown.includes('PI3K p85: PIK3R1'), shown.join(', '));
  // A slash lists several: each keeps its own identity.
  assert.ok(!shown.some((s) => s.startsWith('MEK/ERK')), shown.join(', '));
});

test('identifiers written in prose name nothing: a DOI, a bare URL, an HGVS variant beside its gene', async () => {
  const text =
    'Results as reported (Xu et al., Nature Communications 2025, doi:10.1038/s41467-025-56096-2); ' +
    'see www.ncbi.nlm.nih.gov/gene/?term=ESR1 for the gene. Whether ESR1 p.(Tyr537Ser) changes sensitivity to palbociclib is open.';
  assert.deepEqual(await entities(text), ['ESR1: gene', 'palbociclib: drug']);
});

test('a database or a method is no gene nor chemical, and a gene the tagger spans with a word before it keeps its identity', async () => {
  const text = 'For the receptor gene, see ESR1 in NCBI Gene. Amplification was confirmed by ISH.';
  const analysis = await service.analyze({ uri: 'file:///notes/links.md', version: 1, text }, neverCancelled);
  const at = text.indexOf('ESR1');
  assert.deepEqual(
    analysis.entities.map((e) => [e.kind, e.canonical]),
    [['gene', 'ESR1']],
  );
  assert.ok(analysis.entities[0].start <= at && at + 4 <= analysis.entities[0].end);
});

test("a heading's or a sentence's first word of grammar is not part of the name the tagger found", async () => {
  assert.deepEqual(await entities('# Why aromatase inhibitors stop working'), ['aromatase: gene']);
  assert.deepEqual(await entities('Why aromatase matters in postmenopausal women is clear.'), ['aromatase: gene']);
});

test('a gene with a bare number after it is that gene in the bounds written, unless the number is a dose', async () => {
  const isoforms = 'The ROR alpha 1 and ROR alpha 2 isoforms bind DNA as monomers.';
  const analysis = await service.analyze({ uri: 'file:///notes/isoform.md', version: 1, text: isoforms }, neverCancelled);
  assert.deepEqual([analysis.entities[0].text, analysis.entities[0].kind, analysis.entities[0].canonical], ['ROR alpha 1', 'gene', 'RORA']);
  assert.deepEqual(await entities('Cells were treated with TNF-alpha 10 ng/mL for an hour.'), ['TNF-alpha: drug']);
});

test('genes written joined by hyphens are genes, not one chemical nobody named', async () => {
  const shown = await entities('It shares the structural arrangement of SH3-SH2-SH3 domains with Grb2.');
  assert.ok(shown.includes('SH2: gene'), shown.join(', '));
  assert.ok(!shown.some((e) => e.endsWith(': drug')), shown.join(', '));
});

test("a protein written in its own style is the gene, not a brand with the same letters: 'RelA' is RELA, 'Rela 350 mg' carisoprodol", async () => {
  const text = 'RelA and RelB form dimers with p50. Rela 350 mg was taken for back pain.';
  const analysis = await service.analyze({ uri: 'file:///notes/rela.md', version: 1, text }, neverCancelled);
  const named = (surface: string) => analysis.entities.find((e) => e.text === surface);
  assert.deepEqual([named('RelA')?.kind, named('RelA')?.canonical], ['gene', 'RELA']);
  assert.deepEqual([named('Rela')?.kind, named('Rela')?.canonical], ['drug', 'carisoprodol']);
});

test("no name runs from one sentence into the next: 'TNF. Loss of RelA' names TNF, not 'TNF. Loss'", async () => {
  const shown = await entities('Loss of STAT3 sensitises cells to TNF. Loss of RELA sensitises cells.');
  assert.ok(shown.includes('TNF: gene'), shown.join(', '));
  assert.ok(!shown.some((e) => e.includes('. ')), shown.join(', '));
});

test("a gene with a protein change after it is that gene: 'KRAS G12C', 'LRRK2 G2019S carriers'", async () => {
  const shown = await entities('KRAS G12C is targeted by sotorasib, and LRRK2 G2019S carriers were followed.');
  assert.ok(shown.includes('KRAS: gene') && shown.includes('LRRK2: gene'), shown.join(', '));
  assert.ok(!shown.some((e) => /G12C|G2019S/.test(e)), shown.join(', '));
});

test("a gene with a Greek letter is the gene whose symbol has that letter's Latin capital: 'GSK-3β' is GSK3B, 'IFN-gamma' IFNG", async () => {
  const text = 'GSK-3β phosphorylates tau, and IFN-γ (IFN-gamma) rose while PKCdelta fell.';
  const analysis = await service.analyze({ uri: 'file:///notes/greek.md', version: 1, text }, neverCancelled);
  const canonical = (surface: string) => analysis.entities.find((e) => e.text === surface)?.canonical;
  assert.deepEqual(['GSK-3β', 'IFN-γ', 'IFN-gamma', 'PKCdelta'].map(canonical), ['GSK3B', 'IFNG', 'IFNG', 'PRKCD']);
});

test("a gene's symbol in parentheses after its name is that gene, and so is the name: 'Tau (MAPT)', 'amyloid precursor protein (APP)'", async () => {
  const text = 'Tau (MAPT) aggregates in tangles. Amyloid precursor protein (APP) is cleaved by BACE1, and APP accumulates.';
  const analysis = await service.analyze({ uri: 'file:///notes/appositive.md', version: 1, text }, neverCancelled);
  const genes = analysis.entities.map((e) => `${e.text}: ${e.canonical}`);
  for (const expected of ['MAPT: MAPT', 'Amyloid precursor protein: APP', 'BACE1: BACE1']) assert.ok(genes.includes(expected), genes.join(', '));
  // Where the tagger reads 'Tau' as a gene (not always at a sentence's start), it is MAPT, never a gene not in HGNC.
  const midSentence = await service.analyze({ uri: 'file:///notes/appositive-2.md', version: 1, text: 'In tangles, Tau (MAPT) aggregates.' }, neverCancelled);
  assert.ok(
    midSentence.entities.some((e) => e.text === 'Tau' && e.canonical === 'MAPT'),
    midSentence.entities.map((e) => e.text).join(', '),
  );
  assert.ok(
    genes.filter((g) => g.startsWith('Tau:')).every((g) => g === 'Tau: MAPT'),
    genes.join(', '),
  );
  assert.equal(genes.filter((g) => g === 'APP: APP').length, 2, genes.join(', '));
});

test("a gene's symbol alone in parentheses is the gene, unless it abbreviates the words before it: 'prostaglandins F (PGF)' is no gene", async () => {
  const tau = await entities('The protein tau (MAPT) aggregates in tangles.');
  assert.ok(tau.includes('MAPT: gene'), tau.join(', '));
  assert.ok(!(await entities('Prostaglandins F (PGF) were measured in uterine veins.')).some((e) => e.startsWith('PGF')));
});

test("a sentence's opening word set off by a comma is no gene: 'Later, APP was high'", async () => {
  const shown = await entities('Amyloid precursor protein (APP) is cleaved. Later, APP was high.');
  assert.deepEqual(shown, ['Amyloid precursor protein: gene', 'APP: gene', 'APP: gene']);
});

test("words that say what a molecule is but not which one name nothing: 'mutant receptors', 'synthetase', 'mRNA'", async () => {
  assert.deepEqual(await entities('Both mutant receptors were expressed on the cell surface.'), []);
  // 'NO' is still nitric oxide; the synthetase alone is no mention.
  assert.deepEqual(await entities('Low levels of the mRNA of inducible NO synthetase were found.'), ['NO: drug']);
  // Nor does the abbreviation of one: each later 'mRNA' would be a chemical nobody named.
  const text = 'We measured messenger ribonucleic acid (mRNA) levels of angiotensinogen. Hepatic mRNA levels did not change.';
  assert.ok(!(await entities(text)).some((e) => e.startsWith('mRNA')), (await entities(text)).join(', '));
});

test('a span the tagger found and the vocabulary cannot name is shown unless its words name a class or no molecule', () => {
  const vocabulary = realVocabulary();
  const lookups = {
    resolve: () => undefined,
    isEnglishWord: (word: string) => vocabulary.isEnglishWord(word),
    isProteinDrug: () => false,
    isMedicine: () => false,
  };
  const shown = (text: string, tagged: string) => {
    const start = text.indexOf(tagged);
    return mergeTaggedSpans(text, [], [{ start, end: start + tagged.length, kind: 'gene' }], ['gene', 'chemical'], lookups).unresolved.map((u) => u.text);
  };
  assert.deepEqual(shown('Synapsins are synaptic proteins that take part in release.', 'synaptic proteins'), []);
  assert.deepEqual(shown('Both mutant receptors reached the surface.', 'mutant receptors'), []);
  assert.deepEqual(shown('Cytokine receptors were shed.', 'Cytokine receptors'), []);
  assert.deepEqual(shown('Cells infected with herpes simplex virus-1 (HSV-1) died.', 'HSV-1'), []);
  assert.deepEqual(shown('Fibroblasts contracted the collagen lattices.', 'collagen lattices'), []);
  // A protein the vocabulary does not know is still shown, with or without a word for what it is.
  assert.deepEqual(shown('The p230 protein binds the Golgi.', 'p230 protein'), ['p230 protein']);
  assert.deepEqual(shown('Chromatin binds hypothetical protein kinase X.', 'protein kinase X'), ['protein kinase X']);
});
