// Compression study benchmark: recall@10 vs single-thread QPS for vecscope pipelines (through the study
// runner) and for hnswlib-node (M = 16, 32; ef sweep) and usearch (f32, f16, i8; ef sweep), on
// fashion-mnist (l2) and wordnet-use512 with OOD queries (ip), in one run. Writes
// bench/results/study.md and .json. The machine is shared: timings are noisy.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import hnswlib from 'hnswlib-node';
import { Index as UsearchIndex } from 'usearch';
import { runStudy } from '../core/common/study/runStudy.js';
import type { Matrix, Metric } from '../core/common/types.js';
import { loadDataset, loadQueries } from '../core/node/io/loadDataset.js';
import { parallelExactKnn } from '../core/node/knn/parallelKnn.js';
import { splitQueries } from '../core/common/reduce/splitQueries.js';
import { parallelBuildVamana } from '../core/node/study/parallelVamana.js';
import { studyReductionFitter } from '../core/node/study/reductionFitter.js';

const K = 10;
const REPEATS = Number(process.env['VECSCOPE_BENCH_REPEATS'] ?? 3);
const NQ = Number(process.env['VECSCOPE_BENCH_NQ'] ?? 300);
const FASHION_N = Number(process.env['VECSCOPE_BENCH_FASHION_N'] ?? 60_000);
const WORDNET_N = Number(process.env['VECSCOPE_BENCH_WORDNET_N'] ?? 20_000);

interface Point {
  dataset: string;
  system: string;
  config: string;
  recall: number;
  qps: number;
  /** Bytes per vector a search traverses (vectors only; graph excluded). */
  primaryBytes: number;
  /** Bytes per vector used for re-ranking only. */
  secondaryBytes: number;
  buildSeconds: number;
}

function head(m: Matrix, n: number): Matrix {
  const c = Math.min(n, m.n);
  return { data: m.data.slice(0, c * m.dim), n: c, dim: m.dim };
}

function recallOf(found: ArrayLike<number>[], truth: Int32Array, k: number): number {
  let hit = 0;
  found.forEach((ids, q) => {
    const t = new Set(truth.subarray(q * k, q * k + k));
    for (let i = 0; i < k; i++) if (t.has(Number(ids[i]))) hit++;
  });
  return hit / (found.length * k);
}

async function vecscope(
  name: string,
  base: Matrix,
  queries: Matrix,
  truth: Int32Array,
  metric: Metric,
  learn: Matrix | undefined,
): Promise<Point[]> {
  const d = Math.round(base.dim / 4);
  const windows = [10, 16, 24, 40, 64, 100, 160];
  const pipelines = [
    'F32,Flat',
    'SQ8,Flat',
    'LVQ8,Flat',
    ...windows.map((W) => `F32,Vamana|W=${W}`),
    ...windows.map((W) => `LVQ8,Vamana|W=${W}`),
    ...windows.map((W) => `PCA${d},LVQ8,Vamana|W=${W},rerank=${Math.max(2 * W, 20)}`),
    ...windows.map((W) => `PCA${d},LVQ4,Vamana|W=${W},rerank=${Math.max(3 * W, 30)}`),
    ...(learn ? windows.map((W) => `LeanVecOOD${d},LVQ8,Vamana|W=${W},rerank=${Math.max(2 * W, 20)}`) : []),
    // The low-bit codes side by side at (about) equal bytes per vector, flat so the codes alone are
    // compared: 1-bit RaBitQ / asymmetric and symmetric binary, 4-bit extended RaBitQ against LVQ4, and
    // PQ with one byte per 8 dimensions (issue 14's comparison with the RaBitQ paper's).
    'RaBitQ,Flat',
    'ABIN,Flat',
    'BIN,Flat',
    'RaBitQ,Flat|rerank=40',
    'RaBitQ4,Flat',
    'LVQ4,Flat',
    `PQ${Math.max(1, Math.round(base.dim / 8))},Flat`,
  ];
  const res = await runStudy({
    base,
    queries,
    truth: { ids: truth, nq: queries.n, k: K },
    k: K,
    metric,
    pipelines,
    ...(learn ? { learnQueries: learn } : {}),
    fitReduction: studyReductionFitter,
    buildGraph: (v, m, o) => parallelBuildVamana(v, m, o),
    repeats: REPEATS,
    clock: () => performance.now(),
    onRow: (r) =>
      console.log(`  vecscope ${r.pipeline}: recall ${r.recall.toFixed(3)}, ${r.qps.toFixed(0)} QPS`),
  });
  return res.rows.map((r) => ({
    dataset: name,
    system: 'vecscope',
    config: r.pipeline,
    recall: r.recall,
    qps: r.qps,
    primaryBytes: r.primaryBytes,
    secondaryBytes: r.secondaryBytes,
    buildSeconds: r.buildSeconds,
  }));
}

function hnsw(name: string, base: Matrix, queries: Matrix, truth: Int32Array, metric: Metric): Point[] {
  const out: Point[] = [];
  const rows = Array.from({ length: base.n }, (_, i) =>
    Array.from(base.data.subarray(i * base.dim, (i + 1) * base.dim)),
  );
  const qs = Array.from({ length: queries.n }, (_, i) =>
    Array.from(queries.data.subarray(i * queries.dim, (i + 1) * queries.dim)),
  );
  for (const M of [16, 32]) {
    const index = new hnswlib.HierarchicalNSW(metric === 'l2' ? 'l2' : 'ip', base.dim);
    const t0 = performance.now();
    // efConstruction 100 against Vamana's build window L = 100 (issue 11's matched setting).
    index.initIndex(base.n, M, 100, 100);
    rows.forEach((r, i) => index.addPoint(r, i));
    const build = (performance.now() - t0) / 1000;
    for (const ef of [10, 16, 24, 40, 64, 100, 160]) {
      index.setEf(ef);
      let found: number[][] = [];
      for (let q = 0; q < Math.min(20, qs.length); q++) index.searchKnn(qs[q]!, K);
      let best = Infinity;
      for (let rep = 0; rep < REPEATS; rep++) {
        found = [];
        const t1 = performance.now();
        for (const q of qs) found.push(index.searchKnn(q, K).neighbors);
        best = Math.min(best, (performance.now() - t1) / 1000);
      }
      const qps = qs.length / best;
      const recall = recallOf(found, truth, K);
      console.log(`  hnswlib M=${M} ef=${ef}: recall ${recall.toFixed(3)}, ${qps.toFixed(0)} QPS`);
      out.push({
        dataset: name,
        system: 'hnswlib',
        config: `M=${M},ef=${ef}`,
        recall,
        qps,
        primaryBytes: base.dim * 4,
        secondaryBytes: 0,
        buildSeconds: build,
      });
    }
  }
  return out;
}

function usearch(name: string, base: Matrix, queries: Matrix, truth: Int32Array, metric: Metric): Point[] {
  const out: Point[] = [];
  const dir = join(tmpdir(), `vecscope-bench-usearch-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const keys = new BigUint64Array(base.n);
  for (let i = 0; i < base.n; i++) keys[i] = BigInt(i);
  const bytes: Record<string, number> = { f32: 4, f16: 2, i8: 1 };
  for (const quantization of ['f32', 'f16', 'i8'] as const) {
    const config = {
      dimensions: base.dim,
      metric: metric === 'l2' ? 'l2sq' : 'ip',
      quantization,
      connectivity: 16,
    };
    const build = new UsearchIndex(config as never);
    const t0 = performance.now();
    build.add(keys, base.data, 2);
    const buildSeconds = (performance.now() - t0) / 1000;
    const path = join(dir, `${quantization}.usearch`);
    build.save(path);
    for (const ef of [10, 16, 24, 40, 64, 100, 160]) {
      const index = new UsearchIndex({ ...config, expansion_search: ef } as never);
      index.load(path);
      let found: ArrayLike<bigint>[] = [];
      const q1 = (q: number) => queries.data.subarray(q * queries.dim, (q + 1) * queries.dim);
      for (let q = 0; q < Math.min(20, queries.n); q++) index.search(q1(q), K, 1);
      let best = Infinity;
      for (let rep = 0; rep < REPEATS; rep++) {
        found = [];
        const t1 = performance.now();
        for (let q = 0; q < queries.n; q++) found.push(index.search(q1(q), K, 1).keys);
        best = Math.min(best, (performance.now() - t1) / 1000);
      }
      const qps = queries.n / best;
      const recall = recallOf(found as unknown as ArrayLike<number>[], truth, K);
      console.log(`  usearch ${quantization} ef=${ef}: recall ${recall.toFixed(3)}, ${qps.toFixed(0)} QPS`);
      out.push({
        dataset: name,
        system: 'usearch',
        config: `${quantization},M=16,ef=${ef}`,
        recall,
        qps,
        primaryBytes: base.dim * bytes[quantization]!,
        secondaryBytes: 0,
        buildSeconds,
      });
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return out;
}

/** Best single-thread QPS at recall@10 >= target among points matching `pick` (the upper envelope). */
function bestAt(points: Point[], pick: (p: Point) => boolean, target = 0.9): Point | undefined {
  return points.filter((p) => pick(p) && p.recall >= target).sort((a, b) => b.qps - a.qps)[0];
}

const TARGETS = [0.9, 0.95, 0.99];

/** The summary lines of one data set (points of one data set; dim = its vector dimension). */
function summarize(name: string, dim: number, points: Point[]): string[] {
  const out: string[] = [];
  const fmt = (p?: Point) =>
    p
      ? `${p.qps.toFixed(0)} q/s (\`${p.config}\`, recall ${p.recall.toFixed(3)}, ${p.primaryBytes} B)`
      : 'not reached';
  const ratio = (a?: Point, b?: Point) => (a && b ? `${(a.qps / b.qps).toFixed(2)}×` : 'n/a');
  const hnsw16 = (p: Point) => p.system === 'hnswlib' && p.config.startsWith('M=16,');
  const f32Graph = (p: Point) => p.system === 'vecscope' && /^F32,Vamana/.test(p.config);
  // Reduced (PCA / LeanVec / ...) and quantized, primary at most a quarter of f32's 4·dim bytes.
  const lean = (p: Point) =>
    p.system === 'vecscope' && /^[A-Za-z]+\d+,/.test(p.config) && p.primaryBytes <= dim;
  out.push(`### ${name}`, '');
  out.push(
    '| recall@10 ≥ | hnswlib M=16 | vecscope F32,Vamana | ratio | best reduced+quantized (≤ 1/4 of f32) | ratio | target |',
  );
  out.push('|---|---|---|---|---|---|---|');
  for (const t of TARGETS) {
    const h = bestAt(points, hnsw16, t);
    const v = bestAt(points, f32Graph, t);
    const l = bestAt(points, lean, t);
    const goal = t === 0.99 ? '1.5×' : t === 0.95 ? '2×' : '—';
    out.push(`| ${t} | ${fmt(h)} | ${fmt(v)} | ${ratio(v, h)} | ${fmt(l)} | ${ratio(l, h)} | ${goal} |`);
  }
  const flat = (q: string) => points.find((p) => p.system === 'vecscope' && p.config === `${q},Flat`);
  const f32 = flat('F32');
  out.push('');
  out.push(
    `Flat scans: ${['F32', 'SQ8', 'LVQ8']
      .map((q) => `${q} ${flat(q)?.qps.toFixed(0) ?? 'n/a'} q/s (${ratio(flat(q), f32)} of F32)`)
      .join(', ')}.`,
  );
  out.push('');
  return out;
}

function writeReport(all: Point[], date: string): void {
  const summary: string[] = [];
  for (const name of [...new Set(all.map((p) => p.dataset))]) {
    const points = all.filter((p) => p.dataset === name);
    const f32 = points.find((p) => p.system === 'hnswlib');
    summary.push(...summarize(name, f32 ? f32.primaryBytes / 4 : Infinity, points));
  }
  const table = [
    '| data set | system | config | recall@10 | QPS (1 thread) | primary B/vec | secondary B/vec | build s |',
    '|---|---|---|---|---|---|---|---|',
    ...all.map(
      (p) =>
        `| ${p.dataset.split(' ')[0]} | ${p.system} | \`${p.config}\` | ${p.recall.toFixed(3)} | ${p.qps.toFixed(0)} | ${p.primaryBytes} | ${p.secondaryBytes} | ${p.buildSeconds.toFixed(1)} |`,
    ),
  ];
  const md = [
    '# Compression study benchmark',
    '',
    `recall@10 vs single-thread QPS, ${NQ} queries per data set, best of ${REPEATS} timed passes, one run (${date}).`,
    'hnswlib gets pre-converted plain arrays (conversion not timed) and builds on one thread (efConstruction 100);',
    'usearch and vecscope build on 2 threads. vecscope queries are projected before the timed loop (as for all systems,',
    'the D × d product that projects a query is not in the timed loop).',
    'vecscope re-ranking vectors are f32 originals ("secondary", which may live in slower memory). On wordnet the 2,000',
    'OOD queries are split in halves (seeded): one half trains LeanVec-OOD, queries are taken from the other.',
    '',
    ...summary,
    ...table,
    '',
  ].join('\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/study.md', md);
  writeFileSync(
    'bench/results/study.json',
    JSON.stringify({ k: K, nq: NQ, repeats: REPEATS, date, points: all }, null, 1),
  );
  console.log(md);
}

async function main(): Promise<void> {
  if (process.env['VECSCOPE_BENCH_REPORT_ONLY'] === '1') {
    // Rewrites the report from the last run's points (no measuring).
    const last = JSON.parse(readFileSync('bench/results/study.json', 'utf8')) as {
      points: Point[];
      date?: string;
    };
    writeReport(last.points, last.date ?? statSync('bench/results/study.json').mtime.toISOString());
    return;
  }
  const data = resolve('../shared/data');
  const all: Point[] = [];
  const sets = [
    {
      name: `fashion-mnist (first ${FASHION_N} of 60,000 base rows, l2)`,
      base: async () =>
        head((await loadDataset(join(data, 'fashion-mnist/train-images-idx3-ubyte.gz'))).vectors, FASHION_N),
      queries: (b: Matrix) => loadQueries(join(data, 'fashion-mnist/t10k-images-idx3-ubyte.gz'), b),
      metric: 'l2' as Metric,
    },
    {
      name: `wordnet-use512 (first ${WORDNET_N} of 20,000 base rows, OOD headword queries, ip)`,
      base: async () => head((await loadDataset(join(data, 'wordnet-use512/base.fvecs'))).vectors, WORDNET_N),
      queries: (b: Matrix) => loadQueries(join(data, 'wordnet-use512/query_ood_lemma.fvecs'), b),
      metric: 'ip' as Metric,
      splitLearn: true,
    },
  ];
  const date = new Date().toISOString();
  for (const s of sets) {
    console.log(s.name);
    const base = await s.base();
    const allQueries = await s.queries(base);
    // OOD: half of the queries (seeded split) train LeanVec-OOD, the other half are measured.
    const split = 'splitLearn' in s ? splitQueries(allQueries, 1) : undefined;
    const queries = head(split ? split.evaluate : allQueries, NQ);
    const truth = (await parallelExactKnn(base, queries, K, s.metric)).ids;
    all.push(
      ...(await vecscope(s.name, base, queries, truth, s.metric, split?.learn)),
      ...hnsw(s.name, base, queries, truth, s.metric),
      ...usearch(s.name, base, queries, truth, s.metric),
    );
  }
  writeReport(all, date);
}

await main();
