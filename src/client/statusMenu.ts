import * as vscode from 'vscode';
import { diagnosticSource } from '../server/protocol';
import { commandIds } from './commands';

/** Where the language server is, as the status item shows it. */
export type ServerState = 'absent' | 'starting' | 'running' | 'stopped';

/** The biolens diagnostics of a document. */
export function biolensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === diagnosticSource);
}

/** Whether biolens is turned on for a document (`biolens.enable`, any scope). */
export function enabledFor(document: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('biolens', document.uri).get<boolean>('enable') !== false;
}

/**
 * The status-bar item: shown only while the active editor holds a note biolens checks (not on a
 * Settings tab, an output or another language); a click opens the menu below.
 */
export class BiolensStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('biolens.status', vscode.StatusBarAlignment.Right, 100);

  constructor(
    private readonly serverState: () => ServerState,
    private readonly checks: (document: vscode.TextDocument) => boolean,
  ) {
    this.item.name = 'biolens';
    this.item.command = commandIds.statusMenu;
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const state = this.serverState();
    if (!document || !this.checks(document) || state === 'absent') {
      this.item.hide();
      return;
    }
    if (state === 'starting') {
      this.show('$(sync~spin) biolens', 'biolens: starting the language server');
    } else if (state === 'stopped') {
      this.show('$(error) biolens', 'biolens: the language server stopped; click for the menu');
    } else if (!enabledFor(document)) {
      this.show('$(circle-slash) biolens: off', 'biolens is turned off here; click to turn it on');
    } else {
      const count = biolensDiagnostics(document.uri).length;
      this.show(
        count > 0 ? `$(warning) biolens: ${count}` : '$(check) biolens',
        `biolens: ${count} finding${count === 1 ? '' : 's'} in this note; click for the menu`,
      );
    }
  }

  private show(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The menu a click on the status item opens. */
export async function showStatusMenu(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const enabled = document ? enabledFor(document) : true;
  const count = document ? biolensDiagnostics(document.uri).length : 0;
  const items: (vscode.QuickPickItem & { run: () => Thenable<unknown> })[] = [
    { label: `$(warning) Findings in this note`, description: `${count}`, run: () => vscode.commands.executeCommand(commandIds.showFindings) },
    { label: '$(symbol-class) Entities in this note', run: () => vscode.commands.executeCommand(commandIds.showEntities) },
    enabled
      ? { label: '$(circle-slash) Turn biolens off for this workspace', run: () => vscode.commands.executeCommand(commandIds.turnOffForWorkspace) }
      : { label: '$(check) Turn biolens on for this workspace', run: () => vscode.commands.executeCommand(commandIds.turnOnForWorkspace) },
    { label: '$(gear) Open biolens settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:biolens.biolens') },
    { label: '$(output) Show output', run: () => vscode.commands.executeCommand(commandIds.showOutput) },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'biolens', placeHolder: 'What to do with biolens in this note' });
  await picked?.run();
}

/** `biolens.enable` for the workspace (the user settings when no folder is open). */
export function setEnabledForWorkspace(enabled: boolean): Thenable<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const configuration = vscode.workspace.getConfiguration('biolens');
  // Turning on clears the workspace's `false`, unless the user settings turn biolens off.
  const on = configuration.inspect<boolean>('enable')?.globalValue === false ? true : undefined;
  return configuration.update('enable', enabled ? on : false, target);
}

const severityIcons: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: '$(error)',
  [vscode.DiagnosticSeverity.Warning]: '$(warning)',
  [vscode.DiagnosticSeverity.Information]: '$(info)',
  [vscode.DiagnosticSeverity.Hint]: '$(lightbulb)',
};

/** The biolens findings of the active note as a pick list; choosing one selects its word. */
export async function showFindings(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('biolens: open a note first.');
    return;
  }
  const diagnostics = biolensDiagnostics(editor.document.uri).sort((a, b) => a.range.start.compareTo(b.range.start));
  if (diagnostics.length === 0) {
    void vscode.window.showInformationMessage('biolens: no findings in this note.');
    return;
  }
  const items = diagnostics.map((d) => ({
    label: `${severityIcons[d.severity]} ${editor.document.getText(d.range)}`,
    description: `${typeof d.code === 'object' ? d.code.value : (d.code ?? '')} · line ${d.range.start.line + 1}`,
    detail: d.message,
    range: d.range,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'biolens: findings in this note', matchOnDetail: true });
  if (picked) {
    editor.selection = new vscode.Selection(picked.range.start, picked.range.end);
    editor.revealRange(picked.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
