import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unifiedDiff } from '../../src/cli/diff';
import { applyEdits } from '../../src/core/fixes/fixes';
import type { TextEdit } from '../../src/core/types';
import { cliPath, makeTempDir, runBiolens, writeFiles } from '../helpers/cli';

/**
 * `biolens check --fix` and `--fix-dry-run` through dist/cli.js (built by `node
 * scripts/bundle.mjs`, as `npm test` does first) over the committed vocabulary. In these notes
 * 'anastrazole' is a misspelling with one clear fix (safe), and 'leflutrozole' is a real drug
 * that letrozole fits better in a breast-cancer note (a look-alike: never fixed unattended).
 */

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const breastCancerNote =
  '# Adjuvant therapy\r\n\r\nPostmenopausal women with ER-positive breast cancer took anastrazole after surgery.\r\n' +
  'In this cohort, leflutrozole was continued for five years, as an aromatase inhibitor.\r\n';
const fixedNote = breastCancerNote.replace('anastrazole', 'anastrozole');
const changeLine = (file: string) => `${file}:3:58: 'anastrazole' → 'anastrozole'\n`;

function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
  return endian === 'be' ? bytes.swap16() : bytes;
}

/** The names in a folder, so a test sees that no temporary file was left behind. */
function names(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe('check --fix and --fix-dry-run through dist/cli.js', () => {
  let tmp: string;
  before(() => {
    assert.ok(fs.existsSync(cliPath), 'dist/cli.js is built (node scripts/bundle.mjs)');
    tmp = makeTempDir('biolens-fix-');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('fixes the safe misspelling, keeps the look-alike, BOM, CRLF and mode byte for byte, exits 1 on what is left', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'bom-'));
    const file = path.join(dir, 'note.md');
    fs.writeFileSync(file, Buffer.concat([bom, Buffer.from(breastCancerNote)]));
    fs.chmodSync(file, 0o640);
    const result = runBiolens(['check', '--fix', 'note.md'], dir);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(`${lines[0]}\n`, changeLine('note.md'));
    assert.match(lines[1], /^note\.md:4:17: warning drug-lookalike: 'leflutrozole' is a real drug/);
    assert.equal(lines[2], '1 finding in 1 file');
    assert.equal(result.stderr, '');
    assert.deepEqual(fs.readFileSync(file), Buffer.concat([bom, Buffer.from(fixedNote)]));
    assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
    assert.deepEqual(names(dir), ['note.md']);
  });

  test('UTF-16 LE and BE notes stay UTF-16 with their BOM', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'utf16-'));
    writeFiles(dir, { 'le.md': utf16(breastCancerNote, 'le'), 'be.md': utf16(breastCancerNote, 'be') });
    const result = runBiolens(['check', '--fix', 'le.md', 'be.md'], dir);
    assert.equal(result.status, 1, result.stderr);
    assert.ok(result.stdout.startsWith(changeLine('le.md') + changeLine('be.md')), result.stdout);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'le.md')), utf16(fixedNote, 'le'));
    assert.deepEqual(fs.readFileSync(path.join(dir, 'be.md')), utf16(fixedNote, 'be'));
  });

  test('a note left clean exits 0, and a second run has nothing to change', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'clean-'));
    writeFiles(dir, { 'note.md': 'We gave anastrazole daily.\nThen anastrazole again.' });
    const first = runBiolens(['check', '--fix', '.'], dir);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(first.stdout, "note.md:1:9: 'anastrazole' → 'anastrozole'\nnote.md:2:6: 'anastrazole' → 'anastrozole'\n0 findings in 1 file\n");
    assert.equal(fs.readFileSync(path.join(dir, 'note.md'), 'utf8'), 'We gave anastrozole daily.\nThen anastrozole again.');
    const second = runBiolens(['check', '--fix', '.'], dir);
    assert.deepEqual([second.status, second.stdout], [0, '0 findings in 1 file\n']);
  });

  test('with --format json or sarif, stdout is only the report of what is left; the changes go to stderr', () => {
    for (const format of ['json', 'sarif']) {
      const dir = fs.mkdtempSync(path.join(tmp, `${format}-`));
      writeFiles(dir, { 'note.md': breastCancerNote });
      const result = runBiolens(['check', '--fix', 'note.md', '--format', format], dir);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stderr, changeLine('note.md'));
      const parsed = JSON.parse(result.stdout);
      const left =
        format === 'json'
          ? parsed.map((r: { text: string }) => r.text)
          : parsed.runs[0].results.map(
              (r: { locations: { physicalLocation: { region: { snippet: { text: string } } } }[] }) => r.locations[0].physicalLocation.region.snippet.text,
            );
      assert.deepEqual(left, ['leflutrozole'], format);
    }
  });

  test('--fix-dry-run prints a unified diff with 3 lines of context and writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'dry-'));
    const lines = ['# Notes', '', 'one', 'two', 'three', 'We gave anastrazole daily.', 'four', 'five', 'six', 'seven', 'eight'];
    const text = `${lines.join('\n')}\n`;
    writeFiles(dir, { 'notes/a.md': text });
    const result = runBiolens(['check', '--fix-dry-run', 'notes'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        '--- a/notes/a.md',
        '+++ b/notes/a.md',
        '@@ -3,7 +3,7 @@',
        ' one',
        ' two',
        ' three',
        '-We gave anastrazole daily.',
        '+We gave anastrozole daily.',
        ' four',
        ' five',
        ' six',
        '',
      ].join('\n'),
    );
    assert.equal(result.stderr, '');
    assert.equal(fs.readFileSync(path.join(dir, 'notes/a.md'), 'utf8'), text);
  });

  test('a dry run exits 1 when a finding would be left, and its diff keeps CRLF', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'dry-left-'));
    writeFiles(dir, { 'note.md': breastCancerNote });
    const result = runBiolens(['check', '--fix-dry-run', 'note.md'], dir);
    assert.equal(result.status, 1, result.stderr);
    const expected = [
      '--- a/note.md',
      '+++ b/note.md',
      '@@ -1,4 +1,4 @@',
      ' # Adjuvant therapy\r',
      ' \r',
      '-Postmenopausal women with ER-positive breast cancer took anastrazole after surgery.\r',
      '+Postmenopausal women with ER-positive breast cancer took anastrozole after surgery.\r',
      ' In this cohort, leflutrozole was continued for five years, as an aromatase inhibitor.\r',
      '',
    ].join('\n');
    assert.equal(result.stdout, expected);
    assert.equal(fs.readFileSync(path.join(dir, 'note.md'), 'utf8'), breastCancerNote);
  });

  test('a note that is not valid UTF-8 is never rewritten, and says so', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'invalid-'));
    const bytes = Buffer.concat([Buffer.from('Bad byte \xff here; we gave anastrazole.\n', 'latin1')]);
    writeFiles(dir, { 'note.md': bytes });
    for (const flag of ['--fix', '--fix-dry-run']) {
      const result = runBiolens(['check', flag, 'note.md'], dir);
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /^biolens: warning: 'note\.md' is not valid UTF-8; undecodable bytes were read as U\+FFFD\n/);
      assert.match(result.stderr, /\nbiolens: not fixing 'note\.md': it is not valid UTF-8, and rewriting it would lose the bytes read as U\+FFFD\n$/);
      if (flag === '--fix') assert.match(result.stdout, /^note\.md:1:26: warning drug-misspelling: 'anastrazole'/);
      else assert.equal(result.stdout, '');
      assert.deepEqual(fs.readFileSync(path.join(dir, 'note.md')), bytes);
    }
  });

  test('through a symbolic link, the real file is fixed inside the working folder and left alone outside it', () => {
    const work = fs.mkdtempSync(path.join(tmp, 'work-'));
    const outside = fs.mkdtempSync(path.join(tmp, 'outside-'));
    writeFiles(work, { 'real.md': 'We gave anastrazole.\n' });
    writeFiles(outside, { 'theirs.md': 'We gave anastrazole.\n' });
    fs.symlinkSync('real.md', path.join(work, 'in.md'));
    fs.symlinkSync(path.join(outside, 'theirs.md'), path.join(work, 'out.md'));
    const result = runBiolens(['check', '--fix', 'in.md', 'out.md'], work);
    assert.equal(result.status, 1, result.stderr);
    assert.equal(result.stdout.split('\n')[0], "in.md:1:9: 'anastrazole' → 'anastrozole'");
    assert.match(result.stdout, /\nout\.md:1:9: warning drug-misspelling: 'anastrazole'/);
    assert.equal(
      result.stderr,
      `biolens: not fixing 'out.md': it is reached through a symbolic link and its real file '${fs.realpathSync(path.join(outside, 'theirs.md'))}' is outside the working folder\n`,
    );
    assert.equal(fs.readFileSync(path.join(work, 'real.md'), 'utf8'), 'We gave anastrozole.\n');
    assert.ok(fs.lstatSync(path.join(work, 'in.md')).isSymbolicLink(), 'the link stays a link');
    assert.equal(fs.readFileSync(path.join(outside, 'theirs.md'), 'utf8'), 'We gave anastrazole.\n');
  });

  test('--fix is for check only', () => {
    const result = runBiolens(['annotate', '--fix', '.'], tmp);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'biolens: --fix and --fix-dry-run are for check; annotate changes no file\n');
  });

  test('the help text explains both flags', () => {
    const help = runBiolens(['--help']);
    assert.match(help.stdout, /--fix {2,}check: apply the safe fixes/);
    assert.match(help.stdout, /--fix-dry-run {2,}check: print the safe fixes as a unified diff/);
    assert.match(help.stdout, /64 MB/);
  });
});

/** Applies a unified diff of one file (as `patch` would, without fuzz), checking every context and removed line. */
function applyUnifiedDiff(old: string, diff: string): string {
  const oldLines = old.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  let at = 0;
  const body = diff.match(/[^\n]*\n/g) ?? [];
  for (let i = 2; i < body.length; i++) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@\n$/.exec(body[i]);
    assert.ok(header, `a hunk header: ${body[i]}`);
    const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
    while (at < start) out.push(oldLines[at++]);
    for (i++; i < body.length && !body[i].startsWith('@@'); i++) {
      const noNewline = body[i + 1] === '\\ No newline at end of file\n';
      const line = noNewline ? body[i].slice(1, -1) : body[i].slice(1);
      if (body[i][0] !== '+') assert.equal(oldLines[at++], line, 'context and removed lines match the old text');
      if (body[i][0] !== '-') out.push(line);
      if (noNewline) i++;
    }
    i--;
  }
  while (at < oldLines.length) out.push(oldLines[at++]);
  return out.join('');
}

describe('unified diffs', () => {
  const edit = (text: string, word: string, newText: string, from = 0): TextEdit => {
    const start = text.indexOf(word, from);
    assert.ok(start >= 0, word);
    return { start, end: start + word.length, newText };
  };

  test('changes far apart make two hunks; close ones share one', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const text = `${lines.join('\n')}\n`;
    const far = unifiedDiff('x.md', text, [edit(text, 'line 2\n', 'LINE 2\n'), edit(text, 'line 18', 'LINE 18')]);
    assert.deepEqual(
      far.split('\n').filter((l) => l.startsWith('@@')),
      ['@@ -1,5 +1,5 @@', '@@ -15,6 +15,6 @@'],
    );
    const near = unifiedDiff('x.md', text, [edit(text, 'line 5\n', 'LINE 5\n'), edit(text, 'line 11', 'LINE 11')]);
    assert.deepEqual(
      near.split('\n').filter((l) => l.startsWith('@@')),
      ['@@ -2,13 +2,13 @@'],
    );
  });

  test('a last line without a newline is marked as diff marks it', () => {
    const text = 'a\nWe gave anastrazole.';
    assert.equal(
      unifiedDiff('x.md', text, [edit(text, 'anastrazole', 'anastrozole')]),
      '--- a/x.md\n+++ b/x.md\n@@ -1,2 +1,2 @@\n a\n-We gave anastrazole.\n\\ No newline at end of file\n+We gave anastrozole.\n\\ No newline at end of file\n',
    );
  });

  test('two edits on one line are one change; an edit that adds a line shifts the next hunk', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `l${i + 1}`);
    const text = `${lines.join('\n')}\n`;
    const diff = unifiedDiff('x.md', text, [edit(text, 'l1\n', 'L1 and\nmore\n'), edit(text, 'l12', 'L12')]);
    assert.deepEqual(
      diff.split('\n').filter((l) => l.startsWith('@@')),
      ['@@ -1,4 +1,5 @@', '@@ -9,4 +10,4 @@'],
    );
    const both = unifiedDiff('y.md', 'ab cd\n', [edit('ab cd\n', 'ab', 'AB'), edit('ab cd\n', 'cd', 'CD')]);
    assert.equal(both, '--- a/y.md\n+++ b/y.md\n@@ -1,1 +1,1 @@\n-ab cd\n+AB CD\n');
  });

  test('applying the diff to the old text gives the new text, for random edits (checked by a small patch)', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pieces = ['ab', ' ', 'cd', '\n', '\r\n', 'word', '', 'x\ny'];
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = random(60); i > 0; i--) text += pieces[random(pieces.length)];
      const edits: TextEdit[] = [];
      for (let at = random(4); at <= text.length; at += 1 + random(12)) {
        const end = Math.min(text.length, at + random(5));
        edits.push({ start: at, end, newText: pieces[random(pieces.length)] });
        at = end;
      }
      const after = applyEdits(text, edits);
      const diff = unifiedDiff('r.md', text, edits);
      assert.equal(applyUnifiedDiff(text, diff), after, JSON.stringify({ text, edits, diff }));
    }
  });

  test('the diff is the text before and after applyEdits', () => {
    const text = 'x anastrazole y\r\nz letrazole\r\n';
    const edits = [edit(text, 'letrazole', 'letrozole'), edit(text, 'anastrazole', 'anastrozole')];
    assert.equal(applyEdits(text, edits), 'x anastrozole y\r\nz letrozole\r\n');
    const diff = unifiedDiff('x.md', text, edits);
    const removed = diff
      .split('\n')
      .filter((l) => l.startsWith('-') && !l.startsWith('---'))
      .map((l) => l.slice(1));
    const added = diff
      .split('\n')
      .filter((l) => l.startsWith('+') && !l.startsWith('+++'))
      .map((l) => l.slice(1));
    assert.equal(`${removed.join('\n')}\n`, text);
    assert.equal(`${added.join('\n')}\n`, applyEdits(text, edits));
  });
});
