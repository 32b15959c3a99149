/**
 * Evaluates drug mix-up detection on the committed data/:
 *
 *   npm run eval:mixups [-- --verbose] [-- --tune]
 *
 * Prints, per group of cases and for each half of the set (tuning, reporting), precision and
 * recall of flagging the case's word, and for the misspelling groups the top-1 and top-3
 * accuracy of the suggestions; then how many cases fix-all would fix unattended (Fix.safe) and
 * how many of those would write another drug than the one meant, which must be none: an
 * unattended drug swap is the worst thing biolens can do.
 *
 * With --tune, first searches the ranking's weights (src/core/findings/ranking.ts) on the
 * tuning half only, prints the weights it chose, and reports both halves with them.
 */
import * as path from 'node:path';
import { createLanguageService } from '../src/core';
import { loadTagger } from '../src/node/tagger';
import { rankingWeights, type RankingWeights } from '../src/core/findings/ranking';
import { loadVocabulary } from '../src/node/vocabulary';
import { approvedDrugCases, documentDecidedCases, generatedCases, halfOf, handWrittenCases, vocabularyFormCases, type MixupCase } from './eval/mixups/cases';
import { addScores, emptyScore, formatScores, scoreCases } from './eval/mixups/score';
import { tuneRanking } from './eval/mixups/tune';

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const root = path.resolve(__dirname, '..');
  const vocabulary = loadVocabulary(path.join(root, 'data'));
  const cases: MixupCase[] = [
    ...generatedCases(vocabulary),
    ...approvedDrugCases(vocabulary),
    ...documentDecidedCases(vocabulary),
    ...vocabularyFormCases(vocabulary, path.join(root, 'data', 'drug-spellings.tsv')),
    ...handWrittenCases(path.join(root, 'test', 'fixtures', 'mixups')),
  ].map((c) => ({ ...c, half: c.half ?? halfOf(c) }));
  const tuning = cases.filter((c) => c.half === 'tune');
  const reporting = cases.filter((c) => c.half === 'report');
  let weights: RankingWeights = rankingWeights;
  if (argv.includes('--tune')) {
    weights = await tuneRanking(vocabulary, tuning, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`chosen weights (tuned on ${tuning.length} cases):\n${JSON.stringify(weights, null, 2)}\n\n`);
  }
  // As the analysis ships: the tagger decides which dictionary hits stand (see recognize/tagged.ts).
  const { tagger, note } = loadTagger(path.join(root, 'data'));
  if (note) process.stdout.write(`${note}\n`);
  const service = createLanguageService({ vocabulary, tagger, rankingWeights: weights });
  const log = verbose ? (line: string) => process.stdout.write(`${line}\n`) : undefined;
  let wrong = 0;
  const all = new Map<string, ReturnType<typeof emptyScore>>();
  for (const [title, half] of [
    ['tuning half', tuning],
    ['reporting half', reporting],
  ] as const) {
    const groups = await scoreCases(service, vocabulary, half, log);
    const { text, total } = formatScores(`${title} (${half.length} cases)`, groups);
    process.stdout.write(`${text}\n`);
    wrong += total.unattendedWrong;
    for (const [name, g] of groups) {
      if (!all.has(name)) all.set(name, emptyScore());
      addScores(all.get(name)!, g);
    }
  }
  const { text, total } = formatScores(`both halves (${cases.length} cases)`, all);
  process.stdout.write(`${text}fix-all changed ${total.unattended} of ${cases.length} cases without asking; ${wrong} of those changes were wrong.\n`);
  return wrong === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`eval:mixups: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
