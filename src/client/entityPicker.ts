import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { entitiesRequest, type EntitySummary } from '../server/protocol';

/** *Show Entities*: every entity of the note with its mentions, as a pick list; choosing a mention selects it. */
export async function showEntityPicker(client: BaseLanguageClient, editor: vscode.TextEditor): Promise<void> {
  const entities = await client.sendRequest<EntitySummary[]>(entitiesRequest, { uri: client.code2ProtocolConverter.asUri(editor.document.uri) });
  type Item = vscode.QuickPickItem & { range?: vscode.Range };
  const items: Item[] = [];
  for (const entity of entities) {
    items.push({ label: `${entity.canonical} (${entity.kind}, ${entity.id})`, kind: vscode.QuickPickItemKind.Separator });
    for (const mention of entity.mentions) {
      const range = client.protocol2CodeConverter.asRange(mention.range);
      items.push({ label: mention.text, description: `${entity.kind} ${entity.canonical}`, detail: `line ${range.start.line + 1}`, range });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('biolens: no drugs, genes or biomarkers recognised in this note.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'biolens: entities in this note',
    matchOnDescription: true,
    placeHolder: 'Type to filter; Enter jumps to the mention',
  });
  if (picked?.range) {
    editor.selection = new vscode.Selection(picked.range.start, picked.range.end);
    editor.revealRange(picked.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
