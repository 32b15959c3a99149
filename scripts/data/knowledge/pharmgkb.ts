import { join } from 'node:path';
import type { KnowledgeReference } from '../../../src/core/vocabulary/knowledge';
import type { SourceInfo } from '../sources';
import { readTable, type Table } from '../table';
import type { DrugIndex } from './drugIndex';

export const pharmgkbChemicalsFile = 'knowledge/pharmgkb_chemicals_2023-12.tsv.gz';

export interface PharmgkbFacts {
  accession: string;
  tradeNames: string[];
  label?: KnowledgeReference;
}

/** The items of a PharmGKB list cell: `"a", "b, c"` or `a, b`. */
export function pharmgkbList(cell: string): string[] {
  const items: string[] = [];
  const item = /\s*(?:"((?:[^"]|"")*)"|([^,]+))/g;
  for (let m = item.exec(cell); m; m = item.exec(cell)) {
    const value = (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]).trim();
    if (value) items.push(value);
  }
  return items;
}

/** Words that make a 'trade name' a chemical or salt name ('Carbachol chloride', 'Benzoic acid benzyl ester'). */
const chemicalWord = /\b(acid|ester|chloride|hydrochloride|sodium|potassium|calcium|sulfate|sulphate|phosphate|acetate|citrate|maleate|tartrate|mesylate|bromide|salt|hcl|usp|bp|ep)\b|methyl|ethyl|propyl|butyl|phenyl|amino|hydroxy|guanid|oxide/i;

/**
 * Whether a PharmGKB trade name is a brand a card may show: one to three capitalised words, no
 * digits (development codes such as LEE011 are listed as trade names too), no chemical or salt
 * word, and not a generic maker's label of the drug ('Apo-Metformin').
 */
export function isTradeName(name: string, generic: string): boolean {
  if (!/^[A-Z][A-Za-z-]*( [A-Za-z][A-Za-z-]*){0,2}$/.test(name)) return false;
  if (name.replace(/[^A-Za-z]/g, '').length < 4 || chemicalWord.test(name)) return false;
  return !name.toLowerCase().includes(generic.toLowerCase());
}

/** PharmGKB chemicals by entity id (joined on DrugBank id, then name): accession, trade names and an FDA label on DailyMed. */
/** The PharmGKB chemicals table, read once per build: the vocabulary takes its brand mixtures, the knowledge the rest. */
export function readPharmgkbTable(sourceDir: string): Promise<Table> {
  return readTable(join(sourceDir, pharmgkbChemicalsFile), { delimiter: '\t', quoted: true });
}

export function readPharmgkb(table: Table, drugs: DrugIndex): { byEntity: Map<string, PharmgkbFacts>; source: SourceInfo } {
  const accession = table.reader('PharmGKB Accession Id');
  const name = table.reader('Name');
  const tradeNames = table.reader('Trade Names');
  const crossReferences = table.reader('Cross-references');
  const type = table.reader('Type');
  const byEntity = new Map<string, PharmgkbFacts>();
  for (const row of table.rows) {
    if (!/\bDrug\b/.test(type(row)) || !/^PA\d+$/.test(accession(row))) continue;
    const refs = crossReferences(row);
    const drugbank = [...refs.matchAll(/DrugBank:(DB\d{5})/g)].map((m) => m[1]);
    const entity = drugs.resolve({ drugbank, names: [name(row)] });
    if (!entity || byEntity.has(entity)) continue;
    const setid = /FDA Drug Label at DailyMed:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(refs)?.[1];
    byEntity.set(entity, {
      accession: accession(row),
      tradeNames: pharmgkbList(tradeNames(row)).filter((trade) => isTradeName(trade, name(row))),
      ...(setid
        ? { label: { source: 'DailyMed', label: 'FDA label (DailyMed)', url: `https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=${setid}`, supports: 'prescribing information' } }
        : {}),
    });
  }
  return {
    byEntity,
    source: {
      file: pharmgkbChemicalsFile,
      what: 'PharmGKB chemicals: trade names, PharmGKB accessions and FDA labels (DailyMed) of drugs, shown on drug cards',
      version: 'PharmGKB 2023-12',
      licence: 'CC BY-SA 4.0',
      attribution: 'PharmGKB (pharmgkb.org), Whirl-Carrillo et al.; trade names and label links shared under CC BY-SA 4.0',
      rows: table.rows.length,
    },
  };
}
