import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Result } from '../../../core/common/rpc/protocol.js';
import { initialLabState, reduceLab } from '../../../renderer/src/lab/labState.js';

test('a database verification lands in the lab state with its map paint on, and the switch turns it off', () => {
  const result: Result<'verifyPipeline'> = {
    engine: 'pglite',
    pipeline: 'F16,Flat',
    k: 10,
    nq: 2,
    recall: 0.95,
    perQueryRecall: new Float32Array([1, 0.9]),
    pointLoss: new Float32Array([0, 1, NaN]),
    ids: new Int32Array(20),
    latency: { p50Ms: 1, p95Ms: 2, meanMs: 1.2, qps: 800 },
    loadSeconds: 0.1,
    buildSeconds: 0,
    scratch: 'a scratch in-memory PGlite database (discarded afterwards)',
    notes: [],
  };
  const s0 = initialLabState();
  assert.equal(s0.verified, null);
  assert.equal(reduceLab(s0, { type: 'lab/paintVerified', on: true }), s0);
  const s1 = reduceLab(s0, {
    type: 'lab/verified',
    run: { datasetId: 'd', pipeline: 'F16,Flat', result, paint: true },
  });
  assert.equal(s1.verified?.result.recall, 0.95);
  const s2 = reduceLab(s1, { type: 'lab/paintVerified', on: false });
  assert.equal(s2.verified?.paint, false);
  assert.equal(s2.verified?.result, result);
});
