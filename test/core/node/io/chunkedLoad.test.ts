import assert from 'node:assert/strict';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createGzip, gzipSync } from 'node:zlib';
import { encodeBigAnnBin } from '../../../../core/common/io/bigAnnBin.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { encodeFvecs } from '../../../../core/common/io/texmexVecs.js';
import { loadDataset } from '../../../../core/node/io/loadDataset.js';
import { assertUserErrorAsync, bytesOf, randomMatrix } from '../../common/io/helpers.js';
import { tempDir } from './fixtures.js';
import { loadInChild, npyHeader, writeSparse } from './sparseFiles.js';

const dir = tempDir('vecscope-chunked-');
const p = (name: string) => join(dir, name);
const N = 50;
const D = 8;
const base = randomMatrix(N, D, 5);
const GB = 1e9;

test('a bad header on a 3 GB file is rejected from its first bytes, at once', async () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['bad.fvecs', new Uint8Array([0, 0, 0, 0x80]), /row 0 declares dimension/],
    ['bad.fbin', new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0]), /dim = 0/],
    ['lies.fbin', new Uint8Array([10, 0, 0, 0, 4, 0, 0, 0]), /corrupt: .* bytes follow the 10 × 4 rows/],
    ['dtype.npy', npyHeader('<c8', [10, 4]), /unsupported \.npy dtype "<c8"/],
    ['short.npy', npyHeader('<f4', [1e9, 4]), /truncated: the header promises 1,000,000,000 × 4 f32/],
  ];
  for (const [name, header, pattern] of cases) {
    writeSparse(p(name), header, 3 * GB);
    const t0 = performance.now();
    await assertUserErrorAsync(() => loadDataset(p(name)), p(name), pattern);
    // Reading 3 GB, even of a sparse file, takes seconds; the header alone takes milliseconds.
    assert.ok(performance.now() - t0 < 500, `${name} took ${performance.now() - t0} ms`);
  }
});

test('a text file over 2 GiB is one line naming the file and the limit, not an internal error', async () => {
  writeSparse(p('big.tsv'), new TextEncoder().encode('1\t2\n'), Math.floor(2.2 * 2 ** 30));
  await assertUserErrorAsync(
    () => loadDataset(p('big.tsv')),
    p('big.tsv'),
    /over the 2 GiB limit for files read whole/,
  );
});

test('a matrix of more values than one float32 array holds is refused before reading, naming the file', async () => {
  // 2^30 + 1 rows of 4 halves: 8 GiB on disk (sparse), 2^32 + 4 values.
  const shape = [2 ** 30 + 1, 4];
  const header = npyHeader('<f2', shape);
  writeSparse(p('huge.npy'), header, header.length + shape[0]! * shape[1]! * 2);
  await assertUserErrorAsync(
    () => loadDataset(p('huge.npy')),
    p('huge.npy'),
    /values exceed the 4,294,967,296 \(2\^32\)/,
  );
});

test('gzipped binary formats stream and give the same rows as the plain files', async () => {
  const files: [string, Uint8Array, Record<string, unknown>?][] = [
    ['a.npy', encodeNpy(base, [N, D])],
    ['a.fvecs', encodeFvecs(base, N, D)],
    ['a.fbin', encodeBigAnnBin(base, N, D)],
    ['a.f32', bytesOf(base.slice()), { dim: D }],
  ];
  for (const [name, bytes, opts] of files) {
    writeFileSync(p(name), bytes);
    writeFileSync(p(`${name}.gz`), gzipSync(bytes));
    const plain = await loadDataset(p(name), opts);
    const gz = await loadDataset(p(`${name}.gz`), opts);
    assert.deepEqual([gz.vectors.n, gz.vectors.dim, gz.format], [N, D, plain.format], name);
    assert.deepEqual([...gz.vectors.data], [...base], name);
    assert.deepEqual([...plain.vectors.data], [...base], name);
    assert.ok(gz.vectors.data.buffer instanceof SharedArrayBuffer);
  }
  const npy = encodeNpy(base, [N, D]);
  writeFileSync(p('cut.npy.gz'), gzipSync(npy.subarray(0, npy.length - 10)));
  await assertUserErrorAsync(
    () => loadDataset(p('cut.npy.gz')),
    p('cut.npy.gz'),
    /truncated: .*row 49 is cut off/,
  );
  const fv = encodeFvecs(base, N, D);
  writeFileSync(p('cut.fvecs.gz'), gzipSync(fv.subarray(0, fv.length - 3)));
  await assertUserErrorAsync(
    () => loadDataset(p('cut.fvecs.gz')),
    p('cut.fvecs.gz'),
    /truncated: .*row 49 is cut off/,
  );
});

test('a gzip bomb is rejected with bounded memory: by what its header declares', async () => {
  // A truthful 10 × 4 header followed by 400 MB of zeros (0.4 MB gzipped).
  const path = p('bomb.npy.gz');
  await new Promise<void>((resolve, reject) => {
    const gz = createGzip({ level: 1 });
    gz.pipe(createWriteStream(path)).on('finish', resolve).on('error', reject);
    gz.write(encodeNpy(new Float32Array(40), [10, 4]));
    const zeros = new Uint8Array(1 << 20);
    let left = 400;
    const more = (): void => {
      while (left > 0) {
        left--;
        if (!gz.write(zeros)) return void gz.once('drain', more);
      }
      gz.end();
    };
    more();
  });
  const r = loadInChild(path);
  assert.match(
    r.error ?? '',
    /bomb\.npy\.gz: corrupt: more data than the 10 × 4 f32 rows the header promises/,
  );
  assert.ok(r.maxRss < 200e6, `peak RSS ${r.maxRss}`);
  // A header that promises more than deflate can expand the file to is refused before decompressing.
  writeFileSync(p('liar.npy.gz'), gzipSync(npyHeader('<f4', [1e6, 1000])));
  await assertUserErrorAsync(
    () => loadDataset(p('liar.npy.gz')),
    p('liar.npy.gz'),
    /more than .* bytes of gzip can hold/,
  );
});
