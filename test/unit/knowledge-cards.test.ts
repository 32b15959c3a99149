import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../src/core';
import { renderCard } from '../../src/core/cards/card';
import { compileKnowledge, type EntityKnowledge } from '../../src/core/vocabulary/knowledge';
import type { VocabularyModel } from '../../src/core/vocabulary/model';
import { compiledBytes, fixtureVocabulary } from '../helpers/vocabularies';
import { compileVocabulary } from '../../src/core/vocabulary/compile';
import { vocabularyFromBytes } from '../../src/core/vocabulary/vocabulary';
import { neverCancelled } from '../../src/core/types';

/** Cards with knowledge from the sources (RefSeq, gene2pubmed, DrugCentral, Open Targets, PharmGKB), on an in-memory vocabulary. */
const model: VocabularyModel = {
  entities: [
    {
      id: 'HGNC:613',
      kind: 'gene',
      canonical: 'APOE',
      name: 'apolipoprotein E',
      synonyms: ['AD2', 'ApoE4'],
      xrefs: { HGNC: 'HGNC:613', NCBIGene: '348', UniProt: ['P02649'] },
    },
    { id: 'HGNC:6081', kind: 'gene', canonical: 'INS', name: 'insulin', xrefs: { HGNC: 'HGNC:6081', NCBIGene: '3630' } },
    {
      id: 'DB00843',
      kind: 'drug',
      canonical: 'donepezil',
      name: 'Donepezil',
      brands: ['Aricept'],
      targets: ['ACHE'],
      xrefs: { DrugBank: 'DB00843', ChEMBL: 'CHEMBL502' },
    },
    {
      id: 'DB01006',
      kind: 'drug',
      canonical: 'letrozole',
      name: 'Letrozole',
      classes: ['aromatase inhibitor'],
      context: ['breast cancer', 'postmenopausal', 'aromatase'],
      curated: true,
      summary: 'Letrozole is an aromatase inhibitor for breast cancer. It lowers estrogen.',
      related: ['leflutrozole', 'APOE'],
      xrefs: { DrugBank: 'DB01006' },
    },
    {
      id: 'DB19047',
      kind: 'drug',
      canonical: 'leflutrozole',
      name: 'Leflutrozole',
      classes: ['aromatase inhibitor'],
      context: ['male hypogonadism', 'testosterone', 'obesity'],
      curated: true,
      summary: 'Leflutrozole is an investigational aromatase inhibitor studied in men. It is not approved.',
      xrefs: { DrugBank: 'DB19047' },
    },
    { id: 'DB99999', kind: 'drug', canonical: 'nodatamab', name: 'Nodatamab', xrefs: { DrugBank: 'DB99999' } },
    { id: 'DB14580', kind: 'drug', canonical: 'lecanemab', name: 'Lecanemab', xrefs: { DrugBank: 'DB14580' } },
  ],
  terms: [
    { text: 'APOE', entity: 0, role: 'symbol', caseSensitive: true },
    { text: 'INS', entity: 1, role: 'symbol', caseSensitive: true },
    { text: 'donepezil', entity: 2, role: 'generic', caseSensitive: false },
    { text: 'letrozole', entity: 3, role: 'curated', caseSensitive: false },
    { text: 'leflutrozole', entity: 4, role: 'curated', caseSensitive: false },
    { text: 'nodatamab', entity: 5, role: 'generic', caseSensitive: false },
    { text: 'lecanemab', entity: 6, role: 'generic', caseSensitive: false },
  ],
};

const knowledge: EntityKnowledge[] = [
  {
    id: 'HGNC:613',
    summary: {
      text: 'The protein encoded by this gene is a major apoprotein of the chylomicron. It binds a specific liver and peripheral cell receptor and is essential for the normal catabolism of triglyceride-rich lipoproteins.',
      status: 'REVIEWED',
      accession: 'NM_000041.4',
    },
    location: '19q13.32',
    geneGroups: ['Apolipoproteins'],
    previousSymbols: ['AD2'],
    papers: ['6860692', '210175', '759055'],
  },
  { id: 'HGNC:6081', location: '11p15.5' },
  {
    id: 'DB00843',
    mechanisms: [{ action: 'INHIBITOR', targets: [{ genes: ['ACHE'], name: 'Acetylcholinesterase' }], source: 'DrugCentral', references: [0] }],
    fdaClasses: ['Cholinesterase Inhibitor'],
    indications: [{ text: "mild to moderate Alzheimer's type dementia", source: 'DrugCentral' }],
    brands: ['Eranz'],
    ids: { DrugCentral: '946', PharmGKB: 'PA449394' },
    references: [
      { source: 'ChEMBL', label: 'ChEMBL mechanism', url: 'https://www.ebi.ac.uk/chembl/compound_report_card/CHEMBL502/', supports: 'mechanism' },
      {
        source: 'DailyMed',
        label: 'FDA label (DailyMed)',
        url: 'https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=2b1b7b5f-2f20-418c-b1ac-794c2ef1ce5e',
      },
    ],
  },
  {
    id: 'DB14580',
    mechanisms: [{ phrase: 'Amyloid-beta-targeted mAb', targets: [{ genes: ['APP'] }], source: 'Open Targets', references: [0] }],
    approval: { year: 2023, agency: 'FDA', brand: 'Leqembi', source: 'Open Targets' },
    indications: [{ text: 'Alzheimer disease', source: 'Open Targets' }],
    references: [{ source: 'Open Targets', label: 'Open Targets Platform', url: 'https://platform.opentargets.org/drug/CHEMBL3833321' }],
  },
];

const english = ['the', 'and', 'was', 'for', 'with', 'in', 'of', 'women', 'patients', 'cancer', 'breast', 'we', 'gave'];
const { vocabulary } = fixtureVocabulary(model, english, knowledge);
const service = createLanguageService({ vocabulary });
const words = (markdown: string) => markdown.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length;

test('a gene card shows the first sentences of its RefSeq summary, marked with its review status, and its key papers as PubMed links', () => {
  const card = service.explain('APOE')!;
  const [head, subtitle, ids] = card.split('\n');
  assert.match(head, /^\*\*APOE\*\* · gene \/ protein · `HGNC:613`/);
  assert.match(subtitle, /\*apolipoprotein E\* · protein-coding gene · 19q13\.32/);
  assert.match(ids, /\[HGNC:613\]\(https:\/\/www\.genenames\.org\/.*\[NCBI Gene 348\]/);
  assert.match(card, /major apoprotein of the chylomicron\. It binds/);
  assert.match(card, /NCBI RefSeq summary, reviewed: \[NM\\_000041\.4\]\(https:\/\/www\.ncbi\.nlm\.nih\.gov\/nuccore\/NM_000041\.4\)/);
  for (const pmid of ['6860692', '210175', '759055'])
    assert.match(card, new RegExp(`\\[PMID ${pmid}\\]\\(https://pubmed\\.ncbi\\.nlm\\.nih\\.gov/${pmid}/\\)`));
  assert.match(card, /\*\*Gene group:\*\* Apolipoproteins/);
  assert.match(card, /\*\*Previous symbols:\*\* AD2/);
  // A previous symbol is not repeated among the other names.
  assert.match(card, /\*\*Also written:\*\* ApoE4\s/);
  assert.match(card, /_Generated from HGNC, NCBI RefSeq and NCBI gene2pubmed; no curated summary yet\._/);
  assert.doesNotMatch(card, /data\/SOURCES\.md|\.tsv|\.gz/, 'no repository paths');
});

test('a drug card has a mechanism line with its reference, and a sentence built only from named facts', () => {
  const card = service.explain('donepezil')!;
  assert.match(
    card,
    /Donepezil is a cholinesterase inhibitor that inhibits acetylcholinesterase \(ACHE\); it is indicated for mild to moderate Alzheimer's type dementia\./,
  );
  assert.match(
    card,
    /\*\*Mechanism:\*\* inhibits acetylcholinesterase \(ACHE\) \*\(DrugCentral\)\* · \[ChEMBL mechanism\]\(https:\/\/www\.ebi\.ac\.uk\/chembl\/compound_report_card\/CHEMBL502\/\)/,
  );
  assert.match(card, /\*\*FDA class:\*\* Cholinesterase Inhibitor/);
  assert.match(card, /\*\*Brands:\*\* Aricept, Eranz/);
  assert.match(card, /\[FDA label \(DailyMed\)\]\(https:\/\/dailymed\.nlm\.nih\.gov\//);
  assert.match(card, /\[DrugCentral 946\]\(https:\/\/drugcentral\.org\/drugcard\/946\)/);
  assert.match(card, /_Generated from DrugBank, DrugCentral and PharmGKB; no curated summary yet\._/);
  // The head answers "what is this?" before any detail: name, ids, then the sentence.
  const lines = card.split('\n');
  assert.match(lines[1], /\[DrugBank DB00843\]/);
  assert.match(lines[3], /^Donepezil is/);
  assert.ok(words(lines[3]) >= 15);
});

test('a drug from the FDA approvals of 2013–2023 says its mechanism phrase, target and year, from Open Targets', () => {
  const card = service.explain('lecanemab')!;
  assert.match(
    card,
    /Lecanemab is an amyloid-beta-targeted mAb targeting APP; it is indicated for Alzheimer disease\. Approved by the FDA in 2023 as Leqembi\./,
  );
  assert.match(
    card,
    /\*\*Mechanism:\*\* Amyloid-beta-targeted mAb, targeting APP \*\(Open Targets\)\* · \[Open Targets Platform\]\(https:\/\/platform\.opentargets\.org\/drug\/CHEMBL3833321\)/,
  );
  assert.match(card, /Generated from DrugBank and Open Targets/);
});

test('an FDA class is written in lower case in the sentence, keeping its acronyms', () => {
  const card = renderCard(
    { id: 'DB09037', kind: 'drug', canonical: 'pembrolizumab', name: 'Pembrolizumab' },
    {
      knowledge: {
        id: 'DB09037',
        fdaClasses: ['Programmed Death Receptor-1 Blocking Antibody'],
        mechanisms: [{ action: 'ANTIBODY BINDING', targets: [{ genes: ['PDCD1'], name: 'Programmed cell death protein 1' }], source: 'DrugCentral' }],
      },
    },
  );
  assert.match(card, /Pembrolizumab is a programmed death receptor-1 blocking antibody that binds programmed cell death protein 1 \(PDCD1\)\./);
  const statin = renderCard({ id: 'S', kind: 'drug', canonical: 's', name: 'Statin' }, { knowledge: { id: 'S', fdaClasses: ['HMG-CoA Reductase Inhibitor'] } });
  assert.match(statin, /Statin is an HMG-CoA reductase inhibitor\./);
});

test('a card without any description source still renders, identifiers only, and says so', () => {
  const drug = service.explain('nodatamab')!;
  assert.match(drug, /\*\*Nodatamab\*\* · drug · `DB99999`/);
  assert.match(drug, /\[DrugBank DB99999\]\(https:\/\/go\.drugbank\.com\/drugs\/DB99999\)/);
  assert.match(drug, /_No description source covers this drug yet: identifiers only\._/);
  const gene = service.explain('INS')!;
  assert.match(gene, /\*insulin\* · protein-coding gene · 11p15\.5/);
  assert.match(gene, /_No description source covers this gene \/ protein yet: identifiers only\._/);
});

test('the look-alike hover shows the written drug and the likely meant one, each labelled, without repeating the message', async () => {
  const text = 'Postmenopausal women with breast cancer were given leflutrozole; aromatase inhibition in breast cancer.\n';
  const doc = { uri: 'file:///lookalike.md', version: 1, text };
  const analysis = await service.analyze(doc, neverCancelled);
  const finding = analysis.findings.find((f) => f.code === 'drug-lookalike');
  assert.ok(finding, JSON.stringify(analysis.findings));
  const hover = await service.hover(doc, text.indexOf('leflutrozole') + 2, neverCancelled);
  assert.ok(hover);
  assert.equal(text.slice(hover.start, hover.end), 'leflutrozole');
  const [written, meant] = hover.markdown.split('\n\n---\n\n');
  assert.match(written, /^\*written:\* \*\*Leflutrozole\*\* · drug · `DB19047`/);
  assert.match(written, /Leflutrozole is an investigational aromatase inhibitor studied in men\./);
  assert.match(meant, /^\*likely meant:\* \*\*Letrozole\*\* · drug · `DB01006`/);
  assert.match(meant, /Letrozole is an aromatase inhibitor for breast cancer\./);
  assert.ok(!hover.markdown.includes(finding.message), 'the diagnostic message is not repeated');
  assert.doesNotMatch(hover.markdown, /drug-lookalike/);
});

test('related names link to their database pages', () => {
  const card = service.explain('letrozole')!;
  assert.match(
    card,
    /\*\*Related:\*\* \[leflutrozole\]\(https:\/\/go\.drugbank\.com\/drugs\/DB19047\), \[APOE\]\(https:\/\/www\.genenames\.org\/data\/gene-symbol-report\/#!\/hgnc_id\/HGNC:613\)/,
  );
});

test('text from the sources is escaped, and only https links are made', () => {
  const hostile: EntityKnowledge = {
    id: 'X',
    summary: { text: '# Evil [click](javascript:alert(1)) <img src=x> http://evil.example *bold* mail@evil.example', status: 'REVIEWED', accession: 'NM_1.1' },
    mechanisms: [{ action: 'INHIBITOR', targets: [{ genes: ['A](http://evil'] }], source: 'DrugCentral', references: [0] }],
    references: [{ source: 'X', label: 'plain http', url: 'http://example.org/x' }],
  };
  const card = renderCard({ id: 'X', kind: 'gene', canonical: 'X', name: 'x' }, { knowledge: hostile });
  assert.doesNotMatch(card, /(?<!\\)\](?=\()[^)]*javascript/, 'no javascript: link');
  assert.doesNotMatch(card, /(?<!\\)\]\(http:/, 'no plain-http link');
  assert.doesNotMatch(card, /(?<!\\)<img/);
  assert.doesNotMatch(card, /http:\/\/evil/, 'a bare URL is broken up so no renderer links it');
  assert.match(card, /^\\# Evil/m, 'a leading # does not make a heading');
  assert.match(card, /\\\*bold\\\*/);
  assert.throws(
    () =>
      compileKnowledge(
        [{ id: 'X', kind: 'drug', canonical: 'x', name: 'x' }],
        new Map([['X', { id: 'X', references: [{ source: 'X', label: 'x', url: 'http://example.org' }] }]]),
        { inputs: {}, settings: {} },
      ),
    /not a plain https URL/,
  );
});

test('the knowledge file is read when the first card is shown, a record at a time, and a file for other entities is refused', () => {
  const compiled = compiledBytes(compileVocabulary(model, english, 'fixture'));
  const file = compileKnowledge(model.entities, new Map(knowledge.map((k) => [k.id, k])), { inputs: {}, settings: {} });
  const reads: number[] = [];
  const lazy = vocabularyFromBytes(
    { ...compiled, knowledge: { size: file.length, readAt: (offset, length) => (reads.push(length), file.subarray(offset, offset + length)) } },
    'fixture',
  );
  assert.equal(reads.length, 0, 'loading reads nothing of it');
  assert.match(createLanguageService({ vocabulary: lazy }).explain('APOE')!, /chylomicron/);
  assert.ok(reads.length <= 4 && Math.max(...reads) < file.length, `small reads: ${reads.join(', ')}`);

  // Built for another vocabulary: same count, other ids.
  const other = compileKnowledge(
    model.entities.map((e, i) => (i === 0 ? { ...e, id: 'HGNC:1' } : e)),
    new Map([['HGNC:1', { ...knowledge[0], id: 'HGNC:1' }]]),
    { inputs: {}, settings: {} },
  );
  const stale = vocabularyFromBytes({ ...compiled, knowledge: other }, 'fixture');
  const card = createLanguageService({ vocabulary: stale }).explain('APOE')!;
  assert.doesNotMatch(card, /chylomicron/);
  assert.match(card, /No description source/);
  assert.match(stale.knowledgeProblem(), /built for other entities/);

  // No knowledge file at all: identifier cards, no problem to report.
  const bare = vocabularyFromBytes(compiled, 'fixture');
  assert.match(createLanguageService({ vocabulary: bare }).explain('donepezil')!, /identifiers only/);
  assert.equal(bare.knowledgeProblem(), '');
});
