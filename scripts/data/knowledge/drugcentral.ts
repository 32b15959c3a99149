import { join } from 'node:path';
import type { Indication, KnowledgeReference, MechanismTarget } from '../../../src/core/vocabulary/knowledge';
import type { Drugcentral } from '../drugcentral';
import type { SourceInfo } from '../sources';
import { readTable, splitList } from '../table';
import type { DrugIndex } from './drugIndex';
import { drugcentralReference, sentenceCase } from './text';

export const drugcentralIndicationsFile = 'drugs/drugcentral_2016/drug_indication.tsv';
export const drugcentralStructuresFile = 'knowledge/drugcentral_webapp_structures_smiles.tsv.gz';

/** One DrugCentral mechanism row: an action on a human target, with the reference DrugCentral gives. */
export interface DrugcentralAction {
  action: string;
  target: MechanismTarget;
  reference?: KnowledgeReference;
}

/** What DrugCentral says of one drug entity. */
export interface DrugcentralFacts {
  drugcentralId: string;
  actions: DrugcentralAction[];
  fdaClasses: string[];
  indications: Indication[];
}

/**
 * DrugCentral's mechanisms (drug_target rows with an action type on a human target, and their
 * references), FDA Established Pharmacologic Classes and indications, by entity id; and the
 * DrugCentral id of every drug of its 2021 web-app structure list, for a link to its drug card.
 */
export async function readDrugcentralKnowledge(
  sourceDir: string,
  base: Drugcentral,
  drugs: DrugIndex,
  currentGeneSymbol: (symbol: string) => string,
  isEnglishWord: (word: string) => boolean,
  maxIndications: number,
): Promise<{ byEntity: Map<string, DrugcentralFacts>; drugcentralIds: Map<string, string>; sources: SourceInfo[] }> {
  // The identifier and target tables the vocabulary was built from, not read a second time.
  const targetTable = base.targetTable;
  const [indicationTable, structures] = await Promise.all([
    readTable(join(sourceDir, drugcentralIndicationsFile), { delimiter: '\t', quoted: false }),
    readTable(join(sourceDir, drugcentralStructuresFile), { delimiter: '\t', quoted: false }),
  ]);

  // DrugCentral's name of each drug id (the web app's INN, or the 2016 tables'), to tell which of its DrugBank ids is the drug.
  const nameOf = new Map<string, string>();
  {
    const id = structures.reader('ID');
    const inn = structures.reader('INN');
    for (const row of structures.rows) if (inn(row)) nameOf.set(id(row), inn(row));
    for (const table of [targetTable, indicationTable]) {
      const drug = table.reader('DRUG_ID');
      const name = table.reader('DRUG_NAME');
      for (const row of table.rows) if (!nameOf.has(drug(row)) && name(row)) nameOf.set(drug(row), name(row));
    }
  }
  // DrugCentral drug id → entity: DrugBank ids, then ChEMBL ids, CAS number, then the name DrugCentral uses.
  const entityOf = new Map<string, string | undefined>();
  const resolve = (drugId: string, chembl = '', cas = ''): string | undefined => {
    if (!entityOf.has(drugId)) {
      const ids = base.idsByDrug.get(drugId);
      const name = nameOf.get(drugId);
      entityOf.set(
        drugId,
        drugs.resolve({ drugbank: ids?.drugbank, chembl: [...(ids?.chembl ?? []), ...(chembl ? [chembl] : [])], cas: cas ? [cas] : [], names: name ? [name] : [] }),
      );
    }
    return entityOf.get(drugId);
  };

  const byEntity = new Map<string, DrugcentralFacts>();
  const factsOf = (entity: string, drugId: string): DrugcentralFacts => {
    let facts = byEntity.get(entity);
    if (!facts) byEntity.set(entity, (facts = { drugcentralId: drugId, actions: [], fdaClasses: [], indications: [] }));
    return facts;
  };

  {
    const drug = targetTable.reader('DRUG_ID');
    const chembl = targetTable.reader('CHEMBL_ID');
    const targetName = targetTable.reader('TARGET_NAME');
    const gene = targetTable.reader('GENE');
    const swissprot = targetTable.reader('SWISSPROT');
    const action = targetTable.reader('ACTION_TYPE');
    const reference = targetTable.reader('REFERENCE');
    for (const row of targetTable.rows) {
      if (action(row) === '' || !swissprot(row).split('|').some((entry) => entry.endsWith('_HUMAN'))) continue;
      const symbols = [...new Set(splitList(gene(row), '|').map(currentGeneSymbol))];
      if (symbols.length === 0) continue;
      const entity = resolve(drug(row), chembl(row));
      if (!entity) continue;
      const target: MechanismTarget = { genes: symbols, ...(targetName(row) ? { name: targetName(row) } : {}) };
      const ref = drugcentralReference(reference(row));
      factsOf(entity, drug(row)).actions.push({ action: action(row), target, ...(ref ? { reference: ref } : {}) });
    }
  }

  for (const entry of base.classes) {
    if (entry.type !== 'EPC') continue;
    const entity = resolve(entry.drugId);
    if (!entity) continue;
    const facts = factsOf(entity, entry.drugId);
    if (!facts.fdaClasses.includes(entry.name)) facts.fdaClasses.push(entry.name);
  }

  {
    const drug = indicationTable.reader('DRUG_ID');
    const text = indicationTable.reader('INDICATION_FDB');
    const doid = indicationTable.reader('DOID');
    const umls = indicationTable.reader('UMLS_CUI');
    // An indication the drug's FDA class-mates share is what the class is for ('Hypercholesterolemia'
    // for atorvastatin, like the other statins), where one listed for a combination product is not
    // ('Hypertension', from amlodipine with atorvastatin): class-mates sharing it rank it first.
    const classesOf = new Map<string, string[]>();
    const drugsOfClass = new Map<string, Set<string>>();
    for (const entry of base.classes) {
      if (entry.type !== 'EPC') continue;
      (classesOf.get(entry.drugId) ?? classesOf.set(entry.drugId, []).get(entry.drugId)!).push(entry.name);
      (drugsOfClass.get(entry.name) ?? drugsOfClass.set(entry.name, new Set()).get(entry.name)!).add(entry.drugId);
    }
    const drugsOfIndication = new Map<string, Set<string>>();
    for (const row of indicationTable.rows) {
      const key = text(row).toLowerCase();
      (drugsOfIndication.get(key) ?? drugsOfIndication.set(key, new Set()).get(key)!).add(drug(row));
    }
    const classMatesSharing = (drugId: string, indication: string): number => {
      const mates = new Set<string>();
      for (const c of classesOf.get(drugId) ?? []) for (const d of drugsOfClass.get(c) ?? []) if (d !== drugId) mates.add(d);
      let count = 0;
      for (const d of drugsOfIndication.get(indication.toLowerCase()) ?? []) if (mates.has(d)) count++;
      return count;
    };
    const rows = new Map<string, Array<{ text: string; shared: number; coded: number }>>();
    for (const row of indicationTable.rows) {
      const entity = resolve(drug(row));
      if (!entity || text(row) === '') continue;
      factsOf(entity, drug(row));
      let list = rows.get(entity);
      if (!list) rows.set(entity, (list = []));
      list.push({ text: text(row), shared: classMatesSharing(drug(row), text(row)), coded: (doid(row) ? 2 : 0) + (umls(row) ? 1 : 0) });
    }
    // Then indications coded in the disease ontologies, and short ones before long ones. When
    // class-mates share some of a drug's indications, those not shared are left out: the 2016
    // tables give some drugs another drug's list (cisplatin has erythromycin's infections), and a
    // wrong indication on a card is worse than a missing one.
    for (const [entity, all] of rows) {
      const seen = new Set<string>();
      const list = all.some((i) => i.shared > 0) ? all.filter((i) => i.shared > 0) : all;
      const sorted = list.sort((a, b) => b.shared - a.shared || b.coded - a.coded || a.text.length - b.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      for (const { text: indication } of sorted) {
        const key = indication.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        const facts = byEntity.get(entity)!;
        if (facts.indications.length < maxIndications) facts.indications.push({ text: sentenceCase(indication, isEnglishWord), source: 'DrugCentral' });
      }
    }
  }

  // The web app's structure list (2021): a DrugCentral id, and so a drug-card link, for drugs the 2016 tables lack.
  const drugcentralIds = new Map<string, string>();
  {
    const id = structures.reader('ID');
    const cas = structures.reader('CAS_RN');
    for (const row of structures.rows) {
      if (!/^\d+$/.test(id(row))) continue;
      const entity = resolve(id(row), '', cas(row));
      if (entity && !drugcentralIds.has(entity)) drugcentralIds.set(entity, id(row));
    }
    for (const [entity, facts] of byEntity) if (!drugcentralIds.has(entity)) drugcentralIds.set(entity, facts.drugcentralId);
  }

  const attribution = 'DrugCentral (drugcentral.org), Ursu et al.';
  return {
    byEntity,
    drugcentralIds,
    sources: [
      {
        file: drugcentralIndicationsFile,
        what: 'DrugCentral indications (First Databank wording): shown on drug cards',
        version: 'DrugCentral 2016-11 (lacks drugs approved after 2016)',
        licence: 'CC BY 4.0',
        attribution,
        rows: indicationTable.rows.length,
      },
      {
        file: drugcentralStructuresFile,
        what: 'DrugCentral web-app structure list (DrugCentral id, INN, CAS): links drug cards to their DrugCentral page',
        version: 'DrugCentral web app snapshot, about 2021 (unmtransinfo/DrugCentral-2023)',
        licence: 'CC BY-SA 4.0',
        attribution,
        rows: structures.rows.length,
      },
    ],
  };
}
