/**
 * Measures recognition against annotated corpora (development splits by default; never the test
 * splits): chemicals against BC5CDR Chemical mentions, genes against BC2GM gene mentions (its
 * accepted alternatives count). Three recognisers are scored: the vocabulary alone
 * ('dictionary'), the learned tagger's spans alone ('tagger'), and the analysis as it ships
 * ('combined': spans from the tagger, identities from the vocabulary, see
 * src/core/recognize/tagged.ts).
 *
 *   tsx scripts/eval-recognition.ts <corpus dir> [--split dev|train|all] [--limit N] [--corpus bc5cdr|bc2gm] [--data <dir>] [--differences]
 *
 * BC5CDR: train = CDR_TrainingSet, dev = CDR_DevelopmentSet. BC2GM: its training sentences,
 * split by isBc2gmDevelopmentSentence into train and dev (the tagger trains on train only).
 * Prints precision/recall/F1 for exact and overlapping spans, how many dictionary hits the
 * combination dropped per term role and how many of those were right, then the most frequent
 * false positives and negatives of the combination. With --differences, also where the combination
 * and the tagger alone disagree, by cause (see eval/differences.ts).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLanguageService, neverCancelled, type EntityKind, type EntityMention, type Finding, type LanguageService, type Tagger } from '../src/core/index';
import { recognize } from '../src/core/recognize/recognizer';
import { isMedicine, isProteinDrug } from '../src/core/recognize/wordPolicy';
import { mergeTaggedSpans } from '../src/core/recognize/tagged';
import type { TaggedKind } from '../src/core/tagger/model';
import { loadVocabulary } from '../src/node/vocabulary';
import { loadTagger } from '../src/node/tagger';
import type { Vocabulary } from '../src/core/vocabulary/vocabulary';
import { bc2gmSplitDocuments, bc5cdrSplitDocuments, type EvalDocument } from './eval/corpora';
import { DifferenceTally } from './eval/differences';
import { mostFrequent, ScoreTally, scoreDocument, type MatchMode, type PredictedSpan } from './eval/score';
import { takeFlag } from './flags';
import { readTrainingSettings } from './tagger/record';

const corpusNames = ['bc5cdr', 'bc2gm'] as const;
type CorpusName = (typeof corpusNames)[number];
const recognisers = ['dictionary', 'tagger', 'combined'] as const;
type Recogniser = (typeof recognisers)[number];

const usage = 'usage: tsx scripts/eval-recognition.ts <corpus dir> [--split dev|train|all] [--limit N] [--corpus bc5cdr|bc2gm] [--data <dir>] [--differences]';

/** A mistake in the command line: reported as a message, without a stack. */
class UsageError extends Error {}

interface Options {
  corpusDir: string;
  dataDir: string;
  limit: number;
  splits: string[];
  corpora: CorpusName[];
  differences: boolean;
}

function parseArguments(argv: string[]): Options {
  const args = [...argv];
  const differencesAt = args.indexOf('--differences');
  if (differencesAt >= 0) args.splice(differencesAt, 1);
  const dataDir = path.resolve(takeFlag(args, '--data') ?? path.join(__dirname, '..', 'data'));
  const limitText = takeFlag(args, '--limit');
  const limit = limitText === undefined ? Infinity : Number(limitText);
  if (!(limit === Infinity || (Number.isInteger(limit) && limit > 0))) throw new UsageError(`--limit must be a positive integer\n${usage}`);
  const split = takeFlag(args, '--split') ?? 'dev';
  if (!['dev', 'train', 'all'].includes(split)) throw new UsageError(`unknown split '${split}'\n${usage}`);
  const corpus = takeFlag(args, '--corpus');
  if (corpus !== undefined && !corpusNames.includes(corpus as CorpusName)) throw new UsageError(`unknown corpus '${corpus}'\n${usage}`);
  if (args.length !== 1 || args[0].startsWith('-')) throw new UsageError(usage);
  return {
    corpusDir: path.resolve(args[0]),
    dataDir,
    limit,
    splits: split === 'all' ? ['train', 'dev'] : [split],
    corpora: corpus ? [corpus as CorpusName] : [...corpusNames],
    differences: differencesAt >= 0,
  };
}

/** What each corpus annotates: the entity kinds that count as its predictions and the tagger kind that finds it. */
const corpusTargets: Record<CorpusName, { kinds: readonly EntityKind[]; tagged: TaggedKind }> = {
  // Gene-named biomarkers (HER2, Ki-67) are gene products, and families and complexes (PI3K, NF-kappaB) are named
  // like genes: BC2GM annotates both as gene mentions. A biomarker that names no gene (serum creatinine, blood
  // lactate) is not one: see countsAsGold.
  bc2gm: { kinds: ['gene', 'biomarker', 'family'], tagged: 'gene' },
  bc5cdr: { kinds: ['drug'], tagged: 'chemical' },
};

/**
 * The curated biomarkers that measure no gene product (a small molecule, a rate, a ratio): shown as
 * biomarkers, they are not gene mentions. Every other biomarker is a protein or a gene's state.
 */
const analyteBiomarkers = new Set([
  'serum creatinine', 'serum lactate', 'serum bilirubin', 'triglycerides', 'LDL-C', 'HDL-C', 'estimated GFR', 'UACR', 'INR', 'free T4',
]); // prettier-ignore

interface Evaluation {
  corpus: CorpusName;
  split: string;
  recogniser: Recogniser;
  tallies: Record<MatchMode, ScoreTally>;
  ms: number;
  /** With --differences, for the combination: where it and the tagger alone disagree. */
  differences?: DifferenceTally;
}

/** Per term role and word: dictionary hits the combination dropped, and how many of them were gold mentions. */
type DropTally = Map<string, Map<string, { dropped: number; right: number }>>;

/**
 * Per corpus: the words the shipped analysis calls drug-name slips in the development abstracts,
 * and how many abstracts were read. Published abstracts hold few real slips, so nearly every
 * such warning is a false alarm a writer would see (a real one shows in the list).
 */
interface SlipWarnings {
  documents: number;
  words: Map<string, number>;
}

class Evaluator {
  readonly drops: Record<CorpusName, DropTally> = { bc2gm: new Map(), bc5cdr: new Map() };
  readonly slipWarnings: Record<CorpusName, SlipWarnings> = { bc2gm: { documents: 0, words: new Map() }, bc5cdr: { documents: 0, words: new Map() } };

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly tagger: Tagger | undefined,
    private readonly services: Record<'dictionary' | 'combined', LanguageService>,
    private readonly differences: boolean,
  ) {}

  /** Whether an entity the analysis shows is a mention of what the corpus annotates. */
  private countsAsGold(corpus: CorpusName, entity: EntityMention): boolean {
    if (!corpusTargets[corpus].kinds.includes(entity.kind)) return false;
    return entity.kind !== 'biomarker' || !analyteBiomarkers.has(entity.canonical);
  }

  async predict(recogniser: Recogniser, corpus: CorpusName, document: EvalDocument, uri: string): Promise<PredictedSpan[]> {
    const { tagged } = corpusTargets[corpus];
    if (recogniser === 'tagger') {
      const matches = recognize(document.text, [{ start: 0, end: document.text.length }], this.vocabulary).mentions;
      return (this.tagger?.tag(document.text, matches) ?? [])
        .filter((span) => span.kind === tagged)
        .map((span) => ({ ...span, text: document.text.slice(span.start, span.end) }));
    }
    const analysis = await this.services[recogniser].analyze({ uri, version: 1, text: document.text }, neverCancelled);
    if (recogniser === 'combined' && uri.includes('/dev/')) this.tallySlipWarnings(corpus, analysis.findings);
    return analysis.entities.filter((entity) => this.countsAsGold(corpus, entity));
  }

  private tallySlipWarnings(corpus: CorpusName, findings: readonly Finding[]): void {
    const tally = this.slipWarnings[corpus];
    tally.documents++;
    for (const finding of findings) if (finding.code === 'drug-misspelling') tally.words.set(finding.text, (tally.words.get(finding.text) ?? 0) + 1);
  }

  /** Counts the dictionary hits the combination drops, by role, and whether each was a gold span. */
  tallyDrops(corpus: CorpusName, document: EvalDocument): void {
    if (!this.tagger) return;
    const { kinds } = corpusTargets[corpus];
    const dictionary = recognize(document.text, [{ start: 0, end: document.text.length }], this.vocabulary).mentions;
    const spans = this.tagger.tag(document.text, dictionary);
    const { mentions } = mergeTaggedSpans(document.text, dictionary, spans, this.tagger.kinds, {
      resolve: () => undefined,
      isEnglishWord: (word) => this.vocabulary.isEnglishWord(word),
      isProteinDrug: (m) => isProteinDrug(this.vocabulary.entity(m.entity)),
      isMedicine: (m) => isMedicine(this.vocabulary.entity(m.entity)),
    });
    for (const m of dictionary) {
      if (!kinds.includes(m.kind) || mentions.includes(m) || spans.some((s) => s.start < m.end && m.start < s.end)) continue;
      const words = this.drops[corpus].get(m.role) ?? new Map<string, { dropped: number; right: number }>();
      const word = words.get(m.text) ?? { dropped: 0, right: 0 };
      word.dropped++;
      if (document.gold.some((g) => g.start === m.start && g.end === m.end)) word.right++;
      words.set(m.text, word);
      this.drops[corpus].set(m.role, words);
    }
  }

  /** Adds one document's disagreements of the combination with the tagger alone. */
  private async tallyDifferences(into: DifferenceTally, corpus: CorpusName, document: EvalDocument, uri: string): Promise<void> {
    const matches = recognize(document.text, [{ start: 0, end: document.text.length }], this.vocabulary).mentions;
    const spans = this.tagger?.tag(document.text, matches) ?? [];
    const { entities } = await this.services.combined.analyze({ uri, version: 1, text: document.text }, neverCancelled);
    into.add({ document, spans, entities, tagged: corpusTargets[corpus].tagged, counts: (entity) => this.countsAsGold(corpus, entity) });
  }

  async evaluate(corpus: CorpusName, split: string, documents: readonly EvalDocument[]): Promise<Evaluation[]> {
    const evaluations: Evaluation[] = [];
    for (const recogniser of recognisers) {
      if (recogniser !== 'dictionary' && !this.tagger) continue;
      const evaluation: Evaluation = { corpus, split, recogniser, tallies: { exact: new ScoreTally(), overlap: new ScoreTally() }, ms: 0 };
      if (recogniser === 'combined' && this.differences) evaluation.differences = new DifferenceTally();
      for (const document of documents) {
        const uri = `eval:${recogniser}/${corpus}/${split}/${document.id}`;
        const started = performance.now();
        const predicted = await this.predict(recogniser, corpus, document, uri);
        evaluation.ms += performance.now() - started;
        for (const mode of ['exact', 'overlap'] as const) evaluation.tallies[mode].add(document.gold, scoreDocument(mode, document.gold, predicted));
        if (recogniser === 'combined' && split === 'dev') this.tallyDrops(corpus, document);
        if (evaluation.differences) await this.tallyDifferences(evaluation.differences, corpus, document, uri);
      }
      evaluations.push(evaluation);
    }
    return evaluations;
  }
}

function splitsOf(corpus: CorpusName, corpusDir: string): { train: EvalDocument[]; dev: EvalDocument[] } {
  if (corpus === 'bc5cdr') return bc5cdrSplitDocuments(corpusDir, 'Chemical');
  let mismatches = 0;
  const splits = bc2gmSplitDocuments(corpusDir, readTrainingSettings().bc2gmDevelopmentEvery, () => mismatches++);
  // The corpus has a handful of mention texts that disagree with their offsets; offsets win.
  if (mismatches > 0) console.log(`bc2gm: ${mismatches} mention texts differ from their offsets; the offsets are used`);
  return splits;
}

function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (row: readonly string[]) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function report(
  evaluations: readonly Evaluation[],
  drops: Record<CorpusName, DropTally>,
  slipWarnings: Record<CorpusName, SlipWarnings>,
  showDifferences: boolean,
): void {
  const header = ['corpus/split', 'recogniser', 'match', 'documents', 'gold', 'predicted', 'TP', 'precision', 'recall', 'F1', 'ms/doc'];
  const rows = evaluations.flatMap((evaluation) =>
    (['exact', 'overlap'] as const).map((mode) => {
      const tally = evaluation.tallies[mode];
      return [
        `${evaluation.corpus}/${evaluation.split}`,
        evaluation.recogniser,
        mode,
        String(tally.documents),
        String(tally.gold),
        String(tally.predicted),
        String(tally.truePositives),
        percent(tally.precision),
        percent(tally.recall),
        percent(tally.f1),
        (evaluation.ms / Math.max(1, tally.documents)).toFixed(2),
      ];
    }),
  );
  console.log(formatTable(header, rows));
  for (const corpus of corpusNames) {
    if (drops[corpus].size === 0) continue;
    console.log(`\n${corpus}/dev: dictionary hits the combination dropped (no tagged span overlaps them), by term role:`);
    const total = (words: Map<string, { dropped: number; right: number }>, key: 'dropped' | 'right') =>
      [...words.values()].reduce((sum, tally) => sum + tally[key], 0);
    for (const [role, words] of [...drops[corpus]].sort((a, b) => total(b[1], 'dropped') - total(a[1], 'dropped'))) {
      console.log(`  ${role.padEnd(12)} ${String(total(words, 'dropped')).padStart(5)} dropped, ${total(words, 'right')} of them gold spans`);
      // With --differences, the words themselves, most often dropped first ('word 3 (1 gold)').
      if (showDifferences)
        console.log(
          `      ${[...words]
            .sort((a, b) => b[1].dropped - a[1].dropped || a[0].localeCompare(b[0]))
            .map(([word, tally]) => `${word} ${tally.dropped}${tally.right ? ` (${tally.right} gold)` : ''}`)
            .join(', ')}`,
        );
    }
  }
  for (const corpus of corpusNames) {
    const { documents, words } = slipWarnings[corpus];
    if (documents === 0) continue;
    const total = [...words.values()].reduce((sum, n) => sum + n, 0);
    console.log(`\n${corpus}/dev: drug-misspelling warnings in ${documents} published texts (nearly all false alarms): ${total}`);
    for (const [text, count] of mostFrequent(words, 40)) console.log(`    ${String(count).padStart(5)}  ${text}`);
  }
  // The error lists of what ships: the combination, or the vocabulary alone when there is no tagger.
  const listed: Recogniser = evaluations.some((evaluation) => evaluation.recogniser === 'combined') ? 'combined' : 'dictionary';
  for (const evaluation of evaluations) {
    if (evaluation.recogniser !== listed) continue;
    console.log(`\n${evaluation.corpus}/${evaluation.split}, ${evaluation.recogniser}, exact spans`);
    const tally = evaluation.tallies.exact;
    for (const [title, counts] of [
      ['false positives', tally.falsePositiveTexts],
      ['false negatives', tally.falseNegativeTexts],
    ] as const) {
      const entries = mostFrequent(counts, 15);
      console.log(`  top ${title}:${entries.length === 0 ? ' (none)' : ''}`);
      for (const [text, count] of entries) console.log(`    ${String(count).padStart(5)}  ${text}`);
    }
  }
  for (const evaluation of evaluations) {
    if (!evaluation.differences) continue;
    console.log(`\n${evaluation.corpus}/${evaluation.split}: where the combination and the tagger alone differ, by cause (exact spans)`);
    console.log(evaluation.differences.format());
  }
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (!existsSync(options.dataDir)) throw new UsageError(`no vocabulary at ${options.dataDir}; run npm run build:data first`);
  const vocabulary = loadVocabulary(options.dataDir);
  const { tagger, note } = loadTagger(options.dataDir);
  if (note) console.log(note);
  const evaluator = new Evaluator(
    vocabulary,
    tagger,
    {
      dictionary: createLanguageService({ vocabulary }),
      combined: createLanguageService({ vocabulary, tagger }),
    },
    options.differences,
  );
  const evaluations: Evaluation[] = [];
  for (const corpus of options.corpora) {
    const splits = splitsOf(corpus, options.corpusDir);
    for (const split of options.splits) {
      const documents = splits[split as 'train' | 'dev'].slice(0, options.limit);
      evaluations.push(...(await evaluator.evaluate(corpus, split, documents)));
    }
  }
  console.log('');
  report(evaluations, evaluator.drops, evaluator.slipWarnings, options.differences);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exitCode = 1;
});
