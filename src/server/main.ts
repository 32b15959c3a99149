/**
 * The biolens language server. Any LSP client starts it as `node dist/server.js --stdio`; the
 * VS Code extension starts it over IPC. The vocabulary is read from `data/` beside `dist/`.
 * (The browser build of the same server is browserMain.ts.)
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeServerOptions } from './nodeHost';
import { findingPagesFolder } from './protocol';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
const root = path.join(__dirname, '..');
startServer(
  connection,
  nodeServerOptions({ defaultDataDir: path.join(root, 'data'), findingPagesUri: pathToFileURL(path.join(root, findingPagesFolder)).href }),
);
connection.listen();
