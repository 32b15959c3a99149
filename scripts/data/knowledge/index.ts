/**
 * Builds the knowledge section of the data (data/knowledge.bin, see src/core/vocabulary/knowledge.ts):
 * what gene and drug cards say beyond names and identifiers, from NCBI RefSeq and gene2pubmed
 * (genes), DrugCentral, Open Targets and PharmGKB (drugs). Every fact keeps its source's name, so
 * a card can say where each line comes from.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DrugMechanism, EntityKnowledge, KnowledgeMeta, KnowledgeReference, MechanismTarget } from '../../../src/core/vocabulary/knowledge';
import type { EntityRecord } from '../../../src/core/vocabulary/model';
import { drugcentralClassesFile, drugcentralIdentifiersFile, drugcentralTargetsFile, type Drugcentral } from '../drugcentral';
import { currentSymbolOf, hgncFile, type HgncGene } from '../hgnc';
import type { SourceInfo } from '../sources';
import { DrugIndex } from './drugIndex';
import { drugcentralIndicationsFile, drugcentralStructuresFile, readDrugcentralKnowledge, type DrugcentralFacts } from './drugcentral';
import { gene2pubmedFile, type Gene2pubmed } from './gene2pubmed';
import { geneKnowledge } from './genes';
import { otAmendedMechanismsFile, otApprovalsFile, readOpenTargets, type OpenTargetsApproval } from './openTargets';
import { pharmgkbChemicalsFile, readPharmgkb, type PharmgkbFacts } from './pharmgkb';
import type { Table } from '../table';
import { readRefseqSummaries, refseqSummariesFile } from './refseq';
import { sentenceCase } from './text';

/** The limits the knowledge is built with; recorded in the file, so changing one changes the file. */
export const knowledgeSettings = {
  /** A gene card shows the first two or three sentences of its RefSeq summary… */
  summaryMaxSentences: 3,
  /** …stopping after two once this many words are taken (about four lines of a hover)… */
  summaryEnoughWords: 40,
  /** …and adding none past this many, once there are 25. */
  summaryMaxWords: 70,
  /** Papers linked to a gene: the three most specific. */
  keyReferences: 3,
  /** Indications kept per drug (a card shows four). */
  maxIndications: 6,
  /** References kept per drug… */
  maxReferences: 6,
  /** …of which DrugCentral's mechanism references at most four, leaving room for the label and Open Targets. */
  maxMechanismReferences: 4,
  /** PharmGKB trade names kept per drug, beyond the brands recognition knows. */
  maxBrands: 8,
  /** Targets kept per mechanism, and genes per target (a multi-kinase inhibitor has dozens; a card shows a few). */
  maxTargetsPerMechanism: 12,
} as const;

/** Every file the knowledge is built from, by path relative to the source folder. */
export const knowledgeInputFiles = [
  hgncFile,
  refseqSummariesFile,
  gene2pubmedFile,
  drugcentralIdentifiersFile,
  drugcentralTargetsFile,
  drugcentralClassesFile,
  drugcentralIndicationsFile,
  drugcentralStructuresFile,
  otApprovalsFile,
  otAmendedMechanismsFile,
  pharmgkbChemicalsFile,
];

export interface BuiltKnowledge {
  byId: Map<string, EntityKnowledge>;
  sources: SourceInfo[];
  meta: Omit<KnowledgeMeta, 'formatVersion' | 'entityCount'>;
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/**
 * The knowledge of every gene and drug entity of the assembled (and curated) model.
 * `englishWordsFile` is the word list indications are sentence-cased with; its digest is recorded too.
 */
/** What the vocabulary's build already read, so that the knowledge build does not read it again. */
export interface SourcesRead {
  readonly hgncGenes: readonly HgncGene[];
  readonly drugcentral: Drugcentral;
  /** Also read for the vocabulary: a name several genes share reads first as the most written-about. */
  readonly gene2pubmed: Gene2pubmed;
  /** Also read for the vocabulary: its brand mixtures are combination drugs. */
  readonly pharmgkb: Table;
}

export async function buildKnowledge(sourceDir: string, entities: readonly EntityRecord[], sourcesRead: SourcesRead, englishWordsFile: string): Promise<BuiltKnowledge> {
  const { hgncGenes } = sourcesRead;
  const englishWords = new Set((await readFile(englishWordsFile, 'utf8')).split('\n').map((w) => w.trim().toLowerCase()).filter(Boolean));
  const englishWordsDigest = await sha256(englishWordsFile);
  const settings = knowledgeSettings;
  const drugs = new DrugIndex(entities);
  // The HGNC genes the vocabulary was built from: the file is read once per build.
  const hgnc = new Map(hgncGenes.map((gene) => [gene.hgncId, gene]));
  const byEnsembl = new Map<string, string>();
  for (const gene of hgncGenes) if (gene.ensemblId) byEnsembl.set(gene.ensemblId, gene.symbol);
  const currentGeneSymbol = currentSymbolOf(hgncGenes);
  const isEnglishWord = (word: string) => englishWords.has(word);

  const papers = sourcesRead.gene2pubmed;
  const [refseq, drugcentral, openTargets, pharmgkb, digests] = await Promise.all([
    readRefseqSummaries(sourceDir),
    readDrugcentralKnowledge(sourceDir, sourcesRead.drugcentral, drugs, currentGeneSymbol, isEnglishWord, settings.maxIndications),
    readOpenTargets(sourceDir, drugs, (ensembl) => byEnsembl.get(ensembl)),
    readPharmgkb(sourcesRead.pharmgkb, drugs),
    Promise.all(knowledgeInputFiles.map(async (file) => [file, await sha256(join(sourceDir, file))] as const)),
  ]);

  const byId = new Map<string, EntityKnowledge>();
  for (const entity of entities) {
    let record: EntityKnowledge | undefined;
    if (entity.kind === 'gene') {
      record = geneKnowledge(entity, { hgnc, summaries: refseq.byEntrez, papers: papers.byEntrez, lead: { maxSentences: settings.summaryMaxSentences, enoughWords: settings.summaryEnoughWords, maxWords: settings.summaryMaxWords } });
    } else if (entity.kind === 'drug') {
      record = drugKnowledge(entity, {
        drugcentral: drugcentral.byEntity.get(entity.id),
        drugcentralId: drugcentral.drugcentralIds.get(entity.id),
        approval: openTargets.byEntity.get(entity.id),
        amendedTargets: openTargets.amendedByEntity.get(entity.id),
        pharmgkb: pharmgkb.byEntity.get(entity.id),
        englishWords,
      });
    }
    if (record) byId.set(entity.id, record);
  }

  return {
    byId,
    sources: [refseq.source, papers.source, ...drugcentral.sources, ...openTargets.sources, pharmgkb.source],
    meta: { inputs: Object.fromEntries([...digests, ['word-list words.txt', englishWordsDigest]]), settings: { ...settings } },
  };
}

interface DrugFacts {
  englishWords: ReadonlySet<string>;
  drugcentral?: DrugcentralFacts;
  drugcentralId?: string;
  approval?: OpenTargetsApproval;
  amendedTargets?: string[];
  pharmgkb?: PharmgkbFacts;
}

/** A drug's card knowledge: mechanisms with their references, FDA class, approval, indications, more brands and ids. */
function drugKnowledge(entity: EntityRecord, facts: DrugFacts): EntityKnowledge | undefined {
  const { drugcentral, drugcentralId, approval, amendedTargets, pharmgkb, englishWords } = facts;
  if (!drugcentral && !drugcentralId && !approval && !amendedTargets && !pharmgkb) return undefined;
  const settings = knowledgeSettings;
  const record: EntityKnowledge = { id: entity.id };
  const references: KnowledgeReference[] = [];
  const cite = (reference: KnowledgeReference | undefined): number | undefined => {
    if (!reference) return undefined;
    const existing = references.findIndex((r) => r.url === reference.url);
    if (existing >= 0) return existing;
    if (references.length >= (reference.supports === 'mechanism' ? settings.maxMechanismReferences : settings.maxReferences)) return undefined;
    references.push(reference);
    return references.length - 1;
  };
  const mechanisms: DrugMechanism[] = [];

  if (drugcentral) {
    // One mechanism per action, its targets in DrugCentral's order.
    const byAction = new Map<string, { targets: MechanismTarget[]; references: Set<number> }>();
    for (const row of drugcentral.actions) {
      let entry = byAction.get(row.action);
      if (!entry) byAction.set(row.action, (entry = { targets: [], references: new Set() }));
      const key = (t: MechanismTarget) => `${t.name ?? ''}|${t.genes.join(',')}`;
      if (!entry.targets.some((t) => key(t) === key(row.target)) && entry.targets.length < settings.maxTargetsPerMechanism) {
        entry.targets.push({ ...row.target, genes: row.target.genes.slice(0, settings.maxTargetsPerMechanism) });
      }
      const index = cite(row.reference ? { ...row.reference, supports: 'mechanism' } : undefined);
      if (index !== undefined) entry.references.add(index);
    }
    for (const [action, entry] of byAction) {
      mechanisms.push({ action, targets: entry.targets, source: 'DrugCentral', ...(entry.references.size ? { references: [...entry.references].sort((a, b) => a - b) } : {}) });
    }
    const actions = new Set(drugcentral.actions.map((a) => a.action));
    const fdaClasses = drugcentral.fdaClasses.filter((name) => classAgreesWithActions(name, actions));
    if (fdaClasses.length) record.fdaClasses = fdaClasses;
  }

  const chembl = approval?.chemblId || entity.xrefs?.ChEMBL || '';
  const openTargetsPage =
    (approval || amendedTargets) && /^CHEMBL\d+$/.test(chembl)
      ? cite({ source: 'Open Targets', label: 'Open Targets Platform', url: `https://platform.opentargets.org/drug/${chembl}`, supports: 'mechanism and approval' })
      : undefined;
  const otTargets = approval?.targets ?? amendedTargets ?? [];
  // Open Targets' phrase ('CDK4/6 inhibitor') is worth a line of its own; its bare targets only when DrugCentral has no mechanism.
  const hasDrugcentralMechanism = (drugcentral?.actions.length ?? 0) > 0;
  if (approval?.phrase || (otTargets.length > 0 && !hasDrugcentralMechanism)) {
    mechanisms.push({
      ...(approval?.phrase ? { phrase: approval.phrase } : {}),
      targets: otTargets.length ? [{ genes: otTargets.slice(0, settings.maxTargetsPerMechanism) }] : [],
      source: 'Open Targets',
      ...(openTargetsPage !== undefined ? { references: [openTargetsPage] } : {}),
    });
  }
  if (approval) record.approval = { year: approval.year, agency: 'FDA', ...(approval.brand ? { brand: approval.brand } : {}), source: 'Open Targets' };

  const indications = [
    ...(approval?.indication ? [{ text: sentenceCase(approval.indication, (w) => englishWords.has(w)), source: 'Open Targets' }] : []),
    ...(drugcentral?.indications ?? []),
  ];
  if (indications.length) record.indications = indications.slice(0, settings.maxIndications);
  if (mechanisms.length) record.mechanisms = mechanisms;

  if (pharmgkb) {
    const known = new Set([entity.canonical, entity.name, ...(entity.brands ?? []), ...(entity.synonyms ?? [])].map((n) => n.toLowerCase()));
    const brands: string[] = [];
    // A generic maker's label names the drug ('Letrozol Teva', 'Apo-Metformin'): not a brand.
    const names = [...known].filter((n) => n.length >= 5 && /^[a-z]+$/.test(n));
    for (const trade of pharmgkb.tradeNames) {
      const words = trade.toLowerCase().split(/[\s-]+/);
      if (known.has(trade.toLowerCase()) || words.some((w) => names.includes(w)) || brands.length >= settings.maxBrands) continue;
      known.add(trade.toLowerCase());
      brands.push(trade);
    }
    if (brands.length) record.brands = brands;
    cite(pharmgkb.label);
  }
  const ids: NonNullable<EntityKnowledge['ids']> = {};
  if (drugcentralId) ids.DrugCentral = drugcentralId;
  if (pharmgkb) ids.PharmGKB = pharmgkb.accession;
  if (Object.keys(ids).length) record.ids = ids;
  if (references.length) record.references = references;
  return record;
}

/** The DrugCentral action types an FDA class that ends in a word of action can go with. */
const actionsOfClassWord: Array<[RegExp, string[]]> = [
  [/\bInhibitors?$/, ['INHIBITOR', 'BLOCKER', 'ANTAGONIST', 'ALLOSTERIC ANTAGONIST', 'NEGATIVE ALLOSTERIC MODULATOR', 'ANTIBODY BINDING', 'INVERSE AGONIST']],
  [/\b(Antagonists?|Blockers?)$/, ['ANTAGONIST', 'BLOCKER', 'INHIBITOR', 'INVERSE AGONIST', 'ALLOSTERIC ANTAGONIST', 'NEGATIVE ALLOSTERIC MODULATOR', 'ANTIBODY BINDING']],
  [/\bAgonists?$/, ['AGONIST', 'PARTIAL AGONIST', 'POSITIVE ALLOSTERIC MODULATOR', 'POSITIVE MODULATOR', 'MODULATOR', 'ACTIVATOR', 'OPENER']],
  [/\bActivators?$/, ['ACTIVATOR', 'AGONIST', 'PARTIAL AGONIST', 'OPENER', 'POSITIVE ALLOSTERIC MODULATOR', 'POSITIVE MODULATOR']],
];

/**
 * Whether an FDA class fits what DrugCentral says the drug does. The 2016 tables give some drugs
 * the class of a combination partner (levodopa is filed as an 'Aromatic Amino Acid Decarboxylation
 * Inhibitor', which is carbidopa): a class that says 'inhibitor' of a drug whose every action is
 * an agonist's is left out rather than put in a sentence.
 */
export function classAgreesWithActions(className: string, actions: ReadonlySet<string>): boolean {
  if (actions.size === 0) return true;
  const rule = actionsOfClassWord.find(([word]) => word.test(className));
  return !rule || rule[1].some((action) => actions.has(action));
}
