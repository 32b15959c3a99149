import { join } from 'node:path';
import type { SourceInfo } from '../sources';
import { readText } from '../table';

export const gene2pubmedFile = 'knowledge/gene2pubmed_human_2019.tsv.gz';

/** What gene2pubmed tells the build, by Entrez Gene id. */
export interface Gene2pubmed {
  /**
   * The papers most specific to each gene: of the papers NCBI links to it, those linked to the
   * fewest genes (a genome-wide screen names thousands and says little about any one), the oldest
   * first among equals, which are the papers that first described it.
   */
  byEntrez: Map<string, string[]>;
  /** How many papers NCBI links to each gene: how much the literature writes about it. */
  paperCountByEntrez: Map<string, number>;
  source: SourceInfo;
}

export async function readGene2pubmed(sourceDir: string, perGene: number): Promise<Gene2pubmed> {
  const text = await readText(join(sourceDir, gene2pubmedFile));
  const genes: number[] = [];
  const papers: number[] = [];
  const lines = text.split('\n');
  const header = lines[0].replace(/\r$/, '').split('\t');
  const geneColumn = header.indexOf('GeneID');
  const paperColumn = header.indexOf('PubMed_ID');
  if (geneColumn < 0 || paperColumn < 0) throw new Error(`${gene2pubmedFile}: no GeneID or PubMed_ID column (has: ${header.join(', ')})`);
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i].replace(/\r$/, '').split('\t');
    const gene = Number(fields[geneColumn]);
    const paper = Number(fields[paperColumn]);
    if (!Number.isInteger(gene) || !Number.isInteger(paper) || paper <= 0 || gene <= 0) continue;
    genes.push(gene);
    papers.push(paper);
  }
  const genesPerPaper = new Map<number, number>();
  for (const paper of papers) genesPerPaper.set(paper, (genesPerPaper.get(paper) ?? 0) + 1);
  const byGene = new Map<number, number[]>();
  genes.forEach((gene, i) => {
    const list = byGene.get(gene);
    if (list) list.push(papers[i]);
    else byGene.set(gene, [papers[i]]);
  });
  const byEntrez = new Map<string, string[]>();
  const paperCountByEntrez = new Map<string, number>();
  for (const [gene, list] of byGene) {
    const distinct = [...new Set(list)];
    const ranked = distinct.sort((a, b) => genesPerPaper.get(a)! - genesPerPaper.get(b)! || a - b);
    byEntrez.set(String(gene), ranked.slice(0, perGene).map(String));
    paperCountByEntrez.set(String(gene), distinct.length);
  }
  return {
    byEntrez,
    paperCountByEntrez,
    source: {
      file: gene2pubmedFile,
      what: 'NCBI gene2pubmed: the papers NCBI links to each human gene; a gene card links the papers linked to the fewest genes, and a name several genes share reads first as the gene with the most papers',
      version: 'NCBI gene2pubmed, 2019-10 (via csbl-usp/PubScore)',
      licence: 'Public domain (NCBI)',
      attribution: 'National Center for Biotechnology Information, NCBI Gene gene2pubmed',
      rows: papers.length,
    },
  };
}
