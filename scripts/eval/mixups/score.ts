import { applyEdits } from '../../../src/core/fixes/fixes';
import type { LanguageService } from '../../../src/core/languageService';
import { neverCancelled } from '../../../src/core/types';
import type { Vocabulary } from '../../../src/core/vocabulary/vocabulary';
import type { MixupCase } from './cases';

/** How one group of mix-up cases scored. */
export interface GroupScore {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  top1: number;
  top3: number;
  scored: number;
  /** Cases fix-all would change without asking, and those where it would write the wrong name. */
  unattended: number;
  unattendedWrong: number;
}

export function emptyScore(): GroupScore {
  return { tp: 0, fp: 0, fn: 0, tn: 0, top1: 0, top3: 0, scored: 0, unattended: 0, unattendedWrong: 0 };
}

export function addScores(into: GroupScore, g: GroupScore): void {
  for (const k of Object.keys(into) as Array<keyof GroupScore>) into[k] += g[k];
}

/**
 * Scores each case: whether its word is flagged (or left alone), whether the meant name is first
 * or in the first three suggestions, and what fix-all would write. `log` hears about each miss,
 * false alarm and wrong unattended fix.
 */
export async function scoreCases(
  service: LanguageService,
  vocabulary: Vocabulary,
  cases: readonly MixupCase[],
  log?: (line: string) => void,
): Promise<Map<string, GroupScore>> {
  const groups = new Map<string, GroupScore>();
  let version = 0;
  const drugOf = (name: string) => {
    const index = vocabulary.drugNameIndex(name);
    return index < 0 ? undefined : vocabulary.drugNameEntity(index);
  };
  for (const c of cases) {
    const document = { uri: `eval:///${c.group}/${++version}.md`, version, text: c.text };
    const analysis = await service.analyze(document, neverCancelled);
    const at = c.text.indexOf(c.word);
    // A generated spelling that the vocabulary knows as a name of the meant drug is not a slip.
    if (c.meant && c.group !== 'recorded-misspelling' && c.group !== 'foreign-form' && analysis.entities.some((e) => e.start === at && e.canonical === c.meant))
      continue;
    const hit = analysis.findings.find(
      (f) => f.start === at && (f.code === 'drug-misspelling' || f.code === 'drug-lookalike' || f.code === 'drug-spelling-variant'),
    );
    let g = groups.get(c.group);
    if (!g) groups.set(c.group, (g = emptyScore()));
    const fixed = applyEdits(c.text, await service.safeFixEdits(document, neverCancelled));
    if (fixed !== c.text) {
      g.unattended++;
      // Right when it writes the meant drug: the same name, or another name of the same drug.
      const written = fixed.slice(at, at + fixed.length - c.text.length + c.word.length).toLowerCase();
      const right =
        c.expect === 'flag' && c.meant !== undefined && (written === c.meant || (drugOf(written) !== undefined && drugOf(written) === drugOf(c.meant)));
      if (!right) {
        g.unattendedWrong++;
        log?.(`  unattended fix wrong [${c.group}] ${c.word}: ${fixed.trim()}`);
      }
    }
    if (c.expect === 'flag') {
      if (hit) g.tp++;
      else g.fn++;
      if (c.meant) {
        g.scored++;
        const suggestions = (hit?.data.suggestions ?? []).map((s) => s.toLowerCase());
        if (suggestions[0] === c.meant) g.top1++;
        else if (hit) log?.(`  ranked [${c.group}] ${c.word}: ${suggestions.join(', ')} (meant ${c.meant})`);
        if (suggestions.slice(0, 3).includes(c.meant)) g.top3++;
      }
    } else if (hit) g.fp++;
    else g.tn++;
    if ((c.expect === 'flag') !== !!hit)
      log?.(`  ${c.expect === 'flag' ? 'missed' : 'false alarm'} [${c.group}] ${c.word}${hit ? ` → ${hit.data.suggestions.join(', ')}` : ''}`);
  }
  return groups;
}

const pct = (n: number, d: number) => (d === 0 ? '   –  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function row(name: string, g: GroupScore): string {
  const n = g.tp + g.fp + g.fn + g.tn;
  return `${name.padEnd(20)} ${String(n).padStart(5)}  ${pct(g.tp, g.tp + g.fp).padStart(9)}  ${pct(g.tp, g.tp + g.fn)}  ${pct(g.top1, g.scored)}  ${pct(g.top3, g.scored)}  ${pct(g.unattended, n)}   (${g.tp} / ${g.tp + g.fn}; ${g.fp}; ${g.unattendedWrong})\n`;
}

/** The per-group table, with a total row; returns the total. */
export function formatScores(title: string, groups: ReadonlyMap<string, GroupScore>): { text: string; total: GroupScore } {
  let text = `${title}\n${'group'.padEnd(20)} cases  precision  recall   top-1   top-3   fix-all (flagged / expected; false alarms; fix-all wrong)\n`;
  const total = emptyScore();
  for (const [name, g] of [...groups].sort()) {
    text += row(name, g);
    addScores(total, g);
  }
  text += row('all', total);
  return { text, total };
}
