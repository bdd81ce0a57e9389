import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadDataset, loadQueries } from '../../../../core/node/io/loadDataset.js';
import { loadIvecs } from '../../../../core/node/io/loadIvecs.js';
import { sharedData } from '../../../helpers/sharedData.js';

const data = (p: string): string => sharedData(p);

function rowNorm(m: { data: Float32Array; dim: number }, i: number): number {
  let s = 0;
  for (let j = 0; j < m.dim; j++) s += m.data[i * m.dim + j]! ** 2;
  return Math.sqrt(s);
}

test('wordnet-use512: base.fvecs with its base.tsv sidecar typed, queries and ground truth', async () => {
  const ds = await loadDataset(data('wordnet-use512/base.fvecs'));
  assert.deepEqual([ds.format, ds.dtype, ds.vectors.n, ds.vectors.dim], ['fvecs', 'f32', 20000, 512]);
  assert.ok(Math.abs(rowNorm(ds.vectors, 0) - 1) < 1e-4, 'unit norm');
  const types = Object.fromEntries(ds.metadata.map((c) => [c.name, c.type]));
  assert.deepEqual(types, {
    row: 'number',
    synset_id: 'text',
    lemmas: 'text',
    definition: 'text',
    lexname: 'category',
  });
  const lex = ds.metadata.find((c) => c.name === 'lexname')!;
  assert.ok(lex.type === 'category');
  if (lex.type === 'category') {
    assert.equal(lex.categories.length, 45);
    assert.equal(lex.categories[lex.codes[0]!], 'adj.pert');
    assert.equal(lex.categories[lex.codes[1]!], 'noun.communication');
  }
  const row = ds.metadata.find((c) => c.name === 'row')!;
  assert.ok(row.type === 'number' && row.values[19999] === 19999);
  const q = await loadQueries(data('wordnet-use512/query_ood_lemma.fvecs'), ds.vectors);
  assert.deepEqual([q.n, q.dim], [2000, 512]);
  const gt = await loadIvecs(data('wordnet-use512/groundtruth_ood_ip100.ivecs'));
  assert.deepEqual([gt.n, gt.k], [2000, 100]);
  // The stored ground truth is the exact inner-product top-100: its first id beats its 100th.
  const dot = (qi: number, b: number) => {
    let s = 0;
    for (let j = 0; j < 512; j++) s += q.data[qi * 512 + j]! * ds.vectors.data[b * 512 + j]!;
    return s;
  };
  for (const qi of [0, 999, 1999]) assert.ok(dot(qi, gt.ids[qi * 100]!) >= dot(qi, gt.ids[qi * 100 + 99]!));
});

test('fashion-mnist: the gzipped IDX training images are 60,000 × 784 u8, labels attach as 10 categories', async () => {
  const ds = await loadDataset(data('fashion-mnist/train-images-idx3-ubyte.gz'), {
    metadata: data('fashion-mnist/train-labels-idx1-ubyte.gz'),
  });
  assert.deepEqual([ds.format, ds.dtype, ds.vectors.n, ds.vectors.dim], ['idx', 'u8', 60000, 784]);
  let max = 0;
  for (let i = 0; i < 784 * 100; i++) max = Math.max(max, ds.vectors.data[i]!);
  assert.ok(max > 200 && max <= 255 && Number.isInteger(ds.vectors.data[400]!));
  const label = ds.metadata[0]!;
  assert.ok(label.type === 'category' && label.categories.length === 10);
});

test('mnist10k bvecs, glove100 fvecs and fiori-minilm384 raw embeddings with --dim 384', async () => {
  const mn = await loadDataset(data('mnist10k/base.bvecs'));
  assert.deepEqual([mn.format, mn.dtype, mn.vectors.n, mn.vectors.dim], ['bvecs', 'u8', 9000, 784]);
  const glove = await loadDataset(data('glove100/base.fvecs'), { metric: 'cos' });
  assert.deepEqual([glove.vectors.n, glove.vectors.dim], [50000, 100]);
  const fiori = await loadDataset(data('fiori-minilm384/embeddings.bin'), {
    dim: 384,
    metadata: data('fiori-minilm384/records_index.tsv'),
  });
  assert.deepEqual([fiori.format, fiori.vectors.n, fiori.vectors.dim], ['raw-f32', 778, 384]);
  for (const i of [0, 400, 777]) assert.ok(Math.abs(rowNorm(fiori.vectors, i) - 1) < 1e-4);
  const cat = fiori.metadata.find((c) => c.name === 'category')!;
  assert.ok(cat.type === 'category' && cat.categories.length === 13);
});
