import { definitionNotes, isAbbreviationMention, type AbbreviationMention } from '../../recognize/abbreviations';
import type { Finding } from '../../types';
import { newFinding, rangeOf, times } from '../report';
import type { FindingRule } from '../rule';

/**
 * abbreviation-before-definition: a short form the note defines later ('VPA … valproic acid
 * (VPA)') used before its definition, where a reader meets it unexplained. One finding per short
 * form, on its first use; the fix defines it there ('valproic acid (VPA)'), and is the writer's
 * choice. Which short forms a note defines is decided by recognize/abbreviations.ts.
 */
const code = 'abbreviation-before-definition';

export const abbreviationBeforeDefinition: FindingRule = {
  code,
  description: 'An abbreviation the note defines (valproic acid (VPA)) used before its definition.',
  defaultSeverity: 'information',
  *run(note, severity) {
    const early = new Map<string, AbbreviationMention[]>();
    for (let i = 0; i < note.mentions.length; i++) {
      if (i % 256 === 255) yield;
      const m = note.mentions[i];
      if (!isAbbreviationMention(m) || m.start >= m.definition.at || note.ignored.has(m.text.toLowerCase())) continue;
      const uses = early.get(m.text);
      if (uses) uses.push(m);
      else early.set(m.text, [m]);
    }
    const findings: Finding[] = [];
    const firstUses = [...early.values()];
    const notes = definitionNotes(
      note.text,
      firstUses.map((uses) => uses[0]),
    );
    for (const [k, uses] of firstUses.entries()) {
      const first = uses[0];
      const { short, longForm } = first.definition;
      const more = uses.length > 1 ? ` It is used ${times(uses.length)} before that.` : '';
      const message = `'${short}' is used before the note defines it (${notes[k]}).${more} Define it at its first use.`;
      findings.push(
        newFinding(code, severity, first, first.text, message, {
          word: short.toLowerCase(),
          suggestions: [`${longForm} (${short})`],
          occurrences: uses.map(rangeOf),
          writtenId: first.id,
        }),
      );
    }
    return findings;
  },
};
