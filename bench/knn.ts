// npm run bench:knn — exact k-NN: vecscope's WASM SIMD kernels (pool and single thread), the plain-TS
// reference, usearch's exactSearch, hnswlib-node's BruteforceSearch and numpy/OpenBLAS, on the same data
// in one run. Slow peers run on a subset of the queries; rates (queries/s, GFLOP/s) are comparable.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import hnswlib from 'hnswlib-node';
import usearch from 'usearch';
import { exactKnn } from '../core/common/knn/exactKnn.js';
import { exactKnnReference } from '../core/common/knn/exactKnnReference.js';
import { recallFromIds, recallWithTies } from '../core/common/metrics/recall.js';
import type { Matrix, Metric } from '../core/common/types.js';
import { loadDataset, loadQueries } from '../core/node/io/loadDataset.js';
import { loadIvecs } from '../core/node/io/loadIvecs.js';
import { parallelExactKnn } from '../core/node/knn/parallelKnn.js';
import { type Table, timed, writeReport } from './report.js';

const K = 100;
const data = resolve('../shared/data');
const tmp = mkdtempSync(join(tmpdir(), 'vecscope-bench-knn-'));

interface Case {
  name: string;
  base: string;
  queries: string;
  truth: string;
  metric: Metric;
}
const cases: Case[] = [
  {
    name: 'fashion-mnist 60,000 × 784 (l2)',
    base: join(data, 'fashion-mnist/train-images-idx3-ubyte.gz'),
    queries: join(data, 'fashion-mnist/t10k-images-idx3-ubyte.gz'),
    truth: join(data, 'fashion-mnist/test_groundtruth_l2_100.ivecs'),
    metric: 'l2',
  },
  {
    name: 'wordnet-use512 20,000 × 512 (ip, OOD queries)',
    base: join(data, 'wordnet-use512/base.fvecs'),
    queries: join(data, 'wordnet-use512/query_ood_lemma.fvecs'),
    truth: join(data, 'wordnet-use512/groundtruth_ood_ip100.ivecs'),
    metric: 'ip',
  },
];

function head(m: Matrix, n: number): Matrix {
  const rows = Math.min(n, m.n);
  return { data: m.data.subarray(0, rows * m.dim), n: rows, dim: m.dim };
}

interface Row {
  method: string;
  queries: number;
  seconds: number;
  qps: number;
  gflops: number;
  recall: number;
}

async function runCase(c: Case): Promise<Row[]> {
  const ds = await loadDataset(c.base, { metric: c.metric });
  const base = ds.vectors;
  const queries = await loadQueries(c.queries, base, { metric: c.metric });
  const truth = await loadIvecs(c.truth);
  const flops = (nq: number): number => 2 * base.n * nq * base.dim;
  const rows: Row[] = [];
  const add = (method: string, nq: number, seconds: number, recall: number): void => {
    rows.push({ method, queries: nq, seconds, qps: nq / seconds, gflops: flops(nq) / seconds / 1e9, recall });
    console.log(`${c.name}: ${method} ${nq} queries ${seconds.toFixed(2)} s`);
  };
  const tieRecall = (q: Matrix, ids: Int32Array, k: number): number =>
    recallWithTies(base, q, c.metric, { ids: truth.ids, k: truth.k }, { ids, k }, k).recall;

  const threads = availableParallelism();
  const [pooled, tPool] = await timed(() => parallelExactKnn(base, queries, K, c.metric));
  add(`vecscope WASM SIMD, ${threads} worker threads`, queries.n, tPool, tieRecall(queries, pooled.ids, K));

  const q1 = head(queries, 1000);
  const [single, t1] = await timed(() => exactKnn(base, q1, K, c.metric));
  add('vecscope WASM SIMD, 1 thread', q1.n, t1, tieRecall(q1, single.ids, K));

  const qr = head(queries, 50);
  const [ref, tRef] = await timed(() => exactKnnReference(base, qr, K, c.metric));
  add('plain TypeScript reference, 1 thread', qr.n, tRef, tieRecall(qr, ref.ids, K));

  const qu = head(queries, 2000);
  // The native addon rejects typed arrays over SharedArrayBuffers, where the loaders put vectors.
  const plainBase = new Float32Array(base.data);
  const metricKind =
    c.metric === 'l2'
      ? usearch.MetricKind.L2sq
      : c.metric === 'ip'
        ? usearch.MetricKind.IP
        : usearch.MetricKind.Cos;
  const [um, tU] = await timed(() =>
    usearch.exactSearch(plainBase, new Float32Array(qu.data), base.dim, K, metricKind, threads),
  );
  const uIds = Int32Array.from((um as InstanceType<typeof usearch.BatchMatches>).keys, (x) => Number(x));
  add(`usearch exactSearch (C++ SIMD), ${threads} threads`, qu.n, tU, tieRecall(qu, uIds, K));

  const qh = head(queries, 100);
  const brute = new hnswlib.BruteforceSearch(
    c.metric === 'l2' ? 'l2' : c.metric === 'ip' ? 'ip' : 'cosine',
    base.dim,
  );
  brute.initIndex(base.n);
  for (let i = 0; i < base.n; i++)
    brute.addPoint(Array.from(base.data.subarray(i * base.dim, (i + 1) * base.dim)), i);
  const plainQueries = Array.from({ length: qh.n }, (_, i) =>
    Array.from(qh.data.subarray(i * qh.dim, (i + 1) * qh.dim)),
  );
  const [hIds, tH] = await timed(() => {
    const out = new Int32Array(qh.n * K);
    plainQueries.forEach((q, i) => {
      const r = brute.searchKnn(q, K);
      // hnswlib returns the farthest first; order best first as the others do.
      const order = r.neighbors
        .map((id, j) => [r.distances[j]!, id] as const)
        .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      order.forEach(([, id], j) => (out[i * K + j] = id));
    });
    return out;
  });
  add('hnswlib-node BruteforceSearch, 1 thread', qh.n, tH, tieRecall(qh, hIds, K));

  const bf = join(tmp, 'base.f32');
  const qf = join(tmp, 'queries.f32');
  const of = join(tmp, 'out.i32');
  writeFileSync(bf, base.data);
  writeFileSync(qf, queries.data);
  try {
    const res = JSON.parse(
      execFileSync(
        '/usr/bin/python3',
        [resolve('bench/py/knn_numpy.py'), bf, qf, String(base.dim), String(K), c.metric, of],
        {
          encoding: 'utf8',
        },
      ),
    ) as { seconds: number; threads: number[] | null; numpy: string };
    const buf = readFileSync(of);
    const ids = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    add(
      `numpy ${res.numpy} / OpenBLAS (${res.threads?.join('/') ?? '?'} threads)`,
      queries.n,
      res.seconds,
      tieRecall(queries, ids, K),
    );
  } catch (e) {
    console.error(
      `numpy peer skipped: ${(e as Error).message.split('\n')[0]} (apt-get install python3-numpy)`,
    );
  }
  // Also the plain id overlap with the shipped file, which differs from 1 only through ties.
  const plain = recallFromIds({ ids: truth.ids, k: truth.k }, { ids: pooled.ids, k: K }, queries.n, K).recall;
  console.log(`${c.name}: plain id overlap with the shipped ground truth ${plain.toFixed(5)}`);
  return rows;
}

const tables: Table[] = [];
const json: Record<string, Row[]> = {};
for (const c of cases) {
  const rows = await runCase(c);
  json[c.name] = rows;
  const ours = rows[0]!;
  tables.push({
    title: `${c.name}, k = ${K}`,
    headers: [
      'method',
      'queries',
      'seconds',
      'queries/s',
      'GFLOP/s',
      'vecscope pool ÷ this (queries/s)',
      `recall@${K} (tie rule)`,
    ],
    rows: rows.map((r) => [
      r.method,
      r.queries,
      r.seconds,
      r.qps,
      r.gflops,
      ours.qps / r.qps,
      r.recall.toFixed(4),
    ]),
  });
}
writeReport(
  'knn',
  'Exact k-NN',
  tables,
  [
    'GFLOP/s counts 2·n·nq·dim (one multiply-add per coordinate pair); top-k selection is included in every time.',
    'Slow peers ran on the first queries of the set (the "queries" column); their rates compare directly.',
    'recall is k-recall@k against the shipped ground truth with the big-ann tie rule (1e-6 relative).',
  ],
  { k: K, cases: json },
);
