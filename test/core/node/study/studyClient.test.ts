import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LinearReduction } from '../../../../core/common/reduce/reduction.js';
import { residentFloat32 } from '../../../../core/common/search/graphMemory.js';
import { runStudy } from '../../../../core/common/study/runStudy.js';
import type { Matrix } from '../../../../core/common/types.js';
import { StudyClient } from '../../../../core/node/study/studyClient.js';
import { parallelStudyParts } from '../../../../core/node/study/parallelStudyParts.js';
import { clusteredGaussian } from '../../../helpers/fixtures.js';

// The study thread adopts a resident base (the loaders allocate large ones so): its float32 index
// searches the rows in place there as it would on the thread that loaded them, fitted reductions come
// back to be cached, and the rows equal a study run here with the same parallel parts.
test('a study job on the study thread searches a resident base in place and sends its reductions back', async () => {
  const n = 4_000;
  const dim = 48;
  const all = clusteredGaussian(n + 60, dim, 8, 11);
  const data = residentFloat32(n * dim);
  data.set(all.data.subarray(0, n * dim));
  const base: Matrix = { data, n, dim };
  const queries: Matrix = { data: all.data.slice(n * dim), n: 60, dim };
  const pipelines = ['F32,Flat', 'PCA16,LVQ8,Vamana(R=16,L=40)|W=20,rerank=20'];
  const here = await runStudy({
    base: { data: all.data.subarray(0, n * dim), n, dim },
    queries,
    k: 10,
    metric: 'l2',
    pipelines,
    ...parallelStudyParts(2),
  });

  const client = new StudyClient();
  try {
    const reductions: [string, LinearReduction][] = [];
    const streamed: string[] = [];
    const res = await client.run(
      'set',
      base,
      { queries, k: 10, metric: 'l2', pipelines, threads: 2, learnKey: 'q' },
      {
        onRow: (r) => streamed.push(r.pipeline),
        onReduction: (key, r) => reductions.push([key, r]),
      },
    );
    assert.deepEqual(streamed, pipelines);
    assert.deepEqual(
      res.rows.map((r) => r.pipeline),
      pipelines,
    );
    for (let i = 0; i < pipelines.length; i++) {
      assert.equal(res.rows[i]!.recall, here.rows[i]!.recall, pipelines[i]);
      assert.deepEqual(res.rows[i]!.ids, here.rows[i]!.ids, pipelines[i]);
    }
    assert.equal(res.truthComputed, true);
    assert.deepEqual(res.truth.ids, here.truth.ids);
    assert.equal(res.memory.baseCopies, 0, JSON.stringify(res.memory));
    assert.equal(here.memory.baseCopies, 1, JSON.stringify(here.memory));
    assert.ok(res.memory.wasmBytes >= n * dim * 4);
    assert.deepEqual(
      reductions.map(([k]) => k),
      ['studyReduction:pca:16:l2:1'],
    );
    assert.equal(reductions[0]![1].outDim, 16);

    // A second job given the fitted reduction fits nothing, and a cancelled job ends as cancelled.
    const again: string[] = [];
    const res2 = await client.run(
      'set',
      base,
      { queries, k: 10, metric: 'l2', pipelines: [pipelines[1]!], threads: 2, reductions, truth: res.truth },
      { onReduction: (key) => again.push(key) },
    );
    assert.deepEqual(again, []);
    assert.equal(res2.rows[0]!.recall, res.rows[1]!.recall);
    assert.equal(res2.truthComputed, false);
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(
      client.run('set', base, { queries, k: 10, metric: 'l2', pipelines, threads: 2 }, { signal: ac.signal }),
      (e: Error) => e.name === 'CancelledError',
    );
  } finally {
    await client.close();
  }
});
