/**
 * A CPU profile summary of one analysis (node:inspector's Profiler, in this process): the
 * functions with the most self time, so the next person sees where the time goes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import path from 'node:path';
import { formatMs, formatTable } from './stats';

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

/** Profiles `action` with a sampling interval of `intervalUs` microseconds. */
export async function cpuProfile(action: () => Promise<unknown>, intervalUs = 100): Promise<Profiler.Profile> {
  const session = new Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
    await post(session, 'Profiler.start');
    let profile: Profiler.Profile;
    try {
      await action();
    } finally {
      ({ profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop'));
    }
    return profile;
  } finally {
    session.disconnect();
  }
}

export interface FunctionTime {
  readonly name: string;
  /** The function's source file (through the bundle's module comments), or (native). */
  readonly where: string;
  readonly selfMs: number;
}

/**
 * The source file of a line of an esbuild bundle: esbuild starts each module with a
 * `// src/core/….ts` comment, so the last such comment above the line names it.
 */
class BundleSources {
  private readonly starts = new Map<string, { line: number; source: string }[]>();

  sourceOf(file: string, line: number): string | undefined {
    let starts = this.starts.get(file);
    if (!starts) {
      starts = [];
      if (file.endsWith('.js') && existsSync(file)) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((text, index) => {
            const match = /^\/\/ ((?:src|scripts|test|node_modules)\/\S+\.[cm]?[jt]s)$/.exec(text);
            if (match) starts!.push({ line: index, source: match[1] });
          });
      }
      this.starts.set(file, starts);
    }
    let found: string | undefined;
    for (const start of starts) {
      if (start.line > line) break;
      found = start.source;
    }
    return found;
  }
}

/** Self time per function (summed over every node of the call tree with the same function). */
export function selfTimes(profile: Profiler.Profile, root = ''): FunctionTime[] {
  const sources = new BundleSources();
  const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, FunctionTime & { selfMs: number }>();
  const deltas = profile.timeDeltas ?? [];
  const samples = profile.samples ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = nodeById.get(samples[i]);
    if (!node) continue;
    const frame = node.callFrame;
    const absolute = frame.url.replace(/^file:\/\//, '');
    const file = frame.url ? (sources.sourceOf(absolute, frame.lineNumber) ?? path.relative(root, absolute)) : '';
    const where = file ? file : '(native)';
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    // A sample's time is the gap to the next one; the last sample has none.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const entry = byFunction.get(key) ?? { name, where, selfMs: 0 };
    entry.selfMs += ms;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs);
}

/** Prints the top `count` functions by self time, with their share of the profile. */
export function printProfile(title: string, profile: Profiler.Profile, root: string, count = 15): void {
  const times = selfTimes(profile, root);
  const total = times.reduce((sum, time) => sum + time.selfMs, 0);
  console.log(`\n${title} (CPU profile, ${formatMs(total)} sampled; top ${count} functions by self time)`);
  const rows = times.slice(0, count).map((time) => [time.name, formatMs(time.selfMs), `${((100 * time.selfMs) / total).toFixed(1)}%`, time.where]);
  console.log(formatTable(['function', 'self', 'share', 'where'], rows));
}
