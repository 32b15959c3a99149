import type { SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';

/** Helpers for reading the CLI's JSON output in tests, shared by the test/cli files. */

/** The source text between 1-based line/column positions (end exclusive), as the JSON contract defines them. */
export function sliceByLineColumn(source: string, line: number, column: number, endLine: number, endColumn: number): string {
  const lineStarts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(source); m; m = breaks.exec(source)) lineStarts.push(m.index + m[0].length);
  return source.slice(lineStarts[line - 1] + column - 1, lineStarts[endLine - 1] + endColumn - 1);
}

/** Where a record is: the fields findings and entities share. */
interface JsonLocated {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

export interface JsonFinding extends JsonLocated {
  code: string;
  severity: string;
  message: string;
  suggestions: string[];
}

export interface JsonEntity extends JsonLocated {
  kind: string;
  id: string;
  canonical: string;
}

export function parseJsonOutput<T>(result: SpawnSyncReturns<string>): T[] {
  const parsed: unknown = JSON.parse(result.stdout);
  assert.ok(Array.isArray(parsed), 'stdout is a JSON array');
  return parsed as T[];
}

export function assertFindingShape(record: JsonFinding): void {
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
export function assertTextsMatchSource(records: readonly (JsonFinding | JsonEntity)[], cwd: string, decode = (b: Buffer) => b.toString('utf8')): void {
  const sources = new Map<string, string>();
  for (const r of records) {
    if (!sources.has(r.file)) sources.set(r.file, decode(fs.readFileSync(path.resolve(cwd, r.file))));
    assert.equal(sliceByLineColumn(sources.get(r.file)!, r.line, r.column, r.endLine, r.endColumn), r.text, `${r.file}:${r.line}:${r.column}`);
  }
}
