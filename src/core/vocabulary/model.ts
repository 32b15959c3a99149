import type { EntityKind } from '../types';

/**
 * The vocabulary as the data build produces it and the packed files store it: entity records
 * (what a card shows) and the surface terms that name them (what recognition looks up).
 */

/** Cross-references an entity may carry; keys are the databases cards link to. */
export interface EntityXrefs {
  HGNC?: string; // 'HGNC:3430'
  /** HGNC gene group of a family: '496'. */
  HGNCGroup?: string;
  NCBIGene?: string; // '2064'
  UniProt?: string[]; // ['P04626']
  Ensembl?: string;
  DrugBank?: string; // 'DB01006'
  ChEMBL?: string; // 'CHEMBL1444'
  MeSH?: string; // 'D000077289'
  CAS?: string;
  UNII?: string;
  NCIt?: string;
  /** Cell lines: 'CVCL_0031'. */
  Cellosaurus?: string;
  /** Clinical trials: 'NCT01740427'. */
  ClinicalTrials?: string;
}

export interface EntityRecord {
  /** Stable id: `HGNC:…` for genes, DrugBank id for drugs it has, else ChEMBL id, else `biolens:…`. */
  id: string;
  kind: EntityKind;
  /** Approved HGNC symbol; lower-case generic name for drugs; curated name for biomarkers. */
  canonical: string;
  /** Full name: the HGNC approved name, the drug's display name, the biomarker's title. */
  name: string;
  /** The main synonyms a card lists, best first (at most a dozen). */
  synonyms?: string[];
  xrefs?: EntityXrefs;
  /** Gene symbols of a drug's targets. */
  targets?: string[];
  /** Pharmacological classes (FDA EPC / mechanism of action). */
  classes?: string[];
  /** Brand names of a drug. */
  brands?: string[];
  /** Development codes of a drug (PD-0332991, LEE011). */
  codes?: string[];
  /** A fixed-dose combination's ingredients, by their canonical names (Entresto: sacubitril, valsartan). */
  ingredients?: string[];
  /** For a biomarker: the id and the approved symbol of the gene it measures. */
  gene?: string;
  geneSymbol?: string;
  /** For a family or complex: the approved HGNC symbols of its member genes. */
  members?: string[];
  /** For genes: the HGNC locus type ('gene with protein product'). */
  locusType?: string;
  /** Hand-curated entities carry a summary in our own words, context words and citations. */
  curated?: boolean;
  summary?: string;
  /** Lower-case words and phrases that show a document is where this term belongs. */
  context?: string[];
  citations?: Citation[];
  /** Drugs: approval status in words ('approved (FDA 2007)', 'investigational'). */
  approval?: string;
  /** Drugs: main indications. */
  indications?: string[];
  /** Canonical names of related cards. */
  related?: string[];
  /**
   * Drugs on a Tall Man lettering list (FDA, ISMP, AU, NZ): the name with its distinguishing
   * letters in capitals, as the list writes it ('hydrOXYzine').
   */
  tallMan?: string;
}

/**
 * The fields recognition and the finding rules read of an entity (with the four every record has):
 * the rest (synonyms, identifiers, citations…) only cards show. A browser starts with these alone,
 * from the smaller `entity-essentials.jsonl.gz`, and gets the full records after its first diagnostics.
 */
export const essentialFields = [
  'id',
  'kind',
  'canonical',
  'name',
  'targets',
  'classes',
  'brands',
  'geneSymbol',
  'context',
  'indications',
  'tallMan',
  'curated',
] as const;

/** The databases whose identifiers say how established a drug is (the ranking's prior): essential too. */
export const priorDatabases = ['DrugBank', 'ChEMBL', 'MeSH', 'UNII'] as const;

/** An entity record with only its essential fields. */
export function essentialRecord(entity: EntityRecord): EntityRecord {
  const essentials: Partial<Record<keyof EntityRecord, unknown>> = {};
  for (const field of essentialFields) if (entity[field] !== undefined) essentials[field] = entity[field];
  const xrefs: Record<string, string> = {};
  for (const db of priorDatabases) if (entity.xrefs?.[db] !== undefined) xrefs[db] = entity.xrefs[db];
  if (Object.keys(xrefs).length > 0) essentials.xrefs = xrefs;
  return essentials as EntityRecord;
}

/** A literature reference, verified against a stored copy of its PubMed or publisher page. */
export interface Citation {
  pmid?: string;
  doi?: string;
  title: string;
  journal: string;
  year: number;
}

/**
 * How a term names its entity. The order is the preference when one surface form names
 * several entities: an approved symbol beats another gene's alias.
 */
export const termRoles = [
  'curated', // hand-curated overlay
  'symbol', // HGNC approved symbol
  'generic', // a drug's generic name
  'name', // a full name (HGNC approved name, biomarker title)
  'brand',
  'code', // development code
  'synonym', // drug synonym
  'previous', // previous HGNC symbol
  'alias', // HGNC or NCBI alias symbol
  'variant', // a drug's name in another language or INN form ('letrozol', 'tamoxifene'): see scripts/data/drugSpellings.ts
  'misspelling', // a misspelling a source recorded as a synonym ('Dexamethazone'): names the drug, and is flagged
] as const;
export type TermRole = (typeof termRoles)[number];

export interface TermRecord {
  /** The surface form as the source writes it ('HER-2/neu', 'Ibrance', 'PD-0332991'). */
  text: string;
  /** Index into the entity array. */
  entity: number;
  role: TermRole;
  /**
   * Whether case matters: gene symbols, aliases and codes are matched exactly ('MET' but not
   * 'met'); drug names and full names are matched in any case.
   */
  caseSensitive: boolean;
  /**
   * Build time only: a second source names the entity by this term too (a drug name that the
   * drug-named-entity-recognition list, from MeSH, MedlinePlus and Wikipedia, also gives). An
   * English word is a drug's name only when so attested or when the record shows a medicine.
   */
  attested?: boolean;
  /**
   * Build time only: a curator's short form that names the entity only where the tagger reads a
   * mention there (CuratedCard.taggedSynonyms): indexed whatever its length, as an alias.
   */
  curatedShortForm?: boolean;
}

export interface VocabularyModel {
  entities: EntityRecord[];
  terms: TermRecord[];
  /** Drug names that an authority lists as look-alikes of each other (FDA name differentiation). */
  lookalikePairs?: Array<[string, string]>;
  /**
   * How many papers NCBI links to each entity, by entity index (genes only; missing is none). When a
   * term is the same kind of name for several genes ('p21' is an alias of CDKN1A and of TCEAL1), its
   * first reading is the gene the literature writes most about.
   */
  paperCounts?: number[];
}
