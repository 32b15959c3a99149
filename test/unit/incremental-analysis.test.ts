import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService, type LanguageService } from '../../src/core';
import { neverCancelled, type DocumentAnalysis, type OffsetRange, type TextDocumentInput } from '../../src/core/types';
import { realTagger, realVocabulary } from '../helpers/vocabularies';
import { readScenario, scenarioFiles } from '../scenarios/scenarios';
import { DocumentContext, type CarriedContext } from '../../src/core/findings/context';
import { ProseContentWords, SourceIndications } from '../../src/core/findings/indications';
import { CachingRecognizer } from '../../src/core/recognize/recognizer';

// An edited note keeps what earlier analyses found (each prose run's terms and words, the rules'
// judgements of words and drugs, what the note is about): whatever the edits, the editor must show
// what `biolens check` shows for the same text.

const vocabulary = realVocabulary();
const tagger = realTagger();

/** A seeded generator, so that a failure names the edit that caused it. */
function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

const wordPattern = /[A-Za-z][A-Za-z-]{3,}/g;

/**
 * One random edit of the kinds writers make: a typo, a deleted word, a word written again
 * elsewhere, a paragraph moved or dropped, and, as often as the rest together, a name the note
 * mentions (a drug, a gene, a disease phrase) written over a word or deleted, since those change
 * what the note is about.
 */
function edit(text: string, names: readonly OffsetRange[], random: (below: number) => number): { text: string; what: string } {
  const at = random(text.length);
  const words = [...text.matchAll(wordPattern)];
  const word = words[random(words.length)];
  const paragraphs = text.split('\n\n');
  const name = names[random(names.length)];
  const named = text.slice(name.start, name.end);
  switch (random(12)) {
    case 0:
      return { text: text.slice(0, at) + 'abcdefghijklmnopqrstuvwxyz'[random(26)] + text.slice(at), what: `letter typed at ${at}` };
    case 1:
      return { text: text.slice(0, at) + text.slice(at + 1), what: `character deleted at ${at}` };
    case 2:
      return { text: text.slice(0, word.index) + text.slice(word.index + word[0].length), what: `'${word[0]}' deleted` };
    case 3: {
      const other = words[random(words.length)];
      const start = other.index;
      return { text: text.slice(0, start) + word[0] + text.slice(start + other[0].length), what: `'${other[0]}' overwritten with '${word[0]}'` };
    }
    case 4: {
      const k = random(paragraphs.length);
      return { text: [...paragraphs.slice(0, k), ...paragraphs.slice(k + 1)].join('\n\n'), what: `paragraph ${k} deleted` };
    }
    case 5: {
      const k = random(paragraphs.length);
      const to = random(paragraphs.length);
      const moved = [...paragraphs];
      moved.splice(to, 0, paragraphs[k]);
      return { text: moved.join('\n\n'), what: `paragraph ${k} copied to ${to}` };
    }
    case 6:
    case 7:
    case 8:
      return { text: text.slice(0, name.start) + text.slice(name.end), what: `'${named}' deleted` };
    default:
      return { text: text.slice(0, word.index) + named + text.slice(word.index + word[0].length), what: `'${word[0]}' overwritten with '${named}'` };
  }
}

function comparable(analysis: DocumentAnalysis): Omit<DocumentAnalysis, 'uri' | 'version'> {
  return { entities: analysis.entities, findings: analysis.findings };
}

test('after each of many random edits, the kept analysis finds exactly what a fresh one finds', async () => {
  const notes = scenarioFiles().map((file) => readScenario(file).text);
  const service = createLanguageService({ vocabulary, tagger });
  // Two notes share the service, as open editors do: one note's kept judgements are tested in the other.
  const documents: TextDocumentInput[] = [
    { uri: 'file:///clinic.md', version: 1, text: notes.slice(0, notes.length >> 1).join('\n\n') },
    { uri: 'file:///lab.md', version: 1, text: notes.slice(notes.length >> 1).join('\n\n') },
  ];
  const random = seededRandom(20261202);
  const fresh = async (document: TextDocumentInput) => comparable(await createLanguageService({ vocabulary, tagger }).analyze(document, neverCancelled));
  const analyzed = async (kept: LanguageService, document: TextDocumentInput) => comparable(await kept.analyze(document, neverCancelled));
  for (const document of documents) assert.deepEqual(await analyzed(service, document), await fresh(document));
  let findings = 0;
  let names = await Promise.all(documents.map(async (document) => (await fresh(document)).entities));
  for (let n = 1; n <= 80; n++) {
    const k = random(documents.length);
    const { text, what } = edit(documents[k].text, names[k], random);
    documents[k] = { uri: documents[k].uri, version: documents[k].version + 1, text };
    const expected = await fresh(documents[k]);
    names = names.map((list, i) => (i === k ? expected.entities : list));
    assert.deepEqual(await analyzed(service, documents[k]), expected, `edit ${n} of ${documents[k].uri}: ${what}`);
    findings += expected.findings.length;
  }
  assert.ok(findings > 0, 'the edited notes have findings to compare');
});

test('as the names and phrases that place a note are deleted one by one, the kept analysis follows them', async () => {
  // Notes whose findings hang on what they are about (look-alikes, suggestions ranked by context):
  // each step deletes the next disease phrase, then, once none is left, the first name, so the
  // phrases, genes and drug classes the note names change one at a time.
  for (const name of ['ranking-by-context', 'diabetes-clinic-lookalike', 'heart-failure-clinic']) {
    const file = scenarioFiles().find((f) => f.endsWith(`${name}.md`));
    assert.ok(file, `the scenario ${name} exists`);
    const service = createLanguageService({ vocabulary, tagger });
    let document: TextDocumentInput = { uri: `file:///${name}.md`, version: 1, text: readScenario(file).text };
    let expected = comparable(await createLanguageService({ vocabulary, tagger }).analyze(document, neverCancelled));
    assert.deepEqual(comparable(await service.analyze(document, neverCancelled)), expected);
    const phrases = /\b(?:breast cancer|heart failure|hypertension|diabetes|type 2|atrial fibrillation|oedema|edema|schizophrenia|epilepsy)\b/i;
    for (let step = 1; expected.entities.length > 0; step++) {
      const phrase = phrases.exec(document.text);
      const cut = phrase ? { start: phrase.index, end: phrase.index + phrase[0].length } : expected.entities[0];
      const deleted = document.text.slice(cut.start, cut.end);
      const text = document.text.slice(0, cut.start) + document.text.slice(cut.end);
      document = { uri: document.uri, version: document.version + 1, text };
      expected = comparable(await createLanguageService({ vocabulary, tagger }).analyze(document, neverCancelled));
      assert.deepEqual(comparable(await service.analyze(document, neverCancelled)), expected, `${name}, step ${step}: '${deleted}' deleted`);
    }
  }
});

test("what a note's context carries to its next version follows the genes, drug classes and phrases the edit changed", () => {
  const sources = new SourceIndications(vocabulary);
  const contextOf = (text: string, words: ProseContentWords, carried?: CarriedContext) => {
    const recognized = new CachingRecognizer(vocabulary).recognize(text, [{ start: 0, end: text.length }]);
    const prose = { read: () => words.of(text, [{ start: 0, end: text.length }]), changedSince: (generation: number) => words.changedSince(generation) };
    return { context: new DocumentContext(recognized.mentions, recognized.contextPhrases, vocabulary, sources, prose, carried), recognized };
  };
  const edits = [
    ['the target named', 'Letrozole inhibits CYP19A1 in breast cancer.', 'Letrozole inhibits it in breast cancer.'],
    ['the class shared', 'Letrozole and anastrozole in breast cancer.', 'Letrozole and it in breast cancer.'],
    ['the phrase', 'Letrozole was given as neoadjuvant treatment.', 'Letrozole was given as treatment.'],
  ];
  for (const [what, before, after] of edits) {
    const words = new ProseContentWords();
    const first = contextOf(before, words);
    const letrozole = vocabulary.entity(first.recognized.mentions.find((m) => m.canonical === 'letrozole')!.entity);
    const signatureBefore = first.context.signature(letrozole);
    const next = contextOf(after, words, first.context.carry());
    const fresh = contextOf(after, new ProseContentWords());
    assert.notEqual(fresh.context.signature(letrozole), signatureBefore, `${what}: the edit changes what decides letrozole's fit`);
    assert.equal(next.context.signature(letrozole), fresh.context.signature(letrozole), `${what}: carried as a fresh context says`);
  }
});

test('as random edits define, undefine and move abbreviations, the kept analysis finds what a fresh one finds', async () => {
  // Definitions and uses in separate paragraphs, so that moving a paragraph puts a definition
  // before or after its uses; the edits write a definition in, cut one out, or write a use.
  const definitions = [
    'valproic acid (VPA)',
    'tri-ortho-tolyl phosphate (TOTP)',
    'tumor necrosis factor alpha (TNF-α)',
    'streptozotocin (STZ)',
    'nitric oxide synthase (NOS)',
  ];
  const shortForms = definitions.map((d) => /\(([^)]+)\)$/.exec(d)![1]);
  const paragraphs = [
    `Patients on ${definitions[0]} had tremor; VPA levels were checked.`,
    'Rats given STZ developed diabetes, and NOS activity rose in the kidney.',
    `Exposure to ${definitions[1]} caused a delayed neuropathy. TOTP is an organophosphate.`,
    'Serum TNF-α rose after VPA, and the STZ group lost weight.',
    `Diabetes was induced with ${definitions[3]} in all groups.`,
    `The inducible ${definitions[4]} and ${definitions[2]} were measured.`,
  ];
  const service = createLanguageService({ vocabulary, tagger });
  let document: TextDocumentInput = { uri: 'file:///abbreviations.md', version: 1, text: paragraphs.join('\n\n') };
  const random = seededRandom(20261203);
  const fresh = async (d: TextDocumentInput) => comparable(await createLanguageService({ vocabulary, tagger }).analyze(d, neverCancelled));
  let uses = 0;
  for (let n = 1; n <= 60; n++) {
    const text = document.text;
    const parts = text.split('\n\n');
    const at = random(text.length + 1);
    let next: string;
    let what: string;
    switch (random(5)) {
      case 0: {
        const d = definitions[random(definitions.length)];
        next = text.slice(0, at) + ` ${d} ` + text.slice(at);
        what = `'${d}' written at ${at}`;
        break;
      }
      case 1: {
        const open = text.indexOf('(', at);
        const close = open < 0 ? -1 : text.indexOf(')', open);
        next = close < 0 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, open) + text.slice(close + 1);
        what = close < 0 ? `character deleted at ${at}` : `'${text.slice(open, close + 1)}' cut out`;
        break;
      }
      case 2: {
        const short = shortForms[random(shortForms.length)];
        next = text.slice(0, at) + ` ${short} ` + text.slice(at);
        what = `'${short}' written at ${at}`;
        break;
      }
      case 3: {
        const k = random(parts.length);
        const to = random(parts.length);
        const moved = parts.filter((_, i) => i !== k);
        moved.splice(to, 0, parts[k]);
        next = moved.join('\n\n');
        what = `paragraph ${k} moved to ${to}`;
        break;
      }
      default:
        next = text.slice(0, at) + 'x' + text.slice(at);
        what = `letter typed at ${at}`;
    }
    document = { uri: document.uri, version: document.version + 1, text: next };
    const expected = await fresh(document);
    assert.deepEqual(comparable(await service.analyze(document, neverCancelled)), expected, `edit ${n}: ${what}`);
    uses += expected.entities.filter((e) => shortForms.includes(e.text)).length;
  }
  assert.ok(uses > 0, 'the edited note uses its abbreviations');
});

test('an intention comment typed, joined by a deletion or cut out in an edit counts as it would in a fresh analysis', async () => {
  const service = createLanguageService({ vocabulary, tagger });
  const base = 'Patients on anastrazole and letrozine were followed.\n\nA second paragraph on tamoxifen.';
  const steps = [
    ['no comment', base],
    ['a comment typed', `${base}\n\n<!-- biolens-ignore: anastrazole -->`],
    ['the comment cut out', base],
    ['a broken mark', `${base}\n\n<!-- biolXens-ignore: letrozine -->`],
    ['the mark joined by a deletion', `${base}\n\n<!-- biolens-ignore: letrozine -->`],
    ['the mark broken again', `${base}\n\n<!-- biolens ignore: letrozine -->`],
  ];
  let version = 1;
  for (const [what, text] of steps) {
    const document = { uri: 'file:///intentions.md', version: version++, text };
    const expected = comparable(await createLanguageService({ vocabulary, tagger }).analyze(document, neverCancelled));
    assert.deepEqual(comparable(await service.analyze(document, neverCancelled)), expected, what);
  }
  const typed = comparable(await service.analyze({ uri: 'file:///other.md', version: 1, text: steps[1][1] }, neverCancelled));
  const none = comparable(await service.analyze({ uri: 'file:///other.md', version: 2, text: base }, neverCancelled));
  assert.ok(
    none.findings.some((f) => f.data.word === 'anastrazole') && !typed.findings.some((f) => f.data.word === 'anastrazole'),
    'the comment silences the word it names',
  );
});

test('brands and second spellings beside their generic, and abbreviation uses, are found after edits as a fresh analysis finds them', async () => {
  const service = createLanguageService({ vocabulary, tagger });
  const paragraphs = [
    'Everolimus was given with exemestane. Tumours shrank on everolimus in most patients.',
    'Later, Afinitor was stopped for stomatitis.',
    'Cyclosporine levels were checked weekly, and cyclosporine was tapered.',
    'Ciclosporin was restarted after the infection cleared.',
    'Valproic acid (VPA) was added for seizures. VPA levels stayed in range.',
    'Patients taking VPA and AFINITOR were seen monthly.',
  ];
  const random = seededRandom(20261203);
  let document: TextDocumentInput = { uri: 'file:///forms.md', version: 1, text: paragraphs.join('\n\n') };
  const words = (f: DocumentAnalysis['findings']) => f.filter((x) => x.code === 'drug-inconsistent').map((x) => x.data.word);
  let sawBrand = false;
  let sawSpelling = false;
  for (let n = 0; n <= 40; n++) {
    if (n > 0) {
      const parts = document.text.split('\n\n');
      const k = random(parts.length);
      const pick = random(4);
      const edited =
        pick === 0
          ? [...parts.slice(0, k), ...parts.slice(k + 1)]
          : pick === 1
            ? [...parts.slice(0, k), paragraphs[random(paragraphs.length)], ...parts.slice(k)]
            : pick === 2
              ? [...parts.slice(0, k), 'x' + parts[k], ...parts.slice(k + 1)]
              : [...parts.slice(0, k), `<!-- biolens-ignore: afinitor -->`, ...parts.slice(k)];
      document = { uri: document.uri, version: document.version + 1, text: edited.join('\n\n') || paragraphs[0] };
    }
    const expected = comparable(await createLanguageService({ vocabulary, tagger }).analyze(document, neverCancelled));
    assert.deepEqual(comparable(await service.analyze(document, neverCancelled)), expected, `edit ${n}: ${JSON.stringify(document.text)}`);
    sawBrand ||= words(expected.findings).includes('afinitor');
    sawSpelling ||= words(expected.findings).includes('ciclosporin');
  }
  assert.ok(sawBrand && sawSpelling, 'the edited note shows both kinds of drug-inconsistent finding');
  // A form judged a brand in one note is still left alone where the writer marked it intended.
  const marked = await service.analyze(
    { uri: 'file:///marked.md', version: 1, text: `${paragraphs.join('\n\n')}\n\n<!-- biolens-ignore: afinitor -->` },
    neverCancelled,
  );
  assert.ok(!words(marked.findings).includes('afinitor'), 'the intention comment silences the brand');
});
