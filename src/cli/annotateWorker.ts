/**
 * A worker thread of `biolens annotate --jobs N` (see annotate.ts): loads the vocabulary once,
 * then annotates the notes the main thread sends, one at a time, and posts each result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { annotateNote, failedNote, type AnnotateReply, type AnnotateRequest, type AnnotateWorkerInit } from './annotate';
import { startService } from './service';

async function serve(port: NonNullable<typeof parentPort>, init: AnnotateWorkerInit): Promise<void> {
  const reply = (message: AnnotateReply) => port.postMessage(message);
  const service = await startService(init.dataDir, init.settings);
  if (typeof service === 'string') {
    reply({ kind: 'start-failed', reason: service });
    return;
  }
  // One note at a time: the main thread sends the next when this one's result is back.
  port.on('message', (request: AnnotateRequest) => {
    annotateNote(request.note, service).then(
      (result) => reply({ kind: 'annotated', index: request.index, result }),
      // annotateNote reports a note's problems itself; anything else still fails only this note.
      (error: unknown) => reply({ kind: 'annotated', index: request.index, result: failedNote(request.note, String(error)) }),
    );
  });
  reply({ kind: 'ready' });
}

if (!parentPort) throw new Error('annotateWorker runs as a worker thread of biolens annotate');
void serve(parentPort, workerData as AnnotateWorkerInit);
