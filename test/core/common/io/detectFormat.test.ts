import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeBigAnnBin } from '../../../../core/common/io/bigAnnBin.js';
import { detectFormat } from '../../../../core/common/io/detectFormat.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { encodeFvecs } from '../../../../core/common/io/texmexVecs.js';
import { assertUserError, utf8 } from './helpers.js';

const some = new Uint8Array(64).fill(7);

test('the extension decides for header-less formats, also under .gz', () => {
  const cases: [string, string][] = [
    ['a.fvecs', 'fvecs'],
    ['a.ivecs', 'ivecs'],
    ['a.bvecs', 'bvecs'],
    ['a.fbin', 'fbin'],
    ['a.ibin', 'ibin'],
    ['a.u8bin', 'u8bin'],
    ['a.csv', 'csv'],
    ['A.TSV', 'tsv'],
    ['a.jsonl', 'jsonl'],
    ['a.f32', 'raw-f32'],
    ['a.bin', 'raw-f32'],
    ['dir/a.fvecs.gz', 'fvecs'],
    ['train-images-idx3-ubyte.gz', 'idx'],
  ];
  for (const [name, format] of cases) assert.equal(detectFormat(name, some, 64), format, name);
});

test('magic numbers win over the extension and are required by .npy/.hdf5/.parquet/.arrow', () => {
  const npy = encodeNpy(new Float32Array(4), [2, 2]);
  assert.equal(detectFormat('x.bin', npy, npy.length), 'npy');
  assert.equal(detectFormat('x', Uint8Array.of(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a), 100), 'hdf5');
  assert.equal(detectFormat('x.dat', utf8('PAR1....'), 100), 'parquet');
  assert.equal(detectFormat('x', utf8('ARROW1\0\0'), 100), 'arrow');
  assertUserError(() => detectFormat('v.npy', some, 64), 'v.npy', /not a valid \.npy file/);
  assertUserError(() => detectFormat('v.hdf5', some, 64), 'v.hdf5', /not a valid \.hdf5 file/);
});

test('files without a known extension are recognised by content', () => {
  const fv = encodeFvecs(new Float32Array(12), 3, 4);
  assert.equal(detectFormat('vectors', fv, fv.length), 'fvecs');
  const fb = encodeBigAnnBin(new Float32Array(15), 5, 3);
  assert.equal(detectFormat('vectors', fb, fb.length), 'fbin');
  assert.equal(detectFormat('vectors', utf8('{"embedding":[1]}\n'), 18), 'jsonl');
  assert.equal(detectFormat('vectors', utf8('1\t2\n'), 4), 'tsv');
  assert.equal(detectFormat('vectors', utf8('1,2\n'), 4), 'csv');
  const idx = Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 4, 1, 2, 3, 4);
  assert.equal(detectFormat('labels', idx, idx.length), 'idx');
});

test('an unknown format and an empty file are one-line errors', () => {
  assertUserError(
    () => detectFormat('notes.md', utf8('# hello'), 7),
    'notes.md',
    /unknown format \(extension "\.md"\); supported: \.npy/,
  );
  assertUserError(() => detectFormat('a.npy', new Uint8Array(0), 0), 'a.npy', /empty file/);
});
