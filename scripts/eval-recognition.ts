/**
 * Measures recognition against annotated corpora (training and development splits only):
 * drugs against BC5CDR Chemical mentions, genes against BC2GM gene mentions.
 *
 *   tsx scripts/eval-recognition.ts <corpus dir> [--limit N] [--corpus bc5cdr|bc2gm] [--data <dir>]
 *
 * The corpus dir is laid out as bc5cdr/CDR_*.PubTator.txt.gz and bc2gm/train_*.gz. Prints, per
 * corpus and split, counts and precision/recall/F1 for exact and overlapping spans, then the
 * most frequent false positives and false negatives (exact spans), which guide tuning.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLanguageService, type EntityKind, type LanguageService } from '../src/core/index';
import { loadVocabulary } from '../src/node/vocabulary';
import {
  bc2gmEvalDocuments,
  parseBc2gmMentions,
  parseBc2gmSentences,
  parsePubTator,
  pubTatorEvalDocument,
  readCorpusFile,
  type EvalDocument,
} from './eval/corpora';
import { mostFrequent, ScoreTally, scoreDocument, type MatchMode } from './eval/score';
import { neverCancelled } from '../src/core/types';

const corpusNames = ['bc5cdr', 'bc2gm'] as const;
type CorpusName = (typeof corpusNames)[number];

/** A mistake in the command line: reported as a message, without a stack. */
class UsageError extends Error {}

interface Options {
  corpusDir: string;
  dataDir: string;
  limit: number;
  corpora: CorpusName[];
}

const usage = 'usage: tsx scripts/eval-recognition.ts <corpus dir> [--limit N] [--corpus bc5cdr|bc2gm] [--data <dir>]';

function parseArguments(argv: readonly string[]): Options {
  let corpusDir: string | undefined;
  let dataDir = path.resolve(__dirname, '..', 'data');
  let limit = Infinity;
  const corpora: CorpusName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${argument} needs a value\n${usage}`);
      return next;
    };
    if (argument === '--limit') {
      limit = Number(value());
      if (!Number.isInteger(limit) || limit <= 0) throw new UsageError(`--limit must be a positive integer\n${usage}`);
    } else if (argument === '--corpus') {
      const name = value();
      if (!corpusNames.includes(name as CorpusName)) throw new UsageError(`unknown corpus '${name}'\n${usage}`);
      corpora.push(name as CorpusName);
    } else if (argument === '--data') dataDir = path.resolve(value());
    else if (argument === '--help' || argument === '-h') {
      console.log(usage);
      process.exit(0);
    } else if (argument.startsWith('-') || corpusDir !== undefined) throw new UsageError(`unexpected argument '${argument}'\n${usage}`);
    else corpusDir = path.resolve(argument);
  }
  if (corpusDir === undefined) throw new UsageError(usage);
  return { corpusDir, dataDir, limit, corpora: corpora.length > 0 ? corpora : [...corpusNames] };
}

/** One scored run: a split of a corpus, predictions of some entity kinds. */
interface Evaluation {
  corpus: string;
  split: string;
  /** Which entity kinds count as predictions. */
  kinds: readonly EntityKind[];
  tallies: Record<MatchMode, ScoreTally>;
  analysisMs: number;
}

/**
 * Gene-named biomarkers (HER2, Ki-67, ER) are gene products, and families and complexes (PI3K,
 * NF-kappaB) are named like genes: BC2GM annotates both as gene mentions, so the gene evaluation
 * counts them; a gene-only row shows what they add.
 */
const evaluatedKinds: Record<CorpusName, readonly (readonly EntityKind[])[]> = {
  bc5cdr: [['drug']],
  bc2gm: [['gene', 'biomarker', 'family'], ['gene']],
};

async function evaluate(service: LanguageService, corpus: CorpusName, split: string, documents: readonly EvalDocument[]): Promise<Evaluation[]> {
  const evaluations: Evaluation[] = evaluatedKinds[corpus].map((kinds) => ({
    corpus,
    split,
    kinds,
    tallies: { exact: new ScoreTally(), overlap: new ScoreTally() },
    analysisMs: 0,
  }));
  let analysisMs = 0;
  for (const document of documents) {
    const started = performance.now();
    const analysis = await service.analyze({ uri: `eval:${corpus}/${split}/${document.id}`, version: 1, text: document.text }, neverCancelled);
    analysisMs += performance.now() - started;
    for (const evaluation of evaluations) {
      const predicted = analysis.entities.filter((entity) => evaluation.kinds.includes(entity.kind)).map(({ start, end, text }) => ({ start, end, text }));
      for (const mode of ['exact', 'overlap'] as const) {
        evaluation.tallies[mode].add(document.gold, scoreDocument(mode, document.gold, predicted));
      }
    }
  }
  for (const evaluation of evaluations) evaluation.analysisMs = analysisMs;
  return evaluations;
}

function bc5cdrSplits(corpusDir: string, limit: number): { split: string; documents: EvalDocument[] }[] {
  const splits = [
    { split: 'train', file: 'CDR_TrainingSet.PubTator.txt.gz' },
    { split: 'dev', file: 'CDR_DevelopmentSet.PubTator.txt.gz' },
  ];
  return splits.map(({ split, file }) => {
    const documents = parsePubTator(readCorpusFile(path.join(corpusDir, 'bc5cdr', file))).slice(0, limit);
    return { split, documents: documents.map((document) => pubTatorEvalDocument(document, 'Chemical')) };
  });
}

function bc2gmSplits(corpusDir: string, limit: number): { split: string; documents: EvalDocument[] }[] {
  const read = (file: string) => readCorpusFile(path.join(corpusDir, 'bc2gm', file));
  const sentences = new Map([...parseBc2gmSentences(read('train_train.in.gz'))].slice(0, limit));
  const known = (mention: { id: string }) => sentences.has(mention.id);
  const genes = parseBc2gmMentions(read('train_GENE.eval.gz')).filter(known);
  const alternatives = parseBc2gmMentions(read('train_ALTGENE.eval.gz')).filter(known);
  let mismatches = 0;
  const documents = bc2gmEvalDocuments(sentences, genes, alternatives, () => mismatches++);
  // The corpus has a handful of mention texts that disagree with their offsets; offsets win.
  if (mismatches > 0) console.log(`bc2gm: ${mismatches} mention texts differ from their offsets; the offsets are used`);
  return [{ split: 'train', documents }];
}

function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (row: readonly string[]) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

function report(evaluations: readonly Evaluation[]): void {
  const header = ['corpus/split', 'predicted kinds', 'match', 'documents', 'gold', 'predicted', 'TP', 'precision', 'recall', 'F1'];
  const rows = evaluations.flatMap((evaluation) =>
    (['exact', 'overlap'] as const).map((mode) => {
      const tally = evaluation.tallies[mode];
      return [
        `${evaluation.corpus}/${evaluation.split}`,
        evaluation.kinds.join('+'),
        mode,
        String(tally.documents),
        String(tally.gold),
        String(tally.predicted),
        String(tally.truePositives),
        percent(tally.precision),
        percent(tally.recall),
        percent(tally.f1),
      ];
    }),
  );
  console.log(formatTable(header, rows));
  for (const evaluation of evaluations) {
    if (evaluation !== evaluations.find((other) => other.corpus === evaluation.corpus && other.split === evaluation.split)) continue;
    const tally = evaluation.tallies.exact;
    const perDocument = tally.documents === 0 ? 0 : evaluation.analysisMs / tally.documents;
    console.log(
      `\n${evaluation.corpus}/${evaluation.split}, ${evaluation.kinds.join('+')}, exact spans ` +
        `(analysis ${(evaluation.analysisMs / 1000).toFixed(1)} s, ${perDocument.toFixed(2)} ms per document)`,
    );
    const lists = [
      ['false positives', mostFrequent(tally.falsePositiveTexts, 15)],
      ['false negatives', mostFrequent(tally.falseNegativeTexts, 15)],
    ] as const;
    for (const [title, entries] of lists) {
      console.log(`  top ${title}:${entries.length === 0 ? ' (none)' : ''}`);
      for (const [text, count] of entries) console.log(`    ${String(count).padStart(5)}  ${text}`);
    }
  }
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (!existsSync(options.dataDir)) throw new UsageError(`no vocabulary at ${options.dataDir}; run npm run build:data first`);
  const loadStarted = performance.now();
  const vocabulary = loadVocabulary(options.dataDir);
  console.log(`vocabulary loaded from ${options.dataDir} in ${(performance.now() - loadStarted).toFixed(0)} ms`);
  const service = createLanguageService({ vocabulary });
  const evaluations: Evaluation[] = [];
  for (const corpus of options.corpora) {
    const splits = corpus === 'bc5cdr' ? bc5cdrSplits(options.corpusDir, options.limit) : bc2gmSplits(options.corpusDir, options.limit);
    for (const { split, documents } of splits) evaluations.push(...(await evaluate(service, corpus, split, documents)));
  }
  console.log('');
  report(evaluations);
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? error.message : error);
  process.exitCode = 1;
});
