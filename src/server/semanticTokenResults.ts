import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit } from 'vscode-languageserver';

/**
 * The semantic tokens last sent for each open document, so that the next request after an edit
 * can be answered with the difference (LSP's `semanticTokens/full/delta`): a keystroke in a 1 MB
 * note moves a few tokens, and the full array of tens of thousands of numbers need not be
 * serialised, sent and parsed again. One difference per answer: the stretch between the common
 * start and the common end of the two arrays.
 */
export class SemanticTokenResults {
  private readonly last = new Map<string, { resultId: string; data: readonly number[] }>();
  private issued = 0;

  /** The full tokens of a document, remembered for its next delta request. */
  full(uri: string, data: number[]): SemanticTokens {
    const resultId = this.remember(uri, data);
    return { resultId, data };
  }

  /** The tokens as edits of those sent with `previousResultId`, or in full when those are not the ones remembered. */
  delta(uri: string, previousResultId: string, data: number[]): SemanticTokens | SemanticTokensDelta {
    const previous = this.last.get(uri);
    if (!previous || previous.resultId !== previousResultId) return this.full(uri, data);
    const resultId = this.remember(uri, data);
    return { resultId, edits: differenceOf(previous.data, data) };
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }

  private remember(uri: string, data: readonly number[]): string {
    const resultId = String(++this.issued);
    this.last.set(uri, { resultId, data });
    return resultId;
  }
}

/** The edits (none, or one) that turn `before` into `after`. */
export function differenceOf(before: readonly number[], after: readonly number[]): SemanticTokensEdit[] {
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before[start] === after[start]) start++;
  if (start === before.length && start === after.length) return [];
  let end = 0;
  while (end < limit - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return [{ start, deleteCount: before.length - start - end, data: after.slice(start, after.length - end) }];
}
