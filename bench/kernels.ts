// Throughput of the distance kernels and exact k-NN on fashion-mnist-sized random data
// (60,000 × 784 base, 1,000 queries): plain TypeScript vs WASM SIMD, one thread vs the worker pool.
// Writes bench/results/kernels.md and .json. Timings on a shared machine are noisy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { Kernels } from '../core/common/kernels/kernels.js';
import { referenceKernels } from '../core/common/kernels/reference.js';
import { exactKnn } from '../core/common/knn/exactKnn.js';
import type { Matrix } from '../core/common/types.js';
import { createKnnPool, parallelExactKnn } from '../core/node/knn/parallelKnn.js';
import { toShared } from '../core/node/pool/toShared.js';

const N = 60000;
const DIM = 784;
const NQ = 1000;
const K = 100;

function random(n: number, dim: number, seed: number): Matrix {
  let a = seed >>> 0;
  const data = new Float32Array(n * dim);
  for (let i = 0; i < data.length; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    data[i] = (a >>> 8) / 65536; // 0..256, like pixel values
  }
  return { data, n, dim };
}

interface Row {
  name: string;
  what: string;
  nq: number;
  n: number;
  seconds: number;
  gflops: number;
  qps: number;
}

const rows: Row[] = [];
function record(name: string, what: string, nq: number, n: number, seconds: number): void {
  const gflops = (2 * nq * n * DIM) / seconds / 1e9;
  rows.push({ name, what, nq, n, seconds, gflops, qps: nq / seconds });
  console.log(
    `${name.padEnd(34)} ${gflops.toFixed(2).padStart(7)} GFLOP/s  ${(nq / seconds).toFixed(1)} q/s`,
  );
}

/** Best of `runs` timings of fn, in seconds. */
async function time(fn: () => unknown, runs = 3): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return best;
}

/** Plain JS dot of one query with many rows, in doubles, without float32 rounding: a naive peer. */
function naiveDot(
  q: Float32Array,
  nq: number,
  r: Float32Array,
  nr: number,
  dim: number,
  out: Float32Array,
): void {
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < nr; j++) {
      let s = 0;
      for (let t = 0; t < dim; t++) s += q[i * dim + t]! * r[j * dim + t]!;
      out[i * nr + j] = s;
    }
  }
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const base = toShared(random(N, DIM, 1));
  const queries = toShared(random(NQ, DIM, 2));
  const kern = new Kernels();

  // Plain TypeScript on a slice (it is slow).
  const sq = 10;
  const sn = 2000;
  const qs = queries.data.subarray(0, sq * DIM);
  const bs = base.data.subarray(0, sn * DIM);
  const out = new Float32Array(sq * sn);
  naiveDot(qs, sq, bs, sn, DIM, out);
  record(
    'plain JS dot (doubles)',
    'naive loops',
    sq,
    sn,
    await time(() => naiveDot(qs, sq, bs, sn, DIM, out)),
  );
  record(
    'TS reference dotBatch',
    'float32-rounded',
    sq,
    sn,
    await time(() => referenceKernels.dotBatch(qs, sq, bs, sn, DIM, out)),
  );
  record(
    'TS reference l2Batch',
    'float32-rounded',
    sq,
    sn,
    await time(() => referenceKernels.l2Batch(qs, sq, bs, sn, DIM, out)),
  );

  // WASM kernels through the convenience API (includes copying rows in and distances out).
  const q200 = queries.data.subarray(0, 200 * DIM);
  const out200 = new Float32Array(200 * N);
  record(
    'wasm dotBatch (f32)',
    '200 q × all rows',
    200,
    N,
    await time(() => kern.dotBatch(q200, 200, base.data, N, DIM, out200)),
  );
  record(
    'wasm l2Batch (f32)',
    '200 q × all rows',
    200,
    N,
    await time(() => kern.l2Batch(q200, 200, base.data, N, DIM, out200)),
  );
  const one = new Float32Array(N);
  const q1 = queries.data.subarray(0, DIM);
  record(
    'wasm l2Batch, one query',
    'memory-bound',
    1,
    N,
    await time(() => kern.l2Batch(q1, 1, base.data, N, DIM, one), 5),
  );
  const h = new Uint16Array(N * DIM);
  const b = new Uint8Array(N * DIM);
  for (let i = 0; i < h.length; i++) {
    b[i] = base.data[i]!;
    h[i] = 0x3c00 | (b[i]! << 2);
  }
  record(
    'wasm l2BatchF16',
    '200 q × all rows',
    200,
    N,
    await time(() => kern.l2BatchF16(q200, 200, h, N, DIM, out200)),
  );
  record(
    'wasm l2BatchU8',
    '200 q × all rows',
    200,
    N,
    await time(() => kern.l2BatchU8(q200, 200, b, N, DIM, out200)),
  );
  record(
    'wasm l2BatchF16, one query',
    'decoded in-kernel',
    1,
    N,
    await time(() => kern.l2BatchF16(q1, 1, h, N, DIM, one), 5),
  );
  record(
    'wasm l2BatchU8, one query',
    'decoded in-kernel',
    1,
    N,
    await time(() => kern.l2BatchU8(q1, 1, b, N, DIM, one), 5),
  );
  const qb = b.subarray(0, DIM);
  const oneI = new Int32Array(N);
  record(
    'wasm l2BatchU8U8, one query',
    'integer',
    1,
    N,
    await time(() => kern.l2BatchU8U8(qb, 1, b, N, DIM, oneI), 5),
  );

  // Exact k-NN, k = 100.
  for (const metric of ['l2', 'ip'] as const) {
    record(
      `exactKnn ${metric}, 1 thread`,
      `k=${K}`,
      NQ,
      N,
      await time(() => exactKnn(base, queries, K, metric), 1),
    );
  }
  const threads = availableParallelism();
  const pool = createKnnPool(threads);
  try {
    await parallelExactKnn(base, { data: queries.data.subarray(0, 8 * DIM), n: 8, dim: DIM }, K, 'l2', {
      pool,
    });
    for (const metric of ['l2', 'ip'] as const) {
      record(
        `parallelExactKnn ${metric}, ${threads} threads`,
        `k=${K}`,
        NQ,
        N,
        await time(() => parallelExactKnn(base, queries, K, metric, { pool }), 1),
      );
    }
  } finally {
    await pool.close();
  }

  const ref = rows.find((r) => r.name === 'TS reference dotBatch')!.gflops;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const md = [
    '# Distance kernels and exact k-NN',
    '',
    `${N.toLocaleString('en')} × ${DIM} random base (values 0..256), queries from the same distribution, ` +
      `${cpu}, ${threads} threads available, Node ${process.version}. GFLOP/s counts 2·nq·n·dim ` +
      '(one multiply and one add per element pair, also for squared L2, which does a subtract too). ' +
      'Best of 3 runs (k-NN: 1 run). The machine is shared, so timings are noisy: the 1-minute load ' +
      `average was ${loadBefore.toFixed(1)} before and ${loadavg()[0]!.toFixed(1)} after the run.`,
    '',
    '| what | detail | queries | rows | seconds | GFLOP/s | queries/s | × TS reference |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.what} | ${r.nq} | ${r.n} | ${r.seconds.toFixed(3)} | ${r.gflops.toFixed(2)} | ` +
        `${r.qps.toFixed(1)} | ${(r.gflops / ref).toFixed(1)} |`,
    ),
    '',
  ].join('\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/kernels.md', md);
  writeFileSync(
    'bench/results/kernels.json',
    JSON.stringify(
      {
        n: N,
        dim: DIM,
        nq: NQ,
        k: K,
        cpu,
        threads,
        node: process.version,
        load: [loadBefore, loadavg()[0]],
        rows,
      },
      null,
      2,
    ) + '\n',
  );
  console.log('wrote bench/results/kernels.md and .json');
}

await main();
