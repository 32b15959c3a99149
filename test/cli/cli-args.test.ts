import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findingCodes } from '../../src/core';
import { parseArgs, settingsFromOptions, UsageError, type DocumentOptions } from '../../src/cli/args';
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
import { sliceByLineColumn } from '../helpers/cliOutput';

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
    [['check', '--format', 'xml'], /--format must be one of text, json, jsonl, sarif/],
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
