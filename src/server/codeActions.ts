import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isSafeUnattended } from '../core/fixes/fixes';
import type { Finding, Fix, TextEdit } from '../core/types';
import { sameFinding, toDiagnostic, toRange } from './convert';
import { addToDictionaryCommand, fixAllKind } from './protocol';
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
  /** Linked from each diagnostic's code. */
  readonly docsUri?: string;
  /** The client resolves an action's edit on demand (codeAction.resolveSupport has 'edit'). */
  readonly resolvable: boolean;
}

/** The quick fixes for the findings in the requested range, and the fix-all source action. */
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
    for (const finding of findings) {
      if (finding.end < start || finding.start > end) continue;
      const published = params.context.diagnostics.filter((d) => sameFinding(document, d, finding));
      const diagnostics = published.length > 0 ? published : [toDiagnostic(document, finding, options.docsUri)];
      for (const fix of await service.fixes(input, finding, token)) actions.push(quickFix(document, finding, fix, diagnostics, options.resolvable));
    }
  }
  if (wants(fixAllKind)) {
    const all = await fixAllAction(scope, findings, token, options.resolvable);
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

function quickFix(document: TextDocument, finding: Finding, fix: Fix, diagnostics: Diagnostic[], resolvable: boolean): CodeAction {
  const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics };
  if (fix.preferred) action.isPreferred = true;
  if (fix.kind === 'add-to-dictionary' && fix.dictionaryWord !== undefined) {
    const args = fix.dictionaryReason ? [document.uri, fix.dictionaryWord, fix.dictionaryReason] : [document.uri, fix.dictionaryWord];
    action.command = { title: fix.title, command: addToDictionaryCommand, arguments: args };
  } else if (fix.kind === 'replace-all' && resolvable) {
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

/** One action applying every fix that is safe unattended (see Fix.safe); none when there is none. */
async function fixAllAction(
  scope: DocumentScope,
  findings: readonly Finding[],
  token: CancellationToken,
  resolvable: boolean,
): Promise<CodeAction | undefined> {
  const count = findings.filter(isSafeUnattended).length;
  if (count === 0) return undefined;
  const title = `Fix ${count} unambiguous drug-name spelling${count === 1 ? '' : 's'} (biolens)`;
  const action: CodeAction = { title, kind: fixAllKind };
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
