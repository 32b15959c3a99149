import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type TextDocumentInput } from '../../src/core';
import { applyEdits } from '../../src/core/fixes/fixes';
import { realVocabulary } from '../helpers/vocabularies';
import { neverCancelled } from '../../src/core/types';

// A host that must stay responsive (the language server) runs analyses in slices; a newer version
// of a document abandons the older one's analysis at its next pause.

const vocabulary = realVocabulary();
const review = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'endocrine-resistance-review.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');

/** A long note with a different misspelling in each section, so nothing is trivially cached. */
function longNote(sections: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sections; i++) parts.push(`## Section ${i}\n\n${review}\n\nIn draft ${i} anastrazole was misspelt.\n`);
  return parts.join('\n');
}

/** A host turn the test controls: it counts turns and may act during one. */
function countingHost(onTurn: (turn: number) => void = () => {}): { yieldToHost: () => Promise<void>; turns: () => number } {
  let turns = 0;
  return {
    yieldToHost: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          onTurn(++turns);
          resolve();
        }),
      ),
    turns: () => turns,
  };
}

test('a long analysis gives the host turns and gets the same result as one run straight through', async () => {
  const host = countingHost();
  const sliced = createLanguageService({ vocabulary, yieldToHost: host.yieldToHost });
  const straight = createLanguageService({ vocabulary });
  const document: TextDocumentInput = { uri: 'file:///long.md', version: 1, text: longNote(40) };
  const a = await sliced.analyze(document, neverCancelled);
  const b = await straight.analyze(document, neverCancelled);
  assert.ok(host.turns() > 1, `the host had ${host.turns()} turns`);
  assert.deepEqual(a.findings, b.findings);
  assert.equal(a.entities.length, b.entities.length);
});

test('a request for a newer version abandons the running analysis; requests for one version share it', async () => {
  const text = longNote(40);
  const v1: TextDocumentInput = { uri: 'file:///edited.md', version: 1, text };
  const v2: TextDocumentInput = { uri: 'file:///edited.md', version: 2, text: text.replace('anastrazole', 'letrazole') };
  let newer: Promise<unknown> | undefined;
  const host = countingHost((turn) => {
    if (turn === 1) newer = service.analyze(v2, neverCancelled);
  });
  const service = createLanguageService({ vocabulary, yieldToHost: host.yieldToHost });
  const first = service.analyze(v1, neverCancelled);
  const sameVersion = service.hover(v1, text.indexOf('letrozole'), neverCancelled);
  await assert.rejects(first, { name: 'CancelledError' });
  await assert.rejects(sameVersion, { name: 'CancelledError' });
  assert.ok(newer);
  const result = (await newer) as Awaited<ReturnType<typeof service.analyze>>;
  assert.equal(result.version, 2);
  assert.ok(result.findings.some((f) => f.text === 'letrazole'));
});

test('an analysis nobody waits for any more stops at its next pause', async () => {
  const token = { isCancellationRequested: false };
  const host = countingHost(() => {
    token.isCancellationRequested = true;
  });
  const service = createLanguageService({ vocabulary, yieldToHost: host.yieldToHost });
  await assert.rejects(service.analyze({ uri: 'file:///gone.md', version: 1, text: longNote(40) }, token), { name: 'CancelledError' });
  assert.equal(host.turns(), 1);
});

test('ignoring a word in the document joins the last ignore comment before its reason, after an intended comment', async () => {
  const service = createLanguageService({ vocabulary });
  for (const comment of [
    '<!-- biolens-ignore: letrazole -->',
    '<!-- biolens-ignore: letrazole — our code name -->',
    '<!-- biolens-ignore:letrazole; in-house -->',
  ]) {
    const text = `Patients took anastrazole.\n\n<!-- biolens-intended: leflutrozole — studied here for male hypogonadism -->\n${comment}\n`;
    const document: TextDocumentInput = { uri: 'file:///ignore.md', version: 1, text };
    const [finding] = (await service.analyze(document, neverCancelled)).findings;
    assert.equal(finding?.text, 'anastrazole', comment);
    const ignore = (await service.fixes(document, finding, neverCancelled)).find((f) => f.kind === 'ignore-in-document')!;
    const ignored = applyEdits(text, ignore.edits);
    assert.equal(ignored.split('<!--').length, text.split('<!--').length, `no new comment: ${ignored}`);
    assert.deepEqual((await service.analyze({ uri: 'file:///ignore.md', version: 2, text: ignored }, neverCancelled)).findings, [], ignored);
  }
});
