/**
 * Identifiers written as plain text in prose: DOIs ('doi:10.1038/s41467-025-56096-2'), PubMed and
 * PMC ids, arXiv ids, bare URLs ('www.ncbi.nlm.nih.gov/gene'), e-mail addresses, and HGVS variant
 * descriptions ('ESR1 p.(Tyr537Ser)', 'c.1610A>C': the gene is named, the variant is not). Markdown
 * links and autolinks are never read as prose (see markdown/), but these are: without this, their
 * pieces look like codes and symbols to the vocabulary and the tagger ('s41467', 'j.cell'). They
 * name no drug or gene, so recognition reads them as blanks.
 */

const identifier = new RegExp(
  [
    String.raw`\b(?:doi:\s*)?10\.\d{4,9}/\S+`,
    String.raw`\b(?:PMID|PMCID|PubMed(?:\s+ID)?)\s*:?\s*(?:PMC)?\d+`,
    String.raw`\bPMC\d{4,}`,
    String.raw`\barXiv:\s*\d{4}\.\d{4,5}(?:v\d+)?`,
    String.raw`\b(?:https?|ftp)://\S+`,
    String.raw`\bwww\.[\w-]+\.\S+`,
    // From the start of the address only, so a long run of word characters is scanned once.
    String.raw`(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
  ].join('|'),
  'gi',
);

/** An HGVS description: a lower-case level letter, a dot, then a position ('p.Y537S', 'p.(Tyr537Ser)', 'c.1610A>C'). */
const variant = /\b[cgmnpr]\.\(?(?:[A-Z][a-z]{0,2})?\d+[^\s,;]*/g;

/** Punctuation that ends the sentence or bracket a DOI or URL stands in, not the identifier. */
const trailingPunctuation = /[.,;:!?)\]}'"]+$/;

/** The prose with each identifier replaced by as many spaces, so that offsets stay as they are. */
export function blankIdentifiers(prose: string): string {
  // Every identifier has a digit, a '@' or 'www.' in it; many runs of prose have none of them.
  if (!/[\d@]|www\./i.test(prose)) return prose;
  const blank = (found: string) => {
    const kept = found.replace(trailingPunctuation, '');
    return ' '.repeat(kept.length) + found.slice(kept.length);
  };
  return prose.replace(identifier, blank).replace(variant, blank);
}
