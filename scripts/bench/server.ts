/**
 * Language-server figures of the benchmark, measured through the bundled server (dist/server.js)
 * over stdio, as an editor sees them:
 *
 * - rapid edits: a 1 MB note gets 1,000 one-character edits sent back to back, with the semantic
 *   tokens and code action requests an editor sends while typing; the figure is the time from the
 *   last edit to the diagnostics of the final version.
 * - hover during a long analysis: while a large note is analysed, hovers on a small note every
 *   ~20 ms; the figures are their latencies.
 *
 * Each run starts a fresh server, so one run's backlog cannot slow the next.
 */
import { performance } from 'node:perf_hooks';
import { EditableNote, type DidChangeParams } from './edits';
import { SeededRandom } from './generate';
import {
  codeActionRequest,
  debounceDescription,
  delay,
  hoverRequest,
  noteUri,
  processMemory,
  semanticTokensRequest,
  startBundledServer,
  stopServer,
  withTimeout,
  type TestClient,
} from './lsp';
import { againstTarget, formatBytes, formatMs, formatTable, median } from './stats';

export const serverTargets = { rapidEditsMs: 500, hoverDuringAnalysisMs: 200 };

export interface ServerBenchOptions {
  repoRoot: string;
  /** Workspace folder of the server (a scratch folder: no dictionary in it). */
  workDir: string;
  seed: number;
  runs: number;
  /** The ~1 MB note the rapid edits go to. */
  editNote: { label: string; text: string };
  edits: number;
  /** After every this many edits, one semantic tokens and one code action request (not awaited). */
  requestEvery: number;
  /** The large note analysed while the small one is hovered. */
  slowNote: { label: string; text: string };
  hoverIntervalMs: number;
  /** How long to wait for any one publish or response before calling the run failed. */
  timeoutMs: number;
}

/** A short note with a drug to hover: the card comes from the vocabulary, no analysis of note A needed. */
const smallNote = '# Note B\n\nPostmenopausal patients took letrozole with palbociclib; ESR1 mutations emerged on treatment.\n';

// --- rapid edits ------------------------------------------------------------------------------

interface RapidEditRun {
  /** didOpen → first diagnostics of the 1 MB note. */
  firstDiagnosticsMs: number;
  /** Last didChange sent → diagnostics of the final version: the figure. */
  finalDiagnosticsMs: number;
  /** Time to hand all the edits and requests to the connection (the "typing" took this long). */
  sendingMs: number;
  /** Diagnostics published for versions older than the final one during the edits. */
  supersededPublishes: number;
  requests: number;
  failedRequests: number;
  /** Last didChange sent → the last interleaved request answered. */
  requestsAnsweredMs: number;
  serverRss: number;
  serverPeakRss?: number;
}

/** When a request settled (answered or failed), so that none of them is awaited while sending. */
function settledAt(request: Promise<unknown>): Promise<{ at: number; failed: boolean }> {
  return request.then(
    () => ({ at: performance.now(), failed: false }),
    () => ({ at: performance.now(), failed: true }),
  );
}

/** Opens `note` and resolves when its first diagnostics arrive, with how long that took. */
async function openAndWait(client: TestClient, note: EditableNote, timeoutMs: number): Promise<number> {
  const started = performance.now();
  const version = note.version;
  const published = client.diagnostics(note.uri, (p) => p.version === version, timeoutMs);
  await client.connection.sendNotification('textDocument/didOpen', note.didOpen());
  await published;
  return performance.now() - started;
}

async function rapidEditRun(options: ServerBenchOptions, run: number): Promise<RapidEditRun> {
  const client = await startBundledServer(options.repoRoot, options.workDir);
  try {
    const note = new EditableNote(noteUri(options.workDir, `rapid-edits-${run}.md`), options.editNote.text);
    const firstDiagnosticsMs = await openAndWait(client, note, options.timeoutMs);

    // Made up front, so that sending them is as fast as the connection allows.
    const random = new SeededRandom(options.seed + run);
    const edits: DidChangeParams[] = Array.from({ length: options.edits }, () => note.randomEdit(random));
    const finalVersion = note.version;

    let supersededPublishes = 0;
    const stopCounting = client.onPublish((p) => {
      if (p.uri === note.uri && p.version !== finalVersion) supersededPublishes++;
    });
    const finalDiagnostics = client.diagnostics(note.uri, (p) => p.version === finalVersion, options.timeoutMs).then(() => performance.now());
    finalDiagnostics.catch(() => {}); // awaited below; this only keeps a timeout from being reported as unhandled

    const requests: Promise<{ at: number; failed: boolean }>[] = [];
    const sendingStarted = performance.now();
    let lastEditSent = sendingStarted;
    for (let i = 0; i < edits.length; i++) {
      void client.connection.sendNotification('textDocument/didChange', edits[i]);
      lastEditSent = performance.now();
      // What an editor asks for while the user types: colours and the light bulb at the cursor.
      if ((i + 1) % options.requestEvery === 0) {
        requests.push(settledAt(semanticTokensRequest(client, note.uri)));
        requests.push(settledAt(codeActionRequest(client, note.uri, edits[i].contentChanges[0].range.start)));
      }
    }
    const sendingMs = performance.now() - sendingStarted;

    const finalAt = await finalDiagnostics;
    stopCounting();
    const answered = await withTimeout(
      Promise.all(requests),
      options.timeoutMs,
      `the interleaved requests were not all answered within ${formatMs(options.timeoutMs)}`,
    );
    const memory = processMemory(client.child.pid!);
    return {
      firstDiagnosticsMs,
      finalDiagnosticsMs: finalAt - lastEditSent,
      sendingMs,
      supersededPublishes,
      requests: requests.length,
      failedRequests: answered.filter((a) => a.failed).length,
      requestsAnsweredMs: Math.max(lastEditSent, ...answered.map((a) => a.at)) - lastEditSent,
      serverRss: memory.rss,
      serverPeakRss: memory.peak,
    };
  } finally {
    await stopServer(client);
  }
}

// --- hover during a long analysis -------------------------------------------------------------

interface HoverRun {
  /** didOpen of the large note → its diagnostics. */
  slowAnalysisMs: number;
  /** Latencies of the hovers on the small note sent while the large one was being analysed. */
  hoverMs: number[];
  /** Hovers that came back without a card (the small note's drug should always have one). */
  emptyHovers: number;
}

async function hoverRun(options: ServerBenchOptions, run: number): Promise<HoverRun> {
  const client = await startBundledServer(options.repoRoot, options.workDir);
  try {
    const small = new EditableNote(noteUri(options.workDir, `hover-small-${run}.md`), smallNote);
    await openAndWait(client, small, options.timeoutMs);
    const position = small.positionOf('letrozole');
    // One hover before the clock starts: the first one pays for loading card code and data.
    await withTimeout(hoverRequest(client, small.uri, position), options.timeoutMs, 'the warm-up hover was not answered');

    const slow = new EditableNote(noteUri(options.workDir, `hover-large-${run}.md`), options.slowNote.text);
    let analysedAt: number | undefined;
    let analysisError: unknown;
    const analysed = client
      .diagnostics(slow.uri, () => true, options.timeoutMs)
      .then(
        () => (analysedAt = performance.now()),
        (error: unknown) => (analysisError = error),
      );
    const openedAt = performance.now();
    void client.connection.sendNotification('textDocument/didOpen', slow.didOpen());

    const hoverMs: number[] = [];
    let emptyHovers = 0;
    // Driven by the responses: the next hover goes out when the previous one is answered, and
    // no sooner than hoverIntervalMs after it was sent, as a resting mouse re-hovers.
    while (analysedAt === undefined && analysisError === undefined) {
      const sentAt = performance.now();
      const hover = await withTimeout(
        hoverRequest(client, small.uri, position),
        options.timeoutMs,
        `a hover was not answered within ${formatMs(options.timeoutMs)}`,
      );
      hoverMs.push(performance.now() - sentAt);
      if (!hover) emptyHovers++;
      const rest = options.hoverIntervalMs - (performance.now() - sentAt);
      if (rest > 0 && analysedAt === undefined) await delay(rest);
    }
    await analysed;
    if (analysisError !== undefined) throw analysisError;
    return { slowAnalysisMs: analysedAt! - openedAt, hoverMs, emptyHovers };
  } finally {
    await stopServer(client);
  }
}

// --- running and printing ---------------------------------------------------------------------

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function attempt<T>(action: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const spread = (samples: readonly number[], format: (value: number) => string) =>
  samples.length === 0 ? '' : `${format(Math.min(...samples))} - ${format(Math.max(...samples))}`;

/** A row: the median over the runs, their range, and the verdict against `target` when there is one. */
function figureRow(label: string, samples: readonly number[], format: (value: number) => string = formatMs, target?: number): string[] {
  return [label, format(median(samples)), spread(samples, format), againstTarget(median(samples), target, format)];
}

const count = (value: number) => String(Math.round(value));

function failureRows(label: string, outcomes: readonly Outcome<unknown>[]): string[][] {
  return outcomes.flatMap((outcome, run) => (outcome.ok ? [] : [[`${label}: run ${run + 1} FAILED`, '', '', outcome.error.split('\n')[0]]]));
}

function rapidEditRows(options: ServerBenchOptions, outcomes: readonly Outcome<RapidEditRun>[]): string[][] {
  const runs = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : []));
  const title = `${options.edits.toLocaleString('en')} rapid edits to a ${options.editNote.label} note -> final diagnostics after the last edit`;
  const rows = failureRows(title, outcomes);
  if (runs.length === 0) return rows;
  const requests = runs[0].requests;
  return [
    figureRow(
      title,
      runs.map((r) => r.finalDiagnosticsMs),
      formatMs,
      serverTargets.rapidEditsMs,
    ),
    figureRow(
      '  first diagnostics after didOpen',
      runs.map((r) => r.firstDiagnosticsMs),
    ),
    figureRow(
      `  sending the edits and ${requests} requests`,
      runs.map((r) => r.sendingMs),
    ),
    figureRow(
      `  all ${requests} interleaved requests answered, after the last edit`,
      runs.map((r) => r.requestsAnsweredMs),
    ),
    figureRow(
      '  interleaved requests that failed',
      runs.map((r) => r.failedRequests),
      count,
    ),
    figureRow(
      '  publishes of superseded versions',
      runs.map((r) => r.supersededPublishes),
      count,
    ),
    figureRow(
      '  server RSS at the end',
      runs.map((r) => r.serverRss),
      formatBytes,
    ),
    ...(runs.every((r) => r.serverPeakRss !== undefined)
      ? [
          figureRow(
            '  server peak RSS (VmHWM)',
            runs.map((r) => r.serverPeakRss!),
            formatBytes,
          ),
        ]
      : []),
    ...rows,
  ];
}

function hoverRows(options: ServerBenchOptions, outcomes: readonly Outcome<HoverRun>[]): string[][] {
  const runs = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : []));
  const title = `hover on another note during a long analysis (${options.slowNote.label} note)`;
  const rows = failureRows(title, outcomes);
  if (runs.length === 0) return rows;
  return [
    figureRow(
      `${title}: max`,
      runs.map((r) => Math.max(...r.hoverMs)),
      formatMs,
      serverTargets.hoverDuringAnalysisMs,
    ),
    figureRow(
      '  median hover',
      runs.map((r) => median(r.hoverMs)),
      formatMs,
      serverTargets.hoverDuringAnalysisMs,
    ),
    figureRow(
      `  hovers answered during the analysis (one per >= ${options.hoverIntervalMs} ms)`,
      runs.map((r) => r.hoverMs.length),
      count,
    ),
    figureRow(
      '  hovers without a card',
      runs.map((r) => r.emptyHovers),
      count,
    ),
    figureRow(
      `  large note: didOpen -> diagnostics`,
      runs.map((r) => r.slowAnalysisMs),
    ),
    ...rows,
  ];
}

/** Measures and prints the language-server figures. Never throws on a slow or failed run: it reports it. */
export async function benchServer(options: ServerBenchOptions): Promise<void> {
  const rapid: Outcome<RapidEditRun>[] = [];
  const hover: Outcome<HoverRun>[] = [];
  for (let run = 0; run < options.runs; run++) rapid.push(await attempt(() => rapidEditRun(options, run)));
  for (let run = 0; run < options.runs; run++) hover.push(await attempt(() => hoverRun(options, run)));
  console.log(`\nLanguage server (dist/server.js over stdio, a fresh server per run; median of ${options.runs}; min-max over the runs)`);
  console.log(`  debounce: ${debounceDescription}`);
  console.log(`  interleaved with the edits: a semantic tokens and a code action request after every ${options.requestEvery}th edit, not awaited`);
  console.log(formatTable(['figure', 'median', 'min - max', 'verdict'], [...rapidEditRows(options, rapid), ...hoverRows(options, hover)]));
}
