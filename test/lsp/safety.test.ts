import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { addToDictionaryCommand, fixAllKind } from '../../src/server/protocol';
import { repoRoot, startServer, type TestClient } from './lspClient';
import { assertBundled } from '../helpers/cli';

// The server under hostile or heavy input: it keeps answering, never writes outside the
// workspace, and computes big edits only when the writer chooses them.

let workspace: string;
let client: TestClient;

before(async () => {
  assertBundled('server.js');
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'biolens-lsp-safety-'));
  // A FIFO where the workspace dictionary should be: reading it would block the server for good.
  execFileSync('mkfifo', [path.join(workspace, 'biolens-dictionary.txt')]);
  client = await startServer({ rootUri: pathToFileURL(workspace).href, resolvesCodeActions: true });
});

after(async () => {
  await client?.close();
  fs.rmSync(workspace, { recursive: true, force: true });
});

async function open(name: string, text: string, folder = workspace): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = pathToFileURL(path.join(folder, name)).href;
  const published = client.diagnostics(uri, () => true, 60_000);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  return { uri, diagnostics: (await published).diagnostics };
}

test('a FIFO as the workspace dictionary does not hang the server: notes are still checked', async () => {
  const { diagnostics } = await open('fifo.md', 'Patients took anastrazole daily.\n');
  assert.equal(diagnostics.length, 1);
});

test('replace-all and fix-all are resolved only when chosen: 5,000 identical slips make a small menu', async () => {
  const line = 'Patients took anastrazole daily.\n';
  const text = line.repeat(5000);
  const { uri, diagnostics } = await open('many.md', text);
  assert.equal(diagnostics.length, 5000);
  const menu = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics: [diagnostics[0]] },
  })) as CodeAction[];
  assert.ok(JSON.stringify(menu).length < 20_000, `the quick-fix menu is ${JSON.stringify(menu).length} characters`);
  const replaceAll = menu.find((a) => a.title.startsWith('Replace all 5000'));
  assert.ok(replaceAll && !replaceAll.edit && replaceAll.data, 'replace-all comes without its edit');
  const resolved = (await client.connection.sendRequest('codeAction/resolve', replaceAll)) as CodeAction;
  const change = resolved.edit?.documentChanges?.[0] as { edits: unknown[]; textDocument: { version: number } };
  assert.equal(change.edits.length, 5000);
  assert.equal(change.textDocument.version, 1);

  const [fixAll] = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: [fixAllKind] },
  })) as CodeAction[];
  assert.ok(fixAll && !fixAll.edit, 'fix-all comes without its edit');
  const all = (await client.connection.sendRequest('codeAction/resolve', fixAll)) as CodeAction;
  assert.equal((all.edit?.documentChanges?.[0] as { edits: unknown[] }).edits.length, 5000);
});

test('adding a word for a note outside every workspace folder is refused and writes nothing', async () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'biolens-outside-'));
  try {
    const { uri } = await open('elsewhere.md', 'We gave palbocyclib as planned.\n', outside);
    await assert.rejects(
      client.connection.sendRequest('workspace/executeCommand', { command: addToDictionaryCommand, arguments: [uri, 'palbocyclib'] }),
      /not inside an open workspace folder/,
    );
    assert.deepEqual(fs.readdirSync(outside), []);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('a hover on another note is answered while a long note is still being analysed', async () => {
  const small = await open('small.md', 'Letrozole is an aromatase inhibitor.\n');
  assert.equal(small.diagnostics.length, 0);
  const review = fs.readFileSync(path.join(repoRoot, 'examples', 'endocrine-resistance-review.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  const sections: string[] = [];
  for (let i = 0; sections.join('').length < 3_000_000; i++) sections.push(`## Part ${i}\n\n${review}\n\nIn draft ${i} anastrazole was misspelt.\n\n`);
  const bigUri = pathToFileURL(path.join(workspace, 'big.md')).href;
  let bigDone = false;
  const bigPublished = client.diagnostics(bigUri, () => true, 120_000).then(() => (bigDone = true));
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: sections.join('') },
  });
  const hover = (await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri: small.uri },
    position: { line: 0, character: 2 },
  })) as Hover | null;
  assert.ok(hover, 'a card for letrozole');
  assert.equal(bigDone, false, 'the hover came back before the long analysis finished');
  await bigPublished;
});
