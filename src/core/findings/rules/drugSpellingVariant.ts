import type { Finding } from '../../types';
import { matchCase } from '../../fixes/fixes';
import { newFinding, spellsStandardName } from '../report';
import type { FindingRule } from '../rule';

/**
 * drug-spelling-variant: a drug written in another language's form or as a Latin INN — `letrozol`
 * (German, Spanish), `tamoxifene` (French, Italian), `fluoxetinum` (Latin) — in an English note.
 * The name is right, so the card is the drug's; English prose writes the English form, which is
 * the fix, and a safe one. Which synonyms are such forms is decided at build time
 * (scripts/data/drugSpellings.ts); British and American spellings are both English and never
 * flagged. Notes whose `language` is not English are left alone.
 */
const code = 'drug-spelling-variant';

export const drugSpellingVariant: FindingRule = {
  code,
  description: "A drug name written in another language's or the Latin INN form in an English note (letrozol, tamoxifene).",
  defaultSeverity: 'information',
  *run(note, severity) {
    const findings: Finding[] = [];
    if (!note.writesEnglish()) return findings;
    for (let i = 0; i < note.mentions.length; i++) {
      if (i % 256 === 255) yield;
      const m = note.mentions[i];
      if (m.role !== 'variant' || note.ignored.has(m.text.toLowerCase())) continue;
      const message = `'${m.text}' is ${m.canonical} written in another language or as its Latin name; English prose writes ${m.canonical}.`;
      findings.push(
        newFinding(code, severity, m, m.text, message, {
          word: m.text.toLowerCase(),
          suggestions: [matchCase(m.canonical, m.text)],
          unambiguous: spellsStandardName(m.text, m.canonical),
          writtenId: m.id,
          meantId: m.id,
        }),
      );
    }
    return findings;
  },
};
