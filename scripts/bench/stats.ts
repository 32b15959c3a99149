/** Small statistics and formatting helpers of the benchmark. */
import { performance } from 'node:perf_hooks';

/** The value at a quantile (0..1) of the samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);

/** Runs `action` and returns how long it took in milliseconds, with its result. */
export async function timed<T>(action: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await action();
  return { ms: performance.now() - started, value };
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  const sign = bytes < 0 ? '-' : '';
  const size = Math.abs(bytes);
  if (size < 1024) return `${sign}${size} B`;
  if (size < 1024 * 1024) return `${sign}${(size / 1024).toFixed(0)} KB`;
  return `${sign}${(size / 1024 / 1024).toFixed(1)} MB`;
}

/** A figure beside its target: 'ok' or 'OVER' (never an assertion: machines differ). */
export function againstTarget(value: number, target: number | undefined, format: (value: number) => string): string {
  if (target === undefined || !Number.isFinite(value)) return '';
  return `${value <= target ? 'ok' : 'OVER'} (target <= ${format(target)})`;
}

/** A plain-text table: the first `textColumns` columns and the last are left-aligned, figures right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], textColumns = 1): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell = '', column) => (column < textColumns || column === row.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
