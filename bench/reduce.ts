// Fit time of the reductions against scikit-learn's PCA (Debian python3-sklearn, /usr/bin/python3),
// on the same data in the same run. Wall-clock, best of a few runs; the machine is shared, so noisy.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fitLeanVecOod } from '../core/common/reduce/leanvecOod.js';
import { fitPca } from '../core/common/reduce/pca.js';
import type { Matrix } from '../core/common/types.js';
import { loadDataset } from '../core/node/io/loadDataset.js';
import { writeNpy } from '../core/node/io/write.js';
import { parallelMoments } from '../core/node/reduce/parallelMoments.js';

const REPEATS = 3;
const data = path.resolve('../shared/data');
const tmp = mkdtempSync(path.join(tmpdir(), 'vecscope-bench-reduce-'));

async function best(fn: () => Promise<unknown>): Promise<number> {
  let t = Infinity;
  for (let r = 0; r < REPEATS; r++) {
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
  const out = execFileSync('/usr/bin/python3', [script, file, String(d), String(REPEATS)], {
    encoding: 'utf8',
  });
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
let iterations = 0;
const oodWn = await best(async () => {
  const fit = fitLeanVecOod(base, {
    dim: 64,
    metric: 'ip',
    learnQueries: learn,
    baseMoments: await parallelMoments(base),
  });
  iterations = fit.diagnostics.iterations ?? 0;
});
rows.push({
  data: `wordnet-use512 ${base.n} × ${base.dim}, ${learn.n} learn queries`,
  task: `LeanVec-OOD → 64 (${iterations} FW iterations)`,
  vecscopeSeconds: oodWn,
  sklearnRandomizedSeconds: skWn['randomized']!,
  sklearnFullSeconds: skWn['full']!,
  ratioToFastestSklearn: oodWn / skFast,
});
rmSync(tmp, { recursive: true, force: true });

const f = (x: number): string => x.toFixed(2);
const md = [
  '# Reduction fit time vs scikit-learn PCA',
  '',
  `Same data, same run; best of ${REPEATS}; ${availableParallelism()} threads available, shared machine (noisy).`,
  'vecscope times include the parallel float64 moments pass. Ratio = vecscope / the faster scikit-learn solver (< 1: vecscope faster).',
  '',
  '| data | task | vecscope s | sklearn randomized s | sklearn full s | ratio |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.data} | ${r.task} | ${f(r.vecscopeSeconds)} | ${f(r.sklearnRandomizedSeconds)} | ${f(r.sklearnFullSeconds)} | ${f(r.ratioToFastestSklearn)} |`,
  ),
  '',
];
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/reduce.md', md.join('\n'));
writeFileSync('bench/results/reduce.json', JSON.stringify({ rows }, null, 2) + '\n');
console.log(md.join('\n'));
