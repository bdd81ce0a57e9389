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
