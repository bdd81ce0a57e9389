import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { encodeFvecs } from '../../../../core/common/io/texmexVecs.js';
import { residentHome } from '../../../../core/common/search/graphMemory.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { randomMatrix } from '../../common/io/helpers.js';
import { tempDir } from './fixtures.js';

const dir = tempDir('vecscope-resident-');

// A base of 8 MiB or more is loaded into a resident WebAssembly memory, where its rows start past a
// reserved first page: every row must still be the file's row (a plain float32 .npy once landed 64 KiB
// early, losing its first 42 rows of 384 floats and ending in zeros).
test('a base large enough to be resident loads row for row as written', async () => {
  const n = 6_000;
  const dim = 384;
  const rows = randomMatrix(n, dim, 11);
  const files: [string, Uint8Array][] = [
    ['big.npy', encodeNpy(rows, [n, dim])],
    ['big.fvecs', encodeFvecs(rows, n, dim)],
  ];
  for (const [name, bytes] of files) {
    writeFileSync(join(dir, name), bytes);
    const d = await loadDataset(join(dir, name));
    const m = d.vectors;
    assert.ok(residentHome(m.data), `${name}: resident`);
    assert.ok(m.data.byteOffset > 0, `${name}: rows start past the front of their buffer`);
    assert.equal(m.n, n);
    assert.equal(m.dim, dim);
    assert.deepEqual(m.data.subarray(0, dim), rows.subarray(0, dim), `${name}: first row`);
    assert.deepEqual(m.data.subarray((n - 1) * dim), rows.subarray((n - 1) * dim), `${name}: last row`);
    assert.deepEqual(m.data, rows, name);
  }
});
