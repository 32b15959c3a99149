/**
 * What a reader gets from a rendered card, measured on its markdown as the hover shows it:
 * how many words describe the thing, and how many reference links it has outside its identifiers.
 */

/** Lines of detail that describe (rather than name or identify) the thing. */
const describingLines = /^\*\*(Mechanism|Used for|FDA class|Approved|Status|NCBI RefSeq[^*]*):\*\*/;
/** Lines that only identify or name: their links are not references. */
const identifyingLines =
  /^\*\*(More identifiers|Identifiers|Related|Also written|Brands|Codes|Previous symbols|Gene group|Other classes|Class|Other targets|Targets|Tall Man lettering|Gene):\*\*/;

export interface CardMeasure {
  /** Words of the description paragraph and the describing lines, without link targets and source notes. */
  descriptionWords: number;
  /** https links outside the identifier lines that are not an identifier's page (PubMed, labels, IUPHAR, Open Targets…). */
  references: string[];
  /** The same, counting links to a page an identifier also links (a ChEMBL mechanism on the ChEMBL compound page). */
  referencesWithIdentifierPages: string[];
  /** The card says no description source covers it. */
  identifiersOnly: boolean;
}

const linkPattern = /\[((?:\\.|[^\]\\])*)\]\((https:[^)\s]+)\)/g;
const words = (text: string): number => text.split(/\s+/).filter((w) => /[A-Za-z]{2}/.test(w)).length;
const withoutLinksAndNotes = (text: string): string => text.replace(linkPattern, ' ').replace(/\*\([^)]*\)\*/g, ' ');

export function measureCard(markdown: string): CardMeasure {
  const blocks = markdown.split(/\n\s*\n/);
  const headLines = blocks[0].split('\n');
  const identifierUrls = new Set<string>();
  // The head: name line, subtitle, then the line of main identifiers.
  for (const line of headLines.slice(1)) if (/\]\(https:/.test(line)) for (const m of line.matchAll(linkPattern)) identifierUrls.add(m[2]);
  const description = blocks[1] ?? '';
  let descriptionWords = /^_No description source/.test(description) ? 0 : words(withoutLinksAndNotes(description));
  const references: string[] = [];
  const all: string[] = [];
  const lines = blocks.slice(1).flatMap((b) => b.split('\n'));
  for (const line of lines) {
    if (/^\*\*(More identifiers|Identifiers):\*\*/.test(line)) for (const m of line.matchAll(linkPattern)) identifierUrls.add(m[2]);
  }
  for (const line of lines) {
    if (describingLines.test(line)) descriptionWords += words(withoutLinksAndNotes(line.replace(describingLines, '')));
    if (identifyingLines.test(line)) continue;
    for (const m of line.matchAll(linkPattern)) {
      const url = m[2];
      // The RefSeq record a summary comes from is its source, not a reference.
      if (url.startsWith('https://www.ncbi.nlm.nih.gov/nuccore/')) continue;
      if (!all.includes(url)) all.push(url);
      if (!identifierUrls.has(url) && !references.includes(url)) references.push(url);
    }
  }
  return { descriptionWords, references, referencesWithIdentifierPages: all, identifiersOnly: /_No description source covers/.test(markdown) };
}
