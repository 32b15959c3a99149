import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingCodes } from '../../src/core';
import { parseArgs, settingsFromOptions, UsageError, type DocumentOptions } from '../../src/cli/args';
import { decodeNote, encodeNote, gatherNotes, readDictionaries, walkFolder } from '../../src/cli/files';
import { parseDictionary } from '../../src/core/dictionary';
import {
  entityRecords,
  findingRecords,
  formatEntitiesJson,
  formatEntitiesText,
  formatFindingsJson,
  formatFindingsSarif,
  formatFindingsText,
  sarifUri,
} from '../../src/cli/format';
import { createLineIndex } from '../../src/cli/positions';
import type { DocumentAnalysis, EntityMention, Finding } from '../../src/core/types';
import { defaultSettings } from '../../src/core/settings';
import { version as packageVersion } from '../../package.json';
import { makeFifo, makeTempDir, repoRoot, runBiolens, writeFiles } from '../helpers/cli';

/** The source text between 1-based line/column positions (end exclusive), as the JSON contract defines them. */
function sliceByLineColumn(source: string, line: number, column: number, endLine: number, endColumn: number): string {
  const lineStarts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(source); m; m = breaks.exec(source)) lineStarts.push(m.index + m[0].length);
  return source.slice(lineStarts[line - 1] + column - 1, lineStarts[endLine - 1] + endColumn - 1);
}

const documentOptions = (overrides: Partial<DocumentOptions> = {}): DocumentOptions => ({
  paths: [],
  format: 'text',
  severity: [],
  ignoredWords: [],
  dictionaries: [],
  ...overrides,
});

describe('argument parsing', () => {
  test('check takes paths and repeatable options in any order', () => {
    const command = parseArgs([
      '--format=json',
      'check',
      'a.md',
      '--severity',
      'drug-misspelling=error',
      'notes',
      '--ignore-word',
      'foo',
      '--ignore-word=bar',
      '--dictionary',
      'words.txt',
      '--severity=drug-lookalike=hint',
    ]);
    assert.deepEqual(command, {
      kind: 'check',
      fix: 'off',
      paths: ['a.md', 'notes'],
      format: 'json',
      severity: [
        ['drug-misspelling', 'error'],
        ['drug-lookalike', 'hint'],
      ],
      ignoredWords: ['foo', 'bar'],
      dictionaries: ['words.txt'],
    });
  });

  test('defaults to text and no paths', () => {
    assert.deepEqual(parseArgs(['annotate']), { kind: 'annotate', ...documentOptions() });
  });

  test('help and version win over everything else', () => {
    assert.deepEqual(parseArgs(['check', '--help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['-h']), { kind: 'help' });
    assert.deepEqual(parseArgs(['help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
  });

  test('explain joins its words into one term', () => {
    assert.deepEqual(parseArgs(['explain', 'estrogen', 'receptor']), { kind: 'explain', term: 'estrogen receptor' });
  });

  test('check --fix and --fix-dry-run set the fix mode; --fix keeps any format', () => {
    const fix = parseArgs(['check', '--fix', 'notes', '--format', 'sarif']);
    assert.deepEqual(fix.kind === 'check' && [fix.fix, fix.format, fix.paths], ['write', 'sarif', ['notes']]);
    const dryRun = parseArgs(['check', '--fix-dry-run']);
    assert.equal(dryRun.kind === 'check' && dryRun.fix, 'dry-run');
  });

  test('paths after -- are paths even when they look like options', () => {
    const command = parseArgs(['check', '--', '--odd-name.md']);
    assert.equal(command.kind, 'check');
    assert.deepEqual(command.kind === 'check' && command.paths, ['--odd-name.md']);
  });

  const usageErrors: [string[], RegExp][] = [
    [[], /missing command/],
    [['lint'], /unknown command 'lint'/],
    [['check', '--colour'], /unknown option '--colour'/],
    [['check', '--format'], /needs a value/],
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif/],
    [['check', '--severity', 'drug-misspelling'], /CODE=LEVEL/],
    [['annotate', '--format', 'sarif'], /sarif is for check/],
    [['explain'], /needs a term/],
    [['annotate', '--fix'], /--fix and --fix-dry-run are for check/],
    [['explain', '--fix-dry-run', 'letrozole'], /are for check/],
    [['check', '--fix', '--fix-dry-run'], /exclude each other/],
    [['check', '--fix-dry-run', '--format', 'json'], /--fix-dry-run prints a diff/],
    [['check', '--fix=yes'], /'--fix' takes no value/],
  ];
  for (const [argv, message] of usageErrors) {
    test(`rejects ${JSON.stringify(argv)}`, () => {
      assert.throws(
        () => parseArgs(argv),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
    });
  }

  test('settings take severities, ignored words and dictionary words', () => {
    const settings = settingsFromOptions(
      documentOptions({
        severity: [
          ['drug-misspelling', 'error'],
          ['drug-misspelling', 'ignore'],
        ],
        ignoredWords: ['foo'],
      }),
      ['bar'],
    );
    assert.equal(settings.severity['drug-misspelling'], 'ignore');
    assert.equal(settings.severity['drug-lookalike'], defaultSettings.severity['drug-lookalike']);
    assert.deepEqual(settings.ignoredWords, ['foo', 'bar']);
  });

  test('a name every object inherits is no finding code', () => {
    for (const code of ['__proto__', 'toString', 'constructor', 'hasOwnProperty']) {
      assert.throws(
        () => settingsFromOptions(documentOptions({ severity: [[code, 'error']] }), []),
        (error: unknown) => error instanceof UsageError && error.message.includes(`unknown finding code '${code}'`),
        code,
      );
    }
  });

  test('an unknown code or level is a usage error', () => {
    assert.throws(
      () => settingsFromOptions(documentOptions({ severity: [['drug-typo', 'error']] }), []),
      (error: unknown) => error instanceof UsageError && /drug-typo/.test(error.message),
    );
    assert.throws(
      () => settingsFromOptions(documentOptions({ severity: [['drug-misspelling', 'fatal']] }), []),
      (error: unknown) => error instanceof UsageError && /ignore, hint, information, warning, error/.test(error.message),
    );
  });
});

describe('line and column mapping', () => {
  test('counts UTF-16 code units, 1-based, across every kind of line break', () => {
    const text = 'ab\r\n😀x\ry\nz';
    const lines = createLineIndex(text);
    assert.deepEqual(lines.position(0), { line: 1, column: 1 });
    assert.deepEqual(lines.position(2), { line: 1, column: 3 });
    assert.deepEqual(lines.position(4), { line: 2, column: 1 });
    assert.deepEqual(lines.position(text.indexOf('x')), { line: 2, column: 3 });
    assert.deepEqual(lines.position(text.indexOf('y')), { line: 3, column: 1 });
    assert.deepEqual(lines.position(text.indexOf('z')), { line: 4, column: 1 });
    assert.deepEqual(lines.position(text.length), { line: 4, column: 2 });
  });

  test('an empty document has one line', () => {
    assert.deepEqual(createLineIndex('').position(0), { line: 1, column: 1 });
  });
});

function finding(source: string, word: string, overrides: Partial<Finding> = {}): Finding {
  const start = source.indexOf(word);
  assert.ok(start >= 0, `${word} is in the source`);
  return {
    start,
    end: start + word.length,
    code: 'drug-misspelling',
    severity: 'warning',
    message: `'${word}' looks like a misspelt drug name`,
    text: word,
    data: { suggestions: ['anastrozole', 'letrozole'], word: word.toLowerCase() },
    ...overrides,
  };
}

function mention(source: string, word: string, entity: Omit<EntityMention, 'start' | 'end' | 'text'>): EntityMention {
  const start = source.indexOf(word);
  return { start, end: start + word.length, text: word, ...entity };
}

describe('formats', () => {
  const source = '# Notes\r\n\r\nWe gave 😀 anastrazole with HER-2/neu.\nThen letrazole.';
  const analysis: DocumentAnalysis = {
    uri: 'file:///notes.md',
    version: 1,
    entities: [
      mention(source, 'HER-2/neu', { kind: 'gene', id: 'HGNC:3430', canonical: 'ERBB2' }),
      mention(source, 'anastrazole', { kind: 'drug', id: 'DB01217', canonical: 'anastrozole' }),
    ],
    findings: [
      finding(source, 'letrazole', { code: 'drug-lookalike', severity: 'hint', data: { suggestions: [], word: 'letrazole' } }),
      finding(source, 'anastrazole'),
    ],
  };
  const findings = findingRecords('docs/notes.md', source, analysis);
  const entities = entityRecords('docs/notes.md', source, analysis);

  test('records are in document order with 1-based UTF-16 positions and the exact text', () => {
    assert.deepEqual(
      findings.map((r) => [r.text, r.line, r.column, r.endLine, r.endColumn]),
      [
        ['anastrazole', 3, 12, 3, 23],
        ['letrazole', 4, 6, 4, 15],
      ],
    );
    for (const r of [...findings, ...entities]) {
      assert.equal(sliceByLineColumn(source, r.line, r.column, r.endLine, r.endColumn), r.text);
    }
    assert.deepEqual(
      entities.map((r) => r.text),
      ['anastrazole', 'HER-2/neu'],
    );
  });

  test('check text reads like compiler output and ends with a summary', () => {
    assert.equal(
      formatFindingsText(findings, 3),
      [
        "docs/notes.md:3:12: warning drug-misspelling: 'anastrazole' looks like a misspelt drug name [suggestions: anastrozole, letrozole]",
        "docs/notes.md:4:6: hint drug-lookalike: 'letrazole' looks like a misspelt drug name",
        '2 findings in 3 files',
        '',
      ].join('\n'),
    );
    assert.equal(formatFindingsText([], 1), '0 findings in 1 file\n');
    assert.equal(formatFindingsText([], 0), '');
  });

  test('a message with line breaks still takes one output line', () => {
    const [record] = findings;
    const text = formatFindingsText([{ ...record, message: 'first\nsecond' }], 1);
    assert.equal(text.split('\n')[0], 'docs/notes.md:3:12: warning drug-misspelling: first second [suggestions: anastrozole, letrozole]');
  });

  test('check JSON has exactly the contract fields in order', () => {
    const parsed = JSON.parse(formatFindingsJson(findings));
    assert.deepEqual(parsed[0], {
      file: 'docs/notes.md',
      line: 3,
      column: 12,
      endLine: 3,
      endColumn: 23,
      text: 'anastrazole',
      code: 'drug-misspelling',
      severity: 'warning',
      message: "'anastrazole' looks like a misspelt drug name",
      suggestions: ['anastrozole', 'letrozole'],
    });
    assert.deepEqual(Object.keys(parsed[1]), Object.keys(parsed[0]));
    assert.deepEqual(JSON.parse(formatFindingsJson([])), []);
  });

  test('annotate text and JSON', () => {
    assert.equal(
      formatEntitiesText(entities),
      'docs/notes.md:3:12: drug anastrozole (DB01217) "anastrazole"\ndocs/notes.md:3:29: gene ERBB2 (HGNC:3430) "HER-2/neu"\n',
    );
    assert.deepEqual(JSON.parse(formatEntitiesJson(entities))[1], {
      file: 'docs/notes.md',
      line: 3,
      column: 29,
      endLine: 3,
      endColumn: 38,
      text: 'HER-2/neu',
      kind: 'gene',
      id: 'HGNC:3430',
      canonical: 'ERBB2',
    });
  });

  test('SARIF 2.1.0: every code a rule, levels mapped, regions as in JSON, the best suggestion a fix', () => {
    const log = JSON.parse(
      formatFindingsSarif(findings, '1.2.3', {
        'drug-misspelling': 'warning',
        'drug-lookalike': 'ignore',
        'drug-inconsistent': 'information',
        'drug-spelling-variant': 'information',
        'gene-symbol-outdated': 'information',
        'abbreviation-before-definition': 'information',
      }),
    );
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'biolens');
    assert.equal(run.tool.driver.version, '1.2.3');
    assert.equal(run.tool.driver.informationUri, undefined);
    assert.deepEqual(
      run.tool.driver.rules.map((rule: { id: string }) => rule.id),
      [...findingCodes],
    );
    for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text.length > 0);
    assert.equal(run.tool.driver.rules[1].defaultConfiguration.enabled, false);
    assert.deepEqual(
      run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
      [
        ['drug-misspelling', 'warning'],
        ['drug-lookalike', 'note'],
      ],
    );
    const [first, second] = run.results;
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, first.ruleId);
    assert.deepEqual(first.locations[0].physicalLocation.artifactLocation, { uri: 'docs/notes.md' });
    assert.deepEqual(first.locations[0].physicalLocation.region, {
      startLine: 3,
      startColumn: 12,
      endLine: 3,
      endColumn: 23,
      snippet: { text: 'anastrazole' },
    });
    assert.equal(first.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'anastrozole');
    assert.equal(second.fixes, undefined);
  });

  test('SARIF URIs are percent-encoded relative references, or file URIs for absolute paths', () => {
    assert.equal(sarifUri('my notes/ré sumé.md'), 'my%20notes/r%C3%A9%20sum%C3%A9.md');
    assert.equal(sarifUri('/tmp/a b.md'), 'file:///tmp/a%20b.md');
    assert.equal(sarifUri('../x.md'), '../x.md');
  });
});

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

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  code: string;
  severity: string;
  message: string;
  suggestions: string[];
}

interface JsonEntity {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
  kind: string;
  id: string;
  canonical: string;
}

function parseJsonOutput<T>(result: SpawnSyncReturns<string>): T[] {
  const parsed: unknown = JSON.parse(result.stdout);
  assert.ok(Array.isArray(parsed), 'stdout is a JSON array');
  return parsed as T[];
}

function assertFindingShape(record: JsonFinding): void {
  assert.deepEqual(Object.keys(record), ['file', 'line', 'column', 'endLine', 'endColumn', 'text', 'code', 'severity', 'message', 'suggestions']);
  assert.equal(typeof record.file, 'string');
  for (const n of [record.line, record.column, record.endLine, record.endColumn]) assert.ok(Number.isInteger(n) && n >= 1);
  assert.ok(record.endLine > record.line || (record.endLine === record.line && record.endColumn > record.column));
  assert.ok(['drug-misspelling', 'drug-lookalike'].includes(record.code), record.code);
  assert.ok(['error', 'warning', 'information', 'hint'].includes(record.severity), record.severity);
  assert.equal(typeof record.message, 'string');
  assert.ok(record.message.length > 0);
  assert.ok(Array.isArray(record.suggestions) && record.suggestions.every((s) => typeof s === 'string'));
}

/** Every record's text is the source slice at its line/columns. */
function assertTextsMatchSource(records: readonly (JsonFinding | JsonEntity)[], cwd: string, decode = (b: Buffer) => b.toString('utf8')): void {
  const sources = new Map<string, string>();
  for (const r of records) {
    if (!sources.has(r.file)) sources.set(r.file, decode(fs.readFileSync(path.resolve(cwd, r.file))));
    assert.equal(sliceByLineColumn(sources.get(r.file)!, r.line, r.column, r.endLine, r.endColumn), r.text, `${r.file}:${r.line}:${r.column}`);
  }
}

describe('end to end through dist/cli.js', () => {
  let tmp: string;
  before(() => {
    const build = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, `bundling failed: ${build.stderr}`);
    tmp = makeTempDir();
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('--version prints the package version; --help explains columns', () => {
    const version = runBiolens(['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), packageVersion);
    const help = runBiolens(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /biolens check/);
    assert.match(help.stdout, /UTF-16 code units/);
  });

  test('check flags the misspellings in examples/seed-mixups.md and exits 1', () => {
    const result = runBiolens(['check', 'examples/seed-mixups.md', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const records = parseJsonOutput<JsonFinding>(result);
    assert.ok(records.length >= 4, `found ${records.length}`);
    for (const r of records) {
      assertFindingShape(r);
      assert.equal(r.file, 'examples/seed-mixups.md');
    }
    assertTextsMatchSource(records, repoRoot);
    const suggestionsFor = (word: string): string[] => {
      const hit = records.find((r) => r.text.toLowerCase() === word.toLowerCase());
      assert.ok(hit, `${word} is flagged`);
      return hit.suggestions.map((s) => s.toLowerCase());
    };
    assert.equal(suggestionsFor('anastrazole')[0], 'anastrozole');
    assert.equal(suggestionsFor('letrazole')[0], 'letrozole');
    assert.equal(suggestionsFor('palbocyclib')[0], 'palbociclib');
    const leflutroazole = suggestionsFor('Leflutroazole');
    assert.ok(leflutroazole.includes('letrozole') || leflutroazole.includes('leflutrozole'), leflutroazole.join(', '));
    const correct = ['letrozole', 'anastrozole', 'palbociclib', 'fulvestrant'];
    assert.deepEqual(
      records.filter((r) => correct.includes(r.text.toLowerCase())),
      [],
      'correctly spelled drugs are not flagged',
    );
  });

  test('check examples: only the note with deliberate mistakes has findings', () => {
    const result = runBiolens(['check', 'examples', '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    const files = new Set(parseJsonOutput<JsonFinding>(result).map((r) => r.file));
    assert.deepEqual([...files], ['examples/seed-mixups.md']);
  });

  test('text output lists the same findings, one per line, and a summary', () => {
    const json = parseJsonOutput<JsonFinding>(runBiolens(['check', 'examples/seed-mixups.md', '--format', 'json']));
    const result = runBiolens(['check', 'examples/seed-mixups.md']);
    assert.equal(result.status, 1);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, json.length + 1);
    json.forEach((r, i) => {
      const suggestions = r.suggestions.length > 0 ? ` [suggestions: ${r.suggestions.join(', ')}]` : '';
      assert.equal(lines[i], `${r.file}:${r.line}:${r.column}: ${r.severity} ${r.code}: ${r.message}${suggestions}`);
    });
    assert.equal(lines.at(-1), `${json.length} findings in 1 file`);
  });

  test('examples/male-hypogonadism.md uses leflutrozole correctly: no findings, exit 0', () => {
    const json = runBiolens(['check', 'examples/male-hypogonadism.md', '--format', 'json']);
    assert.equal(json.status, 0, json.stdout);
    assert.deepEqual(parseJsonOutput(json), []);
    const text = runBiolens(['check', 'examples/male-hypogonadism.md']);
    assert.equal(text.status, 0);
    assert.equal(text.stdout, '0 findings in 1 file\n');
  });

  test('SARIF output is 2.1.0 with one result per JSON finding', () => {
    const json = parseJsonOutput<JsonFinding>(runBiolens(['check', 'examples', '--format', 'json']));
    const result = runBiolens(['check', 'examples', '--format', 'sarif']);
    assert.equal(result.status, 1);
    const log = JSON.parse(result.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'biolens');
    assert.equal(run.tool.driver.version, packageVersion);
    const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.equal(run.results.length, json.length);
    interface SarifResult {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } };
      }[];
    }
    run.results.forEach((r: SarifResult, i: number) => {
      assert.ok(ruleIds.includes(r.ruleId));
      assert.equal(r.ruleId, json[i].code);
      assert.equal(r.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[json[i].severity]);
      assert.equal(r.message.text, json[i].message);
      const location = r.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uri, json[i].file);
      assert.deepEqual(
        [location.region.startLine, location.region.startColumn, location.region.endLine, location.region.endColumn],
        [json[i].line, json[i].column, json[i].endLine, json[i].endColumn],
      );
    });
  });

  test('annotate finds HER2 and ERBB2 as HGNC:3430 and letrozole as a drug', () => {
    writeFiles(tmp, { 'annotate/her2.md': 'The HER2 gene (also written ERBB2) was sequenced; patients got 😀 letrozole.\n' });
    const result = runBiolens(['annotate', 'annotate/her2.md', '--format', 'json'], tmp);
    assert.equal(result.status, 0, result.stderr);
    const entities = parseJsonOutput<JsonEntity>(result);
    for (const e of entities) {
      assert.deepEqual(Object.keys(e), ['file', 'line', 'column', 'endLine', 'endColumn', 'text', 'kind', 'id', 'canonical']);
      assert.equal(e.file, 'annotate/her2.md');
    }
    assertTextsMatchSource(entities, tmp);
    const byText = (text: string): JsonEntity => {
      const hit = entities.find((e) => e.text === text);
      assert.ok(hit, `${text} is recognised`);
      return hit;
    };
    for (const text of ['HER2', 'ERBB2']) {
      assert.deepEqual([byText(text).kind, byText(text).id, byText(text).canonical], ['gene', 'HGNC:3430', 'ERBB2']);
    }
    const letrozole = byText('letrozole');
    assert.deepEqual([letrozole.kind, letrozole.canonical], ['drug', 'letrozole']);
    // The emoji is two UTF-16 code units: columns count code units.
    const source = fs.readFileSync(path.join(tmp, 'annotate/her2.md'), 'utf8');
    assert.equal(letrozole.column, source.indexOf('letrozole') + 1);

    const text = runBiolens(['annotate', 'annotate/her2.md'], tmp);
    assert.equal(text.status, 0);
    assert.ok(text.stdout.split('\n').includes('annotate/her2.md:1:5: gene ERBB2 (HGNC:3430) "HER2"'), text.stdout);
  });

  test('columns count UTF-16 code units after astral characters and CRLF line breaks', () => {
    writeFiles(tmp, { 'columns/note.md': '# Title\r\n\r\n😀😀 we gave anastrazole daily.\r\n' });
    const result = runBiolens(['check', 'columns/note.md', '--format', 'json'], tmp);
    assert.equal(result.status, 1, result.stderr);
    const [record] = parseJsonOutput<JsonFinding>(result);
    assert.deepEqual([record.text, record.line, record.column, record.endLine, record.endColumn], ['anastrazole', 3, 14, 3, 25]);
  });

  test('--severity changes what is reported and how; ignore turns a code off', () => {
    writeFiles(tmp, { 'severity/note.md': 'Patients took anastrazole.\n' });
    const asError = runBiolens(['check', 'severity/note.md', '--format', 'json', '--severity', 'drug-misspelling=error'], tmp);
    assert.equal(asError.status, 1);
    assert.deepEqual(
      parseJsonOutput<JsonFinding>(asError).map((r) => [r.text, r.severity]),
      [['anastrazole', 'error']],
    );
    const sarif = JSON.parse(runBiolens(['check', 'severity/note.md', '--format', 'sarif', '--severity=drug-misspelling=hint'], tmp).stdout);
    assert.equal(sarif.runs[0].results[0].level, 'note');
    const ignored = runBiolens(['check', 'severity/note.md', '--format', 'json', '--severity', 'drug-misspelling=ignore'], tmp);
    assert.equal(ignored.status, 0);
    assert.deepEqual(parseJsonOutput(ignored), []);
  });

  test('ignored words and dictionaries silence a finding', () => {
    writeFiles(tmp, {
      'words/note.md': 'Patients took anastrazole.\n',
      'words/team.txt': '# our spellings\nanastrazole  # sic\n',
    });
    const flagged = runBiolens(['check', 'words/note.md'], tmp);
    assert.equal(flagged.status, 1);
    assert.equal(runBiolens(['check', 'words/note.md', '--ignore-word', 'anastrazole'], tmp).status, 0);
    assert.equal(runBiolens(['check', 'words/note.md', '--dictionary', 'words/team.txt'], tmp).status, 0);
    const withDefault = makeTempDir();
    try {
      writeFiles(withDefault, { 'note.md': 'Patients took anastrazole.\n', 'biolens-dictionary.txt': 'anastrazole\n' });
      assert.equal(runBiolens(['check'], withDefault).status, 0);
    } finally {
      fs.rmSync(withDefault, { recursive: true, force: true });
    }
  });

  test('usage and read errors exit 2 with one clear line on stderr', () => {
    const missing = runBiolens(['check', 'nope.md'], tmp);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, "biolens: cannot read 'nope.md': no such file\n");
    assert.equal(missing.stdout, '');
    const cases: [string[], RegExp][] = [
      [[], /^biolens: missing command/],
      [['check', '--format', 'xml'], /^biolens: --format must be one of/],
      [['check', '--severity', 'drug-typo=error'], /^biolens: invalid --severity: unknown finding code 'drug-typo'/],
      [['check', '--severity', 'drug-misspelling=loud'], /^biolens: invalid --severity/],
      [['check', '--dictionary', 'none.txt'], /^biolens: cannot read dictionary 'none.txt': no such file/],
      [['check', '--severity', '__proto__=error'], /^biolens: invalid --severity: unknown finding code '__proto__'/],
      [['check', '--severity', 'toString=error'], /^biolens: invalid --severity: unknown finding code 'toString'/],
      [['annotate', '--fix'], /^biolens: --fix and --fix-dry-run are for check/],
      [['frobnicate'], /^biolens: unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const result = runBiolens(args, tmp);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    }
  });

  test('explain prints a card, or exits 2 for an unknown term', () => {
    const card = runBiolens(['explain', 'letrozole']);
    assert.equal(card.status, 0, card.stderr);
    assert.match(card.stdout, /letrozole/i);
    const unknown = runBiolens(['explain', 'notadrugatallxyz']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^biolens: unknown term 'notadrugatallxyz'/);
  });

  test('a folder without markdown prints nothing, or an empty array, and exits 0', () => {
    writeFiles(tmp, { 'plain/readme.txt': 'anastrazole\n', 'plain/node_modules/x/readme.md': 'anastrazole\n' });
    const text = runBiolens(['check', 'plain'], tmp);
    assert.deepEqual([text.status, text.stdout], [0, '']);
    const json = runBiolens(['check', 'plain', '--format', 'json'], tmp);
    assert.equal(json.status, 0);
    assert.deepEqual(parseJsonOutput(json), []);
  });

  test('a folder is searched recursively; binary notes found there are skipped with a warning', () => {
    const binary = Buffer.concat([Buffer.from('anastrazole\n'), Buffer.from([0, 1, 2, 0])]);
    writeFiles(tmp, {
      'mixed/binary.md': binary,
      'mixed/deep/note.md': 'We gave letrazole.\n',
      'mixed/empty.md': '',
      'mixed/.hidden/note.md': 'anastrazole\n',
    });
    const result = runBiolens(['check', 'mixed', '--format', 'json'], tmp);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(
      parseJsonOutput<JsonFinding>(result).map((r) => [r.file, r.text]),
      [['mixed/deep/note.md', 'letrazole']],
    );
    assert.match(result.stderr, /warning: skipping 'mixed\/binary\.md': binary file/);
  });

  test('a binary note named on the command line is an error, not a skip: a CI gate must not pass it unread', () => {
    writeFiles(tmp, { 'named-binary/binary.md': Buffer.concat([Buffer.from('anastrazole\n'), Buffer.from([0, 1, 2, 0])]) });
    for (const format of ['text', 'json']) {
      const alone = runBiolens(['check', 'named-binary/binary.md', '--format', format], tmp);
      assert.equal(alone.status, 2, alone.stderr);
      assert.equal(alone.stderr, "biolens: cannot check 'named-binary/binary.md': binary file (a NUL byte in its first 8 KB)\n");
    }
  });

  test('an empty file has no findings', () => {
    writeFiles(tmp, { 'empty/note.md': '' });
    const result = runBiolens(['check', 'empty/note.md', '--format', 'json'], tmp);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(parseJsonOutput(result), []);
  });

  test('invalid UTF-8 is read with replacement characters and a warning', () => {
    const bytes = Buffer.concat([Buffer.from('Bad byte \xff here: ', 'latin1'), Buffer.from('we gave anastrazole.\n')]);
    writeFiles(tmp, { 'invalid/note.md': bytes });
    const result = runBiolens(['check', 'invalid/note.md', '--format', 'json'], tmp);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /warning: 'invalid\/note\.md' is not valid UTF-8/);
    const records = parseJsonOutput<JsonFinding>(result);
    assert.deepEqual(
      records.map((r) => r.text),
      ['anastrazole'],
    );
    assertTextsMatchSource(records, tmp, (b) => new TextDecoder('utf-8').decode(b));
  });

  test('a quoted glob is expanded, skipping node_modules', () => {
    writeFiles(tmp, {
      'globbed/a/one.md': 'We gave letrazole.\n',
      'globbed/node_modules/dep/two.md': 'We gave letrazole.\n',
    });
    const result = runBiolens(['check', 'globbed/**/*.md', '--format', 'json'], tmp);
    assert.equal(result.status, 1, result.stderr);
    assert.deepEqual(
      parseJsonOutput<JsonFinding>(result).map((r) => r.file),
      ['globbed/a/one.md'],
    );
  });

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
      words.push('anastrazole');
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
