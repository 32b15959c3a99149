import { createLanguageService } from '../../../src/core';
import { rankingWeights, type RankingWeights } from '../../../src/core/findings/ranking';
import type { Vocabulary } from '../../../src/core/vocabulary/vocabulary';
import type { MixupCase } from './cases';
import { addScores, emptyScore, scoreCases, type GroupScore } from './score';

/**
 * A coordinate search for the ranking's weights: each weight in turn takes each value of its
 * grid while the others stay, and keeps the value that puts the meant drug first most often on
 * the given cases (ties: most often in the first three, then the value it had). A value that
 * makes fix-all write a wrong drug, or flags a clean case, is never kept. Two passes, since a
 * weight's best value moves once others change.
 */
const grids: Record<string, readonly number[]> = {
  'slip.keyboard': [0.4, 0.6, 0.8, 1],
  'slip.vowel': [0.4, 0.6, 0.8, 1],
  'slip.doubled': [0.3, 0.5, 0.7, 1],
  'slip.transposition': [0.5, 0.7, 1],
  'slip.firstLetter': [0, 0.5, 1, 2],
  'slip.phonetic': [0.5, 1, 1.5, 2],
  'prior.brands': [0, 0.2, 0.5, 1],
  'prior.sources': [0, 0.2, 0.5, 1],
  'prior.pharmacology': [0, 0.2, 0.5, 1],
  'prior.indicated': [0, 0.2, 0.5, 1],
  'prior.listed': [0, 0.2, 0.5, 1],
  'document.fit': [0, 0.15, 0.3, 0.6],
  'document.fitCap': [2, 5],
  'document.named': [0, 0.25, 0.5, 1, 2],
  'document.outOfPlace': [0, 1, 2, 3, 4],
};
const passes = 2;

type Weights = { [G in keyof RankingWeights]: { -readonly [K in keyof RankingWeights[G]]: number } };

function withValue(weights: RankingWeights, key: string, value: number): RankingWeights {
  const [group, name] = key.split('.') as [keyof RankingWeights, string];
  const copy = JSON.parse(JSON.stringify(weights)) as Weights;
  (copy[group] as Record<string, number>)[name] = value;
  return copy;
}

function valueOf(weights: RankingWeights, key: string): number {
  const [group, name] = key.split('.') as [keyof RankingWeights, string];
  return (weights[group] as Record<string, number>)[name];
}

async function total(vocabulary: Vocabulary, cases: readonly MixupCase[], weights: RankingWeights): Promise<GroupScore> {
  const service = createLanguageService({ vocabulary, rankingWeights: weights });
  const sum = emptyScore();
  for (const g of (await scoreCases(service, vocabulary, cases)).values()) addScores(sum, g);
  return sum;
}

export async function tuneRanking(vocabulary: Vocabulary, cases: readonly MixupCase[], log: (line: string) => void): Promise<RankingWeights> {
  let best = rankingWeights;
  let bestScore = await total(vocabulary, cases, best);
  const allowedFalseAlarms = bestScore.fp;
  log(`tuning from the committed weights: top-1 ${bestScore.top1}, top-3 ${bestScore.top3} of ${bestScore.scored}`);
  for (let pass = 1; pass <= passes; pass++) {
    for (const key of Object.keys(grids)) {
      const tried: string[] = [];
      for (const value of grids[key]) {
        if (value === valueOf(best, key)) continue;
        const trial = withValue(best, key, value);
        const s = await total(vocabulary, cases, trial);
        tried.push(`${value}: ${s.top1}/${s.top3}${s.unattendedWrong > 0 ? ` (${s.unattendedWrong} fix-all wrong)` : ''}`);
        if (s.unattendedWrong > 0 || s.fp > allowedFalseAlarms) continue;
        if (s.top1 > bestScore.top1 || (s.top1 === bestScore.top1 && s.top3 > bestScore.top3)) {
          best = trial;
          bestScore = s;
          log(`  pass ${pass}: ${key} = ${value}: top-1 ${s.top1}, top-3 ${s.top3}`);
        }
      }
      log(`  pass ${pass}: ${key} at ${valueOf(best, key)}; top-1/top-3 with ${tried.join(', ')}`);
    }
  }
  return best;
}
