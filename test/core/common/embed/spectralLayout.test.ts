import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FuzzyGraph } from '../../../../core/common/embed/fuzzySimplicialSet.js';
import { fuzzySimplicialSet, umapDistances } from '../../../../core/common/embed/fuzzySimplicialSet.js';
import { exactSelfKnn } from '../../../../core/common/embed/selfKnn.js';
import { connectedComponents, spectralLayout } from '../../../../core/common/embed/spectralLayout.js';
import { eigenSymmetric } from '../../../../core/common/linalg/eigenSymmetric.js';
import { createRng } from '../../../../core/common/random.js';
import { plantedBlobs, seeded } from '../../../helpers/mapsData.js';

function graphOf(sizes: number[], sd: number, seed: number): { g: FuzzyGraph; labels: Int32Array } {
  const { data, labels } = plantedBlobs(sizes, 8, sd, 0, seeded(seed));
  const knn = exactSelfKnn(data, 12, 'l2');
  return { g: fuzzySimplicialSet(knn, umapDistances(knn, 'l2')), labels };
}

/** D^-1/2 W D^-1/2 as a dense matrix. */
function normalisedAdjacency(g: FuzzyGraph): Float64Array {
  const { n } = g;
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++) deg[i]! += g.weights[e]!;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let e = g.indptr[i]!; e < g.indptr[i + 1]!; e++) {
      const j = g.indices[e]!;
      m[i * n + j] = g.weights[e]! / Math.sqrt(deg[i]! * deg[j]!);
    }
  return m;
}

test('Lanczos finds the same leading non-trivial eigenpairs as the dense solver', () => {
  const { g } = graphOf([60, 60, 60, 60], 4, 5);
  assert.equal(connectedComponents(g), 1);
  const r = spectralLayout(g, 3, createRng(1))!;
  const full = eigenSymmetric(normalisedAdjacency(g), g.n);
  assert.ok(Math.abs(full.values[0]! - 1) < 1e-9);
  for (let c = 0; c < 3; c++) {
    assert.ok(Math.abs(r.values[c]! - full.values[c + 1]!) < 1e-6, `${r.values[c]} vs ${full.values[c + 1]}`);
    // Same eigenvector up to sign (the values are well separated on this graph).
    let dot = 0;
    let nr = 0;
    for (let i = 0; i < g.n; i++) {
      dot += r.coords[i * 3 + c]! * full.vectors[(c + 1) * g.n + i]!;
      nr += r.coords[i * 3 + c]! ** 2;
    }
    assert.ok(Math.abs(Math.abs(dot) / Math.sqrt(nr) - 1) < 1e-4);
  }
  assert.ok(r.residual < 1e-6);
});

test('the spectral start separates planted clusters and is deterministic for a seed', () => {
  const { g, labels } = graphOf([150, 150, 150], 3, 9);
  const a = spectralLayout(g, 2, createRng(3))!;
  const b = spectralLayout(g, 2, createRng(3))!;
  assert.deepEqual(a.coords, b.coords);
  // Each point's nearest other point in the 2-D start carries its own cluster label.
  let same = 0;
  for (let i = 0; i < g.n; i++) {
    let best = -1;
    let bd = Infinity;
    for (let j = 0; j < g.n; j++) {
      if (j === i) continue;
      const d =
        (a.coords[2 * i]! - a.coords[2 * j]!) ** 2 + (a.coords[2 * i + 1]! - a.coords[2 * j + 1]!) ** 2;
      if (d < bd) [bd, best] = [d, j];
    }
    if (labels[best] === labels[i]) same++;
  }
  assert.ok(same / g.n > 0.98, String(same / g.n));
});

/** Each point's nearest other point in a 2-D layout carries its label (fraction of points). */
function nearestAgreement(coords: Float32Array, labels: ArrayLike<number>): number {
  const n = labels.length;
  let same = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bd = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (coords[2 * i]! - coords[2 * j]!) ** 2 + (coords[2 * i + 1]! - coords[2 * j + 1]!) ** 2;
      if (d < bd) [bd, best] = [d, j];
    }
    if (labels[best] === labels[i]) same++;
  }
  return same / n;
}

test('a disconnected graph is laid out per component, each in its own box', () => {
  for (const [sizes, seed] of [
    [[80, 80], 2],
    [[60, 50, 70, 40, 55, 45, 65], 8],
  ] as const) {
    const { data, labels } = plantedBlobs([...sizes], 8, 0.5, 0, seeded(seed));
    const knn = exactSelfKnn(data, 12, 'l2');
    const g = fuzzySimplicialSet(knn, umapDistances(knn, 'l2'));
    // Far-apart tight blobs with 12 neighbours each: one component per blob.
    assert.equal(connectedComponents(g), sizes.length);
    const r = spectralLayout(g, 2, createRng(1), { data })!;
    assert.ok(r, 'a start for a disconnected graph');
    assert.equal(nearestAgreement(r.coords, labels), 1);
    // Boxes of different components do not overlap.
    const box = sizes.map(() => [Infinity, -Infinity, Infinity, -Infinity]);
    for (let i = 0; i < data.n; i++) {
      const b = box[labels[i]!]!;
      b[0] = Math.min(b[0]!, r.coords[2 * i]!);
      b[1] = Math.max(b[1]!, r.coords[2 * i]!);
      b[2] = Math.min(b[2]!, r.coords[2 * i + 1]!);
      b[3] = Math.max(b[3]!, r.coords[2 * i + 1]!);
    }
    for (let a = 0; a < sizes.length; a++)
      for (let b = a + 1; b < sizes.length; b++) {
        const [p, q] = [box[a]!, box[b]!];
        const overlap = p[0]! < q[1]! && q[0]! < p[1]! && p[2]! < q[3]! && q[2]! < p[3]!;
        assert.ok(!overlap, `components ${a} and ${b} overlap`);
      }
  }
});
