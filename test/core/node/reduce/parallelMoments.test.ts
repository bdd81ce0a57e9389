import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeMoments } from '../../../../core/common/reduce/moments.js';
import { parallelMoments } from '../../../../core/node/reduce/parallelMoments.js';
import { gaussianMatrix } from '../../../helpers/fixtures.js';

test('parallel moments over worker threads equal the single-thread pass', async () => {
  const m = gaussianMatrix(40_000, 80, 9);
  for (let i = 0; i < m.data.length; i++) m.data[i]! += 3;
  const shared = new Float32Array(new SharedArrayBuffer(m.data.byteLength));
  shared.set(m.data);
  const one = computeMoments(m);
  for (const data of [m.data, shared]) {
    const par = await parallelMoments({ data, n: m.n, dim: m.dim }, { threads: 2 });
    assert.equal(par.n, one.n);
    let worst = 0;
    for (let i = 0; i < one.scatter.length; i++)
      worst = Math.max(worst, Math.abs(par.scatter[i]! - one.scatter[i]!) / one.scatter[0]!);
    // block boundaries differ between the splits, so the float32 block sums round differently
    assert.ok(worst < 1e-6, `scatter differs by ${worst}`);
    for (let j = 0; j < m.dim; j++) assert.ok(Math.abs(par.mean[j]! - one.mean[j]!) < 1e-6);
  }
});
