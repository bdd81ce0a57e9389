/** Levenshtein distance (insertions, deletions and substitutions cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The name a mistyped one most likely meant: the closest by edit distance when it is close (at most a
 * third of the longer name, and at least 1 edit allowed), else the only name it is a prefix of
 * (`--learn` for `--learn-queries`); undefined when nothing is near.
 */
export function closestName(typed: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const n of names) {
    const d = editDistance(typed.toLowerCase(), n);
    if (d < bestDistance) [best, bestDistance] = [n, d];
  }
  if (best !== undefined && bestDistance <= Math.max(1, Math.floor(Math.max(typed.length, best.length) / 3)))
    return best;
  const prefixed = names.filter((n) => typed.length >= 2 && n.startsWith(typed.toLowerCase()));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
