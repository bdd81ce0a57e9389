import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
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
