/** "Did you mean …?" suggestions for misspelt names, by Levenshtein edit distance; shared by every layer (like errors.ts). */

/** Levenshtein distance between two strings (insertions, deletions, substitutions cost 1). */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * The candidate closest to `name` (case-insensitive), or undefined when none is within reach.
 * A name of three or more letters that begins a candidate (a field without its unit suffix:
 * `age` → `ageYr`, `sbp` → `sbpMmHg`) suggests the shortest such candidate.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  const list = [...candidates];
  if (lower.length >= 3) {
    const extended = list.filter((c) => c.length > name.length && c.toLowerCase().startsWith(lower));
    if (extended.length > 0) return extended.reduce((a, b) => (b.length < a.length ? b : a));
  }
  for (const c of list) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

/** " (did you mean "x"?)" or "" — for appending to an `expected` clause. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closestName(name, candidates);
  return c === undefined ? "" : `; did you mean "${c}"?`;
}
