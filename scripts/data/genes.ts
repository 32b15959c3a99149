import type { EntityDraft, DraftTerm } from './draft';
import type { HgncGene } from './hgnc';

/** Cards list at most this many synonyms. */
export const maxCardSynonyms = 12;

/**
 * Whether an approved name says enough to be matched as a phrase on its own. One-word names
 * ('tubulin', 'insulin') are ordinary words in running text, so only names of two or more
 * words are used.
 */
export function isSpecificGeneName(name: string): boolean {
  return name.trim().split(/\s+/).length >= 2;
}

/**
 * Whether an alias is a protein's name in lower-case letters ('survivin', 'ghrelin'), which prose
 * capitalises at the start of a sentence: such an alias matches in any case. Symbols and aliases
 * with capitals or digits ('p27', 'Rpn4') keep their case, which is what tells them apart.
 */
function isLowerCaseName(alias: string): boolean {
  return /^[a-z]{5,}$/.test(alias);
}

/**
 * Gene entities: one per approved HGNC symbol, with HGNC aliases and previous symbols, and the
 * NCBI Gene aliases HGNC lacks (HER-2/neu, p110-alpha). An NCBI alias that is another gene's
 * approved symbol is left out: HGNC has given that symbol to the other gene.
 */
export function buildGenes(
  genes: HgncGene[],
  ncbiAliasesByEntrez: Map<string, string[]>,
  paperCountByEntrez: ReadonlyMap<string, number> = new Map(),
): EntityDraft[] {
  const approvedSymbols = new Set(genes.map((gene) => gene.symbol));
  return genes.map((gene) => {
    const terms: DraftTerm[] = [{ text: gene.symbol, role: 'symbol', caseSensitive: true }];
    const known = new Set([gene.symbol, ...gene.aliases, ...gene.previous]);
    for (const alias of gene.aliases) terms.push({ text: alias, role: 'alias', caseSensitive: !isLowerCaseName(alias) });
    for (const previous of gene.previous) terms.push({ text: previous, role: 'previous', caseSensitive: true });
    if (isSpecificGeneName(gene.name)) terms.push({ text: gene.name, role: 'name', caseSensitive: false });

    const ncbiExtras: string[] = [];
    for (const alias of gene.entrezId ? (ncbiAliasesByEntrez.get(gene.entrezId) ?? []) : []) {
      if (alias.length < 2 || known.has(alias) || approvedSymbols.has(alias)) continue;
      known.add(alias);
      ncbiExtras.push(alias);
      terms.push({ text: alias, role: 'alias', caseSensitive: !isLowerCaseName(alias) });
    }

    const synonyms = [...new Set([...gene.aliases, ...gene.previous, ...ncbiExtras])].slice(0, maxCardSynonyms);
    const draft: EntityDraft = {
      record: {
        id: gene.hgncId,
        kind: 'gene',
        canonical: gene.symbol,
        name: gene.name,
        xrefs: {
          HGNC: gene.hgncId,
          ...(gene.entrezId ? { NCBIGene: gene.entrezId } : {}),
          ...(gene.uniprotIds.length ? { UniProt: gene.uniprotIds } : {}),
          ...(gene.ensemblId ? { Ensembl: gene.ensemblId } : {}),
        },
        ...(synonyms.length ? { synonyms } : {}),
        ...(gene.locusType ? { locusType: gene.locusType } : {}),
      },
      terms,
    };
    const papers = gene.entrezId ? paperCountByEntrez.get(gene.entrezId) : undefined;
    if (papers) draft.papers = papers;
    return draft;
  });
}
