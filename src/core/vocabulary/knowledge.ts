import { LruMap } from '../util/collections';
import type { EntityRecord } from './model';
import { byteReader, packSections, type ByteSource } from './packed';

/**
 * What a card says beyond names and identifiers: descriptions, mechanisms, indications and
 * references from public databases (NCBI RefSeq, gene2pubmed, DrugCentral, Open Targets,
 * PharmGKB). It lives in its own packed file, `knowledge.bin`, apart from the entity records, and
 * is read only when the first card is shown: recognition never needs it.
 *
 * The file (packed.ts's layout: a JSON header, then an offsets and a text section) holds one JSON
 * record per entity, empty for entities nothing describes, addressed by entity index; each record
 * repeats its entity's id, so that a file from another build is noticed instead of showing one
 * gene's summary on another's card.
 */

export const knowledgeFormatVersion = 1;

/** A link a card may show: only https pages (checked when compiled and again when rendered). */
export interface KnowledgeLink {
  /** Link text: 'PMID 6860692', 'FDA label'. */
  label: string;
  url: string;
}

/** A reference behind a fact on the card. */
export interface KnowledgeReference extends KnowledgeLink {
  /** The database or publisher: 'PubMed', 'ChEMBL', 'FDA label', 'IUPHAR/BPS Guide to Pharmacology', 'DailyMed'. */
  source: string;
  /** What it supports, in a few words: 'mechanism', 'prescribing information'. */
  supports?: string;
}

/** The NCBI RefSeq summary of a gene: its first sentences, as NCBI Gene shows them. */
export interface GeneSummary {
  text: string;
  /** RefSeq review status: 'REVIEWED', 'VALIDATED', 'PROVISIONAL', 'INFERRED'. */
  status: string;
  /** The RefSeq record the summary comes from ('NM_000041.4'). */
  accession: string;
}

/** A target: one protein, or a complex or family of them ('Voltage-gated L-type calcium channel'). */
export interface MechanismTarget {
  /** Approved HGNC symbols of its genes. */
  genes: string[];
  /** The target's name as the source writes it ('Acetylcholinesterase'). */
  name?: string;
}

/** One way a drug acts: an action on targets (DrugCentral), or a mechanism phrase (Open Targets). */
export interface DrugMechanism {
  /** DrugCentral action type: 'INHIBITOR', 'AGONIST', 'ANTIBODY BINDING'…; absent for a phrase. */
  action?: string;
  /** Open Targets' short mechanism phrase ('CDK4/6 inhibitor'), when there is no action type. */
  phrase?: string;
  targets: MechanismTarget[];
  /** 'DrugCentral', 'Open Targets'. */
  source: string;
  /** Indexes into the record's references. */
  references?: number[];
}

export interface Indication {
  text: string;
  /** 'DrugCentral', 'Open Targets'. */
  source: string;
}

export interface EntityKnowledge {
  /** The entity this record describes (checked on read). */
  id: string;
  // Genes (HGNC, NCBI RefSeq, NCBI gene2pubmed)
  /** NCBI RefSeq summary. */
  summary?: GeneSummary;
  /** HGNC cytogenetic location ('19q13.32'). */
  location?: string;
  /** HGNC gene groups ('Apolipoproteins'). */
  geneGroups?: string[];
  /** Previous HGNC symbols. */
  previousSymbols?: string[];
  /** PubMed ids of the papers most specific to the gene (NCBI gene2pubmed): linked to the fewest genes. */
  papers?: string[];
  // Drugs (DrugCentral, Open Targets, PharmGKB)
  mechanisms?: DrugMechanism[];
  /** FDA Established Pharmacologic Classes ('Cholinesterase Inhibitor'). */
  fdaClasses?: string[];
  /** FDA novel approval (Open Targets' list of 2013–2023 approvals). */
  approval?: { year: number; agency: string; brand?: string; source: string };
  indications?: Indication[];
  /** Brand names from sources that recognition does not index (PharmGKB trade names). */
  brands?: string[];
  /** Database pages beyond the entity's cross-references. */
  ids?: { DrugCentral?: string; PharmGKB?: string };
  /** References behind the drug's facts (mechanism rows, labels), each naming its source. */
  references?: KnowledgeReference[];
}

export interface KnowledgeMeta {
  formatVersion: number;
  entityCount: number;
  /** sha256 of each input file, by path relative to the source folder. */
  inputs: Record<string, string>;
  /** The build settings (sentence and reference limits…), so a change of them shows as a change of file. */
  settings: Record<string, number | string>;
}

/** Whether a URL may be shown as a link on a card: https only, no spaces or markdown delimiters. */
export function isSafeLink(url: string): boolean {
  return /^https:\/\/[A-Za-z0-9.-]+(?:[/?#][A-Za-z0-9\-._~:/?#@!$&'*+,;=%]*)?$/.test(url);
}

/** The knowledge section for a vocabulary's entities, in entity order, as packed bytes. */
export function compileKnowledge(
  entities: readonly EntityRecord[],
  byId: ReadonlyMap<string, EntityKnowledge>,
  meta: Omit<KnowledgeMeta, 'formatVersion' | 'entityCount'>,
): Uint8Array {
  const utf8 = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets = new Uint32Array(entities.length + 1);
  let offset = 0;
  entities.forEach((entity, index) => {
    offsets[index] = offset;
    const record = byId.get(entity.id);
    if (!record) return;
    if (record.id !== entity.id) throw new Error(`knowledge for ${entity.id} says it is for ${record.id}`);
    for (const link of record.references ?? []) {
      if (!isSafeLink(link.url)) throw new Error(`knowledge for ${entity.id} links to '${link.url}', which is not a plain https URL`);
    }
    if (record.summary && !/^[NX][MR]_\d+(\.\d+)?$/.test(record.summary.accession))
      throw new Error(`knowledge for ${entity.id}: bad RefSeq accession ${record.summary.accession}`);
    for (const pmid of record.papers ?? []) if (!/^\d{1,9}$/.test(pmid)) throw new Error(`knowledge for ${entity.id}: bad PubMed id ${pmid}`);
    const bytes = utf8.encode(JSON.stringify(record));
    chunks.push(bytes);
    offset += bytes.length;
  });
  offsets[entities.length] = offset;
  const text = new Uint8Array(offset);
  let at = 0;
  for (const chunk of chunks) {
    text.set(chunk, at);
    at += chunk.length;
  }
  const full: KnowledgeMeta = { formatVersion: knowledgeFormatVersion, entityCount: entities.length, inputs: meta.inputs, settings: meta.settings };
  return packSections({ offsets, text }, full);
}

export const refseqUrl = (accession: string): string => `https://www.ncbi.nlm.nih.gov/nuccore/${accession}`;
export const pubmedUrl = (pmid: string): string => `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;

interface SectionEntry {
  type: string;
  offset: number;
  length: number;
}

/**
 * Reads knowledge records on demand: the header and the offsets on the first request, then one
 * record per request. A missing, corrupt or mismatched file leaves cards without knowledge and
 * says why in `problem`; it never makes a hover fail.
 */
export class KnowledgeReader {
  private state: { offsets: Uint32Array; textStart: number; textLength: number; meta: KnowledgeMeta } | null | undefined;
  private readonly cache = new LruMap<number, EntityKnowledge | null>(256);
  private readonly decoder = new TextDecoder();
  private readonly readAt: ((offset: number, length: number) => Uint8Array) | undefined;
  /** Why there is no knowledge, once a read failed ('' while there is none to read). */
  problem = '';

  constructor(
    source: ByteSource | undefined,
    private readonly label: string,
    private readonly entityCount: number,
  ) {
    if (source) {
      const reader = byteReader(source);
      this.readAt = (offset, length) => reader.readAt(offset, length);
    }
  }

  /** The metadata of the file, reading it if need be; undefined when there is none. */
  meta(): KnowledgeMeta | undefined {
    return this.open()?.meta;
  }

  get(index: number, id: string): EntityKnowledge | undefined {
    const cached = this.cache.get(index);
    if (cached !== undefined) return cached ?? undefined;
    const state = this.open();
    let record: EntityKnowledge | null = null;
    if (state && this.readAt && index >= 0 && index < this.entityCount) {
      const start = state.offsets[index];
      const end = state.offsets[index + 1];
      if (end > start && end <= state.textLength) {
        try {
          const parsed = JSON.parse(this.decoder.decode(this.readAt(state.textStart + start, end - start))) as EntityKnowledge;
          if (parsed.id === id) record = parsed;
          else this.problem = `${this.label} was built for other entities (entity ${index} is ${parsed.id}, not ${id}); rebuild it with npm run build:data`;
        } catch (error) {
          this.problem =
            error instanceof SyntaxError
              ? `${this.label} is corrupt at entity ${index}; rebuild it with npm run build:data`
              : `cannot read ${this.label}: ${(error as Error).message}`;
        }
      }
    }
    this.cache.set(index, record);
    return record ?? undefined;
  }

  /** Reads the header (the layout packSections writes) and the offsets section, once. */
  private open() {
    if (this.state !== undefined) return this.state;
    this.state = null;
    const readAt = this.readAt;
    if (!readAt) return null;
    try {
      const lead = readAt(0, 8);
      if (lead.length < 8 || String.fromCharCode(lead[0], lead[1], lead[2], lead[3]) !== 'BLNS')
        throw new Error(`${this.label} is not a biolens knowledge file (bad signature); rebuild it with npm run build:data`);
      const headerLength = new DataView(lead.buffer, lead.byteOffset, 8).getUint32(4, true);
      const header = JSON.parse(this.decoder.decode(readAt(8, headerLength))) as { sections: Record<string, SectionEntry>; meta: KnowledgeMeta };
      const base = 8 + headerLength;
      const offsets = header.sections.offsets;
      const text = header.sections.text;
      if (header.meta.formatVersion !== knowledgeFormatVersion) {
        this.problem = `${this.label} has format ${header.meta.formatVersion}, expected ${knowledgeFormatVersion}; rebuild it with npm run build:data`;
      } else if (header.meta.entityCount !== this.entityCount || offsets?.type !== 'u32' || offsets.length !== this.entityCount + 1 || text?.type !== 'u8') {
        this.problem = `${this.label} describes ${header.meta.entityCount} entities, the vocabulary has ${this.entityCount}; rebuild it with npm run build:data`;
      } else {
        // A copy: typed views need 4-byte alignment, which a slice read from a file may lack
        // (and a Node Buffer's slice() is a view, not a copy).
        const bytes = new Uint8Array(readAt(base + offsets.offset, offsets.length * 4));
        if (bytes.length !== offsets.length * 4) throw new Error(`${this.label} is truncated; rebuild it with npm run build:data`);
        this.state = { offsets: new Uint32Array(bytes.buffer, 0, offsets.length), textStart: base + text.offset, textLength: text.length, meta: header.meta };
      }
    } catch (error) {
      this.problem = error instanceof SyntaxError ? `${this.label} has a corrupt header; rebuild it with npm run build:data` : (error as Error).message;
    }
    return this.state;
  }
}
