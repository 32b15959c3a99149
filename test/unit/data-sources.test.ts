import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import type { EntityRecord, TermRecord, VocabularyModel } from '../../src/core/vocabulary/model';
import { dedupeTerms } from '../../scripts/data/assemble';
import { classifyDevelopmentCode, isRegimenName, isSystematicChemicalName, markedTradeName } from '../../scripts/data/drugAliases';
import { readSources, type SourceInfo } from '../../scripts/data/sources';
import { classifyDrugSpellings } from '../../scripts/data/drugSpellings';
import { prepareSourceFixtures } from '../helpers/sourceFixtures';
import { parseDelimited } from '../../scripts/data/table';

let sourceDir = '';
let model: VocabularyModel;
let sources: SourceInfo[];

before(async () => {
  sourceDir = await prepareSourceFixtures();
  ({ model, sources } = await readSources(sourceDir));
});

after(async () => {
  if (sourceDir) await rm(sourceDir, { recursive: true, force: true });
});

function entity(kind: EntityRecord['kind'], canonical: string): EntityRecord {
  const found = model.entities.find((e) => e.kind === kind && e.canonical === canonical);
  assert.ok(found, `no ${kind} entity ${canonical}`);
  return found;
}
function termsOf(record: EntityRecord): TermRecord[] {
  const index = model.entities.indexOf(record);
  return model.terms.filter((term) => term.entity === index);
}
function term(record: EntityRecord, text: string): TermRecord | undefined {
  return termsOf(record).find((t) => t.text === text);
}

test('genes: one entity per HGNC symbol with ids, names, locus type and cross-references', () => {
  assert.equal(model.entities.filter((e) => e.kind === 'gene').length, 7);
  const erbb2 = entity('gene', 'ERBB2');
  assert.equal(erbb2.id, 'HGNC:3430');
  assert.equal(erbb2.name, 'erb-b2 receptor tyrosine kinase 2');
  assert.equal(erbb2.locusType, 'gene with protein product');
  assert.deepEqual(erbb2.xrefs, { HGNC: 'HGNC:3430', NCBIGene: '2064', UniProt: ['P04626'], Ensembl: 'ENSG00000141736' });
  assert.equal(entity('gene', 'A1BG-AS1').locusType, 'RNA, long non-coding');
});

test('genes: symbols, aliases and previous symbols match case-sensitively, specific names in any case', () => {
  const erbb2 = entity('gene', 'ERBB2');
  assert.deepEqual(term(erbb2, 'ERBB2'), { text: 'ERBB2', entity: model.entities.indexOf(erbb2), role: 'symbol', caseSensitive: true });
  assert.equal(term(erbb2, 'HER2')?.role, 'alias');
  assert.equal(term(erbb2, 'HER2')?.caseSensitive, true);
  assert.equal(term(erbb2, 'NGL')?.role, 'previous');
  assert.equal(term(erbb2, 'erb-b2 receptor tyrosine kinase 2')?.role, 'name');
  assert.equal(term(erbb2, 'erb-b2 receptor tyrosine kinase 2')?.caseSensitive, false);
  // A one-word name is an ordinary word in prose.
  assert.equal(term(entity('gene', 'INS'), 'insulin'), undefined);
  assert.deepEqual(entity('gene', 'A1BG-AS1').synonyms, ['FLJ23569', 'NCRNA00181', 'A1BGAS']);
});

test('genes: NCBI aliases HGNC lacks are added, but not another gene’s approved symbol', () => {
  const erbb2 = entity('gene', 'ERBB2');
  assert.equal(term(erbb2, 'HER-2/neu')?.role, 'alias');
  assert.equal(term(erbb2, 'CD340')?.caseSensitive, true);
  assert.ok(erbb2.synonyms?.includes('HER-2/neu'));
  assert.equal(term(entity('gene', 'PIK3CA'), 'p110-alpha')?.role, 'alias');
  const mki67 = entity('gene', 'MKI67');
  assert.ok(term(mki67, 'KIA'));
  assert.equal(term(mki67, 'CDK4'), undefined);
});

test('drugs: DrugBank drugs keyed by DrugBank id with lower-case canonical and xrefs', () => {
  const letrozole = entity('drug', 'letrozole');
  assert.equal(letrozole.id, 'DB01006');
  assert.equal(letrozole.name, 'Letrozole');
  assert.deepEqual(letrozole.xrefs, { DrugBank: 'DB01006', ChEMBL: 'CHEMBL1444', CAS: '112809-51-5', UNII: '7LKK855W8I' });
  assert.equal(term(letrozole, 'Letrozole')?.role, 'generic');
  assert.equal(term(letrozole, 'Letrozole')?.caseSensitive, false);
  assert.equal(term(letrozole, 'Letrozol')?.role, 'synonym');
  // MeSH comes from DrugCentral: a descriptor, else a supplementary record.
  assert.equal(entity('drug', 'tamoxifen').xrefs?.MeSH, 'D013629');
  assert.equal(entity('drug', 'anastrozole').xrefs?.MeSH, 'C090450');
});

test('drugs: a quoted CSV synonym keeps its commas and quotes; systematic chemical names are left out', () => {
  const anastrozole = entity('drug', 'anastrozole');
  assert.ok(term(anastrozole, '"Arimidex-free" test synonym, quoted'));
  const palbociclib = entity('drug', 'palbociclib');
  assert.ok(!termsOf(palbociclib).some((t) => t.text.startsWith('6-Acetyl')));
});

test('drugs: brands from FDS and pharmOncoX, but not spelling variants or generic makers’ labels', () => {
  assert.deepEqual(entity('drug', 'letrozole').brands, ['Femara']);
  assert.equal(term(entity('drug', 'letrozole'), 'Femara')?.role, 'brand');
  assert.deepEqual(entity('drug', 'palbociclib').brands, ['Ibrance']);
  assert.deepEqual(entity('drug', 'tamoxifen').brands, ['Nolvadex']);
  // No DrugBank id in the FDS row: joined on the canonical name.
  assert.deepEqual(entity('drug', 'anastrozole').brands, ['Arimidex']);
});

test('drugs: the name FDS gives a drug DrugBank names otherwise is a synonym, unless it names a class', () => {
  // DrugBank files mesna under Coenzyme M; FDS names it mesna, and Mesnex stays its brand.
  const coenzymeM = entity('drug', 'coenzyme m');
  assert.equal(term(coenzymeM, 'mesna')?.role, 'synonym');
  assert.equal(term(coenzymeM, 'mesna')?.attested, true);
  assert.deepEqual(coenzymeM.brands, ['Mesnex']);
  // FDS files 'estrogen' under estradiol cypionate: a class of hormones, not that one drug.
  assert.equal(term(entity('drug', 'estradiol cypionate'), 'estrogen'), undefined);
});

test('drugs: the name FDS gives a drug DrugBank has as a synonym is a generic name of it, not a slip to correct', () => {
  // DrugBank names torasemide by its INN; FDS (from MedlinePlus) by its US name, torsemide.
  const torasemide = entity('drug', 'torasemide');
  assert.equal(term(torasemide, 'Torsemide')?.role, 'generic');
  assert.equal(term(torasemide, 'Torasemida')?.role, 'synonym');
  assert.ok(torasemide.synonyms?.includes('Torsemide'), 'the card still lists it among the names');
  assert.deepEqual(torasemide.brands, ['Demadex']);
  assert.equal(term(torasemide, 'Torsemide')?.attested, true);
  const decisions = classifyDrugSpellings(structuredClone(model), () => false);
  assert.deepEqual(
    decisions.filter((d) => d.drug === 'torasemide').map((d) => [d.synonym, d.decision]),
    [
      ['Torasemida', 'variant'],
      ['Torasemidum', 'variant'],
    ],
  );
});

test('drugs: development codes merged as case-sensitive terms, catalogue noise left out', () => {
  const palbociclib = entity('drug', 'palbociclib');
  const codes = termsOf(palbociclib).filter((t) => t.role === 'code');
  assert.deepEqual(codes.map((t) => t.text).sort(), ['PD 0332991', 'PD-0332991', 'PD0332991']);
  assert.ok(codes.every((t) => t.caseSensitive));
  assert.deepEqual(palbociclib.codes, ['PD-0332991']);
  const letrozole = entity('drug', 'letrozole');
  assert.ok(term(letrozole, 'CGS 20267'));
  assert.equal(term(letrozole, 'FEM-345'), undefined, 'depositor code with a prefix NCI never uses');
});

test('drugs: pharmOncoX drugs join DrugBank by ChEMBL id; others become entities; regimens do not', () => {
  const lerociclib = entity('drug', 'lerociclib');
  assert.equal(lerociclib.id, 'DB16218');
  assert.equal(term(lerociclib, 'G1T38')?.role, 'code');
  assert.equal(term(lerociclib, 'Lerociclib Hydrochloride')?.role, 'synonym');

  const rintodestrant = entity('drug', 'rintodestrant');
  assert.equal(rintodestrant.id, 'CHEMBL4802161');
  assert.equal(rintodestrant.xrefs?.ChEMBL, 'CHEMBL4802161');
  assert.ok(term(rintodestrant, 'G1T48'));

  assert.equal(entity('drug', 'anti-her2 vaccine xy-101').id, 'NCIt:anti-her2-vaccine-xy-101');
  assert.ok(!model.entities.some((e) => /regimen/i.test(e.name)));
  // With carbidopa, levodopa and their combination (Atamet, Sinemet), coenzyme M, estradiol cypionate and torasemide.
  assert.equal(model.entities.filter((e) => e.kind === 'drug').length, 13);
});

test('drugs: targets from DrugCentral (human only, renamed symbols updated) and pharmOncoX', () => {
  assert.deepEqual(entity('drug', 'anastrozole').targets, ['CYP19A1']);
  assert.deepEqual(entity('drug', 'letrozole').targets, ['CYP19A1']);
  // Targets with a recorded action come first.
  assert.deepEqual(entity('drug', 'palbociclib').targets, ['CDK4', 'CDK6']);
  assert.deepEqual(entity('drug', 'lerociclib').targets, ['CDK4']);
  assert.deepEqual(entity('drug', 'rintodestrant').targets, ['ESR1']);
});

test('drugs: FDA classes, EPC before MoA, singular and plural forms merged, MeSH actions left out', () => {
  assert.deepEqual(entity('drug', 'anastrozole').classes, ['Aromatase Inhibitor']);
  assert.deepEqual(entity('drug', 'palbociclib').classes, ['Kinase Inhibitor', 'Cytochrome P450 3A Inhibitors']);
});

test('sources: one entry per file read, with version, licence and row count', () => {
  assert.equal(sources.length, 12);
  const hgnc = sources.find((s) => s.file === 'genes/hgnc_complete_set_2024-10-18.txt.gz');
  assert.ok(hgnc);
  assert.equal(hgnc.rows, 7);
  assert.match(hgnc.licence, /genenames\.org/);
  for (const source of sources) {
    for (const field of ['what', 'version', 'licence', 'attribution'] as const) assert.notEqual(source[field], '', `${source.file} ${field}`);
  }
});

test('model order: entities by kind then id, terms by entity then role then text; reading twice gives the same JSON', async () => {
  const ids = model.entities.map((e) => `${e.kind} ${e.id}`);
  assert.deepEqual(ids, [...ids].sort());
  for (let i = 1; i < model.terms.length; i++) assert.ok(model.terms[i - 1]!.entity <= model.terms[i]!.entity);
  const again = await readSources(sourceDir);
  assert.equal(JSON.stringify(again.model), JSON.stringify(model));
});

test('classifyDevelopmentCode keeps sponsor codes', () => {
  const sponsors = new Set(['PD', 'LY', 'NVP', 'AZD', 'GDC']);
  const kept: [string, string][] = [
    ['PD-0332991', 'PD-0332991'],
    ['pd 0332991', 'PD 0332991'],
    ['lee011', 'LEE011'],
    ['LY2835219', 'LY2835219'],
    ['rad001', 'RAD001'],
    ['NVP-BEZ235', 'NVP-BEZ235'],
    ['g1t38', 'G1T38'],
    ['rad1901', 'RAD1901'],
    ['AZD9833', 'AZD9833'],
    ['GDC-9545', 'GDC-9545'],
    ['bay 80-6946', 'BAY 80-6946'],
    ['r428', 'R428'],
  ];
  for (const [alias, code] of kept) assert.deepEqual(classifyDevelopmentCode(alias, sponsors), { code }, alias);
});

test('classifyDevelopmentCode drops catalogue ids, registry numbers, names and phrases', () => {
  const sponsors = new Set(['PD', 'LY']);
  const dropped: [string, string][] = [
    ['s4482', 'catalogue'],
    ['HMS3265M09', 'catalogue'],
    ['BCP09274', 'catalogue'],
    ['X7379', 'catalogue'],
    ['LQQ', 'length'],
    ['SCHEMBL462630', 'registry'],
    ['AKOS022205241', 'registry'],
    ['ZINC3938686', 'registry'],
    ['CHEMBL189963', 'registry'],
    ['NSC-758247', 'registry'],
    ['who 10631', 'registry'],
    ['UNII-G9ZF61LE7G', 'shape'],
    ['G9ZF61LE7G', 'shape'],
    ['C24H29N7O2', 'shape'],
    ['2euf', 'shape'],
    ['571190-30-2', 'shape'],
    ['Tox21_110719', 'punctuation'],
    ['CHEBI:85993', 'punctuation'],
    ['FEC/T', 'punctuation'],
    ['6-acetyl-8-cyclopentyl-5-methyl-2-((5-(piperazin-1-yl)pyridin-2-yl)amino)pyrido[2,3-d]pyrimidin-7-one', 'length'],
    ['serd azd9833', 'phrase'],
    ['e5501 maleate', 'phrase'],
    ['palbociclib', 'phrase'],
    ['FEM-345', 'unknown-prefix'],
  ];
  for (const [alias, reason] of dropped) assert.deepEqual(classifyDevelopmentCode(alias, sponsors), { dropped: reason }, alias);
});

test('helpers: trade-name marks, regimens and systematic names', () => {
  assert.equal(markedTradeName('Femara (TN) (Novartis)'), 'Femara');
  assert.equal(markedTradeName('Femara'), undefined);
  assert.ok(isRegimenName('Carboplatin/Cyclophosphamide Regimen'));
  assert.ok(isRegimenName('Cyclophosphamide/Epirubicin'));
  assert.ok(!isRegimenName('Anti-BCMA/Anti-CD3 Bispecific Antibody EMB-06'));
  assert.ok(isSystematicChemicalName("4,4'-(1H-1,2,4-triazol-1-ylmethylene)dibenzonitrile"));
  assert.ok(!isSystematicChemicalName('Tamoxifen citrate'));
});

test('dedupeTerms keeps the preferred role and treats case-insensitive terms as covering all casings', () => {
  const kept = dedupeTerms([
    { text: 'femara', role: 'synonym', caseSensitive: false },
    { text: 'Femara', role: 'brand', caseSensitive: false },
    { text: 'PD-0332991', role: 'code', caseSensitive: true },
    { text: 'pd-0332991', role: 'synonym', caseSensitive: false },
    { text: 'PD-0332991', role: 'code', caseSensitive: true },
  ]);
  assert.deepEqual(kept, [
    { text: 'Femara', role: 'brand', caseSensitive: false },
    { text: 'PD-0332991', role: 'code', caseSensitive: true },
    { text: 'pd-0332991', role: 'synonym', caseSensitive: false },
  ]);
});

test('parseDelimited reads quoted CSV fields with commas, doubled quotes and line breaks', () => {
  const rows = parseDelimited('id,name\r\n1,"a, ""b""\nc"\n2,plain\n', { delimiter: ',', quoted: true });
  assert.deepEqual(rows, [
    ['id', 'name'],
    ['1', 'a, "b"\nc'],
    ['2', 'plain'],
  ]);
  assert.deepEqual(parseDelimited('x\t2"-ol\n', { delimiter: '\t', quoted: false }), [['x', '2"-ol']]);
});
