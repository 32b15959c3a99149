/**
 * A probe of one-character edits of one note (not part of npm run bench): CPU time per edit,
 * median of many, and optionally a CPU profile summed per source file and per top function.
 * Usage: tsx scripts/bench/editProbe.ts NOTE [edits] [--profile]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLanguageService, type TextDocumentInput } from '../../src/core/index';
import { neverCancelled } from '../../src/core/types';
import { loadVocabulary } from '../../src/node/vocabulary';
import { loadTagger } from '../../src/node/tagger';
import { cpuProfile, selfTimes } from './profile';
import { SeededRandom } from './generate';
import { findingRules } from '../../src/core/findings/registry';
import type { Steps } from '../../src/core/steps';

function cpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU time spent in each rule's run over the edits (generators timed while they step). */
const ruleMs = new Map<string, number>();
const perEdit = new Map<string, number[]>();
for (const rule of findingRules) {
  const run = rule.run.bind(rule);
  (rule as { run: typeof rule.run }).run = function* (note, severity): Steps<never> {
    const inner = run(note, severity);
    let sent: unknown;
    for (;;) {
      const before = cpu();
      const step = inner.next(sent as never);
      ruleMs.set(rule.code, (ruleMs.get(rule.code) ?? 0) + cpu() - before);
      if (step.done) return step.value as never;
      sent = yield step.value as never;
    }
  } as typeof rule.run;
}

const [file, editsArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const profile = process.argv.includes('--profile');
const edits = Number(editsArg ?? 31);
const dataDir = process.env.BIOLENS_DATA ?? path.join(__dirname, '..', '..', 'data');
const vocabulary = loadVocabulary(dataDir);
const { tagger } = loadTagger(dataDir);
const service = createLanguageService({ vocabulary, tagger });
const text = readFileSync(file, 'utf8');

async function main() {
  let document: TextDocumentInput = { uri: 'file:///probe.md', version: 1, text };
  await service.analyze(document, neverCancelled);
  const random = new SeededRandom(7);
  const times: number[] = [];
  const run = async () => {
    for (let i = 1; i <= edits; i++) {
      const at = process.argv.includes('--middle') ? Math.floor(text.length / 2) : Math.floor(random.next() * (text.length - 10));
      const t = document.text;
      const next = i % 2 || !process.argv.includes('--middle') ? [t.slice(0, at), 'x', t.slice(at)].join('') : [t.slice(0, at), t.slice(at + 1)].join('');
      document = { uri: document.uri, version: document.version + 1, text: next };
      const before = cpu();
      ruleMs.clear();
      await service.analyze(document, neverCancelled);
      times.push(cpu() - before);
      for (const [c, ms] of ruleMs) (perEdit.get(c) ?? perEdit.set(c, []).get(c)!).push(ms);
      ruleMs.clear();
    }
  };
  if (profile) {
    const p = await cpuProfile(run);
    const fns = selfTimes(p, process.cwd());
    const total = fns.reduce((s, f) => s + f.selfMs, 0);
    const byFile = new Map<string, number>();
    for (const f of fns) byFile.set(f.where, (byFile.get(f.where) ?? 0) + f.selfMs);
    console.log('by file:');
    for (const [w, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${((100 * ms) / total).toFixed(1)}%  ${w}`);
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const nodeById = new Map(p.nodes.map((n) => [n.id, n]));
    const inclusive = new Map<string, number>();
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const seen = new Set<string>();
      for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
        const f = nodeById.get(id)!.callFrame;
        seen.add(`${f.functionName || '(anon)'}:${f.lineNumber}`);
      }
      for (const k of seen) inclusive.set(k, (inclusive.get(k) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    }
    const lineTicks = new Map<string, number>();
    for (const n of p.nodes)
      for (const t of n.positionTicks ?? []) {
        const k = `${n.callFrame.functionName}:${t.line}`;
        lineTicks.set(k, (lineTicks.get(k) ?? 0) + t.ticks);
      }
    const want = (process.env.PROBE_LINES ?? '').split(',');
    console.log('lines:');
    for (const [k, t] of [...lineTicks]
      .filter(([k]) => want.includes(k.split(':')[0]))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40))
      console.log(`  ${t}  ${k}`);
    console.log('inclusive:');
    for (const [k, ms] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log(`  ${((100 * ms) / total).toFixed(1)}%  ${k}`);
    console.log('by function:');
    for (const f of fns.slice(0, 30)) console.log(`  ${((100 * f.selfMs) / total).toFixed(1)}%  ${f.name}  ${f.where}`);
  } else await run();
  console.log(
    'rules (cpu ms per edit, median): ' + [...perEdit].map(([c, ms]) => `${c} ${[...ms].sort((a, b) => a - b)[ms.length >> 1].toFixed(2)}`).join(', '),
  );
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `edits ${edits}, cpu median ${sorted[sorted.length >> 1].toFixed(1)} ms, p25 ${sorted[sorted.length >> 2].toFixed(1)}, p75 ${sorted[(3 * sorted.length) >> 2].toFixed(1)}`,
  );
}
main();
