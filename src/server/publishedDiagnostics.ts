import type { Diagnostic } from 'vscode-languageserver';

/**
 * What was last published for each open note, so that a note checked again at the same version
 * with the same findings (a dictionary or a setting changed, and nothing it shows did) is not
 * published again: each publish makes the editor recompute its markers, and a quick-fix menu
 * being opened meanwhile then says no actions are available. A new version is always published,
 * so a client waiting for an edit's diagnostics always gets them.
 */
export class PublishedDiagnostics {
  private readonly last = new Map<string, { version: number | undefined; diagnostics: readonly Diagnostic[] }>();

  /** Whether these diagnostics are news for the note (and if so, they are now its last published). */
  changed(uri: string, version: number | undefined, diagnostics: readonly Diagnostic[]): boolean {
    const last = this.last.get(uri);
    // Compared only on a re-check of the same version: an edit's publish costs no comparison.
    if (last && last.version === version && sameDiagnostics(last.diagnostics, diagnostics)) return false;
    this.last.set(uri, { version, diagnostics });
    return true;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
