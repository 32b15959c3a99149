/**
 * The Schwartz–Hearst test of whether a short form abbreviates a long form (Schwartz and Hearst,
 * "A simple algorithm for identifying abbreviation definitions in biomedical text", PSB 2003):
 * every letter and digit of the short form is found in the long form, in order, read from the
 * end, and the short form's first character starts a word of the long form. 'VPA' fits
 * 'valproic acid' (V·alproic, P, A·cid); 'NMDA' does not fit 'ketamine'.
 */

const isAlphanumeric = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);

/**
 * Where the shortest part of `long` that `short` abbreviates begins (an index into `long`, at a
 * word start), or -1 when `short` does not abbreviate `long`. Case is ignored.
 */
export function abbreviatedStart(short: string, long: string): number {
  const s = short.toLowerCase();
  const l = long.toLowerCase();
  const first = firstAlphanumeric(s);
  if (first < 0) return -1;
  let li = l.length - 1;
  for (let si = s.length - 1; si >= first; si--) {
    const c = s[si];
    if (!isAlphanumeric(c)) continue;
    // The first character must start a word; the others may be anywhere.
    while (li >= 0 && (l[li] !== c || (si === first && li > 0 && isAlphanumeric(l[li - 1])))) li--;
    if (li < 0) return -1;
    li--;
  }
  return li + 1;
}

/**
 * The words of `before` (the text up to a parenthesis) that a long form is searched among, as
 * Schwartz and Hearst do: the last min(|SF| + 5, 2·|SF|) of them.
 */
export function longFormWindow(short: string, before: string): string {
  const words = before.split(/(?<=\s)(?=\S)/);
  return words.slice(-Math.min(short.length + 5, short.length * 2)).join('');
}

function firstAlphanumeric(text: string): number {
  for (let i = 0; i < text.length; i++) if (isAlphanumeric(text[i])) return i;
  return -1;
}

/**
 * Whether a text has the shape of a short form: two to ten characters, at most two words, a letter
 * among them, starting with a letter or digit ('VPA', 'STZ', '5-FU', 'IL-6', 'rhEPO').
 */
export function isShortFormShaped(text: string): boolean {
  if (text.length < 2 || text.length > 10) return false;
  if (text.split(/\s+/).length > 2) return false;
  return /^[\p{L}\p{N}]/u.test(text) && /\p{L}/u.test(text);
}
