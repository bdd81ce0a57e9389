// bench:maps: UMAP of Fashion-MNIST (60,000 × 784) to 2-D with vecscope, stock umap-js and umap-learn in
// the same run: wall time and trustworthiness (exact ranks in 784-d, averaged over sampled points).
// Env: MAPS_BENCH_N (rows, default 60000), MAPS_BENCH_PEER_TIMEOUT (seconds per peer, default 1800),
// MAPS_BENCH_SKIP (comma list of peers to skip: umap-js, umap-learn).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { takeRows } from '../core/common/data/takeRows.js';
import { UmapLayout } from '../core/common/embed/umapLayout.js';
import { exactKnn } from '../core/common/knn/exactKnn.js';
import { mapQuality } from '../core/common/metrics/mapQuality.js';
import { createRng, sampleIndices } from '../core/common/random.js';
import { mapKnn } from '../core/node/embed/mapKnn.js';
import { loadFashionTrain } from './fashionMnist.js';
import { writeReport } from './report.js';

const N = Number(process.env['MAPS_BENCH_N'] ?? 60000);
const PEER_TIMEOUT = Number(process.env['MAPS_BENCH_PEER_TIMEOUT'] ?? 1800);
const SKIP = new Set((process.env['MAPS_BENCH_SKIP'] ?? '').split(',').filter(Boolean));
const QUALITY_SAMPLE = 1000;

interface Row {
  name: string;
  seconds: number | null;
  trustworthiness10: number | null;
  trustworthiness15: number | null;
  neighbourhoodHit10: number | null;
  note: string;
}

const { data, labels } = await loadFashionTrain(N);
const n = data.n;
console.log(`bench:maps: fashion-mnist ${n} × ${data.dim}`);
const quality = (y: Float32Array): ReturnType<typeof mapQuality> =>
  mapQuality(data, { data: y, n, dim: 2 }, { labels, sample: QUALITY_SAMPLE, seed: 7 });
const rows: Row[] = [];

// vecscope: k-NN graph for maps (exact up to 20,000 rows, else PCA-48 prefilter + exact re-rank),
// spectral initialisation, WASM SGD with umap-learn's defaults.
const t0 = performance.now();
const g = await mapKnn(data, 14, 'l2', { seed: 42 });
const knnSeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
const ours = UmapLayout.create({ knn: g.knn, data }, { seed: 42, nNeighbors: 15 }).run();
const layoutSeconds = (performance.now() - t1) / 1000;
const oursSeconds = (performance.now() - t0) / 1000;
const qOurs = quality(ours);
// Recall of the map's k-NN graph against the exact one, on sampled rows.
const probe = sampleIndices(n, 300, createRng(3));
const exact = exactKnn(data, takeRows(data, probe), 15, 'l2');
let hits = 0;
probe.forEach((r, t) => {
  const truth = new Set(Array.from(exact.ids.subarray(t * 15, t * 15 + 15)).filter((id) => id !== r));
  const truth14 = Array.from(truth).slice(0, 14);
  const got = new Set(g.knn.ids.subarray(r * 14, r * 14 + 14));
  for (const id of truth14) if (got.has(id)) hits++;
});
const knnRecall = hits / (14 * probe.length);
rows.push({
  name: 'vecscope',
  seconds: oursSeconds,
  trustworthiness10: qOurs.trustworthiness[10]!,
  trustworthiness15: qOurs.trustworthiness[15]!,
  neighbourhoodHit10: qOurs.neighbourhoodHit![10]!,
  note: `k-NN ${g.method} ${knnSeconds.toFixed(1)} s (recall@14 ${knnRecall.toFixed(3)}), layout ${layoutSeconds.toFixed(1)} s`,
});
console.log(JSON.stringify(rows.at(-1)));

function report(): void {
  const ref = rows[0]!.seconds!;
  writeReport(
    'maps',
    `UMAP of Fashion-MNIST (${n.toLocaleString('en-US')} × 784) to 2-D`,
    [
      {
        title: 'Wall time and quality (same run, same machine)',
        headers: [
          '',
          'seconds',
          'vs vecscope',
          'trustworthiness k=10',
          'k=15',
          'neighbourhood hit k=10',
          'notes',
        ],
        rows: rows.map((r) => [
          r.name,
          r.seconds ?? NaN,
          r.seconds === null ? '—' : `${(r.seconds / ref).toFixed(2)}×`,
          r.trustworthiness10 ?? NaN,
          r.trustworthiness15 ?? NaN,
          r.neighbourhoodHit10 ?? NaN,
          r.note,
        ]),
      },
    ],
    [
      `Quality: exact ranks in 784-d against all ${n.toLocaleString('en-US')} rows, averaged over ${QUALITY_SAMPLE} sampled rows (seed 7), for every method.`,
      'vecscope time = k-NN graph + layout (umap-learn defaults: 15 neighbours, min_dist 0.1, 200 epochs above 10,000 rows, spectral start).',
      'Peers: time of fit only, reported by the peer (umap-learn 0.5.3 with numba, parallel; umap-js 1.4.0 with its NN-descent).',
      'The machine has 2 cores shared with other jobs; timings are noisy.',
    ],
    { n, rows, knnRecall, knnSeconds, layoutSeconds },
  );
}

const input = join(tmpdir(), `vecscope-maps-bench-${process.pid}.f32`);
writeFileSync(input, data.data);
function peer(name: string, cmd: string, args: string[]): void {
  if (SKIP.has(name)) return;
  const out = join(tmpdir(), `vecscope-maps-bench-${process.pid}-${name}.f32`);
  const t = performance.now();
  const r = spawnSync(cmd, [...args, input, String(n), String(data.dim), out], {
    encoding: 'utf8',
    timeout: PEER_TIMEOUT * 1000,
    maxBuffer: 1 << 24,
  });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) {
    rows.push({
      name,
      seconds: null,
      trustworthiness10: null,
      trustworthiness15: null,
      neighbourhoodHit10: null,
      note: r.error
        ? `not finished within ${PEER_TIMEOUT} s`
        : `failed: ${(r.stderr ?? '').trim().split('\n').at(-1)}`,
    });
  } else {
    const fit = Number(r.stdout.trim().split('\n').at(-1));
    const buf = readFileSync(out);
    const q = quality(new Float32Array(buf.buffer, buf.byteOffset, n * 2));
    rows.push({
      name,
      seconds: fit,
      trustworthiness10: q.trustworthiness[10]!,
      trustworthiness15: q.trustworthiness[15]!,
      neighbourhoodHit10: q.neighbourhoodHit![10]!,
      note: `fit ${fit.toFixed(1)} s (process wall ${wall.toFixed(1)} s, includes loading)`,
    });
  }
  console.log(JSON.stringify(rows.at(-1)));
  // Written after every peer, so a slow peer still leaves the finished rows on disk.
  report();
}
peer('umap-learn', '/usr/bin/python3', [resolve('bench/py/umap_learn.py')]);
peer('umap-js', process.execPath, [resolve('dist/bench/mapsUmapJs.js')]);
report();
