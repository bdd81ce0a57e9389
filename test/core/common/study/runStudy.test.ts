import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelledError } from '../../../../core/common/errors.js';
import { expandGrid } from '../../../../core/common/study/expandGrid.js';
import { paretoFrontier } from '../../../../core/common/study/paretoFrontier.js';
import { runStudy } from '../../../../core/common/study/runStudy.js';
import { SyntheticEmbeddings } from '../../../../core/common/data/syntheticEmbeddings.js';
import type { StudyRow } from '../../../../core/common/study/studyTypes.js';
import type { Matrix } from '../../../../core/common/types.js';
import { bruteKnn, clusteredGaussian, splitRows, truncatingFitter } from '../../../helpers/fixtures.js';

const truncate = truncatingFitter;

const data = () => splitRows(clusteredGaussian(2_060, 32, 6, 9), 2_000);

test('study rows equal an independent recomputation from the returned ids', async () => {
  const { base, queries } = data();
  const k = 10;
  const pipelines = [
    'F32,Flat',
    'SQ8,Flat',
    'LVQ8,Flat',
    'LVQ4x8,Vamana(R=16,L=40)|W=20',
    'Trunc16,LVQ8,Vamana(R=16,L=40)|W=20,rerank=30,sec=F16',
    'Trunc16,F32,Flat',
    'BIN,Flat|rerank=50',
    'PQ8,Flat|rerank=40',
  ];
  const streamed: string[] = [];
  const fractions: number[] = [];
  const res = await runStudy({
    base,
    queries,
    k,
    metric: 'l2',
    pipelines,
    fitReduction: truncate,
    targetRecall: 0.9,
    onRow: (r) => streamed.push(r.pipeline),
    onProgress: (p) => fractions.push(p.fraction),
  });
  assert.deepEqual(streamed, pipelines);
  assert.equal(fractions.at(-1), 1);
  for (let i = 1; i < fractions.length; i++) assert.ok(fractions[i]! >= fractions[i - 1]!);
  const truth = bruteKnn(base, queries, k, 'l2');
  assert.ok(res.truthComputed);
  assert.deepEqual(res.truth.ids, truth);
  const byName = new Map(res.rows.map((r) => [r.pipeline, r] as [string, StudyRow]));
  for (const row of res.rows) {
    // Recall from the ids, per query and overall.
    let sum = 0;
    for (let q = 0; q < queries.n; q++) {
      const t = new Set(truth.subarray(q * k, q * k + k));
      let hit = 0;
      for (let i = 0; i < k; i++) if (t.has(row.ids[q * k + i]!)) hit++;
      assert.equal(row.perQueryRecall[q], Math.fround(hit / k));
      sum += hit / k;
    }
    assert.ok(Math.abs(row.recall - sum / queries.n) < 1e-9);
    assert.ok(row.recallLow <= row.recall + 1e-9 && row.recall <= row.recallHigh + 1e-9);
    // Neighbour loss from the ids.
    const seen = new Float64Array(base.n);
    const missed = new Float64Array(base.n);
    for (let q = 0; q < queries.n; q++) {
      const found = new Set(row.ids.subarray(q * k, q * k + k));
      for (let i = 0; i < k; i++) {
        const t = truth[q * k + i]!;
        seen[t]!++;
        if (!found.has(t)) missed[t]!++;
      }
    }
    for (let j = 0; j < base.n; j++) {
      if (seen[j] === 0) assert.ok(Number.isNaN(row.neighbourLoss[j]));
      else assert.equal(row.neighbourLoss[j], Math.fround(missed[j]! / seen[j]!));
    }
    const d = row.decomposition;
    assert.ok(
      Math.abs(1 - row.recall - (d.reduction + d.quantization + d.traversal - d.rerankRecovered)) < 1e-9,
    );
    assert.equal(row.bytesPerVector, row.primaryBytes + row.secondaryBytes);
    assert.ok(row.qps > 0 && row.buildSeconds >= 0);
  }
  assert.equal(byName.get('F32,Flat')!.recall, 1);
  assert.equal(byName.get('LVQ8,Flat')!.primaryBytes, 36);
  assert.equal(byName.get('LVQ4x8,Vamana(R=16,L=40)|W=20')!.primaryBytes, 20);
  assert.equal(byName.get('LVQ4x8,Vamana(R=16,L=40)|W=20')!.secondaryBytes, 32);
  assert.equal(byName.get('LVQ4x8,Vamana(R=16,L=40)|W=20')!.graphBytes, 64);
  const lean = byName.get('Trunc16,LVQ8,Vamana(R=16,L=40)|W=20,rerank=30,sec=F16')!;
  assert.equal(lean.primaryBytes, 20);
  assert.equal(lean.secondaryBytes, 64);
  assert.ok(lean.decomposition.reduction > 0, 'truncating to 16 of 32 dims loses recall');
  assert.ok(lean.decomposition.rerankRecovered > 0, 're-ranking wins recall back');
  assert.ok(Math.abs(byName.get('Trunc16,F32,Flat')!.recall - (1 - lean.decomposition.reduction)) < 1e-12);
  for (const r of res.rows) console.log(r.pipeline, r.recall.toFixed(3), JSON.stringify(r.decomposition));
  const bin = byName.get('BIN,Flat|rerank=50')!;
  assert.ok(bin.decomposition.rerankRecovered > 0 && bin.recall > 0.2);
  for (const kind of ['qps', 'bytes'] as const) {
    const front = res.frontier[kind];
    assert.ok(front.length >= 1);
    const value = (r: StudyRow) => (kind === 'qps' ? r.qps : -r.primaryBytes);
    for (const key of front) {
      const r = byName.get(key)!;
      for (const o of res.rows)
        assert.ok(!(value(o) > value(r) && o.recall > r.recall), `${key} dominated by ${o.pipeline}`);
    }
  }
  for (const c of res.calibration!.pipelines)
    if (c.calibrated) assert.ok(c.calibrated.startsWith(c.pipeline.split('|')[0]!));
  // The calibrated setting, run on its own as a pipeline string, reaches the target it was tuned for.
  const cal = res.calibration!.pipelines.find((c) => c.pipeline.startsWith('LVQ4x8'))!;
  assert.ok(cal.calibrated !== null && cal.W !== null);
  const rerun = await runStudy({
    base,
    queries,
    k,
    metric: 'l2',
    pipelines: [cal.calibrated],
    fitReduction: truncate,
  });
  assert.ok(rerun.rows[0]!.recall >= 0.9, `${cal.calibrated}: recall ${rerun.rows[0]!.recall}`);
  assert.ok(Math.abs(rerun.rows[0]!.recall - cal.recall) < 1e-9);
});

test('study under cosine, cancellation, grids and the frontier rule', async () => {
  const { base, queries } = data();
  const res = await runStudy({ base, queries, k: 5, metric: 'cos', pipelines: ['F32,Flat', 'F16,Flat'] });
  assert.equal(res.rows[0]!.recall, 1);
  assert.ok(res.rows[1]!.recall > 0.95);
  let calls = 0;
  await assert.rejects(
    runStudy({
      base,
      queries,
      k: 5,
      metric: 'l2',
      pipelines: ['F32,Flat', 'SQ8,Flat'],
      isCancelled: () => ++calls > 2,
    }),
    CancelledError,
  );
  assert.deepEqual(
    expandGrid({
      reductions: ['none', 'PCA'],
      dims: [8],
      quantizers: ['LVQ8'],
      indexes: ['Flat', 'Vamana'],
      W: [20, 40],
    }),
    [
      'LVQ8,Flat',
      'LVQ8,Vamana|W=20',
      'LVQ8,Vamana|W=40',
      'PCA8,LVQ8,Flat',
      'PCA8,LVQ8,Vamana|W=20',
      'PCA8,LVQ8,Vamana|W=40',
    ],
  );
  const pts = [
    { key: 'a', recall: 0.9, value: 100 },
    { key: 'b', recall: 0.95, value: 50 },
    { key: 'c', recall: 0.8, value: 60 },
    { key: 'd', recall: 0.99, value: 10 },
  ];
  assert.deepEqual(paretoFrontier(pts, true), ['a', 'b', 'd']);
  assert.deepEqual(paretoFrontier(pts, false), ['d']);
});

test('RaBitQ rows: bytes are code planes plus two f32 factors; the bound re-ranks fewer than asked', async () => {
  // Embedding-like unit rows, where RaBitQ's single centroid serves (clusteredGaussian's far-apart
  // clusters make every bound wide enough to keep all 200 candidates).
  const g = new SyntheticEmbeddings({ dim: 100, seed: 2 });
  const base: Matrix = { data: new Float32Array(3_000 * 100), n: 3_000, dim: 100 };
  const queries: Matrix = { data: new Float32Array(50 * 100), n: 50, dim: 100 };
  g.fill(base.data, 'base', 0);
  g.fill(queries.data, 'queries', 0);
  const res = await runStudy({
    base,
    queries,
    k: 10,
    metric: 'ip',
    pipelines: ['RaBitQ,Flat|rerank=200', 'RaBitQ4,Flat', 'ABIN,Flat|rerank=50', 'Trunc64,RaBitQ2,Flat'],
    fitReduction: truncatingFitter,
  });
  const [rq, rq4, abin, trunc] = res.rows;
  // 100 dims pad to 128 rotated coordinates: 16 bytes a bit plane, and 8 bytes of factors.
  assert.equal(rq!.primaryBytes, 16 + 8);
  assert.equal(rq!.bytesPerVector, 16 + 8 + 100 * 4);
  assert.equal(rq4!.bytesPerVector, 4 * 16 + 8);
  assert.equal(abin!.primaryBytes, 16 + 8);
  assert.equal(trunc!.primaryBytes, 2 * 8 + 8);
  assert.ok(rq!.reranked! >= 10 && rq!.reranked! < 200, `RaBitQ re-ranked ${rq!.reranked}`);
  assert.equal(abin!.reranked, 50);
  assert.equal(rq4!.reranked, undefined);
  assert.ok(rq!.recall >= 0.97, `RaBitQ|rerank=200 ${rq!.recall}`);
  for (const r of res.rows) assert.equal(r.error, undefined, r.pipeline);
});
