import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createStudy } from '../../../../core/common/study/createStudy.js';
import { studyFilters } from '../../../../core/node/filter/studyFilters.js';
import { loadDataset, loadQueries } from '../../../../core/node/io/loadDataset.js';
import { sharedData } from '../../../helpers/sharedData.js';

// wordnet-use512 with its lexname column (base.tsv beside the vectors) and 300 of its OOD headword
// queries: the same SQL filters as `vecscope study --filter --selectivity-sweep`. A filter correlated
// with the data (a lexical class) and uncorrelated hashed subsets; pre-filtering is exact for F32
// codes, in-graph filtering loses recall as the filter narrows.
test('real data (wordnet-use512): recall under lexname and hashed filters, pre-filter vs in-graph', async () => {
  const dir = sharedData('wordnet-use512');
  const ds = await loadDataset(`${dir}/base.fvecs`);
  assert.ok(ds.metadata.some((c) => c.name === 'lexname'));
  const all = await loadQueries(`${dir}/query_ood_lemma.fvecs`, ds.vectors);
  const queries = { data: all.data.slice(0, 300 * all.dim), n: 300, dim: all.dim };
  const { filters } = await studyFilters(ds.metadata, ds.vectors.n, {
    filter: "lexname = 'noun.animal'",
    sweep: true,
  });
  assert.deepEqual(
    filters.map((f) => Math.round(f.allowed.reduce((s, a) => s + a, 0) / 10)),
    [2000, 202, 20, 3, 131],
  );
  const study = createStudy({ base: ds.vectors, queries, k: 10, metric: 'ip', filters, repeats: 1 });
  const flat = await study.runPipeline('F32,Flat');
  const graph = await study.runPipeline('F32,Vamana(R=32,L=100)|W=40');
  for (const f of [...flat.filtered!, ...graph.filtered!]) assert.ok(f.recallPrefilter > 0.999, f.filter);
  const g = graph.filtered!.map((f) => f.recallInGraph!);
  assert.ok(g[0]! > 0.95, `100 %: ${g[0]}`);
  assert.ok(g[1]! > 0.75 && g[1]! < g[0]!, `10 %: ${g[1]}`);
  assert.ok(g[2]! < 0.6, `1 %: ${g[2]}`);
  assert.ok(g[3]! < 0.25, `0.1 %: ${g[3]}`);
  // The lexical class: allowed rows cluster, so the traversal meets them, but still misses some.
  assert.ok(g[4]! > g[2]! && g[4]! < g[0]!, `noun.animal: ${g[4]}`);
  assert.equal(graph.filter, "lexname = 'noun.animal'");
  assert.equal(graph.filteredRecallInGraph, g[4]);
});
