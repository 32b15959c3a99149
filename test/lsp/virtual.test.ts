import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import {
  addToDictionaryCommand,
  appendTextFileRequest,
  checkDocumentsRequest,
  readTextFileRequest,
  type AppendTextFileParams,
  type CheckDocumentsResult,
  type ReadTextFileParams,
} from '../../src/server/protocol';
import { startServer, type TestClient } from './lspClient';
import { assertBundled } from '../helpers/cli';

// A virtual workspace (github.dev's vscode-vfs): the server has no disk to read it from, so it
// reads the workspace dictionary through the editor when the editor offers to (`clientFiles`),
// refuses what it cannot do with a message that says why, and never stops answering.

const folder = 'vscode-vfs://github/biolens/notes';
const dictionary = `${folder}/biolens-dictionary.txt`;
let throughEditor: TestClient;
let otherEditor: TestClient;
const reads: string[] = [];
const appends: AppendTextFileParams[] = [];

before(async () => {
  assertBundled('server.js');
  throughEditor = await startServer({ rootUri: folder, initializationOptions: { clientFiles: true } });
  throughEditor.connection.onRequest(readTextFileRequest, (params: ReadTextFileParams) => {
    reads.push(params.uri);
    return params.uri === dictionary ? { text: 'palbocyclib\n' } : { missing: true };
  });
  // github.dev without a signed-in user: the repository can be read, not written.
  throughEditor.connection.onRequest(appendTextFileRequest, (params: AppendTextFileParams) => {
    appends.push(params);
    return { problem: `cannot write '${params.uri}': the file system is read-only` };
  });
  otherEditor = await startServer({ rootUri: folder });
});

after(async () => {
  await throughEditor?.close();
  await otherEditor?.close();
});

async function open(client: TestClient, name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = `${folder}/${name}`;
  const published = client.diagnostics(uri, () => true, 60_000);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  return { uri, diagnostics: (await published).diagnostics };
}

const words = (diagnostics: Diagnostic[]) => diagnostics.map((d) => (d.data as { word?: string } | undefined)?.word);

test('in a virtual workspace the dictionary is read through the editor, and a word it lists is not flagged', async () => {
  const { diagnostics } = await open(throughEditor, 'trial.md', 'We gave palbocyclib with letrozol and anastrazole.\n');
  assert.ok(reads.includes(dictionary), `asked the editor for ${dictionary}: ${reads.join(', ')}`);
  assert.ok(!words(diagnostics).includes('palbocyclib'), 'the dictionary word is not flagged');
  assert.ok(words(diagnostics).includes('anastrazole'), `other slips still are: ${JSON.stringify(words(diagnostics))}`);
});

test('adding a word where the editor cannot write says why, and the server goes on answering', async () => {
  const { uri } = await open(throughEditor, 'readonly.md', 'Postmenopausal patients took anastrazole daily.\n');
  await assert.rejects(
    throughEditor.connection.sendRequest('workspace/executeCommand', { command: addToDictionaryCommand, arguments: [uri, 'anastrazole'] }),
    /cannot add 'anastrazole' to the workspace dictionary: .*read-only/,
  );
  assert.equal(appends.length, 1);
  const hover = (await throughEditor.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 31 } })) as Hover;
  assert.match(JSON.stringify(hover.contents), /anastrozole/i);
});

test('an editor that cannot read files for the server: no dictionary, a clear refusal to add to one, notes still checked', async () => {
  const { uri, diagnostics } = await open(otherEditor, 'trial.md', 'We gave palbocyclib as planned.\n');
  assert.ok(words(diagnostics).includes('palbocyclib'), 'checked without a dictionary');
  await assert.rejects(
    otherEditor.connection.sendRequest('workspace/executeCommand', { command: addToDictionaryCommand, arguments: [uri, 'palbocyclib'] }),
    /cannot add 'palbocyclib' to the workspace dictionary: the server cannot read or write files of 'vscode-vfs:\/\/github\/biolens\/notes'/,
  );
});

test('Check All Notes over a virtual workspace: the notes the editor sends are checked and counted', async () => {
  const result = (await throughEditor.connection.sendRequest(checkDocumentsRequest, {
    documents: [
      { uri: `${folder}/closed-a.md`, text: 'Patients took anastrazole daily.\n', languageId: 'markdown' },
      { uri: `${folder}/closed-b.md`, text: 'Letrozole and palbocyclib, as planned.\n' },
    ],
  })) as CheckDocumentsResult;
  assert.deepEqual(result, { documents: 2, findings: 1 });
});
