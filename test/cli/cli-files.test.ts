import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNote, encodeNote, gatherNotes, readDictionaries, walkFolder } from '../../src/cli/files';
import { parseDictionary } from '../../src/core/dictionary';
import { makeTempDir, writeFiles } from '../helpers/cli';

describe('files', () => {
  let root: string;
  before(() => {
    root = makeTempDir();
    writeFiles(root, {
      'a.md': '# a',
      'b.markdown': '# b',
      'c.txt': 'not markdown',
      'sub/d.md': '# d',
      'sub/deeper/e.MD': '# e',
      'node_modules/pkg/readme.md': '# dependency',
      '.git/notes.md': '# hidden',
      '.draft.md': '# hidden file',
    });
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  test('a folder yields its markdown files, sorted, skipping node_modules and dot entries', () => {
    const { notes, problems } = gatherNotes([], root);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      notes.map((n) => n.displayPath),
      ['a.md', 'b.markdown', 'sub/d.md', 'sub/deeper/e.MD'],
    );
    assert.equal(notes[0].absolutePath, path.join(root, 'a.md'));
  });

  test('paths are shown as given, with forward slashes, each file once', () => {
    const { notes } = gatherNotes(['./sub/', 'c.txt', 'sub/d.md', path.join(root, 'a.md')], root);
    assert.deepEqual(
      notes.map((n) => n.displayPath),
      ['sub/d.md', 'sub/deeper/e.MD', 'c.txt', path.join(root, 'a.md').split(path.sep).join('/')],
    );
  });

  test('glob patterns are expanded relative to the working folder', () => {
    const { notes, problems } = gatherNotes(['**/*.md'], root);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      notes.map((n) => n.displayPath),
      ['a.md', 'sub/d.md'],
    );
  });

  test('a file reached by two paths (a link beside it) is one note, shown by its own path', () => {
    const dir = makeTempDir();
    try {
      writeFiles(dir, { 'notes/real.md': '# r' });
      fs.symlinkSync('real.md', path.join(dir, 'notes/0-link.md'));
      fs.symlinkSync('notes', path.join(dir, 'alias'));
      const walked = gatherNotes(['notes'], dir);
      assert.deepEqual(
        walked.notes.map((n) => n.displayPath),
        ['notes/real.md'],
      );
      const named = gatherNotes(['notes/real.md', 'alias/real.md', 'notes/0-link.md', '**/*.md'], dir);
      assert.deepEqual(
        named.notes.map((n) => n.displayPath),
        ['notes/real.md'],
      );
      assert.equal(named.notes[0].realPath, fs.realpathSync(path.join(dir, 'notes/real.md')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a folder that cannot be read is a walk problem and the walk goes on', () => {
    const dir = makeTempDir();
    try {
      writeFiles(dir, { 'a/one.md': '# 1', 'b/two.md': '# 2', 'c/three.md': '# 3' });
      // Root reads any folder whatever its mode, so the failure is injected.
      const read = (folder: string): fs.Dirent[] => {
        if (path.basename(folder) === 'b') throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return fs.readdirSync(folder, { withFileTypes: true });
      };
      const walked = walkFolder(dir, 'notes', read);
      assert.deepEqual(
        walked.notes.map((n) => n.displayPath),
        ['notes/a/one.md', 'notes/c/three.md'],
      );
      assert.deepEqual(walked.problems, ["cannot read folder 'notes/b': permission denied"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing path or an empty glob is a problem', () => {
    const { problems } = gatherNotes(['missing.md', 'nothing/**/*.md'], root);
    assert.deepEqual(problems, ["cannot read 'missing.md': no such file", "no files match 'nothing/**/*.md'"]);
  });

  test('decoding: UTF-8 with BOM, binary, invalid UTF-8, UTF-16', () => {
    const text = (value: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bom: boolean) => ({
      kind: 'text',
      text: value,
      encoding,
      bom,
      lossless: true,
      warnings: [],
    });
    assert.deepEqual(decodeNote(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])), text('hi', 'utf-8', true));
    assert.deepEqual(decodeNote(new Uint8Array([0x68, 0x00, 0x69])), { kind: 'binary' });
    const invalid = decodeNote(new Uint8Array([0x61, 0xff, 0x62]));
    assert.equal(invalid.kind === 'text' && invalid.text, 'a\uFFFDb');
    assert.equal(invalid.kind === 'text' && invalid.lossless, false);
    assert.equal(invalid.kind === 'text' && invalid.warnings.length, 1);
    assert.deepEqual(decodeNote(new Uint8Array([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00])), text('hi', 'utf-16le', true));
    assert.deepEqual(decodeNote(new Uint8Array([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69])), text('hi', 'utf-16be', true));
    assert.deepEqual(decodeNote(new Uint8Array()), text('', 'utf-8', false));
  });

  test('UTF-16 with an odd byte or a lone surrogate is decoded with a warning and marked lossy', () => {
    for (const bytes of [
      [0xff, 0xfe, 0x68, 0x00, 0x69],
      [0xff, 0xfe, 0x00, 0xd8, 0x68, 0x00],
    ]) {
      const decoded = decodeNote(new Uint8Array(bytes));
      assert.equal(decoded.kind === 'text' && decoded.lossless, false, JSON.stringify(bytes));
      assert.match(decoded.kind === 'text' ? decoded.warnings[0] : '', /not valid UTF-16 LE/);
    }
  });

  test('encodeNote gives back the bytes decodeNote read, BOM included', () => {
    const samples = [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Zoé 😀\r\nx')]),
      Buffer.from('plain\n'),
      Buffer.from('\ufeffUTF-16 ré\r\n', 'utf16le'),
      Buffer.from('\ufeffUTF-16 ré\r\n', 'utf16le').swap16(),
    ];
    for (const bytes of samples) {
      const decoded = decodeNote(bytes);
      assert.ok(decoded.kind === 'text' && decoded.lossless);
      assert.ok(!decoded.text.startsWith('\ufeff'), 'offsets start after the BOM');
      assert.deepEqual(encodeNote(decoded.text, decoded.encoding, decoded.bom), bytes);
    }
  });

  test('a NUL after the first 8 KB does not make a file binary', () => {
    const bytes = new Uint8Array(9000).fill(0x61);
    bytes[8500] = 0;
    assert.equal(decodeNote(bytes).kind, 'text');
  });

  test('dictionaries: one word a line, # comments, and the default file in the working folder', () => {
    assert.deepEqual(parseDictionary('# team words\nfoo\r\n  bar  # a comment\n\n#\nbaz'), ['foo', 'bar', 'baz']);
    const dir = makeTempDir();
    try {
      writeFiles(dir, { 'biolens-dictionary.txt': 'teamword\n', 'extra.txt': 'extra # note\n' });
      assert.deepEqual(readDictionaries(['extra.txt'], dir), ['extra', 'teamword']);
      assert.deepEqual(readDictionaries([], dir), ['teamword']);
      assert.throws(() => readDictionaries(['nope.txt'], dir), /cannot read dictionary 'nope.txt': no such file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// End to end: the bundled binary over the vocabulary in data/ and the sample notes in examples/.
