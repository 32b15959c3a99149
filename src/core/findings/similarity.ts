/**
 * Spelling similarity of drug names: edit distance with transpositions (a swapped pair of
 * letters is one slip, as in 'letrzoole'), bigram overlap, and the deletions a SymSpell index
 * is keyed on.
 */

/** Optimal-string-alignment distance, or maxDistance + 1 as soon as it must exceed maxDistance. */
export function editDistance(a: string, b: string, maxDistance = Infinity): number {
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
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prevPrev[j - 2] + 1);
      }
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > maxDistance) return maxDistance + 1;
    [prevPrev, prev, curr] = [prev, curr, prevPrev];
  }
  return prev[n];
}

/** Dice coefficient of the two words' letter bigrams, padded so first and last letters count. */
export function bigramSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    const padded = ` ${s} `;
    for (let i = 0; i < padded.length - 1; i++) {
      const g = padded.slice(i, i + 2);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  let total = 0;
  for (const [g, count] of ga) {
    common += Math.min(count, gb.get(g) ?? 0);
    total += count;
  }
  for (const count of gb.values()) total += count;
  return total === 0 ? 0 : (2 * common) / total;
}

/** One score in [0, 1] for how alike two drug names look: edit distance and bigrams together. */
export function nameSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  const edit = 1 - editDistance(a, b, longest) / longest;
  return 0.5 * edit + 0.5 * bigramSimilarity(a, b);
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
