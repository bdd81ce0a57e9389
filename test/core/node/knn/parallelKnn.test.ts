import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactKnn } from '../../../../core/common/knn/exactKnn.js';
import { METRICS } from '../../../../core/common/types.js';
import { createKnnPool, parallelExactKnn } from '../../../../core/node/knn/parallelKnn.js';
import { toShared } from '../../../../core/node/pool/toShared.js';
import { randomMatrix } from '../../../helpers/fixtures.js';

test('parallel exact k-NN equals the single-threaded result (query split and row split)', async () => {
  const base = randomMatrix(5000, 24, 1);
  for (let i = 0; i < 50; i++) base.data.copyWithin((i * 97 + 13) * 24, i * 24, (i + 1) * 24);
  const many = randomMatrix(700, 24, 2);
  const few = randomMatrix(3, 24, 3);
  const pool = createKnnPool(2);
  try {
    for (const metric of METRICS) {
      for (const queries of [many, few]) {
        const fractions: number[] = [];
        const got = await parallelExactKnn(base, queries, 17, metric, {
          pool,
          onProgress: (f) => fractions.push(f),
        });
        assert.deepEqual(got, exactKnn(base, queries, 17, metric), `${metric} nq=${queries.n}`);
        assert.equal(fractions.at(-1), 1);
      }
    }
    const tiny = randomMatrix(5, 24, 4);
    assert.deepEqual(await parallelExactKnn(tiny, few, 8, 'l2', { pool }), exactKnn(tiny, few, 8, 'l2'));
  } finally {
    await pool.close();
  }
});

test('parallel k-NN with its own pool, and cancellation', async () => {
  const base = toShared(randomMatrix(20000, 64, 5));
  const queries = toShared(randomMatrix(2000, 64, 6));
  assert.equal(toShared(base), base, 'already shared: no copy');
  const small = { data: queries.data.subarray(0, 64 * 40), n: 40, dim: 64 };
  assert.deepEqual(
    await parallelExactKnn(base, small, 5, 'ip', { threads: 2 }),
    exactKnn(base, small, 5, 'ip'),
  );
  const ctl = new AbortController();
  const run = parallelExactKnn(base, queries, 10, 'l2', {
    threads: 2,
    signal: ctl.signal,
    onProgress: () => ctl.abort(),
  });
  await assert.rejects(run, { name: 'CancelledError' });
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(parallelExactKnn(base, small, 5, 'l2', { signal: pre.signal }), {
    name: 'CancelledError',
  });
});

test('a task that throws rejects with the same kind of error, and the pool keeps working', async () => {
  const pool = createKnnPool(1);
  try {
    const base = toShared(randomMatrix(10, 4, 1));
    const task = { base, queries: base, k: 0, metric: 'l2', queryRange: [0, 2], rowRange: [0, 10] };
    await assert.rejects(pool.run(task), { name: 'VecscopeError', message: /k must be a positive integer/ });
    const ok = await pool.run<{ ids: Int32Array }>({ ...task, k: 1 });
    assert.deepEqual(ok.ids, new Int32Array([0, 1]));
  } finally {
    await pool.close();
  }
});

test('a closed pool rejects new tasks', async () => {
  const pool = createKnnPool(1);
  await pool.close();
  await assert.rejects(pool.run({}), { name: 'CancelledError' });
});
