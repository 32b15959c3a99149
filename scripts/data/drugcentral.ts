import { join } from 'node:path';
import type { SourceInfo } from './sources';
import { readTable, splitList, type Table } from './table';

export const drugcentralIdentifiersFile = 'drugs/drugcentral_2016/identifiers.tsv';
export const drugcentralTargetsFile = 'drugs/drugcentral_2016/drug_target.tsv';
export const drugcentralClassesFile = 'drugs/drugcentral_2016/pharm_class.tsv';

const drugcentralVersion = 'DrugCentral 2016-11 (lacks drugs approved after 2016)';
const drugcentralAttribution = 'DrugCentral (drugcentral.org), Ursu et al.';

/** External ids of one DrugCentral drug. */
export interface DrugcentralIds {
  drugbank: string[];
  chembl: string[];
  meshDescriptors: string[];
  meshSupplementary: string[];
}

export interface DrugcentralTarget {
  drugId: string;
  chemblId: string;
  genes: string[];
  /** 'INHIBITOR', 'AGONIST'…, '' when DrugCentral records no mechanism of action. */
  actionType: string;
}

export interface DrugcentralClass {
  drugId: string;
  type: 'EPC' | 'MoA';
  name: string;
}

export interface Drugcentral {
  idsByDrug: Map<string, DrugcentralIds>;
  /** Human targets only. */
  targets: DrugcentralTarget[];
  /** FDA Established Pharmacologic Class and Mechanism of Action only. */
  classes: DrugcentralClass[];
  /** The drug_target table as read, for the cards' mechanisms (its names, target names, references). */
  targetTable: Table;
  sources: SourceInfo[];
}

export async function readDrugcentral(sourceDir: string): Promise<Drugcentral> {
  const [identifiers, targetTable, classTable] = await Promise.all([
    readTable(join(sourceDir, drugcentralIdentifiersFile), { delimiter: '\t', quoted: true }),
    readTable(join(sourceDir, drugcentralTargetsFile), { delimiter: '\t', quoted: false }),
    readTable(join(sourceDir, drugcentralClassesFile), { delimiter: '\t', quoted: false }),
  ]);

  const idsByDrug = new Map<string, DrugcentralIds>();
  {
    const drug = identifiers.reader('DRUG_ID');
    const type = identifiers.reader('ID_TYPE');
    const value = identifiers.reader('IDENTIFIER');
    const field: Record<string, keyof DrugcentralIds> = {
      DRUGBANK_ID: 'drugbank',
      ChEMBL_ID: 'chembl',
      MESH_DESCRIPTOR_UI: 'meshDescriptors',
      MESH_SUPPLEMENTAL_RECORD_UI: 'meshSupplementary',
    };
    for (const row of identifiers.rows) {
      const key = field[type(row)];
      if (!key || value(row) === '') continue;
      let ids = idsByDrug.get(drug(row));
      if (!ids) {
        ids = { drugbank: [], chembl: [], meshDescriptors: [], meshSupplementary: [] };
        idsByDrug.set(drug(row), ids);
      }
      if (!ids[key].includes(value(row))) ids[key].push(value(row));
    }
  }

  const targets: DrugcentralTarget[] = [];
  {
    const drug = targetTable.reader('DRUG_ID');
    const chembl = targetTable.reader('CHEMBL_ID');
    const gene = targetTable.reader('GENE');
    const swissprot = targetTable.reader('SWISSPROT');
    const action = targetTable.reader('ACTION_TYPE');
    for (const row of targetTable.rows) {
      // SwissProt entry names end in the species: only human proteins name human genes.
      if (!swissprot(row).split('|').some((entry) => entry.endsWith('_HUMAN'))) continue;
      const genes = splitList(gene(row), '|');
      if (genes.length) targets.push({ drugId: drug(row), chemblId: chembl(row), genes, actionType: action(row) });
    }
  }

  const classes: DrugcentralClass[] = [];
  {
    const drug = classTable.reader('DRUG_ID');
    const type = classTable.reader('TYPE');
    const name = classTable.reader('CLASS');
    const source = classTable.reader('SOURCE');
    for (const row of classTable.rows) {
      const t = type(row);
      if (source(row) === 'FDA' && (t === 'EPC' || t === 'MoA') && name(row) !== '') {
        classes.push({ drugId: drug(row), type: t, name: name(row) });
      }
    }
  }

  const licence = 'CC BY 4.0';
  return {
    idsByDrug,
    targets,
    classes,
    targetTable,
    sources: [
      {
        file: drugcentralIdentifiersFile,
        what: 'DrugCentral identifiers: DrugBank, ChEMBL and MeSH ids of DrugCentral drugs',
        version: drugcentralVersion,
        licence,
        attribution: drugcentralAttribution,
        rows: identifiers.rows.length,
      },
      {
        file: drugcentralTargetsFile,
        what: 'DrugCentral drug targets: target gene symbols and action types',
        version: drugcentralVersion,
        licence,
        attribution: drugcentralAttribution,
        rows: targetTable.rows.length,
      },
      {
        file: drugcentralClassesFile,
        what: 'DrugCentral pharmacological classes: FDA Established Pharmacologic Class and Mechanism of Action',
        version: drugcentralVersion,
        licence,
        attribution: drugcentralAttribution,
        rows: classTable.rows.length,
      },
    ],
  };
}
