/**
 * The biolens extension in VS Code's Node extension host (`main`): the language server is
 * dist/server.js, started over IPC, reading the vocabulary from the extension's data/ folder.
 * Everything else is shared with the browser entry, in extension.ts.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../server/protocol';
import { activateBiolens, type BiolensApi } from './extension';

export type { BiolensApi } from './extension';

export function activate(context: vscode.ExtensionContext): BiolensApi {
  return activateBiolens(context, {
    kind: 'node',
    createClient(options) {
      const serverModule = context.asAbsolutePath('dist/server.js');
      const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--enable-source-maps'] } },
      };
      const initializationOptions: InitializationOptions = {
        ...(options.initializationOptions as InitializationOptions),
        dataDir: context.asAbsolutePath('data'),
      };
      return Promise.resolve({ client: new LanguageClient('biolens', 'biolens', serverOptions, { ...options, initializationOptions }) });
    },
  });
}

export function deactivate(): void {
  // The extension's disposables (registered in activate) stop the client.
}
