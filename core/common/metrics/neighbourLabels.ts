/**
 * The class-label figures (neighbourhood hit, k-NN accuracy) treat a negative label as "no class": HDBSCAN
 * noise (−1), a missing metadata value, or a category that names noise (NOISE_CATEGORY). Noise is where
 * the clustering found no group, not a group of its own, so counting it as a class would reward a map
 * (or a model) for keeping unrelated leftover points together. Hence:
 * - a point without a class is not scored (it is left out of the average);
 * - a neighbour without a class is never a hit and casts no vote, but still takes one of the k places,
 *   so a point whose neighbours are mostly noise scores low.
 */
const NO_CLASS = -1;

/** Category names that mean "no class" in a metadata column (as written by HDBSCAN exports). */
const NOISE_CATEGORY = /^\s*(-1|noise|outliers?)\s*$/i;

/** Category codes with the categories that name noise (and missing values) mapped to NO_CLASS. */
export function classCodes(codes: Int32Array, categories: readonly string[]): Int32Array {
  const noise = categories.map((c) => NOISE_CATEGORY.test(c));
  if (!noise.includes(true)) return codes;
  return Int32Array.from(codes, (c) => (c < 0 || noise[c] ? NO_CLASS : c));
}

/**
 * How well row i's k neighbours (`ids[from … from + k)`) predict its label: the share of them that
 * carry it (neighbourhood hit) and whether their majority vote is it (k-NN accuracy; a tie goes to the
 * label reached first, i.e. the one with the nearer neighbour). Null when the row has no class (label
 * < 0); neighbours without a class neither hit nor vote (see above). `votes` is scratch, cleared here.
 */
export function neighbourLabelScore(
  ids: ArrayLike<number>,
  from: number,
  k: number,
  label: number,
  labels: ArrayLike<number>,
  votes: Map<number, number>,
): { hit: number; correct: boolean } | null {
  if (label < 0) return null;
  let hits = 0;
  votes.clear();
  let best = -1;
  let bestVotes = 0;
  for (let r = 0; r < k; r++) {
    const lj = labels[ids[from + r]!]!;
    if (lj < 0) continue;
    if (lj === label) hits++;
    const v = (votes.get(lj) ?? 0) + 1;
    votes.set(lj, v);
    if (v > bestVotes) {
      bestVotes = v;
      best = lj;
    }
  }
  return { hit: hits / k, correct: best === label };
}
