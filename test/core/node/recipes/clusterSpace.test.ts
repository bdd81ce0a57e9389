import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SyntheticEmbeddings } from '../../../../core/common/data/syntheticEmbeddings.js';
import { clusterRecipe } from '../../../../core/node/recipes/clusterRecipe.js';

/** Share of clustered (non-noise) rows whose cluster's most common planted topic is their own. */
function purity(found: Int32Array, planted: Int32Array): number {
  const counts = new Map<number, Map<number, number>>();
  let clustered = 0;
  for (let i = 0; i < found.length; i++) {
    if (found[i]! < 0) continue;
    clustered++;
    const m = counts.get(found[i]!) ?? new Map<number, number>();
    m.set(planted[i]!, (m.get(planted[i]!) ?? 0) + 1);
    counts.set(found[i]!, m);
  }
  let majority = 0;
  for (const m of counts.values()) majority += Math.max(...m.values());
  return clustered > 0 ? majority / clustered : 0;
}

const noiseShare = (labels: Int32Array): number => labels.filter((l) => l < 0).length / labels.length;

// Sentence-embedding-like 384-d unit rows of 8 topics, spread wide around their centres (twice the
// generator's default): as on real text sets, the topics overlap in the full space, so density there
// is nearly uniform, while each row's nearest neighbours still share its topic.
const n = 1500;
const dim = 384;
const data = new Float32Array(n * dim);
const planted = new Int32Array(n);
new SyntheticEmbeddings({ dim, clusters: 8, seed: 3, spread: 2 }).fill(data, 'base', 0, n, planted);
const input = { data, n, dim, metric: 'cos' as const };

test('HDBSCAN on a UMAP-5 space finds the topics that the original space leaves as noise', async () => {
  const original = await clusterRecipe({ ...input, params: { method: 'hdbscan', space: 'original' } });
  assert.equal(original.spaceName, 'pca32');
  const umap = await clusterRecipe({ ...input, params: { method: 'hdbscan' } });
  // The default for HDBSCAN on high-dimensional rows.
  assert.equal(umap.spaceName, 'umap5');
  assert.equal(umap.space.dim, 5);
  const before = noiseShare(original.labels);
  const after = noiseShare(umap.labels);
  // Measured: 0.71 and 0.035; purity 0.42 and 0.97.
  assert.ok(before > 0.5, `original space: noise ${before}`);
  assert.ok(after < before / 4, `UMAP-5: noise ${after} against ${before}`);
  assert.ok(purity(umap.labels, planted) > 0.8, `UMAP-5 purity ${purity(umap.labels, planted)}`);
  assert.ok(umap.clusters.length >= 8, `${umap.clusters.length} clusters for 8 topics`);
  assert.equal(umap.noise, umap.labels.filter((l) => l < 0).length);
});

test('the cluster space and its dimension are checked, and k-means clusters a UMAP space when asked', async () => {
  const small = 400;
  const sub = { ...input, data: data.subarray(0, small * dim), n: small };
  const r = await clusterRecipe({ ...sub, params: { method: 'kmeans', k: 8, space: 'umap', spaceDim: 7 } });
  assert.equal(r.spaceName, 'umap7');
  assert.equal(new Set(r.labels).size, 8);
  // k-means defaults to the original space, PCA-reduced.
  const k = await clusterRecipe({ ...sub, params: { method: 'kmeans', k: 8 } });
  assert.equal(k.spaceName, 'pca64');
  await assert.rejects(clusterRecipe({ ...sub, params: { space: 'umap', spaceDim: 4 } }), /5 to 10/);
  await assert.rejects(clusterRecipe({ ...sub, params: { space: 'umap', spaceDim: 11 } }), /5 to 10/);
  await assert.rejects(clusterRecipe({ ...sub, params: { space: 'layout' } }), /--coords/);
  const coords = { data: new Float32Array(small * 2), n: small, dim: 2 };
  await assert.rejects(clusterRecipe({ ...sub, params: { space: 'umap', coords } }), /not "layout"/);
  const layout = await clusterRecipe({ ...sub, params: { method: 'kmeans', k: 2, coords } });
  assert.equal(layout.spaceName, 'map');
});
