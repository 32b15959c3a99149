import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLanguageService } from '../../src/core';
import { recognize } from '../../src/core/recognize/recognizer';
import { canFollow, emissionScores, viterbi } from '../../src/core/tagger/decode';
import { tokenFeatures } from '../../src/core/tagger/features';
import { tagCount, taggerModelFromBytes, TaggerModelLoadError, taggedKinds } from '../../src/core/tagger/model';
import { EmissionScorer } from '../../src/core/tagger/scorer';
import { kindSpans, Tagger } from '../../src/core/tagger/tagger';
import { withBalancedBrackets } from '../../src/core/tagger/brackets';
import { tokenize } from '../../src/core/tagger/tokens';
import { neverCancelled } from '../../src/core/types';
import { loadTagger } from '../../src/node/tagger';
import { dataDir, realTagger, realVocabulary } from '../helpers/vocabularies';

const vocabulary = realVocabulary();
const tagger = realTagger();
const geneModel = fs.readFileSync(path.join(dataDir, 'tagger', 'gene.bin'));

/** The tagger's spans of one kind in a sentence, as their texts. */
function tagged(text: string, kind: 'gene' | 'chemical'): string[] {
  const matches = recognize(text, [{ start: 0, end: text.length }], vocabulary).mentions;
  return tagger
    .tag(text, matches)
    .filter((span) => span.kind === kind)
    .map((span) => text.slice(span.start, span.end));
}

test('the tokeniser splits letters, digits and punctuation and keeps offsets', () => {
  const text = 'IL-2Rα and NF-κB';
  const tokens = tokenize(text);
  const pieces = Array.from({ length: tokens.count }, (_, i) => text.slice(tokens.starts[i], tokens.ends[i]));
  assert.deepEqual(pieces, ['IL', '-', '2', 'Rα', 'and', 'NF', '-', 'κB']);
  // A token in every character (a list of numbers): far more tokens than prose has.
  const dense = tokenize('1,'.repeat(500));
  assert.equal(dense.count, 1000);
  assert.equal(dense.starts[999], 999);
});

test('the cached scores are exactly the per-token sums of every feature, so the spans are the same', () => {
  const models = taggedKinds.map((kind) => taggerModelFromBytes(fs.readFileSync(path.join(dataDir, 'tagger', `${kind}.bin`)), kind));
  const examples = path.join(__dirname, '..', '..', 'examples');
  const paragraphs = fs
    .readdirSync(examples)
    .filter((name) => name.endsWith('.md'))
    .flatMap((name) => fs.readFileSync(path.join(examples, name), 'utf8').split(/\n\s*\n/));
  assert.ok(paragraphs.length > 50, `${paragraphs.length} paragraphs`);
  // A small cache is cleared between paragraphs many times over: forgetting must not change a score.
  // The scorer packs two models' sums to a word: one model alone, and a third alone in its word, too.
  const modelSets = [models, models, models.slice(0, 1), [...models, models[0]]];
  const scorers = modelSets.map((set, k) => (k === 1 ? new EmissionScorer(set, tagger.wordClasses, 64) : new EmissionScorer(set, tagger.wordClasses)));
  let spanCount = 0;
  for (const paragraph of [...paragraphs, ...paragraphs]) {
    const matches = recognize(paragraph, [{ start: 0, end: paragraph.length }], vocabulary).mentions;
    const tokens = tokenize(paragraph);
    const features = tokenFeatures(paragraph, tokens, matches, models[0].bucketCount, tagger.wordClasses);
    const expected = models.map((model) => emissionScores(features, model.weights, model.scale, tokens.count));
    scorers.forEach((scorer, k) =>
      assert.deepEqual(
        scorer.emissions(paragraph, tokens, matches),
        modelSets[k].map((model) => expected[models.indexOf(model)]),
        paragraph,
      ),
    );
    const spans = models.flatMap((model, m) => kindSpans(paragraph, tokens, viterbi(expected[m], model.transitions, tokens.count), model.kind));
    spanCount += spans.length;
    assert.deepEqual(
      tagger.tag(paragraph, matches),
      spans.sort((a, b) => a.start - b.start || a.end - b.end),
    );
  }
  assert.ok(spanCount > 100, `${spanCount} spans`);
});

/** Viterbi as a plain loop over every allowed transition (canFollow): what the written-out decoder must give. */
function referenceViterbi(emissions: Float64Array, transitions: ArrayLike<number>, tokenCount: number): Uint8Array {
  const best = new Float64Array(tokenCount * tagCount).fill(-Infinity);
  const back = new Uint8Array(tokenCount * tagCount);
  for (let to = 0; to < tagCount; to++) if (canFollow(-1, to)) best[to] = transitions[to] + emissions[to];
  for (let t = 1; t < tokenCount; t++)
    for (let to = 0; to < tagCount; to++) {
      let top = -Infinity;
      for (let from = 0; from < tagCount; from++) {
        const score = best[(t - 1) * tagCount + from] + transitions[(from + 1) * tagCount + to];
        if (canFollow(from, to) && score > top) {
          top = score;
          back[t * tagCount + to] = from;
        }
      }
      best[t * tagCount + to] = top + emissions[t * tagCount + to];
    }
  let last = 0;
  for (let to = 0; to < tagCount; to++) if (canFollow(to, 0) && best[(tokenCount - 1) * tagCount + to] > best[(tokenCount - 1) * tagCount + last]) last = to;
  const path = new Uint8Array(tokenCount);
  for (let t = tokenCount - 1; t >= 0; t--) {
    path[t] = last;
    last = back[t * tagCount + last];
  }
  return path;
}

test('the decoder finds the best path that spells whole mentions, as a loop over every transition does', () => {
  let state = 7;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32) * 8 - 4;
  for (let round = 0; round < 300; round++) {
    const tokenCount = 1 + (round % 17);
    const emissions = Float64Array.from({ length: tokenCount * tagCount }, random);
    const transitions = Float64Array.from({ length: (tagCount + 1) * tagCount }, random);
    assert.deepEqual(viterbi(emissions, transitions, tokenCount), referenceViterbi(emissions, transitions, tokenCount));
  }
});

test('a tagged span keeps its brackets in pairs, as names do', () => {
  const balanced = (text: string, piece: string) => {
    const start = text.indexOf(piece);
    const span = withBalancedBrackets(text, { start, end: start + piece.length });
    return span && text.slice(span.start, span.end);
  };
  // Opened and not closed: the closing bracket just after is taken in, else the opening one is left out.
  assert.equal(balanced('binding of human PKR(1-551) to RNA', 'human PKR(1-551'), 'human PKR(1-551)');
  assert.equal(balanced('the IL-2 receptor (IL-2R was cloned', 'IL-2 receptor (IL-2R'), 'IL-2 receptor');
  assert.equal(balanced('as (Ras and Raf) do', '(Ras'), 'Ras');
  // Closed and not opened: the opening bracket just before is taken in, else the closing one is left out.
  assert.equal(balanced('with [3H]spiperone binding', '3H]spiperone'), '[3H]spiperone');
  assert.equal(balanced('receptor (IL-2R) was', 'IL-2R)'), 'IL-2R');
  assert.equal(balanced('Ca(2+) influx', 'Ca(2+)'), 'Ca(2+)');
  // Wholly in brackets: the brackets are not the name's.
  assert.equal(balanced('interleukin-1 [IL-1], TNF', '[IL-1]'), 'IL-1');
});

test('both committed models load, one per kind', () => {
  assert.deepEqual([...tagger.kinds].sort(), ['chemical', 'gene']);
});

test('a truncated, foreign or empty model file is refused with a message saying what is wrong', () => {
  assert.throws(
    () => taggerModelFromBytes(geneModel.subarray(0, geneModel.length - 100), 'gene.bin'),
    (error: unknown) => {
      assert.ok(error instanceof TaggerModelLoadError);
      assert.match(error.message, /gene\.bin .*truncated/);
      return true;
    },
  );
  const foreign = fs.readFileSync(path.join(dataDir, 'vocabulary.bin')).subarray(0, 4096);
  assert.throws(() => taggerModelFromBytes(foreign, 'vocabulary.bin'), /signature/);
  assert.throws(() => taggerModelFromBytes(new Uint8Array(0), 'empty.bin'), /fewer than a header/);
  // A model of the format before word classes (version 2), or one whose word class table is cut short.
  const older = Uint8Array.from(geneModel);
  new DataView(older.buffer).setUint32(8, 2, true);
  assert.throws(() => taggerModelFromBytes(older, 'old.bin'), /old\.bin .*format version is 2, this biolens reads 3/);
  const words = tagger.wordClasses;
  assert.ok(words.classOf('the') !== words.unknown && words.classOf('kinase') !== words.unknown, 'common words have a class');
  assert.throws(() => taggerModelFromBytes(geneModel.subarray(0, geneModel.length - 1), 'cut.bin'), /cut\.bin .*truncated/);
  // Models trained apart have other word classes: their shared features would mean other things.
  const gene = taggerModelFromBytes(geneModel, 'gene.bin');
  const apart = { ...gene, kind: 'chemical' as const, wordClasses: { ...gene.wordClasses, classes: gene.wordClasses.classes.map((c) => c ^ 1) } };
  assert.throws(() => new Tagger([gene, apart]), /other word classes .*train them together/);
});

test('genes the vocabulary skips on purpose are found from their context', () => {
  const sentence = 'Activation of JNK and ERK by growth factors requires Ras and the adaptor protein Shc.';
  const genes = tagged(sentence, 'gene');
  for (const expected of ['JNK', 'ERK', 'Ras']) assert.ok(genes.includes(expected), `${expected} in ${JSON.stringify(genes)}`);
  // BC2GM, which the tagger learns from, takes a protein's descriptor in with its name ('adaptor protein Shc').
  assert.ok(
    genes.some((g) => g.endsWith('Shc')),
    JSON.stringify(genes),
  );
  assert.ok(!genes.some((g) => /growth factors|requires/.test(g)));
});

test('chemicals are found, classes and salts included, and plain words are not', () => {
  const sentence = 'Rats were treated with sodium valproate or lithium carbonate, and the cells were washed in saline.';
  const chemicals = tagged(sentence, 'chemical');
  assert.ok(chemicals.includes('sodium valproate'), JSON.stringify(chemicals));
  assert.ok(chemicals.includes('lithium carbonate'), JSON.stringify(chemicals));
  assert.ok(!chemicals.some((c) => /Rats|cells|washed/.test(c)));
});

test('with the tagger, words that only look like product names are no longer drugs', async () => {
  const service = createLanguageService({ vocabulary, tagger });
  const text = 'Monitor the cells for activation of the signaling cascade after treatment with tamoxifen.';
  const { entities } = await service.analyze({ uri: 'file:///note.md', version: 1, text }, neverCancelled);
  const drugs = entities.filter((e) => e.kind === 'drug').map((e) => e.text);
  assert.deepEqual(drugs, ['tamoxifen']);
});

test('a medicine whose name the word list also holds is recognised where the tagger is silent; an everyday word is not', async () => {
  const service = createLanguageService({ vocabulary, tagger });
  const drugsIn = async (text: string) =>
    (await service.analyze({ uri: 'file:///note.md', version: 1, text }, neverCancelled)).entities.filter((e) => e.kind === 'drug').map((e) => e.canonical);
  // The chemical tagger, trained on abstracts, tags neither antibody here; the word list holds 'rituximab'.
  assert.deepEqual(await drugsIn('Rituximab depletes CD20+ B cells.'), ['rituximab']);
  assert.deepEqual(await drugsIn('Tamoxifen binds the receptor in these cells.'), ['tamoxifen']);
  assert.deepEqual(await drugsIn('The iron gate and the lead story.'), []);
});

test('a gene mention the vocabulary cannot name is shown with a card that says so, and no finding', async () => {
  const service = createLanguageService({ vocabulary, tagger });
  const text = 'Phosphorylation of Shc by the receptor recruits Grb2-Sos complexes in fibroblasts.';
  const document = { uri: 'file:///note.md', version: 1, text };
  const { entities, findings } = await service.analyze(document, neverCancelled);
  const shc = entities.find((e) => e.text === 'Shc');
  assert.ok(shc, JSON.stringify(entities.map((e) => e.text)));
  assert.equal(shc.kind, 'gene');
  assert.deepEqual(findings, []);
  const card = await service.hover(document, text.indexOf('Shc') + 1, neverCancelled);
  assert.match(card?.markdown ?? '', /gene\/protein mention \(not in HGNC/);
  assert.match(card?.markdown ?? '', /\(https:\/\/www\.ncbi\.nlm\.nih\.gov\/gene\/\?term=Shc\)/);
});

test('without tagger models the service still recognises with the vocabulary, and says so', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'biolens-no-tagger-'));
  try {
    const { tagger: none, note } = loadTagger(empty);
    assert.equal(none, undefined);
    assert.match(note ?? '', /vocabulary alone/);
    const service = createLanguageService({ vocabulary, tagger: none });
    const { entities } = await service.analyze({ uri: 'file:///note.md', version: 1, text: 'Letrozole in ESR1-mutant disease.' }, neverCancelled);
    assert.deepEqual(
      entities.map((e) => e.canonical),
      ['letrozole', 'ESR1 mutation'],
    );
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});
