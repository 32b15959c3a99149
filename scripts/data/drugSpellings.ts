import type { TermRecord, VocabularyModel } from '../../src/core/vocabulary/model';
import { editDistance } from '../../src/core/text/similarity';

/**
 * What a drug synonym that is spelt almost like its drug's standard name really is. The sources
 * list, as synonyms, three different things that look alike:
 * - foreign and INN forms — Latin `-um`, French `-e`, Spanish and Italian `-a`/`-o`, German
 *   without the final `-e` (`letrozol`, `tamoxifene`, `fluoxetinum`, `bupivacaina`): real names,
 *   but not the English one, so English prose is told (drug-spelling-variant);
 * - British and American spellings (`cephapirin`/`cefapirin`, `carbocysteine`/`carbocisteine`):
 *   English either way, accepted silently;
 * - misspellings the databases recorded (`Dexamethazone`, `Lanzoprazole`, `Domepezil`): one or
 *   two edits from the standard name and no recognised variant. They still name the drug (for
 *   its card), and in prose they are a drug-misspelling.
 * A synonym whose nearest standard name is another drug's (pharmOncoX maps `azathiopurine` to
 * mercaptopurine, but it is one slip from azathioprine) would give the wrong card: it is dropped.
 */
export type SpellingClass = 'variant' | 'misspelling' | 'dropped';

export interface SpellingDecision {
  readonly synonym: string;
  readonly drug: string;
  readonly decision: SpellingClass;
  /** For dropped synonyms: the drug whose standard name is nearer. */
  readonly nearer?: string;
}

/** Letters spelt differently in British, American and older English usage (`ph`/`f`, `ae`/`e`). */
function englishSpellingKey(name: string): string {
  return name
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ae|oe/g, 'e')
    .replace(/ou/g, 'u')
    .replace(/ium$/, 'um')
    .replace(/y/g, 'i')
    .replace(/(.)\1/g, '$1');
}

/** Endings that differ between the English name and its Latin, French, Spanish, Italian or German forms. */
const foreignEnding = /(um|us|a|o|e)$/;

function withoutEnding(name: string): string {
  return name.replace(foreignEnding, '');
}

/**
 * How a single-word synonym relates to its drug's English names (the standard name and its
 * British or American spellings): one of them in another language, another English spelling, a
 * recorded misspelling, or another name altogether.
 *
 * `-in` for `-ine` counts as English ('cyclosporin', 'ciclosporin'): English writes both. The
 * other way round, a French `-e` ('amoxicilline', 'tamoxifene'), is a foreign form.
 */
export function relationToEnglishNames(synonym: string, englishNames: readonly string[]): 'foreign' | 'english' | 'misspelling' | 'other' {
  const a = synonym.toLowerCase();
  if (englishNames.includes(a)) return 'other';
  for (const b of englishNames) if (englishSpellingKey(a) === englishSpellingKey(b)) return 'english';
  for (const b of englishNames) {
    if (withoutEnding(a) !== withoutEnding(b)) continue;
    return a.endsWith('in') && b === `${a}e` ? 'english' : 'foreign';
  }
  for (const b of englishNames) {
    const [keyA, keyB] = [englishSpellingKey(a), englishSpellingKey(b)];
    if (withoutEnding(keyA) !== withoutEnding(keyB)) continue;
    // The same English letters but for an ending only the synonym has: the ending is its language's
    // ('vancomicina', Spanish for vancomycin). The English '-ine' beside '-in' is not ('ciclosporin').
    return withoutEnding(keyA) !== keyA && withoutEnding(keyB) === keyB ? 'foreign' : 'english';
  }
  return englishNames.some((b) => isTypoOf(a, b)) ? 'misspelling' : 'other';
}

const vowels = new Set('aeiou');
/** Letters a hand swaps for each other: the sound is the same, or the keys are neighbours. */
const confusedLetters = new Set(['s:z', 'z:s', 'n:m', 'm:n']);

/**
 * Whether `written` is one typing slip away from `name`, of the kinds a hand makes and a
 * database copies: a vowel for another vowel ('Papavarine'), s for z or n for m ('Lanzoprazole',
 * 'Domepezil'), two neighbours swapped, one letter doubled, dropped or added inside the word
 * ('Pancrealipase'). Other one-edit differences are usually names in their own right: a plural,
 * a chemical prefix ('levoamlodipine'), y for o ('hydroxycobalamin'), a different first letter.
 */
export function isTypoOf(written: string, name: string): boolean {
  if (written[0] !== name[0] || editDistance(written, name, 1) !== 1) return false;
  if (written.length === name.length) {
    const diff = [...written].flatMap((c, i) => (c === name[i] ? [] : [i]));
    if (diff.length === 2) return diff[1] === diff[0] + 1; // two neighbours swapped
    const [x, y] = [written[diff[0]], name[diff[0]]];
    return (vowels.has(x) && vowels.has(y)) || confusedLetters.has(`${x}:${y}`);
  }
  const [longer, shorter] = written.length > name.length ? [written, name] : [name, written];
  let i = 0;
  while (longer[i] === shorter[i]) i++;
  // The extra letter sits inside the word (not a plural or an ending), and is a vowel or a double.
  if (i >= shorter.length) return false;
  return vowels.has(longer[i]) || longer[i] === longer[i - 1] || longer[i] === longer[i + 1];
}

const singleWord = /^[A-Za-z][a-z]{4,}$/;

/**
 * Gives each drug synonym that is a foreign form or a recorded misspelling its role, and drops
 * synonyms that a slip of another drug's standard name explains better (an English word, such as
 * 'adrenaline' beside adrenalone, is never such a slip). Returns the decisions,
 * sorted, for the reviewable list beside data/.
 */
export function classifyDrugSpellings(model: VocabularyModel, isEnglishWord: (lowerCaseWord: string) => boolean): SpellingDecision[] {
  const standardNames = new Map<string, number>();
  model.entities.forEach((entity, index) => {
    if (entity.kind === 'drug' && /^[a-z]{5,}$/.test(entity.canonical)) standardNames.set(entity.canonical, index);
  });
  const byLength = new Map<number, string[]>();
  for (const name of standardNames.keys()) {
    const list = byLength.get(name.length);
    if (list) list.push(name);
    else byLength.set(name.length, [name]);
  }
  /** The standard drug name nearest to a word within two edits, if any, and its distance. */
  const nearestStandard = (word: string): { name: string; distance: number } | undefined => {
    let best: { name: string; distance: number } | undefined;
    for (let length = word.length - 2; length <= word.length + 2; length++) {
      for (const name of byLength.get(length) ?? []) {
        const distance = editDistance(word, name, best ? best.distance : 2);
        if (distance <= 2 && (!best || distance < best.distance || (distance === best.distance && name < best.name))) best = { name, distance };
      }
    }
    return best;
  };

  const decisions: SpellingDecision[] = [];
  // The English names of each drug: its standard name, the synonyms that only spell it the
  // British or American way, and its other accepted names. Foreign forms and slips are judged
  // against all of them.
  const englishNames = new Map<number, string[]>();
  for (const term of model.terms) {
    const entity = model.entities[term.entity];
    if (entity.kind !== 'drug') continue;
    let names = englishNames.get(term.entity);
    if (!names) englishNames.set(term.entity, (names = [entity.canonical]));
    const word = term.text.toLowerCase();
    if (!(term.role === 'synonym' || term.role === 'curated') || !singleWord.test(term.text) || names.includes(word)) continue;
    // Another accepted name ('rifampicin' beside rifampin) counts as English too: 'rifampicine' is its French form.
    const relation = relationToEnglishNames(word, [entity.canonical]);
    if (relation === 'english' || relation === 'other') names.push(word);
  }
  const kept: TermRecord[] = [];
  for (const term of model.terms) {
    const entity = model.entities[term.entity];
    // Curated synonyms are judged too: a card may list a foreign form so that it is recognised.
    if (entity.kind !== 'drug' || (term.role !== 'synonym' && term.role !== 'curated') || !singleWord.test(term.text)) {
      kept.push(term);
      continue;
    }
    const word = term.text.toLowerCase();
    const relation = relationToEnglishNames(word, englishNames.get(term.entity) ?? [entity.canonical]);
    // One slip from another drug's standard name, and nothing like its own: the source mapped a
    // slip to the wrong drug. Two slips away is left alone: 'cortisol' is not a slip of cortisone.
    const nearest = relation === 'other' && term.role === 'synonym' && !isEnglishWord(word) ? nearestStandard(word) : undefined;
    if (nearest && nearest.name !== entity.canonical && isTypoOf(word, nearest.name) && editDistance(word, entity.canonical, 3) > 2) {
      decisions.push({ synonym: term.text, drug: entity.canonical, decision: 'dropped', nearer: nearest.name });
      continue;
    }
    if (relation === 'foreign' || relation === 'misspelling') {
      const decision = relation === 'foreign' ? 'variant' : 'misspelling';
      decisions.push({ synonym: term.text, drug: entity.canonical, decision });
      kept.push({ ...term, role: decision });
    } else kept.push(term);
  }
  model.terms = kept;
  return decisions.sort((a, b) => a.decision.localeCompare(b.decision) || a.drug.localeCompare(b.drug) || a.synonym.localeCompare(b.synonym));
}

/** The reviewable list: one decision a line, tab-separated, with a header. */
export function spellingReport(decisions: readonly SpellingDecision[]): string {
  const lines = ['# Drug synonyms classified by scripts/data/drugSpellings.ts (regenerated by npm run build:data).', 'decision\tsynonym\tdrug\tnearer standard name'];
  for (const d of decisions) lines.push(`${d.decision}\t${d.synonym}\t${d.drug}\t${d.nearer ?? ''}`);
  return `${lines.join('\n')}\n`;
}
