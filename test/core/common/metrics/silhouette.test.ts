import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silhouette } from '../../../../core/common/metrics/silhouette.js';
import { createRng } from '../../../../core/common/random.js';
import { plantedBlobs } from '../../../helpers/mapsData.js';

test('silhouette matches the definition, is high for separated blobs and near 0 for random labels', () => {
  const { data, labels } = plantedBlobs([40, 50, 30], 4, 0.5, 0, createRng(2).next);
  const n = data.n;
  const d = (i: number, j: number): number => {
    let s = 0;
    for (let c = 0; c < 4; c++) s += (data.data[i * 4 + c]! - data.data[j * 4 + c]!) ** 2;
    return Math.sqrt(s);
  };
  let ref = 0;
  for (let i = 0; i < n; i++) {
    const mean = (c: number): number => {
      let s = 0;
      let cnt = 0;
      for (let j = 0; j < n; j++) {
        if (j !== i && labels[j] === c) {
          s += d(i, j);
          cnt++;
        }
      }
      return s / cnt;
    };
    const a = mean(labels[i]!);
    const b = Math.min(...[0, 1, 2].filter((c) => c !== labels[i]).map(mean));
    ref += (b - a) / Math.max(a, b);
  }
  ref /= n;
  const s = silhouette(data, labels);
  assert.ok(Math.abs(s - ref) < 1e-9);
  assert.ok(s > 0.7, String(s));
  const rng = createRng(3);
  const random = Int32Array.from({ length: n }, () => rng.int(3));
  assert.ok(Math.abs(silhouette(data, random)) < 0.1);
  assert.ok(Number.isNaN(silhouette(data, new Int32Array(n))));
});
