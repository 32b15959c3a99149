import { join } from 'node:path';
import type { SourceInfo } from './sources';
import { readTable } from './table';

export const fdsFile = 'drugs/fds_drug_ner_variants.tsv.gz';

/**
 * One name variant of a drug. `isBrand` is 'True' for variants the source flags as brands,
 * 'False' for the drug's own canonical name, and '' for every other variant (which may be a
 * brand, a spelling in another language or a MeSH entry term).
 */
export interface FdsVariant {
  variant: string;
  canonical: string;
  isBrand: string;
  drugbankId: string;
}

export async function readFds(sourceDir: string): Promise<{ variants: FdsVariant[]; source: SourceInfo }> {
  const table = await readTable(join(sourceDir, fdsFile), { delimiter: '\t', quoted: false });
  const variant = table.reader('variant');
  const canonical = table.reader('canonical');
  const isBrand = table.reader('is_brand');
  const drugbankId = table.reader('drugbank_id');
  const variants: FdsVariant[] = [];
  for (const row of table.rows) {
    if (variant(row) === '' || canonical(row) === '') continue;
    variants.push({ variant: variant(row), canonical: canonical(row), isBrand: isBrand(row), drugbankId: drugbankId(row) });
  }
  return {
    variants,
    source: {
      file: fdsFile,
      what: 'Drug name variants with brand names (Fast Data Science drug named-entity recognition)',
      version: 'drug-named-entity-recognition 2.0.9 (2025-04)',
      licence: 'MIT (compiled from DrugBank CC0, MeSH, Wikipedia CC BY-SA, MedlinePlus)',
      attribution: 'Fast Data Science, drug_named_entity_recognition (github.com/fastdatascience/drug_named_entity_recognition)',
      rows: table.rows.length,
    },
  };
}
