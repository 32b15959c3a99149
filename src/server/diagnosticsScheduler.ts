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
  debounceMs = 150;
  private readonly pending = new Map<string, { timer: NodeJS.Timeout | undefined; source: CancellationTokenSource }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly publish: PublishDiagnostics,
  ) {}

  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  /** Cancels the document's pending or running analysis. */
  cancel(uri: string): void {
    const entry = this.pending.get(uri);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.source.cancel();
    entry.source.dispose();
    this.pending.delete(uri);
  }

  /** Re-analyses a document after `delay` ms; a newer call for the same document cancels this one. */
  schedule(uri: string, delay = this.debounceMs): void {
    this.cancel(uri);
    const source = new CancellationTokenSource();
    const entry = { timer: undefined as NodeJS.Timeout | undefined, source };
    const done = (): void => {
      if (this.pending.get(uri) === entry) this.pending.delete(uri);
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
