/**
 * The biolens language server. Any LSP client starts it as `node dist/server.js --stdio`; the
 * VS Code extension starts it over IPC. The vocabulary is read from `data/` beside `dist/`.
 */
import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { defaultDataDir: path.join(__dirname, '..', 'data') });
connection.listen();
