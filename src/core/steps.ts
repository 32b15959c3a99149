/**
 * Long computations written as generators that yield at safe points (between markdown blocks,
 * between runs of prose, between words). The same code then runs straight through for the CLI
 * and in short slices for the language server, whose single thread must keep answering hovers
 * and notice newer versions while a long note is analysed.
 */
import { neverCancelled, throwIfCancelled, type CancellationToken } from './types';

/** A computation that may pause wherever it yields; its return value is the result. */
export type Steps<T> = Generator<void, T, void>;

/** Gives the host's event loop a turn: `setImmediate` in Node, a zero timeout or a message elsewhere. */
export type YieldToHost = () => Promise<void>;

/** Runs steps to the end without pausing, checking the token at each step (throws CancelledError). */
export function runToEnd<T>(steps: Steps<T>, token: CancellationToken = neverCancelled): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    throwIfCancelled(token);
  }
}

/** How long a slice runs before the host gets a turn: short enough that a hover never waits long. */
export const defaultSliceMs = 8;

/**
 * Runs steps in slices of about `sliceMs`, giving the host a turn between slices and checking the
 * token after each turn (a newer version of the document cancels it): throws CancelledError then.
 */
export async function runInSlices<T>(steps: Steps<T>, token: CancellationToken, yieldToHost: YieldToHost, sliceMs = defaultSliceMs): Promise<T> {
  // The host gets a turn before any work too: in a burst of edits the next one is usually already
  // waiting, and it makes this analysis stale before it costs anything.
  await yieldToHost();
  throwIfCancelled(token);
  let sliceStart = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    await yieldToHost();
    throwIfCancelled(token);
    sliceStart = performance.now();
  }
}
