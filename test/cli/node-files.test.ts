import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendTextInsideFolder,
  dictionarySizeLimit,
  FileProblem,
  formatSize,
  isInsideFolder,
  noteSizeLimit,
  readRegularFile,
  writeFileAtomically,
} from '../../src/node/files';
import { DictionaryStore } from '../../src/server/dictionaries';
import { makeFifo, makeTempDir, repoRoot, writeFiles } from '../helpers/cli';

/** Asserts that `run` throws a FileProblem of `kind` whose message is `message`. */
function assertProblem(run: () => unknown, kind: FileProblem['kind'], message: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof FileProblem, String(error));
    assert.equal(error.kind, kind);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

/**
 * Runs a script in a child process and returns what it printed as JSON. For calls that would
 * block this process for good if they regressed (opening a FIFO without a writer blocks in the
 * kernel, where no test timeout reaches): the child is killed after a minute instead.
 */
function inChild<T>(dir: string, script: string): T {
  const file = path.join(dir, `child-${process.hrtime.bigint()}.ts`);
  fs.writeFileSync(file, script);
  const result = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, `child failed or hung (signal ${result.signal}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

const dictionariesModule = JSON.stringify(path.join(repoRoot, 'src/server/dictionaries.ts'));

describe('readRegularFile', () => {
  let dir: string;
  before(() => {
    dir = makeTempDir('biolens-node-');
    writeFiles(dir, { 'note.md': 'We gave letrozole.\n', 'folder/x.md': '' });
    makeFifo(path.join(dir, 'pipe'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    fs.symlinkSync('note.md', path.join(dir, 'link.md'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reads a regular file, also through a link, with its status', () => {
    for (const name of ['note.md', 'link.md']) {
      const { bytes, stats } = readRegularFile(path.join(dir, name), `'${name}'`, noteSizeLimit);
      assert.equal(bytes.toString('utf8'), 'We gave letrozole.\n');
      assert.equal(stats.size, bytes.length);
    }
  });

  test('a FIFO, a device, a folder are refused by what they are, at once', () => {
    assertProblem(() => readRegularFile(path.join(dir, 'pipe'), "'pipe'", noteSizeLimit), 'not-regular', "'pipe' is a FIFO, not a regular file");
    assertProblem(
      () => readRegularFile(path.join(dir, 'zero.md'), "'zero.md'", noteSizeLimit),
      'not-regular',
      "'zero.md' is a character device, not a regular file",
    );
    assertProblem(() => readRegularFile(path.join(dir, 'folder'), "'folder'", noteSizeLimit), 'not-regular', "'folder' is a folder, not a regular file");
  });

  test('a missing file is "missing"; a file over the limit is refused before it is read', () => {
    assertProblem(() => readRegularFile(path.join(dir, 'none.md'), "'none.md'", noteSizeLimit), 'missing', "cannot read 'none.md': no such file");
    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, dictionarySizeLimit.maxBytes + 1);
    assertProblem(
      () => readRegularFile(big, "dictionary 'big.txt'", dictionarySizeLimit),
      'too-large',
      "dictionary 'big.txt' is 32 MB, over the 32 MB limit for a dictionary",
    );
  });

  test('sizes read the way file managers show them', () => {
    assert.equal(formatSize(512), '512 bytes');
    assert.equal(formatSize(32 * 1024 * 1024), '32 MB');
    assert.equal(formatSize(2.1 * 1024 * 1024 * 1024), '2.1 GB');
    assert.equal(formatSize(1536), '1.5 KB');
  });

  test('inside a folder means the folder itself or below it, never beside it', () => {
    assert.ok(isInsideFolder('/w', '/w'));
    assert.ok(isInsideFolder('/w/a/b', '/w'));
    assert.ok(isInsideFolder('/w/..a', '/w'));
    assert.ok(!isInsideFolder('/w2', '/w'));
    assert.ok(!isInsideFolder('/', '/w'));
    assert.ok(!isInsideFolder('/other/w', '/w'));
  });
});

describe('writeFileAtomically', () => {
  let dir: string;
  before(() => {
    dir = makeTempDir('biolens-node-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('replaces the content, keeps the mode and leaves no temporary file', () => {
    const file = path.join(dir, 'note.md');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o640);
    const { stats } = readRegularFile(file, "'note.md'", noteSizeLimit);
    writeFileAtomically(file, Buffer.from('new text'), stats, "'note.md'");
    assert.equal(fs.readFileSync(file, 'utf8'), 'new text');
    assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
    assert.deepEqual(fs.readdirSync(dir), ['note.md']);
  });

  test('a file changed since it was read is left as it is now', () => {
    const file = path.join(dir, 'busy.md');
    fs.writeFileSync(file, 'first');
    const { stats } = readRegularFile(file, "'busy.md'", noteSizeLimit);
    fs.writeFileSync(file, 'written by someone else meanwhile');
    assertProblem(() => writeFileAtomically(file, Buffer.from('fixed'), stats, "'busy.md'"), 'changed', /changed while it was being checked/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'written by someone else meanwhile');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['busy.md', 'note.md']);
  });
});

describe('appending to a dictionary', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = makeTempDir('biolens-ws-');
    outside = makeTempDir('biolens-outside-');
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });
  const addLine = (current: string) => (current.includes('word') ? undefined : 'word\n');

  test('creates the file, then appends only what is new', () => {
    const file = path.join(root, 'words.txt');
    appendTextInsideFolder(root, file, 'dictionary', dictionarySizeLimit, addLine);
    appendTextInsideFolder(root, file, 'dictionary', dictionarySizeLimit, addLine);
    assert.equal(fs.readFileSync(file, 'utf8'), 'word\n');
  });

  test('never through a symbolic link, even to a file inside the folder', () => {
    const target = path.join(outside, 'passwd');
    fs.writeFileSync(target, 'root:x:0:0\n');
    fs.symlinkSync(target, path.join(root, 'linked.txt'));
    assertProblem(
      () => appendTextInsideFolder(root, path.join(root, 'linked.txt'), "dictionary 'linked.txt'", dictionarySizeLimit, addLine),
      'not-regular',
      "dictionary 'linked.txt' is a symbolic link; biolens writes only to regular files",
    );
    assert.equal(fs.readFileSync(target, 'utf8'), 'root:x:0:0\n');
  });

  test('never outside the folder, also not through a linked subfolder', () => {
    fs.symlinkSync(outside, path.join(root, 'elsewhere'));
    for (const file of [path.join(outside, 'words.txt'), path.join(root, 'elsewhere', 'words.txt')]) {
      assertProblem(
        () => appendTextInsideFolder(root, file, 'dictionary', dictionarySizeLimit, addLine),
        'outside',
        /^dictionary is in '.*', outside the folder '.*'$/,
      );
    }
    assert.ok(!fs.existsSync(path.join(outside, 'words.txt')));
  });

  test('DictionaryStore.add keeps CRLF, returns the path and throws a clear message for a link', () => {
    const store = new DictionaryStore(() => {});
    const ws = fs.mkdtempSync(path.join(root, 'ws-'));
    fs.writeFileSync(path.join(ws, 'biolens-dictionary.txt'), '# ours\r\nfoo');
    assert.equal(store.add(ws, 'bar', 'a reason'), path.join(ws, 'biolens-dictionary.txt'));
    assert.equal(fs.readFileSync(path.join(ws, 'biolens-dictionary.txt'), 'utf8'), '# ours\r\nfoo\r\nbar  # a reason\r\n');

    const linked = fs.mkdtempSync(path.join(root, 'ws-'));
    const target = path.join(outside, 'target.txt');
    fs.writeFileSync(target, 'keep\n');
    fs.symlinkSync(target, path.join(linked, 'biolens-dictionary.txt'));
    assert.throws(
      () => store.add(linked, 'bar'),
      /^Error: biolens: cannot add 'bar' to the workspace dictionary: dictionary '.*biolens-dictionary\.txt' is a symbolic link/,
    );
    assert.equal(fs.readFileSync(target, 'utf8'), 'keep\n');
  });

  test('DictionaryStore.add refuses a FIFO at once instead of waiting for a writer', () => {
    const ws = fs.mkdtempSync(path.join(root, 'ws-'));
    makeFifo(path.join(ws, 'biolens-dictionary.txt'));
    const message = inChild<string>(
      root,
      `import { DictionaryStore } from ${dictionariesModule};
      try { new DictionaryStore(() => {}).add(${JSON.stringify(ws)}, 'bar'); console.log(JSON.stringify('added')); }
      catch (error) { console.log(JSON.stringify((error as Error).message)); }`,
    );
    assert.match(message, /^biolens: cannot add 'bar' to the workspace dictionary: dictionary '.*' is a FIFO, not a regular file$/);
  });
});

describe('DictionaryStore.words', () => {
  let ws: string;
  before(() => {
    ws = makeTempDir('biolens-ws-');
  });
  after(() => fs.rmSync(ws, { recursive: true, force: true }));

  test('a FIFO or /dev/zero dictionary is logged and the other dictionaries still count', () => {
    writeFiles(ws, { 'biolens-dictionary.txt': 'defaultword\n', 'team.txt': '\ufeffteamword # ours\n' });
    makeFifo(path.join(ws, 'pipe.txt'));
    fs.symlinkSync('/dev/zero', path.join(ws, 'zero.txt'));
    const { words, logged } = inChild<{ words: string[]; logged: string[] }>(
      ws,
      `import { DictionaryStore } from ${dictionariesModule};
      const logged: string[] = [];
      const words = new DictionaryStore((m) => logged.push(m)).words(${JSON.stringify(ws)}, ['pipe.txt', 'zero.txt', 'team.txt']);
      console.log(JSON.stringify({ words, logged }));`,
    );
    assert.deepEqual(words, ['defaultword', 'teamword']);
    assert.deepEqual(logged, [
      `dictionary '${path.join(ws, 'pipe.txt')}' is a FIFO, not a regular file`,
      `dictionary '${path.join(ws, 'zero.txt')}' is a character device, not a regular file`,
    ]);
  });

  test('150,000 words are read; a missing default dictionary is not worth a log line', () => {
    const many: string[] = [];
    for (let i = 0; i < 150_000; i++) many.push(`w${i}`);
    const folder = fs.mkdtempSync(path.join(ws, 'big-'));
    fs.writeFileSync(path.join(folder, 'big.txt'), many.join('\n'));
    const logged: string[] = [];
    const words = new DictionaryStore((m) => logged.push(m)).words(folder, ['big.txt']);
    assert.equal(words.length, 150_000);
    assert.deepEqual(logged, []);
  });
});
