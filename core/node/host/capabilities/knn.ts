import { VecscopeError } from '../../../common/errors.js';
import type { Matrix, Metric } from '../../../common/types.js';
import type { Handler } from '../capability.js';

/** Exact k nearest neighbours of one row (interim brute force until core/node/knn lands). */
function bruteForceRow(
  x: Matrix,
  row: number,
  k: number,
  metric: Metric,
): { ids: Int32Array; dists: Float32Array } {
  const { data, n, dim } = x;
  const q = data.subarray(row * dim, (row + 1) * dim);
  let qn = 0;
  for (let j = 0; j < dim; j++) qn += q[j]! * q[j]!;
  qn = Math.sqrt(qn) || 1;
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    let nn = 0;
    let l2 = 0;
    const o = i * dim;
    for (let j = 0; j < dim; j++) {
      const v = data[o + j]!;
      const w = q[j]!;
      dot += v * w;
      nn += v * v;
      l2 += (v - w) * (v - w);
    }
    d[i] = metric === 'l2' ? l2 : metric === 'ip' ? -dot : -dot / (qn * (Math.sqrt(nn) || 1));
  }
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => i !== row);
  order.sort((a, b) => d[a]! - d[b]! || a - b);
  const top = order.slice(0, k);
  return { ids: Int32Array.from(top), dists: Float32Array.from(top, (i) => d[i]!) };
}

export const knn: Handler<'knn'> = async ({ dataset, row, k }, _ctx, state) => {
  const entry = state.datasets.get(dataset);
  const { n } = entry.dataset.vectors;
  if (row >= n) throw new VecscopeError(`row ${row} is outside 0..${n - 1}`);
  return bruteForceRow(entry.dataset.vectors, row, Math.min(k, n - 1), entry.metric);
};
