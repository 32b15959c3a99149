import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildData } from '../../scripts/build-data';
import { recognize } from '../../src/core/recognize/recognizer';
import { dataFiles } from '../../src/core/vocabulary/lexicon';
import { loadVocabulary } from '../../src/node/vocabulary';
import { createLanguageService, neverCancelled } from '../../src/core';
import { unpackSections } from '../../src/core/vocabulary/packed';
import type { KnowledgeMeta } from '../../src/core/vocabulary/knowledge';
import { prepareSourceFixtures } from '../helpers/sourceFixtures';

/** The whole data build — sources, curated overlay, English words — on small fixture files. */
let sourceDir = '';
let work = '';

const cards = [
  {
    id: 'HGNC:7107',
    kind: 'gene',
    canonical: 'MKI67',
    name: 'marker of proliferation Ki-67',
    synonyms: ['Ki-67', 'Ki67'],
    caseSensitiveSynonyms: ['Ki-67', 'Ki67'],
    summary: 'A nuclear protein present in cycling cells.',
    citations: ['PMID:21960707'],
  },
  {
    id: 'biolens:biomarker/ki67-index',
    kind: 'biomarker',
    canonical: 'Ki-67 index',
    name: 'Ki-67 proliferation index',
    synonyms: ['Ki-67 index'],
    gene: 'HGNC:7107',
  },
];
const citations = {
  'PMID:21960707': {
    pmid: '21960707',
    doi: '10.1093/jnci/djr393',
    title: 'Assessment of Ki67 in breast cancer',
    journal: 'J Natl Cancer Inst',
    year: 2011,
    verified: 'test fixture',
  },
};

function writeCurated(dir: string, cardList: unknown, citationIndex: unknown): string {
  fs.mkdirSync(path.join(dir, 'cards'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'cards', 'test.json'), JSON.stringify(cardList));
  fs.writeFileSync(path.join(dir, 'citations.json'), JSON.stringify(citationIndex));
  return dir;
}

async function build(outName: string, curatedDir = path.join(work, 'curated')) {
  const outDir = path.join(work, outName);
  await buildData({ sourceDir, outDir, curatedDir, englishWordsFile: path.join(work, 'words.txt') });
  return outDir;
}

before(async () => {
  sourceDir = await prepareSourceFixtures();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'biolens-build-'));
  fs.writeFileSync(path.join(work, 'words.txt'), 'the\nof\nneu\nmet\n');
  writeCurated(path.join(work, 'curated'), cards, citations);
});

after(() => {
  fs.rmSync(sourceDir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

test('the built vocabulary recognises names from every source and the overlay', async () => {
  const vocabulary = loadVocabulary(await build('data'));
  const text = 'HER-2/neu, Ibrance (PD-0332991), Femara and a high Ki-67 index; Ki67 alone is the gene.';
  const found = recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions.map((m) => `${m.text}=${m.canonical}`);
  assert.deepEqual(found, ['HER-2/neu=ERBB2', 'Ibrance=palbociclib', 'PD-0332991=palbociclib', 'Femara=letrozole', 'Ki-67 index=Ki-67 index', 'Ki67=MKI67']);
  const biomarker = vocabulary.entity(recognize('Ki-67 index', [{ start: 0, end: 11 }], vocabulary).mentions[0].entity);
  assert.equal(biomarker.geneSymbol, 'MKI67');
  assert.equal(biomarker.curated, true);
});

test("a combination brand is a drug of its own whose card names its ingredients: 'Sinemet' is carbidopa/levodopa", async () => {
  const vocabulary = loadVocabulary(await build('combinations'));
  const text = 'Sinemet was increased; carbidopa and levodopa are its ingredients.';
  const found = recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions.map((m) => `${m.text}=${m.canonical}`);
  assert.deepEqual(found, ['Sinemet=carbidopa/levodopa', 'carbidopa=carbidopa', 'levodopa=levodopa']);
  const service = createLanguageService({ vocabulary });
  const card = await service.hover({ uri: 'file:///note.md', version: 1, text }, 2, neverCancelled);
  assert.match(card?.markdown ?? '', /A fixed-dose combination of carbidopa and levodopa/);
  assert.match(card?.markdown ?? '', /\*\*Ingredients:\*\* \[carbidopa\]\(https:\/\/go\.drugbank\.com\/drugs\/DB00190\), \[levodopa\]/);
  assert.match(card?.markdown ?? '', /\*\*Brands:\*\* Atamet, Sinemet/);
});

test('the build is deterministic and records each source with its licence', async () => {
  const a = await build('a');
  const b = await build('b');
  for (const file of Object.values(dataFiles)) assert.ok(fs.readFileSync(path.join(a, file)).equals(fs.readFileSync(path.join(b, file))), file);
  const sources = fs.readFileSync(path.join(a, dataFiles.sources), 'utf8');
  for (const licence of ['CC0', 'MIT', 'CC BY 4.0']) assert.match(sources, new RegExp(licence));
  assert.match(sources, /HGNC/);
});

test('a curated overlay with a citation it does not define is refused with the reason', async () => {
  const broken = writeCurated(path.join(work, 'broken'), [{ ...cards[0], citations: ['PMID:1'] }], citations);
  await assert.rejects(build('never', broken), /citation PMID:1 is not in citations\.json/);
});

test('the build writes what cards say from the knowledge sources, and records their digests and licences', async () => {
  const dir = await build('knowledge');
  const service = createLanguageService({ vocabulary: loadVocabulary(dir) });

  const erbb2 = service.explain('ERBB2')!;
  assert.match(erbb2, /receptor tyrosine kinase of the epidermal growth factor receptor family\. The encoded protein/);
  assert.doesNotMatch(erbb2, /transcript variants/, 'the sentence about transcripts is left out');
  assert.match(erbb2, /NCBI RefSeq summary, reviewed/);
  assert.match(erbb2, /17q12/);
  assert.match(erbb2, /\*\*Gene group:\*\* Erb-b2 receptor tyrosine kinases; CD molecules/);
  // The papers linked to the fewest genes, the oldest first among equals.
  assert.match(erbb2, /\*\*Key papers:\*\* \[PMID 1000\].* · \[PMID 3000\].* · \[PMID 2000\]/);

  const letrozole = service.explain('letrozole')!;
  assert.match(letrozole, /Letrozole inhibits aromatase \(CYP19A1\); it is indicated for hormone receptor positive breast cancer/i);
  assert.match(
    letrozole,
    /\[Guide to Pharmacology\]\(https:\/\/www\.guidetopharmacology\.org\/GRAC\/LigandDisplayForward\?ligandId=5212\)/,
    'an http reference becomes https',
  );
  assert.match(letrozole, /\[FDA label \(DailyMed\)\]/);
  assert.doesNotMatch(letrozole, /Apo-Letrozole|Letrozol Teva|CGS 20267\b.*Brands/, 'maker labels and codes are not brands');

  const palbociclib = service.explain('palbociclib')!;
  assert.match(
    palbociclib,
    /\*\*Mechanism:\*\* inhibits cyclin-dependent kinase 4 \(CDK4\) \*\(DrugCentral\)\* · \[FDA label\]\(https:\/\/www\.accessdata\.fda\.gov\//,
  );
  assert.match(palbociclib, /\*\*Approved:\*\* FDA 2015 \(Ibrance\) \*\(Open Targets\)\*/);
  assert.match(palbociclib, /\*\*Brands:\*\* Ibrance, Palbonix/);
  assert.doesNotMatch(palbociclib, /Comboza/, 'a combination product describes no single drug');
  assert.match(service.explain('lerociclib')!, /\*\*Mechanism:\*\* targets CDK4 \*\(Open Targets\)\*/, 'an amended mechanism');

  const sources = fs.readFileSync(path.join(dir, dataFiles.sources), 'utf8');
  for (const file of [
    'knowledge/refseq_human_gene_summaries.tsv.gz',
    'knowledge/gene2pubmed_human_2019.tsv.gz',
    'knowledge/pharmgkb_chemicals_2023-12.tsv.gz',
    'knowledge/ot_fda_novel_approvals_2013_2023.tsv.gz',
  ]) {
    assert.match(sources, new RegExp(`\\| ${file.replace(/\./g, '\\.')} \\|`), file);
    assert.match(sources, new RegExp(`\`${file.replace(/\./g, '\\.')}\`: \`[0-9a-f]{64}\``), `${file} digest`);
  }
  assert.match(sources, /CC BY-SA 4\.0/);
  const meta = unpackSections<KnowledgeMeta>(fs.readFileSync(path.join(dir, dataFiles.knowledge)), 'knowledge').meta;
  assert.match(meta.inputs['knowledge/refseq_human_gene_summaries.tsv.gz'], /^[0-9a-f]{64}$/);
  assert.equal(meta.settings.keyReferences, 3);
});
