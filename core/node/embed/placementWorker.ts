// Worker side of the placement search: one share of the queries through the Vamana graph over the
// fitted sample, results written straight into the shared output arrays.
import { F32Codec } from '../../common/quantize/f32Codec.js';
import { GreedySearcher } from '../../common/search/greedySearch.js';
import { serveWorker } from '../pool/serveWorker.js';
import type { PlacementTask } from './placementGraph.js';

serveWorker((message) => {
  const t = message as PlacementTask;
  const codec = new F32Codec(t.base.dim, t.codeMetric);
  const scorer = codec.scorer(codec.encode(t.base));
  const searcher = new GreedySearcher(t.graph, scorer, t.width);
  const { k, queries } = t;
  for (let i = t.range[0]; i < t.range[1]; i++) {
    scorer.setQuery(queries.data, i * queries.dim);
    searcher.search(t.width, t.width);
    const got = Math.min(k, searcher.buffer.size);
    for (let r = 0; r < got; r++) {
      t.ids[i * k + r] = searcher.buffer.ids[r]!;
      t.dists[i * k + r] = searcher.buffer.dists[r]!;
    }
  }
  return { result: null };
});
