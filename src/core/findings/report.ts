import { editDistance } from '../text/similarity';
import type { Finding, FindingCode, FindingData, OffsetRange, Severity } from '../types';
import type { EntityRecord } from '../vocabulary/model';
import type { Recognition } from '../recognize/recognizer';
import type { DocumentContext } from './context';
import type { NoteUnderReview } from './rule';
import type { Steps } from '../steps';

/** Wording and shapes shared by the rules' findings. */

export function newFinding(code: FindingCode, severity: Severity, at: OffsetRange, text: string, message: string, data: FindingData): Finding {
  return { code, severity, message, start: at.start, end: at.end, text, data };
}

export function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

/** A plain copy of a range, so a finding does not keep a whole mention alive. */
export function rangeOf(r: OffsetRange): OffsetRange {
  return { start: r.start, end: r.end };
}

/** The context phrases and indications of an entity that this document speaks of, for a message's 'why'. */
export function reasons(entity: EntityRecord, context: DocumentContext): string {
  const curated = [...(entity.context ?? []), ...(entity.indications ?? [])].filter((p) => context.containsPhrase(p.toLowerCase()));
  const hits = [...curated, ...context.indicationsSpokenOf(entity)].slice(0, 3);
  return hits.length > 0 ? `it mentions ${hits.map((h) => `'${h}'`).join(', ')}` : 'its other drugs and genes point there';
}

/** Mentions of each drug under its own generic name, by entity index (shared by two rules). */
export function correctUses(note: NoteUnderReview): Steps<Map<number, Recognition[]>> {
  return note.shared('correct uses', function* () {
    const out = new Map<number, Recognition[]>();
    for (let i = 0; i < note.mentions.length; i++) {
      if (i % 4096 === 4095) yield;
      const m = note.mentions[i];
      if (m.kind !== 'drug' || !writesCanonical(m)) continue;
      const list = out.get(m.entity);
      if (list) list.push(m);
      else out.set(m.entity, [m]);
    }
    return out;
  });
}

/** Whether a mention writes its entity's canonical name, in any case (no lower-case copy for the many that write it as it is). */
export function writesCanonical(m: Recognition): boolean {
  return m.text === m.canonical || (m.text.length === m.canonical.length && lowerCaseEquals(m.text, m.canonical));
}

/**
 * Whether `text.toLowerCase() === lower`, without the copy for the many ASCII names ('Letrozole'
 * is read on every analysis of a note that writes it so): a letter outside ASCII asks toLowerCase.
 */
function lowerCaseEquals(text: string, lower: string): boolean {
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) return text.toLowerCase() === lower;
    if (c >= 65 && c <= 90) c += 32;
    // The text so far is ASCII, so its lower case so far is this: they differ here.
    if (c !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Whether a written form is itself a spelling of the drug's standard name (two edits at most),
 * so that writing the standard name in its place cannot change which drug the note names. A
 * source may file a form under the wrong drug ('methionina' under N-acetylmethionine, through
 * its synonym 'methionine'): the standard name is then offered, never applied unattended.
 */
export function spellsStandardName(written: string, canonical: string): boolean {
  return editDistance(written.toLowerCase(), canonical, 2) <= 2;
}

/**
 * Whether a mention is a recorded misspelling or a foreign form: drug-misspelling and
 * drug-spelling-variant report those, so the look-alike and consistency rules leave them alone.
 */
export function isFlaggedForm(m: Recognition): boolean {
  return m.role === 'misspelling' || m.role === 'variant';
}
