// Issue 13 part 2's test data: the WordNet definitions embedded by USE-lite (shipped) against an LSA
// embedding of the same definitions computed here (TF-IDF reduced by a seeded truncated SVD). The two
// models must disagree for real: neighbour agreement well below 1, yet far above chance.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lsaEmbedding } from '../../../../core/common/text/lsaEmbedding.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { compareRecipe } from '../../../../core/node/recipes/compareRecipe.js';
import { sharedData } from '../../../helpers/sharedData.js';

test('wordnet-use512 against an LSA-128 embedding of the same definitions: real, partial agreement', async (t) => {
  const use = await loadDataset(sharedData('wordnet-use512/base.fvecs'));
  const defs = use.metadata.find((c) => c.name === 'definition');
  const lex = use.metadata.find((c) => c.name === 'lexname');
  assert.ok(defs?.type === 'text' && lex?.type === 'category');
  const t0 = performance.now();
  const lsa = lsaEmbedding(defs.values, { dim: 128, seed: 1 });
  const lsaSeconds = (performance.now() - t0) / 1000;
  const k = 10;
  const r = await compareRecipe(
    { vectors: use.vectors, metric: 'ip' },
    { vectors: lsa.vectors, metric: 'ip' },
    { k, labels: lex.codes },
  );
  const figures = {
    n: r.n,
    terms: lsa.terms,
    lsaSeconds: Number(lsaSeconds.toFixed(1)),
    meanJaccard: r.meanJaccard,
    meanOverlap: r.meanOverlap,
    cka: r.cka,
    spearman: r.spearman,
    knnAccuracyUse: r.labels!.a.knnAccuracy,
    knnAccuracyLsa: r.labels!.b.knnAccuracy,
    neighbourhoodHitUse: r.labels!.a.neighbourhoodHit,
    neighbourhoodHitLsa: r.labels!.b.neighbourhoodHit,
  };
  t.diagnostic(JSON.stringify(figures));
  // Chance: two random k-sets of n − 1 rows share about k²/(n − 1) rows (Jaccard ≈ 0.0003 here).
  const chance = k / (r.n - 1);
  assert.ok(r.meanJaccard < 0.5, `mean Jaccard ${r.meanJaccard}: the models should disagree`);
  assert.ok(r.meanJaccard > 50 * chance, `mean Jaccard ${r.meanJaccard} is near chance (${chance})`);
  assert.ok(r.meanOverlap > r.meanJaccard && r.meanOverlap < 0.6);
  assert.ok(r.cka > 0.1 && r.cka < 0.95, `CKA ${r.cka}`);
  // Random pairs of definitions share no words, so most LSA similarities sit near 0 and their ranks
  // carry little: the distance correlation is weak but still positive (0.08 when measured).
  assert.ok(r.spearman > 0.02 && r.spearman < 0.95, `Spearman ${r.spearman}`);
  // Both models know the lexical classes far better than the largest class's share would.
  const counts = new Map<number, number>();
  for (const c of lex.codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  const majority = Math.max(...counts.values()) / r.n;
  assert.ok(
    figures.knnAccuracyLsa > majority + 0.05,
    `LSA kNN accuracy ${figures.knnAccuracyLsa} vs ${majority}`,
  );
  assert.ok(figures.knnAccuracyUse > majority + 0.05);
});
