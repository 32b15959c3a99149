import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, SemanticTokens, SemanticTokensDelta, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { findingCodes } from '../../src/core/findings/registry';
import { addToDictionaryCommand, entitiesRequest, fixAllInFileKind, fixAllKind, semanticTokenTypes, type EntitySummary } from '../../src/server/protocol';
import { repoRoot, startServer, type TestClient } from './lspClient';
import { assertBundled } from '../helpers/cli';

// LSP protocol tests: the bundled server over stdio with a real JSON-RPC client connection.

let workspace: string;
let client: TestClient;

before(() => {
  assertBundled('server.js');
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'biolens-lsp-'));
});

after(async () => {
  await client?.close();
  fs.rmSync(workspace, { recursive: true, force: true });
});

function positionOf(text: string, needle: string, occurrence = 0): { line: number; character: number } {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `'${needle}' not in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function applyEdit(text: string, edit: WorkspaceEdit): string {
  const change = edit.documentChanges?.[0] as {
    edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
  };
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...change.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

let version = 1;
async function open(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const file = path.join(workspace, name);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const published = client.diagnostics(uri);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  return { uri, diagnostics: (await published).diagnostics };
}

const seed = fs.readFileSync(path.join(repoRoot, 'examples', 'seed-mixups.md'), 'utf8');
const review = fs.readFileSync(path.join(repoRoot, 'examples', 'endocrine-resistance-review.md'), 'utf8');

test('the server starts over stdio and flags the mix-ups of the sample note with codes and suggestions', async () => {
  client = await startServer({ rootUri: null });
  client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
    event: { added: [{ uri: pathToFileURL(workspace).href, name: 'notes' }], removed: [] },
  });
  const { diagnostics } = await open('seed.md', seed);
  const byText = new Map(diagnostics.map((d) => [seed.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character), d]));
  for (const word of ['Leflutroazole', 'letrazole', 'anastrazole', 'palbocyclib']) {
    const diagnostic = byText.get(word);
    assert.ok(diagnostic, `${word} flagged; got ${[...byText.keys()].join(', ')}`);
    assert.ok((findingCodes as readonly string[]).includes(String(diagnostic.code)), `a finding code: ${diagnostic.code}`);
    assert.equal(diagnostic.source, 'biolens');
    const page = diagnostic.codeDescription?.href ?? '';
    assert.match(page, new RegExp(`^file:.*/docs/codes/${String(diagnostic.code)}\\.md$`), 'the code links to the local page about that code');
    assert.ok(fs.existsSync(fileURLToPath(page)), `${page} exists`);
  }
  const { diagnostics: single } = await open('single.md', 'Postmenopausal patients took anastrazole daily.\n');
  assert.equal(single.length, 1);
  assert.equal(single[0].code, 'drug-misspelling');
  assert.equal((single[0].data as { suggestions: string[] }).suggestions[0], 'anastrozole');
  assert.equal(byText.get('leflutrozole')?.code, 'drug-lookalike');
});

test('hover over a drug shows its card; over front matter and plain prose nothing', async () => {
  const { uri } = await open('review.md', review);
  const hover = (await client.connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: positionOf(review, 'Letrozole (Femara)'),
  })) as Hover;
  assert.ok(hover, 'a hover for letrozole');
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /letrozole/i);
  assert.match(value, /aromatase/i);
  const frontMatter = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(review, 'letrozole') });
  assert.equal(frontMatter, null);
  const prose = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(review, 'Why aromatase') });
  assert.equal(prose, null);
});

test('code actions offer the right spelling as the preferred, versioned fix, and a fix-all', async () => {
  const { uri, diagnostics } = await open('fix.md', 'Patients took anastrazole daily, then letrazole.\n');
  const target = diagnostics.find((d) => d.range.start.character === 'Patients took '.length);
  assert.ok(target);
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: target.range,
    context: { diagnostics: [target] },
  })) as CodeAction[];
  const preferred = actions.find((a) => a.isPreferred);
  assert.ok(preferred, 'a preferred fix');
  assert.equal(preferred.title, "Replace 'anastrazole' with 'anastrozole'");
  assert.deepEqual(preferred.diagnostics, [target]);
  const change = preferred.edit?.documentChanges?.[0] as { textDocument: { version: number } };
  assert.equal(change.textDocument.version, 1);
  assert.ok(
    actions.some((a) => a.command?.command === addToDictionaryCommand),
    'add-to-dictionary offered',
  );
  const text = 'Patients took anastrazole daily, then letrazole.\n';
  assert.equal(applyEdit(text, preferred.edit!), 'Patients took anastrozole daily, then letrazole.\n');
  const fixAll = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: [fixAllKind] },
  })) as CodeAction[];
  assert.equal(fixAll.length, 1);
  assert.equal(applyEdit(text, fixAll[0].edit!), 'Patients took anastrozole daily, then letrozole.\n');
  // The same safe fixes from the quick-fix menu, beside the finding's own.
  const inFile = actions.find((a) => a.kind === fixAllInFileKind);
  assert.match(inFile?.title ?? '', /^Fix all biolens problems in this file/, actions.map((a) => a.title).join(' | '));
  assert.equal(applyEdit(text, inFile!.edit!), 'Patients took anastrozole daily, then letrozole.\n');
});

test('rapid edits: diagnostics are never published for a version older than one already sent', async () => {
  const { uri } = await open('typing.md', 'Patients took letrozole.\n');
  const from = client.published.length;
  let text = 'Patients took letrozole.\n';
  for (version = 2; version <= 8; version++) {
    text = `${text}Then anastrazole${version}.\n`.replace(`anastrazole${version}`, version === 8 ? 'anastrazole' : `word${version}`);
    client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }
  const last = await client.diagnostics(uri, (p) => p.version === 8);
  assert.equal(last.diagnostics.length, 1, 'the final text has one misspelling');
  const versions = client.published
    .slice(from)
    .filter((p) => p.uri === uri)
    .map((p) => p.version!);
  assert.deepEqual(
    [...versions].sort((a, b) => a - b),
    versions,
    `versions in order: ${versions}`,
  );
  assert.ok(versions.length < 7, `debounced: ${versions.length} publishes for 7 edits`);
});

test('settings changes re-check open notes: severity per code and enable', async () => {
  const text = 'Patients took anastrazole daily.\n';
  const { uri, diagnostics } = await open('settings.md', text);
  assert.equal(diagnostics[0].severity, 2);
  client.settings = { severity: { 'drug-misspelling': 'error' } };
  let next = client.diagnostics(uri);
  client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.equal((await next).diagnostics[0].severity, 1);
  // Each step changes what the note shows: the server publishes a note again only when it does.
  client.settings = { enable: false };
  next = client.diagnostics(uri);
  client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual((await next).diagnostics, []);
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'anastrazole') });
  assert.equal(hover, null, 'no hover when disabled');
  client.settings = {};
  next = client.diagnostics(uri, (p) => p.diagnostics.length === 1);
  client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await next;
  client.settings = { severity: { 'drug-misspelling': 'ignore' } };
  next = client.diagnostics(uri);
  client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual((await next).diagnostics, []);
  client.settings = {};
  next = client.diagnostics(uri, (p) => p.diagnostics.length === 1);
  client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await next;
});

test('a note checked again with the same findings at the same version is not published again', async () => {
  const text = 'Patients took anastrazole daily.\n';
  const { uri } = await open('republish.md', text);
  const published: number[] = [];
  const stop = client.onPublish((p) => {
    if (p.uri === uri) published.push(p.diagnostics.length);
  });
  // A setting that changes nothing the note shows: the note is checked again (a code action
  // waits for that check to settle) and nothing is published.
  client.settings = { severity: { 'drug-inconsistent': 'warning' } };
  client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const range = { start: positionOf(text, 'anastrazole'), end: positionOf(text, 'anastrazole') };
  await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
  assert.deepEqual(published, []);
  // One that changes the findings' severity is published.
  client.settings = { severity: { 'drug-misspelling': 'error' } };
  const changed = client.diagnostics(uri);
  client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.equal((await changed).diagnostics[0].severity, 1);
  stop();
  assert.deepEqual(published, [1]);
  client.settings = {};
});

test('add to dictionary writes biolens-dictionary.txt and the word is no longer flagged', async () => {
  const { uri, diagnostics } = await open('dictionary.md', 'We gave palbocyclib as planned.\n');
  assert.equal(diagnostics.length, 1);
  const cleared = client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  const file = await client.connection.sendRequest('workspace/executeCommand', { command: addToDictionaryCommand, arguments: [uri, 'palbocyclib'] });
  assert.equal(file, path.join(workspace, 'biolens-dictionary.txt'));
  assert.equal(fs.readFileSync(path.join(workspace, 'biolens-dictionary.txt'), 'utf8'), 'palbocyclib\n');
  await cleared;
  // Removing it by hand (a watched-file change) brings the finding back.
  fs.writeFileSync(path.join(workspace, 'biolens-dictionary.txt'), '# emptied\n');
  const back = client.diagnostics(uri, (p) => p.diagnostics.length === 1);
  client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathToFileURL(path.join(workspace, 'biolens-dictionary.txt')).href, type: 2 }],
  });
  await back;
});

test('an open workspace dictionary gets a diagnostic on an entry that hides a slip of a drug', async () => {
  const file = path.join(workspace, 'biolens-dictionary.txt');
  const text = '# team words\nBGS649\nletrazole\n';
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const published = client.diagnostics(uri, (p) => p.diagnostics.length > 0);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  const [diagnostic, ...others] = (await published).diagnostics;
  assert.deepEqual(others, []);
  assert.equal(diagnostic.code, 'dictionary-hides-slip');
  assert.equal(diagnostic.severity, 3, 'information');
  assert.deepEqual(diagnostic.range, { start: positionOf(text, 'letrazole'), end: { line: 2, character: 9 } });
  assert.match(diagnostic.message, /^'letrazole' is one edit from letrozole/);
  // Giving the entry a reason marks it deliberate: the diagnostic goes.
  const cleared = client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ text: '# team words\nBGS649\nletrazole  # the protocol spells it so\n' }],
  });
  await cleared;
  client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  fs.rmSync(file);
});

/** The coloured words of a note, as `word:type`, decoded from LSP's relative encoding. */
async function colouredWords(uri: string, text: string): Promise<string[]> {
  const tokens = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
  const lines = text.split('\n');
  const words: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    line += tokens.data[i];
    character = tokens.data[i] === 0 ? character + tokens.data[i + 1] : tokens.data[i + 1];
    words.push(`${lines[line].slice(character, character + tokens.data[i + 2])}:${semanticTokenTypes[tokens.data[i + 3]]}`);
  }
  return words;
}

test('after an edit, semantic tokens come as the difference from those sent before, which gives the full tokens of the new text', async () => {
  client.settings = {};
  const paragraph = 'ESR1 and PIK3CA alter the response to letrozole and palbociclib.';
  const text = Array.from({ length: 40 }, (_, i) => `${paragraph} Patient ${i}.`).join('\n\n') + '\n';
  const { uri } = await open('token-deltas.md', text);
  const first = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
  assert.ok(first.resultId, 'a result id to ask for a delta with');
  assert.equal(first.data.length, 40 * 4 * 5, 'four names in each paragraph');
  // 'letrozole' in paragraph 20 becomes 'it': one token fewer, the rest unchanged.
  const line = 2 * 20;
  const character = text.split('\n')[line].indexOf('letrozole');
  const published = client.diagnostics(uri, (p) => p.version === 2);
  await client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 'letrozole'.length } }, text: 'it' }],
  });
  await published;
  const delta = (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: first.resultId,
  })) as SemanticTokensDelta;
  assert.ok(delta.edits, 'edits, not the full tokens');
  const patched = [...first.data];
  for (const edit of [...delta.edits].reverse()) patched.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  const full = (await client.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } })) as SemanticTokens;
  assert.deepEqual(patched, full.data);
  assert.equal(full.data.length, first.data.length - 5);
  assert.ok(delta.edits.reduce((n, e) => n + (e.data?.length ?? 0), 0) < 10, 'only the tokens the edit moved are sent');
  // A result id the server did not send last is answered with the full tokens.
  const stale = (await client.connection.sendRequest('textDocument/semanticTokens/full/delta', {
    textDocument: { uri },
    previousResultId: first.resultId,
  })) as SemanticTokens;
  assert.deepEqual(stale.data, full.data);
});

test('semantic tokens, document symbols and the entities request describe the recognised names', async () => {
  const text = '# ESR1 and letrozole\n\nESR1 and PIK3CA alter the response to letrozole and palbociclib.\n\nLetrozole again.\n';
  client.settings = { outline: { entities: 'after-headings' } };
  const { uri } = await open('tokens.md', text);
  const words = await colouredWords(uri, text);
  assert.deepEqual(words, ['ESR1:gene', 'PIK3CA:gene', 'letrozole:drug', 'palbociclib:drug', 'Letrozole:drug'], 'every mention but those in the heading');
  const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
  const letrozoleSymbol = symbols.find((s) => s.name === 'letrozole');
  assert.ok(letrozoleSymbol, symbols.map((s) => s.name).join(', '));
  const first = positionOf(text, 'letrozole');
  assert.deepEqual(
    letrozoleSymbol.range,
    { start: first, end: { line: first.line, character: first.character + 'letrozole'.length } },
    'the first mention only',
  );
  assert.deepEqual(
    letrozoleSymbol.children?.map((c) => c.range.start.line),
    [2, 4],
    'the later mentions are its children',
  );
  client.settings = { highlight: ['drug'], outline: { entities: 'off' } };
  const drugsOnly = 'ESR1 and PIK3CA alter the response to letrozole.\n';
  const { uri: other } = await open('drugs-only.md', drugsOnly);
  assert.deepEqual(await colouredWords(other, drugsOnly), ['letrozole:drug'], 'biolens.highlight: only the listed kinds');
  assert.deepEqual(await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: other } }), [], 'outline.entities off');
  client.settings = {};
  const entities = (await client.connection.sendRequest(entitiesRequest, { uri })) as EntitySummary[];
  const letrozole = entities.find((e) => e.canonical === 'letrozole');
  assert.equal(letrozole?.kind, 'drug');
  assert.deepEqual(letrozole?.mentions[0].range.start, positionOf(text, 'letrozole'));
});
