/**
 * The card of a mention the tagger found and the vocabulary cannot name: it says what the words
 * probably are and links to searches (https only) where a reader can find out which gene or
 * compound is meant. Such a mention never gets a finding.
 */
import type { TaggedKind } from '../tagger/model';
import { escapeMarkdown } from './card';

const searches: Record<TaggedKind, readonly [string, (query: string) => string][]> = {
  gene: [
    ['NCBI Gene', (q) => `https://www.ncbi.nlm.nih.gov/gene/?term=${q}`],
    ['UniProt', (q) => `https://www.uniprot.org/uniprotkb?query=${q}`],
  ],
  chemical: [
    ['PubChem', (q) => `https://pubchem.ncbi.nlm.nih.gov/#query=${q}`],
    ['ChEBI', (q) => `https://www.ebi.ac.uk/chebi/advancedSearchFT.do?searchString=${q}`],
  ],
};

const headline: Record<TaggedKind, string> = {
  gene: 'gene/protein mention (not in HGNC: a family, complex or non-human gene?)',
  chemical: 'chemical mention (not a drug in the vocabulary: a compound, class or metabolite?)',
};

export function renderUnresolvedCard(text: string, tagged: TaggedKind): string {
  // encodeURIComponent leaves ( ) ' ! * alone, and a ')' would end the markdown link.
  const query = encodeURIComponent(text).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const links = searches[tagged].map(([label, url]) => `[${label}](${url(query)})`).join(' · ');
  return `**${escapeMarkdown(text)}** · ${headline[tagged]}\n\nRecognised from its context, not from a database. Search: ${links}`;
}
