// One measurement of bench:scale in its own process, so that its peak memory is its own:
//   node dist/bench/scaleRun.js '<ScaleJob as JSON>'
// rebuilds the data from its spec (synthetic rows from the seed), runs one job (the exact ground truth,
// one system's build and search curve, or a study), and prints one line `RESULT <json>` on stdout.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { F32Codec } from '../core/common/quantize/f32Codec.js';
import { PipelineSearcher } from '../core/common/search/pipelineSearcher.js';
import { runStudy } from '../core/common/study/runStudy.js';
import type { Matrix, Metric } from '../core/common/types.js';
import { loadIvecs } from '../core/node/io/loadIvecs.js';
import { writeIvecs } from '../core/node/io/write.js';
import { parallelExactKnn } from '../core/node/knn/parallelKnn.js';
import { parallelBuildVamana } from '../core/node/study/parallelVamana.js';
import { parallelStudyParts } from '../core/node/study/parallelStudyParts.js';
import { loadSet, peakRssBytes, rssBytes, type SetSpec } from './scaleSets.js';

export type System = 'vecscope' | 'hnswlib' | 'usearch';

export type ScaleJob =
  | { mode: 'truth'; set: SetSpec; metric: Metric; k: number; threads: number; out: string }
  | {
      mode: 'system';
      system: System;
      set: SetSpec;
      metric: 'ip' | 'l2';
      k: number;
      threads: number;
      truth: string;
      windows: number[];
      repeats: number;
      /** Vamana R / L, HNSW M / efConstruction (connectivity / expansion_add for usearch). */
      R: number;
      L: number;
      M: number;
      efConstruction: number;
    }
  | {
      mode: 'study';
      set: SetSpec;
      metric: Metric;
      k: number;
      threads: number;
      pipelines: string[];
    };

export interface WindowPoint {
  window: number;
  recall: number;
  /** From CPU time (see timeQueries). */
  qps: number;
  qpsWall: number;
}

export interface SystemResult {
  mode: 'system';
  system: System;
  n: number;
  dim: number;
  buildSeconds: number;
  /** CPU seconds of the whole process (all threads) during the build. */
  buildCpuSeconds: number;
  /** Threads the build ran on. */
  buildThreads: number;
  /** Resident set once the data was made or loaded, before any index. */
  dataRss: number;
  peakRss: number;
  points: WindowPoint[];
}

export interface StudyStage {
  stage: string;
  pipeline: string | null;
  seconds: number;
}

export interface StudyRunResult {
  mode: 'study';
  n: number;
  dim: number;
  totalSeconds: number;
  dataRss: number;
  peakRss: number;
  stages: StudyStage[];
  rows: {
    pipeline: string;
    recall: number;
    buildSeconds: number;
    qps: number;
    qpsBatch: number | null;
    bytesPerVector: number;
  }[];
}

function recallOf(ids: Int32Array, truth: Int32Array, truthK: number, nq: number, k: number): number {
  let hit = 0;
  for (let q = 0; q < nq; q++) {
    const t = new Set(truth.subarray(q * truthK, q * truthK + k));
    for (let i = 0; i < k; i++) if (t.has(ids[q * k + i]!)) hit++;
  }
  return hit / (nq * k);
}

/**
 * Single-thread q/s over all queries (after a warm-up of 20), from the fastest of `repeats` passes:
 * `qps` from the process's CPU time (no worker threads run during a search, so it is this thread's; on
 * a shared machine a pass that is descheduled does not count the wait), `qpsWall` from the clock.
 */
function timeQueries(
  nq: number,
  repeats: number,
  one: (q: number) => void,
): { qps: number; qpsWall: number } {
  for (let q = 0; q < Math.min(20, nq); q++) one(q);
  let cpu = Infinity;
  let wall = Infinity;
  for (let r = 0; r < repeats; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let q = 0; q < nq; q++) one(q);
    wall = Math.min(wall, (performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
  }
  return { qps: nq / cpu, qpsWall: nq / wall };
}

async function timedBuild(build: () => unknown): Promise<{ seconds: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await build();
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function runSystem(job: Extract<ScaleJob, { mode: 'system' }>): Promise<SystemResult> {
  const { base, queries } = await loadSet(job.set, job.system === 'vecscope');
  const dataRss = rssBytes();
  const t = await loadIvecs(job.truth);
  const { k, metric, repeats } = job;
  const nq = queries.n;
  const dim = base.dim;
  const ids = new Int32Array(nq * k);
  const points: WindowPoint[] = [];
  const measure = (window: number, one: (q: number) => void) => {
    const { qps, qpsWall } = timeQueries(nq, repeats, one);
    const recall = recallOf(ids, t.ids, t.k, nq, k);
    points.push({ window, recall, qps, qpsWall });
    console.error(
      `  ${job.system} n=${base.n} ${metric} window ${window}: recall ${recall.toFixed(4)}, ${qps.toFixed(0)} q/s`,
    );
  };
  let build: { seconds: number; cpu: number };
  let buildThreads = job.threads;

  if (job.system === 'vecscope') {
    let graph: Awaited<ReturnType<typeof parallelBuildVamana>> | undefined;
    build = await timedBuild(async () => {
      graph = await parallelBuildVamana(base, metric, { R: job.R, L: job.L }, job.threads);
    });
    const codec = F32Codec.train(base, metric);
    const searcher = new PipelineSearcher({ codec, encoded: codec.encode(base), graph: graph! });
    for (const W of job.windows) {
      const s = { k, W, rerank: 0 };
      measure(W, (q) => searcher.search(queries.data, q * dim, queries.data, q * dim, s, ids, q * k));
    }
  } else if (job.system === 'hnswlib') {
    // The peers are imported only by their own process, so no other measurement carries their addons.
    const { default: hnswlib } = await import('hnswlib-node');
    // The addon inserts one point per synchronous call: its build runs on one thread whatever we ask.
    buildThreads = 1;
    const index = new hnswlib.HierarchicalNSW(metric === 'l2' ? 'l2' : 'ip', dim);
    build = await timedBuild(() => {
      index.initIndex(base.n, job.M, job.efConstruction, 100);
      // One row at a time as a plain array (what the addon takes): no second copy of the whole set.
      for (let i = 0; i < base.n; i++)
        index.addPoint(Array.from(base.data.subarray(i * dim, (i + 1) * dim)), i);
    });
    const qs = Array.from({ length: nq }, (_, q) =>
      Array.from(queries.data.subarray(q * dim, (q + 1) * dim)),
    );
    for (const ef of job.windows) {
      index.setEf(ef);
      measure(ef, (q) => {
        const r = index.searchKnn(qs[q]!, k);
        // hnswlib returns the farthest first.
        const order = r.neighbors.map((id, j) => [r.distances[j]!, id] as const).sort((a, b) => a[0] - b[0]);
        for (let i = 0; i < k; i++) ids[q * k + i] = i < order.length ? order[i]![1] : -1;
      });
    }
  } else {
    const { Index: UsearchIndex } = await import('usearch');
    const config = {
      dimensions: dim,
      metric: metric === 'l2' ? 'l2sq' : 'ip',
      quantization: 'f32',
      connectivity: job.M,
      expansion_add: job.efConstruction,
    };
    const keys = new BigUint64Array(base.n);
    for (let i = 0; i < base.n; i++) keys[i] = BigInt(i);
    const built = new UsearchIndex({ ...config, expansion_search: job.windows[0]! } as never);
    build = await timedBuild(() => built.add(keys, base.data, job.threads));
    // expansion_search is fixed at construction: the other windows search views of the saved index.
    const dir = mkdtempSync(join(tmpdir(), 'vecscope-scale-usearch-'));
    try {
      const path = join(dir, 'index.usearch');
      built.save(path);
      for (const [wi, ef] of job.windows.entries()) {
        const index = wi === 0 ? built : new UsearchIndex({ ...config, expansion_search: ef } as never);
        if (wi > 0) index.view(path);
        measure(ef, (q) => {
          const keysFound = index.search(queries.data.subarray(q * dim, (q + 1) * dim), k, 1).keys;
          for (let i = 0; i < k; i++) ids[q * k + i] = i < keysFound.length ? Number(keysFound[i]) : -1;
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    mode: 'system',
    system: job.system,
    n: base.n,
    dim,
    buildSeconds: build.seconds,
    buildCpuSeconds: build.cpu,
    buildThreads,
    dataRss,
    peakRss: peakRssBytes(),
    points,
  };
}

/** The four-pipeline study through the same runStudy and helpers as `vecscope study`. */
async function runStudyJob(job: Extract<ScaleJob, { mode: 'study' }>): Promise<StudyRunResult> {
  const { base, queries } = await loadSet(job.set, true);
  const dataRss = rssBytes();
  const { threads } = job;
  const stages: StudyStage[] = [];
  let current: { stage: string; pipeline: string | null; t0: number } | undefined;
  const close = (now: number) => {
    if (!current) return;
    const last = stages.find((s) => s.stage === current!.stage && s.pipeline === current!.pipeline);
    const seconds = (now - current.t0) / 1000;
    if (last) last.seconds += seconds;
    else stages.push({ stage: current.stage, pipeline: current.pipeline, seconds });
  };
  const t0 = performance.now();
  const res = await runStudy({
    base,
    queries,
    k: job.k,
    metric: job.metric,
    pipelines: job.pipelines,
    ...parallelStudyParts(threads),
    onProgress: (p) => {
      const pipeline = p.pipeline ?? null;
      if (current && current.stage === p.stage && current.pipeline === pipeline) return;
      const now = performance.now();
      close(now);
      current = { stage: p.stage, pipeline, t0: now };
      console.error(
        `  study ${(100 * p.fraction).toFixed(0)} %: ${p.stage}${pipeline ? ` (${pipeline})` : ''} at ${((now - t0) / 1000).toFixed(1)} s` +
          ` (RSS ${mb(rssBytes())} MB, peak so far ${mb(peakRssBytes())} MB)`,
      );
    },
    onRow: (r) =>
      console.error(`  study ${r.pipeline}: recall ${r.recall.toFixed(3)}, ${r.qps.toFixed(0)} q/s`),
  });
  const end = performance.now();
  close(end);
  return {
    mode: 'study',
    n: base.n,
    dim: base.dim,
    totalSeconds: (end - t0) / 1000,
    dataRss,
    peakRss: peakRssBytes(),
    stages: stages.filter((s) => s.stage !== 'done'),
    rows: res.rows.map((r) => ({
      pipeline: r.pipeline,
      recall: r.recall,
      buildSeconds: r.buildSeconds,
      qps: r.qps,
      qpsBatch: r.qpsBatch,
      bytesPerVector: r.bytesPerVector,
    })),
  };
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function runTruth(
  job: Extract<ScaleJob, { mode: 'truth' }>,
): Promise<{ mode: 'truth'; seconds: number }> {
  const { base, queries } = await loadSet(job.set, true);
  const t0 = performance.now();
  const res = await parallelExactKnn(base, queries as Matrix, job.k, job.metric, { threads: job.threads });
  mkdirSync(dirname(job.out), { recursive: true });
  await writeIvecs(job.out, res.ids, queries.n, job.k);
  return { mode: 'truth', seconds: (performance.now() - t0) / 1000 };
}

const job = JSON.parse(process.argv[2] ?? '{}') as ScaleJob;
const result =
  job.mode === 'truth'
    ? await runTruth(job)
    : job.mode === 'study'
      ? await runStudyJob(job)
      : await runSystem(job);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
