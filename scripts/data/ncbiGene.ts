import { join } from 'node:path';
import type { SourceInfo } from './sources';
import { readTable, splitList } from './table';

export const ncbiGeneFile = 'genes/ncbi_gene_human_2022-09-12.tsv.gz';

/** NCBI Gene aliases of human genes, keyed by Entrez Gene id. */
export async function readNcbiGene(
  sourceDir: string,
): Promise<{ aliasesByEntrez: Map<string, string[]>; source: SourceInfo }> {
  const table = await readTable(join(sourceDir, ncbiGeneFile), { delimiter: '\t', quoted: false });
  const entrez = table.reader('entrez_id');
  const aliases = table.reader('aliases');
  const aliasesByEntrez = new Map<string, string[]>();
  for (const row of table.rows) {
    const id = entrez(row);
    if (id !== '') aliasesByEntrez.set(id, splitList(aliases(row), '|'));
  }
  return {
    aliasesByEntrez,
    source: {
      file: ncbiGeneFile,
      what: 'NCBI Gene human gene table: aliases that HGNC does not list (joined on Entrez Gene id)',
      version: 'NCBI Gene 2022-09-12 (Bioconductor org.Hs.eg.db 3.16)',
      licence: 'Public domain (NCBI)',
      attribution: 'National Center for Biotechnology Information, NCBI Gene',
      rows: table.rows.length,
    },
  };
}
