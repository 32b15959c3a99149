import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertBundled, makeTempDir, repoRoot, runBiolens, writeFiles } from '../helpers/cli';
import type { JsonEntity } from '../helpers/cliOutput';

/** `biolens annotate --format jsonl` and `--jobs N` through dist/cli.js (and its worker bundle). */

interface JsonLineEntity extends JsonEntity {
  start: number;
  end: number;
}

function parseJsonLines(stdout: string): JsonLineEntity[] {
  assert.ok(stdout === '' || stdout.endsWith('\n'), 'every line ends');
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JsonLineEntity);
}

describe('annotate --format jsonl and --jobs', () => {
  let tmp: string;
  before(() => {
    assertBundled('cli.js', 'annotateWorker.js');
    tmp = makeTempDir();
    // The shipped example notes, several times over in nested folders, so that two workers
    // interleave and finish out of order.
    const examples = fs.readdirSync(path.join(repoRoot, 'examples')).filter((name) => name.endsWith('.md'));
    const files: Record<string, string> = {};
    for (const copy of ['a', 'b/c', 'd']) {
      for (const name of examples) files[`corpus/${copy}/${name}`] = fs.readFileSync(path.join(repoRoot, 'examples', name), 'utf8');
    }
    files['corpus/b/short.md'] = 'ESR1 mutations emerged on letrozole.\n';
    writeFiles(tmp, files);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('two jobs give the same mentions, in the same order, as one', () => {
    const one = runBiolens(['annotate', '--format', 'jsonl', '--jobs', '1', 'corpus'], tmp);
    const two = runBiolens(['annotate', '--format', 'jsonl', '--jobs', '2', 'corpus'], tmp);
    assert.equal(one.status, 0, one.stderr);
    assert.equal(two.status, 0, two.stderr);
    const mentions = parseJsonLines(one.stdout);
    assert.ok(mentions.length > 100, `${mentions.length} mentions`);
    assert.deepEqual(parseJsonLines(two.stdout), mentions);

    // One object a line with the contract's fields; offsets select the text in the note.
    const sources = new Map<string, string>();
    for (const mention of mentions) {
      assert.deepEqual(Object.keys(mention), ['file', 'start', 'end', 'line', 'column', 'endLine', 'endColumn', 'text', 'kind', 'id', 'canonical']);
      if (!sources.has(mention.file)) sources.set(mention.file, fs.readFileSync(path.join(tmp, mention.file), 'utf8'));
      assert.equal(sources.get(mention.file)!.slice(mention.start, mention.end), mention.text);
    }
    // The notes in the order the folder walk gives them, each note's mentions together.
    const order = [...new Set(mentions.map((m) => m.file))];
    assert.deepEqual(order, [...order].sort());
    assert.ok(order.includes('corpus/b/short.md'));
  });

  test('the same mentions as --format json, which has no offsets', () => {
    const lines = runBiolens(['annotate', '--format', 'jsonl', '--jobs', '2', 'corpus/a'], tmp);
    const json = runBiolens(['annotate', '--format', 'json', '--jobs', '2', 'corpus/a'], tmp);
    assert.equal(json.status, 0, json.stderr);
    const withoutOffsets = parseJsonLines(lines.stdout).map(({ start: _start, end: _end, ...rest }) => rest);
    assert.deepEqual(JSON.parse(json.stdout), withoutOffsets);
  });

  test('an unreadable or binary note is reported by name and the other notes are still annotated', () => {
    writeFiles(tmp, {
      'mixed/a.md': 'Letrozole and ESR1.\n',
      'mixed/b.md': new Uint8Array([0x23, 0x20, 0x00, 0x01]),
      'mixed/c.md': 'Palbociclib with fulvestrant.\n',
    });
    fs.chmodSync(path.join(tmp, 'mixed/c.md'), 0o000);
    // As a user who cannot read c.md (the tests run as root, which reads anything).
    fs.chmodSync(tmp, 0o755);
    const asNobody = { uid: 65534, gid: 65534 };
    const named = runBiolens(['annotate', '--format', 'jsonl', '--jobs', '2', 'mixed/a.md', 'mixed/b.md', 'mixed/c.md'], tmp, asNobody);
    assert.equal(named.status, 2);
    assert.match(named.stderr, /'mixed\/b\.md'.*binary/);
    assert.match(named.stderr, /mixed\/c\.md/);
    assert.deepEqual(
      [...new Set(parseJsonLines(named.stdout).map((m) => m.file))],
      ['mixed/a.md'],
      'the readable note is annotated whatever happened to the others',
    );
  });

  test('--jobs takes a whole number, and only annotate takes it or jsonl', () => {
    for (const [args, message] of [
      [['annotate', '--jobs', '0', 'corpus'], /--jobs takes a whole number/],
      [['annotate', '--jobs', 'many', 'corpus'], /--jobs takes a whole number/],
      [['check', '--jobs', '2', 'corpus'], /--jobs is for annotate/],
      [['check', '--format', 'jsonl', 'corpus'], /--format jsonl is for annotate/],
    ] as const) {
      const result = runBiolens(args, tmp);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
  });
});
