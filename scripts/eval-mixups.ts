/**
 * Evaluates drug mix-up detection on the committed data/:
 *
 *   npm run eval:mixups [-- --verbose]
 *
 * Prints, per group of cases, precision and recall of flagging the case's word, and for the
 * misspelling groups the top-1 and top-3 accuracy of the suggestions; then how many cases
 * fix-all would fix unattended (Fix.safe) and how many of those would write another drug than
 * the one meant, which must be none: an unattended drug swap is the worst thing biolens can do.
 */
import * as path from 'node:path';
import { createLanguageService } from '../src/core';
import { applyEdits } from '../src/core/fixes/fixes';
import { loadVocabulary } from '../src/node/vocabulary';
import { generatedCases, handWrittenCases, vocabularyFormCases, type MixupCase } from './eval/mixups/cases';
import { neverCancelled } from '../src/core/types';

interface GroupScore {
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

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const root = path.resolve(__dirname, '..');
  const vocabulary = loadVocabulary(path.join(root, 'data'));
  const service = createLanguageService({ vocabulary });
  const cases: MixupCase[] = [
    ...generatedCases(vocabulary),
    ...vocabularyFormCases(vocabulary, path.join(root, 'data', 'drug-spellings.tsv')),
    ...handWrittenCases(path.join(root, 'test', 'fixtures', 'mixups')),
  ];
  const groups = new Map<string, GroupScore>();
  let version = 0;
  for (const c of cases) {
    const analysis = await service.analyze({ uri: `eval:///${c.group}/${version}.md`, version: ++version, text: c.text }, neverCancelled);
    const at = c.text.indexOf(c.word);
    // A generated spelling that the vocabulary knows as a name of the meant drug is not a slip.
    if (c.meant && c.group !== 'recorded-misspelling' && c.group !== 'foreign-form' && analysis.entities.some((e) => e.start === at && e.canonical === c.meant))
      continue;
    const hit = analysis.findings.find(
      (f) => f.start === at && (f.code === 'drug-misspelling' || f.code === 'drug-lookalike' || f.code === 'drug-spelling-variant'),
    );
    let g = groups.get(c.group);
    if (!g) groups.set(c.group, (g = { tp: 0, fp: 0, fn: 0, tn: 0, top1: 0, top3: 0, scored: 0, unattended: 0, unattendedWrong: 0 }));
    const fixed = applyEdits(c.text, await service.safeFixEdits({ uri: `eval:///${c.group}/${version}.md`, version, text: c.text }, neverCancelled));
    if (fixed !== c.text) {
      g.unattended++;
      // Right when it writes the meant drug: the same name, or another name of the same drug.
      const written = fixed.slice(at, at + fixed.length - c.text.length + c.word.length).toLowerCase();
      const drugOf = (name: string) => {
        const index = vocabulary.drugNameIndex(name);
        return index < 0 ? undefined : vocabulary.drugNameEntity(index);
      };
      const right =
        c.expect === 'flag' && c.meant !== undefined && (written === c.meant || (drugOf(written) !== undefined && drugOf(written) === drugOf(c.meant)));
      if (!right) {
        g.unattendedWrong++;
        if (verbose) process.stdout.write(`  unattended fix wrong [${c.group}] ${c.word}: ${fixed.trim()}\n`);
      }
    }
    if (c.expect === 'flag') {
      if (hit) g.tp++;
      else g.fn++;
      if (c.meant) {
        g.scored++;
        const suggestions = (hit?.data.suggestions ?? []).map((s) => s.toLowerCase());
        if (suggestions[0] === c.meant) g.top1++;
        if (suggestions.slice(0, 3).includes(c.meant)) g.top3++;
      }
    } else if (hit) g.fp++;
    else g.tn++;
    if (verbose && (c.expect === 'flag') !== !!hit) {
      process.stdout.write(`  ${c.expect === 'flag' ? 'missed' : 'false alarm'} [${c.group}] ${c.word}${hit ? ` → ${hit.data.suggestions.join(', ')}` : ''}\n`);
    }
  }
  const pct = (n: number, d: number) => (d === 0 ? '   –  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
  process.stdout.write('group          cases  precision  recall   top-1   top-3   fix-all (flagged / expected; false alarms; fix-all wrong)\n');
  const total: GroupScore = { tp: 0, fp: 0, fn: 0, tn: 0, top1: 0, top3: 0, scored: 0, unattended: 0, unattendedWrong: 0 };
  for (const [name, g] of [...groups].sort()) {
    const n = g.tp + g.fp + g.fn + g.tn;
    process.stdout.write(
      `${name.padEnd(14)} ${String(n).padStart(5)}  ${pct(g.tp, g.tp + g.fp).padStart(9)}  ${pct(g.tp, g.tp + g.fn)}  ${pct(g.top1, g.scored)}  ${pct(g.top3, g.scored)}  ${pct(g.unattended, n)}   (${g.tp} / ${g.tp + g.fn}; ${g.fp}; ${g.unattendedWrong})\n`,
    );
    for (const k of Object.keys(total) as Array<keyof GroupScore>) total[k] += g[k];
  }
  const n = total.tp + total.fp + total.fn + total.tn;
  process.stdout.write(
    `${'all'.padEnd(14)} ${String(n).padStart(5)}  ${pct(total.tp, total.tp + total.fp).padStart(9)}  ${pct(total.tp, total.tp + total.fn)}  ${pct(total.top1, total.scored)}  ${pct(total.top3, total.scored)}  ${pct(total.unattended, n)}   (${total.tp} / ${total.tp + total.fn}; ${total.fp}; ${total.unattendedWrong})\n`,
  );
  process.stdout.write(`fix-all changed ${total.unattended} of ${n} cases without asking; ${total.unattendedWrong} of those changes were wrong.\n`);
  return total.unattendedWrong === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`eval:mixups: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
