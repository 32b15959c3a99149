/**
 * A probe of one-character edits of one note (not part of npm run bench, which has no per-rule
 * figures): CPU time per edit and per finding rule, median of many, and optionally a CPU profile.
 * Usage: tsx scripts/bench/editProbe.ts NOTE [edits] [--profile]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLanguageService, type TextDocumentInput } from '../../src/core/index';
import { neverCancelled } from '../../src/core/types';
import { loadVocabulary } from '../../src/node/vocabulary';
import { loadTagger } from '../../src/node/tagger';
import { findingRules } from '../../src/core/findings/registry';
import type { Steps } from '../../src/core/steps';
import { cpuProfile, printProfile } from './profile';
import { SeededRandom } from './generate';
import { formatMs, median } from './stats';

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Makes every finding rule add the CPU time of its steps to `spent`, by rule code. */
function timeRules(spent: Map<string, number>): void {
  for (const rule of findingRules) {
    const run = rule.run.bind(rule);
    (rule as { run: typeof rule.run }).run = function* (note, severity): Steps<never> {
      const inner = run(note, severity);
      let sent: unknown;
      for (;;) {
        const before = cpuMs();
        const step = inner.next(sent as never);
        spent.set(rule.code, (spent.get(rule.code) ?? 0) + cpuMs() - before);
        if (step.done) return step.value as never;
        sent = yield step.value as never;
      }
    } as typeof rule.run;
  }
}

async function main(): Promise<void> {
  const [file, editsArg] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const edits = Number(editsArg ?? 31);
  const dataDir = process.env.BIOLENS_DATA ?? path.join(__dirname, '..', '..', 'data');
  const service = createLanguageService({ vocabulary: loadVocabulary(dataDir), tagger: loadTagger(dataDir).tagger });
  const text = readFileSync(file, 'utf8');
  const spent = new Map<string, number>();
  timeRules(spent);
  let document: TextDocumentInput = { uri: 'file:///probe.md', version: 1, text };
  await service.analyze(document, neverCancelled);
  const random = new SeededRandom(7);
  const editMs: number[] = [];
  const ruleMs = new Map<string, number[]>();
  const run = async () => {
    for (let i = 1; i <= edits; i++) {
      const at = Math.floor(random.next() * (text.length - 10));
      document = { uri: document.uri, version: document.version + 1, text: document.text.slice(0, at) + 'x' + document.text.slice(at) };
      spent.clear();
      const before = cpuMs();
      await service.analyze(document, neverCancelled);
      editMs.push(cpuMs() - before);
      for (const [code, ms] of spent) ruleMs.set(code, [...(ruleMs.get(code) ?? []), ms]);
    }
  };
  if (process.argv.includes('--profile')) printProfile(`${edits} one-character edits of ${file}`, await cpuProfile(run), process.cwd(), 30);
  else await run();
  console.log(`rules (CPU per edit, median): ${[...ruleMs].map(([code, ms]) => `${code} ${formatMs(median(ms))}`).join(', ')}`);
  console.log(`edits ${edits}, CPU per edit median ${formatMs(median(editMs))}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
