/**
 * The biolens language server. Any LSP client starts it as `node dist/server.js --stdio`; the
 * VS Code extension starts it over IPC. The vocabulary is read from `data/` beside `dist/`.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
const root = path.join(__dirname, '..');
startServer(connection, { defaultDataDir: path.join(root, 'data'), docsUri: pathToFileURL(path.join(root, 'README.md')).href });
connection.listen();
