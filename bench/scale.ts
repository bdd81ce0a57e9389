// npm run bench:scale — the graph index against n: vecscope's F32 Vamana (R = 32, L = 100) and hnswlib-node
// (M = 16, efConstruction 100), and usearch (connectivity 16, expansion_add 100), on synthetic
// sentence-embedding-like sets of 10k … 1M × 384 (core/common/data/syntheticEmbeddings.ts) under ip and
// l2, and on the real sets of ../shared/data. Per (set, n, metric, system): build seconds, peak RSS,
// recall@10 and single-thread q/s at windows / ef 10 … 160, each system in its own child process
// (bench/scaleRun.ts) so that one's memory does not count against another's. Writes
// bench/results/scale.md and .json. `--study` instead runs a four-pipeline study (as `vecscope study`)
// on one synthetic set and writes bench/results/scaleStudy.md and .json.
//
//   node dist/bench/scale.js [--sizes 10000,50000] [--metrics ip,l2] [--systems vecscope,hnswlib,usearch]
//     [--real 0|1] [--nq 1000] [--threads 2] [--windows 10,20,40,80,160] [--dim 384] [--clusters 1000]
//     [--seed 1] [--repeats 3] [--spread 0.6] [--decay 1] [--skew 0.5] [--shape 0.5] [--mean-norm 0.5]
//   node dist/bench/scale.js --study [--study-n 1000000] [--dim 384] [--threads 2]
//   node dist/bench/scale.js --report-only   (rewrites scale.md from scale.json)
// Every option also reads VECSCOPE_SCALE_<OPTION> (upper case, '-' as '_'), e.g. VECSCOPE_SCALE_SIZES.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Metric } from '../core/common/types.js';
import { SyntheticEmbeddings } from '../core/common/data/syntheticEmbeddings.js';
import { RESULTS_DIR, type Table, writeReport } from './report.js';
import { growthExponent, qpsAtRecall } from './scaleCurves.js';
import type { ScaleJob, StudyRunResult, System, SystemResult } from './scaleRun.js';
import { realSetPresent, setLabel, SHARED_DATA, truthPath, type SetSpec } from './scaleSets.js';

const K = 10;
const RECALLS = [0.9, 0.95, 0.99];
const STUDY_PIPELINES = [
  'F32,Flat',
  'LVQ8,Flat',
  'LVQ8,Vamana|W=40,rerank=40',
  'PCA128,LVQ8,Vamana|W=40,rerank=40',
];

/** Option → default (every one also read from VECSCOPE_SCALE_<NAME>, '-' as '_'). */
const DEFAULTS = {
  sizes: '10000,50000,100000,500000,1000000',
  metrics: 'ip,l2',
  systems: 'vecscope,hnswlib,usearch',
  real: '1',
  nq: '1000',
  threads: '2',
  windows: '10,20,40,80,160',
  dim: '384',
  clusters: '1000',
  // The generator's shape knobs; empty = its defaults (see syntheticEmbeddings.ts).
  spread: '',
  decay: '',
  skew: '',
  shape: '',
  'mean-norm': '',
  seed: '1',
  repeats: '3',
  'study-n': '1000000',
};
type Name = keyof typeof DEFAULTS;

/** The command line over the environment over the defaults. */
function options(): { get: (name: Name) => string; study: boolean; reportOnly: boolean } {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, { type: 'string' as const }])),
      study: { type: 'boolean' as const },
      'report-only': { type: 'boolean' as const },
    },
    strict: true,
  });
  const env = (name: string) => process.env[`VECSCOPE_SCALE_${name.toUpperCase().replace(/-/g, '_')}`];
  return {
    get: (name) => String((values as Record<string, unknown>)[name] ?? env(name) ?? DEFAULTS[name]),
    study: values['study'] === true || env('study') === '1',
    reportOnly: values['report-only'] === true || env('report-only') === '1',
  };
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
const ints = (s: string) =>
  list(s).map((x) => {
    const v = Number(x.replace(/_/g, ''));
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`not a positive integer: "${x}"`);
    return v;
  });

type GeneratorOptions = Omit<Extract<SetSpec, { kind: 'synthetic' }>, 'kind' | 'n' | 'nq'>;

/** The synthetic generator's options from the command line (shape knobs only when given). */
function generator(get: (name: Name) => string): GeneratorOptions {
  const gen: GeneratorOptions = {
    dim: ints(get('dim'))[0]!,
    clusters: ints(get('clusters'))[0]!,
    seed: ints(get('seed'))[0]!,
  };
  for (const [name, key] of [
    ['spread', 'spread'],
    ['decay', 'decay'],
    ['skew', 'skew'],
    ['shape', 'shape'],
    ['mean-norm', 'meanNorm'],
  ] as const) {
    const v = get(name);
    if (v === '') continue;
    const x = Number(v);
    if (!Number.isFinite(x)) throw new Error(`--${name} must be a number, got "${v}"`);
    gen[key] = x;
  }
  return gen;
}

const RUNNER = join(dirname(fileURLToPath(import.meta.url)), 'scaleRun.js');

/** Runs one job in a child process; its stderr (progress) passes through. */
function runChild<T>(job: ScaleJob): T | { error: string } {
  const r = spawnSync(process.execPath, [RUNNER, JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) return { error: `exit ${r.status ?? r.signal}` };
  return JSON.parse(line.slice('RESULT '.length)) as T;
}

const mb = (bytes: number) => bytes / 2 ** 20;
/** A pipeline string as code in a Markdown table cell (its '|' escaped, or it would split the cell). */
const code = (pipeline: string) => `\`${pipeline.replace(/\|/g, '\\|')}\``;

interface Case {
  set: SetSpec;
  metric: 'ip' | 'l2';
  results: Partial<Record<System, SystemResult | { error: string }>>;
}

function ok(r: SystemResult | { error: string } | undefined): SystemResult | undefined {
  return r && !('error' in r) ? r : undefined;
}

function caseName(c: Case, n: number): string {
  return `${setLabel(c.set)} ${n.toLocaleString('en-US')}, ${c.metric}`;
}

async function scaleBench(get: (name: Name) => string): Promise<void> {
  const loadStart = loadavg()[0]!;
  const threads = ints(get('threads'))[0]!;
  const nq = ints(get('nq'))[0]!;
  const windows = ints(get('windows'));
  const repeats = ints(get('repeats'))[0]!;
  const systems = list(get('systems')) as System[];
  const metrics = list(get('metrics')) as ('ip' | 'l2')[];
  const gen = generator(get);
  const cases: Case[] = [];
  for (const n of ints(get('sizes')))
    for (const metric of metrics)
      cases.push({ set: { kind: 'synthetic', n, nq, ...gen }, metric, results: {} });
  const notes: string[] = [];
  if (get('real') !== '0') {
    for (const [kind, metric] of [
      ['wordnet', 'ip'],
      ['fashion', 'l2'],
    ] as const) {
      if (realSetPresent(kind)) cases.push({ set: { kind, nq }, metric, results: {} });
      else notes.push(`${kind} skipped: its files are not in ${SHARED_DATA}.`);
    }
  }

  for (const c of cases) {
    const truth = truthPath(c.set, c.metric, K);
    if (!existsSync(truth)) {
      console.error(`${setLabel(c.set)} ${c.metric}: exact ground truth (${threads} threads) -> ${truth}`);
      const t = runChild<{ seconds: number }>({
        mode: 'truth',
        set: c.set,
        metric: c.metric,
        k: K,
        threads,
        out: truth,
      });
      if ('error' in t) {
        notes.push(`${setLabel(c.set)} ${c.metric}: the ground truth failed (${t.error}); case skipped.`);
        continue;
      }
    }
    for (const system of systems) {
      console.error(`${setLabel(c.set)} ${c.metric}: ${system}`);
      c.results[system] = runChild<SystemResult>({
        mode: 'system',
        system,
        set: c.set,
        metric: c.metric,
        k: K,
        threads,
        truth,
        windows,
        repeats,
        R: 32,
        L: 100,
        M: 16,
        efConstruction: 100,
      });
    }
  }
  const load = { start: loadStart, end: loadavg()[0]! };
  report(cases, systems, windows, { threads, nq, repeats, gen, load }, notes);
}

function curveCell(r: SystemResult | undefined, w: number): string {
  const p = r?.points.find((x) => x.window === w);
  return p ? `${p.recall.toFixed(3)} / ${Math.round(p.qps).toLocaleString('en-US')}` : '—';
}

function qpsCell(r: SystemResult | undefined, target: number): { text: string; qps: number } {
  const at = r ? qpsAtRecall(r.points, target) : null;
  if (!at) return { text: '—', qps: NaN };
  return { text: `${at.atLeast ? '≥ ' : ''}${Math.round(at.qps).toLocaleString('en-US')}`, qps: at.qps };
}

function report(
  cases: Case[],
  systems: System[],
  windows: number[],
  run: {
    threads: number;
    nq: number;
    repeats: number;
    gen: GeneratorOptions;
    load?: { start: number; end: number };
  },
  notes: string[],
): void {
  const curve: Table = {
    title: `Build, memory, and recall@${K} / single-thread q/s per window (W for vecscope, ef for the HNSWs)`,
    headers: [
      'data, n, metric',
      'system',
      'build s',
      'build CPU s (threads)',
      'peak RSS MB (data MB)',
      ...windows.map((w) => `${w}`),
    ],
    rows: [],
  };
  const ratios: Table = {
    title: 'vecscope ÷ hnswlib (below 1 is better for time and memory, above 1 for q/s)',
    headers: [
      'data, n, metric',
      'build time',
      'build CPU',
      'peak RSS',
      ...RECALLS.map((r) => `q/s at recall ${r} (vecscope / hnswlib)`),
      `recall at window 40 (vecscope − hnswlib)`,
    ],
    rows: [],
  };
  for (const c of cases) {
    const n =
      Object.values(c.results)
        .map(ok)
        .find((r) => r)?.n ?? (c.set.kind === 'synthetic' ? c.set.n : 0);
    for (const s of systems) {
      const raw = c.results[s];
      const r = ok(raw);
      curve.rows.push([
        caseName(c, n),
        s,
        r ? r.buildSeconds : raw && 'error' in raw ? `failed (${raw.error})` : '—',
        r ? `${r.buildCpuSeconds.toFixed(1)} (${r.buildThreads})` : '—',
        r
          ? `${Math.round(mb(r.peakRss)).toLocaleString('en-US')} (${Math.round(mb(r.dataRss)).toLocaleString('en-US')})`
          : '—',
        ...windows.map((w) => curveCell(r, w)),
      ]);
    }
    const v = ok(c.results.vecscope);
    const h = ok(c.results.hnswlib);
    if (v && h) {
      const w40 = (r: SystemResult) => r.points.find((p) => p.window === 40)?.recall ?? NaN;
      ratios.rows.push([
        caseName(c, n),
        v.buildSeconds / h.buildSeconds,
        v.buildCpuSeconds / h.buildCpuSeconds,
        v.peakRss / h.peakRss,
        ...RECALLS.map((target) => {
          const a = qpsCell(v, target);
          const b = qpsCell(h, target);
          const ratio = a.qps / b.qps;
          return `${Number.isFinite(ratio) ? ratio.toFixed(2) : '—'} (${a.text} / ${b.text})`;
        }),
        (w40(v) - w40(h)).toFixed(3),
      ]);
    }
  }
  const growth: Table = {
    title: 'Growth with n (synthetic sets): fitted exponent e of cost ∝ n^e, and recall at window 40 per n',
    headers: [
      'system',
      'metric',
      'build time exponent',
      'build CPU exponent',
      'peak RSS exponent',
      'recall at window 40, by n',
    ],
    rows: [],
  };
  for (const s of systems)
    for (const metric of [...new Set(cases.map((c) => c.metric))]) {
      const rs = cases
        .filter((c) => c.set.kind === 'synthetic' && c.metric === metric)
        .map((c) => ok(c.results[s]))
        .filter((r): r is SystemResult => r !== undefined);
      if (rs.length === 0) continue;
      const e1 = growthExponent(
        rs.map((r) => r.n),
        rs.map((r) => r.buildSeconds),
      );
      const eCpu = growthExponent(
        rs.map((r) => r.n),
        rs.map((r) => r.buildCpuSeconds),
      );
      const e2 = growthExponent(
        rs.map((r) => r.n),
        rs.map((r) => r.peakRss),
      );
      growth.rows.push([
        s,
        metric,
        e1 === null ? '—' : e1.toFixed(2),
        eCpu === null ? '—' : eCpu.toFixed(2),
        e2 === null ? '—' : e2.toFixed(2),
        rs
          .map(
            (r) =>
              `${r.n.toLocaleString('en-US')}: ${(r.points.find((p) => p.window === 40)?.recall ?? NaN).toFixed(3)}`,
          )
          .join(', '),
      ]);
    }
  const g = run.gen;
  writeReport(
    'scale',
    'The graph index against n',
    [curve, ratios, growth],
    [
      `Synthetic data: core/common/data/syntheticEmbeddings.ts (${new SyntheticEmbeddings(g).key()}); ${run.nq.toLocaleString('en-US')} queries from the same distribution (its query stream); the same rows under ip and l2 (unit vectors: the same neighbours, but the indexes treat the metrics differently).`,
      `k = ${K}; exact ground truth by the engine's exact k-NN on ${run.threads} worker threads, cached in tmp/scale-truth/. recall@${K} is the plain id overlap.`,
      `vecscope: \`F32,Vamana(R=32,L=100)\` built by parallelBuildVamana on ${run.threads} threads, searched by PipelineSearcher (window W, no re-ranking). hnswlib-node: M = 16, efConstruction 100; its addon inserts one point per synchronous call, so it builds on 1 thread (compare the build CPU seconds). usearch: f32, connectivity 16, expansion_add 100, built on ${run.threads} threads.`,
      `q/s: single thread, fastest of ${run.repeats} passes over all queries after 20 warm-up queries, timed by the process's CPU time (equal to the wall time on an idle machine; a descheduled pass on a shared one does not count its wait; wall-clock q/s are in the JSON); q/s at a recall is interpolated between the two windows around it (log q/s linear in recall); "≥" when the smallest window already exceeds it, "—" when no window reaches it.`,
      'Peak RSS: the VmHWM of the child process that made the data and then built and searched one index (data MB: its resident set once the data was there). Each system runs in its own process; usearch’s is read at its end, after memory-mapped views of the saved index were searched for windows past the first.',
      `Timings are only as good as the machine was idle${run.load ? ` (1-minute load average ${run.load.start.toFixed(1)} at the start, ${run.load.end.toFixed(1)} at the end, on ${cpus().length} cores)` : ''}.`,
      ...notes,
    ],
    { k: K, run, cases, notes },
  );
}

async function studyBench(get: (name: Name) => string): Promise<void> {
  const loadStart = loadavg()[0]!;
  const threads = ints(get('threads'))[0]!;
  const n = ints(get('study-n'))[0]!;
  const nq = ints(get('nq'))[0]!;
  const gen = generator(get);
  const dim = gen.dim;
  const set: SetSpec = { kind: 'synthetic', n, nq, ...gen };
  const metric: Metric = 'ip';
  console.error(
    `study of ${n.toLocaleString('en-US')} × ${dim} (${metric}), ${threads} threads: ${STUDY_PIPELINES.join('  ')}`,
  );
  const r = runChild<StudyRunResult>({
    mode: 'study',
    set,
    metric,
    k: K,
    threads,
    pipelines: STUDY_PIPELINES,
  });
  if ('error' in r) throw new Error(`the study failed (${r.error})`);
  const f32 = n * dim * 4;
  writeReport(
    'scaleStudy',
    `A four-pipeline study of ${n.toLocaleString('en-US')} × ${dim} (${metric})`,
    [
      {
        title: 'Whole study',
        headers: [
          'wall s',
          'peak RSS MB',
          'data MB (resident once made)',
          'f32 size of the base MB',
          'peak ÷ f32 size',
        ],
        rows: [[r.totalSeconds, mb(r.peakRss), mb(r.dataRss), mb(f32), r.peakRss / f32]],
      },
      {
        title: 'Stages (wall seconds, in the order they ran)',
        headers: ['stage', 'pipeline', 'seconds'],
        rows: r.stages.map((s) => [s.stage, s.pipeline ? code(s.pipeline) : '', s.seconds]),
      },
      {
        title: 'Rows',
        headers: [
          'pipeline',
          `recall@${K}`,
          'build s',
          'q/s (1 thread)',
          `q/s batch (${threads} threads)`,
          'bytes / vector',
        ],
        rows: r.rows.map((x) => [
          code(x.pipeline),
          x.recall.toFixed(3),
          x.buildSeconds,
          x.qps,
          x.qpsBatch ?? NaN,
          x.bytesPerVector,
        ]),
      },
    ],
    [
      `runStudy with the helpers of \`vecscope study\` (parallel exact k-NN, parallel graph build, batch q/s on ${threads} threads); the ground truth is computed inside the study, as on a first run.`,
      `Synthetic data (core/common/data/syntheticEmbeddings.ts: ${new SyntheticEmbeddings(gen).key()}); ${nq} queries from the same distribution.`,
      'Stages come from the study’s progress reports: the time from one report to the next, summed per stage and pipeline.',
      'Peak RSS: VmHWM of the child process that made the data and ran the study (Node itself takes some 50 MB: the ratio to the f32 size means something at large n only).',
      `Wall times are only as good as the machine was idle (1-minute load average ${loadStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end, on ${cpus().length} cores).`,
    ],
    { k: K, threads, set, pipelines: STUDY_PIPELINES, result: r },
  );
}

/** Rewrites scale.md from the last run's scale.json (no measuring), e.g. after changing the report. */
function reportAgain(): void {
  const last = JSON.parse(readFileSync(join(RESULTS_DIR, 'scale.json'), 'utf8')) as {
    run: Parameters<typeof report>[3];
    cases: Case[];
    notes?: string[];
  };
  const systems = [...new Set(last.cases.flatMap((c) => Object.keys(c.results)))] as System[];
  const first = last.cases.flatMap((c) => Object.values(c.results).map(ok)).find((r) => r);
  const windows = first ? first.points.map((p) => p.window) : [];
  report(last.cases, systems, windows, last.run, last.notes ?? []);
}

const { get, study, reportOnly } = options();
if (reportOnly) reportAgain();
else if (study) await studyBench(get);
else await scaleBench(get);
