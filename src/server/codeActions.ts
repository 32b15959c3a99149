import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isSafeUnattended } from '../core/fixes/fixes';
import type { Finding, Fix, TextEdit } from '../core/types';
import { sameFinding, toDiagnostic, toRange } from './convert';
import { addToDictionaryCommand, addToDictionaryWithReasonCommand, fixAllInFileKind, fixAllKind, type DictionaryTarget } from './protocol';
import type { DocumentScope } from './server';

/**
 * What a code action sent without its edit carries, so that `codeAction/resolve` can compute the
 * edit when the writer chooses it: a replace-all or a fix-all may touch thousands of places, and
 * computing them for every quick-fix menu would cost seconds and megabytes.
 */
export interface ResolvableActionData {
  readonly uri: string;
  readonly version: number;
  readonly fix:
    { readonly kind: 'fix-all' } | { readonly kind: 'finding'; readonly start: number; readonly end: number; readonly code: string; readonly title: string };
}

export interface CodeActionOptions {
  /** The folder of finding pages linked from each diagnostic's code. */
  readonly findingPagesUri?: string;
  /** The client resolves an action's edit on demand (codeAction.resolveSupport has 'edit'). */
  readonly resolvable: boolean;
  /** The server knows the user's dictionary: offer adding a word there too. */
  readonly userDictionary?: boolean;
  /** The client asks for a reason when a word is added (addToDictionaryWithReasonCommand). */
  readonly reasonPrompt?: boolean;
}

/**
 * The quick fixes for the findings in the requested range (with *Fix all biolens problems in
 * this file* beside them), and the fix-all source action.
 */
export async function codeActionsFor(
  scope: DocumentScope,
  params: CodeActionParams,
  token: CancellationToken,
  options: CodeActionOptions,
): Promise<CodeAction[]> {
  const { document, input, service } = scope;
  const { findings } = await service.analyze(input, token);
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const start = document.offsetAt(params.range.start);
    const end = document.offsetAt(params.range.end);
    let anyHere = false;
    for (const finding of findings) {
      if (finding.end < start || finding.start > end) continue;
      anyHere = true;
      const published = params.context.diagnostics.filter((d) => sameFinding(document, d, finding));
      const diagnostics = published.length > 0 ? published : [toDiagnostic(document, finding, options.findingPagesUri)];
      for (const fix of await service.fixes(input, finding, token)) {
        for (const action of quickFixes(document, finding, fix, diagnostics, options)) actions.push(action);
      }
    }
    if (anyHere && wants(fixAllInFileKind)) {
      const all = await fixAllAction(scope, findings, token, options.resolvable, fixAllInFileKind);
      if (all) actions.push(all);
    }
  }
  if (wants(fixAllKind)) {
    const all = await fixAllAction(scope, findings, token, options.resolvable, fixAllKind);
    if (all) actions.push(all);
  }
  return actions;
}

/** Fills in the edit of an action sent without one; a stale or unknown action comes back as it was. */
export async function resolveCodeAction(scope: DocumentScope, action: CodeAction, data: ResolvableActionData, token: CancellationToken): Promise<CodeAction> {
  const { document, input, service } = scope;
  if (data.fix.kind === 'fix-all') return { ...action, edit: versionedEdit(document, await service.safeFixEdits(input, token)) };
  const { start, end, code, title } = data.fix;
  const finding = (await service.analyze(input, token)).findings.find((f) => f.start === start && f.end === end && f.code === code);
  const fix = finding && (await service.fixes(input, finding, token)).find((f) => f.title === title);
  return fix ? { ...action, edit: versionedEdit(document, fix.edits) } : action;
}

/** The actions of one fix: one, or for adding a word, one per dictionary it can go to. */
function quickFixes(document: TextDocument, finding: Finding, fix: Fix, diagnostics: Diagnostic[], options: CodeActionOptions): CodeAction[] {
  if (fix.kind !== 'add-to-dictionary' || fix.dictionaryWord === undefined) return [quickFix(document, finding, fix, diagnostics, options.resolvable)];
  const word = fix.dictionaryWord;
  const command = options.reasonPrompt ? addToDictionaryWithReasonCommand : addToDictionaryCommand;
  const targets: { target: DictionaryTarget; title: string }[] = [{ target: 'workspace', title: fix.title }];
  if (options.userDictionary) targets.push({ target: 'user', title: `Add '${word}' to your user dictionary` });
  return targets.map(({ target, title }) => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    command: { title, command, arguments: [document.uri, word, fix.dictionaryReason ?? null, target] },
  }));
}

function quickFix(document: TextDocument, finding: Finding, fix: Fix, diagnostics: Diagnostic[], resolvable: boolean): CodeAction {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics };
  if (fix.preferred) action.isPreferred = true;
  if (fix.kind === 'replace-all' && resolvable) {
    const data: ResolvableActionData = {
      uri: document.uri,
      version: document.version,
      fix: { kind: 'finding', start: finding.start, end: finding.end, code: finding.code, title: fix.title },
    };
    action.data = data;
  } else {
    action.edit = versionedEdit(document, fix.edits);
  }
  return action;
}

/**
 * One action applying every fix that is safe unattended (see Fix.safe), through safeFixEdits;
 * none when there is none. As the source action (`fixAllKind`) or in the quick-fix menu.
 */
async function fixAllAction(
  scope: DocumentScope,
  findings: readonly Finding[],
  token: CancellationToken,
  resolvable: boolean,
  kind: typeof fixAllKind | typeof fixAllInFileKind,
): Promise<CodeAction | undefined> {
  const count = findings.filter(isSafeUnattended).length;
  if (count === 0) return undefined;
  const title =
    kind === fixAllKind
      ? `Fix ${count} unambiguous drug-name spelling${count === 1 ? '' : 's'} (biolens)`
      : `Fix all biolens problems in this file (${count} safe spelling fix${count === 1 ? '' : 'es'})`;
  const action: CodeAction = { title, kind };
  if (resolvable) {
    const data: ResolvableActionData = { uri: scope.document.uri, version: scope.document.version, fix: { kind: 'fix-all' } };
    action.data = data;
  } else {
    action.edit = versionedEdit(scope.document, await scope.service.safeFixEdits(scope.input, token));
  }
  return action;
}

function versionedEdit(document: TextDocument, edits: readonly TextEdit[]): WorkspaceEdit {
  return {
    // Versioned, so an editor refuses the edit once the document has changed since.
    documentChanges: [
      {
        textDocument: { uri: document.uri, version: document.version },
        edits: edits.map((e) => ({ range: toRange(document, e), newText: e.newText })),
      },
    ],
  };
}
