import type { Steps } from '../steps';
import type { Finding } from '../types';
import { findingCodes, findingRules } from './registry';
import { reviewNote, type ReviewInput } from './rule';

/**
 * The findings of a note: every rule the settings do not turn off, in document order (and in
 * registry order at one offset). A finding is a pure function of the note's text, its
 * recognitions, the vocabulary and the settings.
 */
export function* findingSteps(input: ReviewInput): Steps<Finding[]> {
  const note = reviewNote(input);
  const findings: Finding[] = [];
  for (const rule of findingRules) {
    const severity = input.settings.severity[rule.code];
    if (severity === 'ignore') continue;
    for (const f of yield* rule.run(note, severity)) findings.push(f);
  }
  return findings.sort((a, b) => a.start - b.start || findingCodes.indexOf(a.code) - findingCodes.indexOf(b.code));
}
