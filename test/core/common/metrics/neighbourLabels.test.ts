import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mapQuality } from '../../../../core/common/metrics/mapQuality.js';
import { classCodes, neighbourLabelScore } from '../../../../core/common/metrics/neighbourLabels.js';

test('noise is no class: a noise point is not scored and noise neighbours neither hit nor vote', () => {
  // Row 0 (class 0) has neighbours 1..4: class 0, noise, noise, class 1.
  const labels = Int32Array.from([0, 0, -1, -1, 1]);
  const ids = Int32Array.from([1, 2, 3, 4]);
  const votes = new Map<number, number>();
  const s = neighbourLabelScore(ids, 0, 4, labels[0]!, labels, votes)!;
  // The noise neighbours take two of the four places without hitting.
  assert.equal(s.hit, 1 / 4);
  // Counting noise as a class, its two votes would win (incorrect); without them class 0 and class 1
  // tie and the nearer, class 0, wins.
  assert.equal(s.correct, true);
  const asClass = Int32Array.from(labels, (l) => (l < 0 ? 9 : l));
  assert.equal(neighbourLabelScore(ids, 0, 4, 0, asClass, votes)!.correct, false);
  // Only noise around: no hit, no vote, not correct.
  const alone = neighbourLabelScore(Int32Array.from([2, 3]), 0, 2, 0, labels, votes)!;
  assert.deepEqual(alone, { hit: 0, correct: false });
  // A noise point is not scored.
  assert.equal(neighbourLabelScore(ids, 0, 4, -1, labels, votes), null);
});

test("the map's neighbourhood hit averages over the points with a class, noise neighbours count as misses", () => {
  // 40 points on a line; map = original. Class 0 on rows 0..19, noise on 20..29, class 1 on 30..39.
  const n = 40;
  const data = Float32Array.from({ length: n }, (_, i) => i);
  const m = { data, n, dim: 1 };
  const labels = Int32Array.from({ length: n }, (_, i) => (i < 20 ? 0 : i < 30 ? -1 : 1));
  const q = mapQuality(m, m, { labels, ks: [3, 4] });
  // By hand for k = 3: a point's 3 nearest on the line; rows 18, 19 and 30, 31 reach into the noise.
  let hit = 0;
  let correct = 0;
  let scored = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i]! < 0) continue;
    const others = Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .sort((a, b) => Math.abs(a - i) - Math.abs(b - i) || a - b)
      .slice(0, 3);
    const same = others.filter((j) => labels[j] === labels[i]).length;
    const otherClass = others.filter((j) => labels[j]! >= 0 && labels[j] !== labels[i]).length;
    hit += same / 3;
    if (same > otherClass || (same === otherClass && same > 0)) correct++;
    scored++;
  }
  assert.equal(scored, 30);
  assert.ok(
    Math.abs(q.neighbourhoodHit![3]! - hit / scored) < 1e-12,
    `${q.neighbourhoodHit![3]} vs ${hit / scored}`,
  );
  assert.ok(Math.abs(q.knnAccuracy![3]! - correct / scored) < 1e-12);
  // Counting noise as a class (noise points scored, noise neighbours hits among themselves) differs.
  const asClass = Int32Array.from(labels, (l) => (l < 0 ? 2 : l));
  const counted = mapQuality(m, m, { labels: asClass, ks: [3, 4] });
  assert.ok(
    Math.abs(counted.neighbourhoodHit![3]! - q.neighbourhoodHit![3]!) > 0.01,
    `${counted.neighbourhoodHit![3]} vs ${q.neighbourhoodHit![3]}`,
  );
});

test('a category that names noise maps to no class', () => {
  const codes = Int32Array.from([0, 1, 2, -1]);
  assert.deepEqual(Array.from(classCodes(codes, ['a', 'noise', '-1'])), [0, -1, -1, -1]);
  assert.equal(classCodes(codes, ['a', 'b', 'c']), codes);
});
