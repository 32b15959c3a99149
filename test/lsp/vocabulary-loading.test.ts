import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-languageserver-protocol/node';
import type { Hover, PublishDiagnosticsParams, ShowMessageParams } from 'vscode-languageserver-protocol';
import { startServer, type LoadedVocabulary, type ServerOptions } from '../../src/server/server';
import { nodeServerOptions } from '../../src/server/nodeHost';
import { noDictionaries } from '../../src/server/workspaceDictionaries';
import { realVocabulary } from '../helpers/vocabularies';
import { settleable } from '../../src/core/util/settleable';

// The browser's worker answers initialize while its vocabulary files are still downloading, so
// the handshake and the editor's didOpen overlap the downloads; what the editor asks meanwhile is
// answered once the vocabulary is in. The Node server still loads before it answers.

interface InProcessServer {
  readonly client: MessageConnection;
  readonly published: PublishDiagnosticsParams[];
  readonly messages: ShowMessageParams[];
  initialize(): Promise<unknown>;
  close(): void;
}

/** The server of server.ts in this process, over a pair of pipes, with the host's parts given. */
function inProcessServer(options: ServerOptions): InProcessServer {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, options);
  server.listen();
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const messages: ShowMessageParams[] = [];
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => void published.push(params));
  client.onNotification('window/showMessage', (params: ShowMessageParams) => void messages.push(params));
  client.onNotification('window/logMessage', () => {});
  client.listen();
  return {
    client,
    published,
    messages,
    initialize: () =>
      client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } }).then(async (result) => {
        await client.sendNotification('initialized', {});
        return result;
      }),
    close() {
      client.dispose();
      server.dispose();
    },
  };
}

const uri = 'untitled:trial.md';
const text = 'Postmenopausal patients took anastrazole daily.\n';
const hoverOnSlip = { textDocument: { uri }, position: { line: 0, character: 31 } };

/** A round trip the server answers without the vocabulary: once it is back, every earlier message has been handled. */
const roundTrip = (client: MessageConnection) => client.sendRequest('workspace/executeCommand', { command: 'not.biolens', arguments: [] });

test('initialize is answered while the vocabulary loads, and a hover asked meanwhile is answered once it is in', { timeout: 60_000 }, async () => {
  const loading = settleable<LoadedVocabulary>();
  const server = inProcessServer({ loadVocabulary: () => loading.promise, dictionaries: () => noDictionaries, yieldToHost: () => new Promise(setImmediate) });
  try {
    const result = (await server.initialize()) as { capabilities: { hoverProvider?: boolean } };
    assert.equal(result.capabilities.hoverProvider, true);
    await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    let answered = false;
    const hover = server.client.sendRequest<Hover | null>('textDocument/hover', hoverOnSlip).finally(() => (answered = true));
    await roundTrip(server.client);
    assert.equal(answered, false, 'the hover waits for the vocabulary instead of answering without it');
    assert.equal(server.published.length, 0, 'no diagnostics before the vocabulary is in');

    loading.resolve({ vocabulary: realVocabulary(), source: 'test' });
    const card = await hover;
    assert.match(JSON.stringify(card?.contents), /anastrozole/i, 'the hover shows the card of the drug the slip is near');
    // The hover waited for the note's first analysis, whose diagnostics went out before it.
    const words = server.published.flatMap((p) => p.diagnostics.map((d) => (d.data as { word?: string } | undefined)?.word));
    assert.ok(words.includes('anastrazole'), `the note's slip is flagged once the vocabulary is in: ${JSON.stringify(words)}`);
  } finally {
    server.close();
  }
});

test('a vocabulary that fails to load after initialize is shown to the writer, and requests fail with the reason', { timeout: 60_000 }, async () => {
  const loading = settleable<LoadedVocabulary>();
  const server = inProcessServer({ loadVocabulary: () => loading.promise, dictionaries: () => noDictionaries, yieldToHost: () => new Promise(setImmediate) });
  try {
    await server.initialize();
    await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const hover = server.client.sendRequest('textDocument/hover', hoverOnSlip);
    loading.reject(new Error('the vocabulary file data/vocabulary.bin is missing'));
    await assert.rejects(hover, /vocabulary\.bin is missing/);
    assert.ok(
      server.messages.some((m) => m.type === 1 && /cannot load the vocabulary.*vocabulary\.bin is missing/.test(m.message)),
      `an error message says why: ${JSON.stringify(server.messages)}`,
    );
  } finally {
    server.close();
  }
});

test(
  'the Node server, which loads its vocabulary before answering initialize, fails initialize with the reason when it cannot',
  { timeout: 60_000 },
  async () => {
    const missing = path.join(__dirname, 'no-such-data-folder');
    const server = inProcessServer(nodeServerOptions({ defaultDataDir: missing }));
    try {
      await assert.rejects(server.initialize(), (error: Error) => error.message.includes(`cannot read vocabulary file ${missing}`));
    } finally {
      server.close();
    }
  },
);
