import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toDiagnostic } from './convert';
import type { CheckDocumentsParams, CheckDocumentsResult } from './protocol';
import type { DocumentScope } from './server';

/**
 * Notes checked by `biolens/checkDocuments` (Check All Notes) that are not open in the editor:
 * their diagnostics are published as for open ones, and they are re-checked when settings or
 * dictionaries change, until they are opened.
 */
export class ClosedNotes {
  private readonly notes = new Map<string, TextDocument>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly scopeOf: (document: TextDocument) => Promise<DocumentScope | undefined>,
    private readonly findingPagesUri: string | undefined,
  ) {}

  /** The note was opened: its open copy's diagnostics take over. */
  opened(uri: string): void {
    this.notes.delete(uri);
  }

  all(): IterableIterator<TextDocument> {
    return this.notes.values();
  }

  /** Checks each note (open ones as they are in the editor) and counts the findings. */
  async check(params: CheckDocumentsParams, token: CancellationToken): Promise<CheckDocumentsResult> {
    let findings = 0;
    let checked = 0;
    for (const item of params.documents) {
      if (token.isCancellationRequested) break;
      const open = this.documents.get(item.uri);
      if (open) {
        const scope = await this.scopeOf(open);
        if (scope) findings += (await scope.service.analyze(scope.input, token)).findings.length;
      } else {
        const document = TextDocument.create(item.uri, item.languageId ?? 'markdown', 0, item.text);
        this.notes.set(item.uri, document);
        findings += await this.publish(document, token);
      }
      checked++;
    }
    return { documents: checked, findings };
  }

  /** Analyses a closed note and publishes its diagnostics; returns how many findings it has. */
  async publish(document: TextDocument, token: CancellationToken): Promise<number> {
    const scope = await this.scopeOf(document);
    const findings = scope ? (await scope.service.analyze(scope.input, token)).findings : [];
    if (this.documents.get(document.uri)) return findings.length; // opened meanwhile: the open copy's diagnostics win
    await this.connection.sendDiagnostics({ uri: document.uri, diagnostics: findings.map((f) => toDiagnostic(document, f, this.findingPagesUri)) });
    return findings.length;
  }
}
