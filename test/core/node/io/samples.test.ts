import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { loadDataset, loadQueries } from '../../../../core/node/io/loadDataset.js';
import { loadIvecs } from '../../../../core/node/io/loadIvecs.js';
import { resolveVectorArg, samplePaths } from '../../../../core/node/io/samples.js';

test('a left-out vector file or "sample" means the built-in sample', () => {
  const s = samplePaths();
  assert.equal(resolveVectorArg(undefined), s.base);
  assert.equal(resolveVectorArg('sample'), s.base);
  assert.equal(resolveVectorArg('x.npy'), 'x.npy');
  assert.match(s.base, /[\\/]sample[\\/]base\.npy$/);
  for (const p of Object.values(s)) assert.ok(existsSync(p), `${p} exists`);
});

test('the sample loads: 10,000 × 512 float16 with its sidecar', async () => {
  const ds = await loadDataset('sample');
  assert.deepEqual(
    [ds.file, ds.format, ds.dtype, ds.vectors.n, ds.vectors.dim],
    ['sample', 'npy', 'f16', 10000, 512],
  );
  assert.deepEqual(
    ds.metadata.map((c) => c.name),
    ['row', 'synset_id', 'lemmas', 'definition', 'lexname'],
  );
  let s = 0;
  for (let j = 0; j < 512; j++) s += ds.vectors.data[j]! ** 2;
  assert.ok(Math.abs(Math.sqrt(s) - 1) < 1e-2, 'unit norm up to float16 rounding');
});

test('the sample: its base.tsv sidecar typed (45 lexical classes), queries and ground truth', async () => {
  // The same checks on the full wordnet-use512 in ../shared/data: realData.data.test.ts.
  const s = samplePaths();
  const ds = await loadDataset('sample');
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
  assert.ok(row.type === 'number' && row.values[9999] === 9999);
  const q = await loadQueries(s.queryOod, ds.vectors);
  assert.deepEqual([q.n, q.dim], [1000, 512]);
  const gt = await loadIvecs(s.groundTruthOod);
  assert.deepEqual([gt.n, gt.k], [1000, 100]);
  // The stored ground truth is the exact inner-product top-100: its first id beats its 100th.
  const dot = (qi: number, b: number): number => {
    let sum = 0;
    for (let j = 0; j < 512; j++) sum += q.data[qi * 512 + j]! * ds.vectors.data[b * 512 + j]!;
    return sum;
  };
  for (const qi of [0, 499, 999]) assert.ok(dot(qi, gt.ids[qi * 100]!) >= dot(qi, gt.ids[qi * 100 + 99]!));
});
