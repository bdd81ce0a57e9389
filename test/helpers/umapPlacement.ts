// The 3-D UMAP / held-out placement check of umapLayout.test.ts and umapLayout.data.test.ts, on any
// labelled data: the WASM optimiser must match the TS reference bit for bit; returns what the tests bound.
import assert from 'node:assert/strict';
import { exactSelfKnn } from '../../core/common/embed/selfKnn.js';
import { UmapLayout } from '../../core/common/embed/umapLayout.js';
import { exactKnn } from '../../core/common/knn/exactKnn.js';
import { mapQuality } from '../../core/common/metrics/mapQuality.js';
import type { Matrix } from '../../core/common/types.js';

/**
 * Fits a 3-D UMAP on the even rows and places the odd rows afterwards. Returns the fitted map's
 * trustworthiness (k = 10) and the 10-NN label-vote accuracy of the placed points in the map, of the
 * fitted points in the map (leave-one-out) and of the placed points in the original space.
 */
export function umap3dAndPlacement(
  data: Matrix,
  labels: Uint8Array,
): { trustworthiness: number; placedAccuracy: number; fittedAccuracy: number; originalAccuracy: number } {
  const N = data.n;
  // Even rows are fitted, odd rows are placed afterwards.
  const nFit = N / 2;
  const fitData = new Float32Array(nFit * data.dim);
  const heldData = new Float32Array(nFit * data.dim);
  const fitLabels = new Uint8Array(nFit);
  const heldLabels = new Uint8Array(nFit);
  for (let t = 0; t < nFit; t++) {
    fitData.set(data.data.subarray(2 * t * data.dim, (2 * t + 1) * data.dim), t * data.dim);
    heldData.set(data.data.subarray((2 * t + 1) * data.dim, (2 * t + 2) * data.dim), t * data.dim);
    fitLabels[t] = labels[2 * t]!;
    heldLabels[t] = labels[2 * t + 1]!;
  }
  const fit: Matrix = { data: fitData, n: nFit, dim: data.dim };
  const held: Matrix = { data: heldData, n: nFit, dim: data.dim };
  const fitKnn = exactSelfKnn(fit, 15, 'l2');
  const layout = UmapLayout.create({ knn: fitKnn, data: fit }, { seed: 1, dim: 3, nEpochs: 200 });
  const y = layout.run();
  assert.equal(y.length, nFit * 3);
  const ts = UmapLayout.create(
    { knn: fitKnn, data: fit },
    { seed: 1, dim: 3, nEpochs: 200, engine: 'ts' },
  ).run();
  assert.deepEqual(ts, y);
  const q = mapQuality(fit, { data: y, n: nFit, dim: 3 }, { labels: fitLabels });
  const placed = layout.transform(exactKnn(fit, held, 15, 'l2'));
  assert.equal(placed.length, nFit * 3);
  // A 10-NN vote among the fitted points, in the map, should recover the held-out points' labels about as
  // well as the map recovers its own points (leave-one-out); the original-space vote is printed for scale.
  const vote = (ids: Int32Array, k: number, t: number): number => {
    const votes = new Array<number>(256).fill(0);
    for (let r = 0; r < 10; r++) votes[fitLabels[ids[t * k + r]!]!]!++;
    return votes.indexOf(Math.max(...votes));
  };
  const inMap = exactKnn({ data: y, n: nFit, dim: 3 }, { data: placed, n: nFit, dim: 3 }, 10, 'l2');
  const inOrig = exactKnn(fit, held, 10, 'l2');
  let correctMap = 0;
  let correctOrig = 0;
  for (let t = 0; t < nFit; t++) {
    if (vote(inMap.ids, 10, t) === heldLabels[t]) correctMap++;
    if (vote(inOrig.ids, 10, t) === heldLabels[t]) correctOrig++;
  }
  const own = q.knnAccuracy![10]!;
  console.log(
    `placed held-out points: 10-NN accuracy ${correctMap / nFit} in the map (fitted points ${own}), ${correctOrig / nFit} in ${data.dim}-d`,
  );
  return {
    trustworthiness: q.trustworthiness[10]!,
    placedAccuracy: correctMap / nFit,
    fittedAccuracy: own,
    originalAccuracy: correctOrig / nFit,
  };
}
