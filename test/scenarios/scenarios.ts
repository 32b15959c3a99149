import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EntityMention, Finding } from '../../src/core/types';

/** A scenario note with its inline markers removed, and what the markers expect. */
export interface Scenario {
  readonly name: string;
  readonly file: string;
  /** The note as analysed: markers stripped. */
  readonly text: string;
  /** `word@offset code`, one per marked code, in document order. */
  readonly expected: readonly string[];
  /** `word@offset kind` (or `none`), one per entity marker, in document order. */
  readonly expectedEntities: readonly string[];
}

/** What is kept of a finding in a snapshot: what a writer reads. */
export interface SnapshotEntry {
  readonly at: string;
  readonly message: string;
  readonly suggestions: readonly string[];
  readonly safeFix: boolean;
}

export const scenarioDir = __dirname;

/** ` {code,code}` after a flagged word; ` {=kind}` after a word recognised as that kind, ` {=none}` after one that must not be. */
const marker = / \{(=[a-z-]+|[a-z-]+(?:,[a-z-]+)*)\}/g;

export function readScenario(file: string): Scenario {
  const source = fs.readFileSync(file, 'utf8');
  const expected: string[] = [];
  const expectedEntities: string[] = [];
  let text = '';
  let last = 0;
  for (const m of source.matchAll(marker)) {
    text += source.slice(last, m.index);
    if (m[1].startsWith('=')) {
      // An entity's word may hold slashes and Greek letters: 'ERK1/2', 'NF-κB'.
      const word = /[\p{L}\p{N}][\p{L}\p{N}/-]*$/u.exec(text)?.[0] ?? '';
      expectedEntities.push(`${word}@${text.length - word.length} ${m[1].slice(1)}`);
    } else {
      const word = /[\p{L}\p{N}-]+$/u.exec(text)?.[0] ?? '';
      for (const code of m[1].split(',')) expected.push(`${word}@${text.length - word.length} ${code}`);
    }
    last = m.index! + m[0].length;
  }
  text += source.slice(last);
  return { name: path.basename(file, '.md'), file, text, expected, expectedEntities };
}

/**
 * What the analysis makes of each word an entity marker follows: `word@offset kind` for the
 * mention that covers the word (the last word of 'cyclin-dependent kinases'), `none` when no
 * mention touches it, and `partial` when one covers only part of it.
 */
export function describeEntities(scenario: Scenario, mentions: readonly EntityMention[]): string[] {
  return scenario.expectedEntities.map((expectation) => {
    const [at] = expectation.split(' ');
    const separator = at.lastIndexOf('@');
    const start = Number(at.slice(separator + 1));
    const end = start + at.slice(0, separator).length;
    const covering = mentions.find((m) => m.start <= start && end <= m.end);
    const touching = mentions.some((m) => m.start < end && start < m.end);
    return `${at} ${covering ? covering.kind : touching ? 'partial' : 'none'}`;
  });
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
