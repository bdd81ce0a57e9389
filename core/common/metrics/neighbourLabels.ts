/**
 * How well row i's k neighbours (`ids[from … from + k)`) predict its label: the share of them that
 * carry it (neighbourhood hit) and whether their majority vote is it (k-NN accuracy; a tie goes to the
 * label reached first, i.e. the one with the nearer neighbour). `votes` is scratch, cleared here.
 */
export function neighbourLabelScore(
  ids: ArrayLike<number>,
  from: number,
  k: number,
  label: number,
  labels: ArrayLike<number>,
  votes: Map<number, number>,
): { hit: number; correct: boolean } {
  let hits = 0;
  votes.clear();
  let best = -1;
  let bestVotes = 0;
  for (let r = 0; r < k; r++) {
    const lj = labels[ids[from + r]!]!;
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
