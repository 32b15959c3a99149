import type { DraftTerm, EntityDraft } from './draft';
import type { HgncGene } from './hgnc';

/**
 * Family entities from HGNC gene groups: 'Cyclin dependent kinases', 'Claudins', 'E2F
 * transcription factors'. A family's card lists its member genes; its terms are the group's name
 * in the plural and the singular. Prose names families mostly by abbreviations HGNC does not
 * record (PI3K, NF-κB, ERK1/2): those are curated cards (data/curated/cards/families.json).
 */

/** A group of one gene is that gene. */
const minMembers = 2;

/**
 * Groups that are bookkeeping rather than families a writer names: non-coding RNA and
 * pseudogene collections, "…domain containing" and numbered solute-carrier families, whose
 * names no prose uses for the group.
 */
const bookkeepingGroup = /\b(?:containing|RNAs?|microRNA|pseudogenes?|open reading frames?|family \d+|readthrough|uncharacterized|unassigned)\b/i;

/**
 * Groups named after a process or a domain ('Nucleotide excision repair', 'Zinc fingers'): in prose
 * the phrase names the process or the domain ('a zinc finger motif'), not the genes.
 */
const processOrDomainGroup = /(?:\brepair|^zinc fingers)$/i;

export function buildFamilies(genes: readonly HgncGene[]): EntityDraft[] {
  const groups = new Map<string, { name: string; members: string[] }>();
  for (const gene of genes) {
    gene.geneGroupIds.forEach((id, index) => {
      const name = gene.geneGroups[index]?.trim();
      if (!id || !name) return;
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { name, members: [] }));
      group.members.push(gene.symbol);
    });
  }
  const geneNames = new Set(genes.map((gene) => gene.name.toLowerCase()));
  const drafts: EntityDraft[] = [];
  for (const [id, { name, members }] of [...groups].sort(([a], [b]) => Number(a) - Number(b))) {
    if (members.length < minMembers || bookkeepingGroup.test(name) || processOrDomainGroup.test(name)) continue;
    const terms = familyTerms(name).filter((term) => !geneNames.has(term.text.toLowerCase()));
    drafts.push({
      record: { id: `HGNC-group:${id}`, kind: 'family', canonical: name, name, members: [...members].sort(bySymbolNumber), xrefs: { HGNCGroup: id } },
      terms,
    });
  }
  return drafts;
}

/**
 * The forms a group's name is matched in: as written, and with its last word singular
 * ('cyclin dependent kinase'); a name with a symbol in it ('SET complex') only in its own case.
 * One-word names that are English words ('Histones') are left out by the word policy.
 */
export function familyTerms(name: string): DraftTerm[] {
  const words = name.split(/\s+/);
  const last = words[words.length - 1];
  const forms = last.endsWith('s') && !last.endsWith('ss') ? [name, name.slice(0, -1)] : [name];
  const caseSensitive = words.some((word) => /[A-Z].*[A-Z]|\d/.test(word));
  return forms.map((text) => ({ text, role: 'name', caseSensitive }));
}

/** Symbols in reading order, numbers by value: CDK1, CDK2, …, CDK10 (not CDK1, CDK10, CDK2). */
function bySymbolNumber(a: string, b: string): number {
  const parts = (symbol: string) => symbol.match(/\d+|\D+/g) ?? [];
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const [na, nb] = [Number(pa[i]), Number(pb[i])];
    if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb || (pa[i] < pb[i] ? -1 : 1);
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}
