import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { version as packageVersion } from '../../package.json';
import { assertBundled, makeTempDir, repoRoot, runBiolens, writeFiles } from '../helpers/cli';
import { assertFindingShape, assertTextsMatchSource, parseJsonOutput, type JsonEntity, type JsonFinding } from '../helpers/cliOutput';

describe('end to end through dist/cli.js', () => {
  let tmp: string;
  before(() => {
    assertBundled('cli.js');
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

  test('a dictionary entry that hides a slip of a drug is pointed out in the dictionary, once it has a reason it is not', () => {
    const dir = makeTempDir();
    try {
      writeFiles(dir, {
        'note.md': 'Patients took letrazole daily.\n',
        'biolens-dictionary.txt': '# team words\nletrazole\n',
        'team.txt': 'anastrazole\n',
      });
      const checked = runBiolens(['check', 'note.md', '--dictionary', 'team.txt'], dir);
      // The slip in the note is silenced by the entry; the entries themselves are reported, as information.
      assert.equal(checked.status, 0, checked.stderr);
      assert.equal(
        checked.stdout,
        "team.txt:1:1: information dictionary-hides-slip: 'anastrazole' is one edit from anastrozole; a dictionary entry hides that slip everywhere. If it is meant, say why after a '#' on its line; else remove it.\n" +
          "biolens-dictionary.txt:2:1: information dictionary-hides-slip: 'letrazole' is one edit from letrozole; a dictionary entry hides that slip everywhere. If it is meant, say why after a '#' on its line; else remove it.\n" +
          '0 findings in 1 file\n',
      );
      assert.deepEqual(parseJsonOutput(runBiolens(['check', 'note.md', '--format', 'json'], dir)), [], 'JSON lists the notes’ findings only');
      writeFiles(dir, { 'biolens-dictionary.txt': '# team words\nletrazole  # spelled so in the trial protocol we quote\n' });
      assert.equal(runBiolens(['check', 'note.md'], dir).stdout, '0 findings in 1 file\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
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
});
