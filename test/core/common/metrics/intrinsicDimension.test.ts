import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intrinsicDimension } from '../../../../core/common/metrics/intrinsicDimension.js';
import { spectralDimension } from '../../../../core/common/metrics/spectralDimension.js';
import { plantedSubspace } from '../../../helpers/fixtures.js';

test('TwoNN and MLE find about 2 for a plane in 50-D with 1 % noise', () => {
  // noise of 1 % of the plane's spread in total (split over the 50 coordinates)
  const { matrix } = plantedSubspace(1000, 50, [1, 1], 0.01 / Math.sqrt(50), 5);
  const id = intrinsicDimension(matrix, { sampleSize: 2000 });
  assert.ok(Math.abs(id.twoNN - 2) < 0.35, `twoNN ${id.twoNN}`);
  assert.ok(Math.abs(id.mle - 2) < 0.35, `mle ${id.mle}`);
  assert.equal(id.pca90, 2);
});

test('TwoNN and MLE find about 10 for a 10-D Gaussian embedded in 64-D', () => {
  const { matrix } = plantedSubspace(2000, 64, Array(10).fill(1), 0, 6);
  const id = intrinsicDimension(matrix, { sampleSize: 2000 });
  assert.ok(Math.abs(id.twoNN - 10) < 1.5, `twoNN ${id.twoNN}`);
  assert.ok(Math.abs(id.mle - 10) < 1.5, `mle ${id.mle}`);
  assert.ok(id.participationRatio > 9 && id.participationRatio <= 10.01, `PR ${id.participationRatio}`);
  assert.equal(id.pca99, 10);
});

test('spectral thresholds count strictly more than the fraction, like scikit-learn', () => {
  const s = spectralDimension([6, 3, 0.5, 0.5]);
  assert.equal(s.pca90, 3); // 9/10 = 0.9 is not > 0.9
  assert.equal(s.pca95, 4);
  assert.equal(s.pca99, 4);
  assert.equal(s.participationRatio, 100 / 45.5);
});
