import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RpcError } from '../../../../core/common/rpc/client.js';
import { RpcClient } from '../../../../core/common/rpc/client.js';
import { decodeMessage, encodeMessage } from '../../../../core/common/rpc/codec.js';
import { EngineHost } from '../../../../core/node/host/engineHost.js';
import { connectInProcess } from '../../../../core/node/host/transports/inProcess.js';

function client(host = new EngineHost()) {
  return new RpcClient(connectInProcess(host));
}

test('opens a data set and computes a PCA layout with progress', async () => {
  const c = client();
  const summary = await c.call('open', { source: 'synthetic:2000:8:4:3' }).result;
  assert.equal(summary.n, 2000);
  assert.equal(summary.dim, 8);
  assert.deepEqual(
    summary.columns.map((x) => x.name),
    ['cluster', 'radius', 'label'],
  );
  const fractions: number[] = [];
  const layout = await c.call(
    'layout',
    { dataset: summary.id, method: 'pca', dim: 2 },
    { onProgress: (p) => fractions.push(p.fraction) },
  ).result;
  assert.ok(layout.positions instanceof Float32Array);
  assert.equal(layout.positions.length, 4000);
  assert.ok(fractions.length >= 1);
  // The map is spread out, not collapsed to a point.
  let spread = 0;
  for (const v of layout.positions) spread += v * v;
  assert.ok(spread / 4000 > 0.01);
  c.close();
});

test('knn returns exact neighbours without the point itself', async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:500:4:3:1' }).result;
  const r = await c.call('knn', { dataset: id, row: 10, k: 5 }).result;
  assert.equal(r.ids.length, 5);
  assert.ok(!Array.from(r.ids).includes(10));
  for (let i = 1; i < 5; i++) assert.ok(r.dists[i - 1]! <= r.dists[i]!);
  c.close();
});

test('rows and search answer from the metadata', async () => {
  const c = client();
  const { id } = await c.call('open', { source: 'synthetic:300:4:3:1' }).result;
  const rows = await c.call('rows', { dataset: id, rows: Int32Array.of(0, 5) }).result;
  assert.deepEqual(rows.columns, ['row', 'cluster', 'radius', 'label']);
  assert.equal(rows.values[1]![0], '5');
  assert.match(rows.values[1]![3]!, /^point 5 in cluster \d$/);
  const hits = await c.call('search', { dataset: id, text: ' POINT 17 IN' }).result;
  assert.deepEqual(Array.from(hits.rows), [17]);
  c.close();
});

test('bad requests get clear errors and the host keeps working', async () => {
  const c = client();
  await assert.rejects(
    c.call('knn', { dataset: 'nope', row: 0, k: 3 }).result,
    (e: RpcError) => e.code === 'user' && /no open data set/.test(e.message),
  );
  await assert.rejects(
    c.call('knn', { dataset: 'x', row: -1, k: 3 }).result,
    (e: RpcError) => e.code === 'invalid' && /row/.test(e.message),
  );
  const { n } = await c.call('open', { source: 'synthetic:50:2:2:1' }).result;
  assert.equal(n, 50);
  c.close();
});

test('a malformed frame is answered with a protocol error, not a crash', async () => {
  const host = new EngineHost();
  const replies: unknown[] = [];
  const conn = host.connect((f) => replies.push(decodeMessage(f)));
  conn.receive(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]).buffer);
  conn.receive(encodeMessage({ t: 'call', id: 1, method: 'hello', params: { extra: 1 } }));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal((replies[0] as { code: string }).code, 'invalid');
  assert.match((replies[1] as { message: string }).message, /extra: unexpected field/);
});

test("an unknown method is refused with the call's own id, so the caller is not left waiting", async () => {
  const host = new EngineHost();
  const replies: { t: string; id: number; code: string; message: string }[] = [];
  const conn = host.connect((f) => replies.push(decodeMessage(f) as (typeof replies)[number]));
  conn.receive(encodeMessage({ t: 'call', id: 7, method: 'nope', params: {} }));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(replies.length, 1);
  assert.equal(replies[0]!.t, 'error');
  assert.equal(replies[0]!.id, 7);
  assert.equal(replies[0]!.code, 'invalid');
  assert.match(replies[0]!.message, /method/);

  // Through the client: the call is rejected rather than pending forever.
  const c = client(host);
  const waited = new Promise<string>((r) => setTimeout(() => r('no answer in 2 s'), 2000));
  const answer = c.call('nope' as 'hello', {}).result.then(
    () => 'resolved',
    (e: RpcError) => `${e.code}: ${e.message}`,
  );
  assert.match(await Promise.race([answer, waited]), /^invalid: .*method/);

  // A bad call reusing a running job's id must not fail that job's caller: it is answered with id 0.
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  };
  conn.receive(
    encodeMessage({ t: 'call', id: 1, method: 'open', params: { source: 'synthetic:3000:16:6:5' } }),
  );
  await until(() => replies.some((r) => r.t === 'result'));
  const dataset = (replies.find((r) => r.t === 'result') as unknown as { value: { id: string } }).value.id;
  conn.receive(
    encodeMessage({ t: 'call', id: 2, method: 'layout', params: { dataset, method: 'umap', dim: 2 } }),
  );
  await until(() => replies.some((r) => r.t === 'progress' && r.id === 2));
  replies.length = 0;
  conn.receive(encodeMessage({ t: 'call', id: 2, method: 'nope', params: {} }));
  conn.receive(encodeMessage({ t: 'cancel', id: 2 }));
  await until(() => replies.some((r) => r.t === 'error' && r.id === 2));
  const errors = replies.filter((r) => r.t === 'error');
  assert.deepEqual(
    errors.map((r) => [r.id, r.code]),
    [
      [0, 'invalid'],
      [2, 'cancelled'],
    ],
  );
  c.close();
  await host.close();
});

test('a UMAP job streams partial layouts and can be cancelled', async () => {
  const c = client();
  // Cancel on the first progress event, not after a delay: a fast machine may finish a small layout first.
  const { id } = await c.call('open', { source: 'synthetic:3000:16:6:5' }).result;
  let progress = 0;
  const job = c.call(
    'layout',
    { dataset: id, method: 'umap', dim: 2 },
    {
      onProgress: () => {
        if (progress++ === 0) job.cancel();
      },
    },
  );
  await assert.rejects(job.result, (e: RpcError) => e.code === 'cancelled');
  assert.ok(progress > 0);
  // The host still answers afterwards.
  const hello = await c.call('hello', {}).result;
  assert.ok(hello.capabilities.includes('knn'));
  c.close();
});

test('the crash hook is refused unless test hooks are on', async () => {
  const c = client();
  await assert.rejects(c.call('crash', {}).result, /disabled/);
  let exited = -1;
  const hooked = client(new EngineHost({ testHooks: true, exit: (code) => (exited = code) }));
  await hooked.call('crash', {}).result;
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(exited, 70);
  c.close();
  hooked.close();
});

test('heavy jobs run off the host thread: neighbours answer while a UMAP job is still running', async () => {
  const host = new EngineHost();
  const c = client(host);
  const { id } = await c.call('open', { source: 'synthetic:3000:16:6:5' }).result;
  let umapDone = false;
  const job = c.call('layout', { dataset: id, method: 'umap', dim: 2 });
  const settled = job.result.then(
    () => (umapDone = true),
    () => (umapDone = true),
  );
  const r = await c.call('knn', { dataset: id, row: 1, k: 3 }).result;
  assert.equal(r.ids.length, 3);
  assert.equal(umapDone, false, 'the neighbour query waited for the UMAP job');
  job.cancel();
  await settled;
  await assert.rejects(job.result, (e: RpcError) => e.code === 'cancelled');
  c.close();
  await host.close();
});

test('clusters come back as labels with names, and t-SNE streams a layout', async () => {
  const host = new EngineHost();
  const c = client(host);
  const { id } = await c.call('open', { source: 'synthetic:600:8:4:9' }).result;
  const meta = await c.call('metadata', { dataset: id }).result;
  const truth = meta.columns.find((col) => col.name === 'cluster');
  assert.ok(truth?.type === 'category');
  const r = await c.call('cluster', { dataset: id, method: 'kmeans', k: 4, seed: 1 }).result;
  assert.equal(r.labels.length, 600);
  assert.equal(r.names.length, 4);
  // Purity against the generator's blobs (well separated, so k-means should recover them).
  let agree = 0;
  for (let c0 = 0; c0 < 4; c0++) {
    const counts = new Map<number, number>();
    r.labels.forEach(
      (l, i) => l === c0 && counts.set(truth.codes[i]!, (counts.get(truth.codes[i]!) ?? 0) + 1),
    );
    agree += Math.max(0, ...counts.values());
  }
  assert.ok(agree / 600 > 0.9, `purity ${agree / 600}`);
  const t = await c.call('layout', { dataset: id, method: 'tsne', dim: 2 }).result;
  assert.equal(t.positions.length, 1200);
  assert.ok(t.positions.every((v) => Number.isFinite(v)));
  c.close();
  await host.close();
});

test('the data set panel spectrum gives shares of the whole variance, largest first', async () => {
  const c = client();
  // 100-d clusters: 64 axes cannot hold all of the variance, so the shares must sum below 1.
  const { id } = await c.call('open', { source: 'synthetic:1500:100:6:3' }).result;
  const { spectrum } = await c.call('analyze', { dataset: id }).result;
  assert.equal(spectrum.length, 64);
  let sum = 0;
  for (let i = 0; i < spectrum.length; i++) {
    sum += spectrum[i]!;
    if (i > 0) assert.ok(spectrum[i]! <= spectrum[i - 1]! + 1e-6);
  }
  assert.ok(sum > 0.5 && sum < 0.9999, `64 of 100 axes hold ${sum} of the variance`);
  c.close();
});

test('map settings change the UMAP and t-SNE maps, are cached per setting, and bad ones are refused', async () => {
  const host = new EngineHost();
  const c = client(host);
  const { id } = await c.call('open', { source: 'synthetic:800:12:5:7' }).result;
  // Returns the positions and how many progress events the job sent (none when it was cached).
  const layout = async (extra: Record<string, number>, method: 'umap' | 'tsne' = 'umap') => {
    let events = 0;
    const r = await c.call(
      'layout',
      { dataset: id, method, dim: 2, ...extra },
      { onProgress: () => events++ },
    ).result;
    assert.equal(r.positions.length, 1600);
    assert.ok(r.positions.every((v) => Number.isFinite(v)));
    return { positions: Array.from(r.positions), events };
  };
  const diff = (a: number[], b: number[]) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;

  const plain = await layout({ epochs: 100 });
  const tight = await layout({ neighbors: 8, minDist: 0, epochs: 100 });
  const wide = await layout({ neighbors: 8, minDist: 0.8, epochs: 100 });
  assert.ok(plain.events > 0 && tight.events > 0 && wide.events > 0);
  assert.ok(diff(plain.positions, tight.positions) > 0.01, 'neighbors/minDist did not change the map');
  assert.ok(diff(tight.positions, wide.positions) > 0.01, 'minDist did not change the map');
  // Asked again, each setting comes straight from the cache: the same map and no computation.
  const again = await layout({ neighbors: 8, minDist: 0, epochs: 100 });
  assert.equal(again.events, 0);
  assert.deepEqual(again.positions, tight.positions);
  const plainAgain = await layout({ epochs: 100 });
  assert.equal(plainAgain.events, 0);
  assert.deepEqual(plainAgain.positions, plain.positions);
  // The app's default neighbourhood is 15, the point included: asking for it explicitly gives the same map.
  const fifteen = await layout({ neighbors: 15, epochs: 100 });
  assert.deepEqual(fifteen.positions, plain.positions);

  const tsneDefault = await layout({ epochs: 300 }, 'tsne');
  const tsneLow = await layout({ perplexity: 5, epochs: 300 }, 'tsne');
  assert.ok(diff(tsneDefault.positions, tsneLow.positions) > 0.01, 'perplexity did not change the map');
  assert.equal((await layout({ perplexity: 5, epochs: 300 }, 'tsne')).events, 0);

  await assert.rejects(
    c.call('layout', { dataset: id, method: 'umap', dim: 2, neighbors: 1 }).result,
    (e: RpcError) =>
      e.code === 'invalid' && e.message === 'params.neighbors: expected an integer in 2..200, got 1',
  );
  await assert.rejects(
    c.call('layout', { dataset: id, method: 'tsne', dim: 2, perplexity: 500 }).result,
    (e: RpcError) =>
      e.code === 'invalid' && /perplexity: expected a number in 2\.\.200, got 500/.test(e.message),
  );
  c.close();
  await host.close();
});

// Web mode's memory: 12 open/disconnect cycles used to keep 12 copies. A data set no connection holds
// is released after the grace period; a page reloading within it gets the same data set back.
test('data sets no connection holds are released after a grace period; a reload within it reuses them', async () => {
  const host = new EngineHost({ releaseGraceMs: 150 });
  const registry = host.state.datasets;
  const source = 'synthetic:400:4:3:1';
  for (let cycle = 0; cycle < 4; cycle++) {
    const c = client(host);
    const { id } = await c.call('open', { source }).result;
    assert.ok((await c.call('knn', { dataset: id, row: 1, k: 3 }).result).ids.length === 3);
    c.close();
  }
  // Each reopen within the grace period found the first copy.
  assert.equal(registry.size, 1);
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(registry.size, 0, 'released once no connection held it');

  // A second connection that uses the data set keeps it after the first one closes.
  const a = client(host);
  const b = client(host);
  const { id } = await a.call('open', { source }).result;
  await b.call('rows', { dataset: id, rows: Int32Array.of(0) }).result;
  a.close();
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(registry.size, 1);
  assert.equal((await b.call('rows', { dataset: id, rows: Int32Array.of(2) }).result).values.length, 1);
  b.close();
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(registry.size, 0);
  await host.close();
});
