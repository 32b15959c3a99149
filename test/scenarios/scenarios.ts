import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../src/core/types';

/** A scenario note with its inline markers removed, and what the markers expect. */
export interface Scenario {
  readonly name: string;
  readonly file: string;
  /** The note as analysed: markers stripped. */
  readonly text: string;
  /** `word@offset code`, one per marked code, in document order. */
  readonly expected: readonly string[];
}

/** What is kept of a finding in a snapshot: what a writer reads. */
export interface SnapshotEntry {
  readonly at: string;
  readonly message: string;
  readonly suggestions: readonly string[];
  readonly safeFix: boolean;
}

export const scenarioDir = __dirname;

const marker = / \{([a-z-]+(?:,[a-z-]+)*)\}/g;

export function readScenario(file: string): Scenario {
  const source = fs.readFileSync(file, 'utf8');
  const expected: string[] = [];
  let text = '';
  let last = 0;
  for (const m of source.matchAll(marker)) {
    text += source.slice(last, m.index);
    const word = /[\p{L}\p{N}-]+$/u.exec(text)?.[0] ?? '';
    for (const code of m[1].split(',')) expected.push(`${word}@${text.length - word.length} ${code}`);
    last = m.index! + m[0].length;
  }
  text += source.slice(last);
  return { name: path.basename(file, '.md'), file, text, expected };
}

export function scenarioFiles(): string[] {
  return fs
    .readdirSync(scenarioDir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort()
    .map((f) => path.join(scenarioDir, f));
}

export function describeFinding(f: Finding): string {
  return `${f.text}@${f.start} ${f.code}`;
}

export function snapshotPath(scenario: Scenario): string {
  return scenario.file.replace(/\.md$/, '.snap.json');
}
