/**
 * A gene name with a Greek letter, written as HGNC writes it in a symbol. HGNC turns the letter
 * into one Latin capital (GSK3B for GSK-3β, IFNG for IFN-γ, PKCD for PKCδ); prose keeps the letter
 * or spells it out, and the vocabulary's keys spell it out ('GSK3beta'), which no symbol is. So a
 * tagged gene the vocabulary cannot resolve is looked up once more in this form.
 */

/** Each Greek letter with its name and the Latin capital HGNC gives it (θ is Q: PRKCQ). */
const greekLetters: ReadonlyArray<readonly [letter: string, name: string, latin: string]> = [
  ['α', 'alpha', 'A'],
  ['β', 'beta', 'B'],
  ['γ', 'gamma', 'G'],
  ['δ', 'delta', 'D'],
  ['ε', 'epsilon', 'E'],
  ['ζ', 'zeta', 'Z'],
  ['η', 'eta', 'H'],
  ['θ', 'theta', 'Q'],
  ['ι', 'iota', 'I'],
  ['κ', 'kappa', 'K'],
  ['λ', 'lambda', 'L'],
  ['μ', 'mu', 'M'],
  ['σ', 'sigma', 'S'],
  ['τ', 'tau', 'T'],
  ['ω', 'omega', 'W'],
];

const latinOf = new Map<string, string>();
for (const [letter, name, latin] of greekLetters) {
  latinOf.set(letter, latin);
  latinOf.set(letter.toUpperCase(), latin);
  latinOf.set(name, latin);
}

/** Longest names first, so 'beta' is not read as 'eta'. */
const names = greekLetters.map(([, name]) => name).sort((a, b) => b.length - a.length);
/**
 * A Greek letter, or its name right after a capital or a digit (with at most a hyphen or a space
 * between) and not followed by another lower-case letter: 'IFN-gamma', 'GSK3beta', 'PKCdelta', but
 * not the 'eta' of 'Beta' nor the 'alpha' of 'alphavirus'.
 */
const greekPart = new RegExp(`[α-ωΑ-Ω]|(?<=[A-Z0-9][- ]?)(?:${names.join('|')})(?![a-z])`, 'g');

/**
 * The symbol form of a gene name with a Greek letter ('GSK-3β' → 'GSK3B', 'Gαq' → 'GAQ'), or
 * undefined when it has none, or when a lower-case letter comes before its first Greek one: such a
 * name ('Aβ42' aside, 'pre-α') is a word, not a symbol with a letter appended.
 */
export function greekSymbolForm(text: string): string | undefined {
  greekPart.lastIndex = 0;
  const first = greekPart.exec(text);
  if (!first || first.index === 0 || /[a-z]/.test(text.slice(0, first.index))) return undefined;
  const form = text
    .replace(greekPart, (part) => latinOf.get(part)!)
    .replace(/[- ]/g, '')
    .toUpperCase();
  return /^[A-Z][A-Z0-9]*$/.test(form) ? form : undefined;
}
