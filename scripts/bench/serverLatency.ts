/**
 * How long a writer waits for diagnostics through the bundled language server, with the debounce
 * off (initializationOptions.debounceMs 0) so the figures are the server's own work: didOpen →
 * first diagnostics, and one-character didChange → diagnostics of that version, one edit at a
 * time. Measured for each 1 MB note given (generated and real prose side by side).
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { startServer } from '../../test/lsp/lspClient';
import { EditableNote } from './edits';
import { SeededRandom } from './generate';
import { noteUri, stopServer } from './lsp';
import { formatMs, formatTable, median } from './stats';

export const latencyTargets = { openMs: 400, editMs: 40 };

export interface LatencyOptions {
  repoRoot: string;
  workDir: string;
  seed: number;
  runs: number;
  editsPerRun: number;
  notes: readonly { label: string; text: string }[];
  timeoutMs: number;
}

interface LatencyRun {
  openMs: number;
  editMs: number[];
}

async function latencyRun(options: LatencyOptions, text: string, run: number): Promise<LatencyRun> {
  const client = await startServer({
    rootUri: null,
    debounceMs: 0,
    serverPath: path.join(options.repoRoot, 'dist', 'server.js'),
  });
  try {
    const note = new EditableNote(noteUri(options.workDir, `latency-${run}.md`), text);
    const opened = performance.now();
    const first = client.diagnostics(note.uri, (p) => p.version === note.version, options.timeoutMs);
    await client.connection.sendNotification('textDocument/didOpen', note.didOpen());
    await first;
    const openMs = performance.now() - opened;
    const random = new SeededRandom(options.seed + run);
    const editMs: number[] = [];
    for (let edit = 0; edit < options.editsPerRun; edit++) {
      const change = note.randomEdit(random);
      const sent = performance.now();
      const published = client.diagnostics(note.uri, (p) => p.version === change.textDocument.version, options.timeoutMs);
      await client.connection.sendNotification('textDocument/didChange', change);
      await published;
      editMs.push(performance.now() - sent);
    }
    return { openMs, editMs };
  } finally {
    await stopServer(client);
  }
}

/** Measures and prints the figures; a failed run is reported, not thrown. */
export async function benchServerLatency(options: LatencyOptions): Promise<void> {
  const columns: string[][] = [];
  for (const note of options.notes) {
    const runs: LatencyRun[] = [];
    let failure = '';
    for (let run = 0; run < options.runs; run++) {
      try {
        runs.push(await latencyRun(options, note.text, run));
      } catch (error) {
        failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
      }
    }
    const verdict = (value: number, target: number) => (Number.isFinite(value) ? (value <= target ? ' ok' : ' OVER') : '');
    const open = median(runs.map((r) => r.openMs));
    const edit = median(runs.flatMap((r) => r.editMs));
    columns.push([
      `${formatMs(open)}${verdict(open, latencyTargets.openMs)}`,
      `${formatMs(edit)}${verdict(edit, latencyTargets.editMs)}`,
      failure ? `FAILED: ${failure}` : '',
    ]);
  }
  console.log(
    `\nLanguage server latency (dist/server.js over stdio, debounce 0, a fresh server per run; median of ${options.runs} opens and ${options.runs * options.editsPerRun} edits)`,
  );
  const header = ['figure', ...options.notes.map((note) => note.label), 'target'];
  const rows = [
    ['didOpen -> first diagnostics', ...columns.map((c) => c[0]), `<= ${formatMs(latencyTargets.openMs)}`],
    ['1-char didChange -> diagnostics', ...columns.map((c) => c[1]), `<= ${formatMs(latencyTargets.editMs)}`],
  ];
  if (columns.some((c) => c[2])) rows.push(['failures', ...columns.map((c) => c[2]), '']);
  console.log(formatTable(header, rows, header.length));
}
