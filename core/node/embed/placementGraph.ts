import { availableParallelism } from 'node:os';
import { normalizeRows } from '../../common/knn/normalizeRows.js';
import type { CodeMetric } from '../../common/quantize/codec.js';
import type { VamanaGraph } from '../../common/search/vamanaGraph.js';
import type { KnnResult, Matrix, Metric } from '../../common/types.js';
import { toShared } from '../pool/toShared.js';
import { WorkerPool } from '../pool/workerPool.js';
import { parallelBuildVamana } from '../study/parallelVamana.js';

/** Search window of the placement graph: recall@15 ≈ 0.99–0.999 (bench:maps-large, the tests). */
const WINDOW = 48;

/** One worker's share of a placement search (plain data over shared memory). */
export interface PlacementTask {
  graph: VamanaGraph;
  base: Matrix;
  codeMetric: CodeMetric;
  queries: Matrix;
  k: number;
  width: number;
  range: [number, number];
  ids: Int32Array;
  dists: Float32Array;
}

/**
 * Approximate k-NN search in `base` through a Vamana graph (the study's index, R = 32, L = 64), both
 * the build and the searches on worker threads, for placing many rows into a map: a search costs a few
 * hundred distance evaluations instead of a scan of the whole base. Distances follow the engine's
 * ranking convention (l2 squared; −cos; −ip), so UMAP's transform reads them as it reads exact ones;
 * cosine runs as inner product on normalised rows. Each search call starts and ends its own pool.
 */
export async function buildPlacementSearch(
  base: Matrix,
  metric: Metric,
  seed: number,
  threads: number = availableParallelism(),
): Promise<(queries: Matrix, k: number) => Promise<KnnResult>> {
  const codeMetric: CodeMetric = metric === 'l2' ? 'l2' : 'ip';
  const rows = toShared(metric === 'cos' ? normalizeRows(base) : base);
  const built = await parallelBuildVamana(rows, codeMetric, { R: 32, L: 64, seed }, threads);
  const adjacency = new Int32Array(new SharedArrayBuffer(built.adjacency.byteLength));
  adjacency.set(built.adjacency);
  const graph: VamanaGraph = { ...built, adjacency };
  return async (queries, k) => {
    const q = toShared(metric === 'cos' ? normalizeRows(queries) : queries);
    const ids = new Int32Array(new SharedArrayBuffer(q.n * k * 4)).fill(-1);
    const dists = new Float32Array(new SharedArrayBuffer(q.n * k * 4)).fill(Infinity);
    const workers = Math.max(1, Math.min(threads, Math.ceil(q.n / 256)));
    const pool = new WorkerPool(new URL('./placementWorker.js', import.meta.url), workers);
    try {
      const runs: Promise<unknown>[] = [];
      for (let w = 0; w < workers; w++) {
        const task: PlacementTask = {
          graph,
          base: rows,
          codeMetric,
          queries: q,
          k,
          width: Math.max(WINDOW, k),
          range: [Math.floor((w * q.n) / workers), Math.floor(((w + 1) * q.n) / workers)],
          ids,
          dists,
        };
        runs.push(pool.run(task));
      }
      await Promise.all(runs);
    } finally {
      await pool.close();
    }
    return { ids, dists, nq: q.n, k };
  };
}
