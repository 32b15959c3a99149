import type { EntityKnowledge } from '../../../src/core/vocabulary/knowledge';
import type { EntityRecord } from '../../../src/core/vocabulary/model';
import type { HgncGene } from '../hgnc';
import type { RefseqSummary } from './refseq';
import { leadSentences, type LeadOptions } from './text';

/** What HGNC says of a gene beyond names and ids: where it is, what kind of locus, which groups. */
export type HgncFacts = Pick<HgncGene, 'hgncId' | 'symbol' | 'location' | 'locusType' | 'geneGroups' | 'previous' | 'ensemblId'>;

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
