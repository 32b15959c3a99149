import { join } from 'node:path';
import type { SourceInfo } from '../sources';
import { readTable } from '../table';

export const refseqSummariesFile = 'knowledge/refseq_human_gene_summaries.tsv.gz';

export interface RefseqSummary {
  accession: string;
  /** 'REVIEWED', 'VALIDATED', 'PROVISIONAL', 'INFERRED'. */
  status: string;
  summary: string;
}

/** The NCBI RefSeq summary of each human gene, by Entrez Gene id. */
export async function readRefseqSummaries(sourceDir: string): Promise<{ byEntrez: Map<string, RefseqSummary>; source: SourceInfo }> {
  const table = await readTable(join(sourceDir, refseqSummariesFile), { delimiter: '\t', quoted: false });
  const gene = table.reader('gene_id');
  const accession = table.reader('refseq_accession');
  const status = table.reader('review_status');
  const summary = table.reader('summary');
  const byEntrez = new Map<string, RefseqSummary>();
  for (const row of table.rows) {
    const text = summary(row);
    if (gene(row) === '' || text === '' || !/^[NX][MR]_\d+(\.\d+)?$/.test(accession(row))) continue;
    byEntrez.set(gene(row), { accession: accession(row), status: status(row).replace(/ REFSEQ$/, ''), summary: text });
  }
  return {
    byEntrez,
    source: {
      file: refseqSummariesFile,
      what: 'NCBI RefSeq gene summaries (the "Summary" NCBI Gene shows) with their RefSeq review status; the first sentences are shown on gene cards',
      version: 'RefSeq release 220, 2023-09 (via jokergoo/GeneSummary)',
      licence: 'Public domain (NCBI)',
      attribution: 'NCBI Reference Sequence Database (RefSeq), National Center for Biotechnology Information',
      rows: table.rows.length,
    },
  };
}
