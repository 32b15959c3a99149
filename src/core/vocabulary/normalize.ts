/**
 * How text is cut into atoms and how atoms become lookup keys. The data build and the
 * recogniser both use these functions, so a term written in the vocabulary matches the same
 * term written in a note: 'Ki-67' = 'Ki67' = 'Ki 67', 'ERα' = 'ER-alpha', 'PD-0332991' = 'PD0332991'.
 */

/** Greek letters fold to their spelled-out names, so 'ERα' and 'ER-alpha' share a key. */
const greekNames: Record<string, string> = {
  α: 'alpha',
  β: 'beta',
  γ: 'gamma',
  δ: 'delta',
  ε: 'epsilon',
  ζ: 'zeta',
  η: 'eta',
  θ: 'theta',
  ι: 'iota',
  κ: 'kappa',
  λ: 'lambda',
  μ: 'mu',
  ν: 'nu',
  ξ: 'xi',
  ο: 'omicron',
  π: 'pi',
  ρ: 'rho',
  σ: 'sigma',
  ς: 'sigma',
  τ: 'tau',
  υ: 'upsilon',
  φ: 'phi',
  χ: 'chi',
  ψ: 'psi',
  ω: 'omega',
  // Micro sign, often typed for mu.
  µ: 'mu',
};
for (const [letter, name] of Object.entries({ ...greekNames })) {
  const upper = letter.toUpperCase();
  if (upper !== letter && !(upper in greekNames)) greekNames[upper] = name;
}
/** Each Greek letter (either case, and the micro sign) with its spelled-out name. */
export const greekLetterNames: Readonly<Record<string, string>> = greekNames;

const ATOM = 1;
const SEPARATOR = 2;

/** Character classes for code units below 0x400 (Latin, Latin-1, Greek); others are neither. */
const charClass = new Uint8Array(0x400);
for (let c = 0x30; c <= 0x39; c++) charClass[c] = ATOM;
for (let c = 0x41; c <= 0x5a; c++) charClass[c] = ATOM;
for (let c = 0x61; c <= 0x7a; c++) charClass[c] = ATOM;
for (let c = 0xc0; c <= 0x24f; c++) if (c !== 0xd7 && c !== 0xf7) charClass[c] = ATOM;
for (let c = 0x370; c <= 0x3ff; c++) charClass[c] = ATOM;
charClass[0xb5] = ATOM; // µ
for (const c of [0x20, 0x2d, 0x2f, 0x0a, 0xa0]) charClass[c] = SEPARATOR; // space, -, /, newline, nbsp

/** Hyphen-like dashes U+2010–U+2013 join atoms like '-'. */
function classOf(code: number): number {
  if (code < 0x400) return charClass[code];
  if (code >= 0x2010 && code <= 0x2013) return SEPARATOR;
  return 0;
}

/** At most this many separator characters may stand between two atoms of one term ('ER - alpha'). */
export const maxSeparatorRun = 2;
/** Terms longer than this many atoms are not indexed: prose rarely repeats them verbatim. */
export const maxTermAtoms = 6;

export interface Atom {
  start: number;
  end: number;
  /** Whether the gap to the next atom may be spanned by one term. */
  joinsNext: boolean;
}

/** Cuts `text[start, end)` into atoms, runs of letters, digits and Greek letters. */
export function splitAtoms(text: string, start = 0, end = text.length): Atom[] {
  const atoms: Atom[] = [];
  let i = start;
  while (i < end) {
    while (i < end && classOf(text.charCodeAt(i)) !== ATOM) i++;
    if (i >= end) break;
    const atomStart = i;
    while (i < end && classOf(text.charCodeAt(i)) === ATOM) i++;
    const atomEnd = i;
    let j = i;
    while (j < end && j - i <= maxSeparatorRun && classOf(text.charCodeAt(j)) === SEPARATOR) j++;
    const gap = j - i;
    const joinsNext = gap > 0 && gap <= maxSeparatorRun && j < end && classOf(text.charCodeAt(j)) === ATOM;
    atoms.push({ start: atomStart, end: atomEnd, joinsNext });
  }
  return atoms;
}

/** Whether a string has a character outside ASCII (only those can be Greek letters to spell out). */
function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

/** An atom's exact-case key part: Greek letters spelled out ('ERα' → 'ERalpha'). */
export function foldAtom(atom: string): string {
  if (!hasNonAscii(atom)) return atom;
  let out = '';
  for (const ch of atom) out += greekNames[ch] ?? ch;
  return out;
}

/**
 * An atom's case-folded key part: lower case, Greek letters spelled out, and a space wherever
 * letters meet digits, so 'Ki67', 'Ki-67' and 'Ki 67' agree ('ki 67') while 'proteins' and
 * 'protein S' stay apart.
 */
export function foldedAtom(atom: string): string {
  // Nearly every atom of prose is ASCII letters or digits: one pass over its codes says whether it
  // needs lower-casing or spaces; anything else (Greek, accents) takes the general way.
  let upper = false;
  let meets = false;
  let previous = 0; // 1 letter, 2 digit
  for (let i = 0; i < atom.length; i++) {
    const code = atom.charCodeAt(i);
    let current: number;
    if (code >= 0x61 && code <= 0x7a) current = 1;
    else if (code >= 0x41 && code <= 0x5a) {
      current = 1;
      upper = true;
    } else if (code >= 0x30 && code <= 0x39) current = 2;
    else return foldedAtomOfAnyLetters(atom);
    if (previous !== 0 && previous !== current) meets = true;
    previous = current;
  }
  const lower = upper ? atom.toLowerCase() : atom;
  if (!meets) return lower;
  let out = '';
  let from = 0;
  previous = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const current = code >= 0x30 && code <= 0x39 ? 2 : 1;
    if (previous !== 0 && previous !== current) {
      out += lower.slice(from, i) + ' ';
      from = i;
    }
    previous = current;
  }
  return out + lower.slice(from);
}

/** foldedAtom of an atom with letters beyond ASCII: Greek letters spelled out, each a word of its own. */
function foldedAtomOfAnyLetters(atom: string): string {
  let out = '';
  let previous = 0; // 1 letter, 2 digit, 3 Greek letter
  for (const ch of atom.toLowerCase()) {
    const greek = greekNames[ch];
    const code = ch.charCodeAt(0);
    const current = code >= 0x30 && code <= 0x39 ? 2 : 1;
    if (greek) {
      out += (out ? ' ' : '') + greek;
      previous = 3;
      continue;
    }
    if (previous !== 0 && previous !== current) out += ' ';
    out += ch;
    previous = current;
  }
  return out;
}

/** Namespaces of keys: exact case (gene symbols, codes) and folded case (drug names, full names). */
export const exactNamespace = '\x01';
export const foldedNamespace = '\x02';

/**
 * The lookup keys of a vocabulary term: one per atom prefix, the last being the term itself.
 * A trailing '+' ('ER+') stays part of the last key. Undefined when the term cannot be matched
 * by scanning prose (punctuation inside, too many atoms).
 */
export function termKeyPrefixes(term: string, caseSensitive: boolean): string[] | undefined {
  let body = term.trim();
  let plus = '';
  if (body.endsWith('+')) {
    plus = '+';
    body = body.slice(0, -1);
  }
  const atoms = splitAtoms(body);
  if (atoms.length === 0 || atoms.length > maxTermAtoms) return undefined;
  if (atoms[0].start !== 0 || atoms[atoms.length - 1].end !== body.length) return undefined;
  for (let k = 0; k < atoms.length - 1; k++) if (!atoms[k].joinsNext) return undefined;
  const keys: string[] = [];
  let joined = '';
  for (const [index, atom] of atoms.entries()) {
    const text = body.slice(atom.start, atom.end);
    if (caseSensitive) joined += foldAtom(text);
    else joined += (index > 0 ? ' ' : '') + foldedAtom(text);
    keys.push((caseSensitive ? exactNamespace : foldedNamespace) + joined);
  }
  if (plus) keys[keys.length - 1] += plus;
  return keys;
}

/** The folded words of a phrase, as recognition sees them: 'CDK4/6 inhibitor' → cdk, 4, 6, inhibitor. */
export function phraseWords(phrase: string): string[] {
  return splitAtoms(phrase).flatMap((atom) => foldedAtom(phrase.slice(atom.start, atom.end)).split(' '));
}
