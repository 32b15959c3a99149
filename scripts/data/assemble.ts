import { type TermRecord, type TermRole, type VocabularyModel, termRoles } from '../../src/core/vocabulary/model';
import type { DraftTerm, EntityDraft } from './draft';

const rolePriority = new Map<TermRole, number>(termRoles.map((role, i) => [role, i]));
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The terms an entity keeps: each surface form once, under its most preferred role. A
 * case-insensitive term covers every casing of its text; a case-sensitive one covers only its
 * exact text, so 'pd-0332991' as a synonym does not hide 'PD-0332991' as a code.
 */
export function dedupeTerms(terms: DraftTerm[]): DraftTerm[] {
  const ordered = terms
    .map((term) => ({ ...term, text: term.text.trim() }))
    .filter((term) => term.text !== '')
    .sort((a, b) => rolePriority.get(a.role)! - rolePriority.get(b.role)! || byCodeUnits(a.text, b.text));
  const anyCase = new Set<string>();
  const exact = new Set<string>();
  const kept: DraftTerm[] = [];
  for (const term of ordered) {
    const folded = term.text.toLowerCase();
    if (anyCase.has(folded)) continue;
    if (term.caseSensitive) {
      if (exact.has(term.text)) continue;
      exact.add(term.text);
    } else {
      anyCase.add(folded);
    }
    kept.push(term);
  }
  return kept;
}

/**
 * The model in a fixed order, so the same sources always serialise to the same bytes:
 * entities by kind then id, terms by entity then role (in `termRoles` order) then text.
 */
export function assembleModel(drafts: EntityDraft[]): VocabularyModel {
  const sorted = [...drafts].sort(
    (a, b) => byCodeUnits(a.record.kind, b.record.kind) || byCodeUnits(a.record.id, b.record.id),
  );
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.record.id === sorted[i - 1]!.record.id) throw new Error(`duplicate entity id ${sorted[i]!.record.id}`);
  }
  const terms: TermRecord[] = [];
  sorted.forEach((draft, entity) => {
    for (const term of dedupeTerms(draft.terms)) {
      terms.push({ text: term.text, entity, role: term.role, caseSensitive: term.caseSensitive, ...(term.attested ? { attested: true } : {}) });
    }
  });
  return {
    entities: sorted.map((draft) => draft.record),
    terms,
    ...(sorted.some((draft) => draft.papers) ? { paperCounts: sorted.map((draft) => draft.papers ?? 0) } : {}),
  };
}
