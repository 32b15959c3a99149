import type { Finding } from '../../types';
import { postingEntity, postingRole } from '../../vocabulary/lexicon';
import { exactNamespace, foldAtom, splitAtoms } from '../../vocabulary/normalize';
import type { Vocabulary } from '../../vocabulary/vocabulary';
import { newFinding } from '../report';
import type { FindingRule } from '../rule';

/**
 * gene-symbol-outdated: a gene written with a symbol HGNC has since replaced ('FAM123B' for
 * AMER1, 'C10orf2' for TWNK). The gene is meant, so the card is the approved gene's; the
 * approved symbol is the fix. It is never applied unattended: a note may quote a paper, a
 * figure or a data set that uses the older symbol, and a symbol that several genes once had, or
 * that is also another gene's alias, may mean another gene. Which symbols are indexed at all
 * (not the English words, not three letters) is the word policy's decision.
 */
const code = 'gene-symbol-outdated';

/**
 * Only a previous symbol with a digit in it ('FAM123B', 'C10orf2', 'PARK2') is pointed out. One
 * of letters alone is as often an abbreviation of something else that a gene once had as its
 * symbol ('COPD' was ARCN1's): prose using it rarely means the gene.
 */
const symbolShaped = /\d/;

/**
 * 'SGLT2 inhibitors', 'PARK2 agonist': a drug class is named after its target protein, and the
 * protein keeps the name its field uses whatever the gene is called now.
 */
const namesDrugTarget = /^[\s-]*(?:inhibit|antagonis|agonis|block|modulat)/i;

export const geneSymbolOutdated: FindingRule = {
  code,
  description: 'A gene written with a previous HGNC symbol (withdrawn or renamed); the approved symbol is suggested.',
  defaultSeverity: 'information',
  *run(note, severity) {
    const findings: Finding[] = [];
    for (let i = 0; i < note.mentions.length; i++) {
      if (i % 256 === 255) yield;
      const m = note.mentions[i];
      if (m.kind !== 'gene' || m.role !== 'previous' || !symbolShaped.test(m.text) || note.ignored.has(m.text.toLowerCase())) continue;
      if (namesDrugTarget.test(note.text.slice(m.end, m.end + 16))) continue;
      const readings = readingsOf(m.text, note.vocabulary);
      const approved = readings.renamedTo.length > 0 ? readings.renamedTo : [m.canonical];
      const also = readings.otherwise.length > 0 ? `; it is also an alias of ${readings.otherwise.join(', ')}` : '';
      const message =
        approved.length === 1
          ? `'${m.text}' is a previous HGNC symbol of ${approved[0]}${also}; the approved symbol is ${approved[0]}.`
          : `'${m.text}' is a previous HGNC symbol of several genes (${approved.join(', ')})${also}; write the approved symbol of the gene meant.`;
      findings.push(newFinding(code, severity, m, m.text, message, { word: m.text.toLowerCase(), suggestions: approved, writtenId: m.id }));
    }
    return findings;
  },
};

/** The genes a written symbol was a previous symbol of, and the genes it is another name of. */
function readingsOf(text: string, vocabulary: Vocabulary): { renamedTo: string[]; otherwise: string[] } {
  const key = splitAtoms(text)
    .map((atom) => foldAtom(text.slice(atom.start, atom.end)))
    .join('');
  const renamedTo = new Set<string>();
  const otherwise = new Set<string>();
  const entry = vocabulary.lookup(exactNamespace, key);
  if (entry < 0 || !vocabulary.isTerm(entry)) return { renamedTo: [], otherwise: [] };
  for (const posting of vocabulary.postings(entry)) {
    const entity = vocabulary.entity(postingEntity(posting));
    if (entity.kind !== 'gene') continue;
    (postingRole(posting) === 'previous' ? renamedTo : otherwise).add(entity.canonical);
  }
  for (const symbol of renamedTo) otherwise.delete(symbol);
  return { renamedTo: [...renamedTo].sort(), otherwise: [...otherwise].sort() };
}
