import { join } from 'node:path';
import type { EntityKnowledge } from '../../../src/core/vocabulary/knowledge';
import type { EntityRecord } from '../../../src/core/vocabulary/model';
import { hgncFile } from '../hgnc';
import { readTable, splitList } from '../table';
import type { RefseqSummary } from './refseq';
import { leadSentences, type LeadOptions } from './text';

/** What HGNC says of a gene beyond names and ids: where it is, what kind of locus, which groups. */
export interface HgncFacts {
  hgncId: string;
  symbol: string;
  location: string;
  locusType: string;
  geneGroups: string[];
  previous: string[];
  ensemblId: string;
}

/** HGNC facts of the approved genes, by HGNC id. */
export async function readHgncFacts(sourceDir: string): Promise<Map<string, HgncFacts>> {
  const table = await readTable(join(sourceDir, hgncFile), { delimiter: '\t', quoted: true });
  const id = table.reader('hgnc_id');
  const symbol = table.reader('symbol');
  const status = table.reader('status');
  const location = table.reader('location');
  const locusType = table.reader('locus_type');
  const groups = table.reader('gene_group');
  const previous = table.reader('prev_symbol');
  const ensembl = table.reader('ensembl_gene_id');
  const facts = new Map<string, HgncFacts>();
  for (const row of table.rows) {
    if (status(row) !== 'Approved' || symbol(row) === '') continue;
    facts.set(id(row), {
      hgncId: id(row),
      symbol: symbol(row),
      location: location(row),
      locusType: locusType(row),
      geneGroups: splitList(groups(row), '|'),
      previous: splitList(previous(row), '|'),
      ensemblId: ensembl(row),
    });
  }
  return facts;
}

export interface GeneKnowledgeInputs {
  hgnc: Map<string, HgncFacts>;
  summaries: Map<string, RefseqSummary>;
  papers: Map<string, string[]>;
  lead: LeadOptions;
}

/** A gene's card knowledge: HGNC locus facts, its RefSeq summary's first sentences and its most specific papers. */
export function geneKnowledge(entity: EntityRecord, inputs: GeneKnowledgeInputs): EntityKnowledge | undefined {
  const facts = inputs.hgnc.get(entity.id);
  const entrez = entity.xrefs?.NCBIGene;
  const refseq = entrez ? inputs.summaries.get(entrez) : undefined;
  const papers = entrez ? (inputs.papers.get(entrez) ?? []) : [];
  if (!facts && !refseq && papers.length === 0) return undefined;
  const record: EntityKnowledge = { id: entity.id };
  if (facts) {
    if (facts.location) record.location = facts.location;
    if (facts.geneGroups.length) record.geneGroups = facts.geneGroups;
    if (facts.previous.length) record.previousSymbols = facts.previous;
  }
  if (refseq) record.summary = { text: leadSentences(refseq.summary, inputs.lead), status: refseq.status, accession: refseq.accession };
  if (papers.length) record.papers = papers;
  return record;
}
