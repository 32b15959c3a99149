import { join } from 'node:path';
import type { SourceInfo } from './sources';
import { readTable, splitList } from './table';

export const hgncFile = 'genes/hgnc_complete_set_2024-10-18.txt.gz';

/** One approved HGNC gene, with the columns the vocabulary uses. */
export interface HgncGene {
  hgncId: string; // 'HGNC:3430'
  symbol: string;
  name: string;
  locusType: string;
  /** Cytoband, e.g. '17q12'. */
  location: string;
  /** HGNC gene groups ('Erb-b2 receptor tyrosine kinases'). */
  geneGroups: string[];
  /** HGNC gene group ids, one per group above ('496'). */
  geneGroupIds: string[];
  aliases: string[];
  previous: string[];
  entrezId: string; // '' when HGNC has none
  ensemblId: string;
  uniprotIds: string[];
}

export async function readHgnc(sourceDir: string): Promise<{ genes: HgncGene[]; source: SourceInfo }> {
  // HGNC quotes its multi-valued cells ("NEU|HER-2|…").
  const table = await readTable(join(sourceDir, hgncFile), { delimiter: '\t', quoted: true });
  const id = table.reader('hgnc_id');
  const symbol = table.reader('symbol');
  const name = table.reader('name');
  const locusType = table.reader('locus_type');
  const location = table.reader('location');
  const groups = table.reader('gene_group');
  const groupIds = table.reader('gene_group_id');
  const status = table.reader('status');
  const aliases = table.reader('alias_symbol');
  const previous = table.reader('prev_symbol');
  const entrez = table.reader('entrez_id');
  const ensembl = table.reader('ensembl_gene_id');
  const uniprot = table.reader('uniprot_ids');
  const genes: HgncGene[] = [];
  for (const row of table.rows) {
    if (status(row) !== 'Approved' || symbol(row) === '') continue;
    genes.push({
      hgncId: id(row),
      symbol: symbol(row),
      name: name(row),
      locusType: locusType(row),
      location: location(row),
      geneGroups: splitList(groups(row), '|'),
      geneGroupIds: splitList(groupIds(row), '|'),
      aliases: splitList(aliases(row), '|'),
      previous: splitList(previous(row), '|'),
      entrezId: entrez(row),
      ensemblId: ensembl(row),
      uniprotIds: splitList(uniprot(row), '|'),
    });
  }
  return {
    genes,
    source: {
      file: hgncFile,
      what: 'HGNC complete set: approved human gene symbols, names, aliases, previous symbols and cross-references',
      version: 'HGNC export, newest date_modified 2024-10-18',
      licence: 'Free to use with attribution to genenames.org',
      attribution: 'HUGO Gene Nomenclature Committee (HGNC), genenames.org',
      rows: table.rows.length,
    },
  };
}

/**
 * Maps a gene symbol from an older source to today's approved one: a previous symbol that exactly
 * one gene had becomes that gene's symbol; anything else is kept as written.
 */
export function currentSymbolOf(genes: readonly HgncGene[]): (symbol: string) => string {
  const approved = new Set(genes.map((gene) => gene.symbol));
  const renamed = new Map<string, string | null>();
  for (const gene of genes) {
    for (const previous of gene.previous) renamed.set(previous, renamed.has(previous) ? null : gene.symbol);
  }
  return (symbol) => (approved.has(symbol) ? symbol : (renamed.get(symbol) ?? symbol));
}
