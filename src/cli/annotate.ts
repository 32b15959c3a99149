import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BiolensSettings, LanguageService } from '../core';
import { startService } from './service';
import { neverCancelled } from '../core/types';
import type { OutputFormat } from './args';
import { loadNote, type NoteFile } from './files';
import { entityRecords, formatEntitiesJson, formatEntitiesJsonLines, formatEntitiesText, type EntityRecord } from './format';

/**
 * `biolens annotate`: the mentions of each note, printed in the notes' order. With more than
 * one job the notes are read and analysed on worker threads (annotateWorker.ts), each with its
 * own language service, and each note's output is held back until every note before it is out,
 * so the output is the same whatever the number of jobs. Text and JSON lines are streamed note
 * by note; JSON, one array, is printed at the end.
 */

/** One note's mentions, or why there are none. */
export interface AnnotatedNote {
  readonly records: EntityRecord[];
  /** Whole lines for stderr (warnings and errors about this note), printed in its turn. */
  readonly messages: string[];
  readonly outcome: 'annotated' | 'failed' | 'skipped';
}

/** Reads and analyses one note; a problem with it is reported in its messages, never thrown. */
export async function annotateNote(note: NoteFile, service: LanguageService): Promise<AnnotatedNote> {
  const messages: string[] = [];
  const loaded = loadNote(note, (line) => messages.push(line));
  if (typeof loaded === 'string') return { records: [], messages, outcome: loaded };
  const document = { uri: pathToFileURL(note.absolutePath).href, version: 1, text: loaded.content.text };
  try {
    const analysis = await service.analyze(document, neverCancelled);
    return { records: entityRecords(note.displayPath, document.text, analysis), messages, outcome: 'annotated' };
  } catch (error) {
    messages.push(`biolens: cannot annotate '${note.displayPath}': ${error instanceof Error ? error.message : String(error)}\n`);
    return { records: [], messages, outcome: 'failed' };
  }
}

/** What a worker is started with. */
export interface AnnotateWorkerInit {
  readonly dataDir: string;
  readonly settings: BiolensSettings;
}

/** Main thread → worker: annotate this note. */
export interface AnnotateRequest {
  readonly index: number;
  readonly note: NoteFile;
}

/** Worker → main thread. */
export type AnnotateReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'start-failed'; readonly reason: string }
  | { readonly kind: 'annotated'; readonly index: number; readonly result: AnnotatedNote };

/** The worker script beside this module: the bundle in dist/, or the source when run through tsx. */
const workerScript = path.join(__dirname, __filename.endsWith('.ts') ? 'annotateWorker.ts' : 'annotateWorker.js');

/** A note that could not be annotated, with the reason as its one message. */
export const failedNote = (note: NoteFile, reason: string): AnnotatedNote => ({
  records: [],
  messages: [`biolens: cannot annotate '${note.displayPath}': ${reason}\n`],
  outcome: 'failed',
});

/**
 * Annotates the notes on `jobs` worker threads and hands each result to `emit` in note order.
 * Returns a reason when the workers could not start (the vocabulary would not load). A worker
 * that dies fails only the note it was on; the others go on with the rest.
 */
function annotateOnWorkers(
  notes: readonly NoteFile[],
  jobs: number,
  init: AnnotateWorkerInit,
  emit: (result: AnnotatedNote) => void,
): Promise<string | undefined> {
  const results = new Map<number, AnnotatedNote>();
  let nextToEmit = 0;
  let nextToSend = 0;
  const settle = (index: number, result: AnnotatedNote) => {
    results.set(index, result);
    for (let ready = results.get(nextToEmit); ready !== undefined; ready = results.get(nextToEmit)) {
      results.delete(nextToEmit++);
      emit(ready);
    }
  };
  return new Promise((resolve) => {
    const workers = new Set<Worker>();
    let startFailure: string | undefined;
    const finish = () => {
      // Notes no worker was left to take (every worker died): failed, not silently dropped.
      if (startFailure === undefined)
        while (nextToSend < notes.length) settle(nextToSend, failedNote(notes[nextToSend++], 'no worker thread was left to read it'));
      resolve(startFailure);
    };
    for (let job = 0; job < jobs; job++) {
      const worker = new Worker(workerScript, { workerData: init });
      workers.add(worker);
      let current: number | undefined;
      const sendNext = () => {
        if (startFailure !== undefined || nextToSend >= notes.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        current = nextToSend++;
        worker.postMessage({ index: current, note: notes[current] } satisfies AnnotateRequest);
      };
      worker.on('message', (reply: AnnotateReply) => {
        if (reply.kind === 'start-failed') {
          startFailure ??= reply.reason;
          for (const each of workers) void each.terminate();
        } else if (reply.kind === 'annotated') {
          current = undefined;
          settle(reply.index, reply.result);
          sendNext();
        } else sendNext();
      });
      worker.on('error', (error) => {
        if (current !== undefined) settle(current, failedNote(notes[current], `its worker thread failed: ${error.message}`));
        current = undefined;
      });
      worker.on('exit', () => {
        if (current !== undefined) settle(current, failedNote(notes[current], 'its worker thread stopped'));
        workers.delete(worker);
        if (workers.size === 0) finish();
      });
    }
  });
}

export interface AnnotateRun {
  readonly notes: readonly NoteFile[];
  readonly format: OutputFormat;
  /** Worker threads (default: the CPU count); one, or a single note, runs in this thread. */
  readonly jobs?: number;
  readonly dataDir: string;
  readonly settings: BiolensSettings;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Prints the mentions of every note; resolves whether a note failed, or the reason nothing could start. */
export async function runAnnotate(run: AnnotateRun): Promise<{ failed: boolean } | string> {
  const all: EntityRecord[] = [];
  let failed = false;
  const emit = (result: AnnotatedNote) => {
    for (const message of result.messages) run.stderr(message);
    failed ||= result.outcome === 'failed';
    if (run.format === 'json') for (const record of result.records) all.push(record);
    else run.stdout(run.format === 'jsonl' ? formatEntitiesJsonLines(result.records) : formatEntitiesText(result.records));
  };
  const jobs = Math.min(run.jobs ?? availableParallelism(), run.notes.length);
  if (jobs > 1) {
    const failure = await annotateOnWorkers(run.notes, jobs, { dataDir: run.dataDir, settings: run.settings }, emit);
    if (failure !== undefined) return failure;
  } else if (run.notes.length > 0) {
    const service = await startService(run.dataDir, run.settings, (note) => run.stderr(`biolens: ${note}\n`));
    if (typeof service === 'string') return service;
    for (const note of run.notes) emit(await annotateNote(note, service));
  }
  if (run.format === 'json') run.stdout(formatEntitiesJson(all));
  return { failed };
}
