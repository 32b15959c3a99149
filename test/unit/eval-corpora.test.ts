import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bc2gmEvalDocuments,
  nonSpaceOffsetsToRange,
  parseBc2gmMentions,
  parseBc2gmSentences,
  parsePubTator,
  pubTatorEvalDocument,
  pubTatorOffsetToAnalysed,
} from '../../scripts/eval/corpora';
import { mostFrequent, ScoreTally, scoreDocument } from '../../scripts/eval/score';

// Offsets are into title + ' ' + abstract: the title has 22 characters, so the abstract starts at 23.
const pubTator = [
  '1001|t|Letrozole in rat ovary',
  '1001|a|Rats given letrozole and tamoxifen had smaller ovaries.',
  '1001\t0\t9\tLetrozole\tChemical\tD000077289',
  '1001\t34\t43\tletrozole\tChemical\tD000077289',
  '1001\t48\t57\ttamoxifen\tChemical\tD013629',
  '1001\t62\t77\tsmaller ovaries\tDisease\t-1\textra column',
  '1001\tCID\tD013629\tD010051',
  '',
  '1002|t|No mentions here.',
  '1002|a|Nothing at all.',
  '',
].join('\n');

test('PubTator: parses documents, mentions with their MeSH ids, and skips relation lines', () => {
  const documents = parsePubTator(pubTator);
  assert.equal(documents.length, 2);
  assert.equal(documents[0].title, 'Letrozole in rat ovary');
  assert.equal(documents[0].abstract, 'Rats given letrozole and tamoxifen had smaller ovaries.');
  assert.deepEqual(
    documents[0].mentions.map((mention) => [mention.text, mention.type, mention.ids]),
    [
      ['Letrozole', 'Chemical', ['D000077289']],
      ['letrozole', 'Chemical', ['D000077289']],
      ['tamoxifen', 'Chemical', ['D013629']],
      ['smaller ovaries', 'Disease', ['-1']],
    ],
  );
  assert.deepEqual(documents[1].mentions, []);
});

test('PubTator: title offsets stay, abstract offsets shift by the longer separator', () => {
  const [document] = parsePubTator(pubTator);
  assert.equal(pubTatorOffsetToAnalysed(document, 0), 0);
  assert.equal(pubTatorOffsetToAnalysed(document, 22), 22);
  // 23 is the abstract's first character: after the title and '\n\n' in the analysed text.
  assert.equal(pubTatorOffsetToAnalysed(document, 23), 24);
  const evalDocument = pubTatorEvalDocument(document, 'Chemical');
  assert.equal(evalDocument.text, 'Letrozole in rat ovary\n\nRats given letrozole and tamoxifen had smaller ovaries.');
  assert.deepEqual(
    evalDocument.gold.map((span) => evalDocument.text.slice(span.start, span.end)),
    ['Letrozole', 'letrozole', 'tamoxifen'],
  );
});

test('PubTator: a mention whose offsets select other text is an error, not a silent miss', () => {
  const correct = '7|t|Aspirin\n7|a|Then ibuprofen.\n7\t13\t22\tibuprofen\tChemical\tD007052\n';
  assert.equal(pubTatorEvalDocument(parsePubTator(correct)[0], 'Chemical').gold.length, 1);
  const broken = correct.replace('13\t22', '12\t21');
  assert.throws(() => pubTatorEvalDocument(parsePubTator(broken)[0], 'Chemical'), /selects ' ibuprofe'/);
  assert.throws(() => parsePubTator('7|t|A\n7\tx\t3\tA\tChemical\t-1\n'), /bad offsets/);
});

test('BC2GM: non-space offsets (end inclusive) become half-open UTF-16 ranges', () => {
  const sentence = 'Loss of  ESR1 and the estrogen receptor beta gene';
  // 'Lossof' = 6 non-space characters before ESR1; ESR1 covers non-space characters 6..9.
  const esr1 = nonSpaceOffsetsToRange(sentence, 6, 9);
  assert.deepEqual(esr1, { start: 9, end: 13 });
  assert.equal(sentence.slice(esr1!.start, esr1!.end), 'ESR1');
  const receptor = nonSpaceOffsetsToRange(sentence, 16, 35);
  assert.equal(sentence.slice(receptor!.start, receptor!.end), 'estrogen receptor beta');
  assert.equal(nonSpaceOffsetsToRange(sentence, 40, 60), undefined);
});

test('BC2GM: sentences and mentions parse, and ALTGENE spans become alternatives of the GENE they overlap', () => {
  const sentences = parseBc2gmSentences('S1 Serum HER2 / neu levels rose\nS2 Nothing to see.\n');
  assert.deepEqual(
    [...sentences],
    [
      ['S1', 'Serum HER2 / neu levels rose'],
      ['S2', 'Nothing to see.'],
    ],
  );
  const genes = parseBc2gmMentions('S1|5 12|HER2 / neu\n');
  const alternatives = parseBc2gmMentions('S1|5 8|HER2\nS1|0 12|Serum HER2 / neu\n');
  assert.deepEqual(genes, [{ id: 'S1', start: 5, endInclusive: 12, text: 'HER2 / neu' }]);
  const documents = bc2gmEvalDocuments(sentences, genes, alternatives);
  assert.equal(documents.length, 2);
  const [gold] = documents[0].gold;
  assert.equal(gold.text, 'HER2 / neu');
  assert.deepEqual(
    gold.alternatives.map((span) => documents[0].text.slice(span.start, span.end)),
    ['HER2', 'Serum HER2 / neu'],
  );
  assert.deepEqual(documents[1].gold, []);
  // The offsets win over a mistyped mention text, which is reported.
  const mismatches: string[] = [];
  const [mistyped] = bc2gmEvalDocuments(sentences, parseBc2gmMentions('S1|5 8|neu\n'), [], (mention, selected) =>
    mismatches.push(`${mention.text} -> ${selected}`),
  );
  assert.deepEqual(mismatches, ['neu -> HER2']);
  assert.equal(mistyped.gold[0].text, 'HER2');
  assert.throws(() => bc2gmEvalDocuments(sentences, parseBc2gmMentions('S2|5 80|Nothing\n'), []), /beyond the sentence/);
});

test('scoring: exact spans, accepted alternatives, one-to-one credit', () => {
  const gold = [
    { start: 0, end: 10, text: 'HER2 / neu', alternatives: [{ start: 0, end: 4 }] },
    { start: 20, end: 24, text: 'ESR1', alternatives: [] },
  ];
  const alternativeHit = scoreDocument('exact', gold, [{ start: 0, end: 4, text: 'HER2' }]);
  assert.equal(alternativeHit.truePositives, 1);
  assert.deepEqual(
    alternativeHit.falseNegatives.map((span) => span.text),
    ['ESR1'],
  );

  // Two predictions inside one gold mention: only one is credited, the other is a false positive.
  const twice = scoreDocument('overlap', gold, [
    { start: 0, end: 4, text: 'HER2' },
    { start: 7, end: 10, text: 'neu' },
  ]);
  assert.equal(twice.truePositives, 1);
  assert.deepEqual(
    twice.falsePositives.map((span) => span.text),
    ['neu'],
  );

  // A shifted span is wrong when spans must be exact, right when they only need to overlap.
  const shifted = [{ start: 19, end: 24, text: ' ESR1' }];
  assert.equal(scoreDocument('exact', gold, shifted).truePositives, 0);
  assert.equal(scoreDocument('overlap', gold, shifted).truePositives, 1);

  // One span predicted under two kinds counts once.
  const duplicate = scoreDocument('exact', gold, [
    { start: 20, end: 24, text: 'ESR1' },
    { start: 20, end: 24, text: 'ESR1' },
  ]);
  assert.equal(duplicate.truePositives, 1);
  assert.deepEqual(duplicate.falsePositives, []);
});

test('tally: precision, recall and F1 over documents, and the most frequent errors', () => {
  const tally = new ScoreTally();
  const gold = [
    { start: 0, end: 9, text: 'cisplatin', alternatives: [] },
    { start: 14, end: 21, text: 'arsenic', alternatives: [] },
  ];
  tally.add(
    gold,
    scoreDocument('exact', gold, [
      { start: 0, end: 9, text: 'cisplatin' },
      { start: 30, end: 33, text: 'MET' },
    ]),
  );
  tally.add(gold, scoreDocument('exact', gold, [{ start: 30, end: 33, text: 'MET' }]));
  assert.equal(tally.documents, 2);
  assert.equal(tally.gold, 4);
  assert.equal(tally.predicted, 3);
  assert.equal(tally.truePositives, 1);
  assert.equal(tally.precision, 1 / 3);
  assert.equal(tally.recall, 1 / 4);
  assert.ok(Math.abs(tally.f1 - 2 / 7) < 1e-12);
  assert.deepEqual(mostFrequent(tally.falsePositiveTexts, 15), [['MET', 2]]);
  assert.deepEqual(mostFrequent(tally.falseNegativeTexts, 1), [['arsenic', 2]]);
});
