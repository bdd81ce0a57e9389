// bench:maps-large: the large-n map strategy (fit UMAP on a sample, place the rest with its transform).
// 1. Its cost against a full fit on real data: Fashion-MNIST 60,000 × 784, full UMAP against fits on
//    10,000 and 20,000 rows with the other rows placed, quality measured the same way for all three.
// 2. A synthetic 1,000,000-point set (a 100-component Gaussian mixture in 64-d with uneven sizes and
//    spreads): wall time per stage and quality against the planted components.
// Env: MAPS_LARGE_N (default 1000000), MAPS_LARGE_FIT (default 50000), MAPS_LARGE_SKIP_FASHION=1.
import { takeRows } from '../core/common/data/takeRows.js';
import { UmapLayout } from '../core/common/embed/umapLayout.js';
import { mapQuality } from '../core/common/metrics/mapQuality.js';
import { exactKnn } from '../core/common/knn/exactKnn.js';
import { createRng, sampleIndices } from '../core/common/random.js';
import type { Matrix } from '../core/common/types.js';
import { mapKnn } from '../core/node/embed/mapKnn.js';
import { sampledUmap } from '../core/node/embed/sampledUmap.js';
import { loadFashionTrain } from './fashionMnist.js';
import { writeReport } from './report.js';

const N = Number(process.env['MAPS_LARGE_N'] ?? 1000000);
const FIT = Number(process.env['MAPS_LARGE_FIT'] ?? 50000);
const QUALITY_SAMPLE = 1000;

interface Row {
  data: string;
  strategy: string;
  seconds: number;
  knn: number;
  layout: number;
  place: number;
  t10: number;
  t15: number;
  nh10: number;
  note: string;
}
const rows: Row[] = [];

/**
 * A seeded two-level Gaussian mixture: `components` components in groups of 10 around shared group
 * centres, so that components of a group overlap a little and groups are apart; sizes ∝ 1..3 at random,
 * each component with its own scale per axis.
 */
function mixture(
  n: number,
  dim: number,
  components: number,
  seed: number,
): { data: Matrix; labels: Int32Array } {
  const rng = createRng(seed);
  const weights = Array.from({ length: components }, () => 1 + 2 * rng.next());
  const total = weights.reduce((a, b) => a + b, 0);
  const groups = Array.from({ length: Math.ceil(components / 10) }, () =>
    Float32Array.from({ length: dim }, () => 1.5 * rng.normal()),
  );
  const centres = Array.from({ length: components }, (_, c) =>
    Float32Array.from({ length: dim }, (_, j) => groups[Math.floor(c / 10)]![j]! + 0.5 * rng.normal()),
  );
  const scales = Array.from({ length: components }, () =>
    Float32Array.from({ length: dim }, () => 0.5 + rng.next()),
  );
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w / total));
  const data = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    let c = 0;
    while (c < components - 1 && cum[c]! < u) c++;
    labels[i] = c;
    const ctr = centres[c]!;
    const sc = scales[c]!;
    for (let j = 0; j < dim; j++) data[i * dim + j] = ctr[j]! + sc[j]! * rng.normal();
  }
  return { data: { data, n, dim }, labels };
}

function push(
  name: string,
  strategy: string,
  m: Matrix,
  labels: ArrayLike<number>,
  layout: Float32Array,
  s: { knn: number; layout: number; place: number },
  note: string,
): void {
  const t = performance.now();
  const q = mapQuality(m, { data: layout, n: m.n, dim: 2 }, { labels, sample: QUALITY_SAMPLE, seed: 7 });
  rows.push({
    data: name,
    strategy,
    seconds: s.knn + s.layout + s.place,
    ...s,
    t10: q.trustworthiness[10]!,
    t15: q.trustworthiness[15]!,
    nh10: q.neighbourhoodHit![10]!,
    note: `${note}; quality ${((performance.now() - t) / 1000).toFixed(0)} s`,
  });
  console.log(JSON.stringify(rows.at(-1)));
  report();
}

function report(): void {
  writeReport(
    'mapsLarge',
    'Large-n maps: fit UMAP on a sample, place the rest',
    [
      {
        title: 'Wall time per stage and quality',
        headers: [
          'data',
          'strategy',
          'seconds',
          'k-NN graph',
          'layout',
          'placing',
          'trustworthiness k=10',
          'k=15',
          'neighbourhood hit k=10',
          'notes',
        ],
        rows: rows.map((r) => [
          r.data,
          r.strategy,
          r.seconds,
          r.knn,
          r.layout,
          r.place,
          r.t10,
          r.t15,
          r.nh10,
          r.note,
        ]),
      },
    ],
    [
      `Quality: exact ranks in the original space against all rows, averaged over ${QUALITY_SAMPLE} sampled rows (seed 7); neighbourhood hit against the class (Fashion-MNIST) or the planted component (synthetic).`,
      'Sample-then-place: UMAP (umap-learn defaults, spectral start) on a seeded sample with its own k-NN graph; every other row finds its 15 nearest sampled rows in a PCA-32 space of the sample (exact scan on the worker pool, or a Vamana graph over the sample when more than 4 × sample rows are placed, with its recall measured) and is placed by UmapLayout.transform (membership-weighted start, 30 SGD epochs against the fixed map).',
      'vecscope embed uses this strategy by itself above 100,000 rows (--fit-sample auto: 50,000 rows fitted).',
    ],
    { rows, n: N, fit: FIT },
  );
}

if (process.env['MAPS_LARGE_SKIP_FASHION'] !== '1') {
  const f = await loadFashionTrain();
  console.log(`fashion-mnist ${f.data.n} × 784`);
  const t0 = performance.now();
  const g = await mapKnn(f.data, 14, 'l2', { seed: 42 });
  const t1 = performance.now();
  const full = UmapLayout.create({ knn: g.knn, data: f.data }, { seed: 42, nNeighbors: 15 }).run();
  const t2 = performance.now();
  push(
    'fashion-mnist 60k',
    'full fit',
    f.data,
    f.labels,
    full,
    { knn: (t1 - t0) / 1000, layout: (t2 - t1) / 1000, place: 0 },
    `k-NN ${g.method}`,
  );
  for (const fit of [10000, 20000]) {
    const r = await sampledUmap(f.data, 'l2', { sampleSize: fit, seed: 42 });
    push(
      'fashion-mnist 60k',
      `fit ${fit.toLocaleString('en-US')}, place the rest`,
      f.data,
      f.labels,
      r.layout,
      r.seconds,
      `init ${r.initUsed}`,
    );
  }
}

const tGen = performance.now();
const syn = mixture(N, 64, 100, 11);
console.log(`synthetic ${N} × 64 generated in ${((performance.now() - tGen) / 1000).toFixed(1)} s`);
let last = '';
const r = await sampledUmap(syn.data, 'l2', {
  sampleSize: FIT,
  seed: 42,
  onProgress: (stage, f) => {
    const line = `${stage} ${Math.floor(f * 10) * 10}%`;
    if (line !== last) console.log(line);
    last = line;
  },
});
// For scale: how often a point's 10 exact nearest neighbours in 64-d share its component.
const probe = sampleIndices(N, QUALITY_SAMPLE, createRng(7));
const exact = exactKnn(syn.data, takeRows(syn.data, probe), 11, 'l2');
let same = 0;
probe.forEach((row, t) => {
  let taken = 0;
  for (let j = 0; j < 11 && taken < 10; j++) {
    const id = exact.ids[t * 11 + j]!;
    if (id === row) continue;
    taken++;
    if (syn.labels[id] === syn.labels[row]) same++;
  }
});
const originalHit = same / (10 * probe.length);
console.log(`synthetic: 10-NN hit rate in the original 64-d space ${originalHit}`);
push(
  `synthetic ${N.toLocaleString('en-US')} × 64`,
  `fit ${FIT.toLocaleString('en-US')}, place the rest`,
  syn.data,
  syn.labels,
  r.layout,
  r.seconds,
  `init ${r.initUsed}, k-NN of the sample ${r.knnMethod}, placement search ${r.placeSearch}` +
    (r.placeRecall !== undefined ? ` (recall@15 ${r.placeRecall.toFixed(4)})` : '') +
    `; the 64-d space's own 10-NN hit rate is ${originalHit.toFixed(3)}`,
);
