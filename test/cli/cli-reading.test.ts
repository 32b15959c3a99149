import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertBundled, makeFifo, makeTempDir, runBiolens, writeFiles } from '../helpers/cli';
import { parseJsonOutput, type JsonFinding } from '../helpers/cliOutput';

describe('reading notes and dictionaries through dist/cli.js', () => {
  let tmp: string;
  before(() => {
    assertBundled('cli.js');
    tmp = makeTempDir();
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a 20 MB note is read and checked', { timeout: 300_000 }, () => {
    const paragraph = 'The patients were followed for twelve months and the tumour response was recorded at each visit.\n\n';
    const body = paragraph.repeat(Math.ceil((20 * 1024 * 1024) / paragraph.length));
    writeFiles(tmp, { 'large/note.md': `${body}At the end we gave anastrazole.\n` });
    const result = runBiolens(['check', 'large/note.md', '--format', 'json'], tmp);
    assert.equal(result.status, 1, result.stderr);
    const records = parseJsonOutput<JsonFinding>(result);
    assert.deepEqual(
      records.map((r) => [r.text, r.line]),
      [['anastrazole', body.split('\n').length]],
    );
  });

  // -------------------------------------------------------------------------------------------
  // Files read with care: what is not a regular file, or too large, is refused at once.

  test('a FIFO named as a note or a dictionary is refused at once, not waited on', () => {
    writeFiles(tmp, { 'fifo/note.md': 'We gave letrazole.\n' });
    makeFifo(path.join(tmp, 'fifo/pipe.md'));
    const note = runBiolens(['check', 'fifo/pipe.md'], tmp);
    assert.equal(note.status, 2, note.stderr);
    assert.equal(note.stderr, "biolens: 'fifo/pipe.md' is a FIFO, not a regular file\n");
    const dictionary = runBiolens(['check', 'fifo/note.md', '--dictionary', 'fifo/pipe.md'], tmp);
    assert.equal(dictionary.status, 2, dictionary.stderr);
    assert.equal(dictionary.stderr, "biolens: dictionary 'fifo/pipe.md' is a FIFO, not a regular file\n");
  });

  test('a FIFO beside notes is no note: a glob or a folder walk passes over it without waiting on it', () => {
    writeFiles(tmp, { 'fifo-glob/note.md': 'We gave letrazole.\n' });
    makeFifo(path.join(tmp, 'fifo-glob/pipe.md'));
    for (const given of ['fifo-glob/*.md', 'fifo-glob']) {
      const result = runBiolens(['check', given, '--format', 'json'], tmp);
      assert.equal(result.status, 1, result.stderr);
      assert.deepEqual(
        parseJsonOutput<JsonFinding>(result).map((r) => r.file),
        ['fifo-glob/note.md'],
      );
      assert.equal(result.stderr, '');
    }
  });

  test('a symbolic link to /dev/zero is "not a regular file" at once, as a note and as a dictionary', () => {
    writeFiles(tmp, { 'zero/note.md': 'We gave letrazole.\n' });
    fs.symlinkSync('/dev/zero', path.join(tmp, 'zero/zero.md'));
    const note = runBiolens(['check', 'zero/zero.md'], tmp);
    assert.equal(note.status, 2, note.stderr);
    assert.equal(note.stderr, "biolens: 'zero/zero.md' is a character device, not a regular file\n");
    const dictionary = runBiolens(['check', 'zero/note.md', '--dictionary', 'zero/zero.md'], tmp);
    assert.equal(dictionary.status, 2);
    assert.equal(dictionary.stderr, "biolens: dictionary 'zero/zero.md' is a character device, not a regular file\n");
  });

  test('a note over 64 MB and a dictionary over 32 MB are refused with their size', () => {
    writeFiles(tmp, { 'sizes/note.md': 'We gave letrazole.\n' });
    // Sparse files: the size is what is checked, before a byte is read.
    fs.writeFileSync(path.join(tmp, 'sizes/huge.md'), '');
    fs.truncateSync(path.join(tmp, 'sizes/huge.md'), 65 * 1024 * 1024);
    fs.writeFileSync(path.join(tmp, 'sizes/words.txt'), '');
    fs.truncateSync(path.join(tmp, 'sizes/words.txt'), Math.round(2.1 * 1024 * 1024 * 1024));
    const note = runBiolens(['check', 'sizes/huge.md'], tmp);
    assert.equal(note.status, 2);
    assert.equal(note.stderr, "biolens: 'sizes/huge.md' is 65 MB, over the 64 MB limit for a note\n");
    const dictionary = runBiolens(['check', 'sizes/note.md', '--dictionary', 'sizes/words.txt'], tmp);
    assert.equal(dictionary.status, 2);
    assert.equal(dictionary.stderr, "biolens: dictionary 'sizes/words.txt' is 2.1 GB, over the 32 MB limit for a dictionary\n");
  });

  test('a dictionary of 150,000 words is read, by default and by --dictionary', () => {
    const dir = makeTempDir();
    try {
      const words: string[] = [];
      for (let i = 0; i < 150_000; i++) words.push(`teamword${i.toString(36)}`);
      words.push('anastrazole  # spelled so in the source we quote');
      writeFiles(dir, { 'note.md': 'Patients took anastrazole.\n', 'biolens-dictionary.txt': `${words.join('\n')}\n`, 'team.txt': `${words.join('\n')}\n` });
      const byDefault = runBiolens(['check', 'note.md'], dir);
      assert.deepEqual([byDefault.status, byDefault.stdout, byDefault.stderr], [0, '0 findings in 1 file\n', '']);
      fs.rmSync(path.join(dir, 'biolens-dictionary.txt'));
      const given = runBiolens(['check', 'note.md', '--dictionary', 'team.txt'], dir);
      assert.deepEqual([given.status, given.stderr], [0, '']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a note with more than 130,000 findings is reported in full', { timeout: 300_000 }, () => {
    const lines = 66_000;
    writeFiles(tmp, { 'many/note.md': 'We gave anastrazole and letrazole.\n'.repeat(lines) });
    const result = runBiolens(['check', 'many/note.md'], tmp);
    assert.equal(result.status, 1, result.stderr.slice(0, 2000));
    const out = result.stdout.trimEnd().split('\n');
    assert.equal(out.length, 2 * lines + 1);
    assert.equal(out.at(-1), `${2 * lines} findings in 1 file`);
    assert.match(out[2 * lines - 1], new RegExp(`^many/note\\.md:${lines}:25: warning drug-misspelling: 'letrazole'`));
  });

  test('a glob through a symbolic-link loop or a linked folder reports each note once, by its own path', () => {
    writeFiles(tmp, { 'loop/notes/sub/a.md': 'We gave letrazole.\n', 'loop/notes/b.md': 'We gave anastrazole.\n' });
    fs.symlinkSync('..', path.join(tmp, 'loop/notes/sub/up')); // notes/sub/up/sub/up/… for ever
    fs.symlinkSync('sub', path.join(tmp, 'loop/notes/linked'));
    fs.symlinkSync('a.md', path.join(tmp, 'loop/notes/sub/also-a.md'));
    for (const paths of [['loop/notes/**/*.md'], ['loop/notes'], ['loop/notes', 'loop/notes/linked/a.md', 'loop/**/*.md']]) {
      const result = runBiolens(['check', ...paths, '--format', 'json'], tmp);
      assert.equal(result.status, 1, result.stderr);
      assert.deepEqual(
        parseJsonOutput<JsonFinding>(result).map((r) => [r.file, r.text]),
        [
          ['loop/notes/b.md', 'anastrazole'],
          ['loop/notes/sub/a.md', 'letrazole'],
        ],
        paths.join(' '),
      );
    }
  });

  test('an unreadable folder does not stop a walk or a glob: the rest is checked, then the run fails', () => {
    const dir = makeTempDir();
    try {
      writeFiles(dir, {
        'notes/a/one.md': 'We gave letrazole.\n',
        'notes/b-locked/two.md': 'We gave anastrazole.\n',
        'notes/c/three.md': 'We gave palbocyclib.\n',
      });
      fs.chmodSync(path.join(dir, 'notes/b-locked'), 0o000);
      // Root reads a folder of mode 000 all the same, so as root the CLI runs as nobody.
      const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
      fs.chmodSync(dir, 0o755);
      // A folder walk and a glob, whose library would pass over the folder without a word.
      for (const given of ['notes', 'notes/**/*.md']) {
        const result = runBiolens(['check', given, '--format', 'json'], dir, asNobody);
        assert.equal(result.status, 2, result.stderr);
        assert.deepEqual(
          parseJsonOutput<JsonFinding>(result).map((r) => r.file),
          ['notes/a/one.md', 'notes/c/three.md'],
          given,
        );
        assert.equal(result.stderr, "biolens: cannot read folder 'notes/b-locked': permission denied\n");
      }
    } finally {
      fs.chmodSync(path.join(dir, 'notes/b-locked'), 0o755);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
