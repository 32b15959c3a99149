import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webDataUrls } from '../../src/client/webDataUrls';
import { webDataCopies } from '../../src/server/protocol';

// The web extension's worker fetches its files from URLs derived from the one the drug names came
// from; a wrong URL would make it ask the extension for every file, a slower start but no failure.

const drugNames = webDataCopies.drugNames;

test("code-server's resource URLs: the other files' paths in the same `path` parameter, the token kept", () => {
  const url = `http://127.0.0.1:8080/stable-abc/vscode-remote-resource?path=${encodeURIComponent(`/home/me/biolens/${drugNames}`)}&tkn=secret`;
  const urls = webDataUrls(url, drugNames);
  assert.ok(urls);
  const packed = new URL(urls.packed);
  assert.equal(packed.origin + packed.pathname, 'http://127.0.0.1:8080/stable-abc/vscode-remote-resource');
  assert.equal(packed.searchParams.get('path'), `/home/me/biolens/${webDataCopies.packed}`);
  assert.equal(packed.searchParams.get('tkn'), 'secret');
  assert.equal(new URL(urls.essentials).searchParams.get('path'), `/home/me/biolens/${webDataCopies.essentials}`);
  assert.equal(new URL(urls['tagger/gene']).searchParams.get('path'), `/home/me/biolens/${webDataCopies['tagger/gene']}`);
});

test("a CDN's URLs (vscode.dev): the other files beside the extension's root in the path", () => {
  const urls = webDataUrls(`https://biolens.vscode-unpkg.net/biolens/biolens/0.1.0/extension/${drugNames}`, drugNames);
  assert.equal(urls?.knowledge, `https://biolens.vscode-unpkg.net/biolens/biolens/0.1.0/extension/${webDataCopies.knowledge}`);
  assert.equal(Object.keys(urls ?? {}).length, Object.keys(webDataCopies).length - 1, 'every file but the drug names themselves');
});

test('a URL of another form, or none, gives no URLs: the extension then sends every file', () => {
  assert.equal(webDataUrls(undefined, drugNames), undefined);
  assert.equal(webDataUrls('vscode-remote://host/ext/dist/web/data/drug-names.txt.gz', drugNames), undefined);
  assert.equal(webDataUrls('https://example.org/resource?id=42', drugNames), undefined);
  assert.equal(webDataUrls('not a url', drugNames), undefined);
});
