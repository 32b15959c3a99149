import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const fixtureDir = join(__dirname, '..', 'fixtures', 'sources');
/** The fixtures are plain text; the real files with these names are gzipped. */
const gzippedFiles = [
  'genes/hgnc_complete_set_2024-10-18.txt',
  'genes/ncbi_gene_human_2022-09-12.tsv',
  'drugs/drugbank_open_vocabulary.csv',
  'drugs/fds_drug_ner_variants.tsv',
  'drugs/pharmoncox_compound_synonyms_2022-06-02.tsv',
  'knowledge/refseq_human_gene_summaries.tsv',
  'knowledge/gene2pubmed_human_2019.tsv',
  'knowledge/ot_fda_novel_approvals_2013_2023.tsv',
  'knowledge/ot_amend_moas.csv',
  'knowledge/drugcentral_webapp_structures_smiles.tsv',
  'knowledge/pharmgkb_chemicals_2023-12.tsv',
];

/** Copies the small source fixtures into a temporary folder laid out like the real downloads. */
export async function prepareSourceFixtures(): Promise<string> {
  const sourceDir = await mkdtemp(join(tmpdir(), 'biolens-sources-'));
  await cp(fixtureDir, sourceDir, { recursive: true });
  for (const file of gzippedFiles) {
    const path = join(sourceDir, file);
    await writeFile(`${path}.gz`, gzipSync(await readFile(path)));
    await rm(path);
  }
  return sourceDir;
}
