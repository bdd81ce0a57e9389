import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neighbourScores } from '../../../../core/common/knn/neighbourScore.js';

test('cosine and inner product neighbours read as positive similarities', () => {
  for (const metric of ['cos', 'ip'] as const) {
    const s = neighbourScores(metric, Float32Array.of(-0.9, -0.5));
    assert.equal(s.title, 'similarity');
    assert.deepEqual(
      s.values.map((v) => Math.round(v * 100) / 100),
      [0.9, 0.5],
    );
  }
});

test('l2 neighbours read as distances', () => {
  assert.deepEqual(neighbourScores('l2', Float32Array.of(1, 4)), { title: 'distance', values: [1, 4] });
});
