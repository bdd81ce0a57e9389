import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { FixedSizeList, Field, Float32, makeData, makeVector, Table, tableToIPC } from 'apache-arrow';
import h5wasm from 'h5wasm/node';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { VecscopeError } from '../../../../core/common/errors.js';
import { encodeBigAnnBin } from '../../../../core/common/io/bigAnnBin.js';
import { f32ToF16 } from '../../../../core/common/io/f16.js';
import { encodeNpy } from '../../../../core/common/io/npy.js';
import { encodeFvecs } from '../../../../core/common/io/texmexVecs.js';
import { loadDataset, type LoadOptions } from '../../../../core/node/io/loadDataset.js';
import { rng } from '../../../helpers/fixtures.js';
import { bytesOf, npyBytes, randomMatrix } from '../../common/io/helpers.js';
import { tempDir } from './fixtures.js';

const dir = tempDir('vecscope-fuzz-');
const N = 10;
const D = 6;
const base = randomMatrix(N, D, 5);
const rows = Array.from({ length: N }, (_, i) => Array.from(base.subarray(i * D, (i + 1) * D)));

/** A valid small file of a format, the name it needs (extension, IDX's naming) and its load options. */
interface Seed {
  name: string;
  bytes: Uint8Array;
  opts?: LoadOptions;
}

function idxImages(): Uint8Array {
  const img = new Uint8Array(16 + N * D);
  const view = new DataView(img.buffer);
  img.set([0, 0, 8, 3]);
  view.setUint32(4, N, false);
  view.setUint32(8, 2, false);
  view.setUint32(12, 3, false);
  for (let i = 0; i < N * D; i++) img[16 + i] = (i * 37) % 256;
  return img;
}

function bvecs(): Uint8Array {
  const out = new Uint8Array(N * (4 + D));
  const view = new DataView(out.buffer);
  for (let i = 0; i < N; i++) {
    view.setInt32(i * (4 + D), D, true);
    for (let j = 0; j < D; j++) out[i * (4 + D) + 4 + j] = (i * 7 + j) % 256;
  }
  return out;
}

function parquet(): Uint8Array {
  const ab = parquetWriteBuffer({
    columnData: [
      { name: 'title', data: rows.map((_, i) => `doc ${i}`) },
      { name: 'embedding', data: rows },
    ],
    schema: [
      { name: 'root', num_children: 2 },
      { name: 'title', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'embedding', repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
    ],
  });
  return new Uint8Array(ab);
}

function arrow(): Uint8Array {
  const child = makeData({ type: new Float32(), length: N * D, data: base });
  const emb = makeVector(
    makeData({
      type: new FixedSizeList(D, new Field('item', new Float32(), false)),
      length: N,
      nullCount: 0,
      child,
    }),
  );
  return tableToIPC(new Table({ embedding: emb }), 'file');
}

async function hdf5(): Promise<Uint8Array> {
  await h5wasm.ready;
  const path = join(dir, 'seed.hdf5');
  const f = new h5wasm.File(path, 'w');
  f.create_dataset({ name: 'train', data: base, shape: [N, D], dtype: '<f' });
  f.create_dataset({ name: 'test', data: base.subarray(0, 2 * D), shape: [2, D], dtype: '<f' });
  f.create_attribute('distance', 'euclidean');
  f.close();
  return readFileSync(path);
}

async function seeds(): Promise<Seed[]> {
  const csv = 'id,' + rows[0]!.map((_, j) => `x${j}`).join(',') + '\n';
  const csvBody = rows.map((r, i) => `${i},${r.join(',')}\n`).join('');
  const tsv = rows.map((r) => r.join('\t')).join('\n') + '\n';
  const jsonl = rows.map((r, i) => JSON.stringify({ id: i, embedding: r })).join('\n') + '\n';
  const npy = encodeNpy(base, [N, D]);
  const fvecs = encodeFvecs(base, N, D);
  const utf8 = (s: string) => new TextEncoder().encode(s);
  return [
    { name: 'f32.npy', bytes: npy },
    { name: 'f16.npy', bytes: npyBytes('<f2', [N, D], bytesOf(f32ToF16(base))) },
    {
      name: 'u8.npy',
      bytes: npyBytes(
        '|u1',
        [N, D],
        Uint8Array.from(base, (x) => (x + 1) * 100),
      ),
    },
    { name: 'v.fvecs', bytes: fvecs },
    { name: 'v.bvecs', bytes: bvecs() },
    { name: 'v.fbin', bytes: encodeBigAnnBin(base, N, D) },
    {
      name: 'v.u8bin',
      bytes: encodeBigAnnBin(
        Uint8Array.from(base, (x) => (x + 1) * 100),
        N,
        D,
      ),
    },
    { name: 'v-images-idx3-ubyte', bytes: idxImages() },
    { name: 'v.f32', bytes: bytesOf(base), opts: { dim: D } },
    { name: 'v.csv', bytes: utf8(csv + csvBody) },
    { name: 'v.tsv', bytes: utf8(tsv) },
    { name: 'v.jsonl', bytes: utf8(jsonl) },
    { name: 'v.parquet', bytes: parquet() },
    { name: 'v.arrow', bytes: arrow() },
    { name: 'v.hdf5', bytes: await hdf5() },
    { name: 'v.npy.gz', bytes: gzipSync(npy) },
    { name: 'v.fvecs.gz', bytes: gzipSync(fvecs) },
    { name: 'v.csv.gz', bytes: gzipSync(utf8(csv + csvBody)) },
  ];
}

type Mutation = (b: Uint8Array, r: () => number) => [string, Uint8Array];

const int = (r: () => number, n: number) => Math.floor(r() * n);

/** Header-sized region: the lies that matter sit in the first bytes of every format. */
const HEAD = 64;

const MUTATIONS: Mutation[] = [
  (b, r) => {
    const at = int(r, b.length);
    return [`truncated to ${at} bytes`, b.slice(0, at)];
  },
  (b, r) => {
    const out = b.slice();
    const flips = 1 + int(r, 4);
    const where: number[] = [];
    for (let k = 0; k < flips; k++) {
      const at = int(r, out.length);
      out[at]! ^= 1 << int(r, 8);
      where.push(at);
    }
    return [`bits flipped at ${where.join(', ')}`, out];
  },
  (b, r) => {
    const out = b.slice();
    const at = int(r, Math.min(HEAD, out.length - 1));
    out[at]! ^= 1 << int(r, 8);
    return [`header bit flipped at ${at}`, out];
  },
  (b, r) => {
    // A huge count or dimension in a 32-bit header field, little- or big-endian.
    const out = b.slice();
    const at = 4 * int(r, Math.min(HEAD, out.length - 4) / 4);
    const big = [0xffffffff, 0x7fffffff, 0x80000000, 0x40000000][int(r, 4)]!;
    new DataView(out.buffer).setUint32(at, big, r() < 0.5);
    return [`uint32 ${big} written at ${at}`, out];
  },
  (b, r) => {
    const out = b.slice();
    const at = int(r, Math.min(HEAD, out.length));
    const len = Math.min(1 + int(r, 8), out.length - at);
    for (let k = 0; k < len; k++) out[at + k] = int(r, 256);
    return [`${len} random bytes at ${at}`, out];
  },
  (b, r) => {
    const extra = Uint8Array.from({ length: 1 + int(r, 40) }, () => int(r, 256));
    const out = new Uint8Array(b.length + extra.length);
    out.set(b);
    out.set(extra, b.length);
    return [`${extra.length} bytes appended`, out];
  },
  (b, r) => {
    const at = int(r, b.length);
    const len = 1 + int(r, 16);
    const out = new Uint8Array(b.length - Math.min(len, b.length - at));
    out.set(b.subarray(0, at));
    out.set(b.subarray(at + len), at);
    return [`${len} bytes cut at ${at}`, out];
  },
];

/** A text header that claims a shape far beyond the file (and the machine). */
function hugeNpy(r: () => number): [string, string, Uint8Array] {
  const shape = [
    [4_000_000_000, D],
    [1_000_000, 1_000_000],
    [2 ** 40, 1],
    [N, 2 ** 33],
  ][int(r, 4)]!;
  const descr = ['<f4', '<f2', '|u1'][int(r, 3)]!;
  const bytes = npyBytes(descr, shape, bytesOf(base));
  return [`.npy claiming ${descr} ${shape.join(' × ')}`, r() < 0.5 ? 'huge.npy' : 'huge.npy.gz', bytes];
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Cases run per seed file; the whole test stays well under a minute on two cores. */
const CASES_PER_SEED = 14;
const TABLE_CASES_PER_SEED = 6;
const HUGE_CASES = 12;
/** The most a single case may add to the resident memory of this process. */
const MEMORY_BOUND = 256 << 20;

test(
  'fuzzed loader inputs: each case loads with the right shape or fails in one line naming the file',
  { timeout: 120_000 },
  async () => {
    const all = await seeds();
    const r = rng(20260);
    const cases: { label: string; name: string; bytes: Uint8Array; opts?: LoadOptions | undefined }[] = [];
    for (const s of all) {
      // The unmutated seed must load, so a mutation that "loads" is checked against a working reader.
      cases.push({ label: `${s.name} as written`, name: s.name, bytes: s.bytes, opts: s.opts });
      // Parquet and Arrow are parsed in a child process (isolatedTableRead.ts): a flipped bit in a
      // Parquet page header makes hyparquet size a JS array past V8's limit, which ends the process, and
      // a mutated Arrow file can send apache-arrow into an endless loop; either is one line here.
      // Each Parquet or Arrow case starts a reader process: fewer of them keep the test short.
      const count = /\.(parquet|arrow)$/.test(s.name) ? TABLE_CASES_PER_SEED : CASES_PER_SEED;
      for (let k = 0; k < count; k++) {
        const m = MUTATIONS[k % MUTATIONS.length]!;
        const input = s.name.endsWith('.gz') && r() < 0.5 ? gzipSync(s.bytes) : s.bytes;
        const [what, bytes] = m(input, r);
        cases.push({ label: `${s.name}: ${what}`, name: s.name, bytes, opts: s.opts });
      }
    }
    for (let k = 0; k < HUGE_CASES; k++) {
      const [label, name, raw] = hugeNpy(r);
      cases.push({ label, name, bytes: name.endsWith('.gz') ? gzipSync(raw) : raw });
    }
    const baseRss = process.memoryUsage().rss;
    let loaded = 0;
    let refused = 0;
    for (const [i, c] of cases.entries()) {
      const path = join(dir, `case${i}-${c.name}`);
      writeFileSync(path, c.bytes);
      const before = sha(c.bytes);
      const t0 = performance.now();
      try {
        const ds = await loadDataset(path, c.opts);
        const { n, dim, data } = ds.vectors;
        assert.ok(n > 0 && dim > 0, `${c.label}: loaded an empty shape ${n} × ${dim}`);
        assert.equal(data.length, n * dim, `${c.label}: ${data.length} values for ${n} × ${dim}`);
        assert.ok(
          data.every(Number.isFinite),
          `${c.label}: non-finite values loaded without --allow-nonfinite`,
        );
        if (c.label.endsWith('as written')) assert.deepEqual([n, dim], [N, D], c.label);
        loaded++;
      } catch (e) {
        const msg = (e as Error).message;
        assert.ok(e instanceof VecscopeError, `${c.label}: not a user error: ${(e as Error).stack}`);
        assert.ok(!msg.includes('\n'), `${c.label}: message spans lines: ${msg}`);
        assert.ok(msg.includes(path), `${c.label}: message does not name the file: ${msg}`);
        assert.ok(!/internal error/i.test(msg), `${c.label}: ${msg}`);
        refused++;
      }
      assert.ok(performance.now() - t0 < 10_000, `${c.label}: took ${performance.now() - t0} ms`);
      assert.equal(sha(readFileSync(path)), before, `${c.label}: the input file changed`);
      const grown = process.memoryUsage().rss - baseRss;
      assert.ok(grown < MEMORY_BOUND, `${c.label}: resident memory grew by ${grown} bytes`);
    }
    assert.ok(loaded >= all.length, `only ${loaded} cases loaded`);
    assert.ok(refused > cases.length / 4, `only ${refused} cases refused`);
  },
);
