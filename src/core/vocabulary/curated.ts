import type { Citation, EntityRecord, EntityXrefs, TermRecord, VocabularyModel } from './model';
import { entityKinds, type EntityKind } from '../types';

/** One hand-curated card as `data/curated/cards.json` writes it (see data/curated/README.md). */
export interface CuratedCard {
  id: string;
  kind: EntityKind;
  canonical: string;
  name: string;
  synonyms?: string[];
  caseSensitiveSynonyms?: string[];
  /**
   * Short forms that name the entity only where the tagger reads a mention there, as an alias does
   * ('ER' for ESR1 in 'ER and PR expression'; 'ER stress' is the endoplasmic reticulum's): matched
   * as written, kept only when the tagger agrees, and indexed though too short for an alias.
   */
  taggedSynonyms?: string[];
  codes?: string[];
  brands?: string[];
  classes?: string[];
  targets?: string[];
  gene?: string;
  /** Families and complexes: the approved HGNC symbols of the member genes. */
  members?: string[];
  summary?: string;
  context?: string[];
  citations?: string[];
  approval?: string;
  indications?: string[];
  /** Ids of related cards; each must exist. */
  related?: string[];
  /** Identifiers the sources lack: Cellosaurus for cell lines, ClinicalTrials (NCT) for trials. */
  xrefs?: EntityXrefs;
}

export interface CitationEntry extends Citation {
  /** Where the citation was checked: the stored page or file the search tool returned. */
  verified: string;
}

export type CitationIndex = Record<string, CitationEntry>;

/**
 * Checks the overlay and returns one message per problem: unknown citation keys, duplicate ids,
 * malformed fields. The build refuses an overlay with problems.
 */
export function validateCurated(cards: unknown, citations: unknown): string[] {
  const problems: string[] = [];
  if (!Array.isArray(cards)) return ['cards.json must be an array of cards'];
  if (typeof citations !== 'object' || citations === null || Array.isArray(citations)) return ['citations.json must be an object keyed by PMID:n or DOI:…'];
  const citationIndex = citations as Record<string, Partial<CitationEntry>>;
  for (const [key, c] of Object.entries(citationIndex)) {
    if (!/^(PMID:\d+|DOI:10\.\S+)$/.test(key)) problems.push(`citation key '${key}' is not PMID:n or DOI:10.…`);
    if (!c.title || !c.journal || typeof c.year !== 'number') problems.push(`citation ${key} lacks title, journal or year`);
    if (!c.pmid && !c.doi) problems.push(`citation ${key} has neither pmid nor doi`);
    if (!c.verified) problems.push(`citation ${key} does not say where it was verified`);
  }
  const ids = new Set<string>();
  for (const [index, raw] of cards.entries()) {
    const card = raw as Partial<CuratedCard>;
    const where = `card ${index} (${card?.id ?? 'no id'})`;
    if (!card || typeof card.id !== 'string' || !card.id) {
      problems.push(`${where} has no id`);
      continue;
    }
    if (ids.has(card.id)) problems.push(`${where}: duplicate id`);
    ids.add(card.id);
    if (!entityKinds.includes(card.kind as EntityKind)) problems.push(`${where}: kind must be one of ${entityKinds.join(', ')}`);
    if (typeof card.canonical !== 'string' || !card.canonical) problems.push(`${where}: canonical is missing`);
    if (typeof card.name !== 'string') problems.push(`${where}: name is missing`);
    for (const key of card.citations ?? []) if (!(key in citationIndex)) problems.push(`${where}: citation ${key} is not in citations.json`);
    for (const field of [
      'synonyms',
      'caseSensitiveSynonyms',
      'taggedSynonyms',
      'codes',
      'brands',
      'classes',
      'targets',
      'context',
      'citations',
      'indications',
      'related',
      'members',
    ] as const) {
      const value = card[field];
      if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string')))
        problems.push(`${where}: ${field} must be an array of strings`);
    }
  }
  for (const raw of cards) {
    const card = raw as Partial<CuratedCard>;
    for (const id of card?.related ?? []) if (!ids.has(id)) problems.push(`card ${card.id}: related card ${id} does not exist`);
  }
  return problems;
}

/**
 * Lays the curated cards over the model built from the sources: a card with the id of an
 * existing entity enriches it (summary, context, citations; its synonyms become curated terms
 * that outrank every source alias), a card with a new id adds an entity (biomarkers, drugs the
 * sources lack).
 */
export function applyCurated(model: VocabularyModel, cards: CuratedCard[], citations: CitationIndex): VocabularyModel {
  const entities = [...model.entities];
  const terms: TermRecord[] = [...model.terms];
  const indexById = new Map(entities.map((e, i) => [e.id, i]));
  const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
  for (const card of cards) {
    let index = indexById.get(card.id);
    const base: EntityRecord | undefined = index === undefined ? undefined : entities[index];
    const merged: EntityRecord = {
      ...(base ?? { id: card.id, kind: card.kind, canonical: card.canonical, name: card.name }),
      canonical: card.canonical,
      name: card.name || base?.name || card.canonical,
      synonyms: unique([...(card.synonyms ?? []), ...(base?.synonyms ?? [])]).slice(0, 12),
      classes: unique([...(card.classes ?? []), ...(base?.classes ?? [])]),
      targets: unique([...(card.targets ?? []), ...(base?.targets ?? [])]),
      brands: unique([...(card.brands ?? []), ...(base?.brands ?? [])]),
      codes: unique([...(card.codes ?? []), ...(base?.codes ?? [])]),
      curated: true,
      summary: card.summary,
      context: card.context,
      citations: (card.citations ?? []).map((key) => {
        const { verified: _verified, ...citation } = citations[key];
        return citation;
      }),
      xrefs: { ...base?.xrefs, ...card.xrefs },
    };
    if (card.approval) merged.approval = card.approval;
    if (card.indications?.length) merged.indications = card.indications;
    if (card.members?.length) merged.members = card.members;
    if (card.gene) {
      merged.gene = card.gene;
      const gene = entities[indexById.get(card.gene) ?? -1];
      if (gene) merged.geneSymbol = gene.canonical;
    }
    for (const field of ['synonyms', 'classes', 'targets', 'brands', 'codes'] as const) if (merged[field]?.length === 0) delete merged[field];
    if (index === undefined) {
      index = entities.length;
      indexById.set(card.id, index);
      entities.push(merged);
    } else entities[index] = merged;
    const exact = new Set(card.caseSensitiveSynonyms ?? []);
    const add = (text: string, caseSensitive: boolean) => terms.push({ text, entity: index!, role: 'curated', caseSensitive });
    // A family's canonical abbreviation ('RAS', 'JAK') keeps its case when the card lists it as case-sensitive.
    add(card.canonical, card.kind === 'gene' || exact.has(card.canonical));
    if (card.name && card.name !== card.canonical) add(card.name, false);
    for (const s of card.synonyms ?? []) add(s, exact.has(s));
    for (const s of card.caseSensitiveSynonyms ?? []) if (!(card.synonyms ?? []).includes(s)) add(s, true);
    for (const c of card.codes ?? []) add(c, true);
    for (const b of card.brands ?? []) add(b, false);
    for (const s of card.taggedSynonyms ?? []) terms.push({ text: s, entity: index, role: 'alias', caseSensitive: true, curatedShortForm: true });
  }
  // Related cards are named on a card by their canonical names, resolved once all cards exist.
  for (const card of cards) {
    if (!card.related?.length) continue;
    const entity = entities[indexById.get(card.id)!];
    entity.related = card.related.map((id) => entities[indexById.get(id) ?? -1]?.canonical).filter((name): name is string => !!name);
  }
  return { ...model, entities, terms };
}
