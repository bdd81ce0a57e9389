// Fit time of the reductions against scikit-learn's PCA (Debian python3-sklearn, /usr/bin/python3),
// on the same data in the same run. Wall-clock, best of a few runs; the machine is shared, so noisy.
// Second table: the LeanVec-OOD solvers side by side (the default eigen-search against Frank–Wolfe)
// at d = 64 and 128, fit time and recall@10 in the reduced space on the wordnet OOD split.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { exactKnn } from '../core/common/knn/exactKnn.js';
import { recallFromIds } from '../core/common/metrics/recall.js';
import { fitReduction } from '../core/common/reduce/fitReduction.js';
import { fitPca } from '../core/common/reduce/pca.js';
import { reduceData, reduceQueries, type OodSolver } from '../core/common/reduce/reduction.js';
import { splitQueries } from '../core/common/reduce/splitQueries.js';
import type { Matrix } from '../core/common/types.js';
import { loadIvecs } from '../core/node/io/loadIvecs.js';
import { loadDataset } from '../core/node/io/loadDataset.js';
import { writeNpy } from '../core/node/io/write.js';
import { parallelMoments } from '../core/node/reduce/parallelMoments.js';

const REPEATS = 3;
let sklearnNote = '';
const data = path.resolve('../shared/data');
const tmp = mkdtempSync(path.join(tmpdir(), 'vecscope-bench-reduce-'));

async function best(fn: () => Promise<unknown>, repeats = REPEATS): Promise<number> {
  let t = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await fn();
    t = Math.min(t, (performance.now() - t0) / 1000);
  }
  return t;
}

const PY = `
import sys, time, numpy as np
from sklearn.decomposition import PCA
x = np.load(sys.argv[1]).astype(np.float32); d = int(sys.argv[2]); reps = int(sys.argv[3])
for solver in ('randomized', 'full'):
    best = float('inf')
    for _ in range(reps):
        t = time.perf_counter(); PCA(n_components=d, svd_solver=solver, random_state=0).fit(x); best = min(best, time.perf_counter() - t)
    print(solver, best)
`;

async function sklearnPca(m: Matrix, d: number, name: string): Promise<Record<string, number>> {
  const file = path.join(tmp, `${name}.npy`);
  await writeNpy(file, m.data, [m.n, m.dim]);
  const script = path.join(tmp, 'pca.py');
  writeFileSync(script, PY);
  let out: string;
  try {
    out = execFileSync('/usr/bin/python3', [script, file, String(d), String(REPEATS)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    // no python3-sklearn here: keep the vecscope timings (and the solver table) and say so
    const why = String((e as { stderr?: string }).stderr ?? e)
      .trim()
      .split('\n')
      .pop();
    sklearnNote = `scikit-learn not run (${why}); its columns are n/a`;
    return { randomized: NaN, full: NaN };
  }
  const res: Record<string, number> = {};
  for (const line of out.trim().split('\n')) {
    const [solver, secs] = line.split(' ');
    res[solver!] = Number(secs);
  }
  return res;
}

interface Row {
  data: string;
  task: string;
  vecscopeSeconds: number;
  sklearnRandomizedSeconds: number;
  sklearnFullSeconds: number;
  /** vecscope time / the faster scikit-learn solver (< 1: vecscope faster). */
  ratioToFastestSklearn: number;
}

const rows: Row[] = [];

const fashion = (await loadDataset(path.join(data, 'fashion-mnist/train-images-idx3-ubyte.gz'))).vectors;
const pcaFashion = await best(async () =>
  fitPca(fashion, { dim: 64, moments: await parallelMoments(fashion) }),
);
const skFashion = await sklearnPca(fashion, 64, 'fashion');
rows.push({
  data: `fashion-mnist ${fashion.n} × ${fashion.dim}`,
  task: 'PCA → 64',
  vecscopeSeconds: pcaFashion,
  sklearnRandomizedSeconds: skFashion['randomized']!,
  sklearnFullSeconds: skFashion['full']!,
  ratioToFastestSklearn: pcaFashion / Math.min(skFashion['randomized']!, skFashion['full']!),
});

const wn = path.join(data, 'wordnet-use512');
const base = (await loadDataset(path.join(wn, 'base.fvecs'))).vectors;
const learn = (await loadDataset(path.join(wn, 'query_ood_lemma.fvecs'))).vectors;
const skWn = await sklearnPca(base, 64, 'wordnet');
const skFast = Math.min(skWn['randomized']!, skWn['full']!);
const pcaWn = await best(async () =>
  fitPca(base, { dim: 64, metric: 'ip', moments: await parallelMoments(base) }),
);
rows.push({
  data: `wordnet-use512 ${base.n} × ${base.dim}`,
  task: 'PCA → 64',
  vecscopeSeconds: pcaWn,
  sklearnRandomizedSeconds: skWn['randomized']!,
  sklearnFullSeconds: skWn['full']!,
  ratioToFastestSklearn: pcaWn / skFast,
});
let betaNote = '';
const oodWn = await best(async () => {
  const fit = fitReduction('leanvec-ood', base, {
    dim: 64,
    metric: 'ip',
    learnQueries: learn,
    baseMoments: await parallelMoments(base),
  });
  betaNote = fit.diagnostics.notes.find((n) => n.startsWith('beta')) ?? '';
});
rows.push({
  data: `wordnet-use512 ${base.n} × ${base.dim}, ${learn.n} learn queries`,
  task: `LeanVec-OOD → 64 (default solver: eigen-search, ${betaNote})`,
  vecscopeSeconds: oodWn,
  sklearnRandomizedSeconds: skWn['randomized']!,
  sklearnFullSeconds: skWn['full']!,
  ratioToFastestSklearn: oodWn / skFast,
});

// The solvers side by side on the split eval-reduce uses: learn on one half of the OOD queries,
// recall@10 of exact search in the reduced space on the other half against the shipped ip truth.
interface SolverRow {
  dim: number;
  solver: OodSolver;
  /** Fit seconds including the parallel moments pass (best of REPEATS for eigen-search, one run for Frank–Wolfe). */
  seconds: number;
  /** Process CPU seconds of the same fit (all threads, the moments workers included). */
  cpuSeconds: number;
  iterations: number;
  loss: number;
  recall: number;
}
const split = splitQueries(learn, 1);
const gt = await loadIvecs(path.join(wn, 'groundtruth_ood_ip100.ivecs'));
const truth = new Int32Array(split.evaluate.n * 10);
split.evaluateIds.forEach((q, r) => truth.set(gt.ids.subarray(q * gt.k, q * gt.k + 10), r * 10));
const solverRows: SolverRow[] = [];
for (const dim of [64, 128]) {
  for (const solver of ['eigen-search', 'frank-wolfe'] as const) {
    let fit: ReturnType<typeof fitReduction> | undefined;
    let cpuSeconds = Infinity;
    const seconds = await best(
      async () => {
        const c0 = process.cpuUsage();
        fit = fitReduction('leanvec-ood', base, {
          dim,
          metric: 'ip',
          learnQueries: split.learn,
          baseMoments: await parallelMoments(base),
          oodSolver: solver,
        });
        const c = process.cpuUsage(c0);
        cpuSeconds = Math.min(cpuSeconds, (c.user + c.system) / 1e6);
      },
      solver === 'frank-wolfe' ? 1 : REPEATS,
    );
    const r = fit!.reduction;
    const found = exactKnn(reduceData(r, base), reduceQueries(r, split.evaluate), 10, 'ip');
    const recall = recallFromIds(
      { ids: truth, k: 10 },
      { ids: found.ids, k: found.k },
      split.evaluate.n,
      10,
    ).recall;
    solverRows.push({
      dim,
      solver,
      seconds,
      cpuSeconds,
      iterations: fit!.diagnostics.iterations ?? 0,
      loss: fit!.diagnostics.loss ?? NaN,
      recall,
    });
  }
}
rmSync(tmp, { recursive: true, force: true });

const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const md = [
  '# Reduction fit time vs scikit-learn PCA',
  '',
  `Same data, same run; best of ${REPEATS}; ${availableParallelism()} threads available, shared machine (noisy).`,
  'vecscope times include the parallel float64 moments pass. Ratio = vecscope / the faster scikit-learn solver (< 1: vecscope faster).',
  ...(sklearnNote ? ['', sklearnNote] : []),
  '',
  '| data | task | vecscope s | sklearn randomized s | sklearn full s | ratio |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.data} | ${r.task} | ${f(r.vecscopeSeconds)} | ${f(r.sklearnRandomizedSeconds)} | ${f(r.sklearnFullSeconds)} | ${f(r.ratioToFastestSklearn)} |`,
  ),
  '',
  '## LeanVec-OOD solvers on wordnet-use512 (OOD split)',
  '',
  `Learned on ${split.learn.n} OOD queries, recall@10 of exact search in the reduced space on the other ${split.evaluate.n} against the full-dimension truth. Fit s includes the moments pass; eigen-search best of ${REPEATS}, Frank–Wolfe one run. CPU s: the process's CPU time over the fit, moments workers included (steadier than wall time on a shared machine).`,
  '',
  '| d | solver | fit s | CPU s | iterations / β tried | loss | recall@10 |',
  '|---|---|---|---|---|---|---|',
  ...solverRows.map(
    (r) =>
      `| ${r.dim} | ${r.solver} | ${f(r.seconds)} | ${f(r.cpuSeconds)} | ${r.iterations} | ${r.loss.toPrecision(4)} | ${r.recall.toFixed(4)} |`,
  ),
  '',
];
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/reduce.md', md.join('\n'));
writeFileSync(
  'bench/results/reduce.json',
  JSON.stringify({ rows, leanvecOodSolvers: solverRows, notes: sklearnNote ? [sklearnNote] : [] }, null, 2) +
    '\n',
);
console.log(md.join('\n'));
