import type { Citation, EntityRecord, EntityXrefs } from '../vocabulary/model';
import { isSafeLink, pubmedUrl, refseqUrl, type EntityKnowledge, type KnowledgeReference } from '../vocabulary/knowledge';
import { classKey, distinct, drugSentences, listWords, mechanismWords } from './drugSentence';

/**
 * Hover cards as markdown, laid out for a small hover: a compact head (name · kind · id, one
 * line saying what it is, the most useful identifiers), then the description, then details and
 * references. Every sentence is either curated or put together from facts of named sources, and
 * the footer names them. Text from data is escaped; links go to https pages only. Rendering a
 * card fetches nothing.
 */

const kindLabel: Record<EntityRecord['kind'], string> = {
  drug: 'drug',
  gene: 'gene / protein',
  biomarker: 'biomarker',
  pathway: 'pathway / process',
  'cell-line': 'cell line',
  trial: 'clinical trial',
  endpoint: 'endpoint',
  family: 'gene family / complex',
};

type XrefKey = keyof EntityXrefs | 'DrugCentral' | 'PharmGKB';

/** Identifier links, in the order a card lists them. */
const xrefLinks: Array<[XrefKey, string, (id: string) => string]> = [
  ['HGNC', 'HGNC', (id) => `https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/${id}`],
  ['HGNCGroup', 'HGNC gene group', (id) => `https://www.genenames.org/data/genegroup/#!/group/${id}`],
  ['NCBIGene', 'NCBI Gene', (id) => `https://www.ncbi.nlm.nih.gov/gene/${id}`],
  ['UniProt', 'UniProt', (id) => `https://www.uniprot.org/uniprotkb/${id}`],
  ['Ensembl', 'Ensembl', (id) => `https://www.ensembl.org/id/${id}`],
  ['DrugBank', 'DrugBank', (id) => `https://go.drugbank.com/drugs/${id}`],
  ['ChEMBL', 'ChEMBL', (id) => `https://www.ebi.ac.uk/chembl/compound_report_card/${id}/`],
  ['DrugCentral', 'DrugCentral', (id) => `https://drugcentral.org/drugcard/${id}`],
  ['MeSH', 'MeSH', (id) => `https://meshb.nlm.nih.gov/record/ui?ui=${id}`],
  ['NCIt', 'NCI Thesaurus', (id) => `https://evsexplore.semantics.cancer.gov/evsexplore/concept/ncit/${id}`],
  ['Cellosaurus', 'Cellosaurus', (id) => `https://www.cellosaurus.org/${id}`],
  ['ClinicalTrials', 'ClinicalTrials.gov', (id) => `https://clinicaltrials.gov/study/${id}`],
  ['PharmGKB', 'PharmGKB', (id) => `https://www.pharmgkb.org/chemical/${id}`],
  ['CAS', 'CAS', (id) => `https://commonchemistry.cas.org/detail?cas_rn=${id}`],
  ['UNII', 'UNII', (id) => `https://precision.fda.gov/uniisearch/srs/unii/${id}`],
];

/** The identifiers a card's head shows, by kind: the pages that say most about the thing. */
const headIdentifiers: Record<EntityRecord['kind'], XrefKey[]> = {
  gene: ['HGNC', 'NCBIGene', 'UniProt'],
  drug: ['DrugBank', 'ChEMBL', 'DrugCentral'],
  biomarker: ['HGNC', 'NCBIGene'],
  pathway: [],
  'cell-line': ['Cellosaurus'],
  trial: ['ClinicalTrials'],
  endpoint: [],
  family: ['HGNCGroup'],
};

/** A family card lists this many member genes, then says how many more there are. */
const maxMembersShown = 24;

/**
 * Markdown-escapes text that comes from data, so a name cannot inject links, HTML or formatting:
 * the characters that act inside a line, and the starts of bare URLs and e-mail addresses, which
 * a renderer would otherwise turn into links of any scheme.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(/@/g, '\\@');
}

/** escapeMarkdown for text that starts a line: a leading '#', '>', '-', '+', '=' or '1.' must not open a block. */
function escapeParagraph(text: string): string {
  return escapeMarkdown(text).replace(/^(\s*)([#>+=-]|\d+[.)])/, (_, space: string, marker: string) => `${space}\\${marker}`);
}

const link = (label: string, url: string): string => (isSafeLink(url) ? `[${escapeMarkdown(label)}](${url})` : escapeMarkdown(label));
const codeSpan = (text: string): string => `\`${text.replace(/`/g, '')}\``;

export interface CardOptions {
  /** What the sources say of the entity beyond its record (vocabulary.knowledge). */
  knowledge?: EntityKnowledge;
  /** Finds a related card by its canonical name, so that it links to its database page. */
  related?: (canonical: string) => EntityRecord | undefined;
  /** A label before the name: 'written', 'likely meant'. */
  label?: string;
  /** The head and the first sentence of the description only: for two cards in one hover. */
  brief?: boolean;
}

export function renderCard(entity: EntityRecord, options: CardOptions = {}): string {
  const knowledge = options.knowledge;
  const lines: string[] = [];
  const title = entity.kind === 'drug' ? entity.name || entity.canonical : entity.canonical;
  const label = options.label ? `*${escapeMarkdown(options.label)}:* ` : '';
  lines.push(`${label}**${escapeMarkdown(title)}** · ${kindLabel[entity.kind]} · ${codeSpan(entity.id)}`);
  const subtitle = subtitleOf(entity, knowledge);
  if (subtitle) lines.push(subtitle);
  const head = identifierLinks(entity, knowledge, headIdentifiers[entity.kind]);
  if (head.length) lines.push(head.join(' · '));

  const description = descriptionOf(entity, knowledge);
  if (options.brief) {
    const text = description ? escapeParagraph(firstSentence(description.text)) : noDescription(entity);
    return `${lines.join('  \n')}\n\n${text}\n\n${footer(entity, knowledge)}`;
  }
  const block: string[] = [];
  block.push('', description ? escapeParagraph(description.text) + (description.source ? ` ${description.source}` : '') : noDescription(entity));

  const facts = detailLines(entity, knowledge, options.related);
  if (facts.length) block.push('', facts.join('  \n'));

  const references = referenceLines(entity, knowledge);
  if (references.length) block.push('', references.join('\n'));
  block.push('', footer(entity, knowledge));
  return lines.join('  \n') + '\n' + block.join('\n');
}

/** The line under the name: the full name, and for a gene its locus type and place. */
function subtitleOf(entity: EntityRecord, knowledge: EntityKnowledge | undefined): string | undefined {
  const parts: string[] = [];
  if (entity.kind !== 'drug' && entity.name && entity.name !== entity.canonical) parts.push(`*${escapeMarkdown(entity.name)}*`);
  if (entity.kind === 'gene') {
    parts.push(escapeMarkdown(locusTypeLabel(entity.locusType)));
    if (knowledge?.location) parts.push(escapeMarkdown(knowledge.location));
  }
  if (entity.kind === 'biomarker' && entity.geneSymbol) parts.push(`measures ${escapeMarkdown(entity.geneSymbol)}`);
  return parts.length ? parts.join(' · ') : undefined;
}

/** HGNC locus types in a reader's words; an HGNC gene with no locus type recorded has a protein product. */
function locusTypeLabel(locusType: string | undefined): string {
  if (!locusType || locusType === 'gene with protein product') return 'protein-coding gene';
  return locusType;
}

interface Description {
  text: string;
  /** Markdown naming where the text comes from, appended after it (already safe). */
  source?: string;
}

/** The paragraph that says what the entity is: curated, RefSeq's, or put together from drug facts. */
function descriptionOf(entity: EntityRecord, knowledge: EntityKnowledge | undefined): Description | undefined {
  if (entity.summary) return { text: entity.summary };
  if (knowledge?.summary) {
    const s = knowledge.summary;
    return { text: s.text, source: `*(NCBI RefSeq summary, ${escapeMarkdown(s.status.toLowerCase())}: ${link(s.accession, refseqUrl(s.accession))})*` };
  }
  if (entity.kind === 'drug' && knowledge) {
    const text = drugSentences(entity, knowledge);
    if (text) return { text };
  }
  if (entity.ingredients?.length) {
    const text = `A fixed-dose combination of ${listWords(entity.ingredients, 6)}; each ingredient's card says how it works.`;
    return { text, source: sourceNote('brand and ingredients: FDS drug names, PharmGKB brand mixtures') };
  }
  if (entity.kind === 'family' && entity.members?.length) {
    const text = `A gene family or protein complex of ${entity.members.length} human genes; a mention names the group, not one gene.`;
    return { text, source: sourceNote('HGNC gene groups') };
  }
  return undefined;
}

function noDescription(entity: EntityRecord): string {
  return `_No description source covers this ${kindLabel[entity.kind]} yet: identifiers only._`;
}

function firstSentence(text: string): string {
  const end = /[.!?](?=\s+[A-Z(])/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

function referenceLink(reference: KnowledgeReference): string {
  return link(reference.label, reference.url);
}

function sourceNote(source: string): string {
  return `*(${escapeMarkdown(source)})*`;
}

function detailLines(entity: EntityRecord, knowledge: EntityKnowledge | undefined, related: CardOptions['related']): string[] {
  const facts: string[] = [];
  const references = knowledge?.references ?? [];
  // A curated gene card's own summary comes first; RefSeq's follows as a detail.
  if (entity.summary && knowledge?.summary) {
    const s = knowledge.summary;
    facts.push(`**NCBI RefSeq (${escapeMarkdown(s.status.toLowerCase())}):** ${escapeMarkdown(s.text)} ${link(s.accession, refseqUrl(s.accession))}`);
  }
  for (const mechanism of knowledge?.mechanisms ?? []) {
    const refs = (mechanism.references ?? []).map((i) => references[i]).filter((r): r is KnowledgeReference => r !== undefined);
    const links = refs.length ? ` · ${refs.map(referenceLink).join(' · ')}` : '';
    facts.push(`**Mechanism:** ${escapeMarkdown(mechanismWords(mechanism))} ${sourceNote(mechanism.source)}${links}`);
  }
  if (knowledge?.fdaClasses?.length) facts.push(`**FDA class:** ${knowledge.fdaClasses.slice(0, 3).map(escapeMarkdown).join('; ')}`);
  if (knowledge?.approval) {
    const a = knowledge.approval;
    facts.push(`**Approved:** ${escapeMarkdown(`${a.agency} ${a.year}${a.brand ? ` (${a.brand})` : ''}`)} ${sourceNote(a.source)}`);
  }
  if (entity.approval) facts.push(`**Status:** ${escapeMarkdown(entity.approval)}`);
  const indications = entity.indications?.length ? entity.indications.map((text) => ({ text, source: '' })) : (knowledge?.indications ?? []);
  if (indications.length) {
    const sources = [
      ...new Set(
        indications
          .slice(0, 4)
          .map((i) => i.source)
          .filter(Boolean),
      ),
    ];
    facts.push(
      `**Used for:** ${indications
        .slice(0, 4)
        .map((i) => escapeMarkdown(i.text))
        .join('; ')}${sources.length ? ` ${sourceNote(sources.join(', '))}` : ''}`,
    );
  }
  if (entity.kind === 'biomarker' && entity.gene) {
    facts.push(`**Gene:** ${entity.geneSymbol ? `${escapeMarkdown(entity.geneSymbol)} (${escapeMarkdown(entity.gene)})` : escapeMarkdown(entity.gene)}`);
  }
  if (entity.ingredients?.length) facts.push(`**Ingredients:** ${entity.ingredients.map((name) => relatedLink(name, related)).join(', ')}`);
  if (entity.members?.length) {
    const shown = entity.members.slice(0, maxMembersShown).map((symbol) => relatedLink(symbol, related));
    const more = entity.members.length - shown.length;
    facts.push(`**Members (${entity.members.length}):** ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}`);
  }
  if (knowledge?.geneGroups?.length) facts.push(`**Gene group:** ${knowledge.geneGroups.slice(0, 3).map(escapeMarkdown).join('; ')}`);
  if (knowledge?.previousSymbols?.length) facts.push(`**Previous symbols:** ${knowledge.previousSymbols.slice(0, 6).map(escapeMarkdown).join(', ')}`);
  const previous = new Set(knowledge?.previousSymbols ?? []);
  const synonyms = distinct((entity.synonyms ?? []).filter((s) => !previous.has(s)));
  if (synonyms.length) facts.push(`**Also written:** ${synonyms.slice(0, 8).map(escapeMarkdown).join(', ')}`);
  const brands = distinct([...(entity.brands ?? []), ...(knowledge?.brands ?? [])]);
  if (brands.length) facts.push(`**Brands:** ${brands.slice(0, 6).map(escapeMarkdown).join(', ')}`);
  if (entity.codes?.length) facts.push(`**Codes:** ${entity.codes.slice(0, 6).map(escapeMarkdown).join(', ')}`);
  // The FDA class has its own line; classes differing only in case or a plural are one.
  const fdaClasses = new Set((knowledge?.fdaClasses ?? []).map(classKey));
  const classes = distinct(entity.classes ?? [], classKey).filter((c) => !fdaClasses.has(classKey(c)));
  if (classes.length) facts.push(`**${fdaClasses.size ? 'Other classes' : 'Class'}:** ${classes.slice(0, 4).map(escapeMarkdown).join('; ')}`);
  const mechanismGenes = new Set((knowledge?.mechanisms ?? []).flatMap((m) => m.targets.flatMap((t) => t.genes)));
  const targets = (entity.targets ?? []).filter((t) => !mechanismGenes.has(t));
  if (targets.length) facts.push(`**${mechanismGenes.size ? 'Other targets' : 'Targets'}:** ${targets.slice(0, 8).map(escapeMarkdown).join(', ')}`);
  if (entity.tallMan) facts.push(`**Tall Man lettering:** ${escapeMarkdown(entity.tallMan)}`);
  if (entity.related?.length)
    facts.push(
      `**Related:** ${entity.related
        .slice(0, 8)
        .map((name) => relatedLink(name, related))
        .join(', ')}`,
    );
  const shown = new Set(headIdentifiers[entity.kind]);
  const more = identifierLinks(
    entity,
    knowledge,
    xrefLinks.map(([key]) => key).filter((key) => !shown.has(key)),
  );
  if (more.length) facts.push(`**${shown.size ? 'More identifiers' : 'Identifiers'}:** ${more.join(' · ')}`);
  return facts;
}

/** A related card's name, linked to its database page when it has one. */
function relatedLink(name: string, related: CardOptions['related']): string {
  const entity = related?.(name);
  const url = entity ? entityPage(entity) : undefined;
  return url ? link(name, url) : escapeMarkdown(name);
}

/** The page that says most about an entity: HGNC for a gene, DrugBank or ChEMBL for a drug… */
export function entityPage(entity: EntityRecord): string | undefined {
  const x = entity.xrefs ?? {};
  const url = (key: XrefKey, id: string | undefined) => {
    const entry = xrefLinks.find(([k]) => k === key);
    return entry && id ? entry[2](encodeURIComponent(id).replace(/%3A/g, ':')) : undefined;
  };
  switch (entity.kind) {
    case 'gene':
      return url('HGNC', x.HGNC ?? (entity.id.startsWith('HGNC:') ? entity.id : undefined));
    case 'drug':
      return url('DrugBank', x.DrugBank) ?? url('ChEMBL', x.ChEMBL) ?? url('NCIt', x.NCIt);
    case 'cell-line':
      return url('Cellosaurus', x.Cellosaurus);
    case 'trial':
      return url('ClinicalTrials', x.ClinicalTrials);
    case 'family':
      return url('HGNCGroup', x.HGNCGroup);
    default:
      return undefined;
  }
}

function identifierLinks(entity: EntityRecord, knowledge: EntityKnowledge | undefined, keys: XrefKey[]): string[] {
  const xrefs: Partial<Record<XrefKey, string | string[]>> = { ...entity.xrefs, ...knowledge?.ids };
  const out: string[] = [];
  for (const key of keys) {
    const entry = xrefLinks.find(([k]) => k === key);
    if (!entry) continue;
    const [, label, url] = entry;
    const value = xrefs[key];
    const values = Array.isArray(value) ? value : value ? [value] : [];
    // 'HGNC:613', not 'HGNC HGNC:613'.
    for (const id of values.slice(0, 2)) out.push(link(id.startsWith(`${label}:`) ? id : `${label} ${id}`, url(encodeURIComponent(id).replace(/%3A/g, ':'))));
  }
  return out;
}

function referenceLines(entity: EntityRecord, knowledge: EntityKnowledge | undefined): string[] {
  const lines: string[] = [];
  if (entity.citations?.length) {
    lines.push('**References**', '');
    entity.citations.forEach((c, i) => lines.push(`${i + 1}. ${citationLine(c)}`));
  }
  // References no mechanism line shows (a label, a source page).
  const cited = new Set((knowledge?.mechanisms ?? []).flatMap((m) => m.references ?? []));
  const others = (knowledge?.references ?? []).filter((_, i) => !cited.has(i));
  if (others.length) lines.push(`${lines.length ? '\n' : ''}**See also:** ${others.map(referenceLink).join(' · ')}`);
  if (knowledge?.papers?.length) {
    const papers = knowledge.papers.map((pmid) => link(`PMID ${pmid}`, pubmedUrl(pmid)));
    lines.push(`${lines.length ? '\n' : ''}**Key papers:** ${papers.join(' · ')} *(the papers NCBI links to this gene and fewest others)*`);
  }
  return lines;
}

function citationLine(c: Citation): string {
  const links: string[] = [];
  if (c.pmid) links.push(link(`PMID ${c.pmid}`, pubmedUrl(c.pmid)));
  if (c.doi) links.push(link(`doi:${c.doi}`, `https://doi.org/${encodeURI(c.doi).replace(/[()]/g, (ch) => (ch === '(' ? '%28' : '%29'))}`));
  return `${escapeMarkdown(c.title)} *${escapeMarkdown(c.journal)}* ${c.year}. ${links.join(' · ')}`;
}

/** The sources a card's facts come from, as its footer names them. */
export function cardSources(entity: EntityRecord, knowledge: EntityKnowledge | undefined): string[] {
  const sources: string[] = [];
  const add = (name: string) => {
    if (!sources.includes(name)) sources.push(name);
  };
  if (entity.kind === 'gene') add('HGNC');
  if (entity.kind === 'drug') {
    if (entity.xrefs?.DrugBank) add('DrugBank');
    else if (entity.id.startsWith('NCIt:') || entity.id.startsWith('CHEMBL')) add('pharmOncoX');
  }
  if (knowledge?.summary) add('NCBI RefSeq');
  if (knowledge?.papers?.length) add('NCBI gene2pubmed');
  for (const m of knowledge?.mechanisms ?? []) add(m.source);
  if (knowledge?.fdaClasses?.length || knowledge?.ids?.DrugCentral) add('DrugCentral');
  for (const i of knowledge?.indications ?? []) add(i.source);
  if (knowledge?.approval) add(knowledge.approval.source);
  if (knowledge?.ids?.PharmGKB || knowledge?.brands?.length) add('PharmGKB');
  return sources;
}

function footer(entity: EntityRecord, knowledge: EntityKnowledge | undefined): string {
  const sources = cardSources(entity, knowledge);
  const named = listWords(sources, sources.length);
  if (entity.curated) return sources.length ? `_Curated card; further facts from ${escapeMarkdown(named)}._` : '_Curated card._';
  return `_Generated from ${escapeMarkdown(named || 'the public vocabularies')}; no curated summary yet._`;
}

/** A few words saying what a drug is, for messages: 'leflutrozole (aromatase inhibitor; male hypogonadism)'. */
export function shortDescription(entity: EntityRecord): string {
  const parts: string[] = [];
  if (entity.classes?.length) parts.push(entity.classes[0]);
  if (entity.context?.length) parts.push(`written about in the context of ${entity.context.slice(0, 2).join(', ')}`);
  return parts.length > 0 ? `${entity.canonical} (${parts.join('; ')})` : entity.canonical;
}
