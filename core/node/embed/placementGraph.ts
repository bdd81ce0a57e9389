import { normalizeRows } from '../../common/knn/normalizeRows.js';
import { F32Codec } from '../../common/quantize/f32Codec.js';
import { GreedySearcher } from '../../common/search/greedySearch.js';
import type { KnnResult, Matrix, Metric } from '../../common/types.js';
import { parallelBuildVamana } from '../study/parallelVamana.js';

/** Search window of the placement graph: recall@15 ≈ 0.999 on clustered 32-d data (bench:maps-large). */
const WINDOW = 48;

/**
 * Approximate k-NN search in `base` through a Vamana graph (the study's index, R = 32, L = 64, built on
 * the worker pool), for placing many rows into a map: one search per query costs a few hundred distance
 * evaluations instead of a scan of the whole base. Distances follow the engine's ranking convention
 * (l2 squared; −cos; −ip), so UMAP's transform reads them as it reads exact ones. Cosine runs as inner
 * product on normalised rows.
 */
export async function buildPlacementSearch(
  base: Matrix,
  metric: Metric,
  seed: number,
  threads?: number,
): Promise<(queries: Matrix, k: number) => KnnResult> {
  const codeMetric = metric === 'l2' ? 'l2' : 'ip';
  const rows = metric === 'cos' ? normalizeRows(base) : base;
  const graph = await parallelBuildVamana(rows, codeMetric, { R: 32, L: 64, seed }, threads);
  const codec = new F32Codec(base.dim, codeMetric);
  const scorer = codec.scorer(codec.encode(rows));
  return (queries, k) => {
    const q = metric === 'cos' ? normalizeRows(queries) : queries;
    const width = Math.max(WINDOW, k);
    const searcher = new GreedySearcher(graph, scorer, width);
    const ids = new Int32Array(q.n * k).fill(-1);
    const dists = new Float32Array(q.n * k).fill(Infinity);
    for (let i = 0; i < q.n; i++) {
      scorer.setQuery(q.data, i * q.dim);
      searcher.search(width, width);
      const got = Math.min(k, searcher.buffer.size);
      for (let r = 0; r < got; r++) {
        ids[i * k + r] = searcher.buffer.ids[r]!;
        dists[i * k + r] = searcher.buffer.dists[r]!;
      }
    }
    return { ids, dists, nq: q.n, k };
  };
}
