import { CancellationTokenSource, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What to do for a document once its debounce has passed: analyse and publish, unless cancelled. */
export type PublishDiagnostics = (uri: string, token: CancellationToken) => Promise<void>;

/**
 * When each open document is re-analysed: after a pause in typing (the debounce), and never two
 * analyses of one document at once — a newer edit cancels the pending or running one, which the
 * sliced analysis notices at its next pause.
 */
export class DiagnosticsScheduler {
  /** Milliseconds to wait after an edit before re-analysing. */
  debounceMs = 100;
  private readonly pending = new Map<string, PendingAnalysis>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly publish: PublishDiagnostics,
  ) {}

  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  /**
   * Resolves once the document has no analysis waiting or running. Requests (hover, code actions,
   * semantic tokens) wait here while the writer types, instead of each starting an analysis of a
   * version that the next keystroke makes stale; afterwards they find that analysis cached.
   */
  async settled(uri: string): Promise<void> {
    for (let entry = this.pending.get(uri); entry; entry = this.pending.get(uri)) await entry.finished;
  }

  /** Cancels the document's pending or running analysis. */
  cancel(uri: string): void {
    const entry = this.pending.get(uri);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.source.cancel();
    entry.source.dispose();
    this.pending.delete(uri);
    entry.finish();
  }

  /** Re-analyses a document after `delay` ms; a newer call for the same document cancels this one. */
  schedule(uri: string, delay = this.debounceMs): void {
    this.cancel(uri);
    const entry = new PendingAnalysis();
    const source = entry.source;
    const done = (): void => {
      if (this.pending.get(uri) === entry) this.pending.delete(uri);
      entry.finish();
    };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (!this.documents.get(uri)) return done();
      this.publish(uri, source.token).then(done, (error: unknown) => {
        done();
        this.connection.console.error(`biolens: analysing ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    }, delay);
    this.pending.set(uri, entry);
  }
}

/** One scheduled analysis: its debounce timer, its cancellation, and a promise of its end. */
class PendingAnalysis {
  timer: NodeJS.Timeout | undefined;
  readonly source = new CancellationTokenSource();
  finish: () => void = () => {};
  readonly finished = new Promise<void>((resolve) => {
    this.finish = resolve;
  });
}
