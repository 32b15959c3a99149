import * as vscode from 'vscode';

/** The walkthrough's note, shipped with the extension; opened as an unsaved copy, so trying a fix changes nothing on disk. */
const sampleNotePath = 'docs/walkthrough/sample-note.md';

/** What each step's button shows in the sample note: the word it goes to and the editor action it runs there. */
const stepTargets = {
  card: { word: 'letrozole', action: 'editor.action.showHover' },
  fix: { word: 'anastrazole', action: 'editor.action.quickFix' },
  word: { word: 'letrozine', action: 'editor.action.quickFix' },
} as const;
export type WalkthroughStep = keyof typeof stepTargets;

function isSampleNote(document: vscode.TextDocument, sample: string): boolean {
  return document.isUntitled && document.languageId === 'markdown' && document.getText().startsWith(sample.slice(0, sample.indexOf('\n')));
}

async function sampleText(extensionUri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, sampleNotePath)));
}

/** Opens the sample note beside the walkthrough (or shows the copy already open). */
export async function openSampleNote(extensionUri: vscode.Uri): Promise<vscode.TextEditor> {
  const sample = await sampleText(extensionUri);
  const open = vscode.workspace.textDocuments.find((d) => isSampleNote(d, sample));
  const document = open ?? (await vscode.workspace.openTextDocument({ language: 'markdown', content: sample }));
  return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
}

/** A step's button: puts the cursor on the step's word in the sample note and runs the step's action there. */
export async function showWalkthroughStep(extensionUri: vscode.Uri, step: unknown): Promise<void> {
  const target = stepTargets[step as WalkthroughStep];
  if (!target) throw new Error(`biolens: no walkthrough step '${String(step)}'`);
  const editor = await openSampleNote(extensionUri);
  const offset = editor.document.getText().indexOf(target.word);
  if (offset < 0) return;
  const start = editor.document.positionAt(offset + 1);
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await vscode.commands.executeCommand(target.action);
}
