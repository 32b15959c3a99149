/**
 * The command-line figures: `biolens check` as a user starts it (wall time and the child's peak
 * resident set), and cspell on the same notes for scale when a developer has it installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MB, sizeLabel, type BenchNote } from './engine';
import { formatBytes, formatMs, formatTable, median } from './stats';

export const commandTargets = { checkSpeedupOverCspell: 10, checkPeakRssBytes: 600 * MB };

interface CommandRuns {
  ms: number[];
  /** CPU time (user + system) of each run, where the system reports it: unlike wall time, hardly moved by other processes on the machine. */
  cpuMs: number[];
  status: number | null;
  stderr: string;
  /** The child's peak resident set (getrusage maxRSS), when it was measured. */
  peakRss?: number;
}

/**
 * CPU time used by this process's finished children, from /proc/self/stat (cutime + cstime, in
 * clock ticks of 1/100 s on Linux); undefined elsewhere.
 */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

function timeCommand(command: string, args: readonly string[], cwd: string, runs: number, env?: NodeJS.ProcessEnv): CommandRuns {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let status: number | null = null;
  let stderr = '';
  for (let run = 0; run < runs; run++) {
    const cpuBefore = childrenCpuMs();
    const started = performance.now();
    const child = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * MB, env: env ?? process.env });
    ms.push(performance.now() - started);
    const cpuAfter = childrenCpuMs();
    if (cpuBefore !== undefined && cpuAfter !== undefined) cpuMs.push(cpuAfter - cpuBefore);
    status = child.status;
    stderr = child.stderr ?? child.error?.message ?? '';
  }
  return { ms, cpuMs, status, stderr };
}

/**
 * `node dist/cli.js check <file>`, with a preloaded script that writes the process's peak
 * resident set to a file as it exits: the CLI's own memory, which spawnSync cannot report.
 */
function timeCheck(cliPath: string, file: string, workDir: string, runs: number): CommandRuns {
  const preload = path.join(workDir, 'peak-rss.js');
  const report = path.join(workDir, 'peak-rss.txt');
  writeFileSync(
    preload,
    "process.on('exit', () => require('fs').writeFileSync(process.env.BIOLENS_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));\n",
  );
  let peakRss = 0;
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let last: CommandRuns = { ms, cpuMs, status: null, stderr: '' };
  for (let run = 0; run < runs; run++) {
    rmSync(report, { force: true });
    last = timeCommand(process.execPath, ['--require', preload, cliPath, 'check', file], workDir, 1, { ...process.env, BIOLENS_BENCH_RSS_FILE: report });
    ms.push(last.ms[0]);
    cpuMs.push(...last.cpuMs);
    if (existsSync(report)) peakRss = Math.max(peakRss, Number(readFileSync(report, 'utf8')));
  }
  return { ms, cpuMs, status: last.status, stderr: last.stderr, peakRss: peakRss || undefined };
}

/**
 * The cspell executable, if a developer has one: BIOLENS_BENCH_CSPELL (or --cspell), this
 * project's node_modules or PATH. It is not a dependency: looking it up locally keeps npx from
 * asking the registry for it.
 */
export function findCspell(repoRoot: string, given = process.env.BIOLENS_BENCH_CSPELL): string | undefined {
  if (given) return existsSync(given) ? given : undefined;
  const names = process.platform === 'win32' ? ['cspell.cmd', 'cspell.exe'] : ['cspell'];
  const folders = [path.join(repoRoot, 'node_modules', '.bin'), ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const folder of folders) {
    for (const name of names) {
      const candidate = path.join(folder, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Writes a cspell configuration, with its medical dictionary when that is installed beside cspell. */
function cspellConfig(cspell: string, workDir: string): { config: string; medical: boolean } {
  // cspell's bin is <prefix>/node_modules/.bin/cspell; the dictionary sits in <prefix>/node_modules/@cspell.
  const medical = path.join(path.dirname(path.dirname(cspell)), '@cspell', 'dict-medicalterms', 'cspell-ext.json');
  const config = path.join(workDir, 'cspell.json');
  writeFileSync(config, JSON.stringify({ version: '0.2', language: 'en', import: existsSync(medical) ? [medical] : [] }));
  return { config, medical: existsSync(medical) };
}

export interface CommandBenchOptions {
  cliPath: string;
  workDir: string;
  repoRoot: string;
  cspell?: string;
  generated: readonly BenchNote[];
  real: readonly BenchNote[];
}

const timing = (runs: CommandRuns) => `${formatMs(median(runs.ms))} / ${runs.cpuMs.length > 0 ? formatMs(median(runs.cpuMs)) : 'n/a'}`;

// Exit 1 only means something was flagged (by either tool); 2 or a signal means it failed.
const outcome = (runs: CommandRuns) =>
  runs.status === null || runs.status > 1 ? `FAILED (exit ${runs.status}): ${runs.stderr.trim().split('\n')[0] ?? ''}` : `exit ${runs.status}`;

/** `biolens check` on every note (and cspell beside it), with the check's peak RSS. */
export function benchCommands(options: CommandBenchOptions): void {
  console.log('\nCLI: node dist/cli.js check <file> (wall time, including start-up; median of 3, 1 for 10 MB)');
  if (!existsSync(options.cliPath)) {
    console.log(`  skipped: ${options.cliPath} is missing; run npm run build`);
    return;
  }
  const cspell = options.cspell;
  const config = cspell ? cspellConfig(cspell, options.workDir) : undefined;
  if (!cspell) console.log('  cspell: not installed, so not compared (see the usage for installing it outside the project)');
  else console.log(`  cspell: ${cspell}, ${config!.medical ? 'with' : 'without'} @cspell/dict-medicalterms`);
  const empty = path.join(options.workDir, 'empty.md');
  writeFileSync(empty, '');
  const inputs = [
    { label: 'empty file', file: empty, size: 0 },
    ...options.generated.map((note) => ({ label: `generated ${sizeLabel(note.size)}`, file: note.file, size: note.size })),
    ...options.real.map((note) => ({ label: `real prose ${sizeLabel(note.size)}`, file: note.file, size: note.size })),
  ];
  const rows = inputs.map((input) => {
    const runs = input.size >= 10 * MB ? 1 : 3;
    const check = timeCheck(options.cliPath, input.file, options.workDir, runs);
    const peak = check.peakRss === undefined ? 'n/a' : formatBytes(check.peakRss);
    const peakVerdict = input.size >= 10 * MB && check.peakRss !== undefined ? (check.peakRss <= commandTargets.checkPeakRssBytes ? ' ok' : ' OVER') : '';
    const row = [input.label, timing(check), `${peak}${peakVerdict}`, outcome(check)];
    if (!cspell) return row;
    const theirs = timeCommand(cspell, ['--no-progress', '--no-summary', '--config', config!.config, input.file], options.workDir, runs);
    // On CPU time when the system reports it: wall time on a shared machine measures the neighbours too.
    const basis = (runs: CommandRuns) => median(runs.cpuMs.length === runs.ms.length ? runs.cpuMs : runs.ms);
    const ratio = basis(theirs) / basis(check);
    const verdict = input.size === 0 ? '' : ratio >= commandTargets.checkSpeedupOverCspell ? ' ok' : ' OVER';
    return [...row.slice(0, 3), timing(theirs), `${ratio.toFixed(1)}x${verdict}`, `${outcome(check)}; cspell ${outcome(theirs)}`];
  });
  const header = cspell
    ? ['note', 'biolens check (wall / CPU)', 'check peak RSS', 'cspell (wall / CPU)', 'cspell / biolens (CPU)', 'outcome']
    : ['note', 'biolens check (wall / CPU)', 'check peak RSS', 'outcome'];
  console.log(formatTable(header, rows));
  console.log(
    `  targets: 10 MB check peak RSS <= ${formatBytes(commandTargets.checkPeakRssBytes)}${cspell ? `; biolens >= ${commandTargets.checkSpeedupOverCspell}x faster than cspell` : ''}`,
  );
}
