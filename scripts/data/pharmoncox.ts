import { join } from 'node:path';
import type { SourceInfo } from './sources';
import { readTable, splitList } from './table';

export const pharmoncoxSynonymsFile = 'drugs/pharmoncox_compound_synonyms_2022-06-02.tsv.gz';
export const pharmoncoxTargetsFile = 'drugs/pharmoncox_targets_druggable_2022-07-27.tsv';

const pharmoncoxLicence = 'NCI Thesaurus CC BY 4.0; ChEMBL CC BY-SA 3.0';

/** NCI display names carry a few HTML entities ('Baker&apos;s Yeast'). */
function decodeEntities(text: string): string {
  return text.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** One alias row: an alias of the oncology drug with this NCI Thesaurus display name. */
export interface OncologyAlias {
  alias: string;
  displayName: string; // 'Palbociclib'
  chemblId: string; // '' when none
}

export async function readPharmoncoxSynonyms(
  sourceDir: string,
): Promise<{ aliases: OncologyAlias[]; source: SourceInfo }> {
  // Not quoted: chemical names contain bare `"` (double primes).
  const table = await readTable(join(sourceDir, pharmoncoxSynonymsFile), { delimiter: '\t', quoted: false });
  const alias = table.reader('alias');
  const displayName = table.reader('nci_concept_display_name');
  const chembl = table.reader('molecule_chembl_id');
  const aliases: OncologyAlias[] = [];
  for (const row of table.rows) {
    if (alias(row) === '' || displayName(row) === '') continue;
    aliases.push({ alias: decodeEntities(alias(row)), displayName: decodeEntities(displayName(row)), chemblId: chembl(row) });
  }
  return {
    aliases,
    source: {
      file: pharmoncoxSynonymsFile,
      what: 'pharmOncoX compound synonyms: development codes and brand names of oncology drugs',
      version: 'oncoPharmaDB 0.8.1, 2022-06-02',
      licence: pharmoncoxLicence,
      attribution: 'pharmOncoX (github.com/sigven/pharmOncoX), from NCI Thesaurus and ChEMBL',
      rows: table.rows.length,
    },
  };
}

/** Drugs (by NCI display name) acting on a target gene. */
export interface OncologyTarget {
  symbol: string;
  drugNames: string[];
}

export async function readPharmoncoxTargets(
  sourceDir: string,
): Promise<{ targets: OncologyTarget[]; source: SourceInfo }> {
  const table = await readTable(join(sourceDir, pharmoncoxTargetsFile), { delimiter: '\t', quoted: false });
  const symbol = table.reader('symbol');
  const drugs = table.reader('nci_concept_display_name');
  const targets: OncologyTarget[] = [];
  for (const row of table.rows) {
    if (symbol(row) === '') continue;
    targets.push({ symbol: symbol(row), drugNames: splitList(decodeEntities(drugs(row)), '|') });
  }
  return {
    targets,
    source: {
      file: pharmoncoxTargetsFile,
      what: 'pharmOncoX druggable targets: target gene symbol to the oncology drugs acting on it',
      version: '2022-07-27',
      licence: `${pharmoncoxLicence}; Open Targets CC0`,
      attribution: 'pharmOncoX (github.com/sigven/pharmOncoX), from NCI Thesaurus, ChEMBL and Open Targets',
      rows: table.rows.length,
    },
  };
}
