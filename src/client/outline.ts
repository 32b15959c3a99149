import * as vscode from 'vscode';
import { DocumentSymbolRequest, type BaseLanguageClient, type DocumentSymbol as LspDocumentSymbol } from 'vscode-languageclient';
import { outlineGroupLabel } from '../server/protocol';

/**
 * The Outline's biolens group, after the Markdown headings. VS Code orders the groups of an
 * Outline by how well each provider's selector matches the document, newest first among equals;
 * the Markdown extension's selector names the language (score 10), and so would the language
 * client's, which starts later and would come first. A selector of every language scores 5, so
 * the headings come first; documents biolens does not check get no symbols (and no request).
 * The server still decides what the group holds (`biolens.outline.entities`).
 */
export function registerEntityOutline(client: BaseLanguageClient, checks: (document: vscode.TextDocument) => boolean): vscode.Disposable {
  const provider: vscode.DocumentSymbolProvider = {
    async provideDocumentSymbols(document, token) {
      if (!checks(document)) return undefined;
      const params = { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } };
      const symbols = (await client.sendRequest(DocumentSymbolRequest.type, params, token)) as LspDocumentSymbol[] | null;
      return symbols ? client.protocol2CodeConverter.asDocumentSymbols(symbols, token) : undefined;
    },
  };
  return vscode.languages.registerDocumentSymbolProvider({ language: '*' }, provider, { label: outlineGroupLabel });
}
