import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classTfIdf, summarizeClusters, tokenize } from '../../../../core/common/cluster/clusterSummary.js';
import type { MetadataColumn } from '../../../../core/common/types.js';

test('tokenize lower-cases, keeps words and drops stop words', () => {
  assert.deepEqual(tokenize('The Cat sat on the MAT, twice!'), ['cat', 'sat', 'mat', 'twice']);
});

test('class-based TF-IDF names clusters by their distinctive words, not the shared ones', () => {
  const texts = [
    'animal dog barks loudly',
    'dog animal wags tail',
    'puppy dog animal',
    'animal cat meows',
    'cat animal purrs softly',
    'kitten cat animal',
  ];
  const labels = Int32Array.from([0, 0, 0, 1, 1, 1]);
  const kw = classTfIdf(labels, texts, 2, 2);
  assert.equal(kw[0]![0], 'dog');
  assert.equal(kw[1]![0], 'cat');
});

test('cluster summaries give size, medoid, top category and keyword label; noise is counted', () => {
  const data = Float32Array.from([0, 0, 0.1, 0, 0.05, 0.01, 10, 10, 10.2, 10, 50, 50]);
  const labels = Int32Array.from([0, 0, 0, 1, 1, -1]);
  const metadata: MetadataColumn[] = [
    { name: 'kind', type: 'category', codes: Int32Array.from([0, 0, 1, 1, 1, 0]), categories: ['a', 'b'] },
    { name: 'text', type: 'text', values: ['red apple', 'red cherry', 'red', 'blue sky', 'blue sea', 'x'] },
  ];
  const s = summarizeClusters({ data, n: 6, dim: 2 }, labels, { metadata, textColumn: 'text' });
  assert.equal(s.noise, 1);
  assert.equal(s.clusters.length, 2);
  assert.equal(s.clusters[0]!.size, 3);
  assert.equal(s.clusters[0]!.medoid, 2);
  assert.deepEqual(s.clusters[0]!.topValues[0], { column: 'kind', value: 'a', share: 2 / 3 });
  assert.equal(s.clusters[0]!.keywords[0], 'red');
  assert.equal(s.clusters[1]!.label.split(', ')[0], 'blue');
  assert.throws(() => summarizeClusters({ data, n: 6, dim: 2 }, labels, { metadata, textColumn: 'nope' }));
});

test('keyword labels skip stop words, citation tokens, numbers and one- or two-letter tokens', () => {
  assert.deepEqual(
    tokenize(
      'Smith et al. (2019), Fig. 3 and Eq. 12: see doi:10.1000/xyz, https://www.example.org, 3D UMAP ok',
    ),
    ['smith', 'see', 'xyz', 'example', 'umap'],
  );
  // Every text of cluster 0 cites ("et al.", "fig.") and those tokens would lead its TF-IDF ranking.
  const texts = [
    'Jones et al. fig. 2 protein folding',
    'Lee et al. fig. 4 protein structure',
    'Chen et al. fig. 1 protein binding',
    'galaxy survey redshift',
    'galaxy cluster lensing',
  ];
  const labels = Int32Array.from([0, 0, 0, 1, 1]);
  const kw = classTfIdf(labels, texts, 2, 5);
  assert.equal(kw[0]![0], 'protein');
  for (const words of kw) for (const w of words) assert.ok(!['et', 'al', 'fig', 'et al'].includes(w), w);
  const data = new Float32Array(10);
  const s = summarizeClusters({ data, n: 5, dim: 2 }, labels, {
    metadata: [{ name: 'text', type: 'text', values: texts }],
    textColumn: 'text',
  });
  for (const c of s.clusters) assert.doesNotMatch(c.label, /\bet\b|\bal\b|\bfig\b/);
});
