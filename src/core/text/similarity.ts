/**
 * Spelling similarity of drug names: edit distance with transpositions (a swapped pair of
 * letters is one slip, as in 'letrzoole'), bigram overlap, and the deletions a SymSpell index
 * is keyed on.
 */

/** Letters next to each other on a QWERTY keyboard: the commonest wrong letter a typist hits. */
export const qwertyNeighbours: Readonly<Record<string, string>> = {
  q: 'wa',
  w: 'qes',
  e: 'wrd',
  r: 'etf',
  t: 'ryg',
  y: 'tuh',
  u: 'yij',
  i: 'uok',
  o: 'ipl',
  p: 'ol',
  a: 'qsz',
  s: 'awdz',
  d: 'sefx',
  f: 'drgc',
  g: 'fthv',
  h: 'gyjb',
  j: 'hukn',
  k: 'jilm',
  l: 'kop',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
};

/**
 * Optimal-string-alignment distance (a swapped pair of neighbours is one edit), or plain
 * Levenshtein with `transpositions` false; maxDistance + 1 as soon as it must exceed maxDistance.
 */
export function editDistance(a: string, b: string, maxDistance = Infinity, transpositions = true): number {
  if (Math.abs(a.length - b.length) > maxDistance) return maxDistance + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let curr = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, curr[j - 1] + 1, prev[j - 1] + cost);
      if (transpositions && i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prevPrev[j - 2] + 1);
      }
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > maxDistance) return maxDistance + 1;
    // Rotated by hand: a destructuring swap builds an array per row until the function is optimised.
    const oldest = prevPrev;
    prevPrev = prev;
    prev = curr;
    curr = oldest;
  }
  return prev[n];
}

/** Every string made by deleting up to maxDistance characters from word (including word itself). */
export function deletions(word: string, maxDistance: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < maxDistance; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const deleted = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(deleted)) {
          out.add(deleted);
          next.push(deleted);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Letter n-grams of a word padded with n-1 spaces in front and one behind, with their counts. */
function ngrams(s: string, n: 2 | 3): Map<string, number> {
  const out = new Map<string, number>();
  const padded = (n === 2 ? ' ' : '  ') + s + ' ';
  for (let i = 0; i + n <= padded.length; i++) {
    const g = padded.slice(i, i + n);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function dice(ga: Map<string, number>, gb: Map<string, number>): number {
  let common = 0;
  let total = 0;
  for (const [g, count] of ga) {
    common += Math.min(count, gb.get(g) ?? 0);
    total += count;
  }
  for (const count of gb.values()) total += count;
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * A key for how a drug name sounds, so that respellings meet: 'ph' and 'f', 'c' before e/i/y
 * and 's', hard 'c', 'k' and 'ck', 'y' and 'i', 'z' and 's', 'x' and 'ks', 'ae'/'oe' and 'e',
 * doubled letters and a silent final 'e' ('tamoxiphen' and 'tamoxifen', 'ciclofosfamide' and
 * 'cyclophosphamide', 'doxorubicine' and 'doxorubicin' share a key).
 */
export function phoneticKey(word: string): string {
  // Over char codes, without a closure or a string per letter: a browser keys all 25,000 drug names at start-up.
  const w = word.toLowerCase();
  let out = '';
  let last = -1;
  const push = (code: number): void => {
    if (code !== last) {
      out += String.fromCharCode(code);
      last = code;
    }
  };
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const next = i + 1 < w.length ? w.charCodeAt(i + 1) : -1;
    if (c < a || c > z) continue;
    if (next === h && (c === p || c === t || c === r)) {
      push(c === p ? f : c);
      i++;
    } else if (c === cLetter && next === k) {
      push(k);
      i++;
    } else if (c === q && next === u) {
      push(k);
      push(v);
      i++;
    } else if ((c === a || c === o) && next === e) {
      push(e);
      i++;
    } else if (c === o && next === u) {
      push(u);
      i++;
    } else if (c === x) {
      push(k);
      push(s);
    } else if (c === cLetter) push(next === e || next === iLetter || next === y ? s : k);
    else if (c === y) push(iLetter);
    else if (c === z) push(s);
    else push(c);
  }
  return out.length > 4 && last === e ? out.slice(0, -1) : out;
}

/** The letters phoneticKey reads, as char codes. */
const [a, cLetter, e, f, h, iLetter, k, o, p, q, r, s, t, u, v, x, y, z] = Array.from('acefhikopqrstuvxyz', (letter) => letter.charCodeAt(0));

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function normalisedEdit(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - editDistance(a, b, longest) / longest;
}

/**
 * What confusability() needs of one name, computed once: the data build scores each name
 * against hundreds of candidates.
 */
export interface NameProfile {
  readonly name: string;
  readonly key: string;
  readonly bigrams: Map<string, number>;
  readonly trigrams: Map<string, number>;
}

export function nameProfile(name: string): NameProfile {
  return { name, key: phoneticKey(name), bigrams: ngrams(name, 2), trigrams: ngrams(name, 3) };
}

/** How alike two names look and sound, without regard to which part is a shared stem. */
function wholeNameSimilarity(a: NameProfile, b: NameProfile): number {
  const spelling = 0.4 * normalisedEdit(a.name, b.name) + 0.3 * dice(a.bigrams, b.bigrams) + 0.3 * dice(a.trigrams, b.trigrams);
  const sound = normalisedEdit(a.key, b.key);
  // Readers fix on the first letters and glance at the ending (POCA weighs both).
  const head = Math.min(commonPrefixLength(a.name, b.name), 3) / 3;
  const tail = Math.min(commonSuffixLength(a.name, b.name), 3) / 3;
  return 0.55 * spelling + 0.2 * sound + 0.15 * head + 0.1 * tail;
}

/**
 * How confusable two drug names are (0–1), in the spirit of the FDA's POCA and Kondrak and
 * Dorr's BI-SIM: spelling (edit distance with transpositions, bigram and trigram overlap), sound
 * (edit distance of phonetic keys), and extra weight on the first letters and the ending. A
 * shared ending of four letters or more is usually an INN stem that names the class
 * (trilaciclib, ribociclib): it says the two drugs are relatives, not look-alikes, so the more of
 * the names the stem covers, the more the verdict rests on the parts before it.
 */
export function confusability(a: string | NameProfile, b: string | NameProfile, profiles?: Map<string, NameProfile>): number {
  const profile = (name: string) => {
    if (!profiles) return nameProfile(name);
    let p = profiles.get(name);
    if (!p) profiles.set(name, (p = nameProfile(name)));
    return p;
  };
  const pa = typeof a === 'string' ? profile(a) : a;
  const pb = typeof b === 'string' ? profile(b) : b;
  if (pa.name === pb.name) return 1;
  const whole = wholeNameSimilarity(pa, pb);
  const stem = commonSuffixLength(pa.name, pb.name);
  if (stem < 4) return whole;
  const headA = pa.name.slice(0, pa.name.length - stem);
  const headB = pb.name.slice(0, pb.name.length - stem);
  const distinct = headA === '' || headB === '' ? 0.3 : wholeNameSimilarity(profile(headA), profile(headB));
  const stemShare = Math.min(0.6, stem / Math.max(pa.name.length, pb.name.length));
  return (1 - stemShare) * whole + stemShare * distinct;
}
