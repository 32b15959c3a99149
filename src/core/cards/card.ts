import type { Citation, EntityRecord, EntityXrefs } from '../vocabulary/model';

/**
 * Hover cards as markdown: what the thing is, how it works (curated cards), its identifiers with
 * links, and citations. Links are for the reader to follow; rendering a card fetches nothing.
 */

const kindLabel: Record<EntityRecord['kind'], string> = {
  drug: 'drug',
  gene: 'gene / protein',
  biomarker: 'biomarker',
  pathway: 'pathway / process',
  'cell-line': 'cell line',
  trial: 'clinical trial',
  endpoint: 'endpoint',
};

/** Identifier links, in the order a card lists them. */
const xrefLinks: Array<[keyof EntityXrefs, string, (id: string) => string]> = [
  ['HGNC', 'HGNC', (id) => `https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/${id}`],
  ['NCBIGene', 'NCBI Gene', (id) => `https://www.ncbi.nlm.nih.gov/gene/${id}`],
  ['UniProt', 'UniProt', (id) => `https://www.uniprot.org/uniprotkb/${id}`],
  ['Ensembl', 'Ensembl', (id) => `https://www.ensembl.org/id/${id}`],
  ['DrugBank', 'DrugBank', (id) => `https://go.drugbank.com/drugs/${id}`],
  ['ChEMBL', 'ChEMBL', (id) => `https://www.ebi.ac.uk/chembl/compound_report_card/${id}/`],
  ['MeSH', 'MeSH', (id) => `https://meshb.nlm.nih.gov/record/ui?ui=${id}`],
  ['NCIt', 'NCI Thesaurus', (id) => `https://evsexplore.semantics.cancer.gov/evsexplore/concept/ncit/${id}`],
  ['Cellosaurus', 'Cellosaurus', (id) => `https://www.cellosaurus.org/${id}`],
  ['ClinicalTrials', 'ClinicalTrials.gov', (id) => `https://clinicaltrials.gov/study/${id}`],
  ['CAS', 'CAS', (id) => `https://commonchemistry.cas.org/detail?cas_rn=${id}`],
  ['UNII', 'UNII', (id) => `https://precision.fda.gov/uniisearch/srs/unii/${id}`],
];

/**
 * Markdown-escapes text that comes from data, so a name cannot inject links, HTML or formatting.
 * Only characters that act inside a line are escaped: card text never starts a line of markdown.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`);
}

export function renderCard(entity: EntityRecord): string {
  const lines: string[] = [];
  const title = entity.kind === 'drug' ? entity.name || entity.canonical : entity.canonical;
  lines.push(`**${escapeMarkdown(title)}** · ${kindLabel[entity.kind]} · \`${entity.id}\``);
  if (entity.kind !== 'drug' && entity.name && entity.name !== entity.canonical) lines.push('', `*${escapeMarkdown(entity.name)}*`);
  if (entity.summary) lines.push('', escapeMarkdown(entity.summary));
  const facts: string[] = [];
  if (entity.synonyms?.length) facts.push(`**Also written:** ${entity.synonyms.slice(0, 8).map(escapeMarkdown).join(', ')}`);
  if (entity.brands?.length) facts.push(`**Brands:** ${entity.brands.slice(0, 6).map(escapeMarkdown).join(', ')}`);
  if (entity.codes?.length) facts.push(`**Codes:** ${entity.codes.slice(0, 6).map(escapeMarkdown).join(', ')}`);
  if (entity.classes?.length) facts.push(`**Class:** ${entity.classes.slice(0, 4).map(escapeMarkdown).join('; ')}`);
  if (entity.targets?.length) facts.push(`**Targets:** ${entity.targets.slice(0, 8).map(escapeMarkdown).join(', ')}`);
  if (entity.tallMan) facts.push(`**Tall Man lettering:** ${escapeMarkdown(entity.tallMan)}`);
  if (entity.approval) facts.push(`**Status:** ${escapeMarkdown(entity.approval)}`);
  if (entity.indications?.length) facts.push(`**Used for:** ${entity.indications.slice(0, 4).map(escapeMarkdown).join('; ')}`);
  if (entity.kind === 'biomarker' && entity.gene) {
    facts.push(`**Gene:** ${entity.geneSymbol ? `${escapeMarkdown(entity.geneSymbol)} (${entity.gene})` : entity.gene}`);
  }
  if (entity.locusType) facts.push(`**Locus type:** ${escapeMarkdown(entity.locusType)}`);
  const ids = identifierLinks(entity.xrefs ?? {});
  if (ids.length > 0) facts.push(`**Identifiers:** ${ids.join(' · ')}`);
  if (entity.related?.length) facts.push(`**Related:** ${entity.related.slice(0, 8).map(escapeMarkdown).join(', ')}`);
  if (facts.length > 0) lines.push('', facts.join('  \n'));
  if (entity.citations?.length) {
    lines.push('', '**References**', '');
    entity.citations.forEach((c, i) => lines.push(`${i + 1}. ${citationLine(c)}`));
  }
  lines.push('', entity.curated ? '_Curated card._' : '_Generated from the public vocabularies (see data/SOURCES.md); no curated summary yet._');
  return lines.join('\n');
}

function identifierLinks(xrefs: EntityXrefs): string[] {
  const out: string[] = [];
  for (const [key, label, url] of xrefLinks) {
    const value = xrefs[key];
    const values = Array.isArray(value) ? value : value ? [value] : [];
    for (const id of values.slice(0, 2)) out.push(`[${label} ${escapeMarkdown(id)}](${url(encodeURIComponent(id).replace(/%3A/g, ':'))})`);
  }
  return out;
}

function citationLine(c: Citation): string {
  const links: string[] = [];
  if (c.pmid) links.push(`[PMID ${c.pmid}](https://pubmed.ncbi.nlm.nih.gov/${c.pmid}/)`);
  if (c.doi) links.push(`[doi:${escapeMarkdown(c.doi)}](https://doi.org/${c.doi})`);
  return `${escapeMarkdown(c.title)} *${escapeMarkdown(c.journal)}* ${c.year}. ${links.join(' · ')}`;
}

/** A few words saying what a drug is, for messages: 'leflutrozole (aromatase inhibitor; male hypogonadism)'. */
export function shortDescription(entity: EntityRecord): string {
  const parts: string[] = [];
  if (entity.classes?.length) parts.push(entity.classes[0]);
  if (entity.context?.length) parts.push(`written about in the context of ${entity.context.slice(0, 2).join(', ')}`);
  return parts.length > 0 ? `${entity.canonical} (${parts.join('; ')})` : entity.canonical;
}
