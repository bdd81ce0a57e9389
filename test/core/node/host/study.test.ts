import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RpcClient, type RpcError } from '../../../../core/common/rpc/client.js';
import type { WireStudyRow } from '../../../../core/common/rpc/protocol.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';

const client = () => new RpcClient(connectInProcess(new EngineHost()));

test('study streams one row per pipeline with progress, loss per base row and a frontier', async () => {
  const c = client();
  const { id, n } = await c.call('open', { source: 'synthetic:1500:32:6:2' }).result;
  const partials: WireStudyRow[] = [];
  const fractions: number[] = [];
  const res = await c.call(
    'study',
    {
      dataset: id,
      pipelines: ['F32,Flat', 'PCA8,SQ8,Flat'],
      grid: { reductions: ['PCA'], dims: [4], quantizers: ['LVQ8'], indexes: ['Flat'] },
      k: 10,
      querySet: 'base',
      maxQueries: 100,
    },
    { onPartial: (p) => partials.push(p.row), onProgress: (p) => fractions.push(p.fraction) },
  ).result;
  assert.deepEqual(
    res.rows.map((r) => r.pipeline),
    ['F32,Flat', 'PCA8,SQ8,Flat', 'PCA4,LVQ8,Flat'],
  );
  assert.equal(partials.length, 3);
  assert.ok(fractions.length >= 1 && fractions.every((f) => f >= 0 && f <= 1));
  const [exact, pca8, pca4] = res.rows as [WireStudyRow, WireStudyRow, WireStudyRow];
  // A flat scan of the full vectors is exact: no loss anywhere.
  assert.equal(exact.recall, 1);
  assert.equal(exact.neighbourLoss.length, n);
  for (const v of exact.neighbourLoss) assert.ok(Number.isNaN(v) || v === 0);
  // Fewer dimensions lose more, and the decomposition telescopes to 1 − recall.
  assert.ok(pca4.recall < pca8.recall, `${pca4.recall} vs ${pca8.recall}`);
  for (const r of res.rows) {
    const d = r.decomposition;
    assert.ok(
      Math.abs(d.reduction + d.quantization + d.traversal - d.rerankRecovered - (1 - r.recall)) < 1e-6,
    );
    assert.equal(r.ids.length, res.nq * res.k);
    assert.ok(r.recallLow <= r.recall && r.recall <= r.recallHigh);
  }
  assert.ok(pca4.bytesPerVector < exact.bytesPerVector);
  // The smallest pipeline and the exact one always lie on the recall-vs-bytes frontier.
  const smallest = res.rows.reduce((a, b) => (b.bytesPerVector < a.bytesPerVector ? b : a));
  assert.ok(res.frontier.bytes.includes(smallest.pipeline));
  assert.ok(res.frontier.bytes.includes('F32,Flat'));
  c.close();
});

test('study refuses bad pipelines and the sample-only query sets on other data', async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:300:8:3:1' }).result;
  await assert.rejects(
    c.call('study', { dataset: id, pipelines: ['Nope,Flat'], k: 5, querySet: 'base' }).result,
    (e: RpcError) => e.code === 'user' && /bad pipeline/.test(e.message),
  );
  await assert.rejects(
    c.call('study', { dataset: id, pipelines: ['F32,Flat'], k: 5, querySet: 'ood' }).result,
    (e: RpcError) => e.code === 'user' && /sample/.test(e.message),
  );
  await assert.rejects(
    c.call('study', { dataset: id, k: 5, querySet: 'base' } as never).result,
    (e: RpcError) => e.code === 'user' && /no pipelines/.test(e.message),
  );
  c.close();
});

test('a study can be cancelled between pipelines', async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:3000:32:6:2' }).result;
  let rows = 0;
  const call = c.call(
    'study',
    {
      dataset: id,
      grid: {
        reductions: ['PCA'],
        dims: [4, 8, 12, 16, 20, 24],
        quantizers: ['SQ8', 'LVQ8'],
        indexes: ['Flat'],
      },
      k: 10,
      querySet: 'base',
      maxQueries: 200,
    },
    {
      onPartial: () => {
        if (++rows === 1) call.cancel();
      },
    },
  );
  await assert.rejects(call.result, (e: RpcError) => e.code === 'cancelled');
  assert.ok(rows < 12, `${rows} rows arrived after the cancel`);
  c.close();
});

test('studyQueries scores held-in queries near 1 and far-away ones high', async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:2000:16:5:4' }).result;
  const r = await c.call('studyQueries', { dataset: id, querySet: 'base', maxQueries: 50, k: 10 }).result;
  assert.equal(r.nq, 50);
  assert.equal(r.neighbours.length, 500);
  assert.equal(r.labels.length, 50);
  const sorted = Array.from(r.ood).sort((a, b) => a - b);
  const median = sorted[25]!;
  // Base rows as queries are typical of the base: median ratio close to 1.
  assert.ok(median > 0.6 && median < 1.5, `median OOD score ${median}`);
  assert.ok(r.baseP95 >= 1);
  c.close();
});

test('query-aware reductions learn from held-out queries; the projection export hands out the studied matrices', async () => {
  const c = client();
  const { id, dim } = await c.call('open', { source: 'synthetic:1200:24:4:3' }).result;
  const res = await c.call('study', {
    dataset: id,
    pipelines: ['LeanVecOOD8,F32,Flat', 'PCA8,F32,Flat'],
    k: 10,
    metric: 'ip',
    querySet: 'base',
    maxQueries: 100,
  }).result;
  assert.equal(res.rows.length, 2);
  for (const r of res.rows) assert.ok(r.recall > 0.2 && r.recall <= 1, `${r.pipeline} ${r.recall}`);
  const proj = await c.call('studyProjection', {
    dataset: id,
    pipeline: 'PCA8,F32,Flat',
    metric: 'ip',
    querySet: 'base',
    maxQueries: 100,
  }).result;
  assert.equal(proj.inDim, dim);
  assert.equal(proj.outDim, 8);
  assert.equal(proj.data.length, dim * 8);
  assert.equal(proj.query.length, dim * 8);
  const again = await c.call('studyProjection', { dataset: id, pipeline: 'PCA8,F32,Flat', metric: 'ip' })
    .result;
  assert.deepEqual(Array.from(again.data), Array.from(proj.data), 'the same fit is handed out again');
  await assert.rejects(
    c.call('studyProjection', { dataset: id, pipeline: 'SQ8,Flat' }).result,
    (e: RpcError) => e.code === 'user' && /no reduction/.test(e.message),
  );
  c.close();
});

test('a re-ranking graph row carries rerankTraversal over the wire (the schema accepts it)', async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:1500:32:6:2' }).result;
  const res = await c.call('study', {
    dataset: id,
    pipelines: ['PCA8,LVQ8,Vamana(R=8,L=20)|W=10,rerank=20', 'PCA8,LVQ8,Flat|rerank=20'],
    k: 10,
    querySet: 'base',
    maxQueries: 50,
  }).result;
  const [graph, flat] = res.rows as [WireStudyRow, WireStudyRow];
  assert.equal(flat.decomposition.rerankTraversal, undefined);
  assert.ok(Math.abs(graph.decomposition.rerankTraversal! - (flat.recall - graph.recall)) < 1e-12);
  c.close();
});

test("a pipeline that cannot run gets a row with its error, in the app's words, and the sweep goes on under the chosen metric", async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:1500:32:6:2' }).result;
  const partials: WireStudyRow[] = [];
  const res = await c.call(
    'study',
    {
      dataset: id,
      pipelines: ['F32,Flat', 'LeanVecOOD8,F32,Flat', 'PCA64,F32,Flat', 'SQ8,Flat'],
      k: 10,
      metric: 'l2',
      querySet: 'base',
      maxQueries: 100,
    },
    { onPartial: (p) => partials.push(p.row) },
  ).result;
  assert.equal(res.metric, 'l2');
  assert.deepEqual(
    partials.map((r) => r.pipeline),
    ['F32,Flat', 'LeanVecOOD8,F32,Flat', 'PCA64,F32,Flat', 'SQ8,Flat'],
  );
  const [exact, lean, pca, sq8] = res.rows as [WireStudyRow, WireStudyRow, WireStudyRow, WireStudyRow];
  assert.equal(exact.recall, 1);
  assert.ok(sq8.recall > 0.5 && sq8.error === undefined);
  assert.match(
    lean.error!,
    /LeanVec-OOD models inner products, not l2 distances; use PCA8 \(LeanVec-ID\) under l2/,
  );
  assert.match(pca.error!, /cannot reduce 32-d vectors to 64 dimensions/);
  for (const r of [lean, pca]) {
    // Sent as null over the wire, read back as "not measured".
    assert.ok(Number.isNaN(r.recall) && Number.isNaN(r.qps) && r.qpsBatch === null);
    assert.equal(r.ids.length, 0);
    assert.doesNotMatch(r.error!, /--|leanvec-ood/);
  }
  assert.ok(!res.frontier.bytes.includes(lean.pipeline) && !res.frontier.qps.includes(pca.pipeline));
  c.close();
});

test("the app's query-set errors name no internal value or CLI option", async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:300:8:3:1' }).result;
  for (const querySet of ['ood', 'dataset'] as const)
    await assert.rejects(
      c.call('study', { dataset: id, pipelines: ['F32,Flat'], k: 5, querySet }).result,
      (e: RpcError) =>
        e.code === 'user' && /choose .*base rows as queries/.test(e.message) && !/"|--/.test(e.message),
    );
  c.close();
});
