import { join } from 'node:path';
import type { SourceInfo } from './sources';
import { readTable, splitList } from './table';

export const drugbankFile = 'drugs/drugbank_open_vocabulary.csv.gz';

export interface DrugbankDrug {
  id: string; // 'DB01006'
  name: string; // 'Letrozole'
  cas: string;
  unii: string;
  synonyms: string[];
}

export async function readDrugbank(sourceDir: string): Promise<{ drugs: DrugbankDrug[]; source: SourceInfo }> {
  const table = await readTable(join(sourceDir, drugbankFile), { delimiter: ',', quoted: true });
  const id = table.reader('DrugBank ID');
  const name = table.reader('Common name');
  const cas = table.reader('CAS');
  const unii = table.reader('UNII');
  const synonyms = table.reader('Synonyms');
  const drugs: DrugbankDrug[] = [];
  for (const row of table.rows) {
    if (id(row) === '' || name(row) === '') continue;
    drugs.push({ id: id(row), name: name(row), cas: cas(row), unii: unii(row), synonyms: splitList(synonyms(row), ' | ') });
  }
  return {
    drugs,
    source: {
      file: drugbankFile,
      what: 'DrugBank open-data vocabulary: drug ids, common names, synonyms, CAS and UNII',
      version: 'DrugBank open-data vocabulary, 2025/2026 release',
      licence: 'CC0 1.0',
      attribution: 'DrugBank (go.drugbank.com), open-data vocabulary',
      rows: table.rows.length,
    },
  };
}
