import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RpcClient, type RpcError } from '../../../../core/common/rpc/client.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';

const GRAPH = 'F32,Vamana(R=32,L=100)|W=40';
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

// The host runs in this thread (in-process transport), as it runs in its own process in the app: while
// a study builds a graph for seconds, hover (rows), click-for-neighbours (knn) and search must keep
// answering, which they can only do if the study runs on another thread; and a cancel must end the job
// within a second, in the middle of the graph build.
test('a study runs off the serving thread: requests answer in under 100 ms (p95) during a graph build, cancel ends it within 1 s', async () => {
  const host = new EngineHost();
  const c = new RpcClient(connectInProcess(host));
  const { id, n } = await c.call('open', { source: 'synthetic:20000:64:12:3' }).result;
  let graphStarted = 0;
  let done = false;
  const t0 = performance.now();
  const job = c.call(
    'study',
    { dataset: id, pipelines: [GRAPH], k: 10, querySet: 'base', maxQueries: 200 },
    {
      onProgress: (p) => {
        if (!graphStarted && /graph/.test(p.stage)) graphStarted = performance.now();
      },
    },
  );
  const finished = job.result.finally(() => (done = true));
  const lat: Record<'rows' | 'knn' | 'search', number[]> = { rows: [], knn: [], search: [] };
  let duringGraph = 0;
  for (let i = 0; !done; i++) {
    const kind = (['rows', 'knn', 'search'] as const)[i % 3]!;
    const row = (i * 7919) % n;
    const s = performance.now();
    if (kind === 'rows') await c.call('rows', { dataset: id, rows: Int32Array.of(row) }).result;
    else if (kind === 'knn') await c.call('knn', { dataset: id, row, k: 10 }).result;
    else await c.call('search', { dataset: id, text: `c${i % 12}` }).result;
    lat[kind].push(performance.now() - s);
    if (graphStarted && !done) duringGraph++;
    await new Promise((r) => setTimeout(r, 10));
  }
  const res = await finished;
  const seconds = (performance.now() - t0) / 1000;
  assert.equal(res.rows.length, 1);
  assert.ok(res.rows[0]!.recall > 0.8, `recall ${res.rows[0]!.recall}`);
  const all = [...lat.rows, ...lat.knn, ...lat.search];
  const p95 = percentile(all, 0.95);
  console.log(
    `study ${seconds.toFixed(1)} s; ${all.length} requests (${duringGraph} after the graph build began): ` +
      `p50 ${percentile(all, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${Math.max(...all).toFixed(1)} ms; ` +
      `p95 rows ${percentile(lat.rows, 0.95).toFixed(1)}, knn ${percentile(lat.knn, 0.95).toFixed(1)}, search ${percentile(lat.search, 0.95).toFixed(1)} ms`,
  );
  assert.ok(
    duringGraph >= 20,
    `only ${duringGraph} requests overlapped the graph build: the study was too quick`,
  );
  assert.ok(p95 < 100, `p95 latency ${p95.toFixed(1)} ms during a study`);

  // Cancel in the middle of a graph build (the job's Study is new, so the graph is built again).
  let building = false;
  const again = c.call(
    'study',
    { dataset: id, pipelines: [GRAPH], k: 10, querySet: 'base', maxQueries: 200 },
    {
      onProgress: (p) => {
        if (/graph/.test(p.stage) && p.fraction > 0.1) building = true;
      },
    },
  );
  while (!building) await new Promise((r) => setTimeout(r, 5));
  const cancelAt = performance.now();
  again.cancel();
  await assert.rejects(again.result, (e: RpcError) => e.code === 'cancelled');
  const cancelMs = performance.now() - cancelAt;
  console.log(`cancel took ${cancelMs.toFixed(0)} ms`);
  assert.ok(cancelMs < 1000, `cancel took ${cancelMs.toFixed(0)} ms`);

  // The study thread is still usable after a cancel.
  const small = await c.call('study', {
    dataset: id,
    pipelines: ['SQ8,Flat'],
    k: 10,
    querySet: 'base',
    maxQueries: 50,
  }).result;
  assert.equal(small.rows.length, 1);
  c.close();
  await host.close();
});
