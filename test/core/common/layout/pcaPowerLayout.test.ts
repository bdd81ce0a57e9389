import assert from 'node:assert/strict';
import { test } from 'node:test';
import { powerPca, projectLayout } from '../../../../core/common/layout/pcaPowerLayout.js';

test('power PCA finds planted principal directions and their variances in order', () => {
  // Coordinates with standard deviations 5, 3, 1, 0.5, ... along a rotated basis.
  const n = 4000;
  const dim = 8;
  const sds = [5, 3, 1, 0.5, 0.3, 0.2, 0.1, 0.05];
  // A fixed orthonormal basis: a Householder reflection of the identity.
  const v = Float64Array.from({ length: dim }, (_, i) => Math.sin(i + 1));
  const vn = Math.hypot(...v);
  const basis = (c: number, j: number) => (c === j ? 1 : 0) - (2 * v[c]! * v[j]!) / (vn * vn);
  let seed = 12345;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const data = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < dim; c++) {
      const z = sds[c]! * gauss();
      for (let j = 0; j < dim; j++) data[i * dim + j]! += z * basis(c, j);
    }
  }
  const pca = powerPca({ data, n, dim }, 3, { sampleSize: 4000 });
  const total = sds.reduce((s, x) => s + x * x, 0);
  assert.ok(Math.abs(pca.totalVariance - total) / total < 0.06, `total ${pca.totalVariance} vs ${total}`);
  for (let c = 0; c < 3; c++) {
    assert.ok(
      Math.abs(pca.eigenvalues[c]! - sds[c]! ** 2) / sds[c]! ** 2 < 0.1,
      `eigenvalue ${c}: ${pca.eigenvalues[c]}`,
    );
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += pca.components[j * 3 + c]! * basis(c, j);
    assert.ok(Math.abs(dot) > 0.98, `component ${c} is off its planted direction (|cos| = ${Math.abs(dot)})`);
  }
  const xy = projectLayout({ data, n, dim }, pca, 2);
  assert.equal(xy.length, n * 2);
  // The first map axis carries more spread than the second.
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < n; i++) {
    s0 += xy[2 * i]! ** 2;
    s1 += xy[2 * i + 1]! ** 2;
  }
  assert.ok(s0 > 2 * s1);
});
