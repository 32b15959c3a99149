/**
 * A gene name with a Greek letter, written as HGNC writes it in a symbol. HGNC turns the letter
 * into one Latin capital (GSK3B for GSK-3β, IFNG for IFN-γ, PKCD for PKCδ); prose keeps the letter
 * or spells it out, and the vocabulary's keys spell it out ('GSK3beta'), which no symbol is. So a
 * tagged gene the vocabulary cannot resolve is looked up once more in this form.
 */

import { greekLetterNames } from '../vocabulary/normalize';

/** The Latin capital HGNC gives a Greek letter in a symbol, by the letter's name (θ is Q: PRKCQ; η is H). */
const latinOfName: Readonly<Record<string, string>> = {
  alpha: 'A', beta: 'B', gamma: 'G', delta: 'D', epsilon: 'E', zeta: 'Z', eta: 'H', theta: 'Q',
  iota: 'I', kappa: 'K', lambda: 'L', mu: 'M', sigma: 'S', tau: 'T', omega: 'W',
}; // prettier-ignore

/** The Latin capital of each letter and of each name (the letters as the vocabulary's keys spell them out). */
const latinOf = new Map(Object.entries(latinOfName));
for (const [letter, name] of Object.entries(greekLetterNames)) {
  if (latinOfName[name] && /\p{Script=Greek}/u.test(letter)) latinOf.set(letter, latinOfName[name]);
}
const letters = [...latinOf.keys()].filter((key) => key.length === 1);
/** Longest names first, so 'beta' is not read as 'eta'. */
const names = Object.keys(latinOfName).sort((a, b) => b.length - a.length);
/**
 * A Greek letter, or its name right after a capital or a digit (with at most a hyphen or a space
 * between) and not followed by another lower-case letter: 'IFN-gamma', 'GSK3beta', 'PKCdelta', but
 * not the 'eta' of 'Beta' nor the 'alpha' of 'alphavirus'.
 */
const greekPart = new RegExp(`[${letters.join('')}]|(?<=[A-Z0-9][- ]?)(?:${names.join('|')})(?![a-z])`, 'g');

/**
 * The symbol forms of a gene name with a Greek letter, most likely first: the letter as HGNC's
 * Latin capital ('GSK-3β' → 'GSK3B', 'Gαq' → 'GAQ'), then spelled out in capitals as NCBI's
 * aliases write some ('PI3Kβ' → 'PI3KBETA'). None when it has no Greek letter, or when a lower-case
 * letter comes before its first Greek one: such a name ('Aβ42' aside, 'pre-α') is a word, not a
 * symbol with a letter appended.
 */
export function greekSymbolForms(text: string): string[] {
  greekPart.lastIndex = 0;
  const first = greekPart.exec(text);
  if (!first || first.index === 0 || /[a-z]/.test(text.slice(0, first.index))) return [];
  const symbolOf = (letterAs: (part: string) => string) => text.replace(greekPart, letterAs).replace(/[- ]/g, '').toUpperCase();
  const forms = [symbolOf((part) => latinOf.get(part)!), symbolOf((part) => greekLetterNames[part] ?? part)];
  return [...new Set(forms)].filter((form) => /^[A-Z][A-Z0-9]*$/.test(form));
}
