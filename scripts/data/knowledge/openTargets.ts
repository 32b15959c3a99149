import { join } from 'node:path';
import type { SourceInfo } from '../sources';
import { parseDelimited, readTable, readText, splitList } from '../table';
import type { DrugIndex } from './drugIndex';

export const otApprovalsFile = 'knowledge/ot_fda_novel_approvals_2013_2023.tsv.gz';
export const otAmendedMechanismsFile = 'knowledge/ot_amend_moas.csv.gz';

/** One FDA novel approval of a single drug, as Open Targets lists it. */
export interface OpenTargetsApproval {
  chemblId: string;
  brand: string;
  year: number;
  /** Short mechanism phrase ('CDK4/6 inhibitor'), '' when Open Targets has none. */
  phrase: string;
  indication: string;
  /** Approved HGNC symbols of its targets, including the amended mechanisms. */
  targets: string[];
}

/**
 * Open Targets marks indications approved later with asterisks ('Metastatic melanoma *and others
 * (2021 approval)', 'CSCC, BCC(*), NSCLC(*)'): the marks go, the indications stay.
 */
export function cleanIndication(text: string): string {
  return text
    .replace(/\s*\(\*\)/g, '')
    .replace(/\s*\(\d{4} approvals?\)/g, '')
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;)])/g, '$1')
    .replace(/[.\s]+$/, '')
    .trim();
}

/** Phrases that say no mechanism. */
const noMechanism = /^(na|mechanism unknown|unknown|)$/i;

/**
 * Open Targets' FDA novel approvals 2013–2023 (mechanism phrase, indication, year, targets) with
 * its hand-curated amendments of mechanisms ChEMBL lacks, by entity id. Combination products
 * ('Sofosbuvir, velpatasvir') describe no single drug and are left out.
 */
export async function readOpenTargets(
  sourceDir: string,
  drugs: DrugIndex,
  symbolOfEnsembl: (ensembl: string) => string | undefined,
): Promise<{ byEntity: Map<string, OpenTargetsApproval>; amendedByEntity: Map<string, string[]>; sources: SourceInfo[] }> {
  const [approvals, amendedText] = await Promise.all([
    readTable(join(sourceDir, otApprovalsFile), { delimiter: '\t', quoted: false }),
    readText(join(sourceDir, otAmendedMechanismsFile)),
  ]);
  const byEntity = new Map<string, OpenTargetsApproval>();
  {
    const chembl = approvals.reader('drugId');
    const brand = approvals.reader('brandDrugName');
    const original = approvals.reader('originalDrugName');
    const phrase = approvals.reader('properties');
    const indication = approvals.reader('indication');
    const year = approvals.reader('yearApproval');
    const targets = approvals.reader('targetIds');
    for (const row of approvals.rows) {
      if (chembl(row).includes(',') || original(row).includes(',')) continue;
      const entity = drugs.resolve({ chembl: chembl(row) ? [chembl(row)] : [], names: [original(row)] });
      if (!entity || !/^\d{4}$/.test(year(row))) continue;
      const symbols = splitList(targets(row), ',')
        .map(symbolOfEnsembl)
        .filter((s): s is string => s !== undefined);
      const approval: OpenTargetsApproval = {
        chemblId: chembl(row),
        brand: brand(row),
        year: Number(year(row)),
        phrase: noMechanism.test(phrase(row)) ? '' : phrase(row),
        indication: indication(row) === 'NA' ? '' : cleanIndication(indication(row)),
        targets: [...new Set(symbols)].sort(),
      };
      // A drug approved twice (two brands) keeps its first approval.
      const kept = byEntity.get(entity);
      if (!kept || approval.year < kept.year) byEntity.set(entity, approval);
    }
  }

  const amendedByEntity = new Map<string, string[]>();
  const amendedRows = parseDelimited(amendedText, { delimiter: ',', quoted: true });
  const header = amendedRows.shift() ?? [];
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`${otAmendedMechanismsFile}: no column "${name}" (has: ${header.join(', ')})`);
    return index;
  };
  const [drugColumn, chemblColumn, targetColumn] = [column('Drug'), column('chemblIds'), column('targetId')];
  for (const row of amendedRows) {
    const chemblIds = splitList(row[chemblColumn] ?? '', ',');
    if (chemblIds.length !== 1) continue;
    const entity = drugs.resolve({ chembl: chemblIds, names: [row[drugColumn] ?? ''] });
    const symbol = symbolOfEnsembl((row[targetColumn] ?? '').trim());
    if (!entity || !symbol) continue;
    const list = amendedByEntity.get(entity) ?? [];
    if (!list.includes(symbol)) list.push(symbol);
    amendedByEntity.set(entity, list.sort());
    const approval = byEntity.get(entity);
    if (approval && !approval.targets.includes(symbol)) approval.targets = [...approval.targets, symbol].sort();
  }

  const attribution = 'Open Targets (github.com/opentargets/approvalsSupport), from FDA novel drug approvals';
  return {
    byEntity,
    amendedByEntity,
    sources: [
      {
        file: otApprovalsFile,
        what: 'Open Targets FDA novel approvals 2013–2023: mechanism phrase, indication, approval year and targets of each new drug',
        version: 'Open Targets approvalsSupport, 2024-04',
        licence: 'Apache-2.0',
        attribution,
        rows: approvals.rows.length,
      },
      {
        file: otAmendedMechanismsFile,
        what: 'Open Targets amended mechanisms: drug-to-target mechanisms missing from ChEMBL',
        version: 'Open Targets approvalsSupport, 2024-04',
        licence: 'Apache-2.0',
        attribution,
        rows: amendedRows.length,
      },
    ],
  };
}
